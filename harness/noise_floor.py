"""``harness run --repeats K``: measure a model's run-to-run noise floor (A/A).

After the run, the suite is run K more times with the cache off (each repeat asks the
model again) into a temporary directory beside the run; each item's answers are compared
with the run's own (``harness.metrics.noise``), and results.json gains ``noise``: per
test, the flip rate with its interval, the items that flipped with their p_i, the A/A
variance and the score spread. The gate reads it (docs/ci.md). A deterministic model
measures 0 everywhere.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from harness.errors import HarnessError
from harness.files.jsonio import write_json_atomic
from harness.metrics.noise import measure_test_noise
from harness.results import load_numbered_items, load_results_file
from harness.results.records import ItemRecord, NoiseRecord, TestNoiseRecord
from harness.runner import RunOptions, note, run_suite

MAX_REPEATS = 1000


def _answers(run_dir: Path) -> dict[str, dict[str, ItemRecord]]:
    by_test: dict[str, dict[str, ItemRecord]] = defaultdict(dict)
    for _, item in load_numbered_items(run_dir):
        if item.infra_error is None:
            by_test[item.test][item.id] = item
    return by_test


def _answer(item: ItemRecord) -> str:
    return json.dumps(item.predicted, sort_keys=True, default=str)


def _score(item: ItemRecord) -> float | None:
    return item.scores.get("correct")


def measure_noise(
    run_dir: Path, suite_path: str | Path, options: RunOptions, repeats: int
) -> NoiseRecord:
    """Run the suite ``repeats`` more times without the cache; record the noise in
    ``run_dir``'s results.json (and its report)."""
    if not 1 <= repeats <= MAX_REPEATS:
        raise HarnessError(f"--repeats must be between 1 and {MAX_REPEATS}, got {repeats}")
    run_dir = Path(run_dir)
    first = _answers(run_dir)
    runs: list[dict[str, dict[str, ItemRecord]]] = []
    scratch = Path(tempfile.mkdtemp(prefix=".repeats-", dir=run_dir.parent))
    try:
        for index in range(repeats):
            repeat = replace(
                options,
                use_cache=False,
                out_dir=scratch / f"repeat-{index + 1}",
                render_report=False,
                explain_failures=0,
            )
            runs.append(_answers(run_suite(suite_path, repeat)))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    tests = {}
    for name, items in first.items():
        ids = list(items)
        answers = [{i: _answer(item) for i, item in run.get(name, {}).items()} for run in runs]
        scores = [
            [_score(items[i])] + [_score(r[name][i]) for r in runs if i in r.get(name, {})]
            for i in ids
        ]
        measured = measure_test_noise(
            ids, [_answer(items[i]) for i in ids], answers, scores
        ).to_json()
        tests[name] = TestNoiseRecord.model_validate(measured)
        if measured["items_flipping"]:
            low, high = measured["flip_rate_ci"]
            note(
                f"test {name}: {measured['items_flipping']} of {len(ids)} items changed "
                f"answer across {repeats} repeat(s); flip rate {measured['flip_rate']:.3f} "
                f"[{low:.3f}, {high:.3f}]"
            )
    record = NoiseRecord(repeats=repeats, tests=tests)
    results = load_results_file(run_dir)
    results.noise = record
    write_json_atomic(run_dir / "results.json", results.model_dump(mode="json"))
    if (run_dir / "report.html").exists():
        from harness.report import render_report

        render_report(run_dir)
    return record


def noise_summary(record: NoiseRecord) -> list[str]:
    """One line per test for the terminal."""
    lines = []
    for name, test in record.tests.items():
        low, high = test.flip_rate_ci
        lines.append(
            f"noise {name}: flip rate {test.flip_rate:.3f} [{low:.3f}, {high:.3f}] over "
            f"{test.repeats} repeat(s), {test.items_flipping} of {test.n} items flipped"
        )
    return lines


__all__ = ["measure_noise", "noise_summary"]
