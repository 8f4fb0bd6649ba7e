"""The gate and compare read runs as a stream into columns: same outputs as before.

Each case builds a pair of run directories (evaluate tests with slices, clusters,
probabilities and infrastructure errors; perturbed variants; prompt variants; QA and
multiple-choice scores; a subset comparison with adversarial examples), runs
``harness gate`` and ``harness compare`` on them, and compares everything they print
and write (verdict lines, JSON, Markdown, JUnit, the flips embedded in compare.html)
with the outputs that the item-object implementation produced for the same inputs,
frozen in ``expected_streaming/`` before the streaming reader replaced it.
``HARNESS_UPDATE_GOLDEN=1`` rewrites them (only after a change meant to move them).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers.rundirs import LABELS, item, write_run_dir

from harness.cli.gate import main
from harness.seeding import rng_for

EXPECTED = Path(__file__).parent / "expected_streaming"
UPDATE = os.environ.get("HARNESS_UPDATE_GOLDEN") == "1"


def _probabilities(rng: Any, predicted: str) -> dict[str, float]:
    top = round(0.34 + 0.6 * rng.random(), 4)
    rest = [label for label in LABELS if label != predicted]
    share = round((1 - top) * rng.random(), 4)
    return {predicted: top, rest[0]: share, rest[1]: round(1 - top - share, 4)}


def _brier(probabilities: dict[str, float], gold: str) -> float:
    return sum((p - (label == gold)) ** 2 for label, p in probabilities.items())


def _predict(rng: Any, gold: str, accuracy: float) -> str:
    if rng.random() < accuracy:
        return gold
    return LABELS[(LABELS.index(gold) + 1 + rng.randrange(2)) % 3]


def _infra(row: dict[str, Any]) -> dict[str, Any]:
    row.update(predicted=None, correct=None, probabilities=None, confidence=None, scores={})
    row["infra_error"] = "server answered 503 three times"
    return row


def _evaluate_rows(side: str) -> list[dict[str, Any]]:
    rng = rng_for(13, "gate-streaming", side)
    accuracy = 0.8 if side == "base" else 0.72
    rows = []
    infra = {"base": {5}, "cand": {17, 33}}[side]
    for i in range(240):
        gold = LABELS[i % 3]
        predicted = _predict(rng, gold, accuracy)
        probabilities = _probabilities(rng, predicted)
        tags = {
            "phenomenon": ("negation", "lexical", "quantifier")[i % 3],
            "template": f"t{i % 24}",
        }
        row = item(
            "nli",
            f"nli-{i:03d}",
            gold,
            predicted,
            tags=tags,
            probabilities=probabilities,
            scores={"brier": _brier(probabilities, gold)},
        )
        rows.append(_infra(row) if i in infra else row)
    originals: dict[int, str] = {}
    for i in range(60):
        gold = LABELS[i % 3]
        originals[i] = _predict(rng, gold, accuracy)
        tags = {"source": ("sick", "snli")[i % 2]}
        rows.append(item("perturbed", f"p-{i:02d}", gold, originals[i], tags=tags))
        for transform in ("typo", "swap"):
            predicted = originals[i] if rng.random() < 0.85 else _predict(rng, gold, 0.5)
            rows.append(
                item(
                    "perturbed",
                    f"p-{i:02d}:{transform}",
                    gold,
                    predicted,
                    tags={**tags, "transform": transform},
                    parent_id=f"p-{i:02d}",
                    transform={
                        "name": transform,
                        "params": {},
                        "seed": "0",
                        "description": f"<{transform}> & co",
                    },
                    scores={"flipped": float(predicted != originals[i])},
                )
            )
    return rows


EVALUATE_GATE = """\
gate:
  resamples: 2000
  checks:
    - {test: nli, metric: accuracy, slices: all}
    - {test: nli, metric: accuracy, cluster_by: phenomenon}
    - {test: nli, metric: macro_f1, slices: [phenomenon]}
    - {test: nli, metric: ece}
    - {test: nli, metric: brier, ceiling: 0.5}
    - {test: perturbed, metric: accuracy, slices: all, floor: 0.9}
    - {test: perturbed, metric: flip_rate}
