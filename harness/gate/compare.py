"""Comparing a candidate run with its baseline, item by item.

``compare_runs`` first refuses apples-vs-oranges comparisons (different suites,
label sets, seeds or item ids: ``ComparisonRefusedError``), then pairs every item the
two runs share and computes, on demand and memoised:

* per test, metric and slice: the candidate-minus-baseline difference with a 95%
  paired bootstrap CI (clusters resampled whole), McNemar for binary metrics, the
  disagreement rate d, n and the minimum detectable effect (``MetricDifference``);
* the flipped items: *fixed* (baseline wrong, candidate right) and *broken* (baseline
  right, candidate wrong), with their slice tags and transform.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.errors import ComparisonRefusedError
from harness.findings import finding_changes, run_findings
from harness.gate.measures import (
    MetricDifference,
    available_measures,
    measure_difference,
    metric_for,
)
from harness.gate.paired import DEFAULT_RESAMPLES
from harness.gate.rundir import ItemRecord, RunRecord, load_run_dir

Pair = tuple[ItemRecord, ItemRecord]

__all__ = ["Comparison", "Flip", "TestPairing", "compare_dirs", "compare_runs"]


@dataclass(frozen=True)
class Flip:
    """An item whose correctness changed: ``fixed`` (✗→✓) or ``broken`` (✓→✗)."""

    test: str
    status: str
    base: ItemRecord
    candidate: ItemRecord
    slices: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.base.id

    @property
    def transform(self) -> str:
        return self.base.transform_name

    def to_json(self) -> dict[str, Any]:
        transform = self.base.transform or {}
        return {
            "test": self.test,
            "id": self.id,
            "status": self.status,
            "parent_id": self.base.parent_id,
            "transform": self.transform,
            "transform_description": str(transform.get("description") or ""),
            "slices": list(self.slices),
            "fields": {str(k): v for k, v in self.base.fields.items()},
            "gold": self.base.gold,
            "base_predicted": self.base.predicted,
            "candidate_predicted": self.candidate.predicted,
            "base_confidence": self.base.confidence,
            "candidate_confidence": self.candidate.confidence,
        }


@dataclass(frozen=True)
class TestPairing:
    """The items of one test that both runs scored, in the baseline's order."""

    __test__ = False  # not a pytest test class, despite the name

    name: str
    labels: tuple[str, ...]
    headline_metrics: tuple[str, ...]
    slice_fields: tuple[str, ...]
    cluster_by: str | None
    pairs: tuple[Pair, ...] = field(repr=False)
    only_base: int = 0
    only_candidate: int = 0

    def slice_values(self) -> list[str]:
        """Every ``field=value`` slice of this test, in field order then value order."""
        names = []
        for field_name in self.slice_fields:
            values = sorted({b.tags[field_name] for b, _ in self.pairs if field_name in b.tags})
            names += [f"{field_name}={value}" for value in values]
        return names

    def slices_of(self, item: ItemRecord) -> tuple[str, ...]:
        return tuple(f"{f}={item.tags[f]}" for f in self.slice_fields if f in item.tags)

    def clusters(self, pairs: Sequence[Pair], cluster_by: str | None) -> list[str]:
        """Cluster id per pair: the ``cluster_by`` tag, else a variant's parent, else its id.

        Variants of one example are not independent of it, so without a declared
        ``cluster_by`` an original and its variants are resampled together.
        """
        key = cluster_by or self.cluster_by
        if key:
            return [b.tags.get(key, b.id) for b, _ in pairs]
        return [b.parent_id or b.id for b, _ in pairs]


def is_model_adaptive(item: ItemRecord) -> bool:
    """True for variants found by attacking a particular model (``attack:<recipe>``)."""
    return item.transform_name.startswith("attack:")


def _only(ids: set[str], other: set[str]) -> list[str]:
    return sorted(ids - other)


