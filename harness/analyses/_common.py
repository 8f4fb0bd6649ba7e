"""Small helpers shared by the diagnostic analyses: proportions with CIs, item selection."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import Field

from harness.core import ItemResult
from harness.errors import HarnessError
from harness.execution import TestOutcome
from harness.metrics.scores import wilson_value
from harness.registry import did_you_mean
from harness.suite import AnalysisSpec


def proportion(successes: int, n: int) -> dict[str, Any]:
    """``successes / n`` as a results.json metric dict with its Wilson 95% CI."""
    return wilson_value(successes, n).to_json()


def scored_items(outcome: TestOutcome) -> list[ItemResult]:
    """Items with a gold label and a prediction."""
    return [item for item in outcome.items if item.correct is not None]


def scored_items_of(chosen: Iterable[TestOutcome]) -> list[ItemResult]:
    """The scored items of several tests, test by test."""
    return [item for outcome in chosen for item in scored_items(outcome)]


def outcomes_named(
    outcomes: Mapping[str, TestOutcome], names: Iterable[str], analysis: str
) -> list[TestOutcome]:
    """The outcomes of the tests ``names``; a clear error for a name the suite does not run."""
    found = []
    for name in names:
        if name not in outcomes:
            known = sorted(outcomes)
            raise HarnessError(
                f"analysis '{analysis}': no test named '{name}'{did_you_mean(name, known)}; "
                f"tests run: {', '.join(known) or 'none'}"
            )
        found.append(outcomes[name])
    return found


class TestsAnalysisOptions(AnalysisSpec):
    """The options of an analysis that reads the tests it names in ``tests``."""

    tests: list[str] = Field(min_length=1)

    def outcomes_of(self, outcomes: Mapping[str, TestOutcome]) -> list[TestOutcome]:
        """The outcomes of ``tests``; a clear error, naming this analysis, for a test
        the suite does not run."""
        return outcomes_named(outcomes, self.tests, self.name)


def item_text(
    item: ItemResult, fields: Sequence[str] = ("premise", "hypothesis")
) -> dict[str, Any]:
    """A failing item as the report shows it: id, input fields, gold and prediction."""
    return {
        "id": item.example.id,
        **{field: item.example.fields.get(field) for field in fields},
        "gold": item.gold,
        "predicted": item.predicted,
    }
