"""Fixtures for the attack tests: a tiny BERT and its adapter, TextAttack imported offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from attack_helpers import LABELS


@pytest.fixture(scope="session")
def tiny_bert_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("transformers")
    from helpers.tiny_models import build_tiny_bert_classifier

    return build_tiny_bert_classifier(tmp_path_factory.mktemp("tiny-bert"), labels=LABELS, seed=0)


@pytest.fixture(scope="session")
def tiny_bert_adapter(tiny_bert_dir: Path) -> Any:
    from harness.models.base import ModelContext, ModelSpec, load_model

    context = ModelContext(task="nli", labels=LABELS, input_fields=("premise", "hypothesis"))
    return load_model(ModelSpec.parse(f"hf-classifier:{tiny_bert_dir}"), context)


@pytest.fixture
def textattack() -> Any:
    """TextAttack, imported offline; skips the test when the attack extra is absent."""
    from harness.attack.offline import import_textattack, textattack_installed

    if not textattack_installed():
        pytest.skip("textattack is not installed (pip install 'reasoning-harness[attack]')")
    return import_textattack()
