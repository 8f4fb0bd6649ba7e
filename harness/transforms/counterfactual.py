"""Counterfactual swaps: change who a text is about, and nothing else.

    example ──detect groups per attribute (all fields)──▶ source groups
            ──swap(targets)──▶ variant with every term of each attribute rewritten

Attributes: ``gender`` (gendered words, pronouns and first names' gender),
``ethnicity`` (first names perceived as white, Black, Hispanic or Asian, gender kept),
``religion``, ``nationality`` and ``age``. Swapping ``gender`` and ``ethnicity``
together gives intersectional groups (a name changes in both at once).

Rules, each covered by a test with exact strings:

* whole words only (a name inside a longer word never changes); capitalisation and
  possessives ("Emily's" -> "Jamal's") are kept; "a"/"an" agrees with the new word;
* ``her`` becomes ``his`` before a noun phrase and ``him`` otherwise; ``his`` becomes
  ``her`` before a noun phrase and ``hers`` otherwise (the part of speech is read from
  the next word);
* the same word maps to the same word in every field of an item, and two different
  names never map to the same name;
* nationality and religion words change only where they name people ("the German
  student", "Germans", "a German was"), age adjectives only before a noun for a person
  and not after a possessive ("my old teacher"); "Mrs"/"Miss" become "Mr";
* an item whose terms belong to more than one group of an attribute ("the man and the
  woman") or to none is not swapped, and neither is one with a cue of its group that the
  swap cannot rewrite (harness/transforms/counterfactual_cues.py: "girl" or "elderly"
  beside "young man", "a word of German", "an Indian headdress", "bearded"): it is
  excluded and counted with its reason, never a pass.

Lists and their provenance: harness/transforms/counterfactual_lexicon.py.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Literal

from pydantic import Field

from harness.core import Example, TransformRecord
from harness.options import Options
from harness.transforms import counterfactual_lexicon as lexicon
from harness.transforms._common import match_case
from harness.transforms.articles import fix_articles
from harness.transforms.base import Variants
from harness.transforms.counterfactual_cues import (
    age_adjective_of_a_person,
    blocking_cue,
    group_word_of_a_person,
    unlisted_names,
    word_matches,
)
from harness.transforms.wordlists import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES

ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "gender": lexicon.GENDER_GROUPS,
    "ethnicity": lexicon.ETHNICITY_GROUPS,
    "religion": lexicon.RELIGION_GROUPS,
    "nationality": lexicon.NATIONALITY_GROUPS,
    "age": lexicon.AGE_GROUPS,
}


# word (lower case) -> (attribute, group, how to rewrite it)
_GENDER_WORDS: dict[str, tuple[str, int]] = {}
for _male, _female in lexicon.GENDER_PAIRS:
    _GENDER_WORDS[_male] = ("male", 0)
    _GENDER_WORDS[_female] = ("female", 1)
_PAIR_BY_WORD = {w: pair for pair in lexicon.GENDER_PAIRS for w in pair}
_PRONOUNS = {"his": "male", "him": "male", "her": "female", "hers": "female"}

# Names: the lexicon's (gender, ethnicity) cells, plus the older same-gender swap lists
# (gender only) so a gender swap never leaves a known name with the wrong pronoun.
_NAME_CELL: dict[str, tuple[str, str | None]] = {}
for _name in FEMALE_FIRST_NAMES:
    _NAME_CELL[_name] = ("female", None)
for _name in MALE_FIRST_NAMES:
    _NAME_CELL[_name] = ("male", None)
for (_gender, _ethnicity), _names in lexicon.FIRST_NAMES.items():
    for _name in _names:
        _NAME_CELL[_name] = (_gender, _ethnicity)


def _forms_index(
    forms: Mapping[str, tuple[str, str | None, str | None]],
) -> dict[str, tuple[str, str]]:
    """word (lower) -> (group, form) where form is adjective, singular or plural."""
    index: dict[str, tuple[str, str]] = {}
    for group, (adjective, singular, plural) in forms.items():
        index[adjective.lower()] = (group, "adjective")
        if singular and singular.lower() != adjective.lower():
            index[singular.lower()] = (group, "singular")
        if plural:
            index[plural.lower()] = (group, "plural")
    return index


_RELIGION_WORDS = _forms_index(lexicon.RELIGION_FORMS)
_NATIONALITY_WORDS = _forms_index(lexicon.NATIONALITY_FORMS)
_AGE_ADJECTIVES = {
    w: (lexicon.AGE_GROUPS[i], pair)
    for pair in lexicon.AGE_ADJECTIVE_PAIRS
    for i, w in enumerate(pair)
}
_AGE_NOUNS = {
    w: (lexicon.AGE_GROUPS[i], pair) for pair in lexicon.AGE_NOUN_PAIRS for i, w in enumerate(pair)
}


@dataclass(frozen=True)
class Term:
    """One swappable word found in a field."""

    field: str
    start: int
    end: int
    word: str
    attribute: str  # for names: "name" (gender and ethnicity both live in the name)
    group: str  # the group (names: "gender/ethnicity"; ethnicity "" when unknown)


def _next_word(text: str, end: int) -> str | None:
    """The word right after ``end`` (spaces only between), or None (punctuation, end)."""
    match = re.match(r"\s+([A-Za-z]+)", text[end:])
    return match.group(1).lower() if match else None


def find_terms(fields: Mapping[str, Any], names: Sequence[str]) -> list[Term]:
    """Every swappable word in the named text fields, in order."""
    terms = []
    for field, text, match in word_matches(fields, names):
        word = match.group(0)
        lower = word.lower()
        start, end = match.span()
        term = None
        if word in _NAME_CELL:
            gender, ethnicity = _NAME_CELL[word]
            term = ("name", f"{gender}/{ethnicity or ''}")
        elif lower in _PRONOUNS:
            term = ("gender", _PRONOUNS[lower])
        elif lower in _GENDER_WORDS:
            # "Mr" only as a title, "male"/"female" in any use: both are gendered.
            term = ("gender", _GENDER_WORDS[lower][0])
        elif lower == "mrs" or (word == "Miss" and re.match(r"\s+[A-Z]", text[end:])):
            term = ("gender", "female")
        elif lower in _RELIGION_WORDS and word[0].isupper():
            # Only a word for people: "a Hindu temple" is a thing (a cue, not a term).
            group, form = _RELIGION_WORDS[lower]
            if group_word_of_a_person(text, start, end, form):
                term = ("religion", group)
        elif lower in _NATIONALITY_WORDS and word[0].isupper():
            # Only people: "a word of German" or "an Indian headdress" stay out.
            group, form = _NATIONALITY_WORDS[lower]
            if group_word_of_a_person(text, start, end, form):
                term = ("nationality", group)
        elif lower in _AGE_ADJECTIVES and age_adjective_of_a_person(text, start, end):
            term = ("age", _AGE_ADJECTIVES[lower][0])
        elif lower in _AGE_NOUNS:
            term = ("age", _AGE_NOUNS[lower][0])
        if term is not None:
            terms.append(Term(field, start, end, word, term[0], term[1]))
    return terms


def groups_of(terms: Sequence[Term], attribute: str) -> set[str]:
    """The groups of ``attribute`` that the terms mention (names count for gender and ethnicity)."""
    found = set()
    for term in terms:
        if term.attribute == attribute:
            found.add(term.group)
        elif term.attribute == "name":
            gender, ethnicity = term.group.split("/")
            if attribute == "gender":
                found.add(gender)
            elif attribute == "ethnicity" and ethnicity:
                found.add(ethnicity)
    return found


def _gender_word(term: Term, text: str, target: str) -> str:
    lower = term.word.lower()
    following = _next_word(text, term.end)
    determiner = following is not None and following not in lexicon.NOT_AFTER_DETERMINER
    if lower == "her":  # female -> male
        return "his" if determiner else "him"
    if lower == "hers":
        return "his"
    if lower in lexicon.FEMALE_TITLES:
        return lexicon.FEMALE_TITLES[lower]
    if lower == "his":  # male -> female
        return "her" if determiner else "hers"
    if lower == "him":
        return "her"
    male, female = _PAIR_BY_WORD[lower]
    return female if target == "female" else male


def _form_word(
    term: Term,
    text: str,
    target: str,
    index: Mapping[str, tuple[str, str]],
    forms: Mapping[str, tuple[str, str | None, str | None]],
) -> str:
    _, form = index[term.word.lower()]
    adjective, singular, plural = forms[target]
    if form == "plural":
        return plural or f"{adjective} people"
    following = _next_word(text, term.end)
    if form == "adjective" and following is not None and following not in lexicon.NOT_NOUNS:
        return adjective  # "a Muslim family" -> "a Sikh family"
    # A noun ("a Muslim.", "the Christian was"): the target's noun, or "<adj> person".
    return singular or f"{adjective} person"


class NamePicker:
    """Target names for one item: the same name always maps to the same name, and
    two different names never share one."""

    def __init__(self, rng: random.Random, avoid: set[str]) -> None:
        self.rng = rng
        self.mapping: dict[str, str] = {}
        self.used = set(avoid)

    def pick(self, name: str, gender: str, ethnicity: str | None) -> str | None:
        if name in self.mapping:
            return self.mapping[name]
        if ethnicity is None:
            pool = list(FEMALE_FIRST_NAMES if gender == "female" else MALE_FIRST_NAMES)
        else:
            pool = list(lexicon.FIRST_NAMES[(gender, ethnicity)])
        candidates = [n for n in pool if n not in self.used and n != name]
        if not candidates:
            return None
        chosen = self.rng.choice(sorted(candidates))
        self.mapping[name] = chosen
        self.used.add(chosen)
        return chosen


@dataclass(frozen=True)
class SwapResult:
    """A swapped example, or why there is none (``excluded``: a reason to count)."""

    example: Example | None
    source_groups: Mapping[str, str]
    excluded: str | None = None
    changes: tuple[tuple[str, str], ...] = ()


_GROUP_WORDS = {"nationality": _NATIONALITY_WORDS, "religion": _RELIGION_WORDS}


def _rewrites(term: Term, attribute: str) -> bool:
    """Whether a swap of ``attribute`` rewrites ``term`` (names carry gender and ethnicity)."""
    if term.attribute == "name":
        return attribute in ("gender", "ethnicity")
    return term.attribute == attribute


def source_groups(
    example: Example, attributes: Sequence[str], fields: Sequence[str]
) -> tuple[dict[str, str], str | None]:
    """Each attribute's one group in the example, or the reason it cannot be swapped."""
    terms = find_terms(example.fields, fields)
    found: dict[str, str] = {}
    for attribute in attributes:
        groups = groups_of(terms, attribute)
        if attribute == "ethnicity" and any(
            t.attribute == "name" and t.group.endswith("/") for t in terms
        ):
            return {}, "names without a perceived-ethnicity list"
        if not groups:
            return {}, f"nothing to swap ({attribute})"
        if len(groups) > 1:
            return {}, f"mixed groups ({attribute}: {', '.join(sorted(groups))})"
        cue = blocking_cue(
            example.fields,
            fields,
            attribute,
            {(t.field, t.start) for t in terms if _rewrites(t, attribute)},
            _GROUP_WORDS.get(attribute),
        )
        if cue is not None:
            return {}, cue
        found[attribute] = next(iter(groups))
    if "gender" in attributes and unlisted_names(example.fields, fields):
        return {}, "a capitalised word that may be an unlisted name"
    return found, None


