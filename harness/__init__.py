"""harness: find where an NLP model's reasoning breaks, not just its average score.

The flow (see README): a YAML suite is loaded and validated, each test's data is
loaded (and perturbed, generated or attacked), a model adapter predicts, scorers
turn predictions into per-item results, aggregators compute metrics with
confidence intervals, and the run is written as results.json + items.jsonl +
report.html.
"""

from harness.core import Example, ItemResult, Prediction, TransformRecord
from harness.errors import HarnessError

__version__ = "0.1.0"

#: The name pip knows this project by (the import package and the command are ``harness``).
DISTRIBUTION = "reasoning-harness"


def install_hint(extra: str) -> str:
    """How to install an optional extra: ``pip install 'reasoning-harness[scale]'``.

    An installed checkout (``pip install -e .``) satisfies the name, so pip only adds
    the extra's packages.
    """
    return f"pip install '{DISTRIBUTION}[{extra}]'"


__all__ = [
    "DISTRIBUTION",
    "Example",
    "HarnessError",
    "ItemResult",
    "Prediction",
    "TransformRecord",
    "__version__",
    "install_hint",
]
