"""The dev split: carved from the training data, never from a test.

Early stopping and every choice made while training look at the dev split only. Examples
that share a text go to the same side: an augmented variant goes with the example it was
made from (its *root*), and examples that share an input text (one premise with three
hypotheses, a minimal pair) go together, so the dev split never scores the model on a
near-copy of what it was trained on. Minimal pairs split across the two sides make a dev
score meaningless: a model that learnt one member's label answers it for the other, and
its dev accuracy falls below chance.
"""

from __future__ import annotations

from collections.abc import Sequence

from harness.core import Example
from harness.seeding import rng_for


def root_id(example: Example) -> str:
    """The training example a variant was made from (itself for an original)."""
    return str(example.parent_id or example.meta.get("parent_id") or example.id)


def _normalised(text: object) -> str:
    return " ".join(str(text).lower().split())


def groups(examples: Sequence[Example]) -> dict[str, str]:
    """Root id → its group's name: roots joined when any of their examples share a text."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for example in examples:
        root = find(f"root:{root_id(example)}")
        for name, value in example.fields.items():
            if isinstance(value, str) and value.strip():
                other = find(f"text:{name}:{_normalised(value)}")
                if other != root:
                    parent[other] = root
    return {node[len("root:") :]: find(node) for node in list(parent) if node.startswith("root:")}


def carve_dev(
    examples: Sequence[Example], fraction: float, seed: int
) -> tuple[list[Example], list[Example]]:
    """``(train, dev)``: a seeded ``fraction`` of the groups, with all their examples, is dev.

    At least one group goes to each side when there are two or more groups.
    """
    group_of = groups(examples)
    names = sorted(set(group_of.values()))
    rng = rng_for(seed, "dev-split")
    rng.shuffle(names)
    # Whole groups are taken until the dev split holds its share of the examples.
    sizes: dict[str, int] = {}
    for example in examples:
        group = group_of[root_id(example)]
        sizes[group] = sizes.get(group, 0) + 1
    wanted = round(len(examples) * fraction)
    dev_groups: set[str] = set()
    taken = 0
    for name in names[:-1] if len(names) >= 2 else []:
        if taken >= max(wanted, 1):
            break
        dev_groups.add(name)
        taken += sizes[name]
    train = [e for e in examples if group_of[root_id(e)] not in dev_groups]
    dev = [e for e in examples if group_of[root_id(e)] in dev_groups]
    return train, dev
