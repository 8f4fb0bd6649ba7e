"""The built-in NLI dataset nli-core: shape, balance, split hygiene, reproducibility, artifacts."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATASET_DIR = REPO / "harness" / "datasets" / "nli-core"
SCRIPT = REPO / "scripts" / "build_nli_core.py"
SPLITS = ("train", "test")
LABELS = ("entailment", "neutral", "contradiction")
KEYS = ["id", "premise", "hypothesis", "label", "phenomenon"]
PHENOMENA = {
    "lexical_overlap",
    "negation",
    "quantifiers",
    "numbers_comparatives",
    "synonyms_antonyms",
    "hypernymy",
    "coreference",
    "temporal_order",
    "active_passive",
    "world_knowledge",
    "conditionals_modality",
    "conjunction_disjunction",
    "paraphrase",
    "spatial_relations",
}
NEGATION = re.compile(r"\b(?:not|no|never|nobody|nothing|none|neither|nor|cannot)\b|n't", re.I)


def _read(split: str, directory: Path = DATASET_DIR) -> list[dict[str, str]]:
    lines = (directory / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict[str, str]]]:
    return {split: _read(split) for split in SPLITS}


def test_size(rows):
    assert len(rows["train"]) + len(rows["test"]) >= 600
    assert len(rows["test"]) >= 200
    assert len(rows["train"]) >= 2 * len(rows["test"]) - 10


def test_rows_have_exactly_the_five_keys_in_order_and_non_empty_strings(rows):
    for split in SPLITS:
        for row in rows[split]:
            assert list(row) == KEYS, row
            for key in KEYS:
                assert isinstance(row[key], str) and row[key].strip(), (key, row)
            assert row["label"] in LABELS, row
            assert row["phenomenon"] in PHENOMENA, row


def test_ids_unique_and_well_formed(rows):
    for split in SPLITS:
        ids = [row["id"] for row in rows[split]]
        assert len(ids) == len(set(ids))
        assert all(re.fullmatch(rf"nc-{split}-\d{{4}}", id_) for id_ in ids)
        # numbered from 1 in file order, so an id names the same line after a rebuild
        assert ids == [f"nc-{split}-{n:04d}" for n in range(1, len(ids) + 1)]


def test_labels_balanced_within_two_points_of_a_third(rows):
    for split in SPLITS:
        counts = Counter(row["label"] for row in rows[split])
        assert set(counts) == set(LABELS)
        for label in LABELS:
            assert abs(counts[label] / len(rows[split]) - 1 / 3) <= 0.02, (split, counts)


def test_every_phenomenon_has_every_label_in_both_splits(rows):
    for split in SPLITS:
        present = Counter((row["phenomenon"], row["label"]) for row in rows[split])
        for phenomenon in PHENOMENA:
            for label in LABELS:
                assert present[phenomenon, label] > 0, (split, phenomenon, label)
    per_phenomenon = Counter(row["phenomenon"] for row in rows["test"])
    assert set(per_phenomenon) == PHENOMENA
    assert min(per_phenomenon.values()) >= 15, per_phenomenon


def test_no_duplicate_pairs_and_no_premise_in_both_splits(rows):
    everything = rows["train"] + rows["test"]
    pairs = Counter((row["premise"], row["hypothesis"]) for row in everything)
    assert [pair for pair, n in pairs.items() if n > 1] == []
    assert all(row["premise"] != row["hypothesis"] for row in everything)
    shared = {r["premise"] for r in rows["train"]} & {r["premise"] for r in rows["test"]}
    assert shared == set()


def test_sentence_lengths(rows):
    for row in rows["train"] + rows["test"]:
        for key in ("premise", "hypothesis"):
            assert 5 <= len(row[key].split()) <= 30, row


def test_negation_words_are_not_a_label_cue(rows):
    """Negation appears under every label at a similar rate, not mostly in contradictions."""
    everything = rows["train"] + rows["test"]
    rates = {}
    for label in LABELS:
        hypotheses = [row["hypothesis"] for row in everything if row["label"] == label]
        rates[label] = sum(bool(NEGATION.search(h)) for h in hypotheses) / len(hypotheses)
    assert min(rates.values()) >= 0.05, rates
    assert max(rates.values()) <= 2 * min(rates.values()), rates


def test_hypothesis_only_baseline_stays_near_chance(rows):
    """A classifier that never sees the premise must not find the label in the hypothesis."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        LogisticRegression(max_iter=2000),
    )
    model.fit([r["hypothesis"] for r in rows["train"]], [r["label"] for r in rows["train"]])
    accuracy = model.score(
        [r["hypothesis"] for r in rows["test"]], [r["label"] for r in rows["test"]]
    )
    assert accuracy < 0.55, f"hypothesis-only accuracy {accuracy:.3f} leaks the label"


def test_script_regenerates_byte_identical_files(tmp_path):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for split in SPLITS:
        built = (tmp_path / f"{split}.jsonl").read_bytes()
        assert built == (DATASET_DIR / f"{split}.jsonl").read_bytes(), split
        assert built.endswith(b"\n") and b"\r" not in built


def test_builtin_source_loads_both_splits_with_phenomenon_as_meta():
    from harness.data.sources import BUILTIN_DATASETS_DIR, BuiltinSource, builtin_dataset_names
    from harness.tasks import load_context

    assert "nli-core" in builtin_dataset_names()
    context = load_context(
        "nli",
        base_dir=BUILTIN_DATASETS_DIR,
        labels=LABELS,
        input_fields=("premise", "hypothesis"),
        seed=0,
    )
    for split in SPLITS:
        options = BuiltinSource.Options(source="builtin", name="nli-core", split=split)
        examples = BuiltinSource().load(options, context)
        assert len(examples) == len(_read(split))
        first = examples[0]
        assert first.id == f"nli-core/{split}:nc-{split}-0001"
        assert set(first.fields) == {"premise", "hypothesis"}
        assert first.target in LABELS
        assert first.meta == {"phenomenon": _read(split)[0]["phenomenon"]}
