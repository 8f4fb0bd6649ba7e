"""The ``prompt_sensitivity`` test kind: one test, many prompts.

    prompt_variants: {templates: [...], shot_seeds: [...], shot_orders: [0, 1, balanced], k: 4}
    templates × shot seeds × shot orders ──each a prompted scorer──▶ predictions ──▶ items

Per variant: accuracy. Across variants: mean ± sd, min, max and the spread (max −
min), and per item the share of variants that got it right (``variant_accuracy``,
the score the gate pairs, since averaging over variants before the paired test
reduces variance) and its max − min (``item_spread``: 1 when some prompt gets the
item right and another wrong). The items of the first variant carry these scores.
Needs a model that serves ``loglikelihood``.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import replace
from typing import Any, ClassVar

from pydantic import Field

from harness.core import ItemResult
from harness.errors import ModelError
from harness.execution import RunContext, TestOutcome
from harness.kinds.evaluate import summarize
from harness.kinds.implied import implied_example
from harness.options import Options
from harness.requests import CLASSIFY, LOGLIKELIHOOD, served_kinds
from harness.suite import TestPlan, TestSpec
from harness.tasks.prompting.shots import ShotsOptions


class PromptVariants(Options):
    templates: list[str] = Field(min_length=1)
    shot_seeds: list[int] = Field(default_factory=lambda: [0])
    # An int seeds a random order; "balanced" puts the labels in turn.
    shot_orders: list[int | str] = Field(default_factory=lambda: list[int | str]([0]))
    # Demonstrations per prompt (0: zero-shot); the pool is the suite's shots.source.
    k: int = Field(default=0, ge=0, le=64)
    source: dict[str, Any] | None = None


class PromptSensitivityOptions(TestSpec):
    prompt_variants: PromptVariants


class PromptSensitivityKind:
    description: ClassVar[str] = (
        "one test under templates x shot seeds x shot orders: spread and per-item variance"
    )
    #: A test with ``prompt_variants:`` and no ``kind:`` is a prompt-sensitivity test.
    implied_by: ClassVar[str] = "prompt_variants"
    example: ClassVar[dict[str, Any]] = implied_example(
        "prompt_sensitivity",
        "prompts",
        implied_by,
        {"templates": ["nli/gpt3", "nli/instruction"], "k": 0},
        serves="loglikelihood",
    )

    Options = PromptSensitivityOptions

    @staticmethod
    def model_fit(spec: Any, served: frozenset[str]) -> str | None:
        """Prompts are scored by a language model: any other refuses the run, before any work."""
        if LOGLIKELIHOOD not in served or CLASSIFY in served:
            raise ModelError(
                f"test '{spec.name}': prompt_variants need a language model that serves "
                "loglikelihood (and not classify)"
            )
        return None

    def run(self, plan: TestPlan, context: RunContext) -> TestOutcome:
        spec = plan.spec
        assert isinstance(spec, PromptSensitivityOptions)
        variants = spec.prompt_variants
        self.model_fit(spec, served_kinds(context.model))
        task = context.task
        suite_shots = getattr(task.setup.options, "shots", None) or {}
        source = variants.source or suite_shots.get("source")
        if variants.k and source is None:
            raise ModelError(
                f"test '{spec.name}': k={variants.k} needs a shot pool "
                "(prompt_variants.source or task_options.shots.source)"
            )
        examples = context.load_examples(plan.data)
        per_variant: list[dict[str, Any]] = []
        item_sets: list[list[ItemResult]] = []
        combos = itertools.product(
            variants.templates,
            variants.shot_seeds if variants.k else [0],
            variants.shot_orders if variants.k else [0],
        )
        for template, seed, order in combos:
            shots = None
            if variants.k:
                shots = ShotsOptions(
                    k=variants.k,
                    source=source or {},
                    seed=seed,
                    order="balanced" if order == "balanced" else "random",
                    order_seed=order if isinstance(order, int) else 0,
                )
            scorer = task.prompted_scorer(template, shots=shots)
            variant_task = type(task)(task.setup, scorer=scorer)
            variant_task.check_model(context.model)
            name = f"{template} k={variants.k} seed={seed} order={order}"
            predictions = variant_task.predict(examples, context.requests, f"{spec.name} {name}")
            labels, items = variant_task.score(spec.name, examples, predictions, spec.label_mapping)
            scored = [item for item in items if item.correct is not None]
            accuracy = sum(bool(item.correct) for item in scored) / max(1, len(scored))
            per_variant.append(
                {
                    "template": template,
                    "seed": seed,
                    "order": order,
                    "k": variants.k,
                    "accuracy": accuracy,
                    "n": len(scored),
                }
            )
            item_sets.append(items)
        accuracies = [variant["accuracy"] for variant in per_variant]
        merged = []
        for position, item in enumerate(item_sets[0]):
            outcomes = [float(bool(items[position].correct)) for items in item_sets]
            scores = dict(item.scores)
            if item.correct is not None:
                scores["variant_accuracy"] = sum(outcomes) / len(outcomes)
                scores["item_spread"] = max(outcomes) - min(outcomes)
            merged.append(replace(item, scores=scores))
        names = list(spec.metrics) if spec.metrics is not None else ["variant_accuracy", "accuracy"]
        outcome = summarize(spec, merged, labels, context, metric_names=names)
        outcome.sections["prompt_sensitivity"] = {
            "variants": per_variant,
            "mean": statistics.fmean(accuracies),
            "sd": statistics.stdev(accuracies) if len(accuracies) > 1 else 0.0,
            "min": min(accuracies),
            "max": max(accuracies),
            "spread": max(accuracies) - min(accuracies),
            "items_with_spread": sum(1 for item in merged if item.scores.get("item_spread")),
        }
        return outcome