def swap_example(
    example: Example,
    targets: Mapping[str, str],
    fields: Sequence[str],
    rng: random.Random,
) -> SwapResult:
    """``example`` with every term of each attribute in ``targets`` moved to its target group.

    >>> import random
    >>> e = Example("x", {"premise": "He thanked his aunt.", "hypothesis": "He was polite."})
    >>> swap_example(e, {"gender": "female"}, ["premise", "hypothesis"], random.Random(0)).example.fields
    {'premise': 'She thanked her uncle.', 'hypothesis': 'She was polite.'}
    """
    groups, reason = source_groups(example, list(targets), fields)
    if reason is not None:
        return SwapResult(None, {}, reason)
    terms = find_terms(example.fields, fields)
    existing_names = {t.word for t in terms if t.attribute == "name"}
    picker = NamePicker(rng, existing_names)
    new_fields = dict(example.fields)
    changes: list[tuple[str, str]] = []
    for field in fields:
        text = example.fields.get(field)
        if not isinstance(text, str):
            continue
        pieces: list[str] = []
        cursor = 0
        replaced: dict[int, str] = {}  # start offset in the new text -> new word
        for term in (t for t in terms if t.field == field):
            new = _replacement(term, text, targets, groups, picker)
            if new is None:
                continue
            if new == "\0":
                return SwapResult(None, groups, "not enough names to swap")
            new = match_case(term.word, new)
            pieces.append(text[cursor : term.start])
            replaced[sum(len(p) for p in pieces)] = new
            pieces.append(new)
            cursor = term.end
            changes.append((term.word, new))
        pieces.append(text[cursor:])
        new_fields[field] = fix_articles("".join(pieces), replaced)
    if not changes:
        return SwapResult(None, groups, "nothing to swap")
    description = ", ".join(f"'{a}' -> '{b}'" for a, b in dict(changes).items())
    variant = replace(
        example,
        id=f"{example.id}~{'+'.join(targets[a] for a in sorted(targets))}",
        fields=new_fields,
        parent_id=example.id,
        transform=TransformRecord(
            name="counterfactual",
            params={"targets": dict(targets)},
            description=description,
        ),
    )
    return SwapResult(variant, groups, None, tuple(changes))


