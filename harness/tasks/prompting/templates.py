"""Prompt templates: Jinja2 files from ``prompts/`` with their verbalizers in a header.

A template is one ``.j2`` file. Its first lines are a Jinja comment holding YAML::

    {#-
    description: GPT-3 style "Question: ... True, False or Neither?"
    task: nli
    verbalizers:
      entailment: [" True"]
      neutral: [" Neither"]
      contradiction: [" False"]
    -#}
    {{ premise }}
    Question: {{ hypothesis }} True, False or Neither?
    Answer:

The rest renders an item's fields into the prompt (StrictUndefined: a field the item
lacks is an error naming the template file and line). Verbalizers are continuations
scored after the prompt; several words per label have their probabilities summed.
**Leading space**: write the space a word has in running text (``" True"``); BPE
tokenizers encode " True" and "True" differently, and lm-evaluation-harness scores
the target after a space too. Multiple-choice templates say ``choices: text`` (each
choice, after a space, is the continuation) or ``choices: letters`` (" A", " B", ...).
``unconditional`` (default ``"Answer:"``) is the context for ``acc_pmi``; ``optional``
lists fields the template guards with ``is defined`` (items may lack them).

Templates are named by their path under ``prompts/`` without ``.j2`` (``nli/gpt3``),
or by a path to a ``.j2`` file of your own.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from harness.errors import PromptError

HEADER = re.compile(r"\A\{#-?(.*?)-?#\}", re.DOTALL)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
HEADER_KEYS = {
    "description",
    "task",
    "verbalizers",
    "choices",
    "model",
    "unconditional",
    "optional",
}


@dataclass(frozen=True)
class PromptTemplate:
    """A loaded template: its name, file, verbalizers and the compiled Jinja template."""

    name: str
    path: Path
    description: str
    task: str
    # label -> verbalizer words (classification); empty for multiple choice.
    verbalizers: Mapping[str, tuple[str, ...]]
    # multiple choice: "text" or "letters"; "" for classification.
    choices: str = ""
    model: str = "causal"
    unconditional: str = "Answer:"
    fields: frozenset[str] = frozenset()
    # Fields the template tests with ``is defined`` (items may lack them).
    optional: frozenset[str] = frozenset()
    compiled: Any = field(default=None, compare=False, repr=False)

    def render(self, values: Mapping[str, Any]) -> str:
        """The prompt for one item; a missing field names this file and line."""
        from jinja2 import TemplateError, UndefinedError

        try:
            return str(self.compiled.render(**values))
        except UndefinedError as error:
            raise PromptError(
                f"{self.path}:{_template_line(error, self.path)}: {error.message}; "
                f"the item has fields: {', '.join(sorted(values)) or 'none'}"
            ) from None
        except TemplateError as error:
            raise PromptError(f"{self.path}:{_template_line(error, self.path)}: {error}") from None

    def choice_continuations(self, choices: list[str]) -> list[str]:
        """Multiple choice: the continuation scored for each choice."""
        if self.choices == "letters":
            return [f" {LETTERS[i]}" for i in range(len(choices))]
        return [f" {choice}" for choice in choices]


def _template_line(error: Exception, path: Path) -> int | str:
    """The template line Jinja's rewritten traceback points at (``?`` when it has none)."""
    line = getattr(error, "lineno", None)
    if isinstance(line, int):
        return line
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if Path(frame.filename) == path and frame.lineno is not None:
            return frame.lineno
    return "?"


def prompts_root() -> Path:
    """The shipped templates: ``prompts/`` in a checkout, ``harness/prompts`` when installed."""
    return Path(str(resources.files("harness.prompts")))


def template_names() -> list[str]:
    """Every shipped template, as ``folder/name``."""
    root = prompts_root()
    return sorted(str(path.relative_to(root).with_suffix("")) for path in root.rglob("*.j2"))


