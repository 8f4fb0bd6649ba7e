"""Fine-tune a sequence classifier, or refit the reference model's head, on training data.

    training examples ──carve_dev──▶ train, dev   (dev: from the training data only)
    hf-classifier:PATH | packaged-minilm ──transformers Trainer (early stopping on dev)──▶
        save_pretrained + training_card.json, moved into place in one rename
    reference ──logistic head refit on train──▶ train.jsonl + training_card.json

Labels are mapped by name, as the evaluator maps a classifier's ``id2label`` to the
suite's labels: a checkpoint whose labels are the suite's keeps its head and its label
ids; any other (an encoder, a model with other labels) gets a new head whose
``id2label`` is the suite's labels, so the checkpoint loads through ``hf-classifier``
with no ``label_map``.

Nothing is half-written: the checkpoint is assembled in a hidden staging directory
beside ``out`` and renamed into place when complete; an interruption (Ctrl-C, SIGTERM)
or a failure removes the staging directory and leaves ``out`` absent.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from harness import __version__
from harness.core import Example
from harness.errors import HarnessError
from harness.files.jsonio import dumps_json, write_atomic
from harness.loop.dev_split import carve_dev
from harness.models.common import sha256_json
from harness.models.training_card import TRAINING_CARD_FORMAT, TRAINING_CARD_NAME

#: ``--model`` for the packaged all-MiniLM-L6-v2 encoder with a new classification head.
PACKAGED_ENCODER = "packaged-minilm"
#: The training file a refit reference model reads (``train_file``).
REFERENCE_TRAIN_FILE = "train.jsonl"


@dataclass(frozen=True)
class FinetuneSettings:
    """Hyperparameters and seeds; every one is recorded in the training card."""

    seed: int = 0
    dev_fraction: float = 0.1
    epochs: int = 3
    learning_rate: float = 5e-5
    batch_size: int = 16
    weight_decay: float = 0.0
    max_length: int = 128
    patience: int = 1  # epochs without a lower dev loss before stopping
    C: float = 1.0  # the reference model's regularisation


@dataclass(frozen=True)
class Finetuned:
    """What ``finetune`` made: the model to run (spec and options) and its card."""

    spec: str
    options: Mapping[str, Any]
    directory: Path
    card: Mapping[str, Any]


@dataclass(frozen=True)
class _FitJob:
    """What either trainer fits on and where it writes: the same for the reference refit
    and the transformers Trainer."""

    train: Sequence[Example]
    dev: Sequence[Example]
    staging: Path
    out: Path
    labels: Sequence[str]
    input_fields: Sequence[str]
    settings: FinetuneSettings


def examples_digest(examples: Sequence[Example]) -> str:
    """SHA-256 over ids, inputs and labels, in order."""
    return sha256_json([[e.id, dict(e.fields), e.target] for e in examples])


def label_counts(examples: Sequence[Example]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for example in examples:
        counts[str(example.target)] = counts.get(str(example.target), 0) + 1
    return dict(sorted(counts.items()))


def check_labels(examples: Sequence[Example], labels: Sequence[str]) -> None:
    """Every training label must be one of the suite's (labels are mapped by name)."""
    for example in examples:
        if str(example.target) not in labels:
            raise HarnessError(
                f"training example '{example.id}': label '{example.target}' is not one of "
                f"the suite's labels ({', '.join(labels)})"
            )


def refuse_existing(out: Path) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise HarnessError(f"{out}: already exists; choose a new --out (nothing is overwritten)")


def staging_directory(out: Path) -> Path:
    """A hidden directory beside ``out`` that becomes ``out`` in one rename."""
    return out.parent / f".{out.name}.partial-{os.getpid()}"