class Comparison:
    """A candidate run paired with its baseline; differences are computed on demand."""

    def __init__(
        self,
        base: RunRecord,
        candidate: RunRecord,
        tests: dict[str, TestPairing],
        notes: list[str],
        *,
        resamples: int = DEFAULT_RESAMPLES,
        seed: int | str = 0,
    ) -> None:
        self.base = base
        self.candidate = candidate
        self.tests = tests
        self.notes = notes
        self.resamples = resamples
        self.seed = seed
        self._cache: dict[tuple[Any, ...], MetricDifference | None] = {}

    def test(self, name: str) -> TestPairing:
        if name not in self.tests:
            known = ", ".join(self.tests) or "none"
            raise ComparisonRefusedError(f"no test '{name}' in both runs (shared tests: {known})")
        return self.tests[name]

    def metrics(self, test: str) -> list[str]:
        """The metrics this test's items support (gateable names)."""
        pairing = self.test(test)
        return available_measures([b for b, _ in pairing.pairs], pairing.labels)

    def difference(
        self,
        test: str,
        metric: str,
        slice_name: str | None = None,
        *,
        cluster_by: str | None = None,
    ) -> MetricDifference | None:
        """Candidate − baseline for ``metric`` on ``test`` (optionally a ``field=value`` slice)."""
        key = (test, metric, slice_name, cluster_by)
        if key not in self._cache:
            pairing = self.test(test)
            pairs: Sequence[Pair] = pairing.pairs
            if slice_name is not None:
                field_name, _, value = slice_name.partition("=")
                pairs = [p for p in pairs if p[0].tags.get(field_name) == value]
            self._cache[key] = measure_difference(
                metric,
                pairs,
                pairing.labels,
                test=test,
                slice_name=slice_name,
                clusters=pairing.clusters(pairs, cluster_by),
                resamples=self.resamples,
                seed=self.seed,
            )
        return self._cache[key]

    def flips(self, test: str | None = None) -> list[Flip]:
        """Fixed and broken items (accuracy flips), in item order."""
        names = [test] if test is not None else list(self.tests)
        flips = []
        for name in names:
            pairing = self.test(name)
            for base, cand in pairing.pairs:
                if base.correct is None or cand.correct is None or base.correct == cand.correct:
                    continue
                status = "fixed" if cand.correct else "broken"
                flips.append(Flip(name, status, base, cand, pairing.slices_of(base)))
        return flips

    def flip_counts(self, test: str) -> dict[str, Any]:
        """Fixed/broken counts overall, by slice and by transform."""
        flips = self.flips(test)
        by_slice: dict[str, Counter[str]] = {}
        by_transform: dict[str, Counter[str]] = {}
        for flip in flips:
            for slice_name in flip.slices:
                by_slice.setdefault(slice_name, Counter())[flip.status] += 1
            by_transform.setdefault(flip.transform, Counter())[flip.status] += 1

        def plain(groups: dict[str, Counter[str]]) -> dict[str, dict[str, int]]:
            return {
                key: {"fixed": counts["fixed"], "broken": counts["broken"]}
                for key, counts in sorted(groups.items())
            }

        totals = Counter(flip.status for flip in flips)
        return {
            "fixed": totals["fixed"],
            "broken": totals["broken"],
            "by_slice": plain(by_slice),
            "by_transform": plain(by_transform),
        }

    def finding_changes(self) -> list[dict[str, Any]]:
        """Findings that appeared in the candidate or went away (harness.findings)."""
        return finding_changes(
            run_findings(self.base.results), run_findings(self.candidate.results)
        )

    def summary(self, alpha: float = 0.05) -> dict[str, Any]:
        """Every test's headline and per-slice differences and flip counts, JSON-ready."""
        tests = []
        for name, pairing in self.tests.items():
            metrics = [
                d.to_json(alpha)
                for metric in pairing.headline_metrics
                if (d := self.difference(name, metric)) is not None
            ]
            slices = [
                d.to_json(alpha)
                for slice_name in pairing.slice_values()
                if (d := self.difference(name, "accuracy", slice_name)) is not None
            ]
            tests.append(
                {
                    "test": name,
                    "n": len(pairing.pairs),
                    "only_base": pairing.only_base,
                    "only_candidate": pairing.only_candidate,
                    "cluster_by": pairing.cluster_by,
                    "metrics": metrics,
                    "slices": slices,
                    "flips": self.flip_counts(name),
                }
            )
        return {
            "base": _run_json(self.base),
            "candidate": _run_json(self.candidate),
            "finding_changes": self.finding_changes(),
            "notes": list(self.notes),
            "resamples": self.resamples,
            "tests": tests,
        }


def _run_json(run: RunRecord) -> dict[str, Any]:
    return {
        "path": str(run.path),
        "suite": run.suite.get("name"),
        "suite_hash": run.suite_hash,
        "model": run.model_name,
        "fingerprint": run.model.get("fingerprint"),
        "created_at": run.results.get("created_at"),
    }


def _refuse(message: str) -> ComparisonRefusedError:
    return ComparisonRefusedError(f"cannot compare these runs: {message}")


def _headline_metrics(base: RunRecord, name: str, supported: list[str]) -> tuple[str, ...]:
    """Headline metrics of results.json that are per-item computable, then per-item scores."""
    listed = [m for m in base.tests[name].metrics if m in supported]
    if "accuracy" in supported and "accuracy" not in listed:
        listed.insert(0, "accuracy")
    # Means of per-item scores that the test does not list (flip_rate, exact_match, ...).
    scores = [m for m in supported if m not in listed and _is_item_score_mean(m)]
    return tuple(listed + scores)


def _is_item_score_mean(name: str) -> bool:
    metric = metric_for(name)
    return (
        metric is not None
        and metric.item_score is not None
        and metric.paired is None
        and not metric.needs_labels
    )


