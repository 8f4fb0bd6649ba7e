"""Loading a Hugging Face model offline, and what every Hugging Face adapter holds.

A hub id is looked up in the local Hugging Face cache first and only fetched when the
hub is reachable and ``HF_HUB_OFFLINE`` is not set; a model that needs its own code is
refused unless the user trusts it. Every failure is one line naming the model.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeVar

from pydantic import Field

from harness.errors import ModelError, ResourceUnavailableError, UnsafeLoadError
from harness.models.base import ModelContext, ModelOptions, ModelSpec, ServedKinds, declare_options
from harness.models.batching import resolve_device, resolve_dtype
from harness.models.common import (
    FingerprintedOnce,
    adapter_description,
    option_int,
    sha256_model_directory,
)
from harness.models.opt_in import COMMAND_LINE_ONLY, unsafe_load
from harness.resources import Resource, hub_model_cached


def local_or_hub_resources(spec: ModelSpec, base_dir: Path) -> Iterator[Resource]:
    """``resources`` of a Hugging Face adapter: a local directory, or the hub id in the
    local Hugging Face cache (nothing is downloaded to find out)."""
    local = Path(spec.target).expanduser()
    if not local.is_absolute():
        local = (base_dir / local) if (base_dir / local).exists() else local
    if local.exists():
        problem = local_model_problem(str(local))
        if problem is None:
            yield Resource.found("model", f"{spec} (local directory {local})")
        else:
            yield Resource.missing("model", f"{spec} (local directory {local})", problem)
    elif not could_be_hub_id(spec.target):
        # Only a path can look like this: never blamed on the hub.
        yield Resource.missing("model", str(spec), "no such model directory")
    elif hub_model_cached(spec.target):
        yield Resource.found("model", f"{spec} (in the local Hugging Face cache)")
    else:
        yield Resource.missing(
            "model",
            str(spec),
            f"no local directory '{spec.target}' and not in the Hugging Face cache: pass a "
            "directory saved with save_pretrained, or pre-populate the cache "
            f"(huggingface-cli download {spec.target}) and set HF_HUB_OFFLINE=1",
        )


def _offline() -> bool:
    """HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE, read now (huggingface_hub reads them at import)."""
    values = (os.environ.get("HF_HUB_OFFLINE", ""), os.environ.get("TRANSFORMERS_OFFLINE", ""))
    if any(value.strip().lower() in {"1", "true", "yes", "on"} for value in values):
        return True
    try:
        from huggingface_hub import constants

        return bool(constants.HF_HUB_OFFLINE)
    except ImportError:  # pragma: no cover - transformers depends on huggingface_hub
        return False


#: A hub id as the hub allows it: NAME or NAMESPACE/NAME, each of letters, digits, "-", "_"
#: and ".", not starting or ending with "-" or ".", without "--" or "..", at most 96 long.
_HUB_NAME = r"[A-Za-z0-9](?:[\w.-]*[A-Za-z0-9_])?"
_HUB_ID = re.compile(rf"(?:{_HUB_NAME}/)?{_HUB_NAME}")


def could_be_hub_id(target: str) -> bool:
    """Whether ``target`` may name a hub model; if not, it can only be a local path.

    >>> [could_be_hub_id(t) for t in ("roberta-large-mnli", "facebook/bart-large-mnli")]
    [True, True]
    >>> [could_be_hub_id(t) for t in ("./ckpt", "/models/nli", "~/m", "runs/a/b", "a..b")]
    [False, False, False, False, False]
    """
    return (
        len(target) <= 96
        and _HUB_ID.fullmatch(target) is not None
        and "--" not in target
        and ".." not in target
    )


def local_model_problem(target: str) -> str | None:
    """What is wrong with ``target`` as a local model directory, when it can only be one.

    A path that does not exist and cannot be a hub id is a missing directory, said at
    once (it is never looked up on the hub); a directory must hold config.json.
    """
    local = Path(target).expanduser()
    if local.is_dir():
        if (local / "config.json").is_file():
            return None
        return (
            f"{target}: not a saved model directory (no config.json; save it with save_pretrained)"
        )
    if local.exists():
        return f"{target}: a file, not a model directory saved with save_pretrained"
    if not could_be_hub_id(target):
        return f"{target}: no such model directory"
    return None


def check_hf_target(spec: ModelSpec, context: ModelContext) -> None:
    """The cheap ``check`` of every Hugging Face adapter (``harness validate``, and ``run``
    before any data loads): a target that can only be a local path must be a saved model."""
    if not spec.target:
        raise ModelError(f"{spec.kind} needs a hub id or a local directory, e.g. {spec.kind}:PATH")
    problem = local_model_problem(spec.target)
    if problem is not None:
        raise ModelError(problem)


def _unavailable(target: str, reason: str) -> ResourceUnavailableError:
    return ResourceUnavailableError(
        f"model '{target}' is not available offline ({reason}); pass a local directory "
        f"(hf-classifier:/path/to/model saved with save_pretrained), or pre-populate the "
        f"Hugging Face cache (huggingface-cli download {target}) and set HF_HUB_OFFLINE=1"
    )


def _remote_code_error(target: str, error: Exception) -> UnsafeLoadError | None:
    if "trust_remote_code" in str(error):
        return unsafe_load(
            f"model '{target}' needs its own Python code to load (trust_remote_code)",
            COMMAND_LINE_ONLY["trust_remote_code"],
        )
    return None


def _load_config(target: str, trust_remote_code: bool) -> tuple[Any, Path]:
    """The model's config and the directory its files are in (local or HF cache snapshot)."""
    from transformers import AutoConfig
    from transformers.utils import cached_file

    problem = local_model_problem(target)
    if problem is not None:
        raise ModelError(problem)
    local = Path(target).expanduser()
    if local.is_dir():
        attempts = [{"local_files_only": True}]
        location = str(local)
    else:
        attempts = [{"local_files_only": True}]
        if not _offline():
            attempts.append({"local_files_only": False})
        location = target
    last_error: Exception | None = None
    for attempt in attempts:
        try:
            config = AutoConfig.from_pretrained(
                location, trust_remote_code=trust_remote_code, **attempt
            )
            config_file = cached_file(location, "config.json", **attempt)
        except ValueError as error:
            unsafe = _remote_code_error(target, error)
            if unsafe is not None:
                raise unsafe from None
            raise ModelError(f"model '{target}' cannot be loaded: {error}") from None
        except OSError as error:
            last_error = error
            continue
        if config_file is None:  # pragma: no cover - cached_file raises instead
            continue
        return config, Path(config_file).parent
    if local.is_dir():  # pragma: no cover - AutoConfig read the directory above
        raise ModelError(f"model '{target}' cannot be loaded: {last_error}")
    reason = "not in the local Hugging Face cache"
    if not _offline():
        reason += " and the hub could not be reached"
    else:
        reason += ", and HF_HUB_OFFLINE is set"
    raise _unavailable(target, reason)


