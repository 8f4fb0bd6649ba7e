"""Parity with lm-evaluation-harness 0.4's Hugging Face backend (the ``parity`` extra).

Tiny random GPT-2 and Llama models (tokenizers trained here, one without and one with
a BOS token) score the same requests through both: per-request log-likelihoods agree
to 1e-4 and the chosen answer of every item is the same.
"""

from __future__ import annotations

import pytest
from helpers.tiny_models import build_tiny_causal_lm

from harness.models.base import ModelContext, ModelSpec, load_model
from harness.requests import Loglikelihood
from harness.tasks.prompting.templates import load_template

lm_eval = pytest.importorskip("lm_eval", reason="needs the parity extra (lm-eval)")

PAIRS = [
    ("A man is playing a guitar on the stage.", "Nobody is playing an instrument."),
    ("Two dogs are running through the snow.", "Animals are outside."),
    ("Every student passed the exam.", "Some students did not pass the exam."),
    ("The doctor saw the lawyer before the meeting.", "The lawyer was seen by the doctor."),
]
QUESTIONS = [
    ("Where is the cat sleeping?", ["on the sofa", "in the park", "on the stage", "by the lake"]),
    ("Who gave John an apple?", ["Mary", "the chef", "the old man", "nobody at all"]),
]


def harness_and_lmeval_requests() -> tuple[list[Loglikelihood], list[list[int]]]:
    """NLI items with single-token-ish verbalizers, and 4-choice items after a context."""
    requests: list[Loglikelihood] = []
    items: list[list[int]] = []
    template = load_template("nli/gpt3")
    for premise, hypothesis in PAIRS:
        prompt = template.render({"premise": premise, "hypothesis": hypothesis})
        start = len(requests)
        for words in template.verbalizers.values():
            requests.append(Loglikelihood(context=prompt, continuation=words[0]))
        items.append(list(range(start, len(requests))))
    mc = load_template("multiple_choice/question_answer")
    for question, choices in QUESTIONS:
        prompt = mc.render({"question": question, "choices": choices})
        start = len(requests)
        for continuation in mc.choice_continuations(choices):
            requests.append(Loglikelihood(context=prompt, continuation=continuation))
        items.append(list(range(start, len(requests))))
    requests.append(Loglikelihood(context="", continuation="The cat is sleeping."))
    # Not "The cat is " + "sleeping.": with a BOS tokenizer its tokens equal the request
    # above, and lm-eval 0.4.13 then reuses the other request's logits (its one-token
    # continuation grouping) and scores it 11 nats away from its own single-request number.
    requests.append(Loglikelihood(context="Two dogs are ", continuation="running outside."))
    return requests, items


@pytest.mark.slow
@pytest.mark.parametrize("architecture", ["gpt2", "llama"])
def test_loglikelihoods_equal_lm_eval(tmp_path, architecture):
    from lm_eval.api.instance import Instance
    from lm_eval.models.huggingface import HFLM

    path = build_tiny_causal_lm(tmp_path / architecture, architecture)
    ours = load_model(
        ModelSpec.parse(f"hf-causal:{path}", {"device": "cpu", "batch_size": 4}),
        ModelContext(task="nli", labels=(), input_fields=()),
    )
    requests, items = harness_and_lmeval_requests()
    reference = HFLM(pretrained=str(path), device="cpu", dtype="float32", batch_size=4)
    instances = [
        Instance(request_type="loglikelihood", doc={}, arguments=(r.context, r.continuation), idx=i)
        for i, r in enumerate(requests)
    ]
    theirs = reference.loglikelihood(instances, disable_tqdm=True)
    got = ours.loglikelihood(requests)
    for answer, (loglikelihood, is_greedy) in zip(got, theirs, strict=True):
        assert answer["loglikelihood"] == pytest.approx(loglikelihood, abs=1e-4)
        assert answer["is_greedy"] == is_greedy
    for item in items:
        assert max(item, key=lambda i: got[i]["loglikelihood"]) == max(
            item, key=lambda i: theirs[i][0]
        )