def _replacement(
    term: Term,
    text: str,
    targets: Mapping[str, str],
    groups: Mapping[str, str],
    picker: NamePicker,
) -> str | None:
    """The new word for ``term``; None to keep it; "\\0" when no name is left."""
    if term.attribute == "name":
        gender, ethnicity = term.group.split("/")
        if "gender" not in targets and "ethnicity" not in targets:
            return None
        new_gender = targets.get("gender", gender)
        new_ethnicity = targets.get("ethnicity", ethnicity or None)
        if new_gender == gender and (new_ethnicity or "") == ethnicity:
            return None
        picked = picker.pick(term.word, new_gender, new_ethnicity)
        return "\0" if picked is None else picked
    target = targets.get(term.attribute)
    if target is None or target == groups.get(term.attribute):
        return None
    if term.attribute == "gender":
        return _gender_word(term, text, target)
    if term.attribute == "religion":
        return _form_word(term, text, target, _RELIGION_WORDS, lexicon.RELIGION_FORMS)
    if term.attribute == "nationality":
        return _form_word(term, text, target, _NATIONALITY_WORDS, lexicon.NATIONALITY_FORMS)
    lower = term.word.lower()
    index = lexicon.AGE_GROUPS.index(target)
    if lower in _AGE_ADJECTIVES:
        return _AGE_ADJECTIVES[lower][1][index]
    return _AGE_NOUNS[lower][1][index]


