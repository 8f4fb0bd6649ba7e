"""``--train DATA``: the training data the loop augments and fine-tunes on.

``DATA`` is ``builtin:NAME[:SPLIT]`` (a built-in dataset, e.g. ``builtin:nli-core:train``)
or the path of a local JSONL, CSV/TSV or Parquet file (relative to the working
directory) whose columns are the suite's input fields and ``label``, as a suite's
``file`` source reads it; a file ``harness augment`` wrote is such a file. Rows are
parsed by the suite's task, so a bad row is one line naming the file, row and field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from harness.core import Example
from harness.errors import HarnessError
from harness.loop.dev_split import root_id
from harness.models.common import sha256_json


def train_data_options(text: str) -> Any:
    """The data source options ``--train`` names."""
    from harness.data.sources import BuiltinSource, FileSource

    if text.startswith("builtin:"):
        _, name, *rest = text.split(":")
        if not name or len(rest) > 1:
            raise HarnessError(f"--train '{text}': expected builtin:NAME[:SPLIT]")
        split = rest[0] if rest else "train"
        return BuiltinSource.Options(source="builtin", name=name, split=split)
    path = Path(text).expanduser()
    if not path.is_file():
        raise HarnessError(f"--train '{text}': no such file (or builtin:NAME[:SPLIT])")
    return FileSource.Options(source="file", path=str(path.resolve()))


def load_training_data(suite: Any, text: str) -> list[Example]:
    """The training examples ``--train`` names, parsed by the suite's task and labels."""
    from harness.runner import make_loader

    options = train_data_options(text)
    examples = make_loader(suite, None)(options)
    if not examples:
        raise HarnessError(f"--train '{text}': no examples")
    if options.source == "file" and str(options.path).endswith(".jsonl"):
        examples = with_parents(examples, Path(str(options.path)))
    return examples


def with_parents(examples: list[Example], path: Path) -> list[Example]:
    """A file ``harness augment`` wrote names each variant's original (``parent_id``):
    kept, so the dev split keeps a variant with its original. Ids are the file source's
    (its prefix added to the row's ``id``), and so are the parents'."""
    import json

    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    if len(rows) != len(examples):
        return examples
    kept = []
    for example, row in zip(examples, rows, strict=True):
        row_id, parent = str(row.get("id", "")), row.get("parent_id")
        if parent is None or not row_id or not example.id.endswith(row_id):
            kept.append(example)
            continue
        prefix = example.id[: len(example.id) - len(row_id)]
        kept.append(replace(example, parent_id=f"{prefix}{parent}"))
    return kept


def describe_training_data(text: str, examples: Sequence[Example]) -> dict[str, Any]:
    """What the training card says of the data it was given."""
    return {
        "source": text,
        "n": len(examples),
        "originals": len({root_id(e) for e in examples}),
        "digest": sha256_json([[e.id, dict(e.fields), e.target] for e in examples]),
    }
