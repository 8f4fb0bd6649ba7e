"""An example plugin: one component of each kind, registered through ``harness.plugins``.

A distribution names ``register`` in its entry points::

    [project.entry-points."harness.plugins"]
    example = "harness_example_plugin:register"

and harness calls it with ``harness.registry`` the first time a registry is read. Each
component is registered by import path, as the built-ins are, so nothing loads before
a suite names it. tests/test_plugin_package.py installs this package (an entry point
in a temporary distribution) and runs the public checks of ``harness.testing`` on it.
"""

from __future__ import annotations

from types import ModuleType


def register(registry: ModuleType) -> None:
    registry.DATA_SOURCES.register("example_pipes", "harness_example_plugin.sources:PipeSource")
    registry.GENERATORS.register("example_mirror", "harness_example_plugin.sources:MirrorGenerator")
    registry.TRANSFORMS.register("example_shout", "harness_example_plugin.transforms:Shout")
    registry.MODELS.register("example-keywords", "harness_example_plugin.models:load_keywords")
    registry.TASKS.register("example_nli", "harness_example_plugin.tasks:ConfidenceNLITask")
    registry.METRICS.register(
        "example_confident_error_rate", "harness_example_plugin.tasks:CONFIDENT_ERROR_RATE"
    )
    registry.TEST_KINDS.register("example_case_check", "harness_example_plugin.kinds:CaseCheck")
    registry.ANALYSES.register("example_summary", "harness_example_plugin.kinds:Summary")
