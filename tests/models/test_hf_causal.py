"""hf-causal: tiny random GPT-2 and Llama models built here, loaded through the adapter."""

from __future__ import annotations

import pytest
from helpers.tiny_models import build_tiny_causal_lm, train_wordpiece_tokenizer

from harness.errors import ModelError
from harness.models.base import ModelContext, ModelSpec, load_model
from harness.models.causal_scoring import PairEncoder, score_naive, shared_prefixes
from harness.predictor import RequestRunner
from harness.requests import Generate, Loglikelihood

CONTEXT = ModelContext(task="nli", labels=(), input_fields=())
PROMPT = (
    "A man is playing a guitar on the stage.\nQuestion: Nobody is playing. True or False?\nAnswer:"
)


@pytest.fixture(scope="module", params=["gpt2", "llama"])
def lm(request, tmp_path_factory):
    path = build_tiny_causal_lm(tmp_path_factory.mktemp(request.param), request.param)
    return load_model(ModelSpec.parse(f"hf-causal:{path}", {"batch_size": 2}), CONTEXT)


def naive(lm, requests):
    return [
        score_naive(lm.model, lm.encoder.pair(r.context, r.continuation), lm.max_length, lm.device)
        for r in requests
    ]


def test_single_token_path_matches_one_request_per_continuation(lm):
    # Frequent corpus words after a space are single tokens of the trained BPE.
    candidates = [" a", " the", " is", " on", " playing", " man", " are", " in", " by"]
    words = [w for w in candidates if len(lm.encoder.pair("Two dogs", w).continuation) == 1][:5]
    assert len(words) == 5
    contexts = [PROMPT, "The cat is sleeping on the", "Two dogs"]
    requests = [Loglikelihood(context=c, continuation=w) for c in contexts for w in words]
    pairs = [lm.encoder.pair(r.context, r.continuation) for r in requests]
    assert all(len(p.continuation) == 1 for p in pairs)
    got = lm.loglikelihood(requests)
    for answer, reference in zip(got, naive(lm, requests), strict=True):
        assert answer["loglikelihood"] == pytest.approx(reference.loglikelihood, abs=1e-5)
        assert answer["is_greedy"] == reference.is_greedy
        assert answer["tokens"] == 1
    # Different continuations of one context really do get different scores.
    assert len({round(a["loglikelihood"], 6) for a in got[:5]}) == 5


def test_multi_token_path_reuses_the_context_and_matches_naive_scoring(lm):
    choices = [" playing a guitar", " reading a book in the park", " sleeping", " x"]
    requests = [Loglikelihood(context=PROMPT, continuation=c) for c in choices]
    requests += [Loglikelihood(context="Mary gave John", continuation=" a red apple yesterday.")]
    assert any(len(lm.encoder.pair(r.context, r.continuation).continuation) > 3 for r in requests)
    got = lm.loglikelihood(requests)
    for answer, reference in zip(got, naive(lm, requests), strict=True):
        assert answer["loglikelihood"] == pytest.approx(reference.loglikelihood, abs=1e-5)
        assert answer["is_greedy"] == reference.is_greedy
        assert answer["tokens"] == reference.tokens


def test_contexts_sharing_a_few_shot_prefix_match_naive_scoring(lm):
    shots = (
        "Question: Who is playing?\nAnswer: a man\n\n"
        "Question: Where is the cat?\nAnswer: on the mat\n\n"
    )
    other_shots = "The children are playing football outside. " * 3 + "\n"
    questions = ["Who reads a book?", "What is the dog doing?", "Who is sleeping?"]
    contexts = [f"{shots}Question: {q}\nAnswer:" for q in questions]
    # A second group with a shorter shared block (batched with the first: both prefixes
    # run in one padded pass), and a context with no shared prefix (the plain path).
    contexts += [f"{other_shots}Question: {q}\nAnswer:" for q in questions[:2]]
    contexts.append("Mary gave John")
    # Answers of a few tokens: float32 sums of 30+ token log-probabilities (|LL| ~ 90)
    # differ between the paths by a couple of float32 ulps, about 2e-5.
    choices = [" a man", " on the mat", " nobody"]
    requests = [Loglikelihood(context=c, continuation=x) for c in contexts for x in choices]
    splits = shared_prefixes([lm.encoder.pair(c, " a").context for c in contexts])
    assert len(splits) == 5 and len(set(splits.values())) == 2  # two groups share
    assert min(splits.values()) >= 32
    got = lm.loglikelihood(requests)
    for answer, reference in zip(got, naive(lm, requests), strict=True):
        assert answer["loglikelihood"] == pytest.approx(reference.loglikelihood, abs=1e-5)
        assert answer["is_greedy"] == reference.is_greedy
        assert answer["tokens"] == reference.tokens
    # The questions differ after the prefix, and so do their scores.
    assert len({round(a["loglikelihood"], 5) for a in got[0:9:3]}) == 3


