"""The validity-fixture format: a header naming what was judged, then the judged variants.

One file per transform × mode × source,
``tests/transforms/validity/<transform>.<mode>.<source>.jsonl``. Its first line is the
header::

    {"header": {"transform": "negation", "mode": "default", "source": "nli-core",
                "params": {}, "fields": ["hypothesis"], "suite_seed": 13,
                "draw_seed": 123456789, "splits": ["train", "test"], "population": 70,
                "source_digest": "…", "drawn": "2025-01-31",
                "kind": "perturbation", "only_gold": ["entailment"], "source_params": {}}}

``kind`` (the test kind that applies the transform), ``only_gold`` (the gold labels a
test perturbs; empty: all) and ``source_params`` (a generator source's parameters) say
how the suite makes the variants; ``population`` is how many variants exist in the
pooled ``splits`` (an estimate, when the header has ``examples_read``: the sample was
drawn example by example, ``populations.draw_by_examples``, because making every variant
is too slow); ``source_digest`` is ``harness.cache.derived.behaviour_digest`` of the code that
makes them, when the sample was drawn; ``population_digest``
(``populations.population_digest``) is a digest of every variant the draw chose from
(the pooled population, or, with ``examples_read``, the variants of the first
``examples_read`` examples of the source shuffled with the draw seed), made by the code
that was judged.

A changed ``source_digest`` fails the fixture test: the sample no longer speaks for the
code. After a pure refactor (the code changed, what it makes did not),
``scripts/validity_sample.py --restamp FIXTURE...`` makes that population again
(``populations.restamp``): only when its digest equals the recorded
``population_digest`` and every judged variant's hash is unchanged does it write the new
``source_digest``; otherwise it refuses with one line saying the variants changed and a
redraw with a new seed and a re-judge are needed. A header without a
``population_digest`` cannot be restamped.

Every further line is one judged variant::

    {"split": "test", "id": "nli-core/test:nc-test-0005", "variant": 0,
     "hash": "c0a6f81e8ead", "verdict": "invalid", "why": "…"}

``id`` is the parent example's id as a suite loads it, ``variant`` the index among the
variants the suite keeps for it, ``hash`` ``harness.core.stable_id(variant.fields)``.
``verdict`` is ``valid`` or ``invalid`` (blank until judged), ``why`` says what is wrong
with every invalid one. No sentence is stored: the variants are regenerated from the
source (third-party text such as SICK's stays outside the repository).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

#: A fixture judges at least this many variants, or all of them where fewer exist.
MIN_JUDGED = 60
#: The share of judged variants that must be valid.
MIN_VALID = 0.95
VERDICTS = ("valid", "invalid")
#: ``mode`` of a transform without modes.
DEFAULT_MODE = "default"


class FixtureError(ValueError):
    """A fixture file that cannot be read: names the file and line."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")


@dataclass(frozen=True)
class Usage:
    """How a suite applies a transform: what makes the variants a fixture judges."""

    transform: str
    mode: str
    source: str
    params: Mapping[str, Any] = field(default_factory=dict)
    fields: tuple[str, ...] = ()
    suite_seed: int = 0
    kind: str = "perturbation"
    only_gold: tuple[str, ...] = ()
    source_params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.transform, self.mode, self.source)

    def settings(self) -> dict[str, Any]:
        """Everything but the names: what must match between a fixture and a suite."""
        return {
            "kind": self.kind,
            "params": dict(self.params),
            "fields": list(self.fields),
            "suite_seed": self.suite_seed,
            "only_gold": sorted(self.only_gold),
            "source_params": dict(self.source_params),
        }


@dataclass(frozen=True)
class FixtureHeader:
    """What was judged (``usage``) and how the sample was drawn."""

    usage: Usage
    draw_seed: int
    splits: tuple[str, ...]
    population: int
    source_digest: str | None
    drawn: str
    #: Drawn by examples (``populations.draw_by_examples``): ``population`` is then an
    #: estimate from the first ``examples_read`` examples of the shuffled source.
    examples_read: int | None = None
    #: ``populations.population_digest`` of every variant the draw chose from, made by
    #: the code that was judged: what a refactor must make again to be restamped.
    population_digest: str | None = None

    @property
    def population_estimated(self) -> bool:
        return self.examples_read is not None

    def to_json(self) -> dict[str, Any]:
        usage = self.usage
        return {
            "transform": usage.transform,
            "mode": usage.mode,
            "source": usage.source,
            "params": dict(usage.params),
            "fields": list(usage.fields),
            "suite_seed": usage.suite_seed,
            "draw_seed": self.draw_seed,
            "splits": list(self.splits),
            "population": self.population,
            "source_digest": self.source_digest,
            "drawn": self.drawn,
            "kind": usage.kind,
            "only_gold": list(usage.only_gold),
            "source_params": dict(usage.source_params),
            **({} if self.examples_read is None else {"examples_read": self.examples_read}),
            **(
                {}
                if self.population_digest is None
                else {"population_digest": self.population_digest}
            ),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FixtureHeader:
        usage = Usage(
            transform=str(data["transform"]),
            mode=str(data["mode"]),
            source=str(data["source"]),
            params=dict(data.get("params") or {}),
            fields=tuple(data["fields"]),
            suite_seed=int(data["suite_seed"]),
            kind=str(data.get("kind", "perturbation")),
            only_gold=tuple(data.get("only_gold") or ()),
            source_params=dict(data.get("source_params") or {}),
        )
        return cls(
            usage=usage,
            draw_seed=int(data["draw_seed"]),
            splits=tuple(data["splits"]),
            population=int(data["population"]),
            source_digest=data.get("source_digest"),
            drawn=str(data["drawn"]),
            examples_read=None if data.get("examples_read") is None else int(data["examples_read"]),
            population_digest=data.get("population_digest"),
        )


@dataclass(frozen=True)
class JudgedVariant:
    """One sampled variant and the judge's verdict on it."""

    split: str
    id: str
    variant: int
    hash: str
    verdict: str = ""
    why: str = ""

    def to_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "split": self.split,
            "id": self.id,
            "variant": self.variant,
            "hash": self.hash,
            "verdict": self.verdict,
        }
        if self.why:
            row["why"] = self.why
        return row


