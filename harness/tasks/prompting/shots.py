"""Few-shot demonstrations: ``shots: {k, source, seed, stratify, order, order_seed}``.

    pool (a data block) ──seeded shuffle per label──▶ candidates
    k slots ──stratify: label──▶ k // L slots per label (the remainder to seeded labels)
            ──order──▶ random (seeded by ``order_seed``) or balanced (labels in turn)
    per item: each slot takes its label's next candidate that is not the item

Every item sees the same demonstrations in the same order, except where the item
itself is one of them: that slot takes the next candidate of the same label. An
item and a demonstration are the same when their ids are equal *or* their input
texts are (a duplicate under another id would otherwise leak the answer).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from harness.core import Example
from harness.errors import PromptError
from harness.options import Options
from harness.seeding import rng_for


class ShotsOptions(Options):
    """The ``shots:`` block of a prompt."""

    k: int = Field(ge=0, le=64)
    # A data block, like a test's ``data:`` (e.g. {source: builtin, name: nli-core, split: train}).
    source: dict[str, Any]
    seed: int = 0
    stratify: Literal["label"] | None = "label"
    order: Literal["random", "balanced"] = "random"
    order_seed: int = 0


def _text(example: Example) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((str(k), str(v)) for k, v in example.fields.items()))


@dataclass(frozen=True)
class ShotPlan:
    """The slots (a label each, or None unstratified) and the candidates per label."""

    slots: tuple[str | None, ...]
    candidates: Mapping[str | None, tuple[Example, ...]]

    def demonstrations(self, item: Example | None = None) -> list[Example]:
        """The k demonstrations for ``item`` (None: the standard set, for content-free inputs)."""
        item_text = _text(item) if item is not None else None
        taken: set[str] = set()
        chosen = []
        for slot in self.slots:
            for candidate in self.candidates[slot]:
                if candidate.id in taken:
                    continue
                if item is not None and (candidate.id == item.id or _text(candidate) == item_text):
                    continue
                taken.add(candidate.id)
                chosen.append(candidate)
                break
            else:
                raise PromptError(
                    f"shots: not enough demonstrations of label '{slot}' left for item "
                    f"'{item.id if item else '?'}' once the item itself is excluded"
                )
        return chosen


def plan_shots(options: ShotsOptions, pool: Sequence[Example], labels: Sequence[str]) -> ShotPlan:
    """Seeded slots and candidates; ``k`` larger than the pool is a one-line error."""
    labelled = [example for example in pool if example.target is not None]
    if options.k > len(labelled):
        raise PromptError(
            f"shots: k={options.k} but the shot pool has only {len(labelled)} labelled examples"
        )
    if options.stratify is None:
        ordered = list(labelled)
        rng_for(options.seed, "shots/pool").shuffle(ordered)
        return ShotPlan(slots=(None,) * options.k, candidates={None: tuple(ordered)})
    by_label: dict[str | None, list[Example]] = defaultdict(list)
    for example in labelled:
        by_label[str(example.target)].append(example)
    present = [label for label in labels if by_label.get(label)]
    if options.k and not present:
        raise PromptError("shots: the shot pool has no example of any suite label")
    for label in present:
        rng_for(options.seed, "shots/pool", str(label)).shuffle(by_label[label])
    counts = {label: options.k // len(present) for label in present} if present else {}
    extra = list(present)
    rng_for(options.seed, "shots/remainder").shuffle(extra)
    for label in extra[: options.k - sum(counts.values())]:
        counts[label] += 1
    for label, count in counts.items():
        if count > len(by_label[label]):
            raise PromptError(
                f"shots: k={options.k} needs {count} demonstrations of label '{label}' but the "
                f"shot pool has {len(by_label[label])}"
            )
    if options.order == "balanced":
        slots: list[str | None] = []
        remaining = dict(counts)
        while len(slots) < options.k:
            for label in present:
                if remaining[label]:
                    slots.append(label)
                    remaining[label] -= 1
    else:
        slots = [label for label in present for _ in range(counts[label])]
        rng_for(options.seed, "shots/order", str(options.order_seed)).shuffle(slots)
    return ShotPlan(
        slots=tuple(slots), candidates={label: tuple(by_label[label]) for label in present}
    )