def load_tokenizer(target: str, model_dir: Path, trust_remote_code: bool) -> Any:
    """The tokenizer saved beside a model, or a one-line ``ModelError`` saying why not."""
    from transformers import AutoTokenizer

    try:
        return AutoTokenizer.from_pretrained(
            str(model_dir), local_files_only=True, trust_remote_code=trust_remote_code
        )
    except ValueError as error:
        unsafe = _remote_code_error(target, error)
        raise (unsafe or ModelError(f"model '{target}' tokenizer: {error}")) from None
    except OSError as error:
        raise ModelError(f"model '{target}' has no usable tokenizer: {error}") from None


def load_weights(auto_class: Any, adapter: Any, **loading: Any) -> Any:
    """``auto_class.from_pretrained`` on an adapter's directory, offline, with its config;
    a refused remote-code model or unreadable weights are one line."""
    try:
        return auto_class.from_pretrained(
            str(adapter.model_dir),
            config=adapter.config,
            local_files_only=True,
            trust_remote_code=adapter.trust_remote_code,
            **loading,
        )
    except ValueError as error:
        unsafe = _remote_code_error(adapter.target, error)
        raise (unsafe or ModelError(f"model '{adapter.target}': {error}")) from None
    except OSError as error:
        raise ModelError(f"model '{adapter.target}' weights cannot be loaded: {error}") from None


def declare_hf_adapter(
    factory: Any, options: type[ModelOptions], *, description: str, serves: ServedKinds
) -> None:
    """``declare_options`` for a Hugging Face adapter: named by a hub id or a local
    directory (``KIND:PATH``), checked without loading (``check_hf_target``), its files
    found for ``harness doctor`` (``local_or_hub_resources``)."""
    declare_options(
        factory,
        options,
        check_hf_target,
        description=description,
        resources=local_or_hub_resources,
        serves=serves,
        usage=":PATH",
    )


AdapterT = TypeVar("AdapterT")


def build_hf_adapter(
    adapter_class: Callable[..., AdapterT],
    kind: str,
    example: str,
    spec: ModelSpec,
    context: ModelContext,
    **extra: Any,
) -> AdapterT:
    """An adapter over ``KIND:TARGET``: its config and tokenizer loaded, its weights later."""
    if not spec.target:
        raise ModelError(f"{kind} needs a hub id or a local directory, e.g. {kind}:{example}")
    config, model_dir = _load_config(spec.target, context.trust_remote_code)
    tokenizer = load_tokenizer(spec.target, model_dir, context.trust_remote_code)
    return adapter_class(
        spec.target,
        model_dir=model_dir,
        config=config,
        tokenizer=tokenizer,
        options=spec.options,
        trust_remote_code=context.trust_remote_code,
        spec=str(spec),
        **extra,
    )


