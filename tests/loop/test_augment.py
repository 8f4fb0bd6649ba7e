"""Augmentation with a suite's own transforms: labels follow INV/DIR, leaks are dropped,
and the counts are the perturbation test's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from harness.core import Example
from harness.errors import HarnessError
from harness.kinds.perturbation import PerturbationKind
from harness.loop.augment import ORIGINAL, augment, input_key, normalise
from harness.runner import make_loader, run_suite, selected_suite

TRAIN = [
    ("Mary is reading a long book in the park.", "Mary is reading.", "entailment"),
    ("John cooked dinner for his friends.", "John cooked dinner.", "entailment"),
    ("The children are playing football outside.", "The children are asleep.", "contradiction"),
    ("A woman is riding a bicycle down the hill.", "A woman is riding a horse.", "contradiction"),
    ("Emma gave Noah a red apple yesterday.", "Noah got an apple from Emma.", "entailment"),
    ("The old bridge was built in 1920.", "The bridge is famous.", "neutral"),
    ("Two dogs are running through the snow.", "The dogs are hungry.", "neutral"),
    ("David painted the fence on Sunday.", "David painted the fence.", "entailment"),
]
TEST_ROWS = [
    {
        "id": "t1",
        "premise": "A man plays a guitar.",
        "hypothesis": "A man plays music.",
        "label": "entailment",
    },
    {
        "id": "t2",
        "premise": "A cat sleeps on the sofa.",
        "hypothesis": "A dog sleeps.",
        "label": "contradiction",
    },
]


def train_examples(rows=TRAIN) -> list[Example]:
    return [
        Example(id=f"train-{i}", fields={"premise": p, "hypothesis": h}, target=label)
        for i, (p, h, label) in enumerate(rows)
    ]


def write_suite(directory: Path, test_rows=TEST_ROWS, extra_tests=()) -> Path:
    data = {"source": "inline", "examples": test_rows}
    suite = {
        "name": "augment_suite",
        "task": "nli",
        "labels": ["entailment", "neutral", "contradiction"],
        "seed": 7,
        "tests": [
            {"name": "clean", "data": data},
            {
                "name": "typos",
                "data": data,
                "perturb": [{"name": "typo", "params": {"n_variants": 2}}],
                "fields": ["hypothesis"],
                "expect": "invariance",
            },
            {
                "name": "names",
                "data": data,
                "perturb": [{"name": "name_swap", "params": {"n_variants": 2}}],
                "expect": "invariance",
            },
            {
                "name": "negated",
                "data": data,
                "perturb": ["negation"],
                "fields": ["hypothesis"],
                "only_gold": ["entailment"],
                "expect": "directional",
                "to_label": "contradiction",
            },
            *extra_tests,
        ],
    }
    path = directory / "suite.yaml"
    path.write_text(yaml.safe_dump(suite, sort_keys=False))
    return path


def run_augment(path: Path, train, **kwargs):
    suite = selected_suite(path, None)
    return suite, augment(suite, train, make_loader(suite, None), **kwargs)


def test_invariance_variants_keep_the_label_and_directional_ones_take_the_tests(
    tmp_path: Path,
) -> None:
    train = train_examples()
    _, augmentation = run_augment(write_suite(tmp_path), train)
    by_id = {e.id: e for e in train}
    origins = {a.origin for a in augmentation.examples}
    assert {"typos/typo", "names/name_swap", "negated/negation"} <= origins
    for made in augmentation.examples:
        if made.origin == ORIGINAL:
            assert made.example.target == by_id[made.example.id].target
            continue
        parent = by_id[made.example.parent_id]
        assert made.example.fields != parent.fields
        if made.expect == "invariance":
            assert made.example.target == parent.target
        else:  # negation of an entailed hypothesis: the test's to_label
            assert made.origin == "negated/negation"
            assert parent.target == "entailment"
            assert made.example.target == "contradiction"
    # A directional variant of a non-entailed example is never made (only_gold).
    negated = [a for a in augmentation.examples if a.origin == "negated/negation"]
    assert negated and all(by_id[a.example.parent_id].target == "entailment" for a in negated)


def test_a_directional_test_without_to_label_takes_the_label_the_transform_sets(
    tmp_path: Path,
) -> None:
    extra = {
        "name": "negated_own",
        "data": {"source": "inline", "examples": TEST_ROWS},
        "perturb": ["negation"],
        "fields": ["hypothesis"],
        "only_gold": ["entailment"],
        "expect": "directional",
    }
    _, augmentation = run_augment(
        write_suite(tmp_path, extra_tests=[extra]), train_examples(), tests=["negated_own"]
    )
    made = [a for a in augmentation.examples if a.origin != ORIGINAL]
    assert made and all(a.example.target == "contradiction" for a in made)


def test_counts_are_the_perturbation_tests_own(tmp_path: Path) -> None:
    """Run the tests on the training rows themselves: the skips and guard rejections the
    run records are the ones augmentation counts."""
    rows = [
        {"id": f"train-{i}", "premise": p, "hypothesis": h, "label": label}
        for i, (p, h, label) in enumerate(TRAIN)
    ]
    path = write_suite(tmp_path, test_rows=rows)
    suite = selected_suite(path, None)
    loaded = make_loader(suite, None)(suite.tests[0].data)
    augmentation = augment(suite, loaded, lambda data: [], tests=["typos", "names", "negated"])
    run_dir = run_suite(
        path,
        model="python:harness.testing.models:nli_word_rules",
        out_dir=tmp_path / "run",
        progress=False,
        explain_failures=0,
    )
    results = json.loads((run_dir / "results.json").read_text())
    tests = {t["name"]: t for t in results["tests"]}
    for count in augmentation.counts:
        robustness = tests[count.test]["sections"]["robustness"]
        per = {row["transform"]: row for row in robustness["per_transform"]}[count.transform]
        assert count.skipped == per["skipped"], count
        assert dict(count.rejected) == dict(per["rejected_by_reason"]), count
        assert sum(count.rejected.values()) == per["rejected"], count
        assert count.made == per["n_variants"], count
    # The rows have something to skip, reject and make.
    assert sum(c.skipped for c in augmentation.counts) > 0
    assert sum(c.made for c in augmentation.counts) > 0


def test_a_planted_leak_is_dropped_and_counted(tmp_path: Path) -> None:
    train = train_examples()
    # A training pair that is a test item up to case, spacing and punctuation.
    leak = Example(
        id="leak",
        fields={"premise": "a MAN plays a guitar", "hypothesis": "A man  plays music!"},
        target="entailment",
    )
    # And a test item that is exactly a variant the typo test makes of a training pair.
    suite = selected_suite(write_suite(tmp_path), None)
    typos = next(plan.spec for plan in suite.tests if plan.spec.name == "typos")
    run = PerturbationKind.transform_runs(typos)[0]
    variant = PerturbationKind.apply_transform(run, train[5], ["hypothesis"], suite.seed)[0]
    planted = {
        "id": "t3",
        "premise": variant.fields["premise"].upper(),
        "hypothesis": variant.fields["hypothesis"],
        "label": "neutral",
    }
    path = write_suite(tmp_path, test_rows=[*TEST_ROWS, planted])
    suite, augmentation = run_augment(path, [*train, leak])
    keys = {input_key(a.example, suite.input_fields) for a in augmentation.examples}
    assert input_key(leak, suite.input_fields) not in keys
    assert input_key(variant, suite.input_fields) not in keys
    assert augmentation.originals_leaked == 1
    typo_count = next(c for c in augmentation.counts if c.test == "typos")
    assert typo_count.leaked == 1
    assert augmentation.leaked >= 2
    # Without the planted items, nothing leaks.
    _, clean = run_augment(write_suite(tmp_path), train)
    assert clean.leaked == 0


def test_normalise_ignores_case_spacing_and_punctuation() -> None:
    assert normalise("  A man, plays   MUSIC! ") == normalise("a man plays music")
    assert normalise("a man plays music") != normalise("a man plays a music")


def test_a_monotonic_test_gives_no_labels_and_says_why(tmp_path: Path) -> None:
    extra = {
        "name": "mono",
        "data": {"source": "inline", "examples": TEST_ROWS},
        "perturb": ["typo"],
        "expect": "directional",
        "monotonic": {"label": "entailment", "direction": "decreasing"},
    }
    _, augmentation = run_augment(
        write_suite(tmp_path, extra_tests=[extra]), train_examples(), tests=["mono"]
    )
    assert "monotonic" in augmentation.skipped_tests["mono"]
    assert all(a.origin == ORIGINAL for a in augmentation.examples)


def test_an_unknown_test_name_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(HarnessError, match="no test named 'typoz'"):
        run_augment(write_suite(tmp_path), train_examples(), tests=["typoz"])
