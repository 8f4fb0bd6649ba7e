"""Chat formats end to end: hf-causal with its tokenizer's template, and the served chat
endpoint; the rendered prompt is kept per item and compare shows the format as the one
manifest difference, with the paired effect of formatting per test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.tiny_language_models import build_tiny_gpt2
from test_manifest import write_generation_suite

from harness.cli import main

TEMPLATE = (
    "{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}\n{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>{% endif %}"
)


def build_chat_gpt2(directory: Path) -> Path:
    """The tiny GPT-2 with a chat template in its tokenizer files."""
    from transformers import AutoTokenizer

    path = build_tiny_gpt2(directory)
    tokenizer = AutoTokenizer.from_pretrained(path)
    tokenizer.chat_template = TEMPLATE
    tokenizer.save_pretrained(path)
    return path


@pytest.fixture(scope="module")
def chat_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_chat_gpt2(tmp_path_factory.mktemp("chat-gpt2"))


def items(run_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (run_dir / "items.jsonl").read_text().splitlines()]


def test_a_chat_run_keeps_the_rendered_prompt_and_compare_names_the_format(
    tmp_path: Path, chat_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suite = write_generation_suite(tmp_path / "suite")
    common = ["--model", f"hf-causal:{chat_model}", "--quiet", "--cache-dir", str(tmp_path / "c")]
    assert main(["run", str(suite), "--out", str(tmp_path / "plain"), *common]) == 0
    chat = ["--model-option", "chat_template=true", "--model-option", "system_prompt=Be brief."]
    assert main(["run", str(suite), "--out", str(tmp_path / "chat"), *common, *chat]) == 0

    plain_items, chat_items = items(tmp_path / "plain"), items(tmp_path / "chat")
    assert all("rendered_prompt" not in item["response"] for item in plain_items)
    for item in chat_items:
        rendered = item["response"]["rendered_prompt"]
        prompt = item["request"]["prompt"]
        assert rendered == f"<|system|>Be brief.\n<|user|>{prompt}\n<|assistant|>"
    results = json.loads((tmp_path / "chat" / "results.json").read_text())
    chat_format = results["manifest"]["chat_format"]
    assert chat_format["system_prompt"] == "Be brief." and chat_format["add_generation_prompt"]
    plain = json.loads((tmp_path / "plain" / "results.json").read_text())
    assert plain["manifest"]["chat_format"] is None
    assert plain["model"]["fingerprint"] != results["model"]["fingerprint"]  # not one cache

    capsys.readouterr()
    base, cand = str(tmp_path / "plain"), str(tmp_path / "chat")
    assert main(["compare", base, cand, "--no-html"]) == 2
    err = capsys.readouterr().err
    assert "manifests differ in chat_format" in err and err.count("\n") == 1
    assert main(["compare", base, cand, "--no-html", "--allow-manifest-diff", "chat_format"]) == 0
    out = capsys.readouterr().out
    manifest_notes = [line for line in out.splitlines() if line.startswith("note: manifest:")]
    assert len(manifest_notes) == 1 and "chat_format" in manifest_notes[0]
    # The paired effect of the format, per test.
    assert "completions: n=3" in out and "Δ=" in out


def test_chat_template_without_a_template_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = build_tiny_gpt2(tmp_path / "gpt2")
    suite = write_generation_suite(tmp_path / "suite")
    code = main(
        ["run", str(suite), "--model", f"hf-causal:{model}", "--quiet"]
        + ["--model-option", "chat_template=true", "--cache-dir", str(tmp_path / "c")]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "chat_template=true, but its tokenizer has no chat template" in err
    assert err.count("\n") == 1


def test_scoring_as_the_assistant_turn(chat_model: Path) -> None:
    from harness.models.base import ModelContext, ModelSpec, load_model
    from harness.requests import Loglikelihood

    context = ModelContext(task="multiple_choice", labels=(), input_fields=("question",))
    spec = ModelSpec("hf-causal", str(chat_model), {"chat_template": True})
    model = load_model(spec, context)
    [answer] = model.loglikelihood([Loglikelihood(context="Who cooked?", continuation=" the chef")])
    assert answer["rendered_context"] == "<|user|>Who cooked?\n<|assistant|>"
    plain = load_model(ModelSpec("hf-causal", str(chat_model)), context)
    # The same answer scored after the rendered conversation, by hand:
    [by_hand] = plain.loglikelihood(
        [Loglikelihood(context="<|user|>Who cooked?\n<|assistant|>", continuation="the chef")]
    )
    assert answer["loglikelihood"] == pytest.approx(by_hand["loglikelihood"], abs=1e-5)
