"""What keeps a counterfactual swap from changing *only* who a text is about.

A swap rewrites the words of one attribute (harness/transforms/counterfactual.py). It is
a clean counterfactual only when nothing else in the item still speaks of the old
group. Real pairs say it in many ways the swap cannot rewrite, and then the swap
changes the relation instead of the person:

* **age**: "young man" -> "old man" while "girl", "kids", "elderly", "who are young",
  "80 years old", "her fortieth birthday" or "a high school senior" stay;
* **nationality**: a nationality word for a language ("a word of German"), a cuisine or
  an object ("an Indian headdress", "a classic American car", "an American state"),
  or another nationality or a place beside it ("Egyptian", "in Mexico");
* **gender**: a gendered word with no counterpart to swap to ("guy", "blokes"), or a
  word bound to one sex ("bearded", "pregnant");
* **religion**: a religion word for a thing or a practice ("a Hindu temple"), or another
  religion's words ("mosque", "Christmas");
* **ethnicity** (names): an explicit ethnicity word beside the names ("Asian").

``blocking_cue`` finds the first such cue and returns the reason the item is left out;
the swap is then not made, and the reason is counted where exclusions are counted.
``unlisted_names`` finds capitalised words that may be first names the lists lack (a
gender swap would leave "Tanya ... his").
The lists were written for harness from English usage, not copied from a dataset.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any

from harness.transforms import counterfactual_lexicon as lexicon
from harness.transforms.wordlists import CITIES, COUNTRIES, FEMALE_FIRST_NAMES, MALE_FIRST_NAMES

#: The reason an item is left out, per kind of cue (counted in results and the report).
REASONS = {
    "age": "an age cue the swap cannot change (age)",
    "nationality-thing": "a nationality word for a language, cuisine or thing (nationality)",
    "nationality-other": "another nationality or a place (nationality)",
    "gender-unpaired": "a gendered word without a counterpart (gender)",
    "gender-bound": "a word bound to one sex (gender)",
    "religion-thing": "a religion word for a thing or practice (religion)",
    "religion-other": "another religion or a religious practice (religion)",
    "ethnicity": "an ethnicity word beside the names (ethnicity)",
}

_WORD = re.compile(r"[A-Za-z]+")

#: Words that say how old someone is and that the age swap does not rewrite. Any use of
#: young/old (and -er/-est) that the swap does not rewrite is a cue too.
AGE_WORDS = frozenset(
    (
        "young", "younger", "youngest", "old", "older", "oldest", "elderly", "elder", "elders",
        "aged", "age", "ages", "adult", "adults", "child", "children", "kid", "kids", "kiddie",
        "kiddies", "baby", "babies", "infant", "infants", "toddler", "toddlers", "newborn",
        "newborns", "boy", "boys", "girl", "girls", "teen", "teens", "teenage", "teenaged",
        "teenager", "teenagers", "youth", "youths", "youngster", "youngsters", "youngling",
        "younglings", "juvenile", "juveniles", "adolescent", "adolescents", "preteen", "preteens",
        "pupil", "pupils", "schoolboy", "schoolboys", "schoolgirl", "schoolgirls", "schoolchild",
        "schoolchildren", "senior", "seniors", "retired", "retirement", "retiree", "retirees",
        "pensioner", "pensioners", "grandmother", "grandmothers", "grandfather", "grandfathers",
        "grandma", "grandpa", "granny", "grandparent", "grandparents", "grandchild",
        "grandchildren", "grandson", "grandsons", "granddaughter", "granddaughters", "puberty",
        "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"
    )
)  # fmt: skip
#: "80 years old", "a 5-year-old", "in his 80s", "70 years of age", "grown-up", and the
#: looks of age: "a grey beard", "white-haired", "wrinkled", "bald".
AGE_PHRASES = re.compile(
    r"\b(?:years?[\s-]+old|years? of age|\d+0s|grown[\s-]?ups?|middle[\s-]aged"
    r"|(?:grey|gray|white|silver)[\s-]+(?:hair|haired|beard|bearded)|wrinkled|wrinkles"
    r"|bald|balding)\b",
    re.IGNORECASE,
)
#: "her fortieth birthday" says how old she is; "a birthday party" says nothing of anyone.
BIRTHDAY = re.compile(r"\bbirthdays?\b(?!\s+(?:party|parties|cake|cakes|card|cards|present|gift))")
#: After these an age adjective means "former" ("my old teacher"), not an age.
POSSESSIVES = frozenset(["my", "your", "his", "her", "its", "our", "their"])

#: Nouns for people after which a nationality or religion adjective describes a person.
PEOPLE_NOUNS = lexicon.PERSON_NOUNS | frozenset(
    (
        "boy", "boys", "girl", "girls", "child", "children", "kid", "kids", "family", "families",
        "tourist", "tourists", "footballer", "footballers", "player", "players", "athlete",
        "athletes", "soldier", "soldiers", "citizen", "citizens", "scientist", "scientists",
        "writer", "writers", "author", "authors", "artist", "artists", "singer", "singers", "chef",
        "chefs", "cook", "cooks", "friend", "friends", "visitor", "visitors", "traveller",
        "travellers", "businessman", "businesswoman", "businessmen", "businesswomen", "immigrant",
        "immigrants", "official", "officials", "diplomat", "diplomats", "journalist", "journalists",
        "actor", "actors", "actress", "actresses", "farmer", "farmers", "fan", "fans", "cyclist",
        "cyclists", "runner", "runners", "boxer", "boxers", "swimmer", "swimmers", "ladies",
        "gentlemen", "guy", "guys", "couples", "nurses", "doctors", "teachers", "engineers",
        "managers"
    )
)  # fmt: skip

#: Determiners after which a bare group word is a noun for a person ("a German was ...").
_DETERMINERS = frozenset(
    ["a", "an", "the", "one", "another", "every", "each", "this", "that", "no", "any"]
)

#: Nationalities, peoples and regions beside the swapped groups (lower case).
OTHER_NATIONALITIES = frozenset(
    (
        "african", "asian", "european", "egyptian", "british", "english", "scottish", "welsh",
        "irish", "french", "italian", "spanish", "portuguese", "dutch", "belgian", "swiss",
        "austrian", "danish", "swedish", "norwegian", "finnish", "polish", "ukrainian", "russian",
        "greek", "turkish", "arab", "arabic", "persian", "iranian", "iraqi", "israeli", "pakistani",
        "bangladeshi", "japanese", "korean", "vietnamese", "thai", "filipino", "indonesian",
        "australian", "canadian", "brazilian", "argentinian", "argentine", "chilean", "peruvian",
        "colombian", "cuban", "kenyan", "ghanaian", "ethiopian", "moroccan", "oriental",
        "occidental", "latino", "latina", "hispanic", "caucasian"
    )
)  # fmt: skip
#: Places: a swap to "Mexican" beside "Mexico" (or "Paris") may change what is entailed.
PLACES = re.compile(
    r"\b(?:"
    + "|".join(re.escape(p) for p in (*CITIES, *COUNTRIES, "America", "United States", "USA"))
    + r")\b|\bU\.S\."
)

#: Gendered words the gender swap has no counterpart for, and words bound to one sex.
UNPAIRED_GENDER_WORDS = frozenset(
    (
        "guy", "guys", "bloke", "blokes", "lad", "lads", "lass", "lasses", "dude", "dudes", "gal",
        "gals", "fireman", "firemen", "cameraman", "cameramen", "ballerina", "ballerinas",
        "housewife", "housewives", "hostess", "hostesses", "heroine", "heroines", "maid", "maids",
        "bachelor", "bachelors", "fiance", "fiancee"
    )
)  # fmt: skip
SEX_BOUND_WORDS = frozenset(
    (
        "beard", "beards", "bearded", "moustache", "moustaches", "mustache", "mustaches",
        "pregnant", "pregnancy", "breastfeeding", "breastfeeds", "bikini", "bikinis", "bra", "bras",
        "veil", "veils"
    )
)  # fmt: skip

#: Religions beside the swapped groups, and words of one religion's practice.
OTHER_RELIGION_WORDS = frozenset(
    (
        "jew", "catholic", "catholics", "protestant", "protestants", "mormon", "mormons", "atheist",
        "atheists", "agnostic", "church", "churches", "mosque", "mosques", "synagogue",
        "synagogues", "temple", "temples", "gurdwara", "gurdwaras", "bible", "quran", "koran",
        "torah", "rabbi", "rabbis", "imam", "imams", "priest", "priests", "pastor", "pastors",
        "vicar", "vicars", "christmas", "easter", "lent", "ramadan", "eid", "diwali", "holi",
        "hanukkah", "passover", "kosher", "halal", "sabbath"
    )
)  # fmt: skip

#: Words that state a perceived ethnicity outright (the ethnicity swap changes names only).
ETHNICITY_WORDS = frozenset(["asian", "hispanic", "latino", "latina", "caucasian", "african"])


def _previous_word(text: str, start: int) -> str | None:
    match = re.search(r"([A-Za-z]+)['’]?\s+$", text[:start])
    return match.group(1).lower() if match else None


def _next_word(text: str, end: int) -> str | None:
    match = re.match(r"\s+([A-Za-z]+)", text[end:])
    return match.group(1).lower() if match else None


def age_adjective_of_a_person(text: str, start: int, end: int) -> bool:
    """``young``/``old`` (-er, -est) at ``text[start:end]`` tells a person's age: it stands
    before a noun for a person and not after a possessive ("my old teacher": former)."""
    if _next_word(text, end) not in PEOPLE_NOUNS - _NOT_AGE_NOUNS:
        return False
    before = text[:start]
    if re.search(r"['’]s\s+$", before):
        return False
    return _previous_word(text, start) not in POSSESSIVES


#: People nouns that carry an age of their own ("young girl" -> "old girl" is not a
#: swap of one cue) or that "old" reads as "long-standing" before ("old friend").
_NOT_AGE_NOUNS = frozenset(
    (
        "boy", "boys", "girl", "girls", "child", "children", "kid", "kids", "family", "families",
        "friend", "friends", "fan", "fans", "colleague", "colleagues", "neighbor", "neighbors",
        "neighbour", "neighbours"
    )
)  # fmt: skip


def group_word_of_a_person(text: str, start: int, end: int, form: str) -> bool:
    """A nationality or religion word at ``text[start:end]`` (its ``form``: adjective,
    singular or plural) names people: a plural noun ("Germans"), a noun after a
    determiner ("a Muslim was ..."), or an adjective before a noun for a person ("the
    German student"). "a word of German", "Indian clothing", "a Hindu temple" are not."""
    if form == "plural":
        return True  # "Germans", "Hindus": only people take these forms
    following = _next_word(text, end)
    if following in PEOPLE_NOUNS:
        return True
    as_noun = following is None or following in lexicon.NOT_NOUNS or _past_tense(following)
    return as_noun and _previous_word(text, start) in _DETERMINERS


def _past_tense(word: str) -> bool:
    """A verb in the past ("A Christian prayed"), so the word before it is a noun; the
    nouns in -ed ("a German breed") are listed."""
    return len(word) > 4 and word.endswith("ed") and word not in _NOUNS_IN_ED


_NOUNS_IN_ED = frozenset(["breed", "creed", "steed", "speed", "greed", "shred", "sacred"])


def word_matches(
    fields: Mapping[str, Any], names: Sequence[str]
) -> Iterator[tuple[str, str, re.Match[str]]]:
    """``(field, its text, match)`` for every word of the named text fields, in order."""
    for name in names:
        text = fields.get(name)
        if isinstance(text, str):
            for match in _WORD.finditer(text):
                yield name, text, match


def _words(fields: Mapping[str, Any], names: Sequence[str]) -> list[tuple[str, int, int, str]]:
    return [(name, m.start(), m.end(), m.group()) for name, _, m in word_matches(fields, names)]


def blocking_cue(
    fields: Mapping[str, Any],
    names: Sequence[str],
    attribute: str,
    swapped: Collection[tuple[str, int]],
    group_words: Collection[str] | None = None,
) -> str | None:
    """Why swapping ``attribute`` would not change only who the item is about, or None.

    ``swapped``: (field, start) of the words the swap rewrites; ``group_words``: the
    attribute's own words (lower case) when it has them (nationality, religion).
    """
    text_of = {name: fields.get(name) for name in names}
    for field, start, _, word in _words(fields, names):
        lower = word.lower()
        if (field, start) in swapped:
            continue
        if attribute == "age" and lower in AGE_WORDS:
            return REASONS["age"]
        if attribute == "gender":
            if lower in UNPAIRED_GENDER_WORDS:
                return REASONS["gender-unpaired"]
            if lower in SEX_BOUND_WORDS:
                return REASONS["gender-bound"]
        capitalised = word[0].isupper()
        if (
            attribute in ("nationality", "religion")
            and capitalised
            and lower in (group_words or ())
        ):
            return REASONS[f"{attribute}-thing"]
        if attribute == "nationality" and capitalised and lower in OTHER_NATIONALITIES:
            return REASONS["nationality-other"]
        if attribute == "religion" and lower in OTHER_RELIGION_WORDS:
            return REASONS["religion-other"]
        if attribute == "ethnicity" and capitalised and lower in ETHNICITY_WORDS:
            return REASONS["ethnicity"]
    if attribute == "age":
        for text in text_of.values():
            if isinstance(text, str) and (AGE_PHRASES.search(text) or BIRTHDAY.search(text)):
                return REASONS["age"]
    if attribute == "nationality":
        for text in text_of.values():
            if isinstance(text, str) and PLACES.search(text):
                return REASONS["nationality-other"]
    return None


def _known_capitalised() -> frozenset[str]:
    """Capitalised words that are not first names: places, group words, titles, months."""
    words = {w.lower() for place in (*CITIES, *COUNTRIES) for w in place.split()}
    words |= {w.lower() for forms in lexicon.RELIGION_FORMS.values() for w in forms if w}
    words |= {w.lower() for forms in lexicon.NATIONALITY_FORMS.values() for w in forms if w}
    return frozenset(words | lexicon.NOT_NAMES | OTHER_NATIONALITIES)


_LISTED_NAMES = frozenset(
    [*FEMALE_FIRST_NAMES, *MALE_FIRST_NAMES, *(n for c in lexicon.FIRST_NAMES.values() for n in c)]
)
_GENDERED = {w for pair in lexicon.GENDER_PAIRS for w in pair} | set(lexicon.FEMALE_TITLES)
_KNOWN_CAPITALISED = _known_capitalised() | _GENDERED | {"his", "her", "him", "hers"}
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof"})
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"'(]\s*)$")


def unlisted_names(fields: Mapping[str, Any], names: Sequence[str]) -> list[str]:
    """Capitalised words that may be first names missing from the lists.

    A word counts when it is capitalised, is no listed name, title, place, language,
    month or group word, and — at the start of a sentence, where every word is
    capitalised — is not a function word either (sklearn's English stop words).
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    found = []
    for _, text, match in word_matches(fields, names):
        word = match.group(0)
        lower = word.lower()
        if not word[0].isupper() or word in _LISTED_NAMES or lower in _KNOWN_CAPITALISED:
            continue
        title = re.search(r"([A-Za-z]+)\.?\s+$", text[: match.start()])
        if title and title.group(1).lower() in _TITLES:
            continue  # a surname: "Dr. Okafor" says nothing about gender
        at_start = bool(_SENTENCE_START.search(text[: match.start()]))
        if at_start and lower in ENGLISH_STOP_WORDS:
            continue
        found.append(word)
    return found
