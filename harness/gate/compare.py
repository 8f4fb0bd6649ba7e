"""Comparing a candidate run with its baseline, item by item.

``compare_runs`` first refuses apples-vs-oranges comparisons (different suites,
label sets, seeds or item ids: ``ComparisonRefusedError``), then pairs every item the
two runs share and computes, on demand and memoised:

* per test, metric and slice: the candidate-minus-baseline difference with a 95%
  paired bootstrap CI (clusters resampled whole), McNemar for binary metrics, the
  disagreement rate d, n and the minimum detectable effect (``MetricDifference``);
* the flipped items: *fixed* (baseline wrong, candidate right) and *broken* (baseline
  right, candidate wrong), with their slice tags and transform.

Runs are held as columns (``harness.metrics.columns``) and paired by id with numpy; a pair
is a position in each run's columns. Whole items are read back from items.jsonl only
for what is shown of them (flipped items, an error message).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import KW_ONLY, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from harness.errors import ComparisonRefusedError
from harness.findings import finding_changes, run_findings
from harness.gate.manifests import check_manifests
from harness.gate.rundir import ItemRecord, RunRecord, load_run_dir
from harness.metrics.base import PairedColumns
from harness.metrics.columns import ItemColumns
from harness.metrics.difference import MetricDifference, available_metrics, measure, metric_for
from harness.metrics.paired import DEFAULT_RESAMPLES
from harness.results.item_file import read_back, release_freed_memory
from harness.results.manifest import ManifestDifference

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
    rows: PairedColumns = field(repr=False)
    only_base: int = 0
    only_candidate: int = 0

    @property
    def n(self) -> int:
        return len(self.rows)

    @property
    def pairs(self) -> tuple[Pair, ...]:
        """Every pair of items read back whole (memory grows with the test)."""
        base, candidate = read_back(
            [(self.rows.base, self.rows.base_rows), (self.rows.candidate, self.rows.candidate_rows)]
        )
        return tuple(zip(base, candidate, strict=True))

    def _tag_codes(self, field_name: str) -> np.ndarray | None:
        codes = self.rows.base.tag_codes(field_name)
        return None if codes is None else codes[self.rows.base_rows]

    def slice_values(self) -> list[str]:
        """Every ``field=value`` slice of this test, in field order then value order."""
        names = []
        for field_name in self.slice_fields:
            codes = self._tag_codes(field_name)
            if codes is None:
                continue
            values = self.rows.base.tags[field_name].values
            # Codes are numbered in value order, so sorted codes are sorted values.
            names += [f"{field_name}={values[code]}" for code in np.unique(codes[codes >= 0])]
        return names

    def slice_mask(self, slice_name: str) -> np.ndarray:
        """Which pairs are in the ``field=value`` slice (by the baseline's tags)."""
        field_name, _, value = slice_name.partition("=")
        codes = self._tag_codes(field_name)
        tag = self.rows.base.tags.get(field_name)
        values = tag.values if tag is not None else ()
        if codes is None or value not in values:
            return np.zeros(self.n, dtype=bool)
        return codes == values.index(value)

    def slices_at(self, position: int) -> tuple[str, ...]:
        """The ``field=value`` slices of pair ``position``."""
        row = self.rows.base_rows[position]
        names = []
        for field_name in self.slice_fields:
            tag = self.rows.base.tags.get(field_name)
            if tag is not None and tag.codes[row] >= 0:
                names.append(f"{field_name}={tag.values[tag.codes[row]]}")
        return tuple(names)

    def clusters(self, pairs: PairedColumns, cluster_by: str | None) -> np.ndarray | None:
        """Cluster id per pair: the ``cluster_by`` tag, else a variant's parent, else its id.

        Variants of one example are not independent of it, so without a declared
        ``cluster_by`` an original and its variants are resampled together. None when
        every pair is its own cluster (ids are unique within a test).
        """
        key = cluster_by or self.cluster_by
        ids = _ids(pairs.base)[pairs.base_rows]
        if key:
            values, present = pairs.base.tag_strings(key, pairs.base_rows)
            return np.where(present, values, ids)
        assert pairs.base.parent_ids is not None  # read by the gate: columns with identities
        parents = pairs.base.parent_ids[pairs.base_rows]
        has_parent = parents != b""
        if not has_parent.any():
            return None
        return np.where(has_parent, parents, ids)


def is_model_adaptive(item: ItemRecord) -> bool:
    """True for variants found by attacking a particular model (``attack:<recipe>``)."""
    return item.transform_name.startswith("attack:")


def _only(ids: set[str], other: set[str]) -> list[str]:
    return sorted(ids - other)


@dataclass(eq=False)
class Comparison:
    """A candidate run paired with its baseline; differences are computed on demand."""

    base: RunRecord
    candidate: RunRecord
    tests: dict[str, TestPairing]
    notes: list[str]
    _: KW_ONLY
    resamples: int = DEFAULT_RESAMPLES
    seed: int | str = 0
    #: What differs between the two runs' manifests (harness.gate.manifests).
    manifest_differences: list[ManifestDifference] = field(default_factory=list, init=False)
    _cache: dict[tuple[Any, ...], MetricDifference | None] = field(
        default_factory=dict, init=False, repr=False
    )
    _metrics: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)

    def test(self, name: str) -> TestPairing:
        if name not in self.tests:
            known = ", ".join(self.tests) or "none"
            raise ComparisonRefusedError(f"no test '{name}' in both runs (shared tests: {known})")
        return self.tests[name]

    def metrics(self, test: str) -> list[str]:
        """The metrics this test's items support (gateable names)."""
        if test not in self._metrics:
            pairing = self.test(test)
            self._metrics[test] = available_metrics(pairing.rows, pairing.labels)
        return list(self._metrics[test])

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
            pairs = pairing.rows
            if slice_name is not None:
                pairs = pairs.subset(pairing.slice_mask(slice_name))
            self._cache[key] = measure(
                metric,
                pairs,
                pairing.labels,
                test=test,
                slice_name=slice_name,
                clusters=pairing.clusters(pairs, cluster_by),
                resamples=self.resamples,
                seed=self.seed,
            )
            release_freed_memory()  # a metric's temporaries over every pair
        return self._cache[key]

    def _flip_positions(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """(positions of the flipped pairs, whether each was fixed), in item order."""
        rows = self.test(name).rows
        base = rows.base.correct[rows.base_rows]
        cand = rows.candidate.correct[rows.candidate_rows]
        flipped = np.flatnonzero((base != -1) & (cand != -1) & (base != cand))
        return flipped, cand[flipped] == 1

    def flip_total(self) -> int:
        """How many items flipped, over every test."""
        return sum(len(self._flip_positions(name)[0]) for name in self.tests)

    def flips(self, test: str | None = None, *, limit: int | None = None) -> list[Flip]:
        """Fixed and broken items (accuracy flips), in item order.

        With ``limit``, at most that many: the broken ones first (the regressions a
        reader looks for), then fixed ones, still listed in item order.
        """
        names = [test] if test is not None else list(self.tests)
        found = [(name, *self._flip_positions(name)) for name in names]
        if limit is not None and sum(len(positions) for _, positions, _ in found) > limit:
            budget, chosen = limit, []
            for want_fixed in (False, True):
                for index, (_, _, fixed) in enumerate(found):
                    take = np.flatnonzero(fixed == want_fixed)[:budget]
                    budget -= len(take)
                    chosen.append((index, take))
            keep = {
                index: np.zeros(len(found[index][1]), dtype=bool) for index in range(len(found))
            }
            for index, take in chosen:
                keep[index][take] = True
            found = [
                (name, positions[keep[i]], fixed[keep[i]])
                for i, (name, positions, fixed) in enumerate(found)
            ]
        wanted = []
        for name, positions, _ in found:
            rows = self.test(name).rows
            wanted += [
                (rows.base, rows.base_rows[positions]),
                (rows.candidate, rows.candidate_rows[positions]),
            ]
        records = read_back(wanted)
        flips = []
        for index, (name, positions, fixed) in enumerate(found):
            pairing = self.test(name)
            base_items, cand_items = records[2 * index], records[2 * index + 1]
            for position, is_fixed, base, cand in zip(
                positions, fixed, base_items, cand_items, strict=True
            ):
                status = "fixed" if is_fixed else "broken"
                flips.append(Flip(name, status, base, cand, pairing.slices_at(int(position))))
        return flips

    def flip_counts(self, test: str) -> dict[str, Any]:
        """Fixed/broken counts overall, by slice and by transform."""
        pairing = self.test(test)
        rows = pairing.rows
        positions, fixed = self._flip_positions(test)
        by_slice: dict[str, Counter[str]] = {}
        by_transform: dict[str, Counter[str]] = {}
        base_rows = rows.base_rows[positions]
        for field_name in pairing.slice_fields:
            tag = rows.base.tags.get(field_name)
            if tag is None:
                continue
            names = [f"{field_name}={value}" for value in tag.values]
            _group_counts(by_slice, tag.codes[base_rows], fixed, names.__getitem__)
        transforms = rows.base.transform_names
        assert rows.base.transform is not None  # read by the gate: columns with identities
        _group_counts(by_transform, rows.base.transform[base_rows], fixed, transforms.__getitem__)

        def plain(groups: dict[str, Counter[str]]) -> dict[str, dict[str, int]]:
            return {
                key: {"fixed": counts["fixed"], "broken": counts["broken"]}
                for key, counts in sorted(groups.items())
            }

        return {
            "fixed": int(fixed.sum()),
            "broken": int(len(fixed) - fixed.sum()),
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
                    "n": pairing.n,
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
            "manifest_differences": [
                {"field": d.field, "detail": d.detail, "refused": d.refused}
                for d in self.manifest_differences
            ],
            "notes": list(self.notes),
            "resamples": self.resamples,
            "tests": tests,
        }


def _group_counts(
    groups: dict[str, Counter[str]], codes: np.ndarray, fixed: np.ndarray, name: Any
) -> None:
    """Add fixed/broken counts per code (codes below 0: no group) to ``groups``."""
    for code in np.unique(codes[codes >= 0]):
        members = codes == code
        counter = groups.setdefault(name(int(code)), Counter())
        fixed_count = int(fixed[members].sum())
        if fixed_count:
            counter["fixed"] += fixed_count
        if int(members.sum()) - fixed_count:
            counter["broken"] += int(members.sum()) - fixed_count


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
    return metric is not None and metric.item_score is not None and not metric.needs_labels


def compare_runs(
    base: RunRecord,
    candidate: RunRecord,
    *,
    allow_subset: bool = False,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int | str = 0,
    allow_manifest_diff: Collection[str] = (),
) -> Comparison:
    """Pair two loaded runs; raise ``ComparisonRefusedError`` when they are not comparable.

    Label sets and seeds must always match. Without ``allow_subset`` the suite hash,
    the tests and every test's item ids must match too; with it, only the tests and
    items both runs have are compared, and ``Comparison.notes`` says what was dropped.
    Their manifests are checked (``harness.gate.manifests``): a difference in data,
    prompt, chat format, decoding or seed is refused unless ``allow_manifest_diff``
    names it; the others are stated in the notes.
    """
    notes: list[str] = []
    if base.labels != candidate.labels:
        raise _refuse(
            f"different label sets (baseline {list(base.labels)}, "
            f"candidate {list(candidate.labels)})"
        )
    if base.seed != candidate.seed:
        raise _refuse(f"different seeds (baseline {base.seed}, candidate {candidate.seed})")
    allow_subset = allow_subset or "data" in allow_manifest_diff
    differences, manifest_notes = check_manifests(
        base.manifest, candidate.manifest, allow_manifest_diff, allow_subset=allow_subset
    )
    # Two manifests with the same data name whatever else differs: a suite file edited
    # in its decoding or prompt is then that difference, not "different suites".
    explained = (
        base.manifest is not None
        and candidate.manifest is not None
        and all(d.field != "data" for d in differences)
    )
    if base.suite_hash != candidate.suite_hash:
        message = (
            f"different suites (baseline '{base.suite.get('name')}' hash {base.suite_hash}, "
            f"candidate '{candidate.suite.get('name')}' hash {candidate.suite_hash})"
        )
        if explained:
            notes.append(message + "; the same items, the manifest differences below")
        elif not allow_subset:
            raise _refuse(message + "; re-run both with the same suite, or pass --allow-subset")
        else:
            notes.append(message + "; comparing the items both runs share")
    notes += manifest_notes
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
        base_columns, cand_columns = base_test.columns, cand_test.columns
        base_adaptive, cand_adaptive = base_columns.adaptive(), cand_columns.adaptive()
        adaptive = int(base_adaptive.sum()) + int(cand_adaptive.sum())
        if adaptive:
            notes.append(
                f"test '{name}': {adaptive} adversarial example(s) are specific to the "
                "model that was attacked and are not paired; the originals they were made "
                "from are paired as usual"
            )
        pairing = _pair_ids(base_columns, ~base_adaptive, cand_columns, ~cand_adaptive)
        base_rows, cand_rows, only_base, only_cand = pairing
        if only_base or only_cand:
            example = _first_only(base_columns, cand_columns, ~base_adaptive, ~cand_adaptive)
            message = (
                f"test '{name}': {only_base} item id(s) only in the baseline and "
                f"{only_cand} only in the candidate (e.g. '{example}')"
            )
            if not allow_subset:
                raise _refuse(
                    message + f"; pass --allow-subset to compare the {len(base_rows)} shared items"
                )
            notes.append(message + f"; dropped, comparing {len(base_rows)} shared")
        # No answer on one side: nothing to pair.
        answered = ~base_columns.infra_error[base_rows] & ~cand_columns.infra_error[cand_rows]
        unanswered = int(len(base_rows) - answered.sum())
        base_rows, cand_rows = base_rows[answered], cand_rows[answered]
        _refuse_different_gold(name, base_columns, base_rows, cand_columns, cand_rows)
        if unanswered:
            notes.append(
                f"test '{name}': {unanswered} item(s) with an infrastructure error in either "
                "run are not paired"
            )
        if not len(base_rows):
            notes.append(f"test '{name}': no shared items; skipped")
            continue
        release_freed_memory()  # the pairing's temporaries
        rows = PairedColumns(base_columns, cand_columns, base_rows, cand_rows)
        supported = available_metrics(rows, base_test.labels)
        tests[name] = TestPairing(
            name=name,
            labels=base_test.labels,
            headline_metrics=_headline_metrics(base, name, supported),
            slice_fields=base_test.slice_fields or cand_test.slice_fields,
            cluster_by=base_test.cluster_by or cand_test.cluster_by,
            rows=rows,
            only_base=only_base,
            only_candidate=only_cand,
        )
    if not tests:
        raise _refuse("the runs share no scored items")
    comparison = Comparison(base, candidate, tests, notes, resamples=resamples, seed=seed)
    comparison.manifest_differences = differences
    return comparison


def _ids(columns: ItemColumns) -> np.ndarray:
    assert columns.ids is not None  # read by the gate: columns with identities
    return columns.ids


def _pair_ids(
    base: ItemColumns, base_keep: np.ndarray, cand: ItemColumns, cand_keep: np.ndarray
) -> tuple[np.ndarray, np.ndarray, int, int]:
    """(baseline rows, candidate rows) of the ids both keep, in the baseline's order,
    and how many kept ids only the baseline and only the candidate have."""
    base_ids, cand_ids = _ids(base), _ids(cand)
    index = np.int32 if max(len(base_ids), len(cand_ids)) < 2**31 else np.int64
    if base_keep.all() and cand_keep.all() and np.array_equal(base_ids, cand_ids):
        # Two runs of one suite list the same items in the same order: no search.
        same = np.arange(len(base_ids), dtype=index)
        return same, same, 0, 0
    base_rows = np.flatnonzero(base_keep)
    cand_rows = np.flatnonzero(cand_keep)
    order = cand_rows[np.argsort(cand_ids[cand_rows], kind="stable")]
    sorted_ids = cand_ids[order]
    wanted = base_ids[base_rows]
    at = np.searchsorted(sorted_ids, wanted)
    inside = at < len(sorted_ids)
    found = np.zeros(len(wanted), dtype=bool)
    found[inside] = sorted_ids[at[inside]] == wanted[inside]
    shared = int(found.sum())
    # Positions fit 32 bits: half the memory of numpy's default index type.
    paired = base_rows[found].astype(index), order[at[found]].astype(index)
    return *paired, len(base_rows) - shared, len(cand_rows) - shared


def _first_only(
    base: ItemColumns, cand: ItemColumns, base_keep: np.ndarray, cand_keep: np.ndarray
) -> str:
    """The first id (in sorted order) only the baseline has, else only the candidate has."""
    base_ids, cand_ids = _ids(base)[base_keep], _ids(cand)[cand_keep]
    for mine, theirs in ((base_ids, cand_ids), (cand_ids, base_ids)):
        only = np.setdiff1d(mine, theirs)
        if len(only):
            return bytes(only[0]).decode("utf-8", "surrogatepass")
    return ""


def _refuse_different_gold(
    name: str,
    base: ItemColumns,
    base_rows: np.ndarray,
    cand: ItemColumns,
    cand_rows: np.ndarray,
) -> None:
    """Refuse at the first pair (in the baseline's order) whose gold labels differ."""
    differ = np.flatnonzero(~base.same_gold(base_rows, cand, cand_rows))
    # Digests differ for values JSON writes differently (1 and 1.0): the values decide.
    for start in range(0, len(differ), 1000):
        chunk = differ[start : start + 1000]
        base_items, cand_items = read_back([(base, base_rows[chunk]), (cand, cand_rows[chunk])])
        for base_item, cand_item in zip(base_items, cand_items, strict=True):
            if base_item.gold != cand_item.gold:
                raise _refuse(
                    f"test '{name}': item '{base_item.id}' has gold {base_item.gold!r} in the "
                    f"baseline but {cand_item.gold!r} in the candidate"
                )


def compare_dirs(
    base_dir: str | Path,
    candidate_dir: str | Path,
    *,
    allow_subset: bool = False,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int | str = 0,
    allow_manifest_diff: Collection[str] = (),
) -> Comparison:
    """``compare_runs`` on two run directories."""
    return compare_runs(
        load_run_dir(base_dir),
        load_run_dir(candidate_dir),
        allow_subset=allow_subset,
        resamples=resamples,
        seed=seed,
        allow_manifest_diff=allow_manifest_diff,
    )
