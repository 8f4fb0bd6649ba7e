"""Augmented training data made with a suite's own perturbation and attack tests.

    training examples ──each perturbation test's transforms (its seed, guards, counts)──▶
        variants, labelled as the test labels them (INV: the parent's label; DIR: the
        test's ``to_label``, or the label the transform sets)
    ──leakage check against every item of every test of the suite──▶ kept examples

An augmented example is dropped as a leak when its parent (the training example it was
made from) or the example itself equals a test item after normalisation (lowercase,
whitespace collapsed, punctuation removed: ``normalise``). A training example that equals
a test item is dropped too. Every drop is counted.

The variants are made by the perturbation kind's own ``transform_runs`` and
``apply_transform``, so a test and its augmentation make the same variants of the same
example, with the same validity guards and the same rejection counts.

An attack test's adversarial examples (``harness.loop.attack_augment``) are made by the
attack kind's own ``Attacker`` through the model under test, keep their original's label,
and go through the same leakage and duplicate checks.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from harness.core import Example
from harness.errors import HarnessError
from harness.execution import RunContext
from harness.files.jsonio import fields_json
from harness.kinds.attack import AttackTestOptions
from harness.kinds.perturbation import PerturbationKind, PerturbationOptions
from harness.loop.attack_augment import ADVERSARIAL, AttackCounts, adversarial_examples
from harness.transforms.base import rejections

#: The ``origin`` of a training example kept as it was.
ORIGINAL = "original"


def normalise(text: str) -> str:
    """Lowercase, punctuation removed, whitespace collapsed (the leakage check's equality).

    >>> normalise("  The  dog, it RAN!  ")
    'the dog it ran'
    """
    kept = "".join(
        " " if unicodedata.category(char).startswith("P") else char for char in text.lower()
    )
    return " ".join(kept.split())


def input_key(example: Example, fields: Sequence[str]) -> tuple[str, ...]:
    """The normalised input fields of an example, in ``fields`` order."""
    return tuple(normalise(str(example.fields.get(name, ""))) for name in fields)


@dataclass(frozen=True)
class AugmentedExample:
    """One example of the augmented training data and where it came from."""

    example: Example
    origin: str  # ORIGINAL, or "test/transform"
    expect: str = ""  # invariance or directional ("" for an original)

    def to_json(self, fields: Sequence[str]) -> dict[str, Any]:
        row: dict[str, Any] = {"id": self.example.id}
        row.update({name: self.example.fields.get(name) for name in fields})
        row["label"] = self.example.target
        row["origin"] = self.origin
        if self.example.parent_id is not None:
            row["parent_id"] = self.example.parent_id
        if self.expect:
            row["expect"] = self.expect
        return row


@dataclass
class TransformCounts:
    """What one transform of one test made from the training data."""

    test: str
    transform: str
    expect: str
    examples: int = 0  # training examples the test perturbs (after only_gold)
    skipped: int = 0  # examples the transform could not change
    rejected: Counter[str] = field(default_factory=Counter)  # candidates its guards refused
    made: int = 0  # variants made
    leaked: int = 0  # variants dropped by the leakage check
    duplicates: int = 0  # variants equal to an example already kept
    kept: int = 0

    def to_json(self) -> dict[str, Any]:
        return {**fields_json(self), "rejected": dict(sorted(self.rejected.items()))}


@dataclass
class Augmentation:
    """The augmented training data and its counts."""

    examples: list[AugmentedExample]
    counts: list[TransformCounts]
    attacks: list[AttackCounts]
    originals: int  # training examples read
    originals_leaked: int  # training examples equal to a test item (dropped)
    test_items: int  # distinct normalised test inputs checked against
    skipped_tests: dict[str, str]  # test name -> why it gives no augmentation

    @property
    def variants_leaked(self) -> int:
        """Variants and adversarial examples dropped by the leakage check."""
        return sum(c.leaked for c in self.counts) + sum(c.leaked for c in self.attacks)

    @property
    def leaked(self) -> int:
        return self.originals_leaked + self.variants_leaked

    def summary(self) -> dict[str, Any]:
        return {
            "originals": self.originals,
            "originals_leaked": self.originals_leaked,
            "variants_leaked": self.variants_leaked,
            "leaked": self.leaked,
            "test_items_checked": self.test_items,
            "examples": len(self.examples),
            "variants": sum(1 for e in self.examples if e.origin != ORIGINAL),
            "transforms": [count.to_json() for count in self.counts],
            "attacks": [count.to_json() for count in self.attacks],
            "skipped_tests": dict(self.skipped_tests),
        }


def why_not_augmentable(spec: PerturbationOptions, labels: Sequence[str]) -> str | None:
    """Why a perturbation test cannot label training variants, or None when it can."""
    if spec.expect == "directional" and spec.to_label is None and spec.monotonic is not None:
        return "a monotonic expectation says how a probability moves, not which label is right"
    if spec.to_label is not None and spec.to_label not in labels:
        return f"its to_label '{spec.to_label}' is not one of the suite's labels"
    return None


#: Why an attack test gave nothing when no model was given to attack with.
NEEDS_MODEL = (
    "an attack test attacks the training examples through the model under test; "
    "give the model (--model) to augment with it"
)


def augmentation_specs(
    suite: Any, tests: Iterable[str] | None = None
) -> tuple[list[PerturbationOptions], list[AttackTestOptions], dict[str, str]]:
    """The suite's perturbation and attack tests to augment with (``tests``: only these),
    and why the others named give none."""
    wanted = None if tests is None else list(tests)
    known = {plan.spec.name for plan in suite.tests}
    for name in wanted or []:
        if name not in known:
            raise HarnessError(f"no test named '{name}' in suite '{suite.name}'")
    chosen, attacks, skipped = [], [], {}
    for plan in suite.tests:
        name = plan.spec.name
        if wanted is not None and name not in wanted:
            continue
        if isinstance(plan.spec, AttackTestOptions):
            attacks.append(plan.spec)
            continue
        if not isinstance(plan.spec, PerturbationOptions):
            if wanted is not None:
                skipped[name] = f"a {plan.kind} test makes no training variants"
            continue
        reason = why_not_augmentable(plan.spec, suite.labels)
        if reason is not None:
            skipped[name] = reason
            continue
        chosen.append(plan.spec)
    return chosen, attacks, skipped


def held_out_keys(
    suite: Any, load_examples: Callable[[Any], list[Example]]
) -> set[tuple[str, ...]]:
    """The normalised inputs of every item of every test of the suite."""
    keys: set[tuple[str, ...]] = set()
    for plan in suite.tests:
        if plan.data is None:
            continue
        for example in load_examples(plan.data):
            keys.add(input_key(example, suite.input_fields))
    return keys


def augment(
    suite: Any,
    train: Sequence[Example],
    load_examples: Callable[[Any], list[Example]],
    *,
    tests: Iterable[str] | None = None,
    keep_originals: bool = True,
    attack_context: RunContext | None = None,
) -> Augmentation:
    """Augment ``train`` with the suite's perturbation and attack tests (``tests``: only
    these). Attack tests attack through ``attack_context`` (the model under test,
    ``open_attack_context``); without one they give nothing and ``skipped_tests`` says why."""
    fields_all = suite.input_fields
    leaks = held_out_keys(suite, load_examples)
    specs, attack_specs, skipped = augmentation_specs(suite, tests)
    kept: list[AugmentedExample] = []
    seen: set[tuple[tuple[str, ...], str]] = set()
    clean: list[Example] = []
    originals_leaked = 0
    for example in train:
        if input_key(example, fields_all) in leaks:
            originals_leaked += 1
            continue
        clean.append(example)
        seen.add((input_key(example, fields_all), str(example.target)))
        if keep_originals:
            kept.append(AugmentedExample(example, ORIGINAL))

    def keep(
        variant: Example, count: TransformCounts | AttackCounts, origin: str, expect: str
    ) -> None:
        """A made example joins the training data unless it equals a test input (leaked)
        or an example already kept with its label (a duplicate); ``count`` says which."""
        key = input_key(variant, fields_all)
        if key in leaks:
            count.leaked += 1
        elif (key, str(variant.target)) in seen:
            count.duplicates += 1
        else:
            seen.add((key, str(variant.target)))
            count.kept += 1
            kept.append(AugmentedExample(variant, origin, expect))

    counts = []
    for spec in specs:
        fields = list(spec.fields or fields_all)
        selected = [e for e in clean if not spec.only_gold or e.target in spec.only_gold]
        for run in PerturbationKind.transform_runs(spec):
            count = TransformCounts(spec.name, run.label, spec.expect, examples=len(selected))
            counts.append(count)
            for parent in selected:
                made = PerturbationKind.apply_transform(run, parent, fields, suite.seed)
                count.rejected.update(rejections(made))
                if not made:
                    count.skipped += 1
                    continue
                for variant in made:
                    count.made += 1
                    labelled = PerturbationKind.variant_gold(variant, parent, spec)
                    keep(labelled, count, f"{spec.name}/{run.label}", spec.expect)
    attacks = []
    for attack_spec in attack_specs:
        if attack_context is None:
            skipped[attack_spec.name] = NEEDS_MODEL
            continue
        attack_count, adversarial = adversarial_examples(attack_spec, clean, attack_context)
        attacks.append(attack_count)
        for variant in adversarial:
            keep(variant, attack_count, f"{attack_spec.name}/{attack_count.recipe}", ADVERSARIAL)
    return Augmentation(
        examples=kept,
        counts=counts,
        attacks=attacks,
        originals=len(train),
        originals_leaked=originals_leaked,
        test_items=len(leaks),
        skipped_tests=skipped,
    )


def label_counts(examples: Iterable[AugmentedExample]) -> Mapping[str, int]:
    """How many augmented examples carry each label."""
    return dict(sorted(Counter(str(e.example.target) for e in examples).items()))
