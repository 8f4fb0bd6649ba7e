"""The run manifest through the command line: what it records, and compare/gate acting on it.

A tiny GPT-2 built here answers a generation suite for the weight digests (hashed once per
path, size and modification time: the hashing calls are counted); a scripted ``python:``
model answers the decoding and prompt cases, which need no network.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.rundirs import item, write_run_dir
from helpers.tiny_language_models import build_tiny_gpt2

from harness.cache import file_digests
from harness.cli import main
from harness.gate.compare import compare_dirs
from harness.results.manifest_builder import file_role

ROWS = [
    {
        "id": "g0",
        "prompt": "The chef cooked dinner for",
        "references": ["THE CHEF COOKED DINNER FOR"],
    },
    {"id": "g1", "prompt": "Birds are flying over", "references": ["the quiet lake."]},
    {"id": "g2", "prompt": "Line one\nThe doctor saw", "references": ["THE DOCTOR SAW"]},
]


def write_generation_suite(directory: Path, max_tokens: int = 6, name: str = "suite.yaml") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "prompts.jsonl").write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    suite = directory / name
    suite.write_text(
        f"""\
name: manifest_generation
task: generation
seed: 3
bootstrap_resamples: 200
task_options: {{stop: ["."], max_tokens: {max_tokens}}}
tests:
  - name: completions
    data: {{source: file, path: prompts.jsonl}}
"""
    )
    return suite


def run(suite: Path, out: Path, model: str, cache: Path, *extra: str) -> dict:
    code = main(
        ["run", str(suite), "--model", model, "--out", str(out), "--quiet"]
        + ["--cache-dir", str(cache), *extra]
    )
    assert code == 0
    return json.loads((out / "results.json").read_text())


@pytest.fixture
def counted_hashing(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file actually read and hashed; the in-process memory starts empty."""
    calls: list[Path] = []
    real = file_digests.hash_file_bytes

    def counting(path: Path) -> str:
        calls.append(Path(path))
        return real(path)

    monkeypatch.setattr(file_digests, "hash_file_bytes", counting)
    file_digests.forget_in_process()
    return calls


