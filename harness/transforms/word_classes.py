"""What an English word can be, for turning questions into statements.

No parser: a word's possible parts of speech and its inflections come from lemminflect's
lexicon (``lemmas``, ``can_be_noun``, ``is_base_verb``, ``is_participle``, ``inflect``);
the closed classes a question's shape is read from (auxiliaries, determiners,
prepositions, subordinators, ...) are listed here. Used by harness/transforms/statements.py;
the auxiliary classes also by harness/transforms/negation.py.
"""

from __future__ import annotations

from functools import lru_cache

MODALS = frozenset(
    ["will", "would", "can", "cannot", "could", "should", "must", "may", "might", "shall"]
)


DO_FORMS = frozenset(["did", "does", "do"])


BE_FORMS = frozenset(["is", "are", "was", "were"])


HAVE_FORMS = frozenset(["has", "have", "had"])


AUXILIARIES = MODALS | DO_FORMS | BE_FORMS | HAVE_FORMS


DETERMINERS = frozenset(
    (
        "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their",
        "our", "your", "my", "other", "another", "some", "each", "every", "any", "no", "both",
    )
)  # fmt: skip


PREPOSITIONS = frozenset(
    (
        "to", "by", "for", "from", "in", "on", "at", "with", "until", "since", "through",
        "about", "of", "after", "before", "during", "into", "onto", "over", "under", "near",
        "across", "against", "between", "behind", "among", "along", "per", "below", "above",
        "beside", "inside", "outside", "around", "without", "within", "towards", "beyond",
        "via",
    )
)  # fmt: skip


# Words that open an adjunct clause: an answer slot goes before them, so the answer
# stays in the main clause ("gave the spirit his dog when he agreed").
SUBORDINATORS = frozenset(
    (
        "when", "after", "before", "while", "if", "because", "since", "until", "once",
        "although", "though", "unless", "that", "instead", "rather", "including", "except",
    )
)  # fmt: skip


PHRASE_OPENERS = frozenset(["instead", "rather", "including", "except"])


PARTICLES = frozenset(["", "up", "out", "back", "off", "away", "down", "over"])


# A comparison ("Which sister is older?") has one true answer among named things; a
# statement about another thing would compete with it, so such questions are excluded.
COMPARATIVES = frozenset(["more", "less", "fewer", "better", "worse"])


def is_comparative(word: str) -> bool:
    """ "older" (lemma "old"): an adjective whose lemma is not the word itself."""
    return any(lemma != word.lower() for lemma in lemmas_of(word).get("ADJ", ()))


# Verbs whose "to" + verb is their own complement ("need to prepare _").
CATENATIVES = frozenset(
    [
        "need",
        "want",
        "try",
        "have",
        "plan",
        "hope",
        "expect",
        "agree",
        "decide",
        "promise",
        "refuse",
        "like",
        "love",
        "seem",
        "fail",
        "manage",
        "offer",
        "ask",
        "choose",
        "learn",
        "forget",
        "remember",
        "intend",
        "begin",
        "start",
        "continue",
    ]
)


# Adverbs that end a clause: the answer goes before them ("worried about _ now").
TRAILING = frozenset(
    [
        "now",
        "today",
        "yesterday",
        "then",
        "first",
        "later",
        "again",
        "currently",
        "recently",
        "online",
        "abroad",
    ]
)


# Adverbs right after a verb that show the word before them is the verb ("work best").
VERB_MODIFIERS = frozenset(
    ["best", "well", "hard", "fast", "most", "least", "better", "alone", "together", "again"]
)


PRONOUNS = frozenset(["i", "you", "he", "she", "it", "we", "they", "someone", "people"])


NEGATIONS = frozenset(["not", "never"])


@lru_cache(maxsize=4096)
def lemmas_of(word: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas

    return dict(getAllLemmas(word.lower()))


def can_be_noun(word: str) -> bool:
    return "NOUN" in lemmas_of(word) or "PROPN" in lemmas_of(word)


def is_base_verb(word: str) -> bool:
    verbs = lemmas_of(word).get("VERB", ())
    return word.lower() in verbs and not word[:1].isupper()


def is_participle(word: str) -> bool:
    """A past or present participle ("built", "being", "left")."""
    from lemminflect import getInflection

    if word[:1].isupper():
        return False
    for lemma in lemmas_of(word).get("VERB", ()):
        forms = {*getInflection(lemma, "VBN"), *getInflection(lemma, "VBG")}
        if word.lower() in forms and word.lower() != lemma:
            return True
    return False


def is_past_participle_form(word: str) -> bool:
    """A past participle, counting those spelt like their verb ("cut", "set", "spread")."""
    from lemminflect import getInflection

    if word[:1].isupper():
        return False
    return any(
        word.lower() in getInflection(lemma, "VBN") for lemma in lemmas_of(word).get("VERB", ())
    )


def inflect(verb: str, tag: str) -> str | None:
    from lemminflect import getInflection

    forms = getInflection(verb.lower(), tag)
    return forms[0] if forms else None


#: Adverbs that sit between a subject and its verb ("will the dinner | now take place").
CLAUSE_ADVERBS = frozenset(
    (
        "now", "still", "also", "finally", "only", "already", "usually", "often", "always",
        "soon", "just", "first", "later", "eventually", "currently", "really", "actually",
        "probably", "ever", "again"
    )
)  # fmt: skip


def clause_adverb(word: str) -> bool:
    lemmas = lemmas_of(word)
    return word.lower() in CLAUSE_ADVERBS or (bool(lemmas) and set(lemmas) <= {"ADV"})


IRREGULAR_PLURALS = frozenset(["women", "men", "people", "children", "police", "staff"])


def plural_noun(word: str) -> bool:
    lower = word.lower()
    if lower in IRREGULAR_PLURALS:
        return True
    return (
        lower.endswith("s")
        and not lower.endswith("ss")
        and "NOUN" in lemmas_of(word)
        and (lower not in lemmas_of(word).get("NOUN", ()))
    )


TIME_NOUNS = frozenset(
    (
        "day", "week", "month", "year", "spring", "summer", "autumn", "winter", "morning",
        "afternoon", "evening", "night", "weekend", "season", "term", "century", "decade"
    )
)  # fmt: skip


TIME_MODIFIERS = frozenset(["next", "last", "following", "previous", "same", "every", "each"])


#: Units a "how much" answer is measured in: "87 kilograms of checked baggage".
UNITS = frozenset(
    (
        "second", "minute", "hour", "day", "week", "month", "year", "litre", "liter",
        "millilitre", "milliliter", "gram", "kilogram", "kilo", "tonne", "ton", "metre",
        "meter", "kilometre", "kilometer", "centimetre", "millimetre", "mile", "foot", "feet",
        "pound", "euro", "dollar", "penny", "pence", "percent", "cup", "spoonful", "bag", "box"
    )
)  # fmt: skip


def singular(words: str | list[str]) -> str:
    """The last word without a plural "s" ("nine weeks" and ["week"] end alike)."""
    last = (words.split() if isinstance(words, str) else words)[-1].lower()
    return last[:-1] if last.endswith("s") else last
