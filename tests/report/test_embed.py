"""What report.html embeds for the failure browser: everything that fits, else a visible, ordered cut."""

from __future__ import annotations

import json
import shutil

import pytest
from report_browser import dump, shown
from report_fixtures import LABELS, build_items, build_results, write_run
from report_html import parse

import harness.results
from harness.cli import main
from harness.errors import RunDirectoryError
from harness.report import render_report, render_report_html
from harness.report._embed import embed_items, embed_items_file, item_json, slim_item


def many_items(n_per_test: dict[str, int]) -> list[dict]:
    """Items of several tests; every third one wrong; confidences all distinct."""
    items = []
    for test, count in n_per_test.items():
        for index in range(count):
            gold = LABELS[index % 3]
            correct = None if index % 7 == 6 else index % 3 != 0
            predicted = gold if correct else LABELS[(index + 1) % 3]
            confidence = ((index * 7919 + len(test)) % 9973) / 9973
            items.append(
                {
                    "test": test,
                    "id": f"{test}:{index:05d}",
                    "parent_id": None,
                    "transform": None,
                    "fields": {"premise": f"Premise {index} of {test}.", "hypothesis": "h"},
                    "gold": gold,
                    "predicted": predicted,
                    "probabilities": {label: 0.1 for label in LABELS} | {predicted: confidence},
                    "confidence": confidence,
                    "correct": correct,
                    "scores": {"correct": float(bool(correct))},
                    "tags": {"bucket": str(index % 4)},
                    "request": {"prompt": "p", "template": "t", "max_tokens": 5},
                    "response": {"raw": "x" * 50},
                }
            )
    return items


def tier(item: dict) -> int:
    return 0 if item["correct"] is False else 2 if item["correct"] is True else 1


def expected_choice(items: list[dict], sizes: dict, budget: int) -> set:
    """The documented rule, written out plainly: per (test, result) rank by confidence,
    then result, rank, test; the longest prefix that fits the budget."""
    positions = {(i["test"], i["id"]): p for p, i in enumerate(items)}
    ranked = []
    for test in dict.fromkeys(i["test"] for i in items):
        for t in (0, 1, 2):
            group = sorted(
                (i for i in items if i["test"] == test and tier(i) == t),
                key=lambda i: (-i["confidence"], positions[(i["test"], i["id"])]),
            )
            ranked += [(t, rank, test, i) for rank, i in enumerate(group)]
    ranked.sort(key=lambda row: (row[0], row[1], row[2]))
    chosen, spent = set(), 0
    for _, _, _, item in ranked:
        key = (item["test"], item["id"])
        if spent + sizes[key] > budget:
            break
        spent += sizes[key]
        chosen.add(key)
    return chosen


def test_slim_items_drop_what_the_browser_never_shows():
    item = many_items({"a": 1})[0] | {"transform": {"name": "typo", "params": {"rate": 0.1}}}
    slim = slim_item(item)
    assert "scores" not in slim and "response" not in slim
    assert slim["request"] == {"prompt": "p", "template": "t"}
    assert slim["transform"] == {"name": "typo"}
    assert {k: slim[k] for k in ("fields", "gold", "predicted", "confidence", "tags")} == {
        k: item[k] for k in ("fields", "gold", "predicted", "confidence", "tags")
    }


def test_a_run_that_fits_is_embedded_whole_in_file_order():
    items = many_items({"a": 30, "b": 20})
    embedded = embed_items(items)
    assert not embedded.capped
    assert [json.loads(text) for text in embedded.texts] == [slim_item(i) for i in items]
    assert embedded.per_test["a"].items == 30 and embedded.per_test["b"].items == 20
    assert embedded.per_test["a"].wrong == sum(i["correct"] is False for i in items[:30])


def test_the_cut_takes_wrong_then_unscored_then_right_by_confidence_and_in_turn_across_tests():
    items = many_items({"big": 600, "small": 40})
    sizes = {(i["test"], i["id"]): len(item_json(slim_item(i)).encode()) + 1 for i in items}
    budget = sum(sizes.values()) // 2
    embedded = embed_items(items, max_bytes=budget)
    kept = [json.loads(text) for text in embedded.texts]
    kept_keys = {(k["test"], k["id"]) for k in kept}
    assert embedded.capped and embedded.total == 640
    assert sum(sizes[key] for key in kept_keys) <= budget
    # File order is kept.
    positions = {(i["test"], i["id"]): p for p, i in enumerate(items)}
    assert [positions[(k["test"], k["id"])] for k in kept] == sorted(
        positions[(k["test"], k["id"])] for k in kept
    )
    expected = expected_choice(items, sizes, budget)
    assert kept_keys == expected
    # Every wrong item of the small test made it although the big test has 10x more.
    assert all(
        (i["test"], i["id"]) in kept_keys for i in items if i["test"] == "small" and tier(i) == 0
    )
    assert embedded.wrong_embedded == sum(1 for k in kept if k["correct"] is False)
    assert embedded.wrong_total == sum(1 for i in items if i["correct"] is False)


