"""Which items report.html embeds for its failure browser, and in what form.

Every item is in items.jsonl; the page embeds them as JSON for the browser. A run of
100,000 items would make a page of 60 MB or more, slow to open and to share, so the
embedded data has a byte budget (``DEFAULT_MAX_EMBEDDED_BYTES``). When the run fits,
every item is embedded. When it does not, the page takes, until the budget is spent:

1. the incorrect items, then the unscored ones (no verdict, or an infrastructure
   error), then the correct ones;
2. within each of those, every test's items in its own order of confidence, highest
   first (the failure browser's default order), taken in turn across tests so that a
   large test cannot crowd out a small one.

The page says how many of the run's items it embeds and how they were chosen
(``Embedded.capped``); the per-test counts in the report are over all items.

Embedded items are slim: what the failure browser shows (inputs, gold, prediction,
probabilities, tags, the variant's transform, a prompt), without per-item scores and
raw model responses, which stay in items.jsonl.

Memory stays nearly flat in the run's size: items.jsonl is read as a stream, twice when
the run does not fit, and only the embedded items (at most the budget) are held, plus a
few numbers per item.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from harness.errors import RunDirectoryError
from harness.files.jsonio import parse_jsonl_line, read_jsonl_lines, to_jsonable
from harness.results import ITEMS_FILE, item_record

# The embedded JSON's budget: the page around it (charts, tables, script) stays well
# under the 25 MB a report of 100,000 items may take.
DEFAULT_MAX_EMBEDDED_BYTES = 16_000_000

# Priority tiers when the page cannot embed everything (lower first).
_WRONG, _UNSCORED, _RIGHT = 0, 1, 2
_REQUEST_KEYS = ("prompt", "template")
_TRANSFORM_KEYS = ("name", "description")
_SLIM_SOURCE = (
    "test", "id", "parent_id", "transform", "fields", "gold", "predicted", "probabilities",
    "confidence", "correct", "tags", "request", "infra_error", "outcome", "outcome_detail",
)  # fmt: skip


@dataclass(frozen=True)
class TestCounts:
    """A test's items in the whole run (not only the embedded ones)."""

    items: int = 0
    wrong: int = 0


@dataclass(frozen=True)
class Embedded:
    """The failure browser's items and how they relate to the run's."""

    texts: list[str]  # each embedded item as compact JSON, in items.jsonl's order
    total: int
    wrong_embedded: int
    explained_wrong_embedded: int  # of those, how many carry word attributions
    per_test: Mapping[str, TestCounts] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_EMBEDDED_BYTES

    @property
    def embedded(self) -> int:
        return len(self.texts)

    @property
    def capped(self) -> bool:
        return self.embedded < self.total

    @property
    def wrong_total(self) -> int:
        return sum(counts.wrong for counts in self.per_test.values())

    def json_array(self) -> str:
        """The embedded items as one JSON array (not yet escaped for a script element)."""
        return "[" + ",".join(self.texts) + "]"


def slim_item(item: Mapping[str, Any], attribution: Any = None) -> dict[str, Any]:
    """What the failure browser reads of an item (see the module docstring)."""
    slim: dict[str, Any] = {
        "test": item.get("test"),
        "id": item.get("id"),
        "parent_id": item.get("parent_id"),
        "transform": _pick(item.get("transform"), _TRANSFORM_KEYS),
        "fields": item.get("fields") or {},
        "gold": item.get("gold"),
        "predicted": item.get("predicted"),
        "probabilities": item.get("probabilities"),
        "confidence": item.get("confidence"),
        "correct": item.get("correct"),
        "tags": item.get("tags") or {},
    }
    request = _pick(item.get("request"), _REQUEST_KEYS)
    if request:
        slim["request"] = request
    if item.get("infra_error") is not None:
        slim["infra_error"] = item.get("infra_error")
    # Every item has an outcome; the page carries the ones that are not "scored".
    if item.get("outcome") not in (None, "scored"):
        slim["outcome"] = item.get("outcome")
        if item.get("outcome_detail"):
            slim["outcome_detail"] = item.get("outcome_detail")
    if attribution is not None:
        slim["attribution"] = attribution
    return slim


def _pick(value: Any, keys: tuple[str, ...]) -> dict[str, Any] | None:
    if not isinstance(value, Mapping):
        return None
    return {key: value[key] for key in keys if value.get(key) is not None}


def _tier(correct: Any) -> int:
    return _WRONG if correct is False else _RIGHT if correct is True else _UNSCORED


