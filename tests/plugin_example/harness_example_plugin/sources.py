"""A data source (``premise | hypothesis | label`` lines) and a generator (mirrored pairs)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field

from harness.core import Example, stable_id
from harness.data.base import LoadContext
from harness.errors import DataError
from harness.options import Options
from harness.resources import Resource
from harness.seeding import rng_for


class PipeSource:
    """``{source: example_pipes, path: pairs.txt}``: one ``premise | hypothesis | label`` a line."""

    description: ClassVar[str] = "premise | hypothesis | label lines in a text file"

    class Options(Options):
        source: Literal["example_pipes"]
        path: str

    @staticmethod
    def resources(options: Options, where: str, base_dir: Path) -> Iterator[Resource]:
        path = base_dir / options.path
        yield Resource("data", f"{where}: {path}", path.is_file(), "file not found")

    def load(self, options: Options, context: LoadContext) -> list[Example]:
        path = context.base_dir / options.path
        examples = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) != 3:
                raise DataError("expected premise | hypothesis | label", path=path, line=number)
            premise, hypothesis, label = parts
            fields = {
                "premise": context.task.parse_field("premise", premise),
                "hypothesis": context.task.parse_field("hypothesis", hypothesis),
            }
            try:
                target = context.task.parse_target(label, fields, {})
            except ValueError as error:
                raise DataError(str(error), path=path, line=number) from None
            examples.append(
                Example(
                    id=stable_id("example_pipes", options.path, number),
                    fields=fields,
                    target=target,
                )
            )
        return examples


SUBJECTS = ("A farmer", "The child", "Two nurses", "An old sailor", "The band")
ACTIONS = ("sings", "waits by the door", "reads the paper", "crosses the bridge")


class MirrorGenerator:
    """A sentence as its own hypothesis (entailment) or denied (contradiction)."""

    description: ClassVar[str] = "a sentence and itself (entailment) or its denial (contradiction)"

    class Options(Options):
        n: int = Field(default=12, gt=0)

    def generate(self, options: Options, seed: int) -> list[Example]:
        examples = []
        for index in range(options.n):
            rng = rng_for(seed, "example_mirror", str(index))
            sentence = f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)}."
            denied = index % 2 == 1
            hypothesis = (
                f"It is not true that {sentence[0].lower()}{sentence[1:]}" if denied else sentence
            )
            examples.append(
                Example(
                    id=stable_id("example_mirror", index),
                    fields={"premise": sentence, "hypothesis": hypothesis},
                    target="contradiction" if denied else "entailment",
                    meta={"mirror": "denied" if denied else "same"},
                )
            )
        return examples
