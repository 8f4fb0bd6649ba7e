"""An outcome for every item, and a run that did not measure says so.

Outcomes come from real adapters: the loopback OpenAI-format server (a generation cut
at ``max_tokens``; a dead port: every item an infrastructure error) and ``python:``
callables (empty, unparseable, abstaining answers), through the real CLI.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from helpers.openai_server import OpenAIServer
from helpers.tiny_language_models import build_tiny_gpt2
from test_cli import TESTS_DIR, harness

from harness.cli.command import EXIT_NOT_MEASURED
from harness.core import OUTCOMES
from harness.report import _render as report_rendering
from harness.report import render_report


@pytest.fixture
def checkout_templates(monkeypatch):
    """Reports rendered here with this checkout's templates (an installed copy may map
    elsewhere), so the page is read from ``render(run_dir)``."""
    monkeypatch.setattr(report_rendering, "templates_root", lambda: TESTS_DIR.parent / "reports")

    def render(run_dir: Path) -> str:
        return render_report(run_dir, run_dir / "checkout-report.html").read_text()

    return render


def closed_port() -> int:
    """A loopback port where nothing listens (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def read_items(run_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (run_dir / "items.jsonl").read_text().splitlines()]


def served(port_url: str, *extra: str) -> tuple[str, ...]:
    return (
        "--model",
        "openai-compatible:tiny",
        "--model-option",
        f"base_url={port_url}",
        "--model-option",
        "backoff_s=0.01",
        "--model-option",
        "max_retries=1",
        *extra,
    )


GENERATION_SUITE = """\
name: outcomes
task: generation
seed: 3
bootstrap_resamples: 200
task_options: {{stop: [{stop}], max_tokens: {max_tokens}{pattern}}}
tests:
  - name: answers
    data: {{source: file, path: prompts.jsonl}}
"""


def write_generation(
    directory: Path, prompts: list[str], max_tokens: int = 6, pattern: str = "", stop: str = "."
) -> Path:
    rows = [
        {"id": f"g{i}", "prompt": prompt, "references": [prompt.split("\n")[-1]]}
        for i, prompt in enumerate(prompts)
    ]
    (directory / "prompts.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    suite = directory / "generation.yaml"
    extra = f", answer_pattern: {json.dumps(pattern)}" if pattern else ""
    suite.write_text(
        GENERATION_SUITE.format(max_tokens=max_tokens, pattern=extra, stop=json.dumps(stop))
    )
    return suite


def test_a_run_against_a_dead_port_exits_with_its_own_code_and_one_line(
    tmp_path: Path, checkout_templates
) -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    suite = write_generation(tmp_path, ["The chef cooked", "Birds fly over"])
    result = harness(
        "run", suite.name, *served(url), "--out", "out", "--quiet", "--no-cache", cwd=tmp_path
    )
    assert result.returncode == EXIT_NOT_MEASURED, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("harness: error")]
    assert errors == [
        "harness: error: the run did not measure what it reports: "
        "test answers: 0 of 2 items answered (2 infra_error)"
    ]
    assert "Traceback" not in result.stderr
    # The terminal says what was answered and never that nothing was found.
    assert "no gap survives" not in result.stdout
    assert "findings: none looked for" in result.stdout
    assert "0/2 (2 infra_error)" in result.stdout
    # The run is kept (to look at), and its report says it measured nothing.
    results = json.loads((tmp_path / "out" / "results.json").read_text())
    (test,) = results["tests"]
    assert test["outcomes"]["infra_error"] == 2 and test["outcomes"]["scored"] == 0
    assert test["denominator"] == {"items": 2, "counted": 0, "left_out": {"infra_error": 2}}
    report = checkout_templates(tmp_path / "out")
    assert "did not measure" in report and "No finding" not in report
    assert "0 of 2 items answered" in report


def test_the_infra_error_share_is_an_option(tmp_path: Path) -> None:
    # Below the share the run measured; the option is bounded like every number.
    suite = write_generation(tmp_path, ["a"])
    bad = harness("run", suite.name, "--max-infra-error-share", "1.5", cwd=tmp_path)
    assert bad.returncode == 2 and "--max-infra-error-share" in bad.stderr


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with OpenAIServer(build_tiny_gpt2(tmp_path_factory.mktemp("gpt2"))) as running:
        yield running


def test_a_generation_cut_at_max_tokens_is_truncated_output(server, tmp_path: Path) -> None:
    # One token of budget and a stop sequence the tiny model never reaches in one token:
    # the server answers finish_reason "length" for every prompt.
    suite = write_generation(tmp_path, ["The chef cooked", "Birds fly over"], max_tokens=1)
    server.clear()
    result = harness(
        "run", suite.name, *served(server.url), "--out", "out", "--quiet", "--no-cache",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    items = read_items(tmp_path / "out")
    assert [item["outcome"] for item in items] == ["truncated_output", "truncated_output"]
    assert all("token limit" in item["outcome_detail"] for item in items)
    test = json.loads((tmp_path / "out" / "results.json").read_text())["tests"][0]
    assert test["outcomes"]["truncated_output"] == 2
    # Cut answers stay in the denominator: they are answers, scored as given.
    assert test["metrics"]["exact_match"]["n"] == 2 == test["denominator"]["counted"]
    # With room to reach a stop sequence the tiny model writes, the answer is scored.
    suite = write_generation(tmp_path, ["The chef cooked"], max_tokens=64, stop="did")
    result = harness(
        "run", suite.name, *served(server.url), "--out", "roomy", "--quiet", "--no-cache",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (roomy,) = read_items(tmp_path / "roomy")
    assert roomy["outcome"] == "scored" and "hit_max_tokens" not in roomy["response"]


def test_every_outcome_of_a_python_callable_is_counted_and_filterable(
    tmp_path: Path, checkout_templates
) -> None:
    prompts = ["q\nParis", "q\nRome", "q\nempty", "q\ncut", "q\nramble"]
    suite = write_generation(tmp_path, prompts, pattern="Answer: (\\w+)")
    result = harness(
        "run", suite.name, "--model", "python:helpers.outcome_models:scripted_answers",
        "--model-option", "serves=generate", "--out", "out", "--quiet", "--no-cache",
        "--max-infra-error-share", "0",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    items = {item["id"].split(":")[-1]: item for item in read_items(tmp_path / "out")}
    assert {key: item["outcome"] for key, item in items.items()} == {
        "g0": "scored",
        "g1": "scored",
        "g2": "empty",
        "g3": "truncated_output",
        "g4": "unparseable",
    }
    assert "ramble" not in json.dumps(items["g0"])
    assert "it depends" in items["g4"]["outcome_detail"]
    assert "outcome_detail" not in items["g0"]
    test = json.loads((tmp_path / "out" / "results.json").read_text())["tests"][0]
    assert test["outcomes"] == dict.fromkeys(OUTCOMES, 0) | {
        "scored": 2,
        "empty": 1,
        "truncated_output": 1,
        "unparseable": 1,
    }
    # Every answer is in the denominator; the unparseable, empty and cut ones are wrong.
    assert test["metrics"]["exact_match"]["n"] == 5
    assert test["metrics"]["exact_match"]["value"] == pytest.approx(2 / 5)
    assert "5/5 (1 truncated_output, 1 unparseable, 1 empty)" in result.stdout
    report = checkout_templates(tmp_path / "out")
    assert 'id="fb-outcome"' in report
    for name in OUTCOMES:
        assert f'<option value="{name}">{name}</option>' in report
    assert "outcome=unparseable" in report  # the test's count links to the filtered browser
    embedded = json.loads(report.split('id="items-data">')[1].split("</script>")[0])
    assert sorted(i.get("outcome", "scored") for i in embedded) == sorted(
        item["outcome"] for item in items.values()
    )


def test_an_abstention_is_counted_as_abstained(tmp_path: Path) -> None:
    examples = [
        {"id": "a", "context": "Paris is in France.", "question": "Paris",
         "answers": [{"text": "Paris", "start": 0}]},
        {"id": "b", "context": "The sky is blue.", "question": "pass", "answers": []},
    ]  # fmt: skip
    suite = tmp_path / "qa.yaml"
    suite.write_text(
        json.dumps(
            {
                "name": "qa",
                "task": "extractive_qa",
                "task_options": {"mode": "generate", "prompt_template": "{question}"},
                "tests": [{"name": "qa", "data": {"source": "inline", "examples": examples}}],
            }
        )
    )
    result = harness(
        "run", suite.name, "--model", "python:helpers.outcome_models:scripted_answers",
        "--model-option", "serves=generate", "--out", "out", "--quiet", "--no-cache",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    outcomes = [item["outcome"] for item in read_items(tmp_path / "out")]
    assert outcomes == ["scored", "abstained"]
    test = json.loads((tmp_path / "out" / "results.json").read_text())["tests"][0]
    assert test["outcomes"]["abstained"] == 1 and test["denominator"]["counted"] == 2


def test_the_gate_fails_a_candidate_over_its_outcome_budget(tmp_path: Path) -> None:
    prompts = ["q\nParis", "q\nRome", "q\nOslo", "q\nRiga", "q\nBern"]
    suite = write_generation(tmp_path, prompts, pattern="Answer: (\\w+)")
    for out, model in (("base", "scripted_answers"), ("cand", "rambling_answers")):
        result = harness(
            "run", suite.name, "--model", f"python:helpers.outcome_models:{model}",
            "--model-option", "serves=generate", "--out", out, "--quiet", "--no-cache",
            cwd=tmp_path,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
    gate = harness("gate", "base", "cand", cwd=tmp_path)
    assert gate.returncode == 1, gate.stdout + gate.stderr
    assert (
        "test answers: the candidate's unparseable share is 0.400 (2 of 5 items), the "
        "baseline's 0.000: more than outcome_margins.unparseable=0.02 above it"
    ) in gate.stdout
    # A budget wide enough lets the paired checks decide.
    (tmp_path / "gate.yaml").write_text("gate: {outcome_margins: {unparseable: 0.5}}\n")
    relaxed = harness("gate", "base", "cand", "--config", "gate.yaml", cwd=tmp_path)
    assert "outcome_margins" not in relaxed.stdout
    (tmp_path / "bad.yaml").write_text("gate: {outcome_margins: {unparsable: 0.1}}\n")
    bad = harness("gate", "base", "cand", "--config", "bad.yaml", cwd=tmp_path)
    assert bad.returncode == 2 and "unparsable" in bad.stderr


def test_an_input_cut_to_the_classifiers_length_is_truncated_input(tmp_path: Path) -> None:
    from helpers.suites import nli_rows, write_suite
    from helpers.tiny_models import build_tiny_bert_classifier
    from transformers import AutoTokenizer

    checkpoint = build_tiny_bert_classifier(tmp_path / "bert")
    write_suite(tmp_path, n=30)
    tokenizer = AutoTokenizer.from_pretrained(checkpoint)
    lengths = {
        f"pairs:{row['id']}": len(tokenizer(row["premise"], row["hypothesis"])["input_ids"])
        for row in nli_rows(30)
    }
    max_length = sorted(lengths.values())[len(lengths) // 2]
    cut = {key for key, length in lengths.items() if length > max_length}
    assert 0 < len(cut) < len(lengths)  # the check below could fail either way
    result = harness(
        "run", "suite.yaml", "--model", f"hf-classifier:{checkpoint}",
        "--model-option", f"max_length={max_length}", "--tests", "pairs",
        "--out", "out", "--quiet", "--no-cache",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    items = read_items(tmp_path / "out")
    assert {item["id"] for item in items if item["outcome"] == "truncated_input"} == cut
    assert {item["outcome"] for item in items if item["id"] not in cut} == {"scored"}
    test = json.loads((tmp_path / "out" / "results.json").read_text())["tests"][0]
    assert test["outcomes"]["truncated_input"] == len(cut) == test["counts"]["truncated"]
    assert test["metrics"]["accuracy"]["n"] == 30  # cut inputs are still answers
