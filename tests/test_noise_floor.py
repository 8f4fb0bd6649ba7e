"""``harness run --repeats K`` measures the noise floor, and the gate tests against it.

A sampling ``python:`` model (helpers/noisy_models.py) disagrees with itself on an item
with a known probability; its measured flip rate must cover it, and a gate between two of
its runs must say INCONCLUSIVE with the items needed where the noise-inclusive MDE is
above τ. A deterministic model measures 0 and its verdict is unchanged.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from helpers.noisy_models import EXPECTED_FLIP_RATE
from helpers.suites import write_suite
from test_cli import harness

from harness.metrics.noise import TestNoise, items_needed, measure_test_noise, noise_mde

NOISY = "python:helpers.noisy_models:sampled_nli"


def test_a_sampling_model_s_flip_rate_is_measured_and_the_gate_is_inconclusive(
    tmp_path: Path,
) -> None:
    write_suite(tmp_path, n=240, model=NOISY)
    cache = {"HARNESS_CACHE_DIR": str(tmp_path / "cache")}
    base = harness(
        "run",
        "suite.yaml",
        "--allow-code",
        "--out",
        "base",
        "--quiet",
        "--repeats",
        "3",
        cwd=tmp_path,
        env=cache,
    )
    assert base.returncode == 0, base.stderr
    assert "noise pairs: flip rate" in base.stdout
    noise = json.loads((tmp_path / "base" / "results.json").read_text())["noise"]
    assert noise["repeats"] == 3
    pairs = noise["tests"]["pairs"]
    low, high = pairs["flip_rate_ci"]
    assert low <= EXPECTED_FLIP_RATE <= high, (pairs["flip_rate"], low, high)
    assert pairs["items_flipping"] > 0 and 0 < pairs["aa_variance"] < 0.5
    assert all(0 < p <= 1 for p in pairs["flipping"].values())

    cand = harness(
        "run",
        "suite.yaml",
        "--allow-code",
        "--out",
        "cand",
        "--quiet",
        "--no-cache",
        cwd=tmp_path,
        env=cache,
    )
    assert cand.returncode == 0, cand.stderr
    gate = harness("gate", "base", "cand", "--no-html", "--json", "gate.json", cwd=tmp_path)
    assert gate.returncode == 0, gate.stderr
    assert gate.stdout.startswith("gate INCONCLUSIVE"), gate.stdout
    verdict = json.loads((tmp_path / "gate.json").read_text())
    headline = next(c for c in verdict["checks"] if c["name"] == "pairs/accuracy")
    assert headline["outcome"] == "INCONCLUSIVE"
    assert headline["noise_mde"] > headline["tolerance"]
    assert headline["items_needed"] > 240
    assert f"about {headline['items_needed']} items" in " ".join(headline["reasons"])
    strict = harness("gate", "base", "cand", "--no-html", "--strict", cwd=tmp_path)
    assert strict.returncode == 1


def test_a_deterministic_model_measures_zero_and_its_gate_is_unchanged(tmp_path: Path) -> None:
    write_suite(tmp_path, n=60)
    env = {"HARNESS_CACHE_DIR": str(tmp_path / "cache")}
    assert (
        harness(
            "run", "suite.yaml", "--allow-code", "--out", "plain", "--quiet", cwd=tmp_path, env=env
        ).returncode
        == 0
    )
    run = harness(
        "run",
        "suite.yaml",
        "--allow-code",
        "--out",
        "repeated",
        "--quiet",
        "--repeats",
        "2",
        cwd=tmp_path,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    noise = json.loads((tmp_path / "repeated" / "results.json").read_text())["noise"]
    for test in noise["tests"].values():
        assert test["flip_rate"] == 0 and test["flipping"] == {} and test["aa_variance"] == 0
    with_noise = harness("gate", "plain", "repeated", "--no-html", "--json", "a.json", cwd=tmp_path)
    without = harness("gate", "plain", "plain", "--no-html", "--json", "b.json", cwd=tmp_path)
    a = json.loads((tmp_path / "a.json").read_text())
    b = json.loads((tmp_path / "b.json").read_text())
    assert with_noise.returncode == without.returncode == 0
    assert [c["outcome"] for c in a["checks"]] == [c["outcome"] for c in b["checks"]]
    assert "INCONCLUSIVE" not in with_noise.stdout


def test_the_flip_rate_interval_covers_the_truth_in_simulation() -> None:
    """95% intervals over items cover the true mean flip rate about 95% of the time."""
    rng = np.random.default_rng(3)
    n, repeats, q = 150, 3, 0.15
    truth, covered, trials = 2 * q * (1 - q), 0, 300
    for _ in range(trials):
        runs = rng.random((repeats + 1, n)) < q  # True: the wrong answer
        ids = [f"i{k}" for k in range(n)]
        measured = measure_test_noise(
            ids, list(runs[0]), [dict(zip(ids, row, strict=True)) for row in runs[1:]]
        )
        low, high = measured.flip_rate_ci()
        covered += low <= truth <= high
    assert 0.91 <= covered / trials <= 0.99


def test_aa_variance_and_items_needed_by_hand() -> None:
    noise = TestNoise(n=4, repeats=2, flipping={"a": 0.5, "b": 1.0})
    # 2·p(1−p): a → 0.5, b → 0, c and d → 0; mean over four items
    assert noise.aa_variance() == pytest.approx(0.125)
    assert noise.aa_variance(["a", "c"]) == pytest.approx(0.25)
    z = 1.6448536269514722 + 0.8416212335729143
    assert noise_mde(0.0, 0.25, 100) == pytest.approx(z * math.sqrt(0.25 / 100))
    mde = z * math.sqrt(0.1 / 400)  # binary: d = 0.1 on 400 items
    expected = math.ceil(z**2 * (0.1 + 0.05) / 0.01**2)
    assert items_needed(mde, 0.05, 400, 0.01) == pytest.approx(expected, abs=1)
