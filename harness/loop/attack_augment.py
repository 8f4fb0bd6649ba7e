"""Adversarial training examples made with a suite's own attack tests.

    training examples ──a seeded sample, at most the test's ``n_examples`` (else
    DEFAULT_ATTACKED)──▶ the attack kind's ``Attacker`` through the model's cached
    predictor (the test's recipe, query and time budgets, per-example seeds, kept outcomes)
    ──▶ each successful adversarial example, labelled with its ORIGINAL's label

An attack keeps the label: it changes a few characters or words until the model's answer
flips, so the right answer is still the original's. The leakage and duplicate checks are
``harness.loop.augment``'s, as for the perturbation tests' variants.

The attack needs the model under test (its answers steer the search): ``open_attack_context``
loads it with the run's response cache, so outcomes an earlier augmentation kept are read
back rather than attacked again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from harness.attack.recipes import check_resources, get_recipe
from harness.attack.results import count_statuses
from harness.core import Example, stable_id
from harness.execution import RunContext
from harness.kinds.attack import Attacker, AttackKind, AttackTestOptions, resolve_field
from harness.metrics.attack import FAILED, INFRA_ERROR, NOT_ATTACKED, SKIPPED, SUCCEEDED

#: Training examples attacked per attack test when the test sets no ``n_examples``: an
#: attack costs up to ``max_queries`` model calls per example, so the cost stays bounded.
DEFAULT_ATTACKED = 50

#: What an adversarial example's ``expect`` says (it keeps its original's label).
ADVERSARIAL = "adversarial"


@dataclass
class AttackCounts:
    """What one attack test made from the training data.

    ``examples = attempted + not_attacked``;
    ``attempted = succeeded + failed + skipped + infra_errors``;
    ``succeeded = leaked + duplicates + kept``.
    """

    test: str
    recipe: str
    examples: int = 0  # training examples chosen to attack (at most the cap)
    attempted: int = 0  # examples the recipe ran on (or whose kept outcome was read back)
    succeeded: int = 0  # the model's answer flipped: an adversarial example was made
    failed: int = 0  # the recipe found no flip within its budget
    skipped: int = 0  # the model was already wrong on the original: nothing to attack
    not_attacked: int = 0  # the test's time budget ran out first
    infra_errors: int = 0  # the model could not be asked
    leaked: int = 0  # adversarial examples dropped by the leakage check
    duplicates: int = 0  # adversarial examples equal to an example already kept
    kept: int = 0
    model_queries: int = 0

    def to_json(self) -> dict[str, Any]:
        # What it expects of its examples follows the recipe, where a transform's row says it.
        return {"test": self.test, "recipe": self.recipe, "expect": ADVERSARIAL, **asdict(self)}


def attack_cap(spec: AttackTestOptions) -> int:
    """How many training examples the test attacks: its ``n_examples``, else the default."""
    return spec.attack.n_examples or DEFAULT_ATTACKED


def attack_sample(examples: Sequence[Example], spec: AttackTestOptions, seed: int) -> list[Example]:
    """The labelled training examples to attack: a sample seeded by the suite seed and the
    test's name (not the first rows, which a sorted file would draw from one label)."""
    labelled = [example for example in examples if example.target is not None]
    order = sorted(labelled, key=lambda e: stable_id(seed, "augment-attack", spec.name, e.id))
    return order[: attack_cap(spec)]


def adversarial_examples(
    spec: AttackTestOptions, train: Sequence[Example], context: RunContext
) -> tuple[AttackCounts, list[Example]]:
    """Attack a sample of ``train`` as the attack kind attacks a test's examples; the
    successful adversarial examples carry their original's label and ``parent_id``."""
    options = spec.attack
    recipe = get_recipe(options.recipe)
    check_resources(recipe.name, options.recipe_options)
    input_fields = tuple(context.suite.input_fields)
    labels = tuple(context.suite.labels)
    field_name = resolve_field(options.field, input_fields)
    chosen = attack_sample(train, spec, context.seed)
    kind = AttackKind()
    attacker = Attacker(context, spec, input_fields, labels, field_name)
    kept = attacker.kept(chosen)
    if len(kept) < len(chosen):
        attacker.build()
    # One batched call for the originals, as the kind makes: the attack's first queries hit it.
    originals = context.predictor.predict(chosen, description=f"{spec.name} (augment)")
    unanswered = {p.example_id: p.infra_error for p in originals if p.infra_error}
    records = kind.attack_all(context, spec, attacker, chosen, kept, kind.clock(), unanswered)
    variants = AttackKind.adversarial_variants(
        chosen, records, attacker.changes, recipe.name, field_name, options, context
    )
    statuses = count_statuses(records)
    counts = AttackCounts(
        spec.name,
        recipe.name,
        examples=len(chosen),
        attempted=len(chosen) - statuses[NOT_ATTACKED],
        succeeded=statuses[SUCCEEDED],
        failed=statuses[FAILED],
        skipped=statuses[SKIPPED],
        not_attacked=statuses[NOT_ATTACKED],
        infra_errors=statuses.get(INFRA_ERROR, 0),
        model_queries=attacker.queries,
    )
    return counts, variants


@contextlib.contextmanager
def open_attack_context(
    suite: Any,
    model: str,
    model_options: Mapping[str, Any],
    cache_dir: Path,
    progress: bool = False,
) -> Iterator[RunContext]:
    """The model under test behind a ``RunContext`` as a run builds one: its task, its
    response cache (answers and kept attack outcomes shared with ``harness run``)."""
    from harness.errors import HarnessError
    from harness.models.base import ModelSpec
    from harness.predictor import TaskPredictor
    from harness.runner import (
        ModelOpener,
        RunOptions,
        make_loader,
        new_inputs_refusal,
        progress_factory,
    )

    spec = ModelSpec.parse(model, model_options)
    bar = progress_factory(progress)
    opener = ModelOpener(RunOptions(), Path(cache_dir), suite.seed, bar)
    try:
        requests = opener(spec, suite.task, tuple(suite.labels), tuple(suite.input_fields))
        refused = new_inputs_refusal(AttackKind, requests.model, model)
        if refused is not None:
            raise HarnessError(f"--model: cannot attack the training examples: {refused}")
        loader = make_loader(suite, None)
        task = suite.make_task(label_map=spec.options.get("label_map"), load_examples=loader)
        yield RunContext(
            suite=suite,
            predictor=TaskPredictor(task, requests),
            model=requests.model,
            load_examples=loader,
            bootstrap_resamples=suite.bootstrap_resamples,
            progress=bar,
            task=task,
            requests=requests,
        )
    finally:
        opener.close()
