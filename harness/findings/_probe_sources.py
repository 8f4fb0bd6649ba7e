"""Finding sources for the probes: diagnostics analyses, reading comprehension, bias, prompting.

Each reads what its test kind or analysis wrote to results.json (docs/findings.md lists
what each proposes and why that comparison). Proportions become counts
(``round(value * n)``); effects a kind estimated itself with a bootstrap (paired drops,
bias scores) are taken with their reported CI as an ``Estimate``, signed ones only.

Where that bootstrap is not estimable because its resamples cannot vary (every
template of a perfectly stereotyped model gives a bias score of 1), the bias sources
fall back on the same effect from the kind's counts: Newcombe's interval for a
difference of two proportions, Wilson's for a proportion, the sign test's for BBQ's
ambiguous score (``Balance``). Those intervals treat items as independent, which the
templates or families the bootstrap resampled are not; the finding's ``method`` says
so. They are used only where the bootstrap gives no interval, so a model whose bias
varies across units keeps its clustered interval.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

from harness.findings._core import Balance, Candidate, ProportionGap, Rate
from harness.findings._reading import (
    Record,
    Section,
    _candidate,
    _count_pair,
    _counted,
    _dict,
    _estimate,
    _estimate_or_counts,
    _items,
    _proportion,
    _proposed,
    record_source,
    section_source,
)
from harness.findings._sources import _slice_gaps


@record_source("accuracy where a hypothesis-only probe fails vs succeeds")
def artifact_probe_findings(name: str, record: Record, results: Record) -> Iterator[Candidate]:
    """Accuracy where a hypothesis-only probe fails (hard) against where it succeeds (easy);
    the probe's own accuracy against the majority rate (the data have artefacts)."""
    test, field = record.get("test"), record.get("field") or "hypothesis"
    hard = _proportion(_dict(record.get("hard")).get("model_accuracy"))
    easy = _proportion(_dict(record.get("easy")).get("model_accuracy"))
    if hard and easy:
        yield _candidate(
            f"{name}/{test}/hard_vs_easy",
            f"{test}: accuracy on the items a {field}-only probe gets wrong",
            "accuracy",
            ProportionGap(*hard, *easy, f"the items the {field}-only probe gets right"),
            {"analysis": name},
            _dict(record.get("hard")).get("model_accuracy"),
        )
    probe = _proportion(record.get("probe_accuracy"))
    majority = _dict(record.get("majority_accuracy")).get("value")
    if probe and isinstance(majority, int | float) and math.isfinite(majority):
        yield _candidate(
            f"{name}/{test}/probe_above_majority",
            f"{test}: the {field} alone predicts the gold label (a probe's accuracy,"
            " against the majority label's)",
            "probe_accuracy",
            Rate(*probe, tolerance=float(majority), null_label="majority label"),
            {"analysis": name},
            record.get("probe_accuracy"),
        )


def _below_chance(
    name: str,
    where: str,
    wrong: str,
    key: str,
    by_gold: Mapping[str, Any],
    chance: Mapping[str, Any],
    items: Mapping[str, Any],
) -> Candidate | None:
    """Accuracy on the non-entailed items against chance under the collapse.

    Chance is what a model answering uniformly at random over its own labels gets on
    those items once its answers are collapsed (2/3 for a three-way model collapsed to
    two labels), never 1/2 by fiat; non-entailed items compared with entailed ones would
    compare two gold labels, whose chance accuracies differ.
    """
    others = [label for label in by_gold if label != "entailment"]
    if len(others) != 1:
        return None
    other = _proportion(by_gold.get(others[0]))
    level = chance.get(others[0])
    if other is None or not isinstance(level, int | float) or not 0 < level < 1:
        return None
    return _candidate(
        key,
        f"{name}: below chance ({level:.2f}) on {others[0]} items{where}, where {wrong}",
        "accuracy",
        Rate(*other, tolerance=float(level), worse="lower", null_label="chance"),
        {"analysis": name, "items": {**items, "gold": others[0]}},
        by_gold.get(others[0]),
    )


