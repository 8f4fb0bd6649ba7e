"""The README tells the truth about the command line and the install: every command is
listed, CI runs exactly the README's test command, apt lines refresh the package lists
first, and every ``pip install '...[extra]'`` hint names this project's distribution
and an extra it has."""

from __future__ import annotations

import re
from pathlib import Path

import tomllib

from harness import DISTRIBUTION, install_hint
from harness.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _commands() -> list[str]:
    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    return sorted(subparsers.choices)


def _shell_blocks(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)```", text, re.DOTALL)


def test_every_command_is_in_the_commands_table() -> None:
    table = README.split("## Commands", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `harness (\w+)", table, re.MULTILINE))
    missing = [name for name in _commands() if name not in listed]
    assert not missing, f"commands missing from the README's table: {missing}"
    assert {"doctor", "export", "validate", "run"} <= listed


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    (test_block,) = [b for b in _shell_blocks(README) if "python -m pytest" in b]
    (command,) = test_block.strip().splitlines()
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci_lines


def test_apt_lines_refresh_the_package_lists_first() -> None:
    """README, docs and the hints in error messages: a fresh image has no package lists."""
    texts = [README, *(path.read_text(encoding="utf-8") for path in (ROOT / "docs").glob("*.md"))]
    texts += [path.read_text(encoding="utf-8") for path in (ROOT / "harness").rglob("*.py")]
    for text in texts:
        for line in text.splitlines():
            if "apt-get install" in line:
                before = line.split("apt-get install", 1)[0]
                assert "apt-get update &&" in before, line


def test_the_quick_start_installs_a_cpu_only_torch_and_says_how_to_get_cuda() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    (block,) = _shell_blocks(quick_start)[:1]
    assert "pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu" in block
    assert "python3-venv" in block and "apt-get update && apt-get install" in block
    assert "CUDA" in quick_start and "whl/cu" in quick_start


def test_install_hints_name_this_distribution_and_its_extras() -> None:
    name = PYPROJECT["project"]["name"]
    extras = set(PYPROJECT["project"]["optional-dependencies"])
    assert name == DISTRIBUTION != "harness"
    assert install_hint("scale") == f"pip install '{name}[scale]'"
    sources = [README, *(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))]
    sources += [p.read_text(encoding="utf-8") for p in (ROOT / "harness").rglob("*.py")]
    sources += [p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("*.py")]
    hints = [
        h for text in sources for h in re.findall(r"pip install '([A-Za-z][\w.-]*)\[(\w+)\]'", text)
    ]
    assert hints
    for distribution, extra in hints:
        assert (distribution, extra in extras) == (name, True), (distribution, extra)