def finetune(
    model: str,
    examples: Sequence[Example],
    out: Path,
    *,
    labels: Sequence[str],
    input_fields: Sequence[str],
    settings: FinetuneSettings,
    cache_dir: Path,
    data: Mapping[str, Any] | None = None,
    progress: bool = True,
    say: Callable[[str], None] = print,
) -> Finetuned:
    """Train ``model`` (``reference``, ``packaged-minilm`` or ``hf-classifier:PATH``) on
    ``examples`` and write it to ``out``; ``data`` describes the training data for the card
    (its source and augmentation)."""
    out = Path(out)
    refuse_existing(out)
    check_labels(examples, labels)
    train, dev = carve_dev(examples, settings.dev_fraction, settings.seed)
    if not train or not dev:
        raise HarnessError(
            f"cannot carve a dev split from {len(examples)} training examples: it needs two "
            "or more groups of examples that share no text (a variant goes with its original)"
        )
    card: dict[str, Any] = {
        "format": TRAINING_CARD_FORMAT,
        "harness_version": __version__,
        "base_model": model,
        "labels": list(labels),
        "input_fields": list(input_fields),
        "data": {
            **dict(data or {}),
            "train": {
                "n": len(train),
                "digest": examples_digest(train),
                "labels": label_counts(train),
            },
            "dev": {"n": len(dev), "digest": examples_digest(dev), "labels": label_counts(dev)},
            "dev_split": "carved from the training data, never from a test; examples that "
            "share a text (a variant and its original, one premise's hypotheses) on one side",
        },
        "seeds": {"seed": settings.seed, "dev_split": settings.seed},
    }
    staging = staging_directory(out)
    shutil.rmtree(staging, ignore_errors=True)
    started = time.perf_counter()
    try:
        staging.mkdir(parents=True)
        job = _FitJob(train, dev, staging, out, labels, input_fields, settings)
        if model == "reference":
            spec, options, details = _refit_reference(job, cache_dir)
        else:
            spec, options, details = _train_classifier(model, job, progress, say)
        card.update(details)
        card["time"] = {"total_s": round(time.perf_counter() - started, 2)}
        card["model"] = {"spec": spec, "options": dict(options)}
        write_atomic(staging / TRAINING_CARD_NAME, dumps_json(card, indent=2) + "\n")
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.is_dir():
            out.rmdir()  # empty (refuse_existing): the rename needs it gone
        os.replace(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Finetuned(spec, options, out, card)


def _accuracy(predicted: Sequence[str], examples: Sequence[Example]) -> float:
    right = sum(1 for p, e in zip(predicted, examples, strict=True) if p == str(e.target))
    return right / len(examples) if examples else 0.0


def _refit_reference(job: _FitJob, cache_dir: Path) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """The reference model's logistic head refit on ``train``; scored on ``dev``."""
    train, dev, staging, settings = job.train, job.dev, job.staging, job.settings
    import numpy as np

    from harness.files.jsonio import dumps_json_bytes
    from harness.models.reference import NLI_FIELDS, ReferenceModel

    if tuple(job.input_fields) != NLI_FIELDS:
        raise HarnessError("the reference model is an NLI model (premise, hypothesis)")
    started = time.perf_counter()
    model = ReferenceModel(cache_dir / "reference", train, C=settings.C)
    head = model.head  # fit now (and cached: the run that follows reads it back)
    fit_s = time.perf_counter() - started
    probabilities = model.classify(dev)
    predicted = [model.labels[int(i)] for i in np.argmax(probabilities, axis=1)]
    rows = [
        {"id": e.id, **{name: e.fields.get(name) for name in NLI_FIELDS}, "label": e.target}
        for e in train
    ]
    (staging / REFERENCE_TRAIN_FILE).write_bytes(
        b"".join(dumps_json_bytes(row) + b"\n" for row in rows)
    )
    details = {
        "trainer": "scikit-learn LogisticRegression over frozen all-MiniLM-L6-v2 pair features",
        "hyperparameters": {**model.hyperparameters(), "dev_fraction": settings.dev_fraction},
        "dev_scores": {"accuracy": _accuracy(predicted, dev), "n": len(dev)},
        "early_stopping": None,
        "head_classes": list(head.classes),
        "train_s": round(fit_s, 2),
    }
    options = {"train_file": str(job.out.resolve() / REFERENCE_TRAIN_FILE), "C": settings.C}
    return "reference", options, details


def _base_directory(model: str) -> tuple[Path, str]:
    """The local directory of the checkpoint to start from, and its name for the card."""
    if model == PACKAGED_ENCODER:
        from harness.models.reference import encoder_directory

        return encoder_directory(), "all-MiniLM-L6-v2 (packaged encoder, new head)"
    kind, _, target = model.partition(":")
    if kind != "hf-classifier" or not target:
        raise HarnessError(
            f"--model '{model}': fine-tuning takes reference, {PACKAGED_ENCODER} or "
            "hf-classifier:PATH"
        )
    path = Path(target).expanduser()
    if not (path / "config.json").is_file():
        raise HarnessError(f"--model '{model}': {path} is not a local checkpoint directory")
    return path, target


def _train_classifier(
    model_spec: str, job: _FitJob, progress: bool, say: Callable[[str], None]
) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """transformers' Trainer with early stopping on the dev split; saved with save_pretrained."""
    import numpy as np
    import torch
    import transformers
    from transformers import (
        AutoConfig,
        AutoModelForSequenceClassification,
        AutoTokenizer,
        DataCollatorWithPadding,
        EarlyStoppingCallback,
        Trainer,
        TrainingArguments,
        set_seed,
    )

    train, dev, staging, labels, settings = (
        job.train,
        job.dev,
        job.staging,
        job.labels,
        job.settings,
    )
    base, base_name = _base_directory(model_spec)
    set_seed(settings.seed)
    tokenizer = AutoTokenizer.from_pretrained(str(base), local_files_only=True)
    config = AutoConfig.from_pretrained(str(base), local_files_only=True)
    existing = (
        [str(config.id2label[i]) for i in range(config.num_labels)]
        if getattr(config, "id2label", None)
        else []
    )
    is_classifier = any(a.endswith("ForSequenceClassification") for a in config.architectures or [])
    if is_classifier and sorted(existing) == sorted(labels):
        # The checkpoint's head already answers the suite's labels: keep it and its ids.
        model = AutoModelForSequenceClassification.from_pretrained(str(base), local_files_only=True)
        head = "kept (its labels are the suite's)"
        order = existing
    else:
        order = list(labels)
        model = AutoModelForSequenceClassification.from_pretrained(
            str(base),
            local_files_only=True,
            num_labels=len(order),
            id2label=dict(enumerate(order)),
            label2id={label: i for i, label in enumerate(order)},
            ignore_mismatched_sizes=True,
        )
        head = "new (initialised from the seed)"
    label_id = {label: i for i, label in enumerate(order)}

    def encode(examples: Sequence[Example]) -> list[dict[str, Any]]:
        # One text or a pair, as hf-classifier sends them (harness.models.batching).
        columns = [[str(e.fields.get(name, "")) for e in examples] for name in job.input_fields[:2]]
        encoded = tokenizer(
            *columns,
            truncation=True,
            max_length=settings.max_length,
        )
        return [
            {**{key: encoded[key][i] for key in encoded}, "labels": label_id[str(e.target)]}
            for i, e in enumerate(examples)
        ]

    def compute_metrics(prediction: Any) -> dict[str, float]:
        logits, gold = prediction
        return {"accuracy": float((np.argmax(logits, axis=1) == gold).mean())}

    arguments = TrainingArguments(
        output_dir=str(staging / "trainer"),
        num_train_epochs=settings.epochs,
        learning_rate=settings.learning_rate,
        per_device_train_batch_size=settings.batch_size,
        per_device_eval_batch_size=max(settings.batch_size, 32),
        weight_decay=settings.weight_decay,
        eval_strategy="epoch",
        save_strategy="epoch",
        logging_strategy="epoch",
        load_best_model_at_end=True,
        # Dev loss, not accuracy: on a small dev split accuracy plateaus for epochs while
        # the model still improves, and stopping on it ends training too early.
        metric_for_best_model="loss",
        greater_is_better=False,
        save_total_limit=1,
        save_only_model=True,
        seed=settings.seed,
        data_seed=settings.seed,
        report_to=[],
        disable_tqdm=not progress,
        use_cpu=not torch.cuda.is_available(),
        dataloader_num_workers=0,
    )
    trainer = Trainer(
        model=model,
        args=arguments,
        train_dataset=encode(train),
        eval_dataset=encode(dev),
        data_collator=DataCollatorWithPadding(tokenizer),
        compute_metrics=compute_metrics,
        callbacks=[EarlyStoppingCallback(early_stopping_patience=settings.patience)],
    )
    if not progress:
        from transformers.trainer_callback import PrinterCallback

        trainer.remove_callback(PrinterCallback)  # the per-epoch log lines
    started = time.perf_counter()
    trainer.train()
    train_s = time.perf_counter() - started
    history = [
        {"epoch": row["epoch"], "accuracy": row["eval_accuracy"], "loss": row["eval_loss"]}
        for row in trainer.state.log_history
        if "eval_accuracy" in row
    ]
    scores = trainer.evaluate()  # the best epoch's weights (load_best_model_at_end)
    trainer.save_model(str(staging))
    tokenizer.save_pretrained(str(staging))
    shutil.rmtree(staging / "trainer", ignore_errors=True)
    (staging / "training_args.bin").unlink(missing_ok=True)
    best = min(history, key=lambda row: row["loss"]) if history else None
    say(
        f"fine-tuned {base_name}: dev accuracy {scores['eval_accuracy']:.3f} "
        f"(n={len(dev)}), {len(history)} epoch(s), {train_s:.1f}s"
    )
    details = {
        "trainer": f"transformers {transformers.__version__} Trainer, torch {torch.__version__}",
        "base": base_name,
        "head": head,
        "label_ids": {label: i for i, label in enumerate(order)},
        "hyperparameters": {k: v for k, v in asdict(settings).items() if k != "C"},
        "dev_scores": {
            "accuracy": scores["eval_accuracy"],
            "loss": scores["eval_loss"],
            "n": len(dev),
            "per_epoch": history,
        },
        "early_stopping": {
            "metric": "dev loss",
            "patience": settings.patience,
            "epochs_run": len(history),
            "best_epoch": best["epoch"] if best else None,
        },
        "train_s": round(train_s, 2),
    }
    return f"hf-classifier:{job.out.resolve()}", {}, details
