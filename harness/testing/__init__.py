"""Conformance checks for components, public so a plugin runs them on its own.

The checks the project's own tests run over every registered component (as
scikit-learn's ``check_estimator`` does for estimators)::

    from harness.testing import check_metric, check_test_kind, check_transform

    def test_my_transform_follows_the_contract():
        check_transform("my_transform")

    def test_my_kind_follows_the_contract():
        check_test_kind("my_kind")       # runs the kind's example suite twice

Each raises ``AssertionError`` naming the component and what its contract asks.
``harness.testing.models`` holds scripted models (deterministic answers for every
request kind through the real ``python`` adapter) for examples and tests.
"""

from harness.testing.adapters import check_model_adapter
from harness.testing.analyses import check_analysis
from harness.testing.data import check_data_source, check_generator
from harness.testing.kinds import check_test_kind
from harness.testing.metrics import check_metric
from harness.testing.tasks import check_task
from harness.testing.transforms import check_transform

__all__ = [
    "check_analysis",
    "check_data_source",
    "check_generator",
    "check_metric",
    "check_model_adapter",
    "check_task",
    "check_test_kind",
    "check_transform",
]
