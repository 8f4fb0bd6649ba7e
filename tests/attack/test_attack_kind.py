"""Attack metrics, the model wrapper, budgets, suite-load checks and fail-fast messages."""

from __future__ import annotations

import importlib.util

import pytest
from attack_helpers import LABELS, attack_suite, nli_examples, run_context

from harness.attack.results import AttackRecord, attack_metrics
from harness.core import Prediction
from harness.errors import MissingDependencyError, ResourceUnavailableError, SuiteError


class CountingPredictor:
    """Probabilities from word counts; remembers every input it was asked about."""

    def __init__(self) -> None:
        self.seen: list[dict[str, str]] = []
        self.cache: dict[tuple, Prediction] = {}
        self.computed = 0

    def predict(self, examples, description=""):
        predictions = []
        for example in examples:
            self.seen.append(dict(example.fields))
            key = tuple(sorted(example.fields.items()))
            if key not in self.cache:
                self.computed += 1
                words = len(example.fields.get("hypothesis", "").split())
                raw = [1.0 + words % 3, 1.0, 0.5]
                total = sum(raw)
                scores = {label: value / total for label, value in zip(LABELS, raw, strict=True)}
                label = max(scores, key=scores.__getitem__)
                self.cache[key] = Prediction(example.id, label=label, scores=scores)
            predictions.append(self.cache[key])
        return predictions


def test_attack_metrics_follow_textattack_conventions():
    records = [
        AttackRecord("a", "succeeded", words_perturbed=1, words_total=10, queries=20),
        AttackRecord("b", "succeeded", words_perturbed=3, words_total=12, queries=40),
        AttackRecord("c", "failed", words_total=8, queries=90),
        AttackRecord("d", "skipped", words_total=9, queries=1),
        AttackRecord("e", "not_attacked"),
    ]
    metrics = attack_metrics(records, resamples=200)
    # N = 4 attacked (not_attacked is left out): 3 correct originally, 1 survives.
    assert metrics["original_accuracy"].value == pytest.approx(3 / 4)
    assert metrics["original_accuracy"].n == 4
    assert metrics["accuracy_under_attack"].value == pytest.approx(1 / 4)
    assert metrics["attack_success_rate"].value == pytest.approx(2 / 3)
    assert metrics["attack_success_rate"].n == 3
    assert metrics["attack_success_rate"].method == "wilson"
    low, high = metrics["attack_success_rate"].ci_low, metrics["attack_success_rate"].ci_high
    assert low < 2 / 3 < high
    assert metrics["average_words_perturbed"].value == pytest.approx(2.0)
    assert metrics["average_words_perturbed_percent"].value == pytest.approx((10 + 25) / 2)
    assert metrics["average_queries"].value == pytest.approx((20 + 40 + 90) / 3)


def test_attack_metrics_with_nothing_attacked_are_nan_not_errors():
    metrics = attack_metrics([AttackRecord("a", "skipped")], resamples=100)
    assert metrics["original_accuracy"].value == 0.0
    assert metrics["attack_success_rate"].n == 0
    assert metrics["average_queries"].n == 0


@pytest.mark.attack
def test_wrapper_counts_queries_and_returns_suite_label_order(textattack):
    from harness.attack.wrapper import PredictorModelWrapper

    predictor = CountingPredictor()
    wrapper = PredictorModelWrapper(predictor, ("premise", "hypothesis"), LABELS)
    pairs = [("A man sings.", "A man is singing now."), ("A cat sleeps.", "A cat.")]
    first = wrapper(pairs)
    again = wrapper([pairs[0]])
    assert first.shape == (2, 3)
    assert first.sum(axis=1) == pytest.approx([1.0, 1.0])
    assert again[0] == pytest.approx(first[0])
    assert wrapper.queries == 3 and wrapper.calls == 2
    # The second query for the same pair is answered by the predictor's cache.
    assert predictor.computed == 2
    assert predictor.seen[0] == {"premise": "A man sings.", "hypothesis": "A man is singing now."}
    with pytest.raises(ValueError, match="expected 2"):
        wrapper(["only one field"])


