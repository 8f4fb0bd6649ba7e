"""The built-in reading-comprehension dataset rc-core: offsets, counts, splits, MC view, artifacts."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATASET_DIR = REPO / "harness" / "datasets" / "rc-core"
SCRIPT = REPO / "scripts" / "build_rc_core.py"
SPLITS = ("train", "test")
KEYS = [
    "id",
    "passage_id",
    "title",
    "domain",
    "register",
    "context",
    "question",
    "answers",
    "reasoning_type",
    "answer_type",
    "plausible_answer",
    "question_paraphrase",
    "order_matters",
    "choices",
    "answer_index",
]
REASONING_TYPES = {
    "lookup",
    "paraphrase",
    "multi_sentence",
    "numerical",
    "temporal",
    "negation",
    "coreference",
    "comparison",
    "causal",
    "unanswerable",
}
ANSWER_TYPES = {"person", "number", "date", "location", "organization", "thing", "other"}
MIN_PASSAGES = 120
MIN_QUESTIONS = 600
MIN_PER_TYPE = 40
MIN_UNANSWERABLE = 60


def _read(split: str, directory: Path = DATASET_DIR) -> list[dict]:
    lines = (directory / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _in_passage(context: str, span: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(span) + r"(?!\w)", context) is not None


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return {split: _read(split) for split in SPLITS}


@pytest.fixture(scope="module")
def everything(rows) -> list[dict]:
    return rows["train"] + rows["test"]


def test_rows_have_the_schema_keys_in_order_with_valid_tags(everything):
    for row in everything:
        assert list(row) == KEYS, row["id"]
        assert row["reasoning_type"] in REASONING_TYPES, row["id"]
        assert row["answer_type"] in ANSWER_TYPES, row["id"]
        assert isinstance(row["order_matters"], bool)
        assert row["id"] == f"rc-core:{row['passage_id']}:q{row['id'].rsplit(':q', 1)[1]}"


def test_every_answer_and_plausible_candidate_sits_at_its_offset(everything):
    checked = 0
    for row in everything:
        spans = row["answers"] + ([row["plausible_answer"]] if row["plausible_answer"] else [])
        for span in spans:
            start, text = span["start"], span["text"]
            assert text and row["context"][start : start + len(text)] == text, row["id"]
            # A whole phrase, not the inside of a longer word.
            before = row["context"][start - 1] if start else " "
            after = row["context"][start + len(text) : start + len(text) + 1] or " "
            assert not before.isalnum() and not after.isalnum(), row["id"]
            checked += 1
    assert checked == len(everything)


def test_counts_reach_the_floors(everything):
    passages = {row["passage_id"] for row in everything}
    assert len(passages) >= MIN_PASSAGES
    assert len(everything) >= MIN_QUESTIONS
    types = Counter(row["reasoning_type"] for row in everything)
    assert set(types) == REASONING_TYPES
    for kind, count in types.items():
        floor = MIN_UNANSWERABLE if kind == "unanswerable" else MIN_PER_TYPE
        assert count >= floor, (kind, count)
    per_passage = Counter(row["passage_id"] for row in everything)
    assert min(per_passage.values()) >= 5


def test_passages_are_80_to_250_words_and_consistent_across_their_questions(everything):
    by_passage: dict[str, set] = {}
    for row in everything:
        key = (row["title"], row["domain"], row["register"], row["context"], row["order_matters"])
        by_passage.setdefault(row["passage_id"], set()).add(key)
    for passage_id, versions in by_passage.items():
        assert len(versions) == 1, passage_id
        context = next(iter(versions))[3]
        assert 80 <= len(context.split()) <= 250, passage_id
    contexts = Counter(next(iter(v))[3] for v in by_passage.values())
    assert max(contexts.values()) == 1, "two passages share a text"


def test_splits_are_disjoint_by_passage_and_about_two_thirds_train(rows):
    train = {row["passage_id"] for row in rows["train"]}
    test = {row["passage_id"] for row in rows["test"]}
    assert not train & test
    assert 0.6 <= len(train) / len(train | test) <= 0.72
    for kind in REASONING_TYPES:
        assert any(row["reasoning_type"] == kind for row in rows["test"]), kind


def test_ids_are_unique(everything):
    ids = [row["id"] for row in everything]
    assert len(set(ids)) == len(ids)


def test_unanswerable_questions_have_no_answer_but_a_plausible_candidate(everything):
    for row in everything:
        if row["reasoning_type"] == "unanswerable":
            assert row["answers"] == [], row["id"]
            assert row["plausible_answer"] is not None, row["id"]
            assert _in_passage(row["context"], row["plausible_answer"]["text"]), row["id"]
            assert row["choices"] is None and row["answer_index"] is None, row["id"]
        else:
            assert len(row["answers"]) == 1, row["id"]
            assert row["plausible_answer"] is None, row["id"]


def test_multiple_choice_view(everything):
    positions = Counter()
    for row in everything:
        if not row["answers"]:
            continue
        choices = row["choices"]
        assert len(choices) == 4 and len(set(choices)) == 4, row["id"]
        assert choices[row["answer_index"]] == row["answers"][0]["text"], row["id"]
        for choice in choices:
            assert _in_passage(row["context"], choice), (row["id"], choice)
        positions[row["answer_index"]] += 1
    # A seeded shuffle: the gold answer is not stuck in one position.
    assert len(positions) == 4
    assert max(positions.values()) < 0.4 * sum(positions.values())


def test_no_distractor_contains_or_is_contained_in_the_gold_answer(everything):
    """A distractor that is part of the gold span (or holds it) would be a second right answer."""

    def phrase_in(part: str, whole: str) -> bool:
        return re.search(r"\b" + re.escape(part) + r"\b", whole) is not None

    for row in everything:
        if not row["answers"]:
            continue
        gold = _normal(row["answers"][0]["text"])
        for choice in row["choices"]:
            other = _normal(choice)
            if other != gold:
                assert not phrase_in(other, gold) and not phrase_in(gold, other), (
                    row["id"],
                    choice,
                )


def test_paraphrases_differ_from_their_questions(everything):
    for row in everything:
        assert row["question"].endswith("?") and row["question_paraphrase"].endswith("?")
        assert _normal(row["question"]) != _normal(row["question_paraphrase"]), row["id"]


def test_numbered_steps_and_narratives_are_marked_order_matters(everything):
    for row in everything:
        if re.search(r"\bStep 2\b", row["context"]):
            assert row["order_matters"], row["passage_id"]
    flags = Counter(row["order_matters"] for row in everything)
    assert flags[True] and flags[False], "both kinds of passage are present"


def test_script_regenerates_byte_identical_files(tmp_path):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for name in ("train.jsonl", "test.jsonl", "README.md"):
        built = (tmp_path / name).read_bytes()
        assert built == (DATASET_DIR / name).read_bytes(), name
        assert built.endswith(b"\n") and b"\r" not in built


def _script():
    spec = importlib.util.spec_from_file_location("build_rc_core", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_rc_core"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"answer": "Ruth Okafor and"}, "is not in the passage"),
        ({"answer": "the"}, "say which with at="),
        ({"distractors": ("Tomas Brandt", "Dev Malhotra")}, "2 distractors"),
        ({"distractors": ("Tomas Brandt", "Dev Malhotra", "ruth okafor")}, "not distinct"),
        ({"paraphrase": "Who cut the ribbon at the opening of the flood barrier?"}, "repeats"),
        ({"distractors": ("Tomas Brandt", "Dev Malhotra", "Okafor")}, "overlaps the answer"),
        ({"reasoning": "unanswerable"}, "has no answer"),
    ],
)
def test_the_script_refuses_broken_questions(change, message):
    from dataclasses import replace

    module = _script()
    first = module.PASSAGES[0]
    broken = replace(first, questions=(replace(first.questions[0], **change), *first.questions[1:]))
    with pytest.raises(SystemExit, match=message):
        module.check_passages([broken, *module.PASSAGES[1:]])


def test_builtin_source_loads_rc_core_as_extractive_qa():
    from harness.data.sources import BUILTIN_DATASETS_DIR, BuiltinSource, builtin_dataset_names
    from harness.tasks import load_context

    assert "rc-core" in builtin_dataset_names()
    context = load_context(
        "extractive_qa",
        base_dir=BUILTIN_DATASETS_DIR,
        labels=(),
        input_fields=("context", "question"),
        seed=0,
    )
    for split in SPLITS:
        options = BuiltinSource.Options(source="builtin", name="rc-core", split=split)
        examples = BuiltinSource().load(options, context)
        raw = _read(split)
        assert len(examples) == len(raw)
        for example, row in zip(examples, raw, strict=True):
            assert example.id == f"rc-core/{split}:{row['id']}"
            assert example.fields == {"context": row["context"], "question": row["question"]}
            assert example.target == row["answers"]
            assert example.meta["reasoning_type"] == row["reasoning_type"]
            assert example.meta["answer_type"] == row["answer_type"]
            # The gold answers are the target, not a slice tag.
            assert "answers" not in example.meta