def test_shared_prefixes_leave_every_context_a_token_of_its_own():
    contexts = [tuple(range(40)), tuple(range(40)) + (7,), tuple(range(35)) + (1, 2), (5,) * 50]
    splits = shared_prefixes(contexts, minimum=32)
    assert splits == {contexts[0]: 35, contexts[1]: 35, contexts[2]: 35}
    assert all(len(c) > s for c, s in splits.items())
    assert shared_prefixes([tuple(range(40)), tuple(range(31)) + (0,) * 9], minimum=32) == {}


def test_trailing_whitespace_moves_to_the_continuation(lm):
    moved, plain = lm.loglikelihood(
        [
            Loglikelihood(context="The cat is ", continuation="sleeping"),
            Loglikelihood(context="The cat is", continuation=" sleeping"),
        ]
    )
    assert moved["loglikelihood"] == pytest.approx(plain["loglikelihood"], abs=1e-6)


def test_empty_context_is_conditioned_on_the_prefix_token(lm):
    [answer] = lm.loglikelihood([Loglikelihood(context="", continuation="The cat")])
    pair = lm.encoder.pair("", "The cat")
    assert pair.context == (lm.encoder.prefix_token_id,)
    tokens = lm.tokenizer.encode("The cat", add_special_tokens=False)
    assert list(pair.continuation) == tokens
    assert answer["loglikelihood"] == pytest.approx(
        score_naive(lm.model, pair, lm.max_length, lm.device).loglikelihood, abs=1e-5
    )


def test_too_long_inputs_lose_tokens_from_the_left(tmp_path):
    path = build_tiny_causal_lm(tmp_path / "m", "gpt2")
    short = load_model(ModelSpec.parse(f"hf-causal:{path}", {"max_length": 16}), CONTEXT)
    request = Loglikelihood(context=PROMPT, continuation=" sleeping on the sofa")
    [answer] = short.loglikelihood([request])
    pair = short.encoder.pair(request.context, request.continuation)
    assert answer["loglikelihood"] == pytest.approx(
        score_naive(short.model, pair, 16, short.device).loglikelihood, abs=1e-5
    )
    assert len(pair.context) + len(pair.continuation) > 17
    assert short.describe()["truncated_count"] == 1
    # The answer says so, and the runner counts it for the test's counts.truncated.
    assert answer["truncated"] is True
    runner = RequestRunner(short)
    fitting = Loglikelihood(context="The cat", continuation=" sleeps")
    answers = runner.run([request, fitting])
    assert "truncated" not in answers[1] and runner.truncated == 1
    [generated] = short.generate([Generate(prompt=PROMPT * 3, max_tokens=2)])
    assert generated["truncated"] is True
    with pytest.raises(ModelError, match="longer than max_length"):
        short.loglikelihood([Loglikelihood(context="A", continuation=" " + PROMPT)])


def test_generate_is_greedy_and_stops_at_stop_sequences(lm):
    import torch

    ids = lm.encoder.encode(PROMPT)
    expected = []
    with torch.inference_mode():
        for _ in range(12):
            logits = lm.model(input_ids=torch.tensor([ids + expected])).logits[0, -1]
            expected.append(int(logits.argmax()))
    text = lm.tokenizer.decode(expected, skip_special_tokens=True)
    [free] = lm.generate([Generate(prompt=PROMPT, max_tokens=12)])
    assert free["text"] == text
    stop = text.strip()[3:5] if len(text.strip()) > 5 else ""
    if stop:
        [cut] = lm.generate([Generate(prompt=PROMPT, max_tokens=12, stop=(stop,))])
        assert cut["text"] == text[: text.find(stop)]
    with pytest.raises(ModelError, match="greedily"):
        lm.generate([Generate(prompt=PROMPT, temperature=0.7)])


def test_dtype_auto_is_float32_on_cpu_and_part_of_the_fingerprint(tmp_path):
    path = build_tiny_causal_lm(tmp_path / "m", "gpt2")
    auto = load_model(ModelSpec.parse(f"hf-causal:{path}", {"device": "cpu"}), CONTEXT)
    bf16 = load_model(
        ModelSpec.parse(f"hf-causal:{path}", {"device": "cpu", "dtype": "bfloat16"}), CONTEXT
    )
    assert auto.describe()["dtype"] == "float32"
    assert str(auto.model.dtype) == "torch.float32"
    assert str(bf16.model.dtype) == "torch.bfloat16"
    assert auto.fingerprint() != bf16.fingerprint()
    with pytest.raises(ModelError, match="unknown option 'dtpye'"):
        load_model(ModelSpec.parse(f"hf-causal:{path}", {"dtpye": "float16"}), CONTEXT)


def test_a_continuation_that_tokenizes_to_nothing_is_one_line(tmp_path):
    # BERT's normaliser drops control characters: the continuation disappears.
    encoder = PairEncoder(train_wordpiece_tokenizer(tmp_path))
    with pytest.raises(ModelError, match="tokenizes to nothing"):
        encoder.pair("A man sleeps.", "\x00")
