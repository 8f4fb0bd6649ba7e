"""The harness's attack loop gives what TextAttack's own ``Attacker`` gives.

Same tiny BERT, same recipe (DeepWordBug restricted to the hypothesis), same RNG seed
per example: the per-example outcome and the perturbed texts must be identical, whether
the model is queried through harness's cached predictor or TextAttack's
``HuggingFaceModelWrapper``.
"""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pytest
from attack_helpers import LABELS, attack_suite, nli_examples, run_context

from harness.kinds.attack import AttackKind, example_seed

pytestmark = pytest.mark.attack

RECIPE = "deepwordbug"


def _labelled_by_model(adapter):
    """Gold = the tiny model's own prediction (so the attack has work to do), except for
    the last two examples, whose gold is wrong on purpose (TextAttack skips them)."""
    examples = nli_examples()
    predicted = np.asarray(adapter.classify(examples)).argmax(axis=1)
    labelled = []
    for index, (example, label_index) in enumerate(zip(examples, predicted, strict=True)):
        if index >= len(examples) - 2:
            label_index = (label_index + 1) % len(LABELS)
        labelled.append(dataclasses.replace(example, target=LABELS[int(label_index)]))
    return labelled


def _textattack_outcomes(textattack, model_dir, examples, suite_seed):
    """Run TextAttack's Attacker, one example at a time with the harness's seed for it."""
    from textattack import AttackArgs, Attacker
    from textattack.attack_results import FailedAttackResult, SkippedAttackResult
    from textattack.datasets import Dataset
    from textattack.models.wrappers import HuggingFaceModelWrapper
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from harness.attack.recipes import build_attack

    model = AutoModelForSequenceClassification.from_pretrained(model_dir).eval()
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    wrapper = HuggingFaceModelWrapper(model, tokenizer)
    attack = build_attack(
        RECIPE, wrapper, input_fields=("premise", "hypothesis"), field_name="hypothesis"
    )
    outcomes = {}
    for example in examples:
        dataset = Dataset(
            [
                (
                    (example.fields["premise"], example.fields["hypothesis"]),
                    LABELS.index(example.target),
                )
            ],
            input_columns=["premise", "hypothesis"],
        )
        args = AttackArgs(
            num_examples=1,
            disable_stdout=True,
            silent=True,
            random_seed=example_seed(suite_seed, RECIPE, example.id),
        )
        with warnings.catch_warnings():
            # TextAttack's end-of-run summary averages over no successful attacks.
            warnings.filterwarnings("ignore", "Mean of empty slice", RuntimeWarning)
            warnings.filterwarnings("ignore", "invalid value encountered", RuntimeWarning)
            (result,) = Attacker(attack, dataset, args).attack_dataset()
        if isinstance(result, SkippedAttackResult):
            outcomes[example.id] = ("skipped", None)
        elif isinstance(result, FailedAttackResult):
            outcomes[example.id] = ("failed", None)
        else:
            perturbed = result.perturbed_result.attacked_text.tokenizer_input
            outcomes[example.id] = ("succeeded", tuple(perturbed))
    return outcomes


def test_deepwordbug_matches_textattack_attacker(
    textattack, tiny_bert_dir, tiny_bert_adapter, tmp_path
):
    from harness.cache import ResponseCache
    from harness.predictor import RequestRunner, TaskPredictor

    examples = _labelled_by_model(tiny_bert_adapter)
    suite = attack_suite({"recipe": RECIPE, "field": "hypothesis"}, seed=3)
    runner = RequestRunner(tiny_bert_adapter, cache=ResponseCache(tmp_path / "cache", "parity"))
    predictor = TaskPredictor(suite.make_task(), runner)
    outcome = AttackKind().run(suite.tests[0], run_context(suite, predictor, examples))

    originals = [item for item in outcome.items if item.example.parent_id is None]
    perturbed = {
        row["parent_id"]: (
            row["perturbed_fields"]["premise"],
            row["perturbed_fields"]["hypothesis"],
        )
        for row in outcome.sections["attack"]["examples"]
    }
    harness_outcomes = {
        item.example.id: (item.tags["attack_result"], perturbed.get(item.example.id))
        for item in originals
    }
    expected = _textattack_outcomes(textattack, tiny_bert_dir, examples, suite_seed=3)

    assert harness_outcomes == expected
    statuses = [status for status, _ in expected.values()]
    # The comparison is only meaningful if the attack did something on both sides.
    assert statuses.count("skipped") == 2
    assert "succeeded" in statuses
    # Only the hypothesis was attacked; the premise is unchanged.
    for example in examples:
        if example.id in perturbed:
            assert perturbed[example.id][0] == example.fields["premise"]
            assert perturbed[example.id][1] != example.fields["hypothesis"]
