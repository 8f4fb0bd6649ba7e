"""``synonym``: replace content words with WordNet synonyms (label-preserving).

Conservative on purpose, because a wrong sense changes the meaning:

* only lowercase content words (no stop words, no capitalised words, which may be names)
  of at least three letters;
* only words whose part of speech can be determined: the word is listed under exactly
  one part of speech in WordNet (adjective satellites count as adjectives), or it follows
  a determiner ("the bench": a noun); and it is its own base form there ("dogs" is
  skipped, so a plural never becomes a singular);
* synonyms come from the word's most frequent sense only (its first synset), are single
  words (no "hot_dog", no hyphens), differ from the word and are attested at least
  ``MIN_LEMMA_COUNT`` times in WordNet's sense-tagged corpus (no "nipper" for "child").

When WordNet is not installed the transform is unavailable: every example is skipped
and the skip reason says how to install it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from functools import lru_cache

from pydantic import Field

from harness.core import Example
from harness.options import Options
from harness.transforms._common import (
    WORD,
    dedupe_variants,
    describe_changes,
    make_variant,
    match_case,
    present_fields,
    splice,
)


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


@lru_cache(maxsize=4096)
def synonyms_of(word: str, pos: str | None = None) -> tuple[str, ...]:
    """Single-word synonyms of ``word`` in its most frequent sense, or () when unsafe.

    Without ``pos`` the word must have a single part of speech in WordNet; with ``pos``
    (``"n"``, ``"v"``, ``"a"``, ``"r"``) only that part of speech is looked up.
    """
    from harness.nltk_data import wordnet

    reader = wordnet()
    synsets = reader.synsets(word) if pos is None else reader.synsets(word, pos=pos)
    parts_of_speech = {"a" if s.pos() == "s" else s.pos() for s in synsets}
    if len(parts_of_speech) != 1:
        return ()
    found = parts_of_speech.pop()
    if reader.morphy(word, found) != word:
        return ()
    names = []
    for lemma in synsets[0].lemmas():
        name = lemma.name()
        # Rare lemmas ("shaver", "nipper" for child) read as errors, not paraphrases.
        common = lemma.count() >= MIN_LEMMA_COUNT
        if common and name.isalpha() and name.islower() and name != word and name not in names:
            names.append(name)
    return tuple(names)


class SynonymTransform:
    """Swap up to ``max_replacements`` content words per variant for WordNet synonyms."""

    class Options(Options):
        max_replacements: int = Field(default=2, ge=1)
        n_variants: int = Field(default=1, ge=1, le=20)

    name = "synonym"

    @staticmethod
    def unavailable_reason() -> str | None:
        """Why the transform cannot run here (None when it can)."""
        from harness.nltk_data import wordnet_available

        if wordnet_available():
            return None
        return (
            "WordNet is not installed: apt-get install wordnet-base wordnet-sense-index "
            "(or set HARNESS_WORDNET_DIR to a WordNet 3.0 dict directory)"
        )

    def apply(
        self, example: Example, options: Options, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        if self.unavailable_reason() is not None:
            return []
        stop_words = _stop_words()
        candidates = []
        for field in present_fields(example, fields):
            previous = ""
            for match in WORD.finditer(example.fields[field]):
                word, before = match.group(), previous
                previous = word.lower()
                if len(word) < 3 or not word.islower() or word in stop_words or "'" in word:
                    continue
                choices = synonyms_of(word, "n" if before in DETERMINERS else None)
                if choices:
                    candidates.append((field, match.start(), match.end(), choices))
        if not candidates:
            return []
        variants = []
        for index in range(options.n_variants):
            chosen = rng.sample(candidates, min(options.max_replacements, len(candidates)))
            edits: dict[str, list[tuple[int, int, str]]] = {}
            changes = []
            for field, start, end, choices in sorted(chosen):
                new = rng.choice(choices)
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
            variants.append(
                make_variant(
                    example,
                    name=self.name,
                    options=options,
                    index=index,
                    fields=new_fields,
                    description=describe_changes(changes),
                )
            )
        return dedupe_variants(example, variants)