def compare_runs(
    base: RunRecord,
    candidate: RunRecord,
    *,
    allow_subset: bool = False,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int | str = 0,
) -> Comparison:
    """Pair two loaded runs; raise ``ComparisonRefusedError`` when they are not comparable.

    Label sets and seeds must always match. Without ``allow_subset`` the suite hash,
    the tests and every test's item ids must match too; with it, only the tests and
    items both runs have are compared, and ``Comparison.notes`` says what was dropped.
    """
    notes: list[str] = []
    if base.labels != candidate.labels:
        raise _refuse(
            f"different label sets (baseline {list(base.labels)}, "
            f"candidate {list(candidate.labels)})"
        )
    if base.seed != candidate.seed:
        raise _refuse(f"different seeds (baseline {base.seed}, candidate {candidate.seed})")
    if base.suite_hash != candidate.suite_hash:
        message = (
            f"different suites (baseline '{base.suite.get('name')}' hash {base.suite_hash}, "
            f"candidate '{candidate.suite.get('name')}' hash {candidate.suite_hash})"
        )
        if not allow_subset:
            raise _refuse(message + "; re-run both with the same suite, or pass --allow-subset")
        notes.append(message + "; comparing the items both runs share")
    base_tests, cand_tests = set(base.tests), set(candidate.tests)
    for side, missing in (
        ("baseline", _only(base_tests, cand_tests)),
        ("candidate", _only(cand_tests, base_tests)),
    ):
        if missing:
            message = f"test '{missing[0]}' is only in the {side} run" + (
                f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
            )
            if not allow_subset:
                raise _refuse(message + "; pass --allow-subset to compare the shared tests")
            notes.append(message + "; skipped")

    tests: dict[str, TestPairing] = {}
    for name in [t for t in base.tests if t in cand_tests]:
        base_test, cand_test = base.tests[name], candidate.tests[name]
        if base_test.labels != cand_test.labels:
            raise _refuse(
                f"test '{name}' has different labels (baseline {list(base_test.labels)}, "
                f"candidate {list(cand_test.labels)})"
            )
        # Adversarial examples are searched for against each model, so their ids differ
        # by construction; the items both runs share are the originals they attacked.
        adaptive = [
            item_id
            for test in (base_test, cand_test)
            for item_id, item in test.items.items()
            if is_model_adaptive(item)
        ]
        if adaptive:
            notes.append(
                f"test '{name}': {len(adaptive)} adversarial example(s) are specific to the "
                "model that was attacked and are not paired; the attacked originals are"
            )
        base_ids = {i for i, item in base_test.items.items() if not is_model_adaptive(item)}
        cand_ids = {i for i, item in cand_test.items.items() if not is_model_adaptive(item)}
        only_base, only_cand = _only(base_ids, cand_ids), _only(cand_ids, base_ids)
        if only_base or only_cand:
            example = (only_base or only_cand)[0]
            message = (
                f"test '{name}': {len(only_base)} item id(s) only in the baseline and "
                f"{len(only_cand)} only in the candidate (e.g. '{example}')"
            )
            if not allow_subset:
                shared = len(base_ids & cand_ids)
                raise _refuse(
                    message + f"; pass --allow-subset to compare the {shared} shared items"
                )
            notes.append(message + f"; dropped, comparing {len(base_ids & cand_ids)} shared")
        pairs = []
        unanswered = 0
        for item_id, base_item in base_test.items.items():
            cand_item = cand_test.items.get(item_id)
            if cand_item is None or item_id not in base_ids or item_id not in cand_ids:
                continue
            if base_item.infra_error is not None or cand_item.infra_error is not None:
                unanswered += 1  # no answer on one side: nothing to pair
                continue
            if base_item.gold != cand_item.gold:
                raise _refuse(
                    f"test '{name}': item '{item_id}' has gold {base_item.gold!r} in the "
                    f"baseline but {cand_item.gold!r} in the candidate"
                )
            pairs.append((base_item, cand_item))
        if unanswered:
            notes.append(
                f"test '{name}': {unanswered} item(s) with an infrastructure error in either "
                "run are not paired"
            )
        if not pairs:
            notes.append(f"test '{name}': no shared items; skipped")
            continue
        supported = available_measures([b for b, _ in pairs], base_test.labels)
        tests[name] = TestPairing(
            name=name,
            labels=base_test.labels,
            headline_metrics=_headline_metrics(base, name, supported),
            slice_fields=base_test.slice_fields or cand_test.slice_fields,
            cluster_by=base_test.cluster_by or cand_test.cluster_by,
            pairs=tuple(pairs),
            only_base=len(only_base),
            only_candidate=len(only_cand),
        )
    if not tests:
        raise _refuse("the runs share no scored items")
    return Comparison(base, candidate, tests, notes, resamples=resamples, seed=seed)


def compare_dirs(
    base_dir: str | Path,
    candidate_dir: str | Path,
    *,
    allow_subset: bool = False,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int | str = 0,
) -> Comparison:
    """``compare_runs`` on two run directories."""
    return compare_runs(
        load_run_dir(base_dir),
        load_run_dir(candidate_dir),
        allow_subset=allow_subset,
        resamples=resamples,
        seed=seed,
    )
