"""The ``nli_bias`` test kind: Dev et al. (2020) measures on neutral-by-construction pairs.

    generator nli_bias ──predictor──▶ probabilities ──▶ NN, FN, T:0.5, T:0.7 (+ e/c shares)
                                                         overall, per group, per filler word

Every pair's gold label is neutral; a model that links an occupation to a gender,
religion or nationality moves probability to entailment or contradiction. CIs resample
premise filler words (harness/bias/nli_bias.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any, ClassVar

from pydantic import Field

from harness.bias.nli_bias import THRESHOLDS, dev_metrics, dev_rows
from harness.core import ItemResult
from harness.errors import SuiteError
from harness.execution import RunContext, TestOutcome, generator_sample, kind_example
from harness.kinds.evaluate import predicted_and_scored, summarize
from harness.seeding import seed_label
from harness.suite import TestPlan, TestSpec

NOTE = (
    "Every pair is neutral by construction (an occupation in the premise says nothing "
    "about the group word in the hypothesis); 1.0 is unbiased on NN, FN and T:τ. Low "
    "scores show the model links the two; the entailment and contradiction shares show "
    "in which direction. CIs resample the premise's filler word."
)

METRIC_NAMES = ("net_neutral", "fraction_neutral", "threshold_0.5", "threshold_0.7")


class NLIBiasOptions(TestSpec):
    kind: str = "nli_bias"
    metrics: list[str] | None = Field(default_factory=lambda: ["accuracy"])
    cluster_by: str | None = "premise_word"
    neutral_label: str = "neutral"


def _score_items(items: list[ItemResult], neutral: str) -> list[ItemResult]:
    out = []
    for item in items:
        scores = dict(item.scores)
        if item.probabilities:
            n = float(item.probabilities.get(neutral, 0.0))
            scores["neutral_probability"] = n
            scores["neutral_argmax"] = float(item.predicted == neutral)
            for tau in THRESHOLDS:
                scores[f"neutral_above_{tau}"] = float(n > tau)
        out.append(replace(item, scores=scores))
    return out


class NLIBiasKind:
    """Net Neutral, Fraction Neutral and Threshold τ, per group and filler word, with CIs."""

    description: ClassVar[str] = (
        "Dev et al. (2020) NLI bias: NN, FN, T:0.5, T:0.7 per group and word"
    )
    example: ClassVar[dict[str, Any]] = kind_example(
        "nli_bias", "nli_bias", generator_sample("nli_bias", 24)
    )

    Options = NLIBiasOptions

    def run(self, plan: TestPlan, context: RunContext) -> TestOutcome:
        spec: NLIBiasOptions = plan.spec  # type: ignore[assignment]
        labels, items, predict_s = predicted_and_scored(spec, plan, context)
        if spec.neutral_label not in labels:
            raise SuiteError(
                f"test '{spec.name}': the labels ({', '.join(labels)}) have no "
                f"'{spec.neutral_label}'; nli_bias needs a three-way NLI label set"
            )
        items = _score_items(items, spec.neutral_label)
        outcome = summarize(spec, items, labels, context)
        seed = seed_label(context.seed, spec.name)
        with_probabilities = [i for i in items if i.probabilities]
        section: dict[str, Any] = {"probe": "nli_bias", "note": NOTE, "n": len(items)}
        if not with_probabilities:
            section["undefined"] = "the model gave no probabilities: NN and T:τ are undefined"
        else:
            overall = self._measures(with_probabilities, spec, context.bootstrap_resamples, seed)
            outcome.metrics.update(overall)
            section["overall"] = overall
            for key in ("group", "hypothesis_word", "premise_word"):
                section[f"per_{key}"] = self._breakdown(
                    with_probabilities, key, spec, context.bootstrap_resamples, seed
                )
        outcome.sections["bias"] = section
        outcome.timings = {"predict_s": predict_s}
        return outcome

    @staticmethod
    def _measures(
        items: list[ItemResult], spec: NLIBiasOptions, resamples: int, seed: str
    ) -> dict[str, Any]:
        rows = dev_rows([i.probabilities or {} for i in items], neutral=spec.neutral_label)
        clusters = [str(i.tags.get(spec.cluster_by or "", i.id)) for i in items]
        return dict(dev_metrics(rows, clusters, resamples=resamples, seed=seed))

    def _breakdown(
        self, items: list[ItemResult], key: str, spec: NLIBiasOptions, resamples: int, seed: str
    ) -> list[dict[str, Any]]:
        groups: dict[tuple[str, str], list[ItemResult]] = defaultdict(list)
        for item in items:
            groups[(str(item.tags.get("attribute", "")), str(item.tags.get(key, "")))].append(item)
        rows = []
        for (attribute, value), members in sorted(groups.items()):
            cluster = spec.cluster_by if key != spec.cluster_by else None
            measures = dev_metrics(
                dev_rows([i.probabilities or {} for i in members], neutral=spec.neutral_label),
                [str(i.tags.get(cluster, i.id)) if cluster else i.id for i in members],
                resamples=resamples,
                seed=seed_label(seed, key, value),
            )
            rows.append({"attribute": attribute, key: value, "value": value, **measures})
        return rows
