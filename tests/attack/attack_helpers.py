"""Shared pieces for the attack tests: a small NLI suite, its examples, a run context."""

from __future__ import annotations

from typing import Any

from harness.core import Example, stable_id
from harness.execution import RunContext
from harness.suite import suite_from_mapping

LABELS = ("entailment", "neutral", "contradiction")

NLI_PAIRS = (
    ("A man is playing a guitar on the stage.", "A man is playing an instrument.", "entailment"),
    ("A woman is reading a book in the park.", "Nobody is reading outside.", "contradiction"),
    ("The children are playing football outside.", "The children are happy.", "neutral"),
    ("Two dogs are running through the snow.", "Two animals are running.", "entailment"),
    ("A cat is sleeping on the sofa.", "The cat is playing football.", "contradiction"),
    ("The chef cooked dinner for the guests.", "The guests liked the dinner.", "neutral"),
    ("Every student passed the exam.", "Some students did not pass the exam.", "contradiction"),
    ("Mary gave John a red apple yesterday.", "John received an apple from Mary.", "entailment"),
)


def nli_examples() -> list[Example]:
    return [
        Example(
            id=stable_id("attack-tests", index),
            fields={"premise": premise, "hypothesis": hypothesis},
            target=label,
        )
        for index, (premise, hypothesis, label) in enumerate(NLI_PAIRS)
    ]


def attack_suite(attack: dict[str, Any], seed: int = 0) -> Any:
    return suite_from_mapping(
        {
            "name": "attack-tests",
            "task": "nli",
            "labels": list(LABELS),
            "seed": seed,
            "tests": [
                {
                    "name": "attacked",
                    "data": {
                        "source": "inline",
                        "examples": [
                            {"premise": p, "hypothesis": h, "label": gold}
                            for p, h, gold in NLI_PAIRS
                        ],
                    },
                    "attack": attack,
                }
            ],
        }
    )


def run_context(suite: Any, predictor: Any, examples: list[Example] | None = None) -> RunContext:
    examples = nli_examples() if examples is None else examples
    return RunContext(
        suite=suite,
        predictor=predictor,
        model=getattr(predictor, "model", None),
        load_examples=lambda data: list(examples),
        bootstrap_resamples=200,
    )