"""


def _with_metrics(run: Path, extra: dict[str, list[str]]) -> Path:
    """List more headline metrics in results.json (the builder lists accuracy only)."""
    results = json.loads((run / "results.json").read_text(encoding="utf-8"))
    for test in results["tests"]:
        for name in extra.get(test["name"], []):
            test["metrics"][name] = {"value": 0.5, "n": test["n"], "method": "bootstrap"}
    (run / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return run


def _evaluate_case(root: Path) -> tuple[Path, Path, list[str]]:
    options: dict[str, Any] = {
        "slice_by": {"nli": ["phenomenon"], "perturbed": ["source", "transform"]},
        "cluster_by": {"nli": "template"},
    }
    runs = []
    for side in ("base", "cand"):
        run = write_run_dir(
            root / side,
            _evaluate_rows(side),
            model=f"model-{side}",
            suite_yaml=EVALUATE_GATE,
            **options,
        )
        runs.append(_with_metrics(run, {"nli": ["macro_f1", "ece", "brier"]}))
    return runs[0], runs[1], []


def _variant_rows(side: str) -> list[dict[str, Any]]:
    rng = rng_for(13, "gate-streaming-variants", side)
    accuracy = 0.75 if side == "base" else 0.7
    rows = []
    for i in range(150):
        gold = LABELS[i % 3]
        hits = [rng.random() < accuracy for _ in range(4)]
        predicted = gold if hits[0] else LABELS[(i + 1) % 3]
        scores = {
            "acc": float(hits[0]),
            "acc_char": float(hits[1]),
            "variant_accuracy": sum(hits) / 4,
            "item_spread": float(max(hits) != min(hits)),
        }
        tags = {"domain": ("news", "fiction")[i % 2]}
        rows.append(item("prompted", f"q{i}", gold, predicted, tags=tags, scores=scores))
    return rows


def _variants_case(root: Path) -> tuple[Path, Path, list[str]]:
    options: dict[str, Any] = {"slice_by": {"prompted": ["domain"]}}
    runs = [
        write_run_dir(root / side, _variant_rows(side), model=f"lm-{side}", **options)
        for side in ("base", "cand")
    ]
    return runs[0], runs[1], []


def _qa_rows(side: str) -> list[dict[str, Any]]:
    rng = rng_for(13, "gate-streaming-qa", side)
    rows = []
    for i in range(120):
        answers = [f"answer {i}", f"the answer {i}"]
        em = rng.random() < (0.6 if side == "base" else 0.65)
        f1 = 1.0 if em else round(rng.random() * 0.8, 4)
        predicted = answers[0] if em else f"something {i}"
        row = item("squad", f"sq{i}", None, None, tags={"kind": ("who", "when")[i % 2]})
        row.update(
            gold=answers, predicted=predicted, correct=em, scores={"em": float(em), "f1": f1}
        )
        rows.append(row)
    for i in range(90):
        gold = "ABCD"[i % 4]
        right = rng.random() < (0.7 if side == "base" else 0.6)
        predicted = gold if right else "ABCD"[(i + 1) % 4]
        scores = {"acc": float(right), "acc_char": float(rng.random() < 0.65)}
        rows.append(item("mc", f"mc{i}", gold, predicted, scores=scores))
    return rows


QA_GATE = """\
checks:
  - {test: squad, metric: exact_match, slices: all}
  - {test: squad, metric: f1}
  - {test: mc, metric: accuracy}
  - {test: mc, metric: acc_char}
