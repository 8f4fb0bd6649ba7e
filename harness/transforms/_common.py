"""Helpers every transform shares: variant construction, word spans, case keeping.

A variant is built once, here, so that every transform records its origin the same
way: ``id = stable_id(parent id, transform name, params, index, perturbed fields)``,
``parent_id`` = the parent's id, and a ``TransformRecord`` with the parameters and a
human-readable description. The caller (the perturbation test kind) fills in the
record's ``seed`` (``"{suite seed}:{transform name}:{parent id}"``), because only it
knows the suite seed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel

from harness.core import Example, TransformRecord, stable_id

#: Word tokens: letters with an optional inner apostrophe part ("don't", "Mary's").
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")

#: Marker for "copy the parent's target" in ``make_variant``.
KEEP_TARGET: Any = object()


def params_of(options: BaseModel) -> dict[str, Any]:
    """The options as JSON-ready parameters (what a ``TransformRecord`` stores)."""
    return options.model_dump(mode="json")


def make_variant(
    parent: Example,
    *,
    name: str,
    options: BaseModel,
    index: int,
    fields: Mapping[str, str],
    description: str,
    target: Any = KEEP_TARGET,
) -> Example:
    """A variant of ``parent`` with ``fields`` replacing the parent's fields of the same name."""
    params = params_of(options)
    new_fields = {**parent.fields, **fields}
    return replace(
        parent,
        id=stable_id(parent.id, name, params, index, new_fields),
        fields=new_fields,
        target=parent.target if target is KEEP_TARGET else target,
        parent_id=parent.id,
        transform=TransformRecord(name=name, params=params, description=description),
    )


@dataclass(frozen=True)
class Draft:
    """A variant before it is built: its index among the transform's variants (part of
    its id), the fields it changes, what it changed, and its target (the parent's unless
    the transform sets one)."""

    index: int
    fields: Mapping[str, str]
    description: str
    target: Any = KEEP_TARGET


def build_variants(
    parent: Example, name: str, options: BaseModel, drafts: Iterable[Draft]
) -> list[Example]:
    """The drafts as variants of ``parent`` (``make_variant``), in order, without repeats."""
    made = [
        make_variant(
            parent,
            name=name,
            options=options,
            index=draft.index,
            fields=draft.fields,
            description=draft.description,
            target=draft.target,
        )
        for draft in drafts
    ]
    return dedupe_variants(parent, made)


def present_fields(example: Example, fields: Sequence[str]) -> list[str]:
    """The requested fields the example has, in the requested order."""
    return [name for name in fields if isinstance(example.fields.get(name), str)]


def describe_changes(changes: Sequence[tuple[str, str]], limit: int = 6) -> str:
    """``[("Mary", "Aisha")]`` -> ``"'Mary' → 'Aisha'"`` (the first ``limit``, then a count)."""
    unique = list(dict.fromkeys(changes))
    text = ", ".join(f"'{old}' → '{new}'" for old, new in unique[:limit])
    if len(unique) > limit:
        text += f" (+{len(unique) - limit} more)"
    return text


def match_case(template: str, word: str) -> str:
    """``word`` with the capitalisation of ``template`` (lower, Title or UPPER)."""
    if len(template) > 1 and template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def splice(text: str, edits: Sequence[tuple[int, int, str]]) -> str:
    """Replace non-overlapping ``(start, end, new)`` spans of ``text``."""
    pieces = []
    position = 0
    for start, end, new in sorted(edits):
        pieces.append(text[position:start])
        pieces.append(new)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def dedupe_variants(parent: Example, variants: Sequence[Example]) -> list[Example]:
    """Drop variants identical to the parent or to an earlier variant."""
    seen = {tuple(sorted(parent.fields.items()))}
    kept = []
    for variant in variants:
        key = tuple(sorted(variant.fields.items()))
        if key not in seen:
            seen.add(key)
            kept.append(variant)
    return kept
