"""Code a suite names runs only with --allow-code; a module beside a suite is not imported.

Each planted module leaves a file when it is imported, so "refused before anything is
imported" is checked by that file's absence, not by the error alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.processes import WAIT_LIMIT_S
from helpers.suites import write_suite

from harness.errors import UnsafeLoadError
from harness.models.base import ModelSpec
from harness.models.opt_in import code_named_by, unsafe_load
from harness.runner import run_suite

TESTS_DIR = Path(__file__).resolve().parents[1]
REPOSITORY = TESTS_DIR.parent

PLANTED = """\
from pathlib import Path

Path(__file__).with_suffix(".imported").write_text("imported", encoding="utf-8")


def predict(batch):
    return ["entailment" for _ in batch]
"""


def plant(directory: Path, name: str) -> Path:
    """A module ``name`` in ``directory`` that leaves ``name.imported`` when imported."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.py").write_text(PLANTED, encoding="utf-8")
    return directory / f"{name}.imported"


def harness(*args: str, cwd: Path, path: tuple[Path, ...] = ()) -> subprocess.CompletedProcess:
    """``python -m harness`` with only the checkout, the tests and ``path`` importable."""
    pythonpath = os.pathsep.join(str(p) for p in (REPOSITORY, TESTS_DIR, *path))
    env = {**os.environ, "PYTHONPATH": pythonpath, "HARNESS_CACHE_DIR": str(cwd / "cache")}
    return subprocess.run(
        [sys.executable, "-m", "harness", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=WAIT_LIMIT_S,
    )


def line_of(suite: Path, prefix: str) -> int:
    lines = suite.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(prefix))


