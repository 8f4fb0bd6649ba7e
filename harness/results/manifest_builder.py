"""Build a run's manifest (``harness.results.manifest``) from what ran.

The runner calls ``build_manifest`` once every test has its items. What a model knows
about itself it says: ``manifest_files()`` (the files that decide its answers; digested
through ``harness.cache.file_digests``, so a checkpoint is hashed once per path, size
and modification time), ``describe()``'s ``device`` and ``dtype``, and ``chat_format``
(the chat format it wraps prompts in, or None). A test's task says its prompt template
(``template``). The decoding settings are read from the requests the items record, so
they are the settings as sent, not as configured.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from harness import __version__
from harness.cache import file_digests
from harness.results.manifest import ModelIdentity, PromptRecord, RunManifest

#: The keys of a request that are decoding settings (``harness.requests.Generate``).
DECODING_KEYS = ("max_tokens", "temperature", "top_p", "stop", "seed")
_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth", ".ckpt", ".gguf", ".onnx")
_TOKENIZER_NAMES = (
    "tokenizer",
    "vocab",
    "merges",
    "special_tokens_map",
    "added_tokens",
    "spiece",
    "chat_template",
)


def file_role(name: str) -> str:
    """``weights``, ``tokenizer`` or ``config`` for a model file, by its name.

    >>> [file_role(n) for n in ("model.safetensors", "tokenizer.json", "config.json")]
    ['weights', 'tokenizer', 'config']
    """
    if name.endswith(_WEIGHT_SUFFIXES) or name.endswith(".py") or name.endswith(".pkl"):
        return "weights"
    if name.startswith(_TOKENIZER_NAMES) or name.endswith(".model"):
        return "tokenizer"
    return "config"


def _sha256_json(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def model_identity(spec: Any, model: Any, fingerprint: str) -> ModelIdentity:
    """The model's kind, target, fingerprint, file digests, device and dtype."""
    paths: Mapping[str, Path] = {}
    if callable(getattr(model, "manifest_files", None)):
        paths = model.manifest_files()
    files = {name: file_digests.sha256_file(path) for name, path in sorted(paths.items())}
    by_role: dict[str, dict[str, str]] = {"weights": {}, "tokenizer": {}, "config": {}}
    for name, digest in files.items():
        by_role[file_role(name)][name] = digest
    description = dict(model.describe()) if callable(getattr(model, "describe", None)) else {}

    def role_digest(role: str) -> str | None:
        return _sha256_json(by_role[role]) if by_role[role] else None

    device, dtype = description.get("device"), description.get("dtype")
    return ModelIdentity(
        kind=spec.kind,
        target=spec.target,
        fingerprint=fingerprint,
        weights=role_digest("weights"),
        tokenizer=role_digest("tokenizer"),
        config=role_digest("config"),
        files=files,
        device=None if device is None else str(device),
        dtype=None if dtype is None else str(dtype),
    )


def prompt_record(task: Any) -> PromptRecord:
    """The task's prompt template (name and full text), or an empty record."""
    template = getattr(task, "template", None)
    if template is None:
        return PromptRecord()
    path = getattr(template, "path", None)
    text = Path(path).read_text(encoding="utf-8") if path and Path(path).is_file() else ""
    return PromptRecord(name=str(getattr(template, "name", "")), text=text)


def _row(row: Mapping[str, Any] | bytes) -> Mapping[str, Any]:
    return json.loads(row) if isinstance(row, bytes | str) else row


def is_made_for_the_model(row: Mapping[str, Any]) -> bool:
    """Adversarial variants (``attack:<recipe>``) are searched for against one model:
    they are not the test's data but the model's answers to it."""
    transform = row.get("transform") or {}
    return str(transform.get("name", "")).startswith("attack:")


def data_and_decoding(rows: Iterable[Mapping[str, Any] | bytes]) -> tuple[str, list[dict]]:
    """A test's data digest (ids, parents, inputs, targets of its items, sorted by id) and
    each distinct set of decoding settings its requests were sent with."""
    entries, settings = [], set()
    for raw in rows:
        row = _row(raw)
        if not is_made_for_the_model(row):
            entries.append(
                [row.get("id"), row.get("parent_id"), row.get("fields"), row.get("gold")]
            )
        request = row.get("request")
        if isinstance(request, Mapping):
            sent = {k: request[k] for k in DECODING_KEYS if k in request}
            if sent:
                settings.add(json.dumps(sent, sort_keys=True))
    entries.sort(key=lambda entry: str(entry[0]))
    return _sha256_json(entries), [json.loads(s) for s in sorted(settings)]


@cache
def source_digest() -> str:
    """A digest of harness's own Python source (what ran, whatever the version says)."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_manifest(
    *,
    spec: Any,
    model: Any,
    fingerprint: str,
    seed: int,
    tests: Mapping[str, tuple[Any, Iterable[Mapping[str, Any] | bytes]]],
    environment: Mapping[str, Any],
) -> RunManifest:
    """The manifest of a run: ``tests`` maps each test to (its task, its item rows)."""
    prompt, data, decoding = {}, {}, {}
    for name, (task, rows) in tests.items():
        prompt[name] = prompt_record(task)
        data[name], decoding[name] = data_and_decoding(rows)
    chat_format = getattr(model, "chat_format", None)
    card = model.training_card() if callable(getattr(model, "training_card", None)) else None
    return RunManifest(
        model=model_identity(spec, model, fingerprint),
        prompt=prompt,
        chat_format=dict(chat_format) if chat_format else None,
        decoding=decoding,
        data=data,
        seed=seed,
        code={"harness_version": __version__, "source_digest": source_digest()},
        environment={
            k: environment[k] for k in ("python", "platform", "packages") if k in environment
        },
        training=dict(card) if card else None,
    )
