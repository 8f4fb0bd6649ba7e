"""SQuAD conformance: golden values computed by hand from the official scripts' rules.

Hand computation for the shared fixture (v2.0 unless said):

    q1 golds "The Eiffel Tower", "Eiffel Tower!"  pred "eiffel  tower"     EM 1  F1 1
    q2 gold "the" (normalises to empty)         pred ""                  EM 1  F1 1
    q3 no golds (NoAns)                           pred "Paris"             EM 0  F1 0
    q4 gold "Königsberg  bridge"                  pred "königsberg\u00a0bridge"  EM 1  F1 1
    q5 gold "..." (punctuation only)              pred "!!!" (normalises to "")  EM 1  F1 1
    q6 golds "red barn", "big red barn"           pred "the red barn door" EM 0
       F1: vs "red barn": P 2/3 R 1 -> 0.8; vs "big red barn": 2/3, 2/3 -> 0.667; max 0.8
    q7 gold "Lima"                                no prediction            EM 0  F1 0
    q8 gold "Paris"                               pred "“Paris”" (curly quotes are not in
       string.punctuation, so the token stays "“paris”")                    EM 0  F1 0

    HasAns is the v2.0 script's ``bool(qa["answers"])``: q2 and q5 have gold answers, so
    they are HasAns, scored against [""] because every gold normalises to empty.
    v2.0: exact 4/8 = 50, f1 4.8/8 = 60; HasAns (all but q3) 4/7, 4.8/7; NoAns (q3) 0, 0.
    v1.1 (q3 left out: v1.1 has no unanswerable questions): q2 EM 1 (both normalise to
          ""), F1 0 (no common token is 0 in v1.1); q5 likewise EM 1 F1 0:
          exact 4/7, f1 2.8/7.
"""

from __future__ import annotations

import pytest

from harness.core import Example, ItemResult, Prediction
from harness.metrics.base import MetricContext
from harness.metrics.columns import ItemColumns
from harness.metrics.qa import ORACLE_BEST_F1
from harness.tasks import TaskSetup
from harness.tasks.answers import best_token_f1, gold_answers, normalize_answer, token_f1
from harness.tasks.extractive_qa import ExtractiveQAOptions, ExtractiveQATask
from harness.tasks.squad import squad_scores

GOLDS = {
    "q1": ["The Eiffel Tower", "Eiffel Tower!"],
    "q2": ["the"],
    "q3": [],
    "q4": ["Königsberg  bridge"],
    "q5": ["..."],
    "q6": ["red barn", "big red barn"],
    "q7": ["Lima"],
    "q8": ["Paris"],
}
PREDICTIONS = {
    "q1": "eiffel  tower",
    "q2": "",
    "q3": "Paris",
    "q4": "königsberg\u00a0bridge",
    "q5": "!!!",
    "q6": "the red barn door",
    "q8": "“Paris”",
}


def test_v2_golden_values():
    scores = squad_scores(GOLDS, PREDICTIONS, version="2.0")
    assert scores["exact"] == pytest.approx(50.0)
    assert scores["f1"] == pytest.approx(60.0)
    assert scores["total"] == 8 and scores["missing"] == 1
    assert scores["HasAns_exact"] == pytest.approx(400 / 7)
    assert scores["HasAns_f1"] == pytest.approx(480 / 7)
    assert scores["HasAns_total"] == 7 and scores["NoAns_total"] == 1
    assert scores["NoAns_exact"] == 0.0 and scores["NoAns_f1"] == 0.0


