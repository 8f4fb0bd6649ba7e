"""openai-compatible: the real adapter against a real loopback HTTP server serving a tiny GPT-2."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.openai_server import OpenAIServer
from helpers.tiny_language_models import build_tiny_gpt2

from harness.core import Example
from harness.errors import ModelError
from harness.models.base import ModelContext, ModelSpec, load_model
from harness.models.http_client import RECOVER_AFTER, AdaptiveLimit, retry_after_seconds
from harness.predictor import RequestRunner, TaskPredictor
from harness.requests import Generate, Loglikelihood
from harness.tasks import TaskSetup
from harness.tasks.multiple_choice import MultipleChoiceTask

CONTEXT = ModelContext(task="multiple_choice", labels=(), input_fields=("question", "choices"))


@pytest.fixture(scope="module")
def tiny_gpt2(tmp_path_factory) -> Path:
    return build_tiny_gpt2(tmp_path_factory.mktemp("tiny-gpt2"))


@pytest.fixture(scope="module")
def server(tiny_gpt2):
    with OpenAIServer(tiny_gpt2, name="tiny") as running:
        yield running


@pytest.fixture(autouse=True)
def clean(server):
    server.clear()
    yield
    server.clear()


@pytest.fixture(scope="module")
def direct(tiny_gpt2):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    return (
        AutoTokenizer.from_pretrained(tiny_gpt2),
        AutoModelForCausalLM.from_pretrained(tiny_gpt2).eval(),
    )


def adapter(server: OpenAIServer, **options):
    options = {"base_url": server.url, "backoff_s": 0.01, **options}
    return load_model(ModelSpec.parse("openai-compatible:tiny", options), CONTEXT)


def direct_loglikelihood(direct, context: str, continuation: str) -> tuple[float, bool]:
    """log P(continuation | context) by a hand-written forward pass (lm-eval's token split)."""
    import torch

    tokenizer, model = direct
    stripped = context.rstrip()
    continuation = context[len(stripped) :] + continuation
    whole = tokenizer(stripped + continuation)["input_ids"]
    n_context = len(tokenizer(stripped)["input_ids"])
    with torch.no_grad():
        logprobs = torch.log_softmax(model(input_ids=torch.tensor([whole])).logits[0], dim=-1)
    total = sum(float(logprobs[i - 1, whole[i]]) for i in range(n_context, len(whole)))
    greedy = all(int(logprobs[i - 1].argmax()) == whole[i] for i in range(n_context, len(whole)))
    return total, greedy


def direct_tokens(direct, context: str, continuation: str) -> list[int]:
    """The continuation's tokens under the same split as ``direct_loglikelihood``."""
    tokenizer, _ = direct
    stripped = context.rstrip()
    whole = tokenizer(stripped + context[len(stripped) :] + continuation)["input_ids"]
    return whole[len(tokenizer(stripped)["input_ids"]) :]


def direct_greedy(direct, prompt: str, max_tokens: int) -> str:
    import torch

    tokenizer, model = direct
    ids = tokenizer(prompt)["input_ids"]
    new: list[int] = []
    with torch.no_grad():
        for _ in range(max_tokens):
            new.append(int(model(input_ids=torch.tensor([ids + new])).logits[0, -1].argmax()))
    return tokenizer.decode(new)


PAIRS = [
    ("A man is playing a guitar on the stage. The man is", " playing"),
    ("A man is playing a guitar on the stage. The man is", " sleeping on the sofa"),
    ("Question: who cooked dinner?\nAnswer:", " The chef cooked dinner for the guests."),
    ("Question: who cooked dinner?\nAnswer: ", "the doctor"),  # trailing space moves over
    ("Every student passed the exam.", " Some students did not pass the exam."),
]


def test_loglikelihoods_through_the_server_equal_a_direct_forward_pass(server, direct):
    requests = [Loglikelihood(context=c, continuation=w) for c, w in PAIRS]
    answers = RequestRunner(adapter(server, concurrency=3)).run(requests)
    for (context, continuation), answer in zip(PAIRS, answers, strict=True):
        expected, greedy = direct_loglikelihood(direct, context, continuation)
        assert answer["loglikelihood"] == pytest.approx(expected, abs=1e-5)
        assert answer["is_greedy"] == greedy
        # The server's tokenizer is the direct model's: the same continuation tokens.
        assert answer["tokens"] == len(direct_tokens(direct, context, continuation))
    assert len({round(a["loglikelihood"], 3) for a in answers}) == len(PAIRS)
    # One request each, with every decoding parameter explicit.
    assert server.count("/completions") == len(PAIRS)
    body = server.received[0].body
    assert body["echo"] is True and body["logprobs"] == 1 and body["max_tokens"] == 0
    assert body["temperature"] == 0.0 and body["top_p"] == 1.0 and body["seed"] == 0


def test_a_greedy_continuation_is_recognised(server, direct):
    context = "Question: who cooked dinner?\nAnswer:"
    greedy_text = direct_greedy(direct, context, 3)
    (answer,) = adapter(server).loglikelihood(
        [Loglikelihood(context=context, continuation=greedy_text)]
    )
    assert answer["is_greedy"] is True
    assert answer["loglikelihood"] == pytest.approx(
        direct_loglikelihood(direct, context, greedy_text)[0], abs=1e-5
    )


@pytest.mark.parametrize("endpoint", ["completions", "chat"])
def test_generation_is_greedy_with_explicit_parameters_and_stops(server, direct, endpoint):
    prompt = "The chef cooked dinner for"
    full = direct_greedy(direct, prompt, 8)
    stop = full[3:5]  # a stop sequence inside the greedy text cuts it there
    requests = [
        Generate(prompt=prompt, stop=(), max_tokens=8),
        Generate(prompt=prompt, stop=(stop,), max_tokens=8),
    ]
    answers = adapter(server, generate_endpoint=endpoint).generate(requests)
    assert answers[0]["text"] == full
    assert answers[1]["text"] == full[: full.find(stop)]
    bodies = [r.body for r in server.received]
    assert all(
        b["temperature"] == 0.0 and b["top_p"] == 1.0 and b["max_tokens"] == 8 for b in bodies
    )
    assert all("seed" in b and "stop" in b and b["n"] == 1 for b in bodies)
    assert (
        server.received[0].path
        == f"/v1/{'chat/completions' if endpoint == 'chat' else 'completions'}"
    )


def test_5xx_is_retried_with_back_off_until_it_succeeds(server, direct):
    server.inject("status", status=500, count=2)
    server.inject("status", status=503, count=1)
    model = adapter(server, max_retries=4)
    (answer,) = model.loglikelihood([Loglikelihood(context=PAIRS[0][0], continuation=" playing")])
    assert answer["loglikelihood"] == pytest.approx(
        direct_loglikelihood(direct, PAIRS[0][0], " playing")[0], abs=1e-5
    )
    assert server.count() == 4  # three failures, then the answer
    waits = model.client.waits
    assert len(waits) == 3
    # Exponential: each wait lies in [0.5, 1] × backoff_s × 2**attempt.
    for attempt, wait in enumerate(waits):
        assert 0.5 * 0.01 * 2**attempt <= wait <= 0.01 * 2**attempt


def test_429_honours_retry_after_and_lowers_then_recovers_concurrency(server):
    server.inject("status", status=429, count=2, retry_after="2")
    model = adapter(server, concurrency=4)
    slept: list[float] = []
    model.client.sleep = slept.append  # the waits are asserted, not taken
    requests = [Loglikelihood(context=PAIRS[0][0], continuation=f" {w}") for w in ("a", "the")]
    answers = model.loglikelihood(requests)
    assert all("loglikelihood" in answer for answer in answers)
    assert slept == [2.0, 2.0]
    assert model.client.limit.lowest == 1  # 4 -> 2 -> 1
    assert server.count() == 4


def test_adaptive_limit_halves_and_grows_back():
    limit = AdaptiveLimit(8)
    limit.throttled()
    limit.throttled()
    assert limit.limit == 2
    for _ in range(RECOVER_AFTER * 6):
        limit.succeeded()
    assert limit.limit == 8  # back to the configured maximum, never beyond
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0


def test_requests_share_kept_alive_connections_unless_told_not_to(server):
    """Pooled connections (httpx): one connection answers a run of requests, a retry
    after a 5xx included; keep_alive=false opens one per request."""
    server.inject("status", status=503, count=1)
    requests = [Generate(prompt=f"A man {i}", max_tokens=1) for i in range(5)]
    answers = adapter(server, concurrency=1).generate(requests)
    assert all(isinstance(answer["text"], str) for answer in answers)
    assert server.count() == 6 and len({r.peer for r in server.received}) == 1
    server.clear()
    adapter(server, concurrency=1, keep_alive=False).generate(requests)
    assert len({r.peer for r in server.received}) == 5


def test_a_400_is_not_retried(server):
    server.inject("status", status=400, count=1)
    model = adapter(server, max_retries=4)
    with pytest.raises(
        ModelError, match=r"refused /completions with 400: injected 400 \(not retried\)"
    ):
        model.loglikelihood([Loglikelihood(context="A man", continuation=" is")])
    assert server.count() == 1


def test_time_outs_are_retried(server, direct):
    # The first answer never comes (the server holds it); the retry is answered well
    # within the time-out however loaded the machine is.
    server.inject("sleep", seconds=600)
    model = adapter(server, timeout_s=3, max_retries=1)
    (answer,) = model.loglikelihood([Loglikelihood(context="A man", continuation=" is")])
    assert answer["loglikelihood"] == pytest.approx(
        direct_loglikelihood(direct, "A man", " is")[0], abs=1e-5
    )
    assert server.count() == 2


def test_persistent_failures_become_infra_errors_kept_out_of_the_answers(server):
    server.fail_when("doctor", status=502)
    task = MultipleChoiceTask(TaskSetup(input_fields=("question", "choices")))
    examples = [
        Example(
            id="ok", fields={"question": "Who cooked?", "choices": ["the chef", "a cat"]}, target=0
        ),
        Example(
            id="down", fields={"question": "Who saw?", "choices": ["the doctor", "a dog"]}, target=0
        ),
    ]
    runner = RequestRunner(adapter(server, max_retries=2))
    predictions = TaskPredictor(task, runner).predict(examples)
    assert predictions[0].infra_error is None
    assert "502" in predictions[1].infra_error and "after 3 attempts" in predictions[1].infra_error
    # The doctor choice fails after the prompt and unconditionally (acc_pmi) alike.
    assert runner.infra_errors == 2
    # "ok": 2 choices and their 2 unconditional requests; "down": 3 attempts for the doctor
    # choice, 1 for the dog choice, and the same for their unconditional requests.
    assert server.count() == 2 + 2 + (3 + 1) * 2


def test_malformed_json_is_one_line(server):
    server.inject("malformed")
    with pytest.raises(ModelError) as error:
        adapter(server).generate([Generate(prompt="The chef", max_tokens=2)])
    message = str(error.value)
    assert "malformed JSON" in message and "\n" not in message
    assert server.count() == 1


def test_a_server_without_logprobs_says_what_to_use_instead(tiny_gpt2):
    with OpenAIServer(tiny_gpt2, name="tiny", logprobs=False) as plain:
        model = adapter(plain)
        with pytest.raises(ModelError) as error:
            model.loglikelihood([Loglikelihood(context="A man", continuation=" is")])
        message = str(error.value)
        assert "does not support log-likelihoods" in message and "\n" not in message
        assert "vLLM" in message
        # Generation still works against it.
        assert isinstance(model.generate([Generate(prompt="A man", max_tokens=2)])[0]["text"], str)


def test_the_api_key_is_sent_and_never_shown(tiny_gpt2, monkeypatch):
    secret = "sk-test-0123456789abcdef"
    monkeypatch.setenv("TINY_SERVER_KEY", secret)
    with OpenAIServer(tiny_gpt2, name="tiny", api_key=secret) as guarded:
        model = adapter(guarded, api_key_env="TINY_SERVER_KEY", max_retries=0)
        model.generate([Generate(prompt="A man", max_tokens=1)])
        assert guarded.received[0].authorization == f"Bearer {secret}"
        assert secret not in repr(model.describe()) + model.fingerprint()
        guarded.inject("status", status=500, count=1)
        (failed,) = model.generate([Generate(prompt="A woman", max_tokens=1)])
        assert secret not in failed["infra_error"]
    monkeypatch.delenv("TINY_SERVER_KEY")
    with pytest.raises(ModelError, match="environment variable TINY_SERVER_KEY"):
        adapter(guarded, api_key_env="TINY_SERVER_KEY")


def test_load_errors_are_one_line(server):
    with pytest.raises(ModelError, match="needs the option base_url"):
        load_model(ModelSpec.parse("openai-compatible:tiny"), CONTEXT)
    with pytest.raises(ModelError, match="needs the served model's name"):
        load_model(ModelSpec.parse("openai-compatible", {"base_url": server.url}), CONTEXT)
    with pytest.raises(ModelError, match="unknown option 'max_retry'"):
        adapter(server, max_retry=3)
    with pytest.raises(ModelError, match="is not an http"):
        adapter(server, base_url="ftp://127.0.0.1/v1")
    with pytest.raises(ModelError, match="refused /completions with 404"):
        load_model(
            ModelSpec.parse("openai-compatible:other", {"base_url": server.url}), CONTEXT
        ).generate([Generate(prompt="x", max_tokens=1)])


def test_persistent_time_outs_become_infra_errors(server):
    server.inject("sleep", count=2, seconds=600)
    model = adapter(server, timeout_s=0.5, max_retries=1)
    (answer,) = model.loglikelihood([Loglikelihood(context="A man", continuation=" is")])
    assert "no answer within timeout_s=0.5 after 2 attempts" in answer["infra_error"]
    assert server.count() == 2


def test_continuation_tokens_are_split_at_the_context_offset():
    from harness.models.openai_compatible import continuation_score, scored_continuation

    # "Answer: yes" as a server tokenizes it, plus one generated token (max_tokens=1).
    logprobs = {
        "tokens": ["Answer", ":", " y", "es", " no"],
        "token_logprobs": [None, -1.0, -2.0, -0.5, -9.0],
        "top_logprobs": [None, {":": -1.0}, {" n": -1.5}, {"es": -0.5}, {" no": -9.0}],
        "text_offset": [0, 6, 7, 9, 11],
    }
    total, greedy = continuation_score(logprobs, len("Answer:"), len("Answer: yes"), "u")
    assert total == -2.5  # " y" + "es"; the generated " no" is not the prompt's
    assert greedy is False  # " y" was not the top token
    # Two tokens summed: what per-token normalisation divides by (the answer's "tokens").
    assert scored_continuation(logprobs, len("Answer:"), len("Answer: yes"), "u")[2] == 2
    # A token straddling the boundary ("r:" when the context ends after "Answe") counts.
    straddling = {**logprobs, "tokens": ["Answe", "r:", " y", "es"], "text_offset": [0, 5, 7, 9]}
    straddling["token_logprobs"] = [None, -1.0, -2.0, -0.5]
    assert continuation_score(straddling, len("Answer"), len("Answer: yes"), "u")[0] == -3.5
    # An empty context would need the first token's log-probability, which servers omit.
    with pytest.raises(ModelError, match="give the request a non-empty context"):
        continuation_score(logprobs, 0, len("Answer: yes"), "u")
    with pytest.raises(ModelError, match="does not support log-likelihoods"):
        continuation_score({"tokens": [], "token_logprobs": []}, 0, 3, "u")
