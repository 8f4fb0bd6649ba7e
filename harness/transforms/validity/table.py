"""The judged validity rates as the docs show them: written from the fixtures, never typed.

A doc holds a table between two markers; ``scripts/validity_table.py`` rewrites what is
between them, and a test fails when a doc differs from what the script would write::

    <!-- validity:begin -->                       every fixture
    <!-- validity:begin transform=age_swap,nationality_swap -->   only these transforms
    <!-- validity:end -->
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from harness.transforms.validity.fixtures import Fixture

BEGIN = re.compile(r"<!-- validity:begin(?: transform=(?P<only>[\w,]+))? -->\n")
END = "<!-- validity:end -->"

HEADER = (
    "| transform | mode | source | variants | judged | valid | rate | draw seed | drawn |\n"
    "|---|---|---|---:|---:|---:|---:|---:|---|\n"
)


def table_row(fixture: Fixture) -> str:
    header = fixture.header
    usage = header.usage
    if header.population == 0:
        judged, valid, rate = "—", "—", "changes nothing"
    else:
        judged, valid = str(fixture.judged), str(fixture.valid)
        rate = f"{fixture.valid / fixture.judged:.1%}" if fixture.judged else "—"
    return (
        f"| `{usage.transform}` | {usage.mode} | {usage.source} | {header.population} | "
        f"{judged} | {valid} | {rate} | {header.draw_seed} | {header.drawn} |\n"
    )


def validity_table(fixtures: Sequence[Fixture], only: Sequence[str] = ()) -> str:
    """The markdown table of ``fixtures`` (those of the ``only`` transforms, if given)."""
    chosen = [f for f in fixtures if not only or f.header.usage.transform in only]
    chosen.sort(key=lambda f: f.header.usage.key)
    return HEADER + "".join(table_row(fixture) for fixture in chosen)


def with_validity_tables(text: str, fixtures: Sequence[Fixture]) -> str:
    """``text`` with every marked table rewritten from ``fixtures``."""
    pieces = []
    position = 0
    for match in BEGIN.finditer(text):
        end = text.find(END, match.end())
        if end < 0:
            raise ValueError(f"'{match.group().strip()}' has no '{END}' after it")
        only = match["only"].split(",") if match["only"] else []
        pieces.append(text[position : match.end()])
        pieces.append(validity_table(fixtures, only))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def has_validity_table(text: str) -> bool:
    return BEGIN.search(text) is not None
