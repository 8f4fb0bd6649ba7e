"""One generation's evidence: contradicting pairs, consistent answers, highlights."""

from __future__ import annotations

from harness.coherence.analysis import (
    answer_pairs,
    consistency_of,
    contradictions_of,
    highlights,
    judged_text,
    repetition_of,
)
from harness.coherence.judge import Verdict

CONTRADICTION = Verdict(
    "contradiction", {"contradiction": 0.9, "entailment": 0.05, "neutral": 0.05}
)
ENTAILMENT = Verdict("entailment", {"contradiction": 0.05, "entailment": 0.9, "neutral": 0.05})
NEUTRAL = Verdict("neutral", {"contradiction": 0.2, "entailment": 0.1, "neutral": 0.7})


def test_contradictions_are_counted_once_per_pair_and_unjudged_pairs_leave_it_open() -> None:
    sentences = ["It is open.", "It rains.", "It is not open."]
    pairs = [(0, 1), (1, 0), (0, 2), (2, 0), (1, 2), (2, 1)]
    found = contradictions_of(
        sentences, pairs, [NEUTRAL, NEUTRAL, CONTRADICTION, CONTRADICTION, NEUTRAL, NEUTRAL]
    )
    assert found.contradicts is True and found.judged == 6
    assert [(p["first"], p["second"], p["directions"]) for p in found.contradicting] == [
        ("It is open.", "It is not open.", 2)
    ]
    clean = contradictions_of(sentences, pairs, [NEUTRAL] * 6)
    assert clean.contradicts is False
    # One pair unjudged (the judge's server failed) and none contradicting: unknown.
    open_case = contradictions_of(sentences, pairs, [NEUTRAL] * 5 + [None])
    assert open_case.contradicts is None and open_case.unanswered == 1


def test_consistency_needs_entailment_both_ways() -> None:
    answers = ["Paris.", "The capital is Paris.", "Paris"]
    pairs = answer_pairs(answers)
    assert pairs == [(0, 1), (1, 0), (1, 2), (2, 1)]  # "Paris." and "Paris" differ in text
    verdicts = {(0, 1): ENTAILMENT, (1, 0): ENTAILMENT, (1, 2): ENTAILMENT, (2, 1): NEUTRAL}
    found = consistency_of(answers, pairs, [verdicts[p] for p in pairs])
    assert found.inconsistent is True
    assert [
        (f["first_index"], f["second_index"], f["forward"], f["backward"]) for f in found.failing
    ] == [(1, 2, "entailment", "neutral")]
    agreed = consistency_of(answers, pairs, [ENTAILMENT] * 4)
    assert agreed.inconsistent is False
    # Identical answers (up to case and spaces) need no judge at all.
    assert answer_pairs(["Lima.", "lima.", " Lima. "]) == []
    assert consistency_of(["Lima.", "lima."], [], []).inconsistent is False


def test_an_empty_answer_agrees_only_with_another_empty_one() -> None:
    assert consistency_of(["", " "], [], []).inconsistent is False
    found = consistency_of(["", "Jupiter.", "Jupiter."], [], [])
    assert found.inconsistent is True and len(found.failing) == 2


def test_the_judge_reads_the_question_before_each_answer() -> None:
    assert judged_text(" Who wrote Hamlet? ", " Shakespeare. ") == "Who wrote Hamlet? Shakespeare."


def test_highlights_do_not_overlap_and_index_the_text() -> None:
    text = "The sea was calm. The sea was calm today, and then and then and then and then."
    spans = highlights(repetition_of(text))
    assert [(text[a:b], kind) for a, b, kind in spans] == [
        ("The sea was calm", "repeated"),
        ("and then and then and then and then", "loop"),
    ]
    assert all(end <= start for (_, end, _), (start, _, _) in zip(spans, spans[1:], strict=False))
