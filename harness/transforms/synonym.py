"""``synonym``: replace content words with WordNet synonyms (label-preserving).

Conservative on purpose, because a wrong sense or a wrong form changes the meaning or
the grammar ("men" → "manpower", "black" → "blackness", "a person" → "a someone"):

* only lowercase content words (no stop words, no capitalised words, which may be names)
  of at least three letters;
* the part of speech must be clear: lemminflect knows the word under exactly one of
  noun/verb/adjective/adverb, or it follows a determiner (a noun: "the bench") or a
  form of "be" (a verb: "is sitting"); WordNet must list the lemma under it too;
* the word's inflection is kept: "men" → "guys"-style plurals stay plural, "carrying"
  → "transporting", "ran" → past tense; a synonym lemminflect cannot inflect that way
  is rejected; comparatives and superlatives ("older") are never touched;
* synonyms come from the lemma's most frequent sense only (its first synset), are
  single lowercase words, are not stop words ("someone"), are attested at least
  ``MIN_LEMMA_COUNT`` times in WordNet's sense-tagged corpus, are listed by lemminflect
  under the same part of speech, and are never derivational relatives (a WordNet
  derivationally related form, or a word that contains the other: "black"/"blackness");
* light and auxiliary verbs ("do", "get", "make", "live", ...) are never replaced, and
  neither is a verb with a direct object: the object picks the verb's sense ("met the
  deadline", "started the fire", "examined the patient"), which the first sense misses;
* a noun inside a phrase its synonym does not fit is left alone: before "of" ("the
  middle of summer", "a view of the lake"), after "no" ("no idea") or after a noun
  modifying it ("a morning person", "a race car"); a word that can be an adjective
  before a noun is not read as a noun ("the wet shore"); a count noun keeps a countable
  synonym ("a leaf" never becomes "a foliage");
* one of the two words must be the sense's usual name (its first WordNet lemma), and an
  adverb keeps its form ("easily" never becomes "easy", "possibly" never "maybe"; no
  "lately", which wants a perfect tense; no adverb after "do": "did badly");
* the semantic-similarity guards (cosine of all-MiniLM-L6-v2 embeddings, the packaged
  encoder): the synonym must stay within ``min_word_similarity`` of the word's lemma,
  and the changed sentence within ``min_similarity`` of the original; 0 switches a
  guard off.

Candidates that fail a guard are *rejected* and counted per reason (results.json and
the report show them beside the skips). When WordNet is not installed the transform
is unavailable: every example is skipped and the skip reason says how to install it.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, ClassVar

from pydantic import Field

from harness.core import Example
from harness.options import Options
from harness.transforms._common import (
    WORD,
    Draft,
    build_variants,
    describe_changes,
    match_case,
    present_fields,
    splice,
)
from harness.transforms.base import Variants


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


#: After one of these words a noun/verb-ambiguous word is read as a noun ("the bench").
DETERMINERS = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "his", "her", "their", "my", "your",
     "our", "its", "every", "each"]
)  # fmt: skip


# An indefinite article directly before a position (searched up to that position).
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])(an?|An?|AN?)\s+$")

#: A synonym must occur at least this often in WordNet's sense-tagged corpus (SemCor).
MIN_LEMMA_COUNT = 3

#: Defaults of the similarity guards (cosine of all-MiniLM-L6-v2 embeddings), chosen on
#: nli-core and SICK variants: most meaning-changing swaps ("goal" → "end", "get" →
#: "acquire", "live" → "populate") score below 0.55 as word pairs, and "family" →
#: "household" (kin are not a dwelling unit) scores 0.61, while the swaps judged valid
#: ("person" → "individual" 0.73, "rock" → "stone" 0.71) score higher; sentence
#: similarity alone keeps many of them, so both guards apply (docs/diagnostics.md).
DEFAULT_MIN_SIMILARITY = 0.9
DEFAULT_MIN_WORD_SIMILARITY = 0.62

#: A verb directly followed by one of these is used with a particle or intransitively
#: ("wrote down", "finished behind", "is hiding under"): its synonym rarely fits there.
PARTICLES = frozenset(
    ["up", "down", "out", "off", "over", "under", "behind", "in", "on", "at", "to", "into",
     "onto", "away", "back", "around", "through", "about", "with", "for", "from", "by"]
)  # fmt: skip

#: Light and auxiliary verbs: their WordNet first sense is rarely the one in use
#: ("did not lock" → "made not lock", "got to the station" → "acquired to").
LIGHT_VERBS = frozenset(
    [
        "be",
        "have",
        "do",
        "get",
        "make",
        "go",
        "come",
        "take",
        "give",
        "say",
        "tell",
        "put",
        "set",
        "keep",
        "hold",
        "let",
        "move",
        "turn",
        "run",
        "see",
        "look",
        "find",
        "live",
        "leave",
        "stand",
    ]
)


#: Adverbs that need a perfect tense or a negation: "Lucas lately began a new job".
TENSE_BOUND_ADVERBS = frozenset(["lately", "latterly", "yet"])

#: After one of these a verb has a direct object, which picks the verb's sense in a way
#: WordNet's first sense does not see ("met the deadline" / "encountered the deadline",
#: "started the fire" / "began the fire"): such verbs are left alone.
OBJECT_STARTS = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "his", "her", "their", "my", "your",
     "our", "its", "him", "them", "it", "me", "us", "you", "some", "any", "all", "both",
     "no", "every", "each", "another", "one", "two", "three", "four", "five", "several",
     "many", "much", "more", "most", "what", "who"]
)  # fmt: skip

_UPOS_TO_WORDNET = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}
# Verb forms, most specific first: a form shared by two tags takes the first.
_VERB_TAGS = ("VBG", "VBZ", "VBD", "VBN", "VB")
_BE = frozenset(["is", "are", "was", "were", "be", "been", "being", "am"])
_HAVE = frozenset(["has", "have", "had", "having"])


#: Adverbs that sit between an auxiliary and its verb ("had already started").
_ADVERBS_BETWEEN = frozenset(
    ["already", "just", "never", "not", "also", "still", "always", "recently", "often", "only"]
)


def _is_adverb_between(word: str) -> bool:
    return word in _ADVERBS_BETWEEN or (word.endswith("ly") and len(word) > 4)


def _has_object(following: str) -> bool:
    """Whether the word after a verb starts its direct object ("met | the senator")."""
    if not following or following in PARTICLES:
        return False
    if following in OBJECT_STARTS or following[:1].isdigit():
        return True
    from lemminflect import getAllLemmas

    kinds = set(getAllLemmas(following))
    return "NOUN" in kinds and not kinds & {"ADJ", "ADV"}


def _modifies(before: str) -> bool:
    """Whether the word before a noun is a noun modifying it ("a morning | person")."""
    if not before or before in DETERMINERS or not before.isalpha():
        return False
    from lemminflect import getAllLemmas

    kinds = set(getAllLemmas(before))
    return "NOUN" in kinds and "ADJ" not in kinds


def _adjective_before_noun(word: str, following: str) -> bool:
    """Whether a word read as a noun after a determiner is an adjective before its noun."""
    from lemminflect import getAllLemmas

    return "ADJ" in getAllLemmas(word) and "NOUN" in getAllLemmas(following)


def _countable(noun: str) -> bool:
    """Whether lemminflect's most common plural of ``noun`` differs from it ("leaves" for
    "leaf"; "foliage" for "foliage", a mass noun)."""
    from lemminflect import getAllInflections

    plurals = getAllInflections(noun, upos="NOUN").get("NNS", ())
    return bool(plurals) and plurals[0] != noun


@lru_cache(maxsize=4096)
def word_form(word: str, before: str = "") -> tuple[str, str, str] | None:
    """``(lemma, universal POS, Penn tag)`` of ``word``, or None when unclear.

    >>> word_form("men")
    ('man', 'NOUN', 'NNS')
    >>> word_form("carrying", "is")
    ('carry', 'VERB', 'VBG')
    """
    from lemminflect import getAllLemmas, getInflection

    lemmas = {pos: found[0] for pos, found in getAllLemmas(word).items() if pos in _UPOS_TO_WORDNET}
    if before in DETERMINERS and "NOUN" in lemmas:
        pos = "NOUN"
    elif before in _BE and "VERB" in lemmas and word.endswith("ing"):
        pos = "VERB"
    elif len(lemmas) == 1:
        (pos,) = lemmas
    else:
        return None
    lemma = lemmas[pos]
    if pos == "VERB" and lemma in LIGHT_VERBS:
        return None
    if pos == "NOUN":
        tag = "NN" if word == lemma else "NNS"
    elif pos == "VERB":
        tags = [t for t in _VERB_TAGS if word in getInflection(lemma, t)]
        if not tags:
            return None
        # "had started" is a participle, not a past tense: its synonym is "had begun".
        tag = "VBN" if "VBN" in tags and before in _HAVE | _BE else tags[0]
    else:
        if word != lemma:
            return None  # comparatives and superlatives ("older") are left alone
        tag = "JJ" if pos == "ADJ" else "RB"
    return lemma, pos, tag


@lru_cache(maxsize=4096)
def synonym_lemmas(lemma: str, pos: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(accepted synonym lemmas, rejection reasons) for ``lemma`` as ``pos`` (UPOS)."""
    from lemminflect import getAllLemmas

    from harness.nltk_data import wordnet

    reader = wordnet()
    wordnet_pos = _UPOS_TO_WORDNET[pos]
    synsets = reader.synsets(lemma, pos=wordnet_pos)
    if wordnet_pos == "a":
        synsets += [s for s in reader.synsets(lemma, pos="s") if s not in synsets]
    if not synsets:
        return (), ()
    first = synsets[0]
    related = {
        form.name()
        for own in first.lemmas()
        if own.name() == lemma
        for form in own.derivationally_related_forms()
    }
    names: list[str] = []
    rejected: list[str] = []
    for candidate in first.lemmas():
        name = candidate.name()
        if name == lemma or name in names or not (name.isalpha() and name.islower()):
            continue
        if candidate.count() < MIN_LEMMA_COUNT or name in _stop_words():
            continue  # rare or function words are never offered: not a guard rejection
        own_first = reader.synsets(name, pos=wordnet_pos)[:1]
        if name in related or name.startswith(lemma) or lemma.startswith(name):
            rejected.append("derivational form")
        elif pos not in getAllLemmas(name):
            rejected.append("part of speech differs")
        elif own_first != [first] and not (wordnet_pos == "a" and first.pos() == "s"):
            # The shared sense must be the synonym's most frequent one too: "idea" and
            # "thought" share a sense, but "thought" mostly means something else.
            rejected.append("not the synonym's main sense")
        elif wordnet_pos == "v" and not _frames(first, name) >= _frames(first, lemma):
            # "speak English" but not "talk English": the synonym must allow every
            # sentence frame the word allows in this sense.
            rejected.append("verb frames differ")
        elif first.lemmas()[0].name() not in (lemma, name):
            # Neither word is the sense's usual name: the sense is a side one for both
            # ("a view of the lake" / "a perspective of the lake").
            rejected.append("neither word heads the sense")
        elif wordnet_pos == "r" and (
            lemma.endswith("ly") != name.endswith("ly") or name in TENSE_BOUND_ADVERBS
        ):
            # "passed easily" / "passed easy", "possibly" / "cannot maybe": the adverb's
            # form is kept; "lately" wants a perfect tense ("lately began").
            rejected.append("adverb form differs")
        else:
            names.append(name)
    return tuple(names), tuple(rejected)