def _official_v2(golds: dict[str, list[str]], predictions: dict[str, str]) -> dict[str, float]:
    """The v2.0 script's definition, written out here: HasAns is whether a question has
    gold answers at all; golds that normalise to empty are dropped and [""] is used when
    none is left; F1 with an empty side is whether both are empty; questions without a
    prediction are left out."""
    exact, f1, has = {}, {}, {}
    for qid, answers in golds.items():
        if qid not in predictions:
            continue
        has[qid] = bool(answers)
        kept = [a for a in answers if normalize_answer(a)] or [""]
        predicted = normalize_answer(predictions[qid]).split()
        exact[qid] = max(
            float(normalize_answer(predictions[qid]) == normalize_answer(g)) for g in kept
        )
        scores = []
        for gold in kept:
            tokens = normalize_answer(gold).split()
            if not tokens or not predicted:
                scores.append(float(tokens == predicted))
                continue
            common = sum(min(tokens.count(t), predicted.count(t)) for t in set(tokens))
            if common == 0:
                scores.append(0.0)
                continue
            precision, recall = common / len(predicted), common / len(tokens)
            scores.append(2 * precision * recall / (precision + recall))
        f1[qid] = max(scores)

    def mean(values: dict[str, float], ids: list[str]) -> float:
        return 100.0 * sum(values[i] for i in ids) / len(ids)

    ids = list(exact)
    answerable = [q for q in ids if has[q]]
    unanswerable = [q for q in ids if not has[q]]
    return {
        "exact": mean(exact, ids),
        "f1": mean(f1, ids),
        "HasAns_exact": mean(exact, answerable),
        "HasAns_f1": mean(f1, answerable),
        "HasAns_total": len(answerable),
        "NoAns_exact": mean(exact, unanswerable),
        "NoAns_f1": mean(f1, unanswerable),
        "NoAns_total": len(unanswerable),
    }


def test_answerable_questions_whose_golds_normalise_to_empty_count_as_has_ans():
    """The official v2.0 definition on the edge case: "The" and "?" are gold answers that
    normalise to nothing; the question is still answerable (HasAns), and only an empty
    prediction gets it right."""
    golds = {"a": ["The"], "b": ["?"], "c": [], "d": ["Lima"], "e": ["the", "Lima"]}
    predictions = {"a": "", "b": "Lima", "c": "", "d": "lima", "e": "Lima"}
    official = _official_v2(golds, predictions)
    ours = squad_scores(golds, predictions, version="2.0")
    for key, value in official.items():
        assert ours[key] == pytest.approx(value), key
    assert ours["HasAns_total"] == 4 and ours["HasAns_exact"] == pytest.approx(75.0)
    # The task's per-item split agrees: "a" and "b" are HasAns items.
    items = {item.id: item for item in _items(golds, predictions)}
    assert "has_ans_em" in items["a"].scores and "has_ans_em" in items["b"].scores
    assert "no_ans_em" in items["c"].scores
    # The whole fixture too (the official script leaves out the question with no
    # prediction; the harness counts it wrong, which the HasAns means then differ by).
    present = {q: g for q, g in GOLDS.items() if q in PREDICTIONS}
    for key, value in _official_v2(present, PREDICTIONS).items():
        assert squad_scores(present, PREDICTIONS)[key] == pytest.approx(value), key


def test_v1_golden_values():
    golds = {k: v for k, v in GOLDS.items() if k != "q3"}
    scores = squad_scores(golds, PREDICTIONS, version="1.1")
    assert scores["exact_match"] == pytest.approx(400 / 7)
    assert scores["f1"] == pytest.approx(280 / 7)
    assert "HasAns_exact" not in scores


def test_normalisation_and_empty_rules():
    assert normalize_answer("  The   Eiffel\tTower! ") == "eiffel tower"
    assert normalize_answer("an apple a day") == "apple day"
    assert normalize_answer("theatre") == "theatre"  # articles only as whole words
    assert gold_answers(["the", "..."]) == [""]
    assert gold_answers(["the", "Lima"]) == ["Lima"]
    assert gold_answers(["the"], version="1.1") == ["the"]
    assert token_f1("", "") == 1.0 and token_f1("", "", version="1.1") == 0.0
    assert token_f1("Paris", "") == 0.0
    assert best_token_f1("the red barn door", ["red barn", "big red barn"]) == pytest.approx(0.8)


