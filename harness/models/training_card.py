"""A training card: how harness trained a model, kept beside the model's files.

``harness finetune`` writes ``training_card.json`` into the checkpoint directory it
makes (a Hugging Face classifier) or beside the training file it fits the reference
model on. An adapter that finds one says so through ``training_card()``, and the run
manifest records it under ``manifest.training`` (docs/results-schema.md), so a run of a
fine-tuned model says what data, augmentation, hyperparameters and seeds made it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

#: The card's file name in a checkpoint directory.
TRAINING_CARD_NAME = "training_card.json"
#: Bump when the card's fields change meaning.
TRAINING_CARD_FORMAT = "harness-training-card/1"


def read_training_card(directory: Path) -> dict[str, Any] | None:
    """The card in ``directory``, or None when there is none (or it is not a card)."""
    path = Path(directory) / TRAINING_CARD_NAME
    if not path.is_file():
        return None
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(card, dict) or card.get("format") != TRAINING_CARD_FORMAT:
        return None
    return card
