"""hf-masked: a tiny random BERT masked LM built in the test, scored through the real adapter."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.tiny_language_models import build_tiny_masked_bert

from harness.errors import ModelError
from harness.models.base import ModelContext, ModelSpec, load_model
from harness.predictor import RequestRunner
from harness.requests import Loglikelihood

CONTEXT = ModelContext(task="multiple_choice", labels=(), input_fields=("question", "choices"))


@pytest.fixture(scope="module")
def tiny_mlm(tmp_path_factory) -> Path:
    return build_tiny_masked_bert(tmp_path_factory.mktemp("tiny-mlm"))


@pytest.fixture(scope="module")
def reference(tiny_mlm):
    """The tokenizer and network loaded straight from transformers, for hand-written passes."""
    from transformers import AutoModelForMaskedLM, AutoTokenizer

    return AutoTokenizer.from_pretrained(tiny_mlm), AutoModelForMaskedLM.from_pretrained(
        tiny_mlm
    ).eval()


def adapter(path: Path, **options):
    return load_model(ModelSpec.parse(f"hf-masked:{path}", options), CONTEXT)


def masked_logprob(reference, ids: list[int], position: int) -> tuple[float, int]:
    """log P(ids[position]) with that position masked, and the argmax there; one input, no padding."""
    import torch

    tokenizer, model = reference
    masked = list(ids)
    target = masked[position]
    masked[position] = tokenizer.mask_token_id
    with torch.no_grad():
        logits = model(input_ids=torch.tensor([masked])).logits[0, position]
    logprobs = torch.log_softmax(logits, dim=-1)
    return float(logprobs[target]), int(logprobs.argmax())


def hand_pll(reference, context: str, continuation: str) -> tuple[float, bool]:
    """Salazar et al.'s pseudo-log-likelihood, written out: mask each continuation token in turn."""
    tokenizer, _ = reference
    context_ids = tokenizer(context, add_special_tokens=False)["input_ids"] if context else []
    continuation_ids = tokenizer(continuation, add_special_tokens=False)["input_ids"]
    ids = [tokenizer.cls_token_id, *context_ids, *continuation_ids, tokenizer.sep_token_id]
    total, greedy = 0.0, True
    for k in range(len(continuation_ids)):
        position = 1 + len(context_ids) + k
        logprob, argmax = masked_logprob(reference, ids, position)
        total += logprob
        greedy = greedy and argmax == ids[position]
    return total, greedy


SINGLE = [
    ("A man is playing a guitar on the stage. The man is", " playing"),
    ("A man is playing a guitar on the stage. The man is", " not"),
    ("A man is playing a guitar on the stage. The man is", " the"),
    ("Two dogs are running through the snow. Answer:", " cat"),
    ("Every student passed the exam. Answer:", " no"),
]


def test_single_token_continuations_equal_the_log_softmax_at_the_mask(tiny_mlm, reference):
    tokenizer, _ = reference
    for _context, continuation in SINGLE:
        assert len(tokenizer(continuation, add_special_tokens=False)["input_ids"]) == 1
    requests = [Loglikelihood(context=c, continuation=w) for c, w in SINGLE]
    answers = adapter(tiny_mlm, batch_size=3).loglikelihood(requests)
    for (context, continuation), answer in zip(SINGLE, answers, strict=True):
        context_ids = tokenizer(context, add_special_tokens=False)["input_ids"]
        (token,) = tokenizer(continuation, add_special_tokens=False)["input_ids"]
        ids = [tokenizer.cls_token_id, *context_ids, token, tokenizer.sep_token_id]
        expected, argmax = masked_logprob(reference, ids, 1 + len(context_ids))
        assert answer["loglikelihood"] == pytest.approx(expected, abs=1e-5)
        assert answer["is_greedy"] == (argmax == token)
    # The same context's verbalizers get different scores (a random model is not uniform).
    assert len({round(a["loglikelihood"], 4) for a in answers[:3]}) == 3


MULTI = [
    ("", "The doctor saw the lawyer before the meeting."),
    ("", "The lawyer saw the doctor before the meeting."),
    ("Question: who played? Answer:", " a man playing a guitar"),
    ("Question: who played? Answer:", " nobody"),
    ("", "A cat is sleeping on the sofa."),
]


def test_multi_token_continuations_equal_a_hand_written_pseudo_log_likelihood(tiny_mlm, reference):
    tokenizer, _ = reference
    assert len(tokenizer(MULTI[0][1], add_special_tokens=False)["input_ids"]) > 5
    requests = [Loglikelihood(context=c, continuation=w) for c, w in MULTI]
    # batch_size=4 splits one request's masked rows across batches: the sums must not care.
    for batch_size in (4, 64):
        answers = adapter(tiny_mlm, batch_size=batch_size).loglikelihood(requests)
        for (context, continuation), answer in zip(MULTI, answers, strict=True):
            expected, greedy = hand_pll(reference, context, continuation)
            # 1e-5 per scored token: each is a float32 log-softmax, padded differently.
            n_tokens = len(tokenizer(continuation, add_special_tokens=False)["input_ids"])
            assert answer["loglikelihood"] == pytest.approx(expected, abs=1e-5 * n_tokens)
            assert answer["is_greedy"] == greedy