@dataclass(frozen=True)
class Family:
    """An item's counterfactual copies, one per other group combination, or why none."""

    groups: Mapping[str, str]
    copies: tuple[Example, ...] = ()
    excluded: str | None = None


def swap_family(
    example: Example,
    attributes: Sequence[str],
    groups: Sequence[Sequence[str]],
    fields: Sequence[str],
    rng_of: Callable[[str], random.Random],
) -> Family:
    """``example`` swapped to every combination of ``groups`` (one list per attribute, in
    ``itertools.product`` order) but its own, as the ``counterfactual`` test kind makes a
    family; ``rng_of("female+Black")`` is the RNG of one combination. An item whose own
    group is not among ``groups``, or one that a swap cannot be made for, has no copies:
    the reason is counted."""
    found, reason = source_groups(example, attributes, fields)
    if reason is None and any(found[a] not in g for a, g in zip(attributes, groups, strict=True)):
        reason = "group not among the test's groups"
    if reason is not None:
        return Family({}, (), reason)
    own = tuple(found[a] for a in attributes)
    copies = []
    for combination in itertools.product(*groups):
        if combination == own:
            continue
        targets = dict(zip(attributes, combination, strict=True))
        result = swap_example(example, targets, fields, rng_of("+".join(combination)))
        if result.example is None:
            return Family(found, (), f"a swap failed for one group: {result.excluded}")
        copies.append(replace(result.example, meta={**example.meta, **targets}))
    return Family(found, tuple(copies))


# --- the transforms (registry TRANSFORMS) -----------------------------------------------


class SwapOptions(Options):
    """``to``: target groups (default: every group but the item's own)."""

    to: list[str] | None = Field(default=None, min_length=1)


def _transform_class(attribute: str, description: str) -> type:
    groups = ATTRIBUTES[attribute]
    what = description

    class AttributeSwapOptions(SwapOptions):
        to: list[Literal[groups]] | None = Field(default=None, min_length=1)  # type: ignore[valid-type]

    class AttributeSwap:
        __doc__ = f"Counterfactual {attribute} swap, consistent across fields, both directions."
        description: ClassVar[str] = what
        Options = AttributeSwapOptions

        def apply(
            self, example: Example, options: Any, rng: random.Random, fields: Sequence[str]
        ) -> list[Example]:
            found, reason = source_groups(example, [attribute], fields)
            if reason is not None:
                if reason.startswith("nothing to swap"):
                    return []  # skipped: the item is not about anyone of this attribute
                return Variants([], Counter({reason: 1}))  # left out, counted with why
            wanted = options.to or list(groups)
            variants = []
            for target in wanted:
                if target == found[attribute]:
                    continue
                result = swap_example(example, {attribute: target}, fields, rng)
                if result.example is not None:
                    meta = {
                        **example.meta,
                        "group": target,
                        "group_original": found[attribute],
                    }
                    variants.append(replace(result.example, meta=meta))
            return variants

    AttributeSwap.__name__ = f"{attribute.capitalize()}SwapTransform"
    return AttributeSwap


GenderSwapTransform = _transform_class(
    "gender", "gendered words, pronouns (by part of speech) and names' gender, both ways"
)
EthnicitySwapTransform = _transform_class(
    "ethnicity", "first names by perceived ethnicity (gender kept), consistent across fields"
)
ReligionSwapTransform = _transform_class(
    "religion", "religion adjectives and nouns, consistent across fields"
)
NationalitySwapTransform = _transform_class(
    "nationality", "nationality adjectives and nouns, consistent across fields"
)
AgeSwapTransform = _transform_class(
    "age", "counterfactual age terms (young/old before person nouns), both ways"
)
