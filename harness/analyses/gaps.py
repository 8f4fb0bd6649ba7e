"""Reasoning gaps: accuracy on diagnostic slices against in-distribution accuracy.

For each slice of the diagnostic tests (a heuristic × gold label, a capability),
the analysis ``reasoning_gap`` reports accuracy with its Wilson 95% CI and the gap to
the reference test's accuracy *on the same gold labels*: a slice of entailed items is
compared with the reference's entailed items, a slice of several labels with the
reference re-weighted to the slice's gold mix (eval-methods §6.1; a reference pooled
2:1 toward non-entailment would otherwise make a uniform random model look weak on
entailed items). A slice whose gold label the reference lacks is not compared. The
gap has a Newcombe (hybrid score) 95% CI, MOVER-combined over gold labels, and a
one-sided p-value for "slice accuracy < reference accuracy": Fisher's exact test on
the 2×2 table (slice, reference) × (correct, wrong) for one gold label, exact and so
valid for the small slices and 0%/100% accuracies diagnostics produce; the
Mantel–Haenszel test over gold labels for several. The slice and reference items are
different items, so an unpaired test is the right one.

The reference test is, in order: ``harness run --reference-test`` (``TEST`` for every
tag key, ``KEY=TEST`` for one), the analysis's ``reference_test`` / ``references`` in
the suite, else the first evaluate test of the suite that is not a diagnostic test and
keeps the suite's own labels. Use the model's own in-distribution test when it has one
(a SICK-trained model's SICK test): against another dataset every gap is understated.

p-values are corrected with Benjamini–Hochberg at level ``q`` across all slices
(eval-methods.md §2.3: BH for non-gating flags). A slice is *flagged* when BH rejects
and its gap is negative. Each diagnostic test is also drilled down by subcase (or
template), listing the ids of failing items (looked up in items.jsonl) and the text of
the first few.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import Field

from harness.analyses._common import (
    item_text,
    outcomes_named,
    proportion,
    scored_items,
    scored_items_of,
)
from harness.core import ItemResult
from harness.errors import DataError
from harness.execution import RunContext, TestOutcome
from harness.metrics.intervals import benjamini_hochberg
from harness.metrics.matched import (
    Stratum,
    matched_interval,
    matched_one_sided_p,
    matched_reference,
    strata,
)
from harness.options import Options


def one_sided_fisher(
    slice_correct: int, slice_n: int, reference_correct: int, reference_n: int
) -> float:
    """p-value of Fisher's exact test for "slice accuracy < reference accuracy"."""
    return matched_one_sided_p(
        [Stratum("", slice_correct, slice_n, reference_correct, reference_n)]
    )


