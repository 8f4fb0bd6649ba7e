"""hf-causal at the model's position limit, on checkpoints that are no causal LM, and quietly.

The model is a tiny GPT-2 with 256 learned positions (built here): a position id of 256
or more is an ``IndexError`` inside it, so every batching path that pads must keep the
positions of its padding below the limit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from helpers.tiny_models import CORPUS, build_tiny_bert_classifier, build_tiny_causal_lm

from harness.errors import ModelError
from harness.models.base import ModelContext, ModelSpec, load_model
from harness.models.causal_scoring import fit_to_length, score_naive
from harness.requests import Loglikelihood

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_cli import harness  # noqa: E402  (the real command, as the CLI tests run it)

CONTEXT = ModelContext(task="nli", labels=(), input_fields=())
LIMIT = 256


@pytest.fixture(scope="module")
def gpt2_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_causal_lm(tmp_path_factory.mktemp("gpt2-256"), "gpt2")


# Every batching path: batches by count, by a padded-token budget (which cuts batches
# where the long contexts start), and one request at a time.
@pytest.fixture(
    params=[
        {"batch_size": 8},
        {"batch_size": 8, "max_tokens_per_batch": 700},
        {"batch_size": 1},
    ],
    ids=["batches", "token-budget", "one-by-one"],
)
def gpt2(gpt2_path: Path, request: pytest.FixtureRequest):
    model = load_model(ModelSpec.parse(f"hf-causal:{gpt2_path}", request.param), CONTEXT)
    assert model.max_length == LIMIT  # the model's own position limit
    return model


def context_of(model, tokens: int, start: int = 0) -> str:
    """A text of exactly ``tokens`` tokens (the corpus, repeated from ``start``)."""
    words = " ".join(CORPUS[(start + i) % len(CORPUS)] for i in range(60)).split(" ")
    for n in range(len(words), 0, -1):
        text = " ".join(words[:n])
        if len(model.encoder.encode(text)) <= tokens:
            break
    while len(model.encoder.encode(text)) < tokens:
        text += "."
    assert len(model.encoder.encode(text)) == tokens, (tokens, len(model.encoder.encode(text)))
    return text


def test_requests_at_and_past_the_limit_give_lm_evals_numbers(gpt2) -> None:
    # Contexts just under, at and past the limit, with continuations of 1 to 7 tokens in
    # one batch: the longest continuation's padding pushes the others' positions past 255.
    continuations = [" a", " the man", " is playing a guitar", " on the stage and the park"]
    requests = [
        Loglikelihood(context=context_of(gpt2, tokens, start), continuation=continuation)
        for start, tokens in enumerate((200, 250, 253, 254, 255, 256, 300))
        for continuation in continuations
    ]
    # Contexts sharing a long prefix (a few-shot block) near the limit take the prefix path.
    block = context_of(gpt2, 240)
    requests += [
        Loglikelihood(context=block + tail, continuation=c)
        for tail in (" Yes.", " The cat sleeps.", " Birds are flying over the quiet lake today.")
        for c in continuations
    ]
    pairs = gpt2.encoder.pairs([(r.context, r.continuation) for r in requests])
    assert max(len(p.context) for p in pairs) >= LIMIT
    answers = gpt2.loglikelihood(requests)
    for pair, answer in zip(pairs, answers, strict=True):
        reference = score_naive(gpt2.model, pair, LIMIT, gpt2.device)
        assert answer["loglikelihood"] == pytest.approx(reference.loglikelihood, abs=1e-4)
        assert answer["is_greedy"] == reference.is_greedy
        assert answer["tokens"] == len(pair.continuation)
        # Cut from the left, as documented, and counted.
        assert bool(answer.get("truncated")) == fit_to_length(pair, LIMIT)[1]
    assert sum(bool(a.get("truncated")) for a in answers) > 0
    assert gpt2.describe()["truncated_count"] == sum(bool(a.get("truncated")) for a in answers)


def nli_core_texts() -> list[str]:
    from harness.data.sources import BUILTIN_DATASETS_DIR

    texts = []
    for split in ("train", "test"):
        for line in (BUILTIN_DATASETS_DIR / "nli-core" / f"{split}.jsonl").read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                texts += [row["premise"], row["hypothesis"]]
    return texts


def test_nli_prompting_at_the_limit_through_the_cli_is_cut_counted_and_quiet(
    tmp_path: Path,
) -> None:
    """The shipped prompted suite on a 256-position GPT-2 whose tokenizer (trained on the
    suite's texts) puts the 4-shot prompts around the limit: once an IndexError on a batch
    of 84 requests; now no crash, and no library warning on the terminal."""
    path = build_tiny_causal_lm(tmp_path / "gpt2", "gpt2", corpus=nli_core_texts(), vocab_size=2000)
    suites = Path(__file__).resolve().parents[2] / "suites"
    result = harness(
        "run",
        str(suites / "nli_prompting.yaml"),
        "--model",
        f"hf-causal:{path}",
        "--limit",
        "10",
        "--out",
        "run",
        "--quiet",
        "--explain",
        "0",
        cwd=tmp_path,
        env={"HARNESS_CACHE_DIR": str(tmp_path / "cache")},
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Token indices sequence length" not in result.stderr
    assert "Traceback" not in result.stderr
    results = json.loads((tmp_path / "run" / "results.json").read_text())
    # Some 4-shot prompts are longer than 256 tokens: cut and counted per test.
    truncated = {t["name"]: t["counts"]["truncated"] for t in results["tests"]}
    assert truncated["nli_core_4_shot_prompts"] > 0
    assert truncated["nli_core"] == 0
    assert all(t["n"] > 0 for t in results["tests"])


def test_a_classifier_checkpoint_is_refused_in_one_line(tmp_path: Path) -> None:
    path = build_tiny_bert_classifier(tmp_path / "bert")
    suites = Path(__file__).resolve().parents[2] / "suites"
    result = harness(
        "run",
        str(suites / "nli_prompting.yaml"),
        "--model",
        f"hf-causal:{path}",
        "--limit",
        "2",
        "--quiet",
        cwd=tmp_path,
        env={"HARNESS_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "BertForSequenceClassification checkpoint, not a causal language model" in lines[0]
    assert "hf-classifier" in lines[0] and "batch_select_indices" not in result.stderr


def test_an_encoder_saved_as_a_base_model_is_refused_when_it_loads(tmp_path: Path) -> None:
    # Its config names no head; loaded as a language model it would see later tokens.
    from transformers import AutoModel, AutoTokenizer

    classifier = build_tiny_bert_classifier(tmp_path / "bert")
    base = tmp_path / "bert-base"
    AutoModel.from_pretrained(classifier).save_pretrained(base)
    AutoTokenizer.from_pretrained(classifier).save_pretrained(base)
    model = load_model(ModelSpec.parse(f"hf-causal:{base}"), CONTEXT)
    with pytest.raises(ModelError, match="not a causal language model .* depends on later"):
        model.loglikelihood([Loglikelihood(context="A man", continuation=" sleeps")])
