"""Package discovery that pyproject.toml cannot express: the top-level prompts/ and
reports/ folders ship inside the wheel as ``harness.prompts`` and ``harness.reports``
(see ``package-dir`` in pyproject.toml); everything else is configured there."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["harness", "harness.*"]), "harness.prompts", "harness.reports"])