@pytest.fixture
def planted(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A suite naming ``python:planted_code:predict``, the folder the module is installed
    in (on PYTHONPATH, away from the suite) and the file its import leaves."""
    suite_dir = tmp_path / "suite"
    suite_dir.mkdir()
    suite = write_suite(suite_dir, n=12, model="python:planted_code:predict")
    code_dir = tmp_path / "site"
    marker = plant(code_dir, "planted_code")
    return suite, code_dir, marker


def test_a_suite_named_python_model_is_refused_before_it_is_imported(planted) -> None:
    suite, code_dir, marker = planted
    result = harness("run", "suite.yaml", "--out", "out", cwd=suite.parent, path=(code_dir,))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith(f"harness: error: suite.yaml:{line_of(suite, 'model:')}: model: ")
    assert "python:planted_code:predict" in line and "--allow-code" in line
    assert "Traceback" not in result.stderr
    assert not marker.exists(), "the module was imported without the opt-in"
    assert not (suite.parent / "out").exists() and not (suite.parent / "runs").exists()


def test_the_opt_in_runs_it(planted) -> None:
    suite, code_dir, marker = planted
    result = harness(
        "run", "suite.yaml", "--out", "out", "--quiet", "--allow-code",
        cwd=suite.parent, path=(code_dir,),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert marker.exists()
    results = json.loads((suite.parent / "out" / "results.json").read_text(encoding="utf-8"))
    assert results["model"]["spec"] == "python:planted_code:predict"


def test_the_same_spec_on_the_command_line_needs_no_flag(planted) -> None:
    suite, code_dir, marker = planted
    result = harness(
        "run", "suite.yaml", "--out", "out", "--quiet",
        "--model", "python:planted_code:predict",
        cwd=suite.parent, path=(code_dir,),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert marker.exists()


def test_validate_doctor_and_run_agree(planted) -> None:
    suite, code_dir, marker = planted
    refusals = {
        command: harness(command, "suite.yaml", cwd=suite.parent, path=(code_dir,))
        for command in ("validate", "doctor", "run")
    }
    assert {result.returncode for result in refusals.values()} == {2}
    lines = {command: result.stderr.strip() for command, result in refusals.items()}
    assert len(set(lines.values())) == 1, lines
    assert "--allow-code" in lines["run"]
    assert not any(result.stdout.strip() for result in refusals.values())
    assert not marker.exists()
    accepted = {
        command: harness(command, "suite.yaml", "--allow-code", cwd=suite.parent, path=(code_dir,))
        for command in ("validate", "doctor", "run")
    }
    assert {c: r.returncode for c, r in accepted.items()} == dict.fromkeys(accepted, 0), {
        c: r.stderr for c, r in accepted.items()
    }


def test_a_module_beside_the_suite_is_not_importable_from_its_folder(tmp_path: Path) -> None:
    """``python -m`` puts the working directory first on the import path; harness takes it
    off, so a module lying beside the suite is not imported, even with the opt-in."""
    suite = write_suite(tmp_path, n=12, model="python:beside_code:predict")
    marker = plant(tmp_path, "beside_code")
    named = harness("run", "suite.yaml", "--out", "out", "--allow-code", cwd=tmp_path)
    given = harness(
        "run", "suite.yaml", "--out", "out", "--model", "python:beside_code:predict", cwd=tmp_path
    )
    for result in (named, given):
        assert result.returncode == 2, result.stderr
        assert "beside_code" in result.stderr and "import" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not marker.exists(), "a module beside the suite was imported"
    doctor = harness("doctor", "suite.yaml", "--allow-code", cwd=tmp_path)
    assert doctor.returncode == 2 and "module 'beside_code' is not importable" in doctor.stdout
    assert not marker.exists()
    # The folder named on PYTHONPATH by the user is theirs to choose.
    chosen = harness(
        "run", "suite.yaml", "--out", "out", "--quiet", "--allow-code",
        cwd=tmp_path, path=(tmp_path,),
    )  # fmt: skip
    assert chosen.returncode == 0, chosen.stderr
    assert marker.exists() and suite.exists()


def test_a_python_judge_is_code_the_suite_names(tmp_path: Path) -> None:
    """A coherence test's ``judge:`` is a model spec too: refused at its own line; ``--judge``
    replaces it (and is the user's own choice); harness's own scripted models need nothing."""
    marker = plant(tmp_path / "site", "planted_judge")
    suite = tmp_path / "suite.yaml"
    suite.write_text(
        """\
name: coherence_code
task: generation
model: {type: python, path: "harness.testing.models:echo_last_line", options: {serves: generate}}
tests:
  - name: stories
    kind: coherence
    data: {source: generator, name: coherence_prompts, params: {genres: [story]}, limit: 2}
    decoding: {max_tokens: 8}
    judge: python:planted_judge:predict
""",
        encoding="utf-8",
    )
    refused = harness("validate", "suite.yaml", cwd=tmp_path, path=(tmp_path / "site",))
    assert refused.returncode == 2
    line = refused.stderr.strip()
    assert line.startswith(
        f"harness: error: suite.yaml:{line_of(suite, '    judge:')}: tests[0].judge: "
    ), line
    assert "python:planted_judge:predict" in line and "--judge" in line
    assert not marker.exists()
    # --judge replaces the suite's judge, which is then never imported.
    replaced = harness(
        "run", "suite.yaml", "--out", "out", "--quiet",
        "--judge", "python:harness.testing.models:nli_word_rules",
        cwd=tmp_path, path=(tmp_path / "site",),
    )  # fmt: skip
    assert replaced.returncode == 0, replaced.stderr
    assert not marker.exists()
    own_judge = suite.read_text().replace(
        "python:planted_judge:predict", "python:harness.testing.models:nli_word_rules"
    )
    suite.write_text(own_judge, encoding="utf-8")
    assert harness("validate", "suite.yaml", cwd=tmp_path).returncode == 0


def test_the_judge_option_replaces_a_suite_judge(tmp_path: Path) -> None:
    from harness.runner import RunOptions, replaced_specs

    assert replaced_specs(RunOptions(judge="reference")) == {"--judge"}
    assert replaced_specs(RunOptions(model="python:m:f")) == {"--model"}
    assert replaced_specs(RunOptions()) == frozenset()


def test_the_library_refuses_too_unless_allow_code(tmp_path: Path) -> None:
    suite = write_suite(tmp_path, n=12)
    with pytest.raises(UnsafeLoadError, match="--allow-code"):
        run_suite(suite, out_dir=tmp_path / "out", cache_dir=tmp_path / "cache", progress=False)
    assert not (tmp_path / "out").exists()
    run_dir = run_suite(
        suite,
        out_dir=tmp_path / "out",
        cache_dir=tmp_path / "cache",
        progress=False,
        render_report=False,
        allow_code=True,
    )
    assert (run_dir / "results.json").is_file()


def test_explain_refuses_the_code_a_run_directory_names(tmp_path: Path) -> None:
    suite = write_suite(tmp_path, n=12)
    run_suite(
        suite,
        out_dir=tmp_path / "out",
        cache_dir=tmp_path / "cache",
        progress=False,
        render_report=False,
        allow_code=True,
    )
    refused = harness("explain", "out", "--quiet", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.strip().startswith(
        f"harness: error: {Path('out') / 'results.json'}: model.spec: python:helpers.mock_models"
    )
    assert "--allow-code" in refused.stderr
    allowed = harness("explain", "out", "--quiet", "--allow-code", cwd=tmp_path)
    assert allowed.returncode == 0, allowed.stderr


def test_which_specs_name_code() -> None:
    assert code_named_by(ModelSpec.parse("python:my_models.rules:predict")) == "my_models.rules"
    # harness's own modules are the program being run; a spec without a module imports nothing.
    assert code_named_by(ModelSpec.parse("python:harness.testing.models:nli_word_rules")) is None
    assert code_named_by(ModelSpec.parse("python:harnessed:predict")) == "harnessed"
    assert code_named_by(ModelSpec.parse("python")) is None
    for spec in ("reference", "hf-classifier:./ckpt", "sklearn:m.joblib", "predictions:p.jsonl"):
        assert code_named_by(ModelSpec.parse(spec)) is None


def test_the_three_opt_ins_share_one_form() -> None:
    """Pickles, remote code and code a file names: one message form, one error class."""
    from harness.models.hf_loading import _remote_code_error
    from harness.models.opt_in import refuse_named_code

    pickle = unsafe_load("model.joblib is a pickle", "--allow-pickle")
    remote = _remote_code_error("x/y", ValueError("set trust_remote_code=True"))
    code = refuse_named_code(ModelSpec.parse("python:m:f"), "--model")
    for error, flag in (
        (pickle, "--allow-pickle"),
        (remote, "--trust-remote-code"),
        (code, "--allow-code"),
    ):
        assert isinstance(error, UnsafeLoadError) and error.exit_code == 2
        assert f"; loading it can run code; pass {flag} if you trust it" in str(error)
