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

__all__ = [
    "Example",
    "HarnessError",
    "ItemResult",
    "Prediction",
    "TransformRecord",
    "__version__",
]
