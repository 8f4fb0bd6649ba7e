"""The ``distractor`` test kind: AddOneSent-style adversarial reading comprehension.

    questions ──add_one_sent (n_variants, seeded)──▶ passages with one distractor sentence
    originals + variants ──predictor──▶ spans ──task.score──▶ em, f1 per item
    per question: adversarial score = min over its variants (Jia and Liang's convention)

Metrics (fractions; the distractor kind needs an ``extractive_qa`` suite):

* ``original_exact_match`` / ``original_f1``: on the questions that got a distractor;
* ``adversarial_exact_match`` / ``adversarial_f1``: the minimum over each question's
  variants, averaged;
* ``f1_drop`` / ``exact_match_drop``: original − adversarial, with a paired bootstrap
  CI over questions (whole passages resampled when the test sets ``cluster_by``);
* ``fake_answer_rate``: the share of variants whose prediction is the fake answer
  (token F1 with it ≥ 0.5 after SQuAD normalisation).

Questions without a distractor (unanswerable ones, questions the rules cannot turn
into a statement) are counted as ``skipped``, and by reason in the section's
``excluded`` (``harness.transforms.distractor.exclusion_reason``).
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import replace
from typing import Any, ClassVar

import numpy as np
from pydantic import Field

from harness.core import Example, ItemResult
from harness.execution import RunContext, TestOutcome
from harness.kinds.squad import reading_example
from harness.metrics.base import MetricValue, SliceResult
from harness.metrics.intervals import bootstrap_interval, bootstrap_label
from harness.seeding import seed_label
from harness.suite import TestPlan, TestSpec
from harness.tasks.answers import token_f1

FAKE_ANSWER_F1 = 0.5


class DistractorOptions(TestSpec):
    kind: str = "distractor"
    n_variants: int = Field(default=1, ge=1, le=10)
    max_failures: int = Field(default=100, ge=0)


def _mean_ci(
    values: np.ndarray, clusters: np.ndarray | None, resamples: int, seed: str
) -> MetricValue:
    if len(values) == 0:
        return MetricValue(float("nan"), None, None, 0, "bootstrap-percentile")
    interval = bootstrap_interval(
        np.mean, [values], resamples=resamples, seed=seed, clusters=clusters
    )
    method = "cluster-bootstrap-percentile" if clusters is not None else "bootstrap-percentile"
    return MetricValue(
        float(values.mean()), *interval, len(values), bootstrap_label(interval, method)
    )


def distractor_metrics(
    pairs: list[tuple[ItemResult, list[ItemResult]]],
    *,
    resamples: int,
    seed: str,
    cluster_by: str | None,
) -> dict[str, MetricValue]:
    """Original, adversarial (min over variants), paired drops and the fake-answer rate."""
    if not pairs:
        return {}
    original_f1 = np.array([o.scores.get("f1", 0.0) for o, _ in pairs])
    original_em = np.array([o.scores.get("em", 0.0) for o, _ in pairs])
    adversarial_f1 = np.array([min(v.scores.get("f1", 0.0) for v in vs) for _, vs in pairs])
    adversarial_em = np.array([min(v.scores.get("em", 0.0) for v in vs) for _, vs in pairs])
    fake = np.array([v.scores.get("fake_answer", 0.0) for _, vs in pairs for v in vs])
    clusters = np.array([o.tags.get(cluster_by, o.id) for o, _ in pairs]) if cluster_by else None
    variant_clusters = (
        np.array([o.tags.get(cluster_by, o.id) for o, vs in pairs for _ in vs])
        if cluster_by
        else None
    )
    return {
        "original_exact_match": _mean_ci(original_em, clusters, resamples, f"{seed}:oem"),
        "original_f1": _mean_ci(original_f1, clusters, resamples, f"{seed}:of1"),
        "adversarial_exact_match": _mean_ci(adversarial_em, clusters, resamples, f"{seed}:aem"),
        "adversarial_f1": _mean_ci(adversarial_f1, clusters, resamples, f"{seed}:af1"),
        "exact_match_drop": _mean_ci(
            original_em - adversarial_em, clusters, resamples, f"{seed}:dem"
        ),
        "f1_drop": _mean_ci(original_f1 - adversarial_f1, clusters, resamples, f"{seed}:df1"),
        "fake_answer_rate": _mean_ci(fake, variant_clusters, resamples, f"{seed}:fake"),
    }


class DistractorKind:
    """Insert distractor sentences; score the minimum F1 over each question's variants."""

    description: ClassVar[str] = (
        "AddOneSent-style distractor sentences; adversarial EM/F1, drop, fake-answer rate"
    )
    example: ClassVar[dict[str, Any]] = reading_example(
        "distractor", "distractor", test={"n_variants": 1}
    )

    Options = DistractorOptions

    def run(self, plan: TestPlan, context: RunContext) -> TestOutcome:
        from harness.transforms.distractor import AddOneSentTransform

        spec: DistractorOptions = plan.spec  # type: ignore[assignment]
        started = time.perf_counter()
        examples = context.load_examples(plan.data)
        transform = AddOneSentTransform()
        options = transform.Options(n_variants=spec.n_variants)
        variants: dict[str, list[Example]] = {}
        for example in examples:
            made = transform.apply(
                example, options, context.rng("add_one_sent", example.id), ("context",)
            )
            if made:
                seed = seed_label(context.seed, "add_one_sent", example.id)
                variants[example.id] = [
                    replace(v, transform=replace(v.transform, seed=seed)) if v.transform else v
                    for v in made
                ]
        parents = [e for e in examples if e.id in variants]
        to_predict = [x for p in parents for x in (p, *variants[p.id])]
        perturbed = time.perf_counter()
        predictions = context.predictor.predict(to_predict, description=spec.name)
        predicted = time.perf_counter()
        _, items = context.score(spec.name, to_predict, predictions, spec.label_mapping)
        by_id: dict[str, ItemResult] = {}
        for item in items:
            fake = item.example.meta.get("fake_answer")
            if item.example.parent_id is not None and isinstance(fake, str):
                hit = token_f1(item.predicted or "", fake) >= FAKE_ANSWER_F1
                item = replace(
                    item,
                    scores={**item.scores, "fake_answer": float(hit)},
                    tags={**item.tags, "transform": "add_one_sent"},
                )
            by_id[item.id] = item
        items = [by_id[x.id] for x in to_predict]
        pairs = [(by_id[p.id], [by_id[v.id] for v in variants[p.id]]) for p in parents]
        seed = seed_label(context.seed, spec.name)
        resamples = context.bootstrap_resamples
        metrics = distractor_metrics(
            pairs, resamples=resamples, seed=seed, cluster_by=spec.cluster_by
        )
        slices = []
        for field in spec.slice_by:
            groups: dict[str, list[tuple[ItemResult, list[ItemResult]]]] = defaultdict(list)
            for pair in pairs:
                if field in pair[0].tags:
                    groups[pair[0].tags[field]].append(pair)
            for value, members in sorted(groups.items()):
                slice_metrics = distractor_metrics(
                    members,
                    resamples=resamples,
                    seed=f"{seed}:{field}={value}",
                    cluster_by=spec.cluster_by,
                )
                gap = slice_metrics["adversarial_f1"].value - metrics["adversarial_f1"].value
                slices.append(SliceResult(field, value, len(members), slice_metrics, gap))
        slices.sort(key=lambda s: (s.gap if s.gap is not None else 0.0, s.field, s.value))
        failures = [
            _failure(original, variant)
            for original, members in pairs
            for variant in members
            if variant.scores.get("f1", 0.0) < original.scores.get("f1", 0.0)
        ]
        n_variants = sum(len(v) for v in variants.values())
        section: dict[str, Any] = {
            "n_questions": len(examples),
            "n_with_distractor": len(parents),
            "n_variants": n_variants,
            "excluded": excluded_by_reason([e for e in examples if e.id not in variants]),
            "metrics": {name: value.to_json() for name, value in metrics.items()},
            "n_failures": len(failures),
            "failures": failures[: spec.max_failures],
        }
        return TestOutcome.of_test(
            spec,
            plan.kind,
            (),
            items,
            metrics=metrics,
            slices=slices,
            sections={"distractor": section},
            counts={
                "examples": len(examples),
                "parents": len(parents),
                "variants": n_variants,
                "skipped": len(examples) - len(parents),
            },
            timings={
                "perturb_s": round(perturbed - started, 4),
                "predict_s": round(predicted - perturbed, 4),
            },
        )


