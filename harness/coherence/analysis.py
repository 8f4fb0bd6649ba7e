"""What one generation, or one set of answers to paraphrases, shows: pure functions.

    text ──repetition_of──▶ seq-rep-4, loop, token count, spans to highlight
    sentence pairs + verdicts ──contradictions_of──▶ contradicting pairs, judged or not
    answers to paraphrases + verdicts ──consistency_of──▶ pairs that do not entail each other

The ``coherence`` kind (``harness.kinds.coherence``) asks the model and the judge and
turns these into per-item scores and the report's evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from harness.coherence.judge import CONTRADICTION, ENTAILMENT, Verdict
from harness.metrics.repetition import find_loop, repeated_spans, seq_rep, word_tokens
from harness.tasks.answers import normalize_answer

#: seq-rep is measured over 4-grams, as Welleck et al. report it.
SEQ_REP_N = 4


@dataclass(frozen=True)
class Repetition:
    """Repetition in one generation: its scores and the character spans behind them."""

    token_count: int
    seq_rep: float | None
    loop_span: tuple[int, int] | None
    loop_unit: tuple[int, int] | None
    loop_copies: int
    repeated: tuple[tuple[int, int], ...]

    @property
    def looped(self) -> bool:
        return self.loop_span is not None


def repetition_of(text: str) -> Repetition:
    """Repetition measures of ``text`` (offsets index ``text``).

    >>> r = repetition_of("I know. I know. I know. I know.")
    >>> r.looped, r.loop_copies, round(r.seq_rep, 4)   # 9 four-grams, 3 distinct
    (True, 4, 0.6667)
    """
    tokens = word_tokens(text)
    words = [token.text for token in tokens]
    loop = find_loop(words)
    loop_span = loop_unit = None
    if loop is not None:
        first, last = tokens[loop.start], tokens[loop.end - 1]
        loop_span = (first.start, last.end)
        loop_unit = (first.start, tokens[loop.start + loop.unit - 1].end)
    return Repetition(
        token_count=len(tokens),
        seq_rep=seq_rep(words, SEQ_REP_N),
        loop_span=loop_span,
        loop_unit=loop_unit,
        loop_copies=loop.copies if loop is not None else 0,
        repeated=tuple(repeated_spans(tokens, SEQ_REP_N)),
    )


def highlights(repetition: Repetition) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, class)`` spans for the report: the loop, then the
    repeated n-grams outside it.

    >>> highlights(repetition_of("Go on. I know. I know. I know. I know."))
    [(7, 38, 'loop')]
    """
    spans: list[tuple[int, int, str]] = []
    if repetition.loop_span is not None:
        spans.append((*repetition.loop_span, "loop"))
    loop_start, loop_end = repetition.loop_span or (0, 0)
    for start, end in repetition.repeated:
        if end <= loop_start or start >= loop_end:
            spans.append((start, end, "repeated"))
        elif start < loop_start:
            spans.append((start, loop_start, "repeated"))
        elif end > loop_end:
            spans.append((loop_end, end, "repeated"))
    return sorted(spans)


@dataclass(frozen=True)
class Contradictions:
    """The judged sentence pairs of one generation and which of them contradict."""

    judged: int
    unanswered: int
    contradicting: tuple[dict[str, Any], ...] = field(default=())

    @property
    def contradicts(self) -> bool | None:
        """True with a contradicting pair; None when an unjudged pair leaves it open."""
        return _found_or_open(bool(self.contradicting), self.unanswered)


def _found_or_open(found: bool, unanswered: int) -> bool | None:
    """A verdict over judged pairs: one pair found settles it; otherwise an unjudged pair
    leaves it open (None), and with every pair judged it is False."""
    if found:
        return True
    return None if unanswered else False