def resolve_template_path(name: str, base_dir: Path | None = None) -> Path:
    if name.endswith(".j2"):
        path = Path(name)
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        if not path.is_file():
            raise PromptError(f"prompt template file '{name}' does not exist")
        return path.resolve()
    path = prompts_root() / f"{name}.j2"
    if not path.is_file():
        from harness.registry import did_you_mean

        known = template_names()
        raise PromptError(
            f"unknown prompt '{name}'{did_you_mean(name, known)}; known: {', '.join(known)}"
        )
    return path


def load_template(name: str, base_dir: Path | None = None) -> PromptTemplate:
    """The template ``name`` (a shipped name or a ``.j2`` path); errors name the file."""
    return _load(resolve_template_path(name, base_dir), name)


@cache
def _load(path: Path, name: str) -> PromptTemplate:
    from jinja2 import Environment, StrictUndefined, TemplateSyntaxError, meta

    source = path.read_text(encoding="utf-8")
    match = HEADER.match(source)
    header: Any = {}
    if match:
        try:
            header = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as error:
            raise PromptError(f"{path}: the header is not valid YAML: {error}") from None
    if not isinstance(header, dict):
        raise PromptError(f"{path}: the header must be a YAML mapping")
    unknown = sorted(set(header) - HEADER_KEYS)
    if unknown:
        raise PromptError(
            f"{path}: unknown header key '{unknown[0]}'; keys: {', '.join(sorted(HEADER_KEYS))}"
        )
    environment = Environment(
        undefined=StrictUndefined, keep_trailing_newline=False, autoescape=False
    )
    try:
        referenced = meta.find_undeclared_variables(environment.parse(source))
        # Compiled under the file's name, so tracebacks (and errors) point at its lines.
        code = environment.compile(source, filename=str(path))
    except TemplateSyntaxError as error:
        raise PromptError(f"{path}:{error.lineno}: {error.message}") from None
    compiled = environment.template_class.from_code(environment, code, environment.globals)
    verbalizers = {
        str(label): _words(path, label, words)
        for label, words in (header.get("verbalizers") or {}).items()
    }
    choices = str(header.get("choices", ""))
    if choices not in {"", "text", "letters"}:
        raise PromptError(f"{path}: choices must be 'text' or 'letters', not '{choices}'")
    if not verbalizers and not choices:
        raise PromptError(f"{path}: the header needs verbalizers (or choices: text|letters)")
    return PromptTemplate(
        name=name,
        path=path,
        description=str(header.get("description", "")),
        task=str(header.get("task", "")),
        verbalizers=verbalizers,
        choices=choices,
        model=str(header.get("model", "causal")),
        unconditional=str(header.get("unconditional", "Answer:")),
        fields=frozenset(referenced),
        optional=frozenset(str(name) for name in header.get("optional") or ()),
        compiled=compiled,
    )


def _words(path: Path, label: Any, words: Any) -> tuple[str, ...]:
    values = [words] if isinstance(words, str) else words
    if not isinstance(values, list) or not values:
        raise PromptError(f"{path}: verbalizers of '{label}' must be a word or a list of words")
    checked = tuple(str(word) for word in values)
    for word in checked:
        if not word.strip():
            raise PromptError(f"{path}: a verbalizer of '{label}' is empty ({word!r})")
    return checked


def check_verbalizers(
    verbalizers: Mapping[str, tuple[str, ...]], labels: tuple[str, ...], where: str
) -> None:
    """Every suite label needs at least one word; words of unknown labels are errors."""
    for label in labels:
        if label not in verbalizers:
            raise PromptError(f"{where}: no verbalizer for label '{label}'")
    for label in verbalizers:
        if label not in labels:
            raise PromptError(
                f"{where}: verbalizer for '{label}', which is not a suite label "
                f"({', '.join(labels)})"
            )
    for label, words in verbalizers.items():
        for word in words:
            if not word.strip():
                raise PromptError(f"{where}: a verbalizer of '{label}' is empty ({word!r})")
