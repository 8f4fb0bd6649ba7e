"""The article before a replaced word: "a man" -> "an actress", "an elf" -> "a dwarf".

A swap that replaces a word after "a"/"an" makes the article agree with the new
word's first sound, as far as its spelling shows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from harness.transforms._common import match_case

#: A word that starts with a vowel sound, as far as its spelling shows: "an actress",
#: but "a unicorn", "a user".
VOWEL_SOUND = re.compile(r"^(?:[aeio]|u(?!ni|s[aeiou]|ro|ga|kr))", re.IGNORECASE)


def _word_before(text: str, start: int) -> str | None:
    match = re.search(r"([A-Za-z]+)\s+$", text[:start])
    return match.group(1).lower() if match else None


def fix_articles(text: str, replaced: Mapping[int, str]) -> str:
    """``text`` with "a"/"an" before each replaced word (``replaced``: start offset ->
    the new word) agreeing with the word's first sound ("a man" -> "an actress")."""
    if not replaced:
        return text
    out = text
    for start in sorted(replaced, reverse=True):
        word = replaced[start]
        previous = _word_before(out, start)
        if previous not in ("a", "an"):
            continue
        match = re.search(r"([A-Za-z]+)(\s+)$", out[:start])
        assert match is not None
        article = match.group(1)
        wanted = "an" if VOWEL_SOUND.match(word) else "a"
        if article.lower() != wanted:
            fixed = match_case(article, wanted) if article != "A" else wanted.capitalize()
            out = out[: match.start(1)] + fixed + out[match.end(1) :]
    return out