def test_weights_are_hashed_once_and_one_changed_byte_changes_the_digest(
    tmp_path: Path, counted_hashing: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    model_dir = build_tiny_gpt2(tmp_path / "gpt2")
    suite = write_generation_suite(tmp_path / "suite")
    cache = tmp_path / "cache"
    model = f"hf-causal:{model_dir}"
    first = run(suite, tmp_path / "a", model, cache)
    files = first["manifest"]["model"]["files"]
    assert "model.safetensors" in files and "config.json" in files
    assert sorted(p.name for p in counted_hashing) == sorted(files)
    assert first["manifest"]["model"]["weights"] and first["manifest"]["model"]["tokenizer"]
    assert first["manifest"]["decoding"] == {
        "completions": [{"max_tokens": 6, "stop": ["."], "temperature": 0.0}]
    }
    assert first["manifest"]["data"]["completions"]

    # A new process (nothing remembered in memory) reads the digests from the cache.
    counted_hashing.clear()
    file_digests.forget_in_process()
    second = run(suite, tmp_path / "b", model, cache)
    assert counted_hashing == []
    assert second["manifest"]["model"] == first["manifest"]["model"]

    # One byte of the weights changes: that file alone is hashed again.
    weights = model_dir / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0x01
    weights.write_bytes(bytes(data))
    file_digests.forget_in_process()
    third = run(suite, tmp_path / "c", model, cache)
    assert [p.name for p in counted_hashing] == ["model.safetensors"]
    assert third["manifest"]["model"]["weights"] != first["manifest"]["model"]["weights"]
    assert third["manifest"]["model"]["tokenizer"] == first["manifest"]["model"]["tokenizer"]

    # Different weights are what a comparison is for: allowed, and stated.
    capsys.readouterr()
    assert main(["compare", str(tmp_path / "a"), str(tmp_path / "c"), "--no-html"]) == 0
    out = capsys.readouterr().out
    assert "note: manifest: weights:" in out
    assert "decoding" not in out and "prompt" not in out


def test_compare_and_gate_refuse_a_decoding_change_unless_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = "python:harness.testing.models:echo_last_line"
    cache = tmp_path / "cache"
    base = tmp_path / "base"
    cand = tmp_path / "cand"
    serves = ("--model-option", "serves=generate")
    run(write_generation_suite(tmp_path / "s6", max_tokens=6), base, model, cache, *serves)
    run(write_generation_suite(tmp_path / "s9", max_tokens=9), cand, model, cache, *serves)
    capsys.readouterr()
    for command in ("compare", "gate"):
        assert main([command, str(base), str(cand), "--no-html"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1, err
        assert "manifests differ in decoding: test 'completions'" in err
        assert '"max_tokens": 6' in err and '"max_tokens": 9' in err
        assert "--allow-manifest-diff decoding" in err
    assert (
        main(["compare", str(base), str(cand), "--no-html", "--allow-manifest-diff", "decoding"])
        == 0
    )
    out = capsys.readouterr().out
    assert "note: manifest: decoding: test 'completions'" in out and "(allowed)" in out
    assert "weights" not in out  # the same scripted model: nothing else differs
    gate = ["gate", str(base), str(cand), "--no-html", "--allow-manifest-diff", "decoding"]
    assert main(gate) == 0


def test_an_edited_prompt_template_is_refused_unless_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "suite"
    directory.mkdir()
    rows = [
        {"id": f"q{i}", "question": f"Question {i}?", "choices": ["yes", "no"], "answer": i % 2}
        for i in range(6)
    ]
    (directory / "choices.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    template = directory / "ask.j2"
    header = "{#-\ndescription: a question\ntask: multiple_choice\nchoices: text\n-#}\n"
    template.write_text(header + "Q: {{ question }}\nA:")
    suite = directory / "suite.yaml"
    suite.write_text(
        """\
name: manifest_prompt
task: multiple_choice
task_options: {prompt: ask.j2}
seed: 1
bootstrap_resamples: 100
tests:
  - name: choices
    data: {source: file, path: choices.jsonl}
"""
    )
    model = "python:harness.testing.models:overlap_loglikelihood"
    serves = ("--model-option", "serves=loglikelihood")
    first = run(suite, tmp_path / "a", model, tmp_path / "cache", *serves)
    assert first["manifest"]["prompt"]["choices"]["text"].endswith("Q: {{ question }}\nA:")
    template.write_text(header + "Question: {{ question }}\nAnswer:")
    run(suite, tmp_path / "b", model, tmp_path / "cache", *serves)
    capsys.readouterr()
    assert main(["gate", str(tmp_path / "a"), str(tmp_path / "b"), "--no-html"]) == 2
    err = capsys.readouterr().err
    assert "manifests differ in prompt: test 'choices'" in err and err.count("\n") == 1
    allowed = ["gate", str(tmp_path / "a"), str(tmp_path / "b"), "--no-html"]
    assert main([*allowed, "--allow-manifest-diff", "prompt"]) in (0, 1)


def test_an_unknown_field_is_one_line_with_a_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [item("nli", f"x{i}", "entailment", "entailment") for i in range(4)]
    base = write_run_dir(tmp_path / "a", rows)
    assert main(["compare", str(base), str(base), "--allow-manifest-diff", "decodng"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "not a manifest field (did you mean 'decoding'?)" in err


def test_runs_written_before_manifests_are_read_and_said_to_lack_one(tmp_path: Path) -> None:
    rows = [item("nli", f"x{i}", "entailment", "neutral") for i in range(4)]
    base = write_run_dir(tmp_path / "a", rows, schema_version=2)
    comparison = compare_dirs(base, write_run_dir(tmp_path / "b", rows, schema_version=2))
    assert any("has no manifest" in note for note in comparison.notes)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("pytorch_model.bin", "weights"),
        ("model-00001-of-00002.safetensors", "weights"),
        ("tokenizer_config.json", "tokenizer"),
        ("vocab.json", "tokenizer"),
        ("merges.txt", "tokenizer"),
        ("spiece.model", "tokenizer"),
        ("generation_config.json", "config"),
    ],
)
def test_model_files_are_sorted_into_weights_tokenizer_and_config(name: str, role: str) -> None:
    assert file_role(name) == role


def test_a_misspelt_field_on_run_baseline_fails_before_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [item("nli", f"x{i}", "entailment", "entailment") for i in range(4)]
    base = write_run_dir(tmp_path / "base", rows)
    suite = write_generation_suite(tmp_path / "suite")
    out = tmp_path / "out"
    arguments = ["run", str(suite), "--model", "python:harness.testing.models:echo_last_line"]
    arguments += ["--baseline", str(base), "--allow-manifest-diff", "wieghts", "--out", str(out)]
    assert main(arguments) == 2
    assert "did you mean 'weights'?" in capsys.readouterr().err
    assert not out.exists()
