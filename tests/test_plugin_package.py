"""A plugin package (tests/plugin_example) registers one component of each kind through the
``harness.plugins`` entry-point group, and each passes the public checks of ``harness.testing``.

The plugin is installed the way pip installs one: a distribution's ``entry_points.txt``
on the path, here in a temporary directory. Every test runs in a fresh interpreter, so
the registries of this process never see the plugin.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

PLUGIN_DIR = Path(__file__).resolve().parent / "plugin_example"

COMPONENTS = {
    "data sources": "example_pipes",
    "generators": "example_mirror",
    "transforms": "example_shout",
    "models": "example-keywords",
    "metrics": "example_confident_error_rate",
    "tasks": "example_nli",
    "test kinds": "example_case_check",
    "analyses": "example_summary",
}


@pytest.fixture(scope="module")
def plugin_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of an interpreter where the example plugin is installed."""
    site = tmp_path_factory.mktemp("plugin-site")
    dist = site / "harness_example_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: harness-example-plugin\nVersion: 0.1\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text(
        "[harness.plugins]\nexample = harness_example_plugin:register\n", encoding="utf-8"
    )
    path = [str(site), str(PLUGIN_DIR), os.environ.get("PYTHONPATH", "")]
    return dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in path if p))


def python(env: dict[str, str], code: str, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def harness(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "harness", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=600,
    )


def test_the_plugin_registers_one_component_of_each_kind(plugin_env: dict[str, str]) -> None:
    out = python(
        plugin_env,
        """
        import json
        from harness.registry import ALL_REGISTRIES
        print(json.dumps({kind: registry.names() for kind, registry in ALL_REGISTRIES.items()}))
        """,
    )
    names = json.loads(out)
    for kind, name in COMPONENTS.items():
        assert name in names[kind], kind
    # Without the entry point there is no plugin: this interpreter has none of them.
    from harness.registry import ALL_REGISTRIES

    for kind, name in COMPONENTS.items():
        assert name not in ALL_REGISTRIES[kind]


def test_the_plugin_components_pass_the_public_checks(
    plugin_env: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / "pairs.txt").write_text(
        "A dog runs. | A dog runs. | entailment\n"
        "A dog runs. | A dog does not run. | contradiction\n"
        "Ann sings. | Ann sings loudly. | neutral\n",
        encoding="utf-8",
    )
    out = python(
        plugin_env,
        f"""
        from pathlib import Path
        from harness.testing import (
            check_analysis, check_data_source, check_generator, check_model_adapter,
            check_task, check_test_kind, check_transform,
        )
        check_data_source({{"source": "example_pipes", "path": "pairs.txt"}}, base_dir=Path({str(tmp_path)!r}))
        check_generator("example_mirror")
        check_transform("example_shout")
        check_model_adapter("example-keywords")
        check_task("example_nli")
        run = check_test_kind("example_case_check")
        print("agreement", run.test("mirror_upper")["metrics"]["case_agreement"]["value"])
        run = check_analysis("example_summary")
        print("summary", sorted(run.results["analyses"]["example_summary"]["tests"]))
        print("all checks passed")
        """,
    )
    assert "all checks passed" in out
    # The keyword classifier lower-cases what it reads: upper case changes nothing.
    assert "agreement 1.0" in out
    assert "summary ['mirror', 'mirror_shouted']" in out


def test_the_plugin_metric_passes_check_metric(plugin_env: dict[str, str]) -> None:
    out = python(
        plugin_env,
        """
        from harness.registry import METRICS
        from harness.testing import check_metric
        check_metric(METRICS.get("example_confident_error_rate"))
        print("passed")
        """,
    )
    assert "passed" in out


def test_harness_list_reads_the_plugin_components(
    plugin_env: dict[str, str], tmp_path: Path
) -> None:
    result = harness(plugin_env, "list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for line in (
        "example_shout          the perturbed fields in upper case",
        "example-keywords       an NLI classifier by negation keywords and word overlap",
        "example_case_check     each example and its copy in another case: the share that agree",
        "example_summary        accuracy of the named tests, side by side",
    ):
        assert line in result.stdout


SUITE = {
    "name": "plugin_suite",
    "task": "example_nli",
    "labels": ["entailment", "neutral", "contradiction"],
    "model": {"type": "example-keywords", "path": "negations.txt"},
    "seed": 3,
    "tests": [
        {
            "name": "pairs",
            "data": {"source": "example_pipes", "path": "pairs.txt"},
            "metrics": ["accuracy", "example_confident_error_rate"],
        },
        {
            "name": "mirror",
            "data": {"source": "generator", "name": "example_mirror", "params": {"n": 20}},
            "slice_by": ["mirror"],
        },
        {
            "name": "mirror_shouted",
            "data": {"source": "generator", "name": "example_mirror", "params": {"n": 20}},
            "perturb": ["example_shout"],
        },
        # The key alone names the kind (its implied_by).
        {
            "name": "mirror_lower",
            "data": {"source": "generator", "name": "example_mirror"},
            "case_check": "lower",
        },
    ],
    "analyses": [{"name": "example_summary", "tests": ["pairs", "mirror"]}],
}


def test_a_suite_of_plugin_components_is_checked_run_and_gated(
    plugin_env: dict[str, str], tmp_path: Path
) -> None:
    rows = [
        "A dog runs. | A dog runs. | entailment",
        "A dog runs. | A dog never runs. | contradiction",
        "Ann sings. | Ann sings loudly. | neutral",
        "Two men wait. | Two men wait. | entailment",
        "The cat sleeps. | The cat does not sleep. | contradiction",
        "A boy swims. | A boy swims fast. | neutral",
    ]
    (tmp_path / "pairs.txt").write_text("\n".join(rows * 4) + "\n", encoding="utf-8")
    (tmp_path / "negations.txt").write_text("not never no\n", encoding="utf-8")
    (tmp_path / "suite.yaml").write_text(yaml.safe_dump(SUITE, sort_keys=False), encoding="utf-8")

    # harness doctor asks the plugin's components what they need.
    (tmp_path / "negations.txt").unlink()
    doctor = harness(plugin_env, "doctor", "suite.yaml", cwd=tmp_path)
    assert doctor.returncode == 2, doctor.stdout + doctor.stderr
    assert (
        "MISSING  model       example-keywords:negations.txt: word list not found: negations.txt"
        in (doctor.stdout)
    )
    assert "ok       data        test 'pairs': pairs.txt" in doctor.stdout
    (tmp_path / "negations.txt").write_text("not never no\n", encoding="utf-8")
    assert harness(plugin_env, "doctor", "suite.yaml", cwd=tmp_path).returncode == 0

    base = harness(plugin_env, "run", "suite.yaml", "--out", "base", "--quiet", cwd=tmp_path)
    assert base.returncode == 0, base.stderr
    results = json.loads((tmp_path / "base" / "results.json").read_text(encoding="utf-8"))
    tests = {test["name"]: test for test in results["tests"]}
    assert tests["mirror_lower"]["kind"] == "example_case_check"
    assert tests["mirror_shouted"]["kind"] == "perturbation"
    assert results["analyses"]["example_summary"]["tests"]["pairs"]["n"] == 24
    # With the three negation words every pair is right: no confident error.
    assert tests["pairs"]["metrics"]["example_confident_error_rate"]["value"] == 0.0

    # A candidate whose word list also holds "loudly" and "fast": the neutral pairs that
    # add those words become contradictions at confidence 0.7, errors over the 0.6 line.
    (tmp_path / "negations.txt").write_text("not never no loudly fast\n", encoding="utf-8")
    candidate = harness(plugin_env, "run", "suite.yaml", "--out", "cand", "--quiet", cwd=tmp_path)
    assert candidate.returncode == 0, candidate.stderr
    gate_config = {
        "checks": [{"test": "pairs", "metric": "example_confident_error_rate", "ceiling": 0.5}]
    }
    (tmp_path / "gate.yaml").write_text(yaml.safe_dump({"gate": gate_config}), encoding="utf-8")
    gate = harness(
        plugin_env,
        "gate",
        "base",
        "cand",
        "--config",
        "gate.yaml",
        "--json",
        "gate.json",
        "--no-html",
        cwd=tmp_path,
    )
    cand_results = json.loads((tmp_path / "cand" / "results.json").read_text(encoding="utf-8"))
    [cand_pairs] = [test for test in cand_results["tests"] if test["name"] == "pairs"]
    assert cand_pairs["metrics"]["example_confident_error_rate"]["value"] == 8 / 24
    verdict = json.loads((tmp_path / "gate.json").read_text(encoding="utf-8"))
    [check] = [c for c in verdict["checks"] if c["metric"] == "example_confident_error_rate"]
    # Paired item by item: 8 of 24 items became confident errors, none the other way.
    assert check["test"] == "pairs" and check["outcome"] == "FAIL", gate.stdout
    assert gate.returncode == 1