class BatchedHFOptions(ModelOptions):
    """Options of the adapters that batch by padded tokens: where the model runs, in what
    precision, and a cap on padded tokens per batch."""

    device: str = "auto"
    # auto: bfloat16 on a CUDA device that supports it, else float32 (recorded in results).
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = "auto"
    # Cut batches by padded tokens (inputs × longest) as well as by batch_size.
    max_tokens_per_batch: int | None = Field(default=None, ge=1, le=100_000_000)


class HFAdapter(FingerprintedOnce):
    """What every Hugging Face adapter holds: the target, its directory, config and
    tokenizer, its options, the device (chosen on first use) and the network (loaded on
    first use, by the subclass's ``model``)."""

    #: The adapter's kind, as in ``KIND:TARGET``.
    kind: ClassVar[str] = ""
    cacheable = True
    #: The longest input in tokens and the inputs per batch (set by each adapter).
    max_length: int
    batch_size: int

    def __init__(
        self,
        target: str,
        *,
        model_dir: Path,
        config: Any,
        tokenizer: Any,
        options: Mapping[str, Any],
        trust_remote_code: bool = False,
        spec: str = "",
    ) -> None:
        self.target = target
        self.model_dir = model_dir
        self.config = config
        self.tokenizer = tokenizer
        self.options = dict(options)
        self.trust_remote_code = trust_remote_code
        self.spec = spec or f"{self.kind}:{target}"
        self.device_name = str(options.get("device", "auto"))
        self.dtype_name = str(options.get("dtype", "auto"))
        self.truncated_count = 0
        self._model: Any = None
        self._device: Any = None

    def read_sizes(self, batch_size: int, max_length: int, *, minimum: int) -> None:
        """``batch_size`` and ``max_length`` from the options, with these defaults (an
        input length below ``minimum`` is refused)."""
        self.batch_size = option_int(self.options, "batch_size", batch_size)
        self.max_length = option_int(self.options, "max_length", max_length, minimum=minimum)

    @property
    def model(self) -> Any:
        """The network, loaded on first use (``load_model``) and kept."""
        if self._model is None:
            self._model = self.load_model()
        return self._model

    def load_model(self) -> Any:
        """The network from ``model_dir``, in eval mode on the chosen device."""
        raise NotImplementedError

    @property
    def dtype(self) -> Any:
        """float32 on the CPU; ``auto`` takes bfloat16 on a CUDA device that supports it."""
        return resolve_dtype(self.dtype_name, self.device)

    def loaded_details(self) -> dict[str, Any]:
        """What ``describe()`` tells of a loaded model: where it runs, in what precision,
        its input length and batch size, its architecture and how many inputs were cut."""
        return {
            "device": str(self.device),
            "dtype": str(self.dtype).removeprefix("torch."),
            "max_length": self.max_length,
            "batch_size": self.batch_size,
            "model_type": getattr(self.config, "model_type", None),
            "truncated_count": self.truncated_count,
        }

    def fingerprint_fields(self) -> dict[str, Any]:
        """The model's files, its input length and the settings that change its answers
        (``fingerprinted_settings``), under the tag ``KIND/1``."""
        return {
            "adapter": f"{self.kind}/1",
            "files": sha256_model_directory(self.model_dir),
            "max_length": self.max_length,
            **self.fingerprinted_settings(),
        }

    def fingerprinted_settings(self) -> dict[str, Any]:
        return {}

    def described(self, what: str, **details: Any) -> dict[str, Any]:
        """``describe()``: the architecture and ``what`` the model is, then ``details``."""
        architecture = type(self.config).__name__.removesuffix("Config")
        return adapter_description(
            self.kind, self.target, self.spec, f"{architecture} {what}", **details
        )

    def training_card(self) -> dict[str, Any] | None:
        """How harness trained this checkpoint (``training_card.json``), if it did."""
        from harness.models.training_card import read_training_card

        return read_training_card(self.model_dir)

    def manifest_files(self) -> dict[str, Path]:
        """The files whose digests the run manifest records: config, tokenizer, weights."""
        from harness.models.common import model_directory_files

        return {path.name: path for path in model_directory_files(self.model_dir)}

    @property
    def device(self) -> Any:
        if self._device is None:
            self._device = resolve_device(self.device_name)
        return self._device
