"""The ``attack`` test kind: TextAttack recipes run through the harness's model path.

    - name: deepwordbug_hypothesis
      data: {source: builtin, dataset: nli-core, split: test, limit: 25}
      attack: {recipe: deepwordbug, field: hypothesis, max_queries: 200}

examples ──predictor──▶ original predictions
each example ──TextAttack Attack.attack (queries via PredictorModelWrapper)──▶ result
results ──▶ items (originals tagged ``attack_result``, successful adversarial variants)
        ──▶ metrics (TextAttack conventions, 95% CIs) and ``sections["attack"]``

harness owns the loop: one example at a time, with progress, a whole-test time budget
and, per example, TextAttack's RNGs seeded from the suite seed and the example id.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import random
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, Literal

from pydantic import Field

from harness import install_hint
from harness.attack.offline import require_textattack
from harness.attack.recipes import RECIPES, build_attack, check_resources, get_recipe
from harness.attack.results import AttackRecord, attack_metrics, count_statuses, metrics_json
from harness.core import Example, Prediction, TransformRecord, stable_id
from harness.errors import HarnessError, InfraError, ResourceUnavailableError
from harness.execution import (
    RunContext,
    TestOutcome,
    blank_infra_errors,
)
from harness.files.yaml_positions import Location
from harness.kinds.implied import implied_example
from harness.metrics.attack import FAILED, INFRA_ERROR, NOT_ATTACKED, SKIPPED, SUCCEEDED
from harness.options import Options, SourceMap
from harness.registry import did_you_mean
from harness.resources import Resource
from harness.seeding import seed_label
from harness.suite import TestPlan, TestSpec


class AttackOptions(Options):
    """The ``attack:`` block of a test."""

    recipe: str
    # Which input field the attack may change (NLI: hypothesis or premise).
    field: Literal["hypothesis", "premise"] | None = None
    # TextAttack's per-example query budget.
    max_queries: int | None = Field(default=None, ge=1)
    # Whole-test budget: no new example is started once it is spent.
    time_budget_s: float | None = Field(default=None, gt=0)
    n_examples: int | None = Field(default=None, ge=1)
    recipe_options: dict[str, Any] = Field(default_factory=dict)


class AttackTestOptions(TestSpec):
    kind: str = "attack"
    attack: AttackOptions


def example_seed(suite_seed: int, recipe: str, example_id: str) -> int:
    """The seed of TextAttack's RNGs for one example (stable across runs and machines)."""
    return int(stable_id(suite_seed, "attack", recipe, example_id), 16) % (2**32)


@contextlib.contextmanager
def seeded_rngs(seed: int) -> Iterator[None]:
    """Seed the global RNGs TextAttack's recipes draw from, as TextAttack's own ``Attacker`` does,
    then put their previous states back (harness itself never uses global RNG state)."""
    import numpy as np
    import torch
    from textattack.shared.utils import set_seed

    saved = (random.getstate(), np.random.get_state(), torch.get_rng_state())
    set_seed(seed)
    try:
        yield
    finally:
        random.setstate(saved[0])
        np.random.set_state(saved[1])
        torch.set_rng_state(saved[2])


def resolve_field(field_name: str | None, input_fields: Sequence[str]) -> str | None:
    """The field to attack: the one named, else ``hypothesis`` when present, else all fields."""
    if field_name is None:
        return "hypothesis" if "hypothesis" in input_fields else None
    if field_name not in input_fields:
        raise HarnessError(
            f"attack field '{field_name}' is not an input field of this suite "
            f"({', '.join(input_fields)})"
        )
    return field_name


def attacked_text_fields(attacked_text: Any, input_fields: Sequence[str]) -> dict[str, str]:
    values = attacked_text.tokenizer_input
    if isinstance(values, str):
        values = (values,)
    return dict(zip(input_fields, values, strict=True))


def _word_changes(original: Any, perturbed: Any) -> str:
    changed = sorted(original.all_words_diff(perturbed))
    return ", ".join(f"'{original.words[i]}' -> '{perturbed.words[i]}'" for i in changed)