def test_minimal_pairs_get_different_pseudo_log_likelihoods(tiny_mlm):
    # CrowS-style use: Loglikelihood("", sentence) for each side of a minimal pair.
    answers = adapter(tiny_mlm).loglikelihood(
        [Loglikelihood(context="", continuation=sentence) for _, sentence in MULTI[:2]]
    )
    assert answers[0]["loglikelihood"] != pytest.approx(answers[1]["loglikelihood"], abs=1e-4)


def test_long_contexts_are_cut_from_the_left_and_counted(tiny_mlm, reference):
    tokenizer, _ = reference
    context = " ".join(["The children are playing football outside."] * 10)
    model = adapter(tiny_mlm, max_length=16)
    (answer,) = model.loglikelihood([Loglikelihood(context=context, continuation=" book")])
    context_ids = tokenizer(context, add_special_tokens=False)["input_ids"][-(16 - 3) :]
    (token,) = tokenizer(" book", add_special_tokens=False)["input_ids"]
    ids = [tokenizer.cls_token_id, *context_ids, token, tokenizer.sep_token_id]
    expected, _ = masked_logprob(reference, ids, len(ids) - 2)
    assert answer["loglikelihood"] == pytest.approx(expected, abs=1e-5)
    assert model.truncated_count == 1


def test_through_the_request_runner_and_its_checks(tiny_mlm, reference):
    model = adapter(tiny_mlm)
    requests = [Loglikelihood(context=c, continuation=w) for c, w in SINGLE + MULTI]
    answers = RequestRunner(model).run(requests)
    tokenizer, _ = reference
    for (context, continuation), answer in zip(SINGLE + MULTI, answers, strict=True):
        n_tokens = len(tokenizer(continuation, add_special_tokens=False)["input_ids"])
        assert answer["loglikelihood"] == pytest.approx(
            hand_pll(reference, context, continuation)[0], abs=1e-5 * n_tokens
        )


def hand_conditional_pll(reference, sentence: str, counterpart: str) -> tuple[float, int]:
    """CrowS-Pairs' score written out for a pair that differs in one contiguous span.

    The shared tokens are the common prefix and the common suffix of the two token
    lists (found here by walking from each end, not by a diff); each is masked in turn
    in the sentence, everything else visible, and the log-probabilities are summed.
    """
    tokenizer, _ = reference
    tokens = tokenizer(sentence, add_special_tokens=False)["input_ids"]
    other = tokenizer(counterpart, add_special_tokens=False)["input_ids"]
    prefix = 0
    while prefix < min(len(tokens), len(other)) and tokens[prefix] == other[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(tokens), len(other)) - prefix
        and tokens[len(tokens) - 1 - suffix] == other[len(other) - 1 - suffix]
    ):
        suffix += 1
    shared = list(range(prefix)) + list(range(len(tokens) - suffix, len(tokens)))
    ids = [tokenizer.cls_token_id, *tokens, tokenizer.sep_token_id]
    total = sum(masked_logprob(reference, ids, 1 + k)[0] for k in shared)
    return total, len(shared)


PAIRS = [
    (
        "The doctor saw the lawyer before the meeting.",
        "The nurse saw the lawyer before the meeting.",
    ),
    ("A man is playing a guitar.", "A woman is playing a guitar."),
    ("Every student passed the exam.", "Every student failed the exam."),
    ("The old dogs are sleeping in the snow.", "The cats are sleeping in the snow."),
]


def test_a_counterpart_scores_only_the_shared_tokens_as_crows_pairs_does(tiny_mlm, reference):
    tokenizer, _ = reference
    model = adapter(tiny_mlm, batch_size=5)
    assert model.scores_shared_tokens
    requests = [
        Loglikelihood(context="", continuation=a, counterpart=b)
        for pair in PAIRS
        for a, b in (pair, pair[::-1])
    ]
    answers = model.loglikelihood(requests)
    for request, answer in zip(requests, answers, strict=True):
        expected, n_shared = hand_conditional_pll(
            reference, request.continuation, request.counterpart
        )
        assert answer["tokens"] == n_shared
        assert (
            0
            < n_shared
            < len(tokenizer(request.continuation, add_special_tokens=False)["input_ids"])
        )
        assert answer["loglikelihood"] == pytest.approx(expected, abs=1e-5 * n_shared)
    # Both sentences of a pair score the same number of tokens.
    assert [a["tokens"] for a in answers[::2]] == [a["tokens"] for a in answers[1::2]]
    # Without a counterpart every token is scored (whole-sentence PLL), a different number.
    whole = model.loglikelihood([Loglikelihood(context="", continuation=a) for a, _ in PAIRS])
    for (sentence, _), answer in zip(PAIRS, whole, strict=True):
        assert answer["tokens"] == len(tokenizer(sentence, add_special_tokens=False)["input_ids"])
        assert answer["loglikelihood"] == pytest.approx(
            hand_pll(reference, "", sentence)[0], abs=1e-5 * answer["tokens"]
        )