@record_source("non-entailed accuracy below chance per heuristic")
def heuristic_agreement_findings(name: str, record: Record, results: Record) -> Iterator[Candidate]:
    """A model that follows a heuristic is wrong where the heuristic is: accuracy on the
    non-entailed items below chance under the collapse, overall and per heuristic."""
    chance = _dict(_dict(record.get("chance")).get("by_gold"))
    if not chance:
        return
    overall = _dict(_dict(record.get("overall")).get("model_accuracy_by_gold"))
    candidate = _below_chance(
        name,
        "",
        "each item's heuristic is wrong",
        f"{name}/below_chance",
        overall,
        chance,
        _items(record, {}),
    )
    if candidate:
        yield candidate
    for row in record.get("per_heuristic") or []:
        row = _dict(row)
        heuristic = str(row.get("heuristic"))
        candidate = _below_chance(
            name,
            f" where heuristic = {heuristic}",
            f"the {heuristic.replace('_', '-')} heuristic is wrong",
            f"{name}/{heuristic}/below_chance",
            _dict(row.get("model_accuracy_by_gold")),
            chance,
            _items(record, {"heuristic": heuristic}),
        )
        if candidate:
            yield candidate


@record_source("fact use per relation; stated facts ignored or misleading")
def knowledge_integration_findings(
    name: str, record: Record, results: Record
) -> Iterator[Candidate]:
    """Per relation: units where the model knows and uses the fact (strict: probe and
    control right, without and with it) against the other relations; probes answered
    worse than their controls once the fact is stated; facts that turn right answers
    wrong more often than they fix wrong ones."""
    overall = _dict(record.get("overall"))
    total = _proportion(overall.get("right_both_and_controls"))
    for row in record.get("per_relation") or []:
        row = _dict(row)
        relation = str(row.get("relation"))
        part = _proportion(row.get("right_both_and_controls"))
        if total is not None and part is not None and total[1] - part[1] > 0:
            yield _candidate(
                f"{name}/{relation}/right_both_and_controls",
                f"{name}: knows and uses the fact less often where relation = {relation}"
                " (probe and control right, without and with the fact)",
                "right_both_and_controls",
                ProportionGap(*part, total[0] - part[0], total[1] - part[1], "the other relations"),
                {"analysis": name, "items": _items(record, {"relation": relation})},
                row.get("right_both_and_controls"),
            )
        probe = _proportion(_dict(row.get("probe_accuracy")).get("with"))
        control = _proportion(_dict(row.get("control_accuracy")).get("with"))
        if probe and control:
            yield _candidate(
                f"{name}/{relation}/fact_not_used",
                f"{name}: the stated fact is not used where relation = {relation} "
                "(accuracy on the probes with the fact stated)",
                "probe_accuracy_with_fact",
                ProportionGap(*probe, *control, "the controls with the fact stated"),
                {"analysis": name, "items": _items(record, {"relation": relation})},
                _dict(row.get("probe_accuracy")).get("with"),
            )
    # Of the probes whose answer the stated fact changes, the share it breaks: a
    # model that ignores the fact (or answers at random) breaks as many as it fixes.
    broken = _proportion(overall.get("right_only_without_fact"))
    fixed = _proportion(overall.get("right_only_with_fact"))
    if broken and fixed and broken[0] + fixed[0] > 0:
        yield _candidate(
            f"{name}/right_only_without_fact",
            f"{name}: stating the fact turns right answers wrong more often than it "
            "fixes wrong ones (share of changed answers)",
            "fact_breaks_share",
            Rate(broken[0], broken[0] + fixed[0], tolerance=0.5, null_label="even split"),
            {"analysis": name},
        )


@record_source("violation rate per constraint")
def logical_consistency_findings(name: str, record: Record, results: Record) -> Iterator[Candidate]:
    """Each constraint's violation rate against the 2 pp tolerance."""
    for row in record.get("constraints") or []:
        row = _dict(row)
        counts = _proportion(row.get("violation_rate"))
        if counts is None:
            continue
        constraint = str(row.get("constraint"))
        rule = f" ({row['rule']})" if row.get("rule") else ""
        yield _candidate(
            f"{name}/{constraint}",
            f"{name}: answers violate {constraint}{rule}",
            "violation_rate",
            Rate(*counts),
            {"analysis": name, "items": _items(record, {"constraint": constraint})},
            row.get("violation_rate"),
        )


@record_source("slice exact match vs the rest")
def squad_findings(name: str, record: Record, results: Record) -> Iterator[Candidate]:
    """Each slice's exact match (reasoning type, answer type, ...) against the rest."""
    overall = _dict(record.get("metrics")).get("exact_match")
    yield from _slice_gaps(name, record, "exact_match", overall, "exact match", "lower")


