"""Served models through the CLI: a server that swaps its weights behind the same name is
caught by the canary before its cache is reused; degenerate log-likelihoods are flagged in
the run's output, results.json and the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.openai_server import OpenAIServer
from helpers.tiny_language_models import build_tiny_gpt2
from test_served_end_to_end import read_items, run, write_choice_suite

from harness.models.openai_compatible import CANARY


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("served")
    return build_tiny_gpt2(root / "first", seed=0), build_tiny_gpt2(root / "second", seed=1)


def test_a_swapped_model_is_caught_by_the_canary_and_its_cache_set_aside(
    tmp_path: Path, models: tuple[Path, Path]
) -> None:
    first, second = models
    suite = write_choice_suite(tmp_path)
    cache = tmp_path / "cache"
    with OpenAIServer(first) as server:
        result = run(server, suite, "one", cache)
        assert result.returncode == 0, result.stderr
        assert list((cache / "predictions").glob("*.canary.json"))

        # Same weights: the canary agrees and every answer comes from the cache.
        server.clear()
        result = run(server, suite, "two", cache)
        assert result.returncode == 0, result.stderr
        assert "canary" not in result.stderr
        assert server.count() == len(CANARY)
        two = json.loads((tmp_path / "two" / "results.json").read_text())["tests"][0]
        assert two["counts"]["computed"] == 0

        # The server swaps its weights behind the same URL and name.
        server.swap(second)
        server.clear()
        result = run(server, suite, "three", cache)
        assert result.returncode == 0, result.stderr
        lines = [line for line in result.stderr.splitlines() if "no longer answers" in line]
        assert len(lines) == 1 and "canary 1 log-probability" in lines[0]
        assert "its cached answers are not used" in lines[0]
        three = json.loads((tmp_path / "three" / "results.json").read_text())["tests"][0]
        assert three["counts"]["cached"] == 0 and three["counts"]["computed"] > 0
        assert list((cache / "predictions").glob("*.stale-*"))
        # What the cache would have said differs from what the swapped model says.
        before = [i["response"] for i in read_items(tmp_path / "two")]
        after = [i["response"] for i in read_items(tmp_path / "three")]
        assert before != after


def test_constant_log_likelihoods_are_flagged_as_degenerate(
    tmp_path: Path, models: tuple[Path, Path]
) -> None:
    suite = write_choice_suite(tmp_path)
    with OpenAIServer(models[0], zero_logprobs=True) as server:
        result = run(server, suite, "out", tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    flagged = [line for line in result.stderr.splitlines() if "degenerate" in line]
    assert len(flagged) == 1 and "test choices" in flagged[0] and "at chance" in flagged[0]
    test = json.loads((tmp_path / "out" / "results.json").read_text())["tests"][0]
    assert "at chance" in test["sections"]["degenerate_output"]["reason"]
    assert "at chance by construction" in (tmp_path / "out" / "report.html").read_text()


def test_a_healthy_server_is_not_flagged(tmp_path: Path, models: tuple[Path, Path]) -> None:
    suite = write_choice_suite(tmp_path)
    with OpenAIServer(models[0]) as server:
        result = run(server, suite, "out", tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    assert "degenerate" not in result.stderr
    test = json.loads((tmp_path / "out" / "results.json").read_text())["tests"][0]
    assert "degenerate_output" not in test["sections"]
