"""The analysis templates render real analysis output, with every data string escaped."""

from __future__ import annotations

import json

from harness.analyses.agreement import HeuristicAgreementAnalysis
from harness.analyses.artifacts import ArtifactProbeAnalysis
from harness.analyses.gaps import ReasoningGapAnalysis
from harness.core import Example
from harness.report import render_report_html

EVIL = "<script>alert(1)</script>"


def test_templates_render_and_escape(builders) -> None:
    examples = [
        Example(
            id=f"evil:{i}",
            fields={"premise": f"The cook saw {EVIL}.", "hypothesis": f"{EVIL} saw the cook."},
            target="non-entailment" if i % 2 else "entailment",
            meta={"heuristic": "lexical_overlap", "subcase": "ln_swap", "template": "t"},
        )
        for i in range(10)
    ]
    hans = builders.outcome("hans", examples, ["entailment"] * 10, builders.BINARY)
    reference = builders.outcome("ref", *builders.counted("ref", 8, 10, {}, "entailment"))
    context = builders.context(load_examples=lambda data: examples)
    analyses = {
        "heuristic_agreement": HeuristicAgreementAnalysis().run(
            HeuristicAgreementAnalysis.Options(tests=["hans"]), {"hans": hans}, context
        ),
        "reasoning_gap": ReasoningGapAnalysis().run(
            ReasoningGapAnalysis.Options(reference_test="ref", tests=["hans"]),
            {"hans": hans, "ref": reference},
            context,
        ),
        "artifact_probe": ArtifactProbeAnalysis().run(
            ArtifactProbeAnalysis.Options(
                train={"source": "inline", "examples": [{}]}, test="hans"
            ),
            {"hans": hans},
            builders.context(
                label_mappings={"hans": builders.BINARY}, load_examples=lambda d: examples
            ),
        ),
    }
    json.dumps(analyses, allow_nan=False)  # JSON-ready, no NaN
    results = {
        "schema_version": 2,
        "suite": {"name": "diag", "labels": ["entailment", "neutral", "contradiction"], "seed": 0},
        "model": {"spec": "mock", "name": "mock"},
        "tests": [],
        "analyses": analyses,
    }
    html = render_report_html(results, [])
    assert EVIL not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert (
        "Where the lexical-overlap heuristic is wrong, the model gives its answer on 100%" in html
    )
    assert "Verdict per heuristic" in html and "falls for" in html
    assert "Gap table (largest drop first)" in html
    assert "Failing items per subcase" in html
    assert "Model accuracy on easy and hard items" in html