@dataclass(frozen=True)
class Fixture:
    header: FixtureHeader
    rows: tuple[JudgedVariant, ...]

    @property
    def judged(self) -> int:
        return len(self.rows)

    @property
    def valid(self) -> int:
        return sum(row.verdict == "valid" for row in self.rows)

    def with_rows(self, rows: Sequence[JudgedVariant]) -> Fixture:
        return replace(self, rows=tuple(rows))


def fixture_name(transform: str, mode: str, source: str) -> str:
    """``<transform>.<mode>.<source>.jsonl``."""
    return f"{transform}.{mode}.{source}.jsonl"


def read_fixture(path: Path) -> Fixture:
    """The fixture in ``path``; a malformed line raises ``FixtureError`` naming it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines:
        raise FixtureError(path, 1, "empty file; the first line must be the header")
    try:
        first = json.loads(lines[0])
        header = FixtureHeader.from_json(first["header"])
    except (ValueError, KeyError, TypeError) as error:
        raise FixtureError(path, 1, f"not a fixture header ({error})") from None
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        try:
            data = json.loads(line)
            rows.append(
                JudgedVariant(
                    split=str(data["split"]),
                    id=str(data["id"]),
                    variant=int(data["variant"]),
                    hash=str(data["hash"]),
                    verdict=str(data.get("verdict", "")),
                    why=str(data.get("why", "")),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise FixtureError(path, number, f"not a judged variant ({error})") from None
    return Fixture(header, tuple(rows))


def write_fixture(path: Path, fixture: Fixture) -> None:
    lines = [json.dumps({"header": fixture.header.to_json()}, ensure_ascii=False)]
    lines.extend(json.dumps(row.to_json(), ensure_ascii=False) for row in fixture.rows)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def fixture_files(directory: Path) -> list[Path]:
    """The fixture files in ``directory`` (``<transform>.<mode>.<source>.jsonl``)."""
    return sorted(path for path in directory.glob("*.*.*.jsonl"))


def verdict_problems(fixture: Fixture) -> list[str]:
    """What the judged rows fail of the rules, without regenerating anything:

    every row judged (``valid``/``invalid``), a reason for each invalid one, no variant
    twice, at least ``MIN_JUDGED`` rows or all of a smaller population, and at least
    ``MIN_VALID`` of them valid.
    """
    problems = []
    population = fixture.header.population
    for row in fixture.rows:
        if row.verdict not in VERDICTS:
            problems.append(f"{row.id}#{row.variant}: not judged (verdict {row.verdict!r})")
        elif row.verdict == "invalid" and not row.why.strip():
            problems.append(f"{row.id}#{row.variant}: invalid without a reason")
    keys = [(row.split, row.id, row.variant) for row in fixture.rows]
    if len(set(keys)) != len(keys):
        problems.append("a variant is listed twice")
    if fixture.judged < min(MIN_JUDGED, population):
        problems.append(
            f"{fixture.judged} judged of {population} variants: "
            f"judge at least {MIN_JUDGED}, or all of them where fewer exist"
        )
    if fixture.judged > population and not fixture.header.population_estimated:
        problems.append(f"{fixture.judged} judged but the header says {population} exist")
    if fixture.judged and fixture.valid / fixture.judged < MIN_VALID:
        problems.append(
            f"{fixture.valid}/{fixture.judged} valid ({fixture.valid / fixture.judged:.1%}), "
            f"below {MIN_VALID:.0%}"
        )
    return problems


def changed_since_judged(fixture: Fixture, current_digest: str | None) -> str | None:
    """The failure message when the code that makes the variants changed, else None."""
    if fixture.header.source_digest == current_digest and current_digest is not None:
        return None
    return (
        f"{fixture.header.usage.transform} changed since its fixture was judged: "
        "redraw with a new seed and re-judge"
    )