def record_from_result(example: Example, result: Any, input_fields: Sequence[str]) -> AttackRecord:
    """An ``AttackRecord`` from a TextAttack ``AttackResult``."""
    from textattack.attack_results import FailedAttackResult, SkippedAttackResult

    original = result.original_result.attacked_text
    perturbed = result.perturbed_result.attacked_text
    if isinstance(result, SkippedAttackResult):
        status = SKIPPED
    elif isinstance(result, FailedAttackResult):
        status = FAILED
    else:
        status = SUCCEEDED
    return AttackRecord(
        example_id=example.id,
        status=status,
        words_perturbed=len(original.all_words_diff(perturbed)) if status == SUCCEEDED else 0,
        words_total=len(original.words),
        queries=int(result.perturbed_result.num_queries),
        original_fields=dict(example.fields),
        perturbed_fields=(
            attacked_text_fields(perturbed, input_fields) if status == SUCCEEDED else None
        ),
    )


@contextlib.contextmanager
def _progress(context: RunContext, description: str, total: int) -> Iterator[Callable[[int], Any]]:
    """The runner's progress bar (tqdm-like, or a plain callable), closed at the end."""
    if context.progress is None:
        yield lambda n: None
        return
    bar = context.progress(description, total)
    try:
        yield bar if callable(bar) else bar.update
    finally:
        close = getattr(bar, "close", None)
        if close is not None:
            close()


def _prediction_json(prediction: Prediction) -> tuple[str | None, dict[str, float] | None]:
    return prediction.label, dict(prediction.scores) if prediction.scores is not None else None


#: Kind of the attack outcomes kept in the model's response cache (one per recipe).
KEPT_KIND = "attack-outcome"


class Attacker:
    """Runs the recipe on one example at a time, keeping each outcome for later runs.

    TextAttack is imported and the recipe built only by ``build`` (when some example's
    outcome is not kept). Kept outcomes live in the model's response cache, keyed by
    recipe, options, seed, example, labels, code and resource versions; each keeps the
    model queries and calls the wrapper counted for it, so a warm run reports the counts
    a cold run did.
    """

    def __init__(
        self,
        context: RunContext,
        spec: AttackTestOptions,
        input_fields: tuple[str, ...],
        labels: tuple[str, ...],
        field_name: str | None,
    ) -> None:
        self.context = context
        self.spec = spec
        self.input_fields = input_fields
        self.labels = labels
        self.field_name = field_name
        self.store = getattr(context.requests, "cache", None)
        self.changes: dict[str, str] = {}
        self.queries = 0
        self.calls = 0
        self._wrapper: Any = None
        self._attack: Any = None
        self._code: str | None = None
        if self.store is not None:
            from harness.cache.derived import source_digest

            self._code = source_digest(AttackKind, "harness.attack.wrapper")

    def _key(self, example: Example) -> str:
        from harness.cache.derived import derived_key

        options = self.spec.attack
        return derived_key(
            KEPT_KIND,
            recipe=options.recipe,
            field=self.field_name,
            max_queries=options.max_queries,
            recipe_options=dict(options.recipe_options),
            seed=example_seed(self.context.seed, options.recipe, example.id),
            example=example.to_json(),
            input_fields=list(self.input_fields),
            labels=list(self.labels),
            code=self._code,
        )

    def kept(self, examples: Sequence[Example]) -> dict[str, AttackRecord]:
        """Outcomes of earlier runs, by example id (counts and change notes restored)."""
        if self.store is None or self._code is None or not examples:
            return {}
        keys = {self._key(example): example for example in examples}
        found = self.store.get_many(KEPT_KIND, list(keys))
        kept: dict[str, AttackRecord] = {}
        for key, value in found.items():
            example = keys[key]
            try:
                record = AttackRecord(**value["record"])
                changes, queries, calls = value["changes"], value["queries"], value["calls"]
            except (KeyError, TypeError):
                continue  # a damaged entry: attacked again
            kept[example.id] = record
            self.changes[example.id] = str(changes)
            self.queries += int(queries)
            self.calls += int(calls)
        return kept

    def build(self) -> None:
        if self._attack is not None:
            return
        from harness.attack.wrapper import PredictorModelWrapper

        options = self.spec.attack
        self._wrapper = PredictorModelWrapper(
            self.context.predictor,
            self.input_fields,
            self.labels,
            description=f"{self.spec.name} (attack)",
        )
        self._attack = build_attack(
            options.recipe,
            self._wrapper,
            input_fields=self.input_fields,
            field_name=self.field_name,
            max_queries=options.max_queries,
            recipe_options=options.recipe_options,
        )

    def attack(self, example: Example) -> AttackRecord:
        """Attack one example now (TextAttack's RNGs seeded from the suite seed and id)."""
        from textattack.shared import AttackedText

        self.build()
        wrapper = self._wrapper
        queries, calls = wrapper.queries, wrapper.calls
        text = AttackedText(OrderedDict((name, example.fields[name]) for name in self.input_fields))
        seed = example_seed(self.context.seed, self.spec.attack.recipe, example.id)
        with seeded_rngs(seed):
            result = self._attack.attack(text, self.labels.index(str(example.target)))
        record = record_from_result(example, result, self.input_fields)
        changes = ""
        if record.perturbed_fields is not None:
            changes = _word_changes(
                AttackedText(OrderedDict(example.fields)),
                AttackedText(OrderedDict(record.perturbed_fields)),
            )
        self.changes[example.id] = changes
        queries, calls = wrapper.queries - queries, wrapper.calls - calls
        self.queries += queries
        self.calls += calls
        if self.store is not None and self._code is not None:
            value = {
                "record": dataclasses.asdict(record),
                "changes": changes,
                "queries": queries,
                "calls": calls,
            }
            # Only what reads back as the same record is kept (JSON-native fields).
            if AttackRecord(**_json_round_trip(value)["record"]) == record:
                self.store.put_many(KEPT_KIND, [(self._key(example), value)])
        return record


