"""Shared fixtures: an isolated cache per test, tiny real models, mock models."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test gets its own harness cache, so nothing leaks between tests.

    The NLTK data directory is shared per session: it only copies WordNet once.
    """
    cache = tmp_path_factory.mktemp("harness-cache")
    monkeypatch.setenv("HARNESS_CACHE_DIR", str(cache))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    return cache


@pytest.fixture(scope="session")
def tiny_bert(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random BERT NLI classifier saved to a local directory (built once per session)."""
    from helpers.tiny_models import build_tiny_bert_classifier

    return build_tiny_bert_classifier(tmp_path_factory.mktemp("tiny-bert"))


@pytest.fixture(scope="session")
def sick_dir() -> Path:
    """The SICK data shipped beside the repository for tests; skip when absent."""
    directory = SHARED_DATA / "sick"
    if not directory.exists():
        pytest.skip("../shared/data/sick is not present")
    return directory


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
