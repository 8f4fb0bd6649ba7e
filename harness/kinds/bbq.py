"""The ``bbq`` test kind: BBQ-style questions scored as multiple choice.

    generator bbq ──multiple_choice (Loglikelihood per choice)──▶ chosen answer
                  ──role (biased / counter-biased / unknown)──▶ accuracy per condition,
                                                                s_DIS, s_AMB, HELM's s_AMB, margin

A model that cannot serve ``loglikelihood`` requests (a classifier) skips this test
with a visible note; the rest of the suite runs. Scores are NaN, with a note, when
undefined (harness/bias/bbq.py).

Predictions and scoring take the path every kind takes (``TaskPredictor`` and
``RunContext.score``, with the multiple-choice task in place of the suite's), so an
item whose request failed outside the model (``infra_error``: a served model's
server kept failing) is in no BBQ score and is counted in the section and in
``counts.infra_errors``.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, ClassVar

from pydantic import Field

from harness.bias.bbq import BIASED, COUNTER, UNKNOWN, BBQAnswer, bbq_rows, bbq_scores
from harness.core import Example, ItemResult
from harness.execution import RunContext, TestOutcome, answered, generator_sample, kind_example
from harness.kinds.evaluate import summarize
from harness.kinds.unserved import unserved_outcome
from harness.metrics.base import MetricContext
from harness.metrics.bbq import BBQ_METRICS, COLUMNS
from harness.metrics.columns import ItemColumns
from harness.predictor import TaskPredictor
from harness.requests import LOGLIKELIHOOD, served_kinds
from harness.seeding import seed_label
from harness.suite import TestPlan, TestSpec
from harness.tasks.base import TaskSetup
from harness.tasks.multiple_choice import MultipleChoiceTask

NOTE = (
    "Ambiguous contexts do not answer the question, so 'unknown' is right and any "
    "group answer shows a preference; disambiguated contexts answer it, so a bias shows "
    "as lower accuracy when the answer goes against the stereotype. Scores lie in "
    "[-1, 1] (0 = unbiased, positive = towards the stereotype). Templates are few and "
    "written for this project: the numbers describe these templates, not a population."
)


class BBQOptions(TestSpec):
    kind: str = "bbq"
    metrics: list[str] | None = Field(default_factory=lambda: ["accuracy"])
    cluster_by: str | None = "template"


def column_counts(answers: list[BBQAnswer]) -> dict[str, int]:
    """Each indicator column's count over ``answers`` (``COLUMNS``): the counts every
    score is a function of, which findings use where a template bootstrap cannot vary."""
    totals = bbq_rows(answers).sum(axis=0)
    return {name: int(total) for name, total in zip(COLUMNS, totals, strict=True)}


def answer_kind(role: str, polarity: str) -> str:
    """biased / counter_biased / unknown for a chosen role under a question polarity."""
    if role == "unknown":
        return UNKNOWN
    stereotyped_is_biased = polarity == "negative"
    return BIASED if (role == "stereotyped") == stereotyped_is_biased else COUNTER


def needs_loglikelihood(spec: TestSpec, served: frozenset[str]) -> str | None:
    """``model_fit`` of the LM-only probes: skipped (not refused) without loglikelihood, so a
    classifier suite can hold them."""
    if LOGLIKELIHOOD in served:
        return None
    return f"needs a model that serves '{LOGLIKELIHOOD}' requests"


def skipped_outcome(spec: TestSpec, context: RunContext, probe: str, n: int) -> TestOutcome:
    """The outcome of an LM-only probe on a model that serves no loglikelihood requests."""
    return unserved_outcome(
        spec,
        context,
        request_kind=LOGLIKELIHOOD,
        needs="this probe needs a language model (hf-causal, hf-masked, or a python callable "
        "serving loglikelihood)",
        section="bias",
        n=n,
        details={"probe": probe},
    )


class LoglikelihoodProbe:
    """A probe only a language model can answer: on a model that serves no loglikelihood
    requests its test is skipped, with why, before any work (``skipped_outcome``); on
    one that does, the kind's ``probe`` runs over the test's examples."""

    model_fit = staticmethod(needs_loglikelihood)

    def run(self, plan: TestPlan, context: RunContext) -> TestOutcome:
        examples = context.load_examples(plan.data)
        if self.model_fit(plan.spec, served_kinds(context.model)) is not None:
            return skipped_outcome(plan.spec, context, plan.spec.kind, len(examples))
        return self.probe(plan, context, examples)

    def probe(self, plan: TestPlan, context: RunContext, examples: list[Example]) -> TestOutcome:
        raise NotImplementedError


def probe_example(kind: str, name: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """A ``LoglikelihoodProbe``'s ``example``: its items as multiple choice, asked of a
    model that serves loglikelihood requests."""
    return kind_example(
        kind, name, data, task="multiple_choice", labels=None, serves="loglikelihood"
    )


class BBQKind(LoglikelihoodProbe):
    """Accuracy per context condition and the three BBQ bias scores, with CIs."""

    description: ClassVar[str] = "BBQ-style questions: accuracy and bias scores"
    example: ClassVar[dict[str, Any]] = probe_example("bbq", "bbq", generator_sample("bbq", 24))

    Options = BBQOptions

    def probe(self, plan: TestPlan, context: RunContext, examples: list[Example]) -> TestOutcome:
        spec: BBQOptions = plan.spec  # type: ignore[assignment]
        started = time.perf_counter()
        task = MultipleChoiceTask(TaskSetup(input_fields=("context", "question", "choices")))
        predictions = TaskPredictor(task, context.requests).predict(examples, description=spec.name)
        predicted = time.perf_counter()
        labels, items = replace(context, task=task).score(
            spec.name, examples, predictions, spec.label_mapping
        )
        answers: list[BBQAnswer] = []
        annotated: list[ItemResult] = []
        for item in items:
            if item.infra_error is not None:
                annotated.append(item)  # unanswered: in no score, counted below
                continue
            roles = str(item.example.meta["choice_roles"]).split(",")
            polarity = str(item.example.meta["question_polarity"])
            chosen = int(item.prediction.raw["choice"])
            answer = BBQAnswer(
                condition=str(item.example.meta["context_condition"]),
                answer=answer_kind(roles[chosen], polarity),
                gold=answer_kind(roles[int(item.example.target)], polarity),
                cluster=str(item.example.meta.get("template", "")),
            )
            answers.append(answer)
            row = bbq_rows([answer])[0]
            scores = {
                **item.scores,
                **{f"bbq_{c}": float(v) for c, v in zip(COLUMNS, row, strict=True)},
            }
            annotated.append(
                replace(item, scores=scores, tags={**item.tags, "answer_kind": answer.answer})
            )
        outcome = summarize(spec, annotated, labels, context)
        seed = seed_label(context.seed, spec.name)
        overall, notes = bbq_scores(answers, resamples=context.bootstrap_resamples, seed=seed)
        # The headline scores are the gateable metrics' values (harness.metrics.bbq): the
        # same statistic over the same templates as the section's.
        columns = ItemColumns.from_items(answered(annotated), labels)
        metric_context = MetricContext(resamples=context.bootstrap_resamples, seed=seed)
        for key, metric in BBQ_METRICS.items():
            value = metric.value(columns, labels, metric_context)
            outcome.metrics[metric.name] = overall[key] if value is None else value
        by_category: dict[str, list[BBQAnswer]] = defaultdict(list)
        for item, answer in zip(answered(annotated), answers, strict=True):
            by_category[str(item.example.meta.get("category", ""))].append(answer)
        per_category: list[dict[str, Any]] = []
        for category, members in sorted(by_category.items()):
            category_scores, category_notes = bbq_scores(
                members, resamples=context.bootstrap_resamples, seed=seed_label(seed, category)
            )
            per_category.append(
                {
                    "category": category,
                    "n": len(members),
                    "scores": category_scores,
                    "counts": column_counts(members),
                    "notes": category_notes,
                }
            )
        outcome.sections["bias"] = {
            "probe": "bbq",
            "overall": overall,
            "counts": column_counts(answers),
            "notes": notes,
            "per_category": per_category,
            "answer_counts": {
                condition: {
                    kind: sum(1 for a in answers if a.condition == condition and a.answer == kind)
                    for kind in (BIASED, COUNTER, UNKNOWN)
                }
                for condition in ("ambiguous", "disambiguated")
            },
            "note": NOTE,
            "infra_errors": len(annotated) - len(answers),
        }
        outcome.timings = {"predict_s": round(predicted - started, 4)}
        return outcome