@pytest.mark.attack
def test_time_budget_leaves_later_examples_not_attacked(textattack):
    from harness.kinds.attack import AttackKind

    ticks = iter(range(0, 1000, 10))  # every clock reading is 10 s after the last
    suite = attack_suite({"recipe": "deepwordbug", "time_budget_s": 25, "max_queries": 30})
    outcome = AttackKind(clock=lambda: float(next(ticks))).run(
        suite.tests[0], run_context(suite, CountingPredictor())
    )
    counts = outcome.sections["attack"]["counts"]
    attacked = counts["succeeded"] + counts["failed"] + counts["skipped"]
    assert counts["not_attacked"] == len(nli_examples()) - attacked
    assert 0 < attacked < len(nli_examples())
    originals = [item for item in outcome.items if item.example.parent_id is None]
    assert [item.tags["attack_result"] for item in originals][attacked:] == (
        ["not_attacked"] * counts["not_attacked"]
    )
    assert outcome.metrics["original_accuracy"].n == attacked


@pytest.mark.attack
def test_attack_outcome_items_and_section(textattack):
    from harness.kinds.attack import AttackKind

    suite = attack_suite({"recipe": "deepwordbug", "max_queries": 50, "n_examples": 6})
    outcome = AttackKind().run(suite.tests[0], run_context(suite, CountingPredictor()))
    section = outcome.sections["attack"]
    assert section["recipe"] == "deepwordbug" and section["field"] == "hypothesis"
    originals = [item for item in outcome.items if item.example.parent_id is None]
    variants = [item for item in outcome.items if item.example.parent_id is not None]
    assert len(originals) == 6
    assert len(variants) == section["counts"]["succeeded"] == len(section["examples"])
    for item, row in zip(variants, section["examples"], strict=True):
        assert item.example.transform.name == "attack:deepwordbug"
        assert item.gold == row["gold"]
        assert row["perturbed_prediction"] != row["gold"]  # the attack flipped it
        assert row["perturbed_fields"]["premise"] == row["original_fields"]["premise"]
        assert row["queries"] <= 50


def test_unknown_recipe_is_a_suite_error_with_suggestion():
    with pytest.raises(
        SuiteError, match="unknown attack recipe 'deepwordbg'.*did you mean 'deepwordbug'"
    ):
        attack_suite({"recipe": "deepwordbg"})


def test_unknown_recipe_option_is_a_suite_error():
    with pytest.raises(SuiteError, match="unknown option 'masked_lm' for recipe 'deepwordbug'"):
        attack_suite({"recipe": "deepwordbug", "recipe_options": {"masked_lm": "x"}})


def test_missing_extra_message(monkeypatch):
    real_find_spec = importlib.util.find_spec

    def find_spec(name, *args, **kwargs):
        return None if name == "textattack" else real_find_spec(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    with pytest.raises(MissingDependencyError) as error:
        attack_suite({"recipe": "deepwordbug"})
    assert str(error.value) == (
        "the attack test needs the 'attack' extra: pip install 'reasoning-harness[attack]'"
    )


@pytest.fixture
def empty_caches(tmp_path, monkeypatch):
    """No TextAttack, Hugging Face, flair or TF Hub caches: what a fresh offline machine has."""
    for name in ("TA_CACHE_DIR", "HF_HUB_CACHE", "FLAIR_CACHE_ROOT", "TFHUB_CACHE_DIR"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_CACHE", str(tmp_path / "hf_hub_cache"))
    return tmp_path


@pytest.mark.parametrize(
    ("recipe", "resource"),
    [
        ("textfooler", "counter-fitted word embeddings"),
        ("a2t", "counter-fitted word embeddings"),
        ("bae", "masked language model"),
        ("bert-attack", "masked language model"),
        ("checklist", "named-entity model (flair/ner-english)"),
        ("textbugger", "counter-fitted word embeddings"),
    ],
)
def test_recipes_needing_downloads_fail_fast(empty_caches, recipe, resource):
    from harness.attack.recipes import check_resources

    with pytest.raises(ResourceUnavailableError) as error:
        check_resources(recipe)
    message = str(error.value)
    assert f"attack recipe '{recipe}' needs" in message and resource in message
    assert "\n" not in message


def test_masked_lm_path_is_accepted_then_the_sentence_encoder_is_required(empty_caches, tmp_path):
    from harness.attack.recipes import check_resources

    model_dir = tmp_path / "local-mlm"
    model_dir.mkdir()
    (model_dir / "config.json").write_text("{}")
    with pytest.raises(ResourceUnavailableError, match="Universal Sentence Encoder"):
        check_resources("bert-attack", {"masked_lm": str(model_dir)})
    with pytest.raises(ResourceUnavailableError, match="neither a local model directory"):
        check_resources("bert-attack", {"masked_lm": str(tmp_path / "missing")})


def test_offline_recipes_need_nothing_downloaded(empty_caches):
    from harness.attack.recipes import check_resources

    check_resources("deepwordbug")
    check_resources("pruthi")
