"""A served model's server failing mid-attack: that example is an infrastructure error.

The attack goes through the real openai-compatible adapter, request runner, cache
and the loopback OpenAI-format server (serving a tiny GPT-2 built here), with a
server error injected after the originals were answered.
"""

from __future__ import annotations

import pytest
from attack_helpers import attack_suite, nli_examples, run_context
from helpers.openai_server import OpenAIServer
from helpers.tiny_language_models import build_tiny_gpt2

from harness.cache import ResponseCache
from harness.models.base import ModelContext, ModelSpec, load_model
from harness.predictor import RequestRunner, TaskPredictor


@pytest.mark.attack
def test_a_server_failure_during_an_attack_is_an_infra_error_for_that_item(textattack, tmp_path):
    from harness.execution import answered
    from harness.kinds.attack import AttackKind
    from harness.metrics.attack import INFRA_ERROR, NOT_ATTACKED

    suite = attack_suite({"recipe": "deepwordbug", "max_queries": 12})
    examples = nli_examples()
    with OpenAIServer(build_tiny_gpt2(tmp_path / "gpt2")) as server:
        model = load_model(
            ModelSpec.parse(
                "openai-compatible:tiny",
                {"base_url": server.url, "max_retries": 0, "backoff_s": 0.01, "concurrency": 1},
            ),
            ModelContext(task="nli", labels=suite.labels, input_fields=suite.input_fields),
        )
        task = suite.make_task()
        task.check_model(model)
        cache = ResponseCache(tmp_path / "cache", model.fingerprint())
        predictor = TaskPredictor(task, RequestRunner(model, cache=cache))
        # The originals are answered (and cached) before the attack starts; the next
        # request that reaches the server, the attack's first new query, gets a 500.
        originals = predictor.predict(examples)
        assert not any(p.infra_error for p in originals)
        sent = server.count()
        server.inject("status", status=500, count=1)
        outcome = AttackKind().run(suite.tests[0], run_context(suite, predictor, examples))
        cache.close()
        assert server.count() > sent  # the attack did query the server

    counts = outcome.sections["attack"]["counts"]
    assert counts[INFRA_ERROR] == 1 and counts[NOT_ATTACKED] == 0
    # The other examples were attacked to the end: the run went on.
    assert counts["succeeded"] + counts["failed"] + counts["skipped"] == len(examples) - 1
    originals_items = [item for item in outcome.items if item.example.parent_id is None]
    failed = [item for item in originals_items if item.infra_error]
    assert len(failed) == 1 and "500" in failed[0].infra_error
    assert failed[0].tags["attack_result"] == INFRA_ERROR
    assert failed[0].correct is None and failed[0].scores == {}
    # Kept out of every metric: N counts only the examples attacked to the end.
    assert outcome.metrics["original_accuracy"].n == len(examples) - 1
    assert len(answered(originals_items)) == len(examples) - 1