def _frames(synset: Any, name: str) -> set[int]:
    """WordNet's sentence frames for one lemma of a verb synset."""
    for lemma in synset.lemmas():
        if lemma.name() == name:
            return set(lemma.frame_ids())
    return set()


def synonyms_of(word: str, pos: str | None = None) -> tuple[str, ...]:
    """Inflected single-word synonyms of ``word`` (its form kept), or () when unsafe.

    ``pos`` (``"n"``, ``"v"``, ``"a"``, ``"r"``) forces the part of speech, as a
    preceding determiner does for nouns.
    """
    form = word_form(word, "the" if pos == "n" else "")
    if form is None or (pos is not None and _UPOS_TO_WORDNET[form[1]] != pos):
        return ()
    return tuple(inflected for inflected, _ in _inflected_synonyms(*form)[0])


@lru_cache(maxsize=4096)
def _inflected_synonyms(
    lemma: str, pos: str, tag: str
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """((inflected synonym, its lemma), ...), and rejection reasons."""
    from lemminflect import getAllLemmas, getInflection

    names, rejected = synonym_lemmas(lemma, pos)
    kept = []
    reasons = list(rejected)
    for name in names:
        if tag in ("NN", "NNS") and _countable(lemma) and not _countable(name):
            # "a leaf" / "a foliage": a count noun's synonym must be countable too.
            reasons.append("countability differs")
            continue
        if tag in ("NN", "NNS") and getAllLemmas(name).get("NOUN", (name,))[0] != name:
            # WordNet lists plural-only forms as lemmas ("forest" -> "woods"): "a woods"
            # breaks the article, and the grammatical number must stay what it was.
            reasons.append("grammatical number differs")
            continue
        if tag in ("NN", "JJ", "RB", "VB"):
            kept.append((name, name))
            continue
        forms = getInflection(name, tag)
        if forms:
            kept.append((forms[0], name))
        else:
            reasons.append("cannot inflect")
    return tuple(kept), tuple(reasons)


@lru_cache(maxsize=1)
def _encoder() -> Any:
    from harness.models.reference import SentenceEncoder, encoder_directory

    return SentenceEncoder(encoder_directory(), device="cpu")


@lru_cache(maxsize=8192)
def word_similarity(lemma: str, synonym: str) -> float:
    """Cosine similarity of two words' embeddings (packaged MiniLM)."""
    return similarities([(lemma, synonym)])[0]


def similarities(pairs: Sequence[tuple[str, str]]) -> list[float]:
    """Cosine similarity of each (original, changed) sentence pair (packaged MiniLM)."""
    if not pairs:
        return []
    texts = sorted({text for pair in pairs for text in pair})
    index = {text: i for i, text in enumerate(texts)}
    embeddings = _encoder().encode(texts)
    return [float(embeddings[index[a]] @ embeddings[index[b]]) for a, b in pairs]


class SynonymTransform:
    """Swap up to ``max_replacements`` content words per variant for WordNet synonyms."""

    description: ClassVar[str] = "WordNet synonyms for content words (needs WordNet)"

    class Options(Options):
        max_replacements: int = Field(default=2, ge=1)
        n_variants: int = Field(default=1, ge=1, le=20)
        # Cosine similarity (all-MiniLM-L6-v2) a changed field must keep; 0: no guard.
        min_similarity: float = Field(default=DEFAULT_MIN_SIMILARITY, ge=0, le=1)
        # The same between the word's lemma and the synonym's; 0: no guard.
        min_word_similarity: float = Field(default=DEFAULT_MIN_WORD_SIMILARITY, ge=0, le=1)

    name = "synonym"

    @staticmethod
    def unavailable_reason() -> str | None:
        """Why the transform cannot run here (None when it can)."""
        from harness.nltk_data import wordnet_available

        if wordnet_available():
            return None
        return (
            "WordNet is not installed: apt-get update && apt-get install -y wordnet-base wordnet-sense-index "
            "(or set HARNESS_WORDNET_DIR to a WordNet 3.0 dict directory)"
        )

    def apply(
        self, example: Example, options: Options, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        if self.unavailable_reason() is not None:
            return []
        stop_words = _stop_words()
        rejected: Counter[str] = Counter()
        candidates = []
        for field in present_fields(example, fields):
            previous = ""
            matches = list(WORD.finditer(example.fields[field]))
            for position, match in enumerate(matches):
                word, before = match.group(), previous
                if not _is_adverb_between(word.lower()):
                    # "had already started": the auxiliary still decides the form.
                    previous = word.lower()
                if len(word) < 3 or not word.islower() or word in stop_words or "'" in word:
                    continue
                form = word_form(word, before)
                if form is None:
                    continue
                following = (
                    matches[position + 1].group().lower() if position + 1 < len(matches) else ""
                )
                if form[1] == "VERB" and (following in PARTICLES or _has_object(following)):
                    continue
                if form[1] == "ADV" and before in ("do", "does", "did", "done", "doing"):
                    continue  # "did badly" is how someone did, not "did severely"
                if form[1] == "NOUN" and _adjective_before_noun(word, following):
                    continue  # "the wet | shore": read as a noun after "the", it is not one
                if form[1] == "NOUN" and (following == "of" or before == "no" or _modifies(before)):
                    # "the middle of summer", "no idea", "a morning person": the noun is
                    # part of a phrase its synonym does not fit.
                    continue
                choices, reasons = _inflected_synonyms(*form)
                rejected.update(reasons)
                if choices and options.min_word_similarity > 0:
                    close = [
                        c for c in choices
                        if word_similarity(form[0], c[1]) >= options.min_word_similarity
                    ]  # fmt: skip
                    rejected["word similarity below threshold"] += len(choices) - len(close)
                    choices = tuple(close)
                if choices:
                    candidates.append((field, match.start(), match.end(), choices))
        if not candidates:
            return Variants(rejected=rejected) if rejected else []
        drafts = []
        for index in range(options.n_variants):
            chosen = rng.sample(candidates, min(options.max_replacements, len(candidates)))
            edits: dict[str, list[tuple[int, int, str]]] = {}
            changes = []
            for field, start, end, choices in sorted(chosen):
                new, _ = rng.choice(choices)
                text = example.fields[field]
                article = _ARTICLE_BEFORE.search(text, 0, start)
                if article is not None:
                    # "a person" -> "an individual": the article follows the new word.
                    wanted = "an" if new[0] in "aeiou" else "a"
                    old_article = article.group(1)
                    if old_article.lower() != wanted:
                        fixed = match_case(old_article, wanted)
                        edits.setdefault(field, []).append(
                            (article.start(1), article.end(1), fixed)
                        )
                edits.setdefault(field, []).append((start, end, new))
                changes.append((text[start:end], new))
            new_fields = {
                field: splice(example.fields[field], spans) for field, spans in edits.items()
            }
            drafts.append(Draft(index, new_fields, describe_changes(changes)))
        kept = []
        pairs = [
            (example.fields[field], text) for draft in drafts
            for field, text in draft.fields.items()
        ]  # fmt: skip
        scores = iter(similarities(pairs) if options.min_similarity > 0 else [1.0] * len(pairs))
        for draft in drafts:
            lowest = min(next(scores) for _ in draft.fields)
            if lowest < options.min_similarity:
                rejected["below similarity threshold"] += 1
                continue
            kept.append(draft)
        return Variants(build_variants(example, self.name, options, kept), rejected)
