"""harness.metrics sits below what uses its numbers: it imports none of them."""

from __future__ import annotations

from test_architecture import import_graph

ABOVE = (
    "harness.kinds",
    "harness.analyses",
    "harness.findings",
    "harness.bias",
    "harness.attack",
    "harness.gate",
    "harness.report",
    "harness.runner",
    "harness.execution",
    "harness.explain",
    "harness.cli",
    "harness.results",
    "harness.suite",
)


def test_metrics_import_nothing_that_reads_their_numbers() -> None:
    graph = import_graph()
    metrics = [name for name in graph if name.startswith("harness.metrics")]
    assert "harness.metrics.base" in metrics and "harness.metrics.summary" in metrics
    upward = sorted(
        f"{name} -> {edge}" for name in metrics for edge in graph[name] if edge.startswith(ABOVE)
    )
    assert upward == []


def test_the_graph_would_see_an_upward_import() -> None:
    graph = import_graph()
    # The gate reads the metrics: the edge exists the other way, so the check can fail.
    assert any(edge.startswith("harness.metrics") for edge in graph["harness.gate.compare"])