# Oracle sweep, by hand (the v2.0 script's find_best_thresh):
#   a: answerable, pred right (F1 1),   p=0.1      start: 2 unanswerable -> 2
#   d: unanswerable, pred "",           p=0.3      a +1 -> 3 (t .1); d +0 -> 3
#   c: answerable, pred F1 2/3 EM 0,    p=0.4      c +2/3 -> 3.667 (t .4)
#   b: unanswerable, pred "x",          p=0.6      b -1 -> 2.667
#   best_f1 = 3.667/4 at 0.4; best_exact: 3/4 = 75 at 0.1
#   ("red barn door" vs "big red barn": 2 common tokens, P = R = 2/3)
SWEEP_GOLDS = {"a": ["Lima"], "b": [], "c": ["big red barn"], "d": []}
SWEEP_PREDICTIONS = {"a": "Lima", "b": "x", "c": "red barn door", "d": ""}
NA = {"a": 0.1, "b": 0.6, "c": 0.4, "d": 0.3}


def test_best_thresholds_by_hand():
    scores = squad_scores(SWEEP_GOLDS, SWEEP_PREDICTIONS, no_answer_probabilities=NA)
    assert scores["best_f1"] == pytest.approx(100 * (3 + 2 / 3) / 4)
    assert scores["best_f1_thresh"] == 0.4
    assert scores["best_exact"] == pytest.approx(75.0)
    assert scores["best_exact_thresh"] == 0.1


def test_threshold_turns_confident_abstentions_into_no_answer():
    scores = squad_scores(SWEEP_GOLDS, SWEEP_PREDICTIONS, no_answer_probabilities=NA, threshold=0.5)
    # b (p 0.6 > 0.5) now abstains: right. exact a b d = 75; f1 1 + 1 + 2/3 + 1
    assert scores["exact"] == pytest.approx(75.0)
    assert scores["f1"] == pytest.approx(100 * (3 + 2 / 3) / 4)


def _task(version="2.0"):
    return ExtractiveQATask(
        TaskSetup(
            input_fields=("context", "question"),
            options=ExtractiveQAOptions(squad_version=version),
        )
    )


def _items(golds, predictions, raw=None):
    task = _task()
    examples, preds = [], []
    for qid, answers in golds.items():
        context = " ".join(answers) + " filler"
        target = []
        for answer in answers:
            target.append({"text": answer, "start": context.index(answer)})
        examples.append(
            Example(id=qid, fields={"context": context, "question": "?"}, target=target)
        )
        preds.append(
            Prediction(example_id=qid, text=predictions.get(qid), raw=(raw or {}).get(qid))
        )
    _, items = task.score("t", examples, preds)
    return items


def test_task_item_scores_agree_with_the_script_and_count_missing_as_wrong():
    items = _items(GOLDS, PREDICTIONS)
    by_id = {item.id: item for item in items}
    assert by_id["q7"].scores["em"] == 0.0 and by_id["q7"].tags["missing"] == "yes"
    expected = squad_scores(GOLDS, PREDICTIONS)
    mean = sum(item.scores["f1"] for item in items) / len(items)
    assert 100 * mean == pytest.approx(expected["f1"])
    has = [item.scores["has_ans_f1"] for item in items if "has_ans_f1" in item.scores]
    assert 100 * sum(has) / len(has) == pytest.approx(expected["HasAns_f1"])


def test_oracle_metric_matches_the_script_sweep():
    raw = {
        qid: {"no_answer_probability": NA[qid], "best_span_text": SWEEP_PREDICTIONS[qid]}
        for qid in SWEEP_GOLDS
    }
    items: list[ItemResult] = _items(SWEEP_GOLDS, SWEEP_PREDICTIONS, raw)
    value = ORACLE_BEST_F1(ItemColumns.from_items(items, ()), (), MetricContext())
    expected = squad_scores(SWEEP_GOLDS, SWEEP_PREDICTIONS, no_answer_probabilities=NA)
    assert 100 * value.value == pytest.approx(expected["best_f1"])
    assert "oracle" in value.method and value.ci_low is None
