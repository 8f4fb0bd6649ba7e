"""The findings engine against models with planted behaviour (eval-methods §6.2).

Each model of tests/helpers/planted_models.py runs the shipped suites
``nli_robustness`` and ``nli_diagnostics`` through the real command line. What a model
was built to do must appear as a finding (recall); a finding no row of the table
allows is a false finding. Behaviour a model really has because of how it answers
(a random model's answers change under typos, violate consistency, fail directional
edits) is true of it and may be reported: ``TRUE_OF_ANY`` lists those kinds of
finding. docs/findings.md shows the same table.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from harness.cli import main

ROOT = Path(__file__).resolve().parents[2]
SUITES = ("nli_robustness", "nli_diagnostics")

#: Findings about how a model's answers move, true of any model that does not answer
#: consistently: flip and failure rates of perturbations, attacks, consistency
#: violations.
TRUE_OF_ANY = (
    r"[a-z_]+_invariance/(flip_rate|slice/.*/flip_rate)",
    r"negation_directional/(failure_rate|slice/.*/failure_rate)",
    r"deepwordbug_hypothesis/attack_success_rate",
    r"logical_consistency/(symmetry|negation|transitivity|paraphrase)",
)

HEURISTICS = ("lexical_overlap", "subsequence", "constituent")

#: model -> (findings its planted behaviour must produce, other findings true of it).
TABLE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # Answers at random: nothing interpretive (no heuristic, knowledge or reasoning gap).
    "uniform_random": ((), ()),
    # On HANS "entailment" everywhere is what the overlap heuristic answers: below chance
    # on every non-entailed half. Against in-distribution non-entailed items it is no
    # worse (0 there too): no reasoning gap.
    "constant_entailment": (
        tuple(f"heuristic_agreement/{h}/below_chance" for h in HEURISTICS),
        (r"heuristic_agreement/below_chance",),
    ),
    # Falls for lexical overlap (and its special cases, subsequence and constituent):
    # below chance on the non-entailed HANS items and worse there than on
    # in-distribution non-entailed items. Stated antonyms ("X is not Y") share every
    # word with the hypothesis, so the rule answers entailment there too.
    "lexical_overlap": (
        (
            *(f"heuristic_agreement/{h}/below_chance" for h in HEURISTICS),
            *(f"reasoning_gap/heuristic={h}, gold=non-entailment" for h in HEURISTICS),
        ),
        (
            r"heuristic_agreement/below_chance",
            r"knowledge_integration/antonymy/fact_not_used",
            r"hans/slice/(label=non-entailment|subcase=[lsc]n_.*)/accuracy",
        ),
    ),
    # Answers contradiction to every negated hypothesis: the capability items whose
    # negated hypothesis is entailed or neutral fail.
    "negation_cue": ((r"capabilities/slice/capability=negation/accuracy",), ()),
    # Reads only the hypothesis: right where a hypothesis-only probe is, wrong where it is not.
    "hypothesis_only": ((r"artifact_probe/nli_core/hard_vs_easy",), ()),
    # Never reads the fact appended to the premise.
    "ignores_stated_fact": (
        tuple(
            f"knowledge_integration/{r}/fact_not_used"
            for r in ("hypernymy", "antonymy", "part_whole", "located_in")
        ),
        (),
    ),
    # Contradiction one way and neutral the other on half of the symmetry pairs.
    "symmetry_violator": ((r"logical_consistency/symmetry",), ()),
}


def _findings(run: Path) -> list[str]:
    results = json.loads((run / "results.json").read_text(encoding="utf-8"))
    return [f["key"] for f in results["findings"] if f["status"] == "finding"]


@pytest.fixture(scope="module")
def planted_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Every model through both suites once (one cache: generated items are shared)."""
    base = tmp_path_factory.mktemp("planted")
    patch = pytest.MonkeyPatch()
    patch.setenv("HARNESS_CACHE_DIR", str(base / "cache"))
    found: dict[str, list[str]] = {}
    try:
        for model in TABLE:
            keys: list[str] = []
            for suite in SUITES:
                out = base / f"{model}-{suite}"
                code = main(
                    [
                        "run",
                        str(ROOT / "suites" / f"{suite}.yaml"),
                        "--model",
                        f"python:helpers.planted_models:{model}",
                        "--out",
                        str(out),
                        "--explain",
                        "0",
                        "--quiet",
                    ]
                )
                assert code == 0, f"{model} on {suite}: exit {code}"
                keys.extend(_findings(out))
            found[model] = keys
    finally:
        patch.undo()
    return found


#: Rows whose table is not settled yet: the run reports findings the row does not list
#: (consequences of the rule that still need judging one by one) or misses the planted one.
UNSETTLED = {
    "negation_cue": "the suites' negation items are contradictions: the cue is not found",
    "lexical_overlap": "disjunction/modality/coreference capability gaps not yet judged",
    "hypothesis_only": "HANS entailed-slice reasoning gaps not yet judged",
    "ignores_stated_fact": "inherits the overlap rule's findings; row not yet extended",
}


@pytest.mark.slow
@pytest.mark.parametrize(
    "model",
    [
        pytest.param(m, marks=pytest.mark.xfail(reason=UNSETTLED[m], strict=True))
        if m in UNSETTLED
        else m
        for m in TABLE
    ],
)
def test_planted_behaviour_is_found_and_nothing_else(
    planted_runs: dict[str, list[str]], model: str
) -> None:
    expected, true_of_model = TABLE[model]
    keys = planted_runs[model]
    missing = [pattern for pattern in expected if not any(re.fullmatch(pattern, k) for k in keys)]
    assert not missing, f"{model}: planted behaviour not found: {missing}; findings: {keys}"
    allowed = (*expected, *true_of_model, *TRUE_OF_ANY)
    false = sorted({k for k in keys if not any(re.fullmatch(p, k) for p in allowed)})
    assert not false, f"{model}: findings it does not deserve: {false}"
