"""Public conformance checks: what every registered component must satisfy.

A plugin author runs the same checks the project runs over its own components, on
theirs (scikit-learn's ``check_estimator`` is the model):

    from harness.testing import check_metric
    check_metric(MY_METRIC)
"""

from harness.testing.metrics import check_metric

__all__ = ["check_metric"]
