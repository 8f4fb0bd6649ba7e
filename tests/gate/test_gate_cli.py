"""``harness compare`` / ``harness gate``: exit codes and outputs (JUnit, Markdown, JSON, HTML)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers.processes import WAIT_LIMIT_S
from helpers.rundirs import item, write_run_dir

from harness.cli.gate import main

LABELS = ("entailment", "neutral", "contradiction")
SCRIPT_TEXT = "<script>alert('x')</script> & </script><b>"


def _rows(wrong: set[int], n: int = 600) -> list[dict]:
    rows = []
    for i in range(n):
        gold = LABELS[i % 3]
        predicted = LABELS[(i + 1) % 3] if i in wrong else gold
        fields = {"premise": SCRIPT_TEXT if i == 1 else f"premise {i}", "hypothesis": "h"}
        tags = {"phenomenon": ("negation", "lexical")[i % 2]}
        rows.append(item("nli", f"x{i}", gold, predicted, tags=tags, fields=fields))
    return rows


@pytest.fixture
def runs(tmp_path: Path) -> dict[str, Path]:
    options = {"slice_by": {"nli": ["phenomenon"]}}
    base_wrong = set(range(0, 600, 8))
    return {
        "base": write_run_dir(tmp_path / "base", _rows(base_wrong), **options),
        "same": write_run_dir(tmp_path / "same", _rows(base_wrong), model="same", **options),
        # 1 point worse on 600 items: not significant, underpowered → WARN
        "slightly": write_run_dir(
            tmp_path / "slightly",
            _rows(base_wrong | {1, 3, 5, 7, 9, 11}),
            model="slightly",
            **options,
        ),
        # 15 points worse → FAIL
        "worse": write_run_dir(
            tmp_path / "worse", _rows(base_wrong | set(range(1, 180, 2))), model="worse", **options
        ),
        "other": write_run_dir(
            tmp_path / "other", _rows(base_wrong), suite_hash="f" * 16, **options
        ),
    }


def test_gate_exit_codes(runs: dict[str, Path], tmp_path: Path, capsys) -> None:
    base = str(runs["base"])
    assert main(["gate", base, str(runs["same"]), "--no-html"]) == 0
    assert main(["gate", base, str(runs["slightly"]), "--no-html"]) == 0
    assert "gate WARN" in capsys.readouterr().out
    assert main(["gate", base, str(runs["slightly"]), "--no-html", "--strict"]) == 1
    assert main(["gate", base, str(runs["worse"]), "--no-html"]) == 1
    assert "gate FAIL" in capsys.readouterr().out
    assert main(["gate", base, str(runs["other"]), "--no-html"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("harness: error: cannot compare these runs: different suites")
    assert error.count("\n") == 1
    assert main(["gate", base, str(runs["other"]), "--no-html", "--allow-subset"]) == 0
    assert main(["gate", base, str(tmp_path / "missing")]) == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("checks:\n  - test: nope\n")
    assert main(["gate", base, str(runs["same"]), "--config", str(bad)]) == 2
    assert "bad.yaml:2: checks[0].test" in capsys.readouterr().err


def test_gate_reads_the_candidate_suite_copy(runs: dict[str, Path], tmp_path: Path) -> None:
    # A gate that tolerates 20 points turns the FAIL into a pass.
    (runs["worse"] / "suite.yaml").write_text(
        "name: demo\ntests: []\ngate:\n  checks:\n    - test: nli\n      tolerance: 0.2\n"
    )
    assert main(["gate", str(runs["base"]), str(runs["worse"]), "--no-html"]) == 0


def test_junit_markdown_and_json_outputs(runs: dict[str, Path], tmp_path: Path) -> None:
    junit, markdown, out = tmp_path / "gate.xml", tmp_path / "gate.md", tmp_path / "gate.json"
    code = main(
        ["gate", str(runs["base"]), str(runs["worse"]), "--junit", str(junit),
         "--markdown", str(markdown), "--json", str(out), "--no-html"]
    )  # fmt: skip
    assert code == 1
    root = ET.parse(junit).getroot()
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == int(suite.get("tests")) == 3
    failures = [c for c in cases if c.find("failure") is not None]
    assert len(failures) == int(suite.get("failures")) >= 1
    assert {c.get("name") for c in cases} == {
        "accuracy", "accuracy[phenomenon=lexical]", "accuracy[phenomenon=negation]"
    }  # fmt: skip
    assert all(c.find("system-out").text.startswith(("FAIL", "WARN", "PASS")) for c in cases)

    text = markdown.read_text()
    assert text.startswith("## ❌ harness gate: **FAIL**")
    assert "| outcome | check | Δ | 95% CI | n | d | MDE | τ |" in text
    assert text.count("\n| ") >= 4  # header + 3 rows (separator starts with |---)

    verdict = json.loads(out.read_text())
    assert verdict["outcome"] == "FAIL" and verdict["exit_code"] == 1
    assert len(verdict["checks"]) == 3
    assert {"delta", "ci_low", "ci_high", "n", "discordant", "mde"} <= set(verdict["checks"][0])


def test_warn_is_a_skipped_junit_case(runs: dict[str, Path], tmp_path: Path) -> None:
    junit = tmp_path / "warn.xml"
    main(["gate", str(runs["base"]), str(runs["slightly"]), "--junit", str(junit), "--no-html"])
    suite = ET.parse(junit).getroot().find("testsuite")
    skipped = [c for c in suite.findall("testcase") if c.find("skipped") is not None]
    assert len(skipped) == int(suite.get("skipped")) >= 1
    assert skipped[0].find("skipped").get("message").startswith("WARN")


def test_compare_command_and_html_escaping(runs: dict[str, Path], capsys) -> None:
    assert main(["compare", str(runs["base"]), str(runs["worse"]), "--resamples", "500"]) == 0
    out = capsys.readouterr().out
    assert "nli: n=600" in out and "broken" in out and "McNemar" in out
    html = (runs["worse"] / "compare.html").read_text()
    assert "<script>alert" not in html
    assert "\\u003cscript\\u003ealert" in html  # the item, escaped inside the JSON block
    assert html.count("<script") == 2  # the JSON block and compare.js, nothing else
    assert "http://" not in html and "https://" not in html


def test_gate_html_shows_the_verdict(runs: dict[str, Path]) -> None:
    out = runs["worse"] / "report.html"
    main(["gate", str(runs["base"]), str(runs["worse"]), "--html", str(out)])
    html = out.read_text()
    assert 'Gate: <span class="outcome">FAIL</span>' in html
    assert "nli/accuracy" in html


def test_module_entry_point(runs: dict[str, Path]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "harness.cli.gate", "gate", str(runs["base"]), str(runs["worse"]), "--no-html"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("gate FAIL")


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="chromium is not installed")
def test_compare_report_opens_in_a_browser(runs: dict[str, Path]) -> None:
    main(["gate", str(runs["base"]), str(runs["worse"])])
    page = runs["worse"] / "compare.html"
    with tempfile.TemporaryDirectory() as profile:
        command = [
            _chromium(), "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--dump-dom", "--virtual-time-budget=5000",
            page.as_uri(),
        ]  # fmt: skip
        if os.geteuid() == 0:
            command.insert(2, "--no-sandbox")
        dom = subprocess.run(
            command, capture_output=True, text=True, timeout=WAIT_LIMIT_S, check=False
        ).stdout
    assert 'class="item-broken"' in dom  # rows built by compare.js
    assert "showing 90 of 90 matching items" in dom
    # The hostile premise is shown as text, never as markup.
    assert "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;/script&gt;&lt;b&gt;" in dom
    assert "<script>alert" not in dom