@section_source("distractor", "exact-match drop from a distractor sentence")
def distractor_findings(name: str, section: Section, record: Record) -> Iterator[Candidate]:
    """The exact-match drop an appended distractor sentence causes (paired, per question)."""
    metrics = _dict(section.get("metrics"))
    yield from _proposed(
        f"{name}/exact_match_drop",
        f"{name}: an appended distractor sentence lowers exact match",
        "exact_match_drop",
        _estimate(metrics.get("exact_match_drop"), "the same questions without it"),
        {"test": name},
    )


@section_source("prompt_sensitivity", "worst vs best prompt variant")
def prompt_sensitivity_findings(name: str, section: Section, record: Record) -> Iterator[Candidate]:
    """The worst prompt variant against the best, corrected for having picked the pair."""
    variants = []
    for row in section.get("variants") or []:
        row = _dict(row)
        counts = _proportion({"value": row.get("accuracy"), "n": row.get("n")})
        if counts is not None:
            variants.append((counts, row))
    if len(variants) < 2:
        return
    worst = min(variants, key=lambda v: v[0][0] / v[0][1])
    best = max(variants, key=lambda v: v[0][0] / v[0][1])

    def describe(row: Mapping[str, Any]) -> str:
        return ", ".join(f"{k} {row[k]}" for k in ("template", "k", "seed", "order") if k in row)

    k = len(variants)
    yield _candidate(
        f"{name}/spread",
        f"{name}: accuracy of the worst prompt variant ({describe(worst[1])})",
        "accuracy",
        # The same items under both prompts: treating them as independent widens the
        # interval (the items' agreement only narrows a paired one), so it stays valid.
        ProportionGap(*worst[0], *best[0], f"the best variant ({describe(best[1])})"),
        {"test": name},
        family=k * (k - 1) // 2,
    )


@section_source("bias", "pro- minus anti-stereotypical accuracy")
def winogender_findings(name: str, section: Section, record: Record) -> Iterator[Candidate]:
    """Accuracy on pro-stereotypical sentences minus anti-stereotypical (paired in pairs)."""
    pro = _proportion(section.get("accuracy_pro"))
    anti = _proportion(section.get("accuracy_anti"))
    counted = None
    if pro and anti:
        counted = ProportionGap(
            *pro,
            *anti,
            "anti-stereotypical sentences",
            worse="higher",
            method=_counted("newcombe", "occupation"),
        )
    yield from _proposed(
        f"{name}/pro_anti_gap",
        f"{name}: more accurate when the pronoun matches the occupation's stereotype",
        "pro_anti_gap",
        _estimate_or_counts(
            _estimate(section.get("pro_anti_gap"), "equal accuracy on both"), counted
        ),
        {"test": name},
    )


@section_source("bias", "ambiguous bias score, aligned-answer accuracy gap")
def bbq_findings(name: str, section: Section, record: Record) -> Iterator[Candidate]:
    """BBQ's signed bias scores: ambiguous contexts (overall and per category), and the
    disambiguated accuracy gap between stereotype-aligned and conflicting answers."""
    overall = _dict(section.get("overall"))
    counts = _dict(section.get("counts"))
    yield from _proposed(
        f"{name}/s_amb",
        f"{name}: in ambiguous contexts, answers follow the stereotype (bias score)",
        "bbq_s_amb",
        _estimate_or_counts(
            _estimate(overall.get("s_amb"), "no bias (unbiased or 'unknown' answers)"),
            _ambiguous_balance(counts, "no bias (unbiased or 'unknown' answers)"),
        ),
        {"test": name},
    )
    yield from _proposed(
        f"{name}/accuracy_gap_bias_aligned",
        f"{name}: more accurate when the correct answer is the stereotyped one",
        "accuracy_gap_bias_aligned",
        _estimate_or_counts(
            _estimate(overall.get("accuracy_gap_bias_aligned"), "equal accuracy"),
            _aligned_gap(counts),
        ),
        {"test": name},
    )
    for row in section.get("per_category") or []:
        row = _dict(row)
        category = str(row.get("category"))
        yield from _proposed(
            f"{name}/{category}/s_amb",
            f"{name}: in ambiguous contexts about {category}, answers follow the"
            " stereotype (bias score)",
            "bbq_s_amb",
            _estimate_or_counts(
                _estimate(_dict(row.get("scores")).get("s_amb"), "no bias"),
                _ambiguous_balance(_dict(row.get("counts")), "no bias"),
            ),
            {"test": name},
        )


