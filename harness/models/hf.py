"""``hf-classifier``: any ``AutoModelForSequenceClassification``, hub id or local directory.

    harness run suites/nli_robustness.yaml --model hf-classifier:roberta-large-mnli

Works offline: a hub id is looked up in the local Hugging Face cache first and is
only fetched when the hub is reachable and ``HF_HUB_OFFLINE`` is not set; when it
cannot be found, ``ResourceUnavailableError`` says how to provide it. Options:
``batch_size`` (32), ``max_length`` (min(tokenizer limit, 512)), ``device``
(auto|cpu|cuda|mps), ``label_map`` (model label → suite label), ``auto_batch_size``
(true: on a CUDA device, search once for the largest batch of ``max_length``-token
inputs that fits and use it as a padded-token budget; false keeps ``batch_size``;
the CPU path never searches; what was found is in results.json under
``model.details.auto_batch_size``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from pydantic import Field

from harness.core import Example
from harness.errors import ModelError
from harness.models.base import ModelContext, ModelSpec
from harness.models.batching import (
    BatchPipeline,
    TextBatcher,
    default_max_length,
    is_out_of_memory,
    largest_fitting,
    length_sorted_order,
    pad_batch,
    tokenize_once,
)
from harness.models.common import (
    check_label_mapping,
    example_inputs,
    label_map_option,
    option_bool,
    option_int,
)
from harness.models.hf_loading import (
    BatchedHFOptions,
    HFAdapter,
    build_hf_adapter,
    declare_hf_adapter,
    load_weights,
)

#: The most inputs automatic batch sizing puts in one batch (and asks per call).
AUTO_BATCH_LIMIT = 4096


class HFClassifier(HFAdapter):
    """A sequence classifier; labels are ``config.id2label`` in id order."""

    kind = "hf-classifier"

    def __init__(
        self,
        target: str,
        *,
        input_fields: Sequence[str] = ("premise", "hypothesis"),
        **loaded: Any,
    ) -> None:
        super().__init__(target, **loaded)
        options, tokenizer, config = self.options, self.tokenizer, self.config
        self.input_fields = tuple(input_fields)
        if not getattr(config, "id2label", None):
            raise ModelError(f"model '{target}' has no id2label in its config")
        self.labels: tuple[str, ...] = tuple(
            str(config.id2label[index]) for index in range(config.num_labels)
        )
        self.batch_size = option_int(options, "batch_size", 32)
        self.max_length = option_int(
            options, "max_length", default_max_length(tokenizer, config), minimum=2
        )
        self.label_map = label_map_option(options)
        max_tokens = options.get("max_tokens_per_batch")
        self.max_tokens_per_batch = int(max_tokens) if max_tokens else None
        self.compile = bool(options.get("compile", False))
        # On a CUDA device, the largest batch that fits is searched for (auto_batch_size).
        self.auto_batch_size = option_bool(options, "auto_batch_size", True)
        #: What the search found (None until it ran): recorded in results.
        self.auto_batch: dict[str, int] | None = None
        self.batcher = TextBatcher(tokenizer, self.max_length)
        self.last_truncated: list[bool] = []

    # -- loading ------------------------------------------------------------------

    def load_model(self) -> Any:
        """The network in eval mode, on the chosen device (compiled when asked)."""
        from transformers import AutoModelForSequenceClassification

        model, loading_info = load_weights(
            AutoModelForSequenceClassification, self, output_loading_info=True
        )
        self._refuse_new_weights(loading_info.get("missing_keys") or [])
        model = model.to(self.device, dtype=self.dtype).eval()
        if self.compile:
            import torch

            model = torch.compile(model)
        return model

    def _refuse_new_weights(self, missing: Sequence[str]) -> None:
        """Weights absent from the checkpoint are initialised at random: a base model with a
        fresh classification head answers noise that differs run to run (and the cache
        would freeze one draw). Refused unless the user opts in."""
        if missing and not self.options.get("allow_untrained_head", False):
            shown = ", ".join(sorted(missing)[:4]) + (", ..." if len(missing) > 4 else "")
            raise ModelError(
                f"model '{self.target}': {len(missing)} weights are not in the checkpoint and "
                f"would be newly initialised at random ({shown}); use a fine-tuned "
                "classifier, or set the model option allow_untrained_head=true"
            )

    @property
    def dtype_is_float32(self) -> bool:
        return self.dtype_name == "float32" or str(self.dtype) == "torch.float32"

    # -- automatic batch sizing (CUDA only) ----------------------------------------

    def auto_sizing_applies(self) -> bool:
        """On a CUDA device, unless turned off; the CPU path keeps ``batch_size`` as given."""
        return self.auto_batch_size and self.device.type == "cuda"

    @property
    def request_batch_size(self) -> int | None:
        """Requests per ``classify`` call: with automatic sizing, enough to fill the largest
        batch the search may allow (the adapter cuts its own batches by the token budget)."""
        return AUTO_BATCH_LIMIT if self.auto_sizing_applies() else None

    def auto_size(self, length: int, token_type_ids: bool = False) -> dict[str, int]:
        """Find the largest batch of ``length``-token inputs one forward pass fits in, and
        make ``batch rows × length`` the padded-token budget of every later batch.

        Memory per padded token only shrinks for shorter inputs (attention grows with
        length), so the budget found at the longest length fits every batch it admits;
        the out-of-memory back-off stays in place for what the probe did not foresee.
        """
        import torch

        model, device = self.model, self.device
        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0

        def forward(rows: int) -> None:
            ids = torch.full((rows, length), pad, dtype=torch.long, device=device)
            inputs = {"input_ids": ids, "attention_mask": torch.ones_like(ids)}
            if token_type_ids:
                inputs["token_type_ids"] = torch.zeros_like(ids)
            with torch.inference_mode():
                model(**inputs).logits.float().sum().item()  # .item(): wait for the device

        def fits(rows: int) -> bool:
            try:
                forward(rows)
            except Exception as error:
                if not is_out_of_memory(error):
                    raise
                fitted = False
            else:
                fitted = True
            # Outside the handler, so the failed probe's tensors are already released.
            if not fitted and torch.cuda.is_available():
                torch.cuda.empty_cache()
            return fitted

        rows, probed = largest_fitting(fits, start=self.batch_size, limit=AUTO_BATCH_LIMIT)
        budget = rows * length
        if self.max_tokens_per_batch is not None:
            budget = min(budget, self.max_tokens_per_batch)
        self.auto_batch = {
            "probe_length": length,
            "largest_batch": rows,
            "probes": len(probed),
            "max_tokens_per_batch": budget,
        }
        self.max_tokens_per_batch = budget
        self.batch_size = AUTO_BATCH_LIMIT
        return self.auto_batch

    # -- the ClassifierModel protocol --------------------------------------------

    def fingerprinted_settings(self) -> dict[str, Any]:
        return {
            "label_map": self.label_map,
            # Half precision changes the numbers: another dtype, other answers.
            # float32 adds nothing, so existing caches stay valid.
            **({} if self.dtype_is_float32 else {"dtype": str(self.dtype)}),
        }

    def describe(self) -> dict[str, Any]:
        return self.described(
            f"sequence classifier '{self.target}'",
            device=str(self.device),
            labels=list(self.labels),
            max_length=self.max_length,
            batch_size=self.batch_size,
            max_tokens_per_batch=self.max_tokens_per_batch,
            dtype=str(self.dtype).removeprefix("torch."),
            model_type=getattr(self.config, "model_type", None),
            truncated_count=self.truncated_count,
            # What automatic batch sizing found on a GPU (None: it did not run).
            auto_batch_size=self.auto_batch,
        )

    def classify(self, examples: Sequence[Example]) -> np.ndarray:
        return self.classify_inputs(example_inputs(examples, self.input_fields))

    def classify_inputs(self, inputs: Sequence[tuple[str, ...]]) -> np.ndarray:
        """Probabilities for raw text tuples, in the order given."""
        probabilities = np.zeros((len(inputs), len(self.labels)), dtype=np.float64)
        if not inputs:
            return probabilities
        import torch

        tokenized = tokenize_once(self.batcher, inputs)
        self.truncated_count += sum(tokenized.truncated)
        # Per input, so the predictor can store the flag with each prediction.
        self.last_truncated = list(tokenized.truncated)
        model, device = self.model, self.device
        on_cuda = device.type == "cuda"
        if self.auto_batch is None and self.auto_sizing_applies():
            self.auto_size(self.max_length, tokenized.token_type_ids is not None)

        def prepare(batch: list[int]) -> dict[str, Any]:
            tensors = pad_batch(self.tokenizer, tokenized, batch)
            if on_cuda:
                tensors = {k: v.pin_memory() for k, v in tensors.items()}
            return {k: v.to(device, non_blocking=on_cuda) for k, v in tensors.items()}

        def run(prepared: dict[str, Any]) -> Any:
            with torch.inference_mode():
                # Stays on the device: one copy to the host at the end, not a sync per batch.
                return torch.softmax(model(**prepared).logits.float(), dim=-1)

        order = length_sorted_order(tokenized.lengths)
        batches, self.batch_size = BatchPipeline(prepare, run).run_all(
            order, tokenized.lengths, self.batch_size, self.max_tokens_per_batch, self.max_length
        )
        if batches:
            indices = [index for batch, _ in batches for index in batch]
            stacked = torch.cat([outputs for _, outputs in batches]).cpu().numpy()
            probabilities[indices] = stacked.astype(np.float64)
        return probabilities


def load_hf_classifier(spec: ModelSpec, context: ModelContext) -> HFClassifier:
    """Build the adapter for ``hf-classifier:TARGET`` (hub id or local directory)."""
    adapter = build_hf_adapter(
        HFClassifier,
        "hf-classifier",
        "./my-model",
        spec,
        context,
        input_fields=context.input_fields,
    )
    check_label_mapping(adapter.labels, context.labels, spec.options, model_name=spec.target)
    return adapter


class HFClassifierOptions(BatchedHFOptions):
    """Options of ``hf-classifier``."""

    # Inputs longer than this are truncated (and counted); at least room for [CLS] a [SEP] b [SEP].
    max_length: int | None = Field(default=None, ge=5, le=1_000_000)
    # On a CUDA device, search for the largest batch that fits (false: keep batch_size).
    auto_batch_size: bool = True
    # torch.compile the network (worth it for long runs on a GPU).
    compile: bool = False
    # Evaluate a checkpoint whose head was never trained (random predictions; a baseline).
    allow_untrained_head: bool = False


declare_hf_adapter(
    load_hf_classifier,
    HFClassifierOptions,
    description="AutoModelForSequenceClassification, hub id or local path",
    serves=("classify",),
)