def contradictions_of(
    sentences: Sequence[str],
    pairs: Sequence[tuple[int, int]],
    verdicts: Sequence[Verdict | None],
) -> Contradictions:
    """The sentence pairs the judge calls contradicting (in either order, shown once, in
    text order), most probable first.

    >>> v = Verdict("contradiction", {"contradiction": 0.8})
    >>> found = contradictions_of(["A.", "B."], [(0, 1), (1, 0)], [v, None])
    >>> found.contradicts, found.unanswered, found.contradicting[0]["directions"]
    (True, 1, 1)
    """
    by_pair: dict[tuple[int, int], dict[str, Any]] = {}
    unanswered = 0
    for (i, j), verdict in zip(pairs, verdicts, strict=True):
        if verdict is None:
            unanswered += 1
            continue
        if verdict.label != CONTRADICTION:
            continue
        first, second = min(i, j), max(i, j)
        probability = float(verdict.probabilities.get(CONTRADICTION, 0.0))
        found = by_pair.setdefault(
            (first, second),
            {
                "first": sentences[first],
                "second": sentences[second],
                "first_index": first,
                "second_index": second,
                "probability": probability,
                "directions": 0,
            },
        )
        found["probability"] = max(found["probability"], probability)
        found["directions"] += 1
    contradicting = sorted(by_pair.values(), key=lambda pair: -pair["probability"])
    return Contradictions(len(pairs) - unanswered, unanswered, tuple(contradicting))


def answer_pairs(answers: Sequence[str]) -> list[tuple[int, int]]:
    """Ordered pairs of answers the judge is asked about: two answers whose texts differ
    after SQuAD's normalisation (case, punctuation, articles, spaces).

    An empty answer is asked about nothing: it agrees with another empty one and with
    no answer that says something (``consistency_of``).

    >>> answer_pairs(["Paris.", "paris.", "Lyon.", ""])
    [(0, 2), (2, 0), (1, 2), (2, 1)]
    """
    pairs = []
    for i in range(len(answers)):
        for j in range(i + 1, len(answers)):
            if not _normal(answers[i]) or not _normal(answers[j]):
                continue
            if _normal(answers[i]) != _normal(answers[j]):
                pairs += [(i, j), (j, i)]
    return pairs


def _normal(text: str) -> str:
    """An answer as SQuAD compares answers: "The Paris." and "paris" are the same."""
    return normalize_answer(text)


def judged_text(question: str, answer: str) -> str:
    """What the judge reads for an answer: the question, then the answer (Kuhn et al. 2023)."""
    return f"{question.strip()} {answer.strip()}".strip()


@dataclass(frozen=True)
class Consistency:
    """Whether a set of answers to paraphrases all entail each other."""

    failing: tuple[dict[str, Any], ...]
    unanswered: int

    @property
    def inconsistent(self) -> bool | None:
        """True with a failing pair; None when an unjudged pair leaves it open."""
        return _found_or_open(bool(self.failing), self.unanswered)


def consistency_of(
    answers: Sequence[str],
    pairs: Sequence[tuple[int, int]],
    verdicts: Sequence[Verdict | None],
) -> Consistency:
    """Answer pairs that are not mutual entailments (both directions judged entailment);
    an empty answer beside one that says something fails without a judge.

    >>> found = consistency_of(["Lima.", ""], [], [])
    >>> found.inconsistent, found.failing[0]["forward"]
    (True, 'no answer')
    """
    by_pair = dict(zip(pairs, verdicts, strict=True))
    failing = []
    unanswered = 0
    for i in range(len(answers)):
        for j in range(i + 1, len(answers)):
            if bool(_normal(answers[i])) != bool(_normal(answers[j])):
                failing.append(
                    {
                        "first": answers[i],
                        "second": answers[j],
                        "first_index": i,
                        "second_index": j,
                        "forward": "no answer",
                        "backward": "no answer",
                    }
                )
    for i, j in pairs:
        if i > j:
            continue
        forward, backward = by_pair[(i, j)], by_pair[(j, i)]
        if forward is None or backward is None:
            unanswered += 1
            continue
        if forward.label != ENTAILMENT or backward.label != ENTAILMENT:
            failing.append(
                {
                    "first": answers[i],
                    "second": answers[j],
                    "first_index": i,
                    "second_index": j,
                    "forward": forward.label,
                    "backward": backward.label,
                }
            )
    return Consistency(tuple(failing), unanswered)
