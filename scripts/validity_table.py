"""Rewrite the validity tables in the docs from the fixtures (never typed by hand).

    python scripts/validity_table.py            # rewrite every marked table in docs/*.md
    python scripts/validity_table.py --check    # exit 1 and name the docs that differ

A table sits between ``<!-- validity:begin -->`` (or ``<!-- validity:begin
transform=a,b -->`` for some transforms) and ``<!-- validity:end -->``; it lists each
fixture in tests/transforms/validity: transform, mode, source, how many variants exist,
how many were judged, how many are valid, the rate, the draw seed and the draw date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "transforms" / "validity"
DOCS = ROOT / "docs"


def rewritten_docs(docs: Path = DOCS, fixtures: Path = FIXTURES) -> dict[Path, tuple[str, str]]:
    """``doc -> (text now, text with its tables rewritten)`` for every doc with a table."""
    from harness.transforms.validity.fixtures import fixture_files, read_fixture
    from harness.transforms.validity.table import has_validity_table, with_validity_tables

    judged = [read_fixture(path) for path in fixture_files(fixtures)]
    found = {}
    for doc in sorted(docs.glob("*.md")):
        text = doc.read_text(encoding="utf-8")
        if has_validity_table(text):
            found[doc] = (text, with_validity_tables(text, judged))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report docs that differ")
    args = parser.parse_args(argv)
    try:
        docs = rewritten_docs()
    except ValueError as error:  # a malformed fixture or an unclosed marker
        print(f"error: {error}", file=sys.stderr)
        return 2
    stale = [doc for doc, (now, new) in docs.items() if now != new]
    if args.check:
        for doc in stale:
            print(f"{doc.relative_to(ROOT)}: validity table differs from the fixtures")
        return 1 if stale else 0
    for doc in stale:
        doc.write_text(docs[doc][1], encoding="utf-8")
        print(f"rewrote {doc.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
