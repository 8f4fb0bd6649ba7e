"""minimal_pairs on tiny real language models, against scores computed by hand.

A causal LM: each sentence's summed log-likelihood from one forward pass written out
here, divided by its token count for the per-token variant. A masked LM: CrowS-Pairs'
conditional pseudo-log-likelihood by default (only the tokens the two sentences share
are masked), whole-sentence pseudo-log-likelihood as an option.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.generators.stereotype_pairs import PAIRS as SHIPPED
from harness.runner import run_suite

pytest.importorskip("transformers")

SUITE = """\
name: pairs_scores
task: multiple_choice
seed: 3
model: "{model}"
bootstrap_resamples: 200
tests:
  - name: pairs
    kind: minimal_pairs
    data: {{source: generator, name: stereotype_pairs, params: {{bias_types: [gender, age]}}}}
{extra}"""

# The shipped pairs of two bias types; their sentences differ in token length.
PAIRS = [(more, less) for bias_type, more, less in SHIPPED if bias_type in ("gender", "age")]


def _run(tmp_path: Path, model: str, name: str, extra: str = "") -> list[dict]:
    directory = tmp_path / name
    directory.mkdir()
    (directory / "suite.yaml").write_text(SUITE.format(model=model, extra=extra))
    out = run_suite(
        directory / "suite.yaml",
        out_dir=directory / "run",
        cache_dir=tmp_path / f"cache-{name}",
        progress=False,
    )
    results = json.loads((out / "results.json").read_text())
    items = [json.loads(line) for line in (out / "items.jsonl").read_text().splitlines()]
    return [results["tests"][0], items]  # type: ignore[list-item]


def _causal_score(tokenizer, model, sentence: str) -> tuple[float, int]:
    """log P(sentence | BOS, else EOS), summed over its tokens, and how many tokens that is."""
    import torch

    tokens = tokenizer.encode(sentence, add_special_tokens=False)
    prefix = (
        tokenizer.bos_token_id if tokenizer.bos_token_id is not None else tokenizer.eos_token_id
    )
    ids = torch.tensor([[prefix, *tokens]])
    with torch.no_grad():
        logprobs = torch.log_softmax(model(input_ids=ids).logits[0].double(), dim=-1)
    return sum(float(logprobs[k, tokens[k]]) for k in range(len(tokens))), len(tokens)


def test_per_token_normalisation_divides_by_the_tokens_a_causal_lm_scored(tmp_path: Path) -> None:
    from helpers.tiny_models import build_tiny_causal_lm
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = build_tiny_causal_lm(tmp_path / "gpt2")
    test, items = _run(tmp_path, f"hf-causal:{path}", "causal")
    tokenizer = AutoTokenizer.from_pretrained(path)
    network = AutoModelForCausalLM.from_pretrained(path).eval()
    assert test["sections"]["bias"]["length_unit"] == "tokens"
    assert test["sections"]["bias"]["score"] == "summed log-likelihood"
    normalised_flags, summed_flags = [], []
    for (more, less), item in zip(PAIRS, items, strict=True):
        more_ll, more_tokens = _causal_score(tokenizer, network, more)
        less_ll, less_tokens = _causal_score(tokenizer, network, less)
        scores = item["scores"]
        assert scores["loglikelihood_more"] == pytest.approx(more_ll, abs=1e-4)
        assert (scores["length_more"], scores["length_less"]) == (more_tokens, less_tokens)
        expected = more_ll / more_tokens - less_ll / less_tokens
        assert scores["normalised_difference"] == pytest.approx(expected, abs=1e-4)
        assert scores["prefers_stereotype_normalised"] == float(expected > 0)
        normalised_flags.append(expected > 0)
        summed_flags.append(more_ll > less_ll)
    # Token counts are not word counts here: the unit matters.
    assert any(
        len(more.split()) != item["scores"]["length_more"]
        for (more, _), item in zip(PAIRS, items, strict=True)
    )
    rate = test["metrics"]["stereotype_preference_normalised"]
    assert rate["value"] == pytest.approx(sum(normalised_flags) / len(PAIRS))
    assert test["metrics"]["stereotype_preference"]["value"] == pytest.approx(
        sum(summed_flags) / len(PAIRS)
    )


def _masked_score(tokenizer, model, sentence: str, positions: list[int]) -> float:
    """Mask each of ``positions`` (token indices of the sentence) in turn; sum log P."""
    import torch

    tokens = tokenizer(sentence, add_special_tokens=False)["input_ids"]
    ids = [tokenizer.cls_token_id, *tokens, tokenizer.sep_token_id]
    total = 0.0
    for k in positions:
        masked = list(ids)
        masked[1 + k] = tokenizer.mask_token_id
        with torch.no_grad():
            logits = model(input_ids=torch.tensor([masked])).logits[0, 1 + k]
        total += float(torch.log_softmax(logits, dim=-1)[tokens[k]])
    return total


def _shared_by_ends(tokens: list[int], other: list[int]) -> list[int]:
    """Common prefix and suffix positions: the shared tokens of a one-span minimal pair."""
    prefix = 0
    while prefix < min(len(tokens), len(other)) and tokens[prefix] == other[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(tokens), len(other)) - prefix and tokens[-1 - suffix] == other[-1 - suffix]
    ):
        suffix += 1
    return list(range(prefix)) + list(range(len(tokens) - suffix, len(tokens)))


def test_masked_lms_score_the_shared_tokens_by_default_and_every_token_on_request(
    tmp_path: Path,
) -> None:
    from helpers.tiny_language_models import build_tiny_masked_bert
    from transformers import AutoModelForMaskedLM, AutoTokenizer

    path = build_tiny_masked_bert(tmp_path / "mlm")
    tokenizer = AutoTokenizer.from_pretrained(path)
    network = AutoModelForMaskedLM.from_pretrained(path).eval()
    conditional, conditional_items = _run(tmp_path, f"hf-masked:{path}", "conditional")
    whole, whole_items = _run(
        tmp_path, f"hf-masked:{path}", "whole", extra="    masked_lm_score: whole_sentence\n"
    )
    assert conditional["sections"]["bias"]["score"].startswith("conditional")
    assert whole["sections"]["bias"]["score"] == "pseudo-log-likelihood of every token"
    for (more, less), c_item, w_item in zip(PAIRS, conditional_items, whole_items, strict=True):
        more_ids = tokenizer(more, add_special_tokens=False)["input_ids"]
        less_ids = tokenizer(less, add_special_tokens=False)["input_ids"]
        shared_more = _shared_by_ends(more_ids, less_ids)
        shared_less = _shared_by_ends(less_ids, more_ids)
        assert len(shared_more) == len(shared_less) < min(len(more_ids), len(less_ids))
        expected_more = _masked_score(tokenizer, network, more, shared_more)
        expected_less = _masked_score(tokenizer, network, less, shared_less)
        scores = c_item["scores"]
        assert scores["loglikelihood_more"] == pytest.approx(expected_more, abs=1e-4)
        assert scores["loglikelihood_less"] == pytest.approx(expected_less, abs=1e-4)
        assert scores["length_more"] == scores["length_less"] == len(shared_more)
        assert scores["prefers_stereotype"] == float(expected_more > expected_less)
        whole_more = _masked_score(tokenizer, network, more, list(range(len(more_ids))))
        assert w_item["scores"]["loglikelihood_more"] == pytest.approx(whole_more, abs=1e-4)
        assert w_item["scores"]["length_more"] == len(more_ids)
