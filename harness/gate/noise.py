"""The A/A variance of a gated comparison, from the runs' measured noise floors.

``harness run --repeats K`` records each item's flip rate p_i in results.json's ``noise``
(``harness.metrics.noise``). For one comparison (a test, or a slice of it) the A/A
variance per item is the mean of 2·p_i(1−p_i) over its paired items, from the baseline's
and the candidate's measurements averaged where both have one (each run contributes its
own half of the pair's variance), or from the one run that has it. None: neither run
measured its noise for this test (a deterministic model need not).
"""

from __future__ import annotations

from harness.gate.compare import Comparison
from harness.metrics.noise import TestNoise


def measured_noise(comparison: Comparison, test: str) -> list[TestNoise]:
    """The noise measurements of ``test`` in the baseline and the candidate, where made."""
    found = []
    for run in (comparison.base, comparison.candidate):
        noise = run.results.get("noise") or {}
        record = (noise.get("tests") or {}).get(test)
        if record is not None:
            found.append(TestNoise.from_json(record))
    return found


def aa_variance(comparison: Comparison, test: str, slice_name: str | None) -> float | None:
    """The mean 2·p_i(1−p_i) over the compared items of ``test`` (and ``slice_name``)."""
    measured = measured_noise(comparison, test)
    if not measured:
        return None
    pairing = comparison.test(test)
    rows = pairing.rows
    assert rows.base.ids is not None  # read by the gate: columns with identities
    ids = rows.base.ids[rows.base_rows]
    if slice_name is not None:
        ids = ids[pairing.slice_mask(slice_name)]
    names = [bytes(value).decode("utf-8", "surrogatepass") for value in ids]
    return sum(noise.aa_variance(names) for noise in measured) / len(measured)