"""


def _qa_case(root: Path) -> tuple[Path, Path, list[str]]:
    options: dict[str, Any] = {"slice_by": {"squad": ["kind"]}, "labels": ["A", "B", "C", "D"]}
    runs = [
        write_run_dir(root / side, _qa_rows(side), model=f"reader-{side}", **options)
        for side in ("base", "cand")
    ]
    config = root / "gate.yaml"
    config.write_text(QA_GATE, encoding="utf-8")
    return runs[0], runs[1], ["--config", str(config)]


def _subset_rows(side: str) -> list[dict[str, Any]]:
    rng = rng_for(13, "gate-streaming-subset", side)
    offset = 0 if side == "base" else 10
    rows = []
    for i in range(offset, offset + 200):
        gold = LABELS[i % 3]
        predicted = _predict(rng, gold, 0.8)
        rows.append(item("nli", f"x{i}", gold, predicted, tags={"split": f"s{i % 2}"}))
    for i in range(0, 30, 3):
        rows.append(
            item(
                "nli",
                f"x{i + offset}:attack:{side}",
                LABELS[i % 3],
                LABELS[(i + 1) % 3],
                parent_id=f"x{i + offset}",
                transform="attack:textfooler",
            )
        )
    return rows


def _subset_case(root: Path) -> tuple[Path, Path, list[str]]:
    base = write_run_dir(
        root / "base", _subset_rows("base"), model="m1", slice_by={"nli": ["split"]}
    )
    cand = write_run_dir(
        root / "cand",
        _subset_rows("cand"),
        model="m2",
        suite_hash="fedcba9876543210",
        slice_by={"nli": ["split"]},
    )
    return base, cand, ["--allow-subset"]


CASES: dict[str, Callable[[Path], tuple[Path, Path, list[str]]]] = {
    "evaluate": _evaluate_case,
    "variants": _variants_case,
    "qa": _qa_case,
    "subset": _subset_case,
}


def _embedded_flips(html: str) -> Any:
    match = re.search(
        r'<script type="application/json" id="compare-items">(.*?)</script>', html, re.S
    )
    assert match is not None
    return json.loads(match.group(1))


def _outputs(root: Path, case: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    base, cand, options = CASES[case](root / "runs")
    out = root / "out"
    out.mkdir()
    gate_exit = main(
        [
            "gate",
            str(base),
            str(cand),
            *options,
            "--json",
            str(out / "gate.json"),
            "--markdown",
            str(out / "gate.md"),
            "--junit",
            str(out / "gate.xml"),
            "--html",
            str(out / "gate.html"),
        ]
    )
    gate_stdout = capsys.readouterr().out
    compare_options = [o for o in options if o == "--allow-subset"]
    compare_exit = main(
        [
            "compare",
            str(base),
            str(cand),
            *compare_options,
            "--resamples",
            "1000",
            "--json",
            str(out / "compare.json"),
            "--html",
            str(out / "compare.html"),
        ]
    )
    compare_stdout = capsys.readouterr().out
    outputs = {
        "gate_exit": gate_exit,
        "gate_stdout": gate_stdout,
        "gate_json": json.loads((out / "gate.json").read_text(encoding="utf-8")),
        "gate_markdown": (out / "gate.md").read_text(encoding="utf-8"),
        "gate_junit": (out / "gate.xml").read_text(encoding="utf-8"),
        "gate_flips": _embedded_flips((out / "gate.html").read_text(encoding="utf-8")),
        "compare_exit": compare_exit,
        "compare_stdout": compare_stdout,
        "compare_json": json.loads((out / "compare.json").read_text(encoding="utf-8")),
        "compare_flips": _embedded_flips((out / "compare.html").read_text(encoding="utf-8")),
    }
    # Paths of this machine's temporary directory are not part of the result.
    text = json.dumps(outputs, indent=1, sort_keys=True, ensure_ascii=False)
    return json.loads(text.replace(str(root), "<root>"))


@pytest.mark.parametrize("case", sorted(CASES))
def test_streamed_gate_writes_what_the_item_objects_gave(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = _outputs(tmp_path, case, capsys)
    expected_path = EXPECTED / f"{case}.json"
    if UPDATE:
        EXPECTED.mkdir(exist_ok=True)
        text = json.dumps(outputs, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        expected_path.write_text(text, encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    for key in sorted(expected):
        assert outputs[key] == expected[key], f"{case}: {key} differs"
    # The cases exercise what they claim to (a fixture that lost its point fails here).
    checks = {c["name"] for c in outputs["gate_json"]["checks"]}
    if case == "evaluate":
        assert {"nli/ece", "nli/macro_f1[phenomenon=lexical]", "perturbed/flip_rate"} <= checks
        assert any("infrastructure error" in note for note in outputs["gate_json"]["notes"])
        assert outputs["gate_flips"]
    if case == "variants":
        assert "prompted/variant_accuracy" in checks
    if case == "subset":
        assert any("adversarial" in note for note in outputs["gate_json"]["notes"])


# --- what the streamed reader adds: a capped page, errors, tallied rows --------------


def _flip_rows(side: str, n: int = 60) -> list[dict[str, Any]]:
    """Items 0-19 break in the candidate, items 40-49 are fixed; the rest agree."""
    rows = []
    for i in range(n):
        gold = LABELS[i % 3]
        wrong = LABELS[(i + 1) % 3]
        right_in_base = not 40 <= i < 50
        right_in_cand = not i < 20
        right = right_in_base if side == "base" else right_in_cand
        rows.append(item("nli", f"f{i:02d}", gold, gold if right else wrong))
    return rows


def test_compare_html_caps_the_embedded_flips_broken_first_and_says_so(tmp_path: Path) -> None:
    from harness.gate.compare import compare_dirs
    from harness.report import render_compare_html

    base = write_run_dir(tmp_path / "base", _flip_rows("base"))
    cand = write_run_dir(tmp_path / "cand", _flip_rows("cand"))
    comparison = compare_dirs(base, cand, resamples=200)
    assert comparison.flip_total() == 30

    capped = render_compare_html(comparison, max_flips=25)
    embedded = _embedded_flips(capped)
    # Every broken item (20), then the first 5 fixed ones, listed in item order.
    assert [f["id"] for f in embedded] == [f"f{i:02d}" for i in [*range(20), *range(40, 45)]]
    assert [f["status"] for f in embedded] == ["broken"] * 20 + ["fixed"] * 5
    assert 'id="items-capped"' in capped and "embeds 25 of the 30 flipped items" in capped
    # The counts on the page stay over all items.
    assert comparison.flip_counts("nli")["broken"] == 20

    whole = render_compare_html(comparison, max_flips=30)
    assert len(_embedded_flips(whole)) == 30
    assert 'id="items-capped"' not in whole


def _damage(path: Path, line: int, replace: Callable[[dict[str, Any]], Any]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line - 1] = replace(json.loads(lines[line - 1]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("side", ["base", "cand"])
@pytest.mark.parametrize(
    "damage,message",
    [
        (lambda row: '{"test": "nli", "id": ', "items.jsonl:7: not valid JSON"),
        (lambda row: json.dumps({**row, "confidence": "high"}), "items.jsonl:7: confidence:"),
        (lambda row: json.dumps({**row, "surprise": 1}), "items.jsonl:7: surprise:"),
        (lambda row: json.dumps({**row, "id": "f02"}), "items.jsonl:7: duplicate item id 'f02'"),
    ],
)
def test_a_damaged_line_in_either_run_is_one_error_line_and_no_output(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    side: str,
    damage: Callable[[dict[str, Any]], str],
    message: str,
) -> None:
    runs = {s: write_run_dir(tmp_path / s, _flip_rows(s)) for s in ("base", "cand")}
    _damage(runs[side] / "items.jsonl", 7, damage)
    json_out, html_out = tmp_path / "gate.json", tmp_path / "gate.html"
    argv = ["gate", str(runs["base"]), str(runs["cand"]), "--json", str(json_out)]
    assert main([*argv, "--html", str(html_out)]) == 2
    stderr = capsys.readouterr().err
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert f"{runs[side] / 'items.jsonl'}:7:" in stderr and message.split(":", 1)[1] in stderr
    assert not json_out.exists() and not html_out.exists()
    with pytest.raises(Exception, match=re.escape(message.split(":", 1)[1])):
        main(["--debug", *argv, "--no-html"])


def test_tallied_rows_resample_exactly_as_the_items_they_stand_for() -> None:
    """The gate hands a million independent pairs to the bootstrap as distinct rows with
    counts; the replicates must be those of the rows spelled out item by item."""
    import numpy as np

    from harness.metrics.paired import mean_statistic, paired_bootstrap

    rng = rng_for(5, "tally-test")
    base = np.array([[float(rng.random() < 0.7), 1.0] for _ in range(500)])
    cand = np.array([[float(rng.random() < 0.6), 1.0] for _ in range(500)])
    expected = paired_bootstrap(base, cand, mean_statistic, resamples=300, seed="t")
    distinct, counts = np.unique(np.hstack([base, cand]), axis=0, return_counts=True)
    # Rows in another order, one split in two, and a row standing for no item.
    order = np.arange(len(distinct))[::-1]
    rows = np.vstack([distinct[order], distinct[:1], distinct[:1]])
    weights = np.concatenate([counts[order], [0, 0]])
    weights[-2:] = [counts[0] // 2, 0]
    weights[np.flatnonzero(order == 0)[0]] -= counts[0] // 2
    tallied = paired_bootstrap(
        rows[:, :2], rows[:, 2:], mean_statistic, resamples=300, seed="t", counts=weights
    )
    np.testing.assert_array_equal(tallied, expected)
