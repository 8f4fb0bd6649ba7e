"""Consistent term swaps: each distinct term maps to one replacement, in every field.

"Mary met John. / Mary saw John." becomes "Aisha met Omar. / Aisha saw Omar.": the same
replacement everywhere, so the relation between the fields is unchanged. Replacements
keep the term's type (the caller's ``candidates``) and never reuse a term already in the
example, so two entities never collapse into one. Used by the name, place and number
swaps.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Collection, Sequence
from typing import Any

from harness.core import Example
from harness.transforms._common import (
    KEEP_TARGET,
    Draft,
    build_variants,
    describe_changes,
    present_fields,
)


def term_pattern(terms: Sequence[str], flags: int = 0) -> re.Pattern[str]:
    ordered = sorted(terms, key=len, reverse=True)  # "Mexico City" before "Mexico"
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, ordered))})(?!\w)", flags)


def swap_consistently(
    example: Example,
    *,
    name: str,
    options: Any,
    rng: random.Random,
    fields: Sequence[str],
    pattern: re.Pattern[str],
    key: Callable[[str], str],
    candidates: Callable[[str, random.Random], list[str]],
    n_variants: int,
    render: Callable[[str, str], str] = lambda old, new: new,
    target: Any = None,
    keep_target: bool = True,
    exclude: Collection[str] = (),
    plan: Callable[[list[str], set[str], random.Random], dict[str, str]] | None = None,
) -> list[Example]:
    """Variants in which each term matched by ``pattern`` in ``fields`` is replaced consistently.

    ``key`` normalises a matched term (how terms are compared), ``candidates(term, rng)``
    lists possible replacement keys for a term, ``render(matched text, replacement)``
    writes a replacement in the matched text's form (case, thousands separators).
    Each field is rewritten in one pass, so a replacement is never itself replaced.
    ``plan(found terms, taken terms, rng)``, when given, makes the whole mapping at once
    (for swaps whose terms constrain each other); an empty mapping makes no variant.
    """
    names = present_fields(example, fields)
    found: list[str] = []
    for field in names:
        for match in pattern.finditer(example.fields[field]):
            if key(match.group()) not in found:
                found.append(key(match.group()))
    if not found:
        return []
    # Terms anywhere in the example (unperturbed fields too) are never used as replacements.
    taken = {key(m.group()) for text in example.fields.values() if isinstance(text, str)
             for m in pattern.finditer(text)} | set(exclude)  # fmt: skip
    drafts = []
    for index in range(n_variants):
        mapping: dict[str, str] = {}
        used = set(taken)
        if plan is not None:
            mapping = plan(found, used, rng)
        for term in found if plan is None else ():
            choices = [c for c in candidates(term, rng) if c not in used]
            if choices:
                mapping[term] = rng.choice(choices)
                used.add(mapping[term])
        if not mapping:
            continue
        changes: list[tuple[str, str]] = []
        new_fields = {}
        for field in names:
            text = example.fields[field]

            def substitute(
                match: re.Match[str], changes: list = changes, mapping: dict = mapping
            ) -> str:
                old = match.group()
                new_key = mapping.get(key(old))
                if new_key is None:
                    return old
                new = render(old, new_key)
                changes.append((old, new))
                return new

            changed = pattern.sub(substitute, text)
            if changed != text:
                new_fields[field] = changed
        if not new_fields:
            continue
        draft_target = KEEP_TARGET if keep_target else target
        drafts.append(Draft(index, new_fields, describe_changes(changes), draft_target))
    return build_variants(example, name, options, drafts)
