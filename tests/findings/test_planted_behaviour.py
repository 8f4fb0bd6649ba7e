"""The findings engine against models with planted behaviour (eval-methods §6.2).

Each model of tests/helpers/planted_models.py runs the shipped suites
``nli_robustness`` and ``nli_diagnostics`` through the real command line. What a model
was built to do must appear as a finding (recall); a finding no row of the table
allows is a false finding. What a row allows besides its planted behaviour is a
consequence of the model's rule, said beside the row: how its answers move under edits
(``MOVES``), consistency violations of a model whose answers are not tied by logic
(``INCONSISTENT``), and slices where the rule is wrong by construction.
docs/findings.md shows the same table.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers.planted_models import ASYMMETRIC_SHARE, NEGATION_CUES

from harness.cli import main
from harness.generators.capabilities import TEMPLATES

ROOT = Path(__file__).resolve().parents[2]
SUITES = ("nli_robustness", "nli_diagnostics")

#: Findings about how a model's answers move under edits, true of any model that does not
#: answer every variant as it answers the original: flip and failure rates of
#: perturbations, attack success. The answer-key models answer a variant (not in the
#: key) at random, so these are true of them too.
MOVES = (
    r"[a-z_]+_invariance/(flip_rate|slice/.*/flip_rate)",
    r"negation_directional/(failure_rate|slice/.*/failure_rate)",
    r"deepwordbug_hypothesis/attack_success_rate",
)
#: Consistency violations: true of a model whose answers to the items of one group are
#: not tied by logic (random, constant or rule-based answers). The answer-key models
#: answer every consistency item right, so only a planted violation may appear for them.
INCONSISTENT = (r"logical_consistency/(symmetry|negation|transitivity|paraphrase)",)

HEURISTICS = ("lexical_overlap", "subsequence", "constituent")


def _cued_capability_slices() -> tuple[str, ...]:
    """Capability slices holding a negated hypothesis (not/no/never) that is not a
    contradiction: where ``negation_cue`` is wrong by construction, read off the
    capability templates rather than typed."""
    capabilities, templates = set(), set()
    for capability, rows in TEMPLATES.items():
        for index, (gold, _, hypothesis) in enumerate(rows):
            words = set(re.findall(r"[a-z]+", hypothesis.lower()))
            if gold != "contradiction" and NEGATION_CUES & words:
                capabilities.add(capability)
                templates.add(f"{capability}/{index}")
    either = "|".join(sorted(capabilities))
    return (
        rf"capabilities/slice/capability=({either})/accuracy",
        rf"capabilities/slice/template=({'|'.join(sorted(templates))})/accuracy",
        rf"reasoning_gap/capability=({either})",
    )


#: model -> (findings its planted behaviour must produce, other findings true of it).
#: Every entry of the second column is a consequence of the model's rule, said in the
#: comment above its row; anything else reported is a false finding.
TABLE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # Answers at random: nothing interpretive (no heuristic, knowledge or reasoning gap).
    "uniform_random": ((), (*MOVES, *INCONSISTENT)),
    # On HANS "entailment" everywhere is what the overlap heuristic answers: below chance
    # on every non-entailed half. Against in-distribution non-entailed items it is no
    # worse (0 there too): no reasoning gap.
    "constant_entailment": (
        tuple(f"heuristic_agreement/{h}/below_chance" for h in HEURISTICS),
        (r"heuristic_agreement/below_chance", *MOVES, *INCONSISTENT),
    ),
    # Falls for lexical overlap (and its special cases, subsequence and constituent):
    # below chance on the non-entailed HANS items and worse there than on
    # in-distribution non-entailed items. Also true of the rule, elsewhere:
    # * stated antonyms ("Someone who is x is not y") and part-whole facts ("Every car
    #   has a wheel") do not supply the hypothesis's words ("is y", "something with"):
    #   the fact is not used, and part-whole probes are wrong with or without it;
    # * disjunction: "The cat slept or ran" holds every word of "The cat slept"
    #   (neutral), "Neither the cat nor the dog slept" every word of "The cat slept"
    #   (contradiction), while the entailed "... or ran" and "... did not sleep" add words;
    # * modality: a hedged premise ("It is possible that the cat slept", "The cat
    #   probably slept") holds every word of the bare claim, which it does not entail;
    # * coreference template 2: "Ana met Tom, and he slept" holds every word of "Ana
    #   slept" (neutral).
    "lexical_overlap": (
        (
            *(f"heuristic_agreement/{h}/below_chance" for h in HEURISTICS),
            *(f"reasoning_gap/heuristic={h}, gold=non-entailment" for h in HEURISTICS),
        ),
        (
            r"heuristic_agreement/below_chance",
            r"hans/slice/(label=non-entailment|subcase=[lsc]n_.*)/accuracy",
            r"knowledge_integration/(antonymy|part_whole)/fact_not_used",
            r"knowledge/slice/relation=part_whole/accuracy",
            r"capabilities/slice/capability=(disjunction|modality)/accuracy",
            r"capabilities/slice/template=(disjunction/\d|modality/\d|coreference/2)/accuracy",
            r"reasoning_gap/capability=(disjunction|modality)",
            *MOVES,
            *INCONSISTENT,
        ),
    ),
    # Answers contradiction to every negated hypothesis, the answer key otherwise: wrong
    # exactly on the negated hypotheses that are not contradictions. The negation
    # capability must show it; so may every capability slice holding such items
    # (antonyms "The door is not closed", downward monotonicity "No dogs bought a red
    # ball", a disjunction's "did not", a modal's "did not"), read off the templates.
    "negation_cue": (
        (r"capabilities/slice/capability=negation/accuracy", r"reasoning_gap/capability=negation"),
        (*_cued_capability_slices(), *MOVES),
    ),
    # Reads only the hypothesis: right where a hypothesis-only probe is, wrong where it
    # is not. Its in-distribution accuracy rests on the hypothesis words of nli-core's
    # training split; the generated items' hypotheses carry other words, so every
    # slice or gap where it is less accurate than in-distribution is true of it (HANS's
    # entailed hypotheses, hypernymy probes, conjunction). It gets no heuristic verdict
    # and no knowledge claim.
    "hypothesis_only": (
        (r"artifact_probe/nli_core/hard_vs_easy",),
        (
            r"reasoning_gap/.*",
            r"(capabilities|knowledge|hans|consistency)/slice/.*/accuracy",
            *MOVES,
            *INCONSISTENT,
        ),
    ),
    # The answer key, except that on the knowledge probes it neither knows the relation
    # nor reads the fact stated after the first sentence: the fact is not used, per
    # relation, and nothing else.
    "ignores_stated_fact": (
        tuple(
            f"knowledge_integration/{r}/fact_not_used"
            for r in ("hypernymy", "antonymy", "part_whole", "located_in")
        ),
        MOVES,
    ),
    # The answer key, with contradiction one way and neutral the other on half of the
    # symmetry pairs: symmetry violations and no other consistency finding.
    "symmetry_violator": (
        (r"logical_consistency/symmetry",),
        (r"consistency/slice/constraint=symmetry/accuracy", *MOVES),
    ),
}


def _findings(run: Path) -> list[dict[str, Any]]:
    results = json.loads((run / "results.json").read_text(encoding="utf-8"))
    return [f for f in results["findings"] if f["status"] == "finding"]


@pytest.fixture(scope="module")
def planted_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """Every model through both suites once (one cache: generated items are shared)."""
    base = tmp_path_factory.mktemp("planted")
    patch = pytest.MonkeyPatch()
    patch.setenv("HARNESS_CACHE_DIR", str(base / "cache"))
    found: dict[str, list[dict[str, Any]]] = {}
    try:
        for model in TABLE:
            keys: list[dict[str, Any]] = []
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


@pytest.mark.slow
@pytest.mark.parametrize("model", list(TABLE))
def test_planted_behaviour_is_found_and_nothing_else(
    planted_runs: dict[str, list[dict[str, Any]]], model: str
) -> None:
    expected, true_of_model = TABLE[model]
    keys = [finding["key"] for finding in planted_runs[model]]
    missing = [pattern for pattern in expected if not any(re.fullmatch(pattern, k) for k in keys)]
    assert not missing, f"{model}: planted behaviour not found: {missing}; findings: {keys}"
    allowed = (*expected, *true_of_model)
    false = sorted({k for k in keys if not any(re.fullmatch(p, k) for p in allowed)})
    assert not false, f"{model}: findings it does not deserve: {false}"


@pytest.mark.slow
def test_the_planted_symmetry_share_lies_in_the_reported_interval(
    planted_runs: dict[str, list[dict[str, Any]]],
) -> None:
    """Recall of the size, not only of the kind: the share of symmetry pairs the model
    was built to violate lies inside every reported violation rate's (corrected)
    interval."""
    found = [
        f for f in planted_runs["symmetry_violator"] if f["key"] == "logical_consistency/symmetry"
    ]
    assert len(found) == 2  # one per suite
    for finding in found:
        assert finding["ci_low"] <= ASYMMETRIC_SHARE <= finding["ci_high"], finding
