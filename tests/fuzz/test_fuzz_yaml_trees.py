"""Property: whatever a suite's YAML tree is mutated into, ``harness validate`` answers
with exit 0, or exit 2 and one line that names the suite file; never a traceback."""

from __future__ import annotations

import string
import tempfile
from pathlib import Path
from typing import Any

from fuzz_cases import Case, base_suite, delete_at, dump_yaml, rename_key, run_case, set_at, walk
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BASE = base_suite()
PATHS = [path for path, _ in walk(BASE) if path]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=string.printable + "éü—\u200b", max_size=30),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.text(string.ascii_letters + "_", min_size=1, max_size=12), children, max_size=4
        ),
    ),
    max_leaves=12,
)


@st.composite
def mutated_suites(draw: st.DrawFn) -> Any:
    tree = BASE
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = [path for path, _ in walk(tree) if path]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        operation = draw(st.sampled_from(["replace", "delete", "rename"]))
        parent = tree
        for part in path[:-1]:
            parent = parent[part]
        if operation == "replace":
            tree = set_at(tree, path, draw(values))
        elif operation == "delete":
            tree = delete_at(tree, path)
        elif isinstance(parent, dict):
            new_key = draw(st.text(string.ascii_letters + "_", min_size=1, max_size=12))
            if new_key not in parent:
                tree = rename_key(tree, path, new_key)
    return tree


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(mutated_suites())
def test_validate_answers_every_mutated_suite_with_one_line(tree: Any):
    with tempfile.TemporaryDirectory() as directory:
        world = Path(directory)
        case = Case(
            "hypothesis",
            "tree",
            {"suite.yaml": dump_yaml(tree)},
            argv=("validate", "suite.yaml", "--no-data", "--allow-code"),
        )
        outcome = run_case(case, world, world / "cache")
    assert outcome.raised is None, outcome.raised
    assert "Traceback" not in outcome.stderr
    assert outcome.exit_code in {0, 2}, outcome.stderr
    if outcome.exit_code == 2:
        lines = [line for line in outcome.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("harness: error: suite.yaml"), lines