def excluded_by_reason(examples: list[Example]) -> dict[str, int]:
    """Questions without a distractor, counted by why (most frequent first)."""
    from harness.transforms.distractor import exclusion_reason

    counts: dict[str, int] = defaultdict(int)
    for example in examples:
        answers = example.target if isinstance(example.target, list) else []
        reason = exclusion_reason(
            str(example.fields.get("question", "")),
            [str(a["text"]) for a in answers],
            str(example.meta.get("answer_type") or ""),
        )
        counts[reason or "no fake answer or swap found"] += 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _failure(original: ItemResult, variant: ItemResult) -> dict[str, Any]:
    """A question the distractor broke: the passage with gold, prediction and distractor spans."""
    meta = variant.example.meta
    context = str(variant.example.fields["context"])
    gold = variant.example.target or []
    return {
        "parent_id": original.id,
        "variant_id": variant.id,
        "question": str(variant.example.fields["question"]),
        "context": context,
        "gold": [a["text"] for a in gold],
        "gold_spans": [[a["start"], a["start"] + len(a["text"])] for a in gold],
        "original_prediction": original.predicted,
        "original_f1": original.scores.get("f1"),
        "prediction": variant.predicted,
        "prediction_span": list(variant.prediction.span) if variant.prediction.span else None,
        "f1": variant.scores.get("f1"),
        "fake_answer": meta.get("fake_answer"),
        "distractor": meta.get("distractor"),
        "distractor_span": [
            int(meta.get("distractor_start", 0)),
            int(meta.get("distractor_start", 0)) + len(str(meta.get("distractor", ""))),
        ],
    }