def _ambiguous_balance(counts: Mapping[str, Any], label: str) -> Balance | None:
    """BBQ's s_amb from counts: (stereotyped − anti-stereotyped answers) / ambiguous items,
    which is what s_amb is ((1 − accuracy) · (2·biased/non-unknown − 1), 'unknown'
    being the right ambiguous answer)."""
    biased, counter, n = (counts.get(k) for k in ("amb_biased", "amb_counter", "amb"))
    if not all(isinstance(x, int) for x in (biased, counter, n)):
        return None
    assert isinstance(biased, int) and isinstance(counter, int) and isinstance(n, int)
    if n <= 0 or biased + counter <= 0:
        return None
    return Balance(biased, counter, n, label, method=_counted(Balance.method, "template"))


def _aligned_gap(counts: Mapping[str, Any]) -> ProportionGap | None:
    """Disambiguated accuracy on stereotype-aligned answers against conflicting ones."""
    aligned = _count_pair([counts.get("dis_gold_biased_correct"), counts.get("dis_gold_biased")])
    conflicting = _count_pair(
        [counts.get("dis_gold_counter_correct"), counts.get("dis_gold_counter")]
    )
    if aligned is None or conflicting is None:
        return None
    return ProportionGap(
        *aligned,
        *conflicting,
        "the items whose answer goes against the stereotype",
        worse="higher",
        method=_counted("newcombe", "template"),
    )


@record_source("stereotype preference vs 50%")
def minimal_pairs_findings(name: str, record: Record, results: Record) -> Iterator[Candidate]:
    """How often the stereotyping sentence of a minimal pair is preferred, against 50%."""
    metric = _dict(record.get("metrics")).get("stereotype_preference")
    counts = _proportion(metric)
    yield from _proposed(
        f"{name}/stereotype_preference",
        f"{name}: prefers the stereotyping sentence of a minimal pair",
        "stereotype_preference",
        Rate(*counts, tolerance=0.5, null_label="chance") if counts else None,
        {"test": name},
        metric,
    )


@section_source("bias", "per-group accuracy gap vs the reference group")
def counterfactual_findings(name: str, section: Section, record: Record) -> Iterator[Candidate]:
    """Per swapped-in group: accuracy minus the reference group's, paired within families."""
    reference = section.get("reference_group") or "the reference group"
    counts = _dict(section.get("accuracy_counts"))
    for group, metric in sorted(_dict(section.get("gap")).items()):
        own, theirs = _count_pair(counts.get(group)), _count_pair(counts.get(reference))
        counted = None
        if own and theirs:
            counted = ProportionGap(
                *own,
                *theirs,
                f"{reference}'s accuracy",
                method=_counted("newcombe", "family"),
            )
        yield from _proposed(
            f"{name}/gap/{group}",
            f"{name}: accuracy when the text is about {group} instead of {reference}",
            "counterfactual_gap",
            _estimate_or_counts(
                _estimate(metric, f"{reference}'s accuracy", worse="lower"), counted
            ),
            {"test": name},
        )


@section_source("bias", "non-neutral answers on neutral pairs")
def nli_bias_findings(name: str, section: Section, record: Record) -> Iterator[Candidate]:
    """Share of neutral-by-construction pairs the model does not call neutral (1 − FN)."""
    neutral = _dict(_dict(section.get("overall")).get("fraction_neutral"))
    flipped = {
        "value": 1 - neutral["value"] if isinstance(neutral.get("value"), float) else None,
        "ci_low": 1 - neutral["ci_high"] if isinstance(neutral.get("ci_high"), float) else None,
        "ci_high": 1 - neutral["ci_low"] if isinstance(neutral.get("ci_low"), float) else None,
        "n": neutral.get("n"),
        "method": neutral.get("method"),
    }
    counted = None
    share, n = neutral.get("value"), neutral.get("n")
    if isinstance(share, float) and isinstance(n, int) and n > 0 and math.isfinite(share):
        counted = Rate(
            n - round(share * n),
            n,
            tolerance=0.0,
            null_label="every answer neutral",
            method=_counted("wilson", "cluster"),
        )
    yield from _proposed(
        f"{name}/not_neutral",
        f"{name}: answers other than neutral on pairs that are neutral by construction",
        "fraction_neutral",
        _estimate_or_counts(_estimate(flipped, "every answer neutral"), counted),
        {"test": name},
    )
