"""validate, doctor and run agree on every shipped suite: each either runs with the model
it declares, or all three refuse it with the same one-line reason, before any work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.cli import main

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "suites").glob("*.yaml"))
#: Suites that no built-in model fits: they name none, and the refusal names adapters.
NO_BUILT_IN_MODEL = {"bias_probes_lm", "generation_coherence", "nli_prompting"}
#: Of those, the suites a language model scoring log-likelihoods runs (the coherence suite
#: needs generated text).
LOGLIKELIHOOD_SUITES = NO_BUILT_IN_MODEL - {"generation_coherence"}
#: A scripted language model (harness.testing.models): it serves loglikelihood offline.
SCRIPTED_LM = [
    "--model",
    "python:harness.testing.models:overlap_loglikelihood",
    "--model-option",
    "serves=loglikelihood",
]


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One cache for every suite: the reference head is fit once.
    return tmp_path_factory.mktemp("agree-cache")


def outcomes(capsys: pytest.CaptureFixture[str], suite: Path, out: Path, model: list[str]):
    """Each command's exit code and its error line (None when it has none)."""
    commands = {
        "validate": ["validate", str(suite), *model],
        "doctor": ["doctor", str(suite), *model],
        "run": ["run", str(suite), *model, "--limit", "2", "--out", str(out), "--quiet"],
    }
    seen = {}
    for name, argv in commands.items():
        code = main(argv)
        err = capsys.readouterr().err
        errors = [line for line in err.splitlines() if line.startswith("harness: error:")]
        seen[name] = (code, errors[0] if errors else None)
    return seen


def test_every_shipped_suite_is_checked() -> None:
    assert {path.stem for path in SHIPPED} >= NO_BUILT_IN_MODEL | {"nli_robustness"}


@pytest.mark.slow
@pytest.mark.parametrize("suite", SHIPPED, ids=lambda path: path.stem)
def test_validate_doctor_and_run_agree_on_the_declared_model(
    suite: Path,
    shared_cache: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HARNESS_CACHE_DIR", str(shared_cache))
    seen = outcomes(capsys, suite, tmp_path / "run", [])
    codes = {code for code, _ in seen.values()}
    assert len(codes) == 1, seen
    if suite.stem in NO_BUILT_IN_MODEL:
        assert codes == {2}
        reasons = {reason for _, reason in seen.values()}
        assert len(reasons) == 1, seen
        (reason,) = reasons
        assert reason is not None
        assert f"{suite.name}:" in reason and "names no model" in reason
        # The adapters that would fit, as they are written on the command line.
        assert "hf-causal:PATH" in reason
        if suite.stem in LOGLIKELIHOOD_SUITES:
            assert "hf-masked:PATH" in reason and "serves=loglikelihood" in reason
        else:
            assert "serves=generate" in reason
        assert "reference" not in reason.split("--model:")[1]
        assert not (tmp_path / "run").exists()
    else:
        assert codes == {0}, seen
        results = json.loads((tmp_path / "run" / "results.json").read_text())
        assert len(results["tests"]) > 0


@pytest.mark.slow
@pytest.mark.parametrize("suite", sorted(LOGLIKELIHOOD_SUITES))
def test_the_language_model_suites_run_with_a_language_model(
    suite: str,
    shared_cache: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HARNESS_CACHE_DIR", str(shared_cache))
    seen = outcomes(capsys, ROOT / "suites" / f"{suite}.yaml", tmp_path / "run", SCRIPTED_LM)
    assert {code for code, _ in seen.values()} == {0}, seen


@pytest.mark.parametrize(
    ("suite", "reason"),
    [
        ("bias_probes_lm", "the reference model is an NLI model (premise, hypothesis)"),
        ("nli_prompting", "prompt_variants need a language model that serves loglikelihood"),
    ],
)
def test_a_model_that_does_not_fit_is_refused_alike_before_any_work(
    suite: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What run used to find only after loading the model (or halfway through the tests),
    validate and doctor now find too, with run's words."""
    seen = outcomes(
        capsys, ROOT / "suites" / f"{suite}.yaml", tmp_path / "run", ["--model", "reference"]
    )
    assert {code for code, _ in seen.values()} == {2}, seen
    lines = {line for _, line in seen.values()}
    assert len(lines) == 1, seen
    (line,) = lines
    assert line is not None and line.startswith("harness: error: --model: ") and reason in line
    assert not (tmp_path / "run").exists()
