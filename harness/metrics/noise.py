"""The run-to-run noise floor (A/A) of a nondeterministic model (eval-methods §6.4).

A model re-asked K times on the same items (cache off) gives, per item i, p_i = the
share of repeats whose answer differs from the first run's. Two runs of such a model
differ by chance: for a paired binary metric the A/A difference has variance
≈ Σ 2·p_i(1−p_i)/n², i.e. ``v/n`` with ``v`` the mean of 2·p_i(1−p_i). The gate adds it
to its minimum detectable effect, and where that exceeds the tolerance the verdict is
INCONCLUSIVE with the items needed: n ≈ (z₁₋α + z_power)²·(d + v)/τ².

A deterministic model measures p_i = 0 everywhere, v = 0, and changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from harness.metrics.paired import DEFAULT_POWER


@dataclass(frozen=True)
class TestNoise:
    """One test's measured noise: per-item flip rates (only the items that flipped)."""

    __test__ = False  # not a pytest test class, despite the name

    n: int
    repeats: int
    flipping: dict[str, float]
    score_spread: float | None = None

    @property
    def flip_rate(self) -> float:
        """Mean p_i over the test's items."""
        return sum(self.flipping.values()) / self.n if self.n else 0.0

    def flip_rate_ci(self, level: float = 0.95) -> tuple[float, float]:
        """A normal interval for the mean p_i over items (items are the independent unit)."""
        from scipy import stats as scipy_stats  # lazily: slow to import

        if self.n < 2:
            return (0.0, 1.0)
        rates = np.zeros(self.n)
        rates[: len(self.flipping)] = list(self.flipping.values())
        half = scipy_stats.norm.ppf(0.5 + level / 2) * rates.std(ddof=1) / math.sqrt(self.n)
        return (max(0.0, float(rates.mean() - half)), min(1.0, float(rates.mean() + half)))

    def aa_variance(self, ids: Sequence[str] | None = None) -> float:
        """Mean of 2·p_i(1−p_i) over ``ids`` (default: every item of the test)."""
        if ids is None:
            total = sum(2 * p * (1 - p) for p in self.flipping.values())
            return total / self.n if self.n else 0.0
        if not len(ids):
            return 0.0
        total = sum(2 * p * (1 - p) for i in ids if (p := self.flipping.get(i, 0.0)))
        return total / len(ids)

    def to_json(self) -> dict[str, Any]:
        low, high = self.flip_rate_ci()
        return {
            "n": self.n,
            "repeats": self.repeats,
            "flip_rate": self.flip_rate,
            "flip_rate_ci": [low, high],
            "items_flipping": len(self.flipping),
            "aa_variance": self.aa_variance(),
            "score_spread": self.score_spread,
            "flipping": dict(sorted(self.flipping.items())),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TestNoise:
        return cls(
            n=int(data["n"]),
            repeats=int(data["repeats"]),
            flipping={str(k): float(v) for k, v in data.get("flipping", {}).items()},
            score_spread=data.get("score_spread"),
        )


def measure_test_noise(
    ids: Sequence[str],
    first: Sequence[Any],
    repeats: Sequence[dict[str, Any]],
    scores: Sequence[Sequence[float | None]] | None = None,
) -> TestNoise:
    """``first[i]``: item ``ids[i]``'s answer in the first run; ``repeats[k]``: id → answer
    in repeat k (an item a repeat lacks is not counted for it); ``scores[i]``: the item's
    score in each run (its spread is the mean per-item standard deviation)."""
    flipping = {}
    for item_id, answer in zip(ids, first, strict=True):
        seen = [repeat[item_id] for repeat in repeats if item_id in repeat]
        if seen:
            rate = sum(other != answer for other in seen) / len(seen)
            if rate > 0:
                flipping[item_id] = rate
    spread = None
    if scores is not None:
        deviations = [
            float(np.std([s for s in row if s is not None]))
            for row in scores
            if sum(s is not None for s in row) > 1
        ]
        spread = float(np.mean(deviations)) if deviations else None
    return TestNoise(n=len(ids), repeats=len(repeats), flipping=flipping, score_spread=spread)


def noise_mde(
    mde: float, aa_variance: float, n: int, alpha: float = 0.05, power: float = DEFAULT_POWER
) -> float:
    """The MDE with the A/A variance added: √(mde² + (z₁₋α + z_power)²·v/n)."""
    from scipy import stats as scipy_stats  # lazily: scipy.stats takes a second to import

    if n <= 0:
        return float("inf")
    z = scipy_stats.norm.ppf(1 - alpha) + scipy_stats.norm.ppf(power)
    return float(math.sqrt(mde**2 + z**2 * aa_variance / n))


def items_needed(
    mde: float,
    aa_variance: float,
    n: int,
    tolerance: float,
    alpha: float = 0.05,
    power: float = DEFAULT_POWER,
) -> int | None:
    """Items for the noise-inclusive MDE to reach ``tolerance`` (the MDE scales as 1/√n):
    (z₁₋α + z_power)²·(d + v)/τ² for a binary metric. None when τ is 0."""
    if tolerance <= 0 or n <= 0:
        return None
    total = noise_mde(mde, aa_variance, n, alpha, power)
    return math.ceil(n * (total / tolerance) ** 2)