def _json_round_trip(value: Any) -> Any:
    import json

    from harness.files.jsonio import dumps_json

    return json.loads(dumps_json(value))


class AttackKind:
    """Attack each correctly classified example with a TextAttack recipe."""

    description: ClassVar[str] = (
        "TextAttack recipes (deepwordbug, pruthi, pwws, ...) through the cached model path"
    )
    #: A test with an ``attack:`` block and no ``kind:`` is an attack.
    implied_by: ClassVar[str] = "attack"
    example: ClassVar[dict[str, Any]] = implied_example(
        "attack",
        "deepwordbug",
        implied_by,
        {"recipe": "deepwordbug", "max_queries": 20, "n_examples": 3},
    )

    Options = AttackTestOptions
    #: The recipe asks the model about inputs it makes as it goes: a model that answers only
    #: listed ids (a predictions file) cannot take part, and the test is skipped.
    makes_new_inputs = True
    #: What the terminal's table of tests leads with (harness.cli.terminal).
    headline_metric = "accuracy_under_attack"

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self.clock = clock

    @staticmethod
    def resources(spec: AttackTestOptions, where: str) -> Iterator[Resource]:
        """TextAttack, and what the recipe downloads (word embeddings, language models)."""
        recipe = spec.attack.recipe
        if importlib.util.find_spec("textattack") is None:
            yield Resource(
                "textattack",
                f"{where}: recipe {recipe}",
                False,
                f"textattack is not installed: {install_hint('attack')}",
            )
            return
        try:
            check_resources(recipe)
        except ResourceUnavailableError as error:
            yield Resource("textattack", f"{where}: recipe {recipe}", False, str(error))
            return
        yield Resource("textattack", f"{where}: recipe {recipe} (offline resources present)", True)

    @staticmethod
    def check(spec: AttackTestOptions, location: Location, sources: SourceMap) -> None:
        options = spec.attack
        where: Location = (*location, "attack")
        if options.recipe not in RECIPES:
            known = sorted(RECIPES)
            raise sources.error(
                (*where, "recipe"),
                f"unknown attack recipe '{options.recipe}'"
                f"{did_you_mean(options.recipe, known)}; known: {', '.join(known)}",
            )
        recipe = RECIPES[options.recipe]
        for key in options.recipe_options:
            if key not in recipe.options:
                allowed = ", ".join(recipe.options) or "none"
                raise sources.error(
                    (*where, "recipe_options", key),
                    f"unknown option '{key}' for recipe '{recipe.name}'"
                    f"{did_you_mean(key, list(recipe.options))}; allowed: {allowed}",
                )
        if spec.label_mapping:
            raise sources.error(
                (*location, "label_mapping"),
                "attack tests attack the suite's own labels; label_mapping is not supported",
            )
        require_textattack()
        check_resources(options.recipe, options.recipe_options)

    def run(self, plan: TestPlan, context: RunContext) -> TestOutcome:
        spec: AttackTestOptions = plan.spec  # type: ignore[assignment]
        options = spec.attack
        recipe = get_recipe(options.recipe)
        check_resources(recipe.name, options.recipe_options)
        started = self.clock()
        suite = context.suite
        input_fields = tuple(suite.input_fields)
        labels = tuple(suite.labels)
        field_name = resolve_field(options.field, input_fields)

        loaded = context.load_examples(plan.data)
        examples = [example for example in loaded if example.target is not None]
        unlabeled = len(loaded) - len(examples)
        if options.n_examples is not None:
            examples = examples[: options.n_examples]

        attacker = Attacker(context, spec, input_fields, labels, field_name)
        # Outcomes of earlier runs on this model (harness/cache/derived.py): a run whose every
        # example is kept never imports TextAttack nor builds the recipe.
        kept = attacker.kept(examples)
        if len(kept) < len(examples):
            attacker.build()
        built = self.clock()
        # One batched call for the originals; the attack's first queries then hit the cache.
        original_predictions = context.predictor.predict(examples, description=spec.name)
        unanswered = {p.example_id: p.infra_error for p in original_predictions if p.infra_error}
        records = self.attack_all(context, spec, attacker, examples, kept, built, unanswered)
        attacked = self.clock()

        _, items = context.score(spec.name, examples, original_predictions)
        items = blank_infra_errors(
            [
                dataclasses.replace(
                    item,
                    tags={**item.tags, "attack_result": record.status},
                    # An example whose attack the server cut short is in no metric.
                    prediction=dataclasses.replace(item.prediction, infra_error=record.infra_error)
                    if record.infra_error and item.infra_error is None
                    else item.prediction,
                )
                for item, record in zip(items, records, strict=True)
            ]
        )
        variants = self.adversarial_variants(
            examples, records, attacker.changes, recipe.name, field_name, options, context
        )
        variant_predictions = context.predictor.predict(variants, description=spec.name)
        _, variant_items = context.score(spec.name, variants, variant_predictions)
        variant_items = [
            dataclasses.replace(item, tags={**item.tags, "attack_result": "adversarial"})
            for item in variant_items
        ]

        metrics = attack_metrics(
            records, resamples=context.bootstrap_resamples, seed=seed_label(context.seed, spec.name)
        )
        counts = count_statuses(records)
        counts.update(
            unlabeled=unlabeled,
            model_queries=attacker.queries,
            model_calls=attacker.calls,
        )
        section = {
            "recipe": recipe.name,
            "recipe_description": recipe.description,
            "field": field_name,
            "budgets": {
                "max_queries": options.max_queries,
                "time_budget_s": options.time_budget_s,
                "n_examples": options.n_examples,
            },
            "recipe_options": dict(options.recipe_options),
            "counts": counts,
            "metrics": metrics_json(metrics),
            "examples": self._section_examples(
                examples, records, original_predictions, variants, variant_predictions
            ),
        }
        return TestOutcome.of_test(
            spec,
            plan.kind,
            labels,
            items + variant_items,
            metrics=metrics,
            sections={"attack": section},
            timings={
                "build_s": round(built - started, 4),
                "attack_s": round(attacked - built, 4),
                "examples_per_s": round(
                    sum(r.status != NOT_ATTACKED for r in records) / max(attacked - built, 1e-9),
                    3,
                ),
            },
            counts=counts,
        )

    def attack_all(
        self,
        context: RunContext,
        spec: AttackTestOptions,
        attacker: Attacker,
        examples: Sequence[Example],
        kept: Mapping[str, AttackRecord],
        started: float,
        unanswered: Mapping[str, str | None] | None = None,
    ) -> list[AttackRecord]:
        """One record per example, in order: its kept outcome, else an attack run now; once
        the test's time budget is spent, ``not_attacked``; an example the model could not be
        asked about (``unanswered``) or whose attack the server cut short, ``infra_error``.
        Augmentation (harness/loop) attacks training examples with it too."""
        budget = spec.attack.time_budget_s
        records = []
        with _progress(context, f"{spec.name}: {spec.attack.recipe}", len(examples)) as update:
            for example in examples:
                if example.id in kept:
                    # Kept outcomes cost no time: the budget is for attacks run now.
                    records.append(kept[example.id])
                elif budget is not None and self.clock() - started >= budget:
                    records.append(
                        AttackRecord(example.id, NOT_ATTACKED, original_fields=example.fields)
                    )
                else:
                    problem = (unanswered or {}).get(example.id)
                    if problem is None:
                        try:
                            records.append(attacker.attack(example))
                        except InfraError as error:
                            # Not kept for later runs: a warm run attacks it again.
                            problem = str(error)
                    if problem is not None:
                        records.append(
                            AttackRecord(
                                example.id,
                                INFRA_ERROR,
                                original_fields=example.fields,
                                infra_error=problem,
                            )
                        )
                update(1)
        return records

    @staticmethod
    def adversarial_variants(
        examples: Sequence[Example],
        records: Sequence[AttackRecord],
        changes: Mapping[str, str],
        recipe: str,
        field_name: str | None,
        options: AttackOptions,
        context: RunContext,
    ) -> list[Example]:
        """The successful adversarial examples, each with its original's label (``target``)
        and ``parent_id``, and the words the recipe changed as its transform's description."""
        variants = []
        for example, record in zip(examples, records, strict=True):
            if record.perturbed_fields is None:
                continue
            seed = example_seed(context.seed, recipe, example.id)
            variants.append(
                Example(
                    id=stable_id(example.id, "attack", recipe, dict(record.perturbed_fields)),
                    fields=dict(record.perturbed_fields),
                    target=example.target,
                    meta=example.meta,
                    parent_id=example.id,
                    transform=TransformRecord(
                        name=f"attack:{recipe}",
                        params={"field": field_name, "max_queries": options.max_queries},
                        seed=str(seed),
                        description=changes.get(example.id, ""),
                    ),
                )
            )
        return variants

    @staticmethod
    def _section_examples(
        examples: Sequence[Example],
        records: Sequence[AttackRecord],
        original_predictions: Sequence[Prediction],
        variants: Sequence[Example],
        variant_predictions: Sequence[Prediction],
    ) -> list[dict[str, Any]]:
        by_parent: Mapping[str, tuple[Example, Prediction]] = {
            variant.parent_id or "": (variant, prediction)
            for variant, prediction in zip(variants, variant_predictions, strict=True)
        }
        rows = []
        for example, record, prediction in zip(
            examples, records, original_predictions, strict=True
        ):
            if example.id not in by_parent:
                continue
            variant, variant_prediction = by_parent[example.id]
            original_label, original_scores = _prediction_json(prediction)
            perturbed_label, perturbed_scores = _prediction_json(variant_prediction)
            rows.append(
                {
                    "id": variant.id,
                    "parent_id": example.id,
                    "original_fields": dict(example.fields),
                    "perturbed_fields": dict(variant.fields),
                    "gold": example.target,
                    "original_prediction": original_label,
                    "original_probabilities": original_scores,
                    "perturbed_prediction": perturbed_label,
                    "perturbed_probabilities": perturbed_scores,
                    "words_perturbed": record.words_perturbed,
                    "words_total": record.words_total,
                    "queries": record.queries,
                    "changes": variant.transform.description if variant.transform else "",
                }
            )
        return rows
