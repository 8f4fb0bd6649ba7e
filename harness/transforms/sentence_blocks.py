"""Which sentences of a passage may change places without breaking a reference.

A shuffled passage must still support every answer. A sentence that points back —
"She said ...", "Its design ...", "These molecules ...", "The company has ...",
"..., by contrast, ...", "later" — means nothing, or something else, once what it points
to moves after it. So a passage is cut into **blocks**:

* the **head** stays first: the opening sentence (it says what the passage is about)
  and the form fields right after it ("To: ...", "From: ...", "Student: ...");
* the **tail** stays last: closing lines ("Yours faithfully, ...", "Rating: ...");
* every other sentence starts a new block unless it leans back (a pronoun, a
  demonstrative, a connective, "the company"/"the chef" for something named earlier,
  or so few words that it leaves out what it is about: "You do not need a receipt.");
  then it stays right after the sentence before it.

Only blocks move, each keeping its sentences in order. A passage is not shuffled at
all (``Layout.reason`` says why) when it is a numbered list, when a "he"/"she" has no
name or person noun before it in its block (its antecedent could move away), or when
fewer than ``MIN_BLOCKS`` blocks can move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_BLOCKS = 3
#: A sentence this short usually leaves out what it is about ("Emergency vehicles will be
#: allowed through."): it stays after the sentence before it.
SHORT_SENTENCE = 6

#: Pronouns that point back to something named before (not "I", "we", "you": the writer
#: and the reader do not move).
POINTING_PRONOUNS = frozenset(
    (
        "he", "she", "him", "his", "her", "hers", "himself", "herself", "it", "its", "itself",
        "they", "them", "their", "theirs", "themselves", "this", "these", "those", "such"
    )
)  # fmt: skip
PERSON_PRONOUNS = frozenset(["he", "she", "him", "his", "her", "hers", "himself", "herself"])
#: Words and phrases that relate a sentence to the one before it.
CONNECTIVES = re.compile(
    r"\b(?:also|too|instead|later|then|afterwards|meanwhile|therefore|thus|hence|"
    r"consequently|finally|moreover|furthermore|besides|otherwise|nevertheless|however|"
    r"again|likewise|similarly|earlier|previously|another|others|both|either|neither|"
    r"the (?:other|others|latter|former|same|rest|remaining)|by contrast|in contrast|"
    r"in addition|as a result|for example|for instance|(?:after|before|by|at|until) that|"
    r"there)\b",
    re.IGNORECASE,
)
#: A sentence opening that continues the one before ("But ...", "Next, ...").
CONTINUING_START = re.compile(
    r"^(?:and|but|or|so|yet|next|first|second|third|fourth|lastly|that)\b", re.IGNORECASE
)
#: "There is ..." introduces something new; it points nowhere.
EXISTENTIAL_THERE = re.compile(r"\bthere (?:is|are|was|were|will|has|have|had|may|might)\b", re.I)
#: Nouns that stand for something the passage names ("Hollis Electronics ... the company").
ROLE_NOUNS = frozenset(
    (
        "company", "firm", "business", "store", "shop", "restaurant", "cafe", "hotel", "chef",
        "owner", "owners", "founder", "author", "writer", "painter", "artist", "curator",
        "council", "club", "team", "band", "group", "guild", "charity", "organisation",
        "organization", "school", "museum", "gallery", "library", "centre", "center", "town",
        "city", "village", "mayor", "manager", "director", "landlord", "tenant", "hirer",
        "couple", "family", "man", "woman", "boy", "girl", "scientist", "scientists",
        "researcher", "researchers", "engineer", "doctor", "teacher", "player", "coach",
        "captain", "king", "queen", "president", "government", "authority", "police",
        "patient", "tree", "boat", "bird", "animal", "dog", "cat", "building", "project",
        "festival", "exhibition", "book", "novel", "film", "ship", "bridge", "plant", "factory",
        # what an earlier sentence described: "Part of the reason is ...", "The closure ..."
        "reason", "problem", "process", "effect", "result", "change", "closure", "rule",
        "policy", "plan", "idea", "difference", "study", "survey", "decision", "event",
        "meeting", "ceremony", "sale", "offer", "scheme", "period", "service", "programme",
        "program", "system", "method"
    )
)  # fmt: skip
ROLE = re.compile(r"\b(?:the|this|that)\s+([a-z]+)\b", re.IGNORECASE)
LIST_MARKER = re.compile(r"^\(?(?:\d{1,2}|[a-z])[.)]$")
FORM_FIELD = re.compile(r"^[A-Z][A-Za-z]*(?: [A-Za-z]+){0,2}:\s")
CLOSING = re.compile(
    r"^(?:Yours\b|Best wishes|Kind regards|Regards|Sincerely|With thanks|Rating:)", re.I
)
_WORD = re.compile(r"[A-Za-z]+")
PERSON_NOUNS = frozenset(
    (
        "man", "woman", "boy", "girl", "chef", "owner", "founder", "author", "writer",
        "painter", "artist", "curator", "mayor", "manager", "director", "landlord", "tenant",
        "teacher", "doctor", "engineer", "player", "coach", "captain", "king", "queen",
        "president", "farmer", "student", "pupil", "child", "son", "daughter", "mother",
        "father", "brother", "sister", "wife", "husband", "widow", "weaver", "apprentice",
        "member", "nurse", "driver", "worker", "officer", "keeper", "guard", "head"
    )
)  # fmt: skip


@dataclass(frozen=True)
class Layout:
    """A passage cut into what stays first, the blocks that may move, and what stays last."""

    head: tuple[str, ...]
    blocks: tuple[tuple[str, ...], ...]
    tail: tuple[str, ...]
    reason: str | None = None  # why the passage may not be shuffled; None when it may


def leans_back(sentence: str, opening: str) -> bool:
    """Whether ``sentence`` points back to an earlier one (see the module docstring);
    ``opening`` is the text that stays first (what it introduces may be named again).

    >>> leans_back("Its design was approved in 2022.", "The barrier opened.")
    True
    >>> leans_back("Tickets cost 12 pounds, with free entry for children.", "The gallery opened.")
    False
    """
    words = {w.lower() for w in _WORD.findall(re.sub(r"\bsuch as\b", "", sentence, flags=re.I))}
    if POINTING_PRONOUNS & words or CONTINUING_START.match(sentence):
        return True
    if len(sentence.split()) <= SHORT_SENTENCE and not FORM_FIELD.match(sentence):
        return True  # "You do not need a receipt." leaves out what it is about
    if any(
        m.group().lower() != "there" or not EXISTENTIAL_THERE.match(sentence, m.start())
        for m in CONNECTIVES.finditer(sentence)
    ):
        return True
    introduced = {_singular(w) for w in _WORD.findall(opening)}
    return any(
        _singular(m.group(1)) in ROLE_NOUNS and _singular(m.group(1)) not in introduced
        for m in ROLE.finditer(sentence)
    )


def _singular(word: str) -> str:
    lower = word.lower()
    return lower[:-1] if lower.endswith("s") and not lower.endswith("ss") else lower


def _has_person_before(text: str) -> bool:
    """A name or a noun for a person in ``text`` (a "he"/"she" after it has an antecedent)."""
    for match in _WORD.finditer(text):
        word = match.group()
        if word.lower() in PERSON_NOUNS:
            return True
        if word[0].isupper() and word.lower() not in POINTING_PRONOUNS | _FUNCTION_WORDS:
            return True
    return False


_FUNCTION_WORDS = frozenset(
    (
        "a", "an", "the", "in", "on", "at", "of", "for", "from", "to", "by", "with", "as",
        "and", "but", "or", "so", "if", "when", "after", "before", "while", "since", "during",
        "each", "every", "some", "many", "most", "all", "no", "not", "we", "our", "you",
        "your", "i", "my", "there", "here", "then", "now", "once", "today"
    )
)  # fmt: skip


def _person_pronoun_without_antecedent(block: list[str], sentence: str) -> bool:
    match = re.search(rf"\b(?:{'|'.join(PERSON_PRONOUNS)})\b", sentence, re.IGNORECASE)
    if match is None:
        return False
    before = " ".join([*block, sentence[: match.start()]])
    return not _has_person_before(before)


def layout(sentences: list[str]) -> Layout:
    """Cut ``sentences`` into head, movable blocks and tail (see the module docstring)."""
    if any(LIST_MARKER.match(s) for s in sentences):
        return Layout(tuple(sentences), (), (), "a numbered list")
    if not sentences:
        return Layout((), (), (), "no sentences")
    opening = sentences[0]
    end = len(sentences)
    while end > 1 and CLOSING.match(sentences[end - 1]):
        end -= 1
    head = [opening]
    index = 1
    while index < end and (
        FORM_FIELD.match(sentences[index]) or leans_back(sentences[index], " ".join(head))
    ):
        head.append(sentences[index])
        index += 1
    introduced = " ".join(head)
    blocks: list[list[str]] = []
    for sentence in sentences[index:end]:
        current = blocks[-1] if blocks else head
        if leans_back(sentence, introduced):
            if _person_pronoun_without_antecedent(current, sentence):
                return Layout(tuple(sentences), (), (), "a pronoun whose antecedent could move")
            current.append(sentence)
        else:
            blocks.append([sentence])
    tail = tuple(sentences[end:])
    reason = None if len(blocks) >= MIN_BLOCKS else f"fewer than {MIN_BLOCKS} blocks can move"
    return Layout(tuple(head), tuple(tuple(b) for b in blocks), tail, reason)
