"""hf-qa and hf-mc: tiny random BERT heads built in the test, loaded through the real adapters.

The reference answer is computed here by hand: every window is run through
transformers directly (no padding), and every (start, end) pair of context tokens
is tried in plain Python loops.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from helpers.tiny_models import build_tiny_bert_multiple_choice, build_tiny_bert_qa

from harness.errors import ModelError
from harness.models.base import ModelContext, ModelSpec, load_model
from harness.models.hf_qa import best_spans
from harness.requests import ExtractSpan, ScoreChoices

CONTEXT = ModelContext(task="extractive_qa", labels=(), input_fields=("context", "question"))

LONG_CONTEXT = (
    "The old bridge was built in 1920. A man is playing a guitar on the stage. "
    "Two dogs are running through the snow. The chef cooked dinner for the guests. "
    "Mary gave John a red apple yesterday. Birds are flying over the quiet lake. "
    "Three people are sitting at a table. The girl is smiling at her mother."
)


@pytest.fixture(scope="module")
def qa_path(tmp_path_factory) -> Path:
    return build_tiny_bert_qa(tmp_path_factory.mktemp("tiny-qa"))


def hand_search(
    path: Path, question: str, context: str, max_length: int, stride: int, max_len: int
):
    """Best span and null score by brute force over each window's logits."""
    import torch
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForQuestionAnswering.from_pretrained(path).eval()
    encoded = tokenizer(
        question,
        context,
        truncation="only_second",
        max_length=max_length,
        stride=stride,
        return_overflowing_tokens=True,
        return_offsets_mapping=True,
    )
    best = (-math.inf, None, None)
    null = math.inf
    for window, ids in enumerate(encoded["input_ids"]):
        with torch.no_grad():
            output = model(
                input_ids=torch.tensor([ids]),
                token_type_ids=torch.tensor([encoded["token_type_ids"][window]]),
                attention_mask=torch.tensor([encoded["attention_mask"][window]]),
            )
        starts = output.start_logits[0].tolist()
        ends = output.end_logits[0].tolist()
        sequence = encoded.sequence_ids(window)
        offsets = encoded["offset_mapping"][window]
        null = min(null, starts[0] + ends[0])
        for s in range(len(ids)):
            for e in range(s, min(len(ids), s + max_len)):
                if sequence[s] == 1 and sequence[e] == 1 and starts[s] + ends[e] > best[0]:
                    best = (starts[s] + ends[e], offsets[s][0], offsets[e][1])
    return best, null, len(encoded["input_ids"])


@pytest.mark.parametrize(
    "question",
    ["When was the old bridge built?", "Who is smiling at her mother?", "What is the capital?"],
)
def test_best_span_is_the_hand_search_over_windows(qa_path, question):
    options = {"max_length": 32, "stride": 8, "max_answer_length": 6, "null_threshold": 1e9}
    model = load_model(ModelSpec("hf-qa", str(qa_path), options), CONTEXT)
    (score, start, end), null, windows = hand_search(qa_path, question, LONG_CONTEXT, 32, 8, 6)
    assert windows > 2  # the context really was split into overlapping windows
    [answer] = model.extract_span([ExtractSpan(context=LONG_CONTEXT, question=question)])
    assert (answer["start"], answer["end"]) == (start, end)
    assert answer["text"] == LONG_CONTEXT[start:end]
    assert answer["score"] == pytest.approx(score, abs=1e-4)
    assert answer["null_score"] == pytest.approx(null, abs=1e-4)
    assert answer["n_best"][0]["text"] == answer["text"]
    assert [c["score"] for c in answer["n_best"]] == sorted(
        (c["score"] for c in answer["n_best"]), reverse=True
    )


def test_no_answer_follows_the_null_score_and_threshold(qa_path):
    question = "What is the capital?"
    (score, start, end), null, _ = hand_search(qa_path, question, LONG_CONTEXT, 32, 8, 6)
    difference = null - score
    for threshold, abstains in ((difference - 0.5, True), (difference + 0.5, False)):
        options = {"max_length": 32, "stride": 8, "max_answer_length": 6}
        model = load_model(
            ModelSpec("hf-qa", str(qa_path), {**options, "null_threshold": threshold}), CONTEXT
        )
        [answer] = model.extract_span([ExtractSpan(context=LONG_CONTEXT, question=question)])
        assert (answer["text"] == "") is abstains
        assert answer["best_span_text"] == LONG_CONTEXT[start:end]
        # The probability is the sigmoid of null - score: compare on that log-odds scale,
        # at the 1e-4 the scores themselves are compared at (float32 logits from two
        # forward passes differ by ~1e-5 here; the probability, ~8e-5, is that relative).
        p = answer["no_answer_probability"]
        assert math.log(p / (1 - p)) == pytest.approx(difference, abs=1e-4)


def test_best_spans_respects_length_order_and_context():
    starts = np.array([9.0, 1.0, 5.0, 0.0])
    ends = np.array([9.0, 4.0, 0.0, 3.0])
    mask = np.array([0, 1, 1, 1])  # token 0 is not context: never a span
    spans = best_spans(starts, ends, mask, max_answer_length=2, n_best=3)
    # (2,3)=8 (2,2)=5 (1,1)=5 (1,2)=1; (1,3) is too long
    assert spans == [(8.0, 2, 3), (5.0, 1, 1), (5.0, 2, 2)]


def test_stride_must_leave_windows_room(qa_path):
    with pytest.raises(ModelError, match="stride"):
        load_model(ModelSpec("hf-qa", str(qa_path), {"max_length": 32, "stride": 16}), CONTEXT)


def test_hf_mc_scores_are_the_head_logits(tmp_path):
    import torch
    from transformers import AutoModelForMultipleChoice, AutoTokenizer

    path = build_tiny_bert_multiple_choice(tmp_path / "mc")
    model = load_model(ModelSpec("hf-mc", str(path), {"max_length": 48}), CONTEXT)
    request = ScoreChoices(
        context="Mary gave John a red apple yesterday.",
        question="What did Mary give John?",
        choices=("a red apple", "a guitar", "the snow"),
    )
    [answer] = model.score_choices([request])
    tokenizer = AutoTokenizer.from_pretrained(path)
    head = AutoModelForMultipleChoice.from_pretrained(path).eval()
    expected = []
    for choice in request.choices:
        encoded = tokenizer(request.context, f"{request.question} {choice}", return_tensors="pt")
        with torch.no_grad():
            # One choice at a time: the head scores each choice independently.
            expected.append(head(**{k: v.unsqueeze(1) for k, v in encoded.items()}).logits[0, 0])
    assert answer["scores"] == pytest.approx([float(v) for v in expected], abs=1e-4)