def _confidence(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return -math.inf  # no confidence sorts last, as in the browser


def item_json(item: Mapping[str, Any]) -> str:
    """One embedded item as compact JSON; NaN and infinities become null."""
    try:
        return json.dumps(item, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError:
        return json.dumps(to_jsonable(item), ensure_ascii=False, separators=(",", ":"))


class _Selector:
    """The few numbers per item that the choice needs, and the counts over all items."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.tests: dict[str, int] = {}
        self.counts: dict[str, list[int]] = {}
        self.test_index: list[int] = []
        self.tier: list[int] = []
        self.confidence: list[float] = []
        self.size: list[int] = []
        self.explained: list[bool] = []

    def add(self, test: str, correct: Any, confidence: Any, size: int, explained: bool) -> None:
        index = self.tests.setdefault(test, len(self.tests))
        counts = self.counts.setdefault(test, [0, 0])
        counts[0] += 1
        counts[1] += correct is False
        self.test_index.append(index)
        self.tier.append(_tier(correct))
        self.confidence.append(_confidence(confidence))
        self.size.append(size)
        self.explained.append(explained)

    def chosen(self) -> np.ndarray:
        """Positions (in file order) of the items the page embeds."""
        n = len(self.tier)
        sizes = np.asarray(self.size, dtype=np.int64)
        if int(sizes.sum()) <= self.max_bytes:
            return np.arange(n)
        tier = np.asarray(self.tier, dtype=np.int8)
        test = np.asarray(self.test_index, dtype=np.int32)
        confidence = np.asarray(self.confidence, dtype=np.float64)
        positions = np.arange(n)
        # Each item's rank inside its (test, tier) by confidence, highest first.
        by_group = np.lexsort((positions, -confidence, tier, test))
        group = test[by_group].astype(np.int64) * 4 + tier[by_group]
        starts = np.r_[0, np.flatnonzero(np.diff(group)) + 1]
        lengths = np.diff(np.r_[starts, n])
        rank = np.empty(n, dtype=np.int64)
        rank[by_group] = np.arange(n) - np.repeat(starts, lengths)
        # Tier first, then round-robin over tests by rank.
        order = np.lexsort((test, rank, tier))
        fits = np.cumsum(sizes[order]) <= self.max_bytes
        return np.sort(order[fits])

    def result(self, texts: list[str], chosen: np.ndarray) -> Embedded:
        per_test = {name: TestCounts(items=c[0], wrong=c[1]) for name, c in self.counts.items()}
        wrong = np.asarray(self.tier, dtype=np.int8)[chosen] == _WRONG
        explained = np.asarray(self.explained, dtype=bool)[chosen]
        return Embedded(
            texts=texts,
            total=len(self.tier),
            wrong_embedded=int(np.count_nonzero(wrong)),
            explained_wrong_embedded=int(np.count_nonzero(wrong & explained)),
            per_test=per_test,
            max_bytes=self.max_bytes,
        )


def embed_items(
    items: Iterable[Mapping[str, Any]],
    attributions: Mapping[tuple[str, str], Any] | None = None,
    max_bytes: int = DEFAULT_MAX_EMBEDDED_BYTES,
) -> Embedded:
    """The embedded items from items already in memory (``render_report_html``)."""
    attributions = attributions or {}
    selector = _Selector(max_bytes)
    texts = []
    for row in items:
        slim = slim_item(row, attributions.get(_key(row)))
        text = item_json(slim)
        texts.append(text)
        selector.add(
            str(slim["test"]),
            slim["correct"],
            slim["confidence"],
            _size(text),
            "attribution" in slim,
        )
    chosen = selector.chosen()
    return selector.result([texts[i] for i in chosen], chosen)


def embed_items_file(
    run_dir: Path,
    attributions: Mapping[tuple[str, str], Any] | None = None,
    max_bytes: int = DEFAULT_MAX_EMBEDDED_BYTES,
) -> Embedded | None:
    """The embedded items, streamed from ``run_dir/items.jsonl`` (``None`` when it is absent).

    Two passes over the file. The first checks every line against the items schema (a
    bad one raises ``RunDirectoryError`` naming the file and line) and keeps a few
    numbers per item; its size estimate is the line's length (an embedded item is a
    subset of its line in compact JSON), plus its word scores. The second reads again
    only the chosen lines. Memory holds the chosen items' JSON, never the whole file.
    """
    path = Path(run_dir) / ITEMS_FILE
    if not path.is_file():
        return None
    attributions = attributions or {}
    selector = _Selector(max_bytes)
    attribution_sizes = {key: _size(item_json(value)) for key, value in attributions.items()}
    for number, line in read_jsonl_lines(path, RunDirectoryError):
        record = item_record(path, number, parse_jsonl_line(path, number, line, RunDirectoryError))
        key = (record.test, record.id)
        size = _size(line) + attribution_sizes.get(key, 0)
        selector.add(record.test, record.correct, record.confidence, size, key in attributions)
    chosen = selector.chosen()
    wanted = iter(chosen.tolist())
    next_wanted = next(wanted, None)
    texts = []
    for position, (number, line) in enumerate(read_jsonl_lines(path, RunDirectoryError)):
        if position != next_wanted:
            continue
        record = item_record(path, number, parse_jsonl_line(path, number, line, RunDirectoryError))
        # Straight from the validated record: a full model_dump per item would double the cost.
        item = {name: getattr(record, name) for name in _SLIM_SOURCE}
        texts.append(item_json(slim_item(item, attributions.get(_key(item)))))
        next_wanted = next(wanted, None)
    return selector.result(texts, chosen)


def _size(text: str) -> int:
    return len(text.encode("utf-8")) + 1  # and its comma


def _key(row: Mapping[str, Any]) -> tuple[str, str]:
    return (str(row.get("test")), str(row.get("id")))