def test_streaming_from_items_jsonl_equals_in_memory_and_never_loads_the_whole_file(
    tmp_path, monkeypatch
):
    items = many_items({"big": 300, "small": 30})
    run = write_run(tmp_path / "run", build_results(), items)

    def refuse(*args, **kwargs):
        raise AssertionError("the report must stream items.jsonl, not load it whole")

    monkeypatch.setattr(harness.results, "load_items", refuse)
    monkeypatch.setattr(harness.results, "load_numbered_items", refuse)
    whole = embed_items_file(run, max_bytes=10**9)
    assert whole is not None and not whole.capped
    assert whole.texts == embed_items(items, max_bytes=10**9).texts
    # Capped, the file path sizes each item by its line (an upper bound of its embedded JSON).
    lines = [line for line in (run / "items.jsonl").read_text().splitlines() if line.strip()]
    line_sizes = {
        (i["test"], i["id"]): len(line.encode()) + 2 for i, line in zip(items, lines, strict=True)
    }
    cut = embed_items_file(run, max_bytes=20_000)
    assert cut is not None and cut.capped and cut.total == len(items)
    kept = [json.loads(text) for text in cut.texts]
    assert {(k["test"], k["id"]) for k in kept} == expected_choice(items, line_sizes, 20_000)
    by_key = {(i["test"], i["id"]): i for i in items}
    assert kept == [slim_item(by_key[(k["test"], k["id"])]) for k in kept]
    render_report(run)


def test_a_bad_line_in_items_jsonl_names_its_line(tmp_path):
    run = write_run(tmp_path / "run", build_results(), many_items({"a": 3}))
    lines = (run / "items.jsonl").read_text().splitlines()
    lines[1] = json.dumps({**json.loads(lines[1]), "confidence": "high"})
    (run / "items.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(RunDirectoryError, match=r"items\.jsonl:2: confidence"):
        render_report(run)
    assert not (run / "report.html").exists()


def test_the_page_says_when_it_is_cut_and_counts_cover_every_item(tmp_path):
    items = many_items({"nli_core": 400, "nli_negation": 50})
    results = build_results()
    html = render_report_html(results, items, max_embedded_bytes=30_000)
    root, _ = parse(html)
    section = root.find("section", id="failures")
    embedded = len(json.loads(root.find("script", id="items-data").text()))
    assert section.attrs["data-total"] == "450"
    assert section.attrs["data-embedded"] == str(embedded) and embedded < 450
    note = root.find("p", id="fb-cap").text()
    wrong = sum(1 for i in items if i["correct"] is False)
    assert "of the run's 450 items" in note and f"of its {wrong} incorrect items" in note
    assert "items.jsonl" in note and "--max-embedded-mb" in note
    # The per-test link counts every incorrect item, not only the embedded ones.
    core_wrong = sum(1 for i in items if i["test"] == "nli_core" and i["correct"] is False)
    assert f"{core_wrong} incorrect items in the failure browser" in html
    uncapped, _ = parse(render_report_html(results, items))
    assert not list(uncapped.find_all("p", id="fb-cap"))


def test_the_cli_takes_the_budget(tmp_path, capsys):
    run = write_run(tmp_path / "run", build_results(), many_items({"a": 200}))
    assert main(["report", str(run), "--max-embedded-mb", "0.01"]) == 0
    root, _ = parse((run / "report.html").read_text())
    assert int(root.find("section", id="failures").attrs["data-embedded"]) < 200
    with pytest.raises(SystemExit) as exited:
        main(["report", str(run), "--max-embedded-mb", "nan"])
    assert exited.value.code == 2
    assert "--max-embedded-mb" in capsys.readouterr().err


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_a_cut_page_browses_the_embedded_items(tmp_path):
    items = build_items() + many_items({"nli_core": 300})[40:]
    run = write_run(tmp_path / "run", build_results(), items)
    report = render_report(run, max_embedded_bytes=40_000)
    data = json.loads(parse(report.read_text())[0].find("script", id="items-data").text())
    root, _ = dump(tmp_path, report, "correct=all&sort=id")
    status, ids, _ = shown(root)
    assert int(status["data-matched"]) == len(data) < len(items)
    assert ids == [i["id"] for i in sorted(data, key=lambda i: f"{i['test']}\0{i['id']}")][:50]
    assert root.find("p", id="fb-cap").text()