def test_a_pair_with_nothing_in_common_scores_zero_over_zero_tokens(tiny_mlm):
    (answer,) = adapter(tiny_mlm).loglikelihood(
        [Loglikelihood(context="", continuation="cat", counterpart="guitar")]
    )
    assert answer["loglikelihood"] == 0.0 and answer["tokens"] == 0


def test_the_counterpart_is_in_the_cache_key_only_when_set():
    plain = Loglikelihood(context="", continuation="A man sings.")
    assert plain.payload() == {"context": "", "continuation": "A man sings."}
    paired = Loglikelihood(context="", continuation="A man sings.", counterpart="A woman sings.")
    assert paired.key() != plain.key()
    assert paired.payload()["counterpart"] == "A woman sings."


def test_fingerprint_and_description(tiny_mlm):
    model = adapter(tiny_mlm)
    assert model.fingerprint() == adapter(tiny_mlm).fingerprint()
    assert model.fingerprint() != adapter(tiny_mlm, max_length=32).fingerprint()
    assert model.describe()["dtype"] == "float32"
    assert model.serves == ("loglikelihood",)
    half = adapter(tiny_mlm, dtype="bfloat16")
    assert half.fingerprint() != model.fingerprint()
    assert half.describe()["dtype"] == "bfloat16"
    assert str(next(half.model.parameters()).dtype) == "torch.bfloat16"
    request = [Loglikelihood(context=SINGLE[0][0], continuation=SINGLE[0][1])]
    full_score = model.loglikelihood(request)[0]["loglikelihood"]
    half_score = half.loglikelihood(request)[0]["loglikelihood"]
    # bfloat16 keeps about 3 significant digits: close to the float32 score.
    assert half_score == pytest.approx(full_score, rel=0.05)


def test_bad_input_is_one_line(tiny_mlm, tmp_path):
    with pytest.raises(ModelError, match="tokenizes to nothing"):
        adapter(tiny_mlm).loglikelihood([Loglikelihood(context="a", continuation="")])
    with pytest.raises(ModelError, match="unknown option 'max_lenght'"):
        adapter(tiny_mlm, max_lenght=8)
    with pytest.raises(ModelError, match="option 'dtype'"):
        adapter(tiny_mlm, dtype="float64")
    with pytest.raises(ModelError, match="needs a hub id or a local directory"):
        load_model(ModelSpec.parse("hf-masked"), CONTEXT)


def test_a_multiple_choice_suite_through_the_cli(tiny_mlm, reference, tmp_path):
    import json
    import os

    from test_cli import TESTS_DIR, harness

    rows = [
        {"id": "a", "question": "Who is playing?", "choices": ["a man", "the cat"], "answer": 0},
        {"id": "b", "question": "What is sleeping?", "choices": ["a book", "a cat"], "answer": 1},
        {"id": "c", "question": "Who passed?", "choices": ["every student", "nobody"], "answer": 0},
    ]
    (tmp_path / "mc.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    (tmp_path / "suite.yaml").write_text(
        "name: mc\ntask: multiple_choice\nseed: 1\nbootstrap_resamples: 200\n"
        "tests:\n  - name: mc\n    data: {source: file, path: mc.jsonl}\n"
    )
    result = harness(
        "run",
        "suite.yaml",
        "--model",
        f"hf-masked:{tiny_mlm}",
        "--out",
        "out",
        "--quiet",
        "--no-cache",
        cwd=tmp_path,
        env={"PYTHONPATH": os.pathsep.join([str(TESTS_DIR.parent), str(TESTS_DIR)])},
    )
    assert result.returncode == 0, result.stderr
    items = [
        json.loads(line) for line in (tmp_path / "out" / "items.jsonl").read_text().splitlines()
    ]
    for row, item in zip(rows, items, strict=True):
        context = f"Question: {row['question']}\nAnswer:"
        scores = [hand_pll(reference, context, f" {choice}")[0] for choice in row["choices"]]
        assert item["response"]["loglikelihoods"] == pytest.approx(scores, abs=1e-4)
        assert item["predicted"] == row["choices"][max(range(2), key=lambda i: (scores[i], -i))]
