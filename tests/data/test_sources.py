"""Data sources: inline, local files through datasets, labels, sampling, errors with lines."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from harness.data.base import LoadContext, validate_data_spec
from harness.data.sources import FileSource, InlineSource
from harness.errors import DataError
from harness.options import SourceMap
from harness.tasks import load_context

LABELS = ("entailment", "neutral", "contradiction")


def context(base_dir: Path, seed: int = 0) -> LoadContext:
    return load_context(
        "nli",
        base_dir=base_dir,
        labels=LABELS,
        input_fields=("premise", "hypothesis"),
        seed=seed,
    )


def load(raw: dict, base_dir: Path, seed: int = 0):
    options = validate_data_spec(raw, ("data",), SourceMap(None))
    source = {"file": FileSource, "inline": InlineSource}[raw["source"]]()
    return source.load(options, context(base_dir, seed))


def rows(n: int) -> list[dict]:
    return [
        {
            "pid": i,
            "p": f"premise {i}",
            "h": f"hypothesis {i}",
            "gold": LABELS[i % 3].upper(),
            "kind": f"k{i % 2}",
        }
        for i in range(n)
    ]


def test_inline_examples_keep_extra_keys_as_tags(tmp_path: Path) -> None:
    examples = load(
        {
            "source": "inline",
            "examples": [
                {"premise": "a", "hypothesis": "b", "label": "Neutral", "phenomenon": "x"}
            ],
        },
        tmp_path,
    )
    assert examples[0].target == "neutral"
    assert examples[0].meta == {"phenomenon": "x"}
    assert examples[0].id == "inline:0"


@pytest.mark.parametrize("file_format", ["jsonl", "csv", "tsv", "parquet"])
def test_local_files_with_column_mapping(tmp_path: Path, file_format: str) -> None:
    import pandas as pd

    frame = pd.DataFrame(rows(9))
    path = tmp_path / f"data.{file_format}"
    if file_format == "jsonl":
        frame.to_json(path, orient="records", lines=True)
    elif file_format == "csv":
        frame.to_csv(path, index=False)
    elif file_format == "tsv":
        frame.to_csv(path, index=False, sep="\t")
    else:
        frame.to_parquet(path)
    examples = load(
        {
            "source": "file",
            "path": path.name,
            "columns": {"premise": "p", "hypothesis": "h", "label": "gold", "id": "pid"},
            "meta_columns": ["kind"],
        },
        tmp_path,
    )
    assert [e.id for e in examples][:2] == ["data:0", "data:1"]
    assert examples[4].fields == {"premise": "premise 4", "hypothesis": "hypothesis 4"}
    assert examples[4].target == "neutral"
    assert examples[4].meta == {"kind": "k0"}


def test_tsv_with_byte_order_mark_and_quotes(tmp_path: Path) -> None:
    path = tmp_path / "pairs.txt"
    text = (
        'pair_ID\tsentence_A\tsentence_B\tlabel\n1\tA "quoted" cat sits\tA cat sits\tENTAILMENT\n'
    )
    path.write_bytes("\ufeff".encode() + text.encode())
    examples = load(
        {
            "source": "file",
            "path": str(path),
            "format": "tsv",
            "columns": {"premise": "sentence_A", "hypothesis": "sentence_B", "id": "pair_ID"},
        },
        tmp_path,
    )
    assert examples[0].id == "pairs:1"
    assert examples[0].fields["premise"] == 'A "quoted" cat sits'


def test_label_values_map_integer_labels(tmp_path: Path) -> None:
    path = tmp_path / "ints.jsonl"
    path.write_text(
        "\n".join(json.dumps({"premise": "a", "hypothesis": "b", "label": i}) for i in (0, 1, 2))
    )
    examples = load(
        {
            "source": "file",
            "path": path.name,
            "label_values": {"0": "entailment", "1": "neutral", "2": "contradiction"},
        },
        tmp_path,
    )
    assert [e.target for e in examples] == ["entailment", "neutral", "contradiction"]


def test_unknown_label_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        json.dumps({"premise": "a", "hypothesis": "b", "label": "entailment"})
        + "\n"
        + json.dumps({"premise": "a", "hypothesis": "b", "label": "maybe"})
        + "\n"
    )
    with pytest.raises(DataError) as caught:
        load({"source": "file", "path": path.name}, tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{path}:2: field 'label': label 'maybe'")
    assert "label_values" in message


def test_invalid_json_line_is_located(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text('{"premise": "a", "hypothesis": "b", "label": "neutral"}\n{"premise": \n')
    with pytest.raises(DataError, match=r"broken.jsonl:2: not valid JSON"):
        load({"source": "file", "path": path.name}, tmp_path)


def test_missing_file_and_missing_column(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="file not found"):
        load({"source": "file", "path": "absent.jsonl"}, tmp_path)
    path = tmp_path / "cols.csv"
    path.write_text("premise,label\na,neutral\n")
    with pytest.raises(DataError, match=r"cols.csv:2: missing column 'hypothesis'"):
        load({"source": "file", "path": path.name}, tmp_path)


def test_seeded_stratified_sampling_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text(
        "\n".join(
            json.dumps({"premise": r["p"], "hypothesis": r["h"], "label": r["gold"]})
            for r in rows(300)
        )
    )
    spec = {"source": "file", "path": path.name, "sample": {"n": 60}}
    first = load(spec, tmp_path, seed=1)
    again = load(spec, tmp_path, seed=1)
    other = load(spec, tmp_path, seed=2)
    assert [e.id for e in first] == [e.id for e in again]
    assert [e.id for e in first] != [e.id for e in other]
    assert Counter(e.target for e in first) == {
        "entailment": 20,
        "neutral": 20,
        "contradiction": 20,
    }
    ids = [int(e.id.split(":")[1]) for e in first]
    assert ids == sorted(ids)  # original order kept
    assert len(load({**spec, "limit": 7}, tmp_path, seed=1)) == 7


def test_duplicate_ids_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    path.write_text(
        "\n".join(
            json.dumps({"id": 1, "premise": "a", "hypothesis": "b", "label": "neutral"})
            for _ in range(2)
        )
    )
    with pytest.raises(DataError, match="occurs more than once"):
        load({"source": "file", "path": path.name}, tmp_path)


def test_hub_dataset_offline_is_one_clear_line(tmp_path: Path) -> None:
    from harness.data.sources import HubSource
    from harness.errors import ResourceUnavailableError

    options = validate_data_spec(
        {"source": "hub", "name": "nyu-mll/glue", "config": "mnli", "split": "validation_matched"},
        ("data",),
        SourceMap(None),
    )
    with pytest.raises(ResourceUnavailableError) as caught:
        HubSource().load(options, context(tmp_path))
    message = str(caught.value)
    assert "\n" not in message
    assert "nyu-mll/glue" in message and "source: file" in message


def test_samples_of_two_sources_with_the_same_seed_are_independent(tmp_path: Path) -> None:
    """The sample seed comes from the whole label 'seed:sample:origin', not its first bytes."""
    lines = "\n".join(
        json.dumps({"premise": r["p"], "hypothesis": r["h"], "label": r["gold"]}) for r in rows(300)
    )
    (tmp_path / "first.jsonl").write_text(lines)
    (tmp_path / "second.jsonl").write_text(lines)
    first = load({"source": "file", "path": "first.jsonl", "sample": {"n": 60}}, tmp_path, seed=1)
    second = load({"source": "file", "path": "second.jsonl", "sample": {"n": 60}}, tmp_path, seed=1)
    positions = lambda examples: [e.id.split(":")[1] for e in examples]  # noqa: E731
    assert positions(first) != positions(second)
