"""A large evaluate test streams: the same results.json and items.jsonl as in memory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.suites import write_suite

from harness.kinds import evaluate
from harness.runner import run_suite


def _without_timings(results: dict) -> dict:
    results = {k: v for k, v in results.items() if k not in {"created_at", "timings"}}
    results["tests"] = [{k: v for k, v in t.items() if k != "timings"} for t in results["tests"]]
    return results


def test_a_streamed_test_writes_what_an_in_memory_test_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suite = write_suite(tmp_path, n=47, extra="    cluster_by: phenomenon\n")
    whole = run_suite(
        suite, out_dir=tmp_path / "whole", use_cache=False, progress=False, allow_code=True
    )
    seen: list[int] = []
    original = evaluate.stream_test

    def spy(*args, **kwargs):
        outcome = original(*args, **kwargs)
        seen.append(outcome.spooled.n)
        return outcome

    # Chunks of 10: 47 items in five chunks, the last one short.
    monkeypatch.setattr(evaluate, "STREAM_ABOVE", 10)
    monkeypatch.setattr(evaluate, "STREAM_CHUNK", 10)
    monkeypatch.setattr(evaluate, "stream_test", spy)
    streamed = run_suite(
        suite, out_dir=tmp_path / "streamed", use_cache=False, progress=False, allow_code=True
    )
    assert seen == [47, 47]  # both tests streamed
    assert _without_timings(json.loads((streamed / "results.json").read_text())) == (
        _without_timings(json.loads((whole / "results.json").read_text()))
    )
    assert (streamed / "items.jsonl").read_bytes() == (whole / "items.jsonl").read_bytes()
    # The spool is gone once the run directory is in place.
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