def accuracy_by_gold(items: Sequence[ItemResult]) -> dict[str, tuple[int, int]]:
    """Per gold label: ``(correct, n)``."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        if item.gold is not None:
            counts[item.gold][0] += int(bool(item.correct))
            counts[item.gold][1] += 1
    return {gold: (c, n) for gold, (c, n) in sorted(counts.items())}


def slice_groups(
    items: Sequence[ItemResult], by: Sequence[str], split_by_gold: Sequence[str]
) -> dict[tuple[str, str, str | None], list[ItemResult]]:
    """Items grouped by (tag key, tag value, gold label or None)."""
    groups: dict[tuple[str, str, str | None], list[ItemResult]] = defaultdict(list)
    for item in items:
        for key in by:
            if key in item.tags:
                gold = item.gold if key in split_by_gold else None
                groups[(key, item.tags[key], gold)].append(item)
    return groups


def gap_table(
    groups: Mapping[tuple[str, str, str | None], Sequence[ItemResult]],
    references: Mapping[str, tuple[str, Mapping[str, tuple[int, int]]]],
    q: float,
) -> list[dict[str, Any]]:
    """One row per slice, sorted by gap (largest drop first), with p-values and BH flags.

    ``references`` maps each tag key to its reference test: ``(name, {gold: (correct,
    n)})``. Each slice is compared like with like: with the reference restricted to the
    slice's gold label, or re-weighted to the slice's gold mix
    (``harness.metrics.matched``). A slice with a gold label the reference lacks gets
    no gap (``comparable: false``) and no flag.
    """
    rows = []
    for (key, value, gold), members in groups.items():
        reference_name, reference_counts = references[key]
        n = len(members)
        correct = sum(1 for item in members if item.correct)
        parts = strata(accuracy_by_gold(members), reference_counts)
        row: dict[str, Any] = {
            "slice": f"{key}={value}" + (f", gold={gold}" if gold is not None else ""),
            "key": key,
            "value": value,
            "gold": gold,
            "reference_test": reference_name,
            "n": n,
            "correct": correct,
            "accuracy": proportion(correct, n),
            "by_gold": {g: list(c) for g, c in accuracy_by_gold(members).items()},
            "comparable": parts is not None,
        }
        if parts is not None:
            gap_low, gap_high = matched_interval(parts)
            row.update(
                reference_accuracy=matched_reference(parts),
                reference_matched_on=[part.gold for part in parts],
                reference_strata=[[p.gold, p.reference_correct, p.reference_n] for p in parts],
                gap=correct / n - matched_reference(parts),
                gap_ci_low=gap_low,
                gap_ci_high=gap_high,
                p_value=matched_one_sided_p(parts),
            )
        rows.append(row)
    tested = [row for row in rows if row["comparable"]]
    flags: Any = benjamini_hochberg([float(row["p_value"]) for row in tested], q=q)
    for row, rejected in zip(tested, flags, strict=True):
        row["bh_significant"] = bool(rejected)
        row["flagged"] = bool(rejected) and float(row["gap"]) < 0
    for row in rows:
        if not row["comparable"]:
            row.update(bh_significant=False, flagged=False)
    return sorted(
        rows,
        key=lambda row: (not row["comparable"], row.get("gap", 0.0), row["slice"]),
    )


def drill_down(
    outcome: TestOutcome, keys: Sequence[str], max_examples: int
) -> list[dict[str, Any]]:
    """Per subcase (first of ``keys`` an item has): accuracy, failing ids, a few failing items."""
    groups: dict[tuple[str, str], list[ItemResult]] = defaultdict(list)
    for item in scored_items(outcome):
        key = next((k for k in keys if k in item.tags), None)
        if key is not None:
            groups[(key, item.tags[key])].append(item)
    rows = []
    for (key, value), members in groups.items():
        failing = [item for item in members if not item.correct]
        rows.append(
            {
                "test": outcome.name,
                "key": key,
                "value": value,
                "heuristic": members[0].tags.get("heuristic"),
                "capability": members[0].tags.get("capability"),
                "gold": sorted({item.gold for item in members if item.gold is not None}),
                "n": len(members),
                "accuracy": proportion(len(members) - len(failing), len(members)),
                "failing_ids": [item.example.id for item in failing],
                "failing_examples": [item_text(item) for item in failing[:max_examples]],
            }
        )
    return sorted(rows, key=lambda row: (row["accuracy"]["value"], row["value"]))


class ReasoningGapAnalysis:
    """Diagnostic slices vs in-distribution accuracy, with BH-corrected one-sided tests."""

    class Options(Options):
        name: Literal["reasoning_gap"] = "reasoning_gap"
        # None: the command line's --reference-test, else the first evaluate test that
        # is not among ``tests`` and keeps the suite's labels.
        reference_test: str | None = None
        # Tag key -> its own reference test, e.g. {heuristic: nli_core_binary}: binary
        # HANS slices are compared with binary in-distribution accuracy.
        references: dict[str, str] = Field(default_factory=dict)
        tests: list[str] = Field(min_length=1)
        by: list[str] = Field(default_factory=lambda: ["heuristic", "capability"])
        # Tag keys whose slices are further split by gold label (HANS: entailed vs not).
        split_by_gold: list[str] = Field(default_factory=lambda: ["heuristic"])
        q: float = Field(default=0.10, gt=0, lt=1)
        drill_down_by: list[str] = Field(default_factory=lambda: ["subcase", "template"])
        max_examples: int = Field(default=5, ge=0)

    def run(
        self, options: Options, outcomes: Mapping[str, TestOutcome], context: RunContext
    ) -> dict[str, Any]:
        diagnostics = outcomes_named(outcomes, options.tests, "reasoning_gap")
        reference_test, chosen_by = self._reference(options, outcomes, context)
        override = context.extras.get("reference_tests", {})
        reference_names = {}
        for key in options.by:
            if key in override:
                reference_names[key] = override[key]
            elif "" in override:
                # A reference from the command line replaces the suite's per-key ones too:
                # they belong to the suite's reference, not to the model's own test.
                reference_names[key] = reference_test
            else:
                reference_names[key] = options.references.get(key, reference_test)
        references: dict[str, tuple[str, dict[str, tuple[int, int]]]] = {}
        reference_rows = {}
        reference_by_gold = {}
        for name in sorted({reference_test, *reference_names.values()}):
            (outcome,) = outcomes_named(outcomes, [name], "reasoning_gap")
            scored = scored_items(outcome)
            correct = sum(1 for item in scored if item.correct)
            reference_rows[name] = proportion(correct, len(scored))
            if not scored:
                raise DataError(f"reasoning_gap: reference test '{name}' has no scored items")
            by_gold = accuracy_by_gold(scored)
            reference_by_gold[name] = {gold: proportion(c, n) for gold, (c, n) in by_gold.items()}
            for key, reference_name in reference_names.items():
                if reference_name == name:
                    references[key] = (name, by_gold)
        items = scored_items_of(diagnostics)
        rows = gap_table(
            slice_groups(items, options.by, options.split_by_gold), references, options.q
        )
        return {
            "reference_test": reference_test,
            "reference_chosen_by": chosen_by,
            "references": {key: name for key, (name, _) in references.items()},
            "reference_accuracy": reference_rows,
            "reference_accuracy_by_gold": reference_by_gold,
            "reference_matching": (
                "each slice against the reference restricted to its gold label, or "
                "re-weighted to its gold mix; slices with a gold label the reference "
                "lacks are not compared"
            ),
            "tests": [outcome.name for outcome in diagnostics],
            "test": (
                "one-sided Fisher exact (one gold label) or Mantel-Haenszel (several): "
                "slice accuracy < gold-matched reference accuracy"
            ),
            "correction": "benjamini-hochberg",
            "q": options.q,
            "gap_ci": "newcombe hybrid score (MOVER over gold labels), 95%",
            "slices": rows,
            "flagged": [row["slice"] for row in rows if row["flagged"]],
            "drill_down": [
                row
                for outcome in diagnostics
                for row in drill_down(outcome, options.drill_down_by, options.max_examples)
            ],
        }

    @staticmethod
    def _reference(
        options: Options, outcomes: Mapping[str, TestOutcome], context: RunContext
    ) -> tuple[str, str]:
        """The reference test's name and where it came from (command line, suite, default)."""
        override = context.extras.get("reference_tests", {})
        if "" in override:
            return override[""], "command line"
        if options.reference_test is not None:
            return options.reference_test, "suite"
        labels = tuple(getattr(context.suite, "labels", ()) or ())
        for name, outcome in outcomes.items():
            if name in options.tests or outcome.kind != "evaluate":
                continue
            if not labels or tuple(outcome.labels) == labels:
                return name, "default: first evaluate test with the suite's labels"
        raise DataError(
            "reasoning_gap: no reference test; set reference_test in the suite or pass "
            "--reference-test"
        )
