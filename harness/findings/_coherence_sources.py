"""Finding source for the ``coherence`` kind (generated text).

* ``loop_rate``: the share of generations that fall into a loop, against the rate
  tolerance (a fluent model does not loop), and per slice against the rest;
* ``self_contradiction_rate`` and ``paraphrase_inconsistency_rate``, only when the judge
  cleared its floor on the control set (``sections.coherence.judge.trusted``), each
  against what the judge's own errors would produce on text without any contradiction
  (``chance``: its false-contradiction rate over each generation's judged pairs; its
  missed entailments over each set's differing answers), or the rate tolerance if
  that is larger.

seq-rep-4 and distinct-n have no null to test against (fluent text repeats some
4-grams, and diversity depends on the prompts): they are compared between runs by the
gate, not reported as findings.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from harness.findings._core import RATE_TOLERANCE, Candidate, Rate
from harness.findings._reading import (
    Record,
    Section,
    _candidate,
    _dict,
    _proportion,
    section_source,
)
from harness.findings._sources import _slice_gaps

#: metric -> (what the judge must be trusted for, the section part with the chance rate,
#: the statement's words).
_JUDGED = {
    "self_contradiction_rate": (
        "self_contradiction",
        "contradictions",
        "generations contradict themselves (a sentence pair the judge calls contradicting)",
    ),
    "paraphrase_inconsistency_rate": (
        "paraphrase_consistency",
        "paraphrases",
        "answers to paraphrases of one question do not entail each other",
    ),
}


@section_source(
    "coherence",
    "loops, self-contradiction and inconsistent paraphrase answers (judge above its floor)",
)
def coherence_findings(name: str, section: Section, record: Record) -> Iterator[Candidate]:
    """Loops always; self-contradiction and paraphrase inconsistency when the judge is trusted."""
    metrics = _dict(record.get("metrics"))
    loops = _proportion(metrics.get("loop_rate"))
    if loops is not None:
        yield _candidate(
            f"{name}/loop_rate",
            f"{name}: generations fall into a loop (a span repeated back to back)",
            "loop_rate",
            Rate(*loops),
            {"test": name},
            metrics.get("loop_rate"),
        )
        yield from _slice_gaps(
            name, record, "loop_rate", metrics.get("loop_rate"), "loop rate", "higher"
        )
    judge = _dict(section.get("judge"))
    trusted = _dict(judge.get("trusted"))
    for metric, (measure, part, words) in _JUDGED.items():
        counts = _proportion(metrics.get(metric))
        if counts is None or not _dict(trusted.get(measure)).get("trusted"):
            continue
        chance = _dict(section.get(part)).get("chance")
        null, null_label = RATE_TOLERANCE, "tolerance"
        if isinstance(chance, int | float) and math.isfinite(chance) and chance > null:
            null, null_label = float(chance), "the judge's own error rate"
        yield _candidate(
            f"{name}/{metric}",
            f"{name}: {words}, judged by {judge.get('name') or judge.get('spec')}",
            metric,
            Rate(*counts, tolerance=null, null_label=null_label),
            {"test": name},
            metrics.get(metric),
        )
