"""Model adapters: one Protocol per capability, several implementations.

Adapters import their heavy libraries (torch, transformers, joblib) lazily, inside
the adapter, so ``harness validate`` and ``harness report`` start fast.
"""

from harness.models.base import (
    ClassifierModel,
    ModelContext,
    ModelSpec,
    load_model,
)

__all__ = ["ClassifierModel", "ModelContext", "ModelSpec", "load_model"]
