"""Suites: a YAML file naming what to evaluate, validated, then frozen.

* ``spec``: the schema (``SuiteSchema``, ``TestSpec``, ``AnalysisSpec``) and the frozen
  ``Suite`` of ``TestPlan``s;
* ``loading``: ``load_suite(path)`` and ``suite_from_mapping(raw)``, with errors that
  name the file, line and field;
* ``preflight``: everything that can be checked before a model runs;
* ``model_fit``: whether a model fits the suite, for ``validate``, ``doctor`` and ``run``;
* ``doctor``: every resource a suite needs, present or missing.
"""

from harness.suite.loading import load_suite, suite_from_mapping
from harness.suite.spec import (
    AnalysisSpec,
    ModelConfig,
    Suite,
    SuiteSchema,
    TestPlan,
    TestSpec,
    TestTask,
)

__all__ = [
    "AnalysisSpec",
    "ModelConfig",
    "Suite",
    "SuiteSchema",
    "TestPlan",
    "TestSpec",
    "TestTask",
    "load_suite",
    "suite_from_mapping",
]
