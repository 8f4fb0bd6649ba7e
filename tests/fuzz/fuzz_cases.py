"""Malformed suites, data files, command lines and damaged caches, and how to run them.

Each ``Case`` is a small world (files written into an empty directory, a command line)
with the outcome the CLI must give. ``run_case`` drives ``harness.cli.main`` in-process
and returns what a careful user would check: the exit code, stderr, whether a
traceback appeared, what was left on disk and how long it took.

Cases are built from mutations of one small base suite (a cheap ``python:`` model over
a JSONL and a CSV file, inline examples, a perturbation test) and of the shipped suites
(checked with ``harness validate --no-data``, which needs no model):

    key typos · wrong types · missing keys · unknown component names · label, field and
    metric typos · unbounded counts · broken encodings · YAML abuse · bad paths ·
    bad data files · bad command lines · damaged caches · bad model outputs
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import signal
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
SHIPPED_SUITES = sorted((REPO_ROOT / "suites").glob("*.yaml"))
MOCK_MODEL = "python:helpers.mock_models:word_rules"
#: A case that uses more CPU than this has hung (the slowest good case takes ~2 s). It is
#: CPU time, not wall time, so a loaded machine does not make a good case look hung.
TIME_LIMIT_S = 30
#: A case blocked this long without using CPU (a deadlock) has hung too.
WALL_LIMIT_S = 600


# --- the base world ----------------------------------------------------------------


def base_rows(n: int = 12) -> list[dict[str, Any]]:
    subjects = ["The chef", "A girl", "The pilot", "An old man"]
    actions = ["cooks dinner", "reads a book", "walks a dog", "plays chess"]
    rows = []
    for i in range(n):
        subject, action = subjects[i % 4], actions[(i // 4) % 4]
        kind = i % 3
        hypothesis, label = [
            (f"{subject} {action}.", "entailment"),
            (f"{subject} does not {action.split()[0][:-1]}.", "contradiction"),
            (f"{subject} {action} with a friend.", "neutral"),
        ][kind]
        rows.append(
            {
                "id": f"r{i}",
                "premise": f"{subject} {action} on day {i + 1}.",
                "hypothesis": hypothesis,
                "label": label,
                "phenomenon": ["overlap", "negation", "addition"][kind],
            }
        )
    return rows


def base_suite() -> dict[str, Any]:
    """The suite every suite mutation starts from; it runs cleanly (exit 0)."""
    return {
        "name": "fuzz_nli",
        "description": "The base of the fuzz cases.",
        "task": "nli",
        "labels": ["entailment", "neutral", "contradiction"],
        "seed": 5,
        "model": MOCK_MODEL,
        "bootstrap_resamples": 200,
        "tests": [
            {
                "name": "pairs",
                "data": {"source": "file", "path": "pairs.jsonl", "meta_columns": ["phenomenon"]},
                "slice_by": ["phenomenon"],
                "metrics": ["accuracy", "macro_f1"],
            },
            {
                "name": "pairs_binary",
                "data": {
                    "source": "file",
                    "path": "pairs.csv",
                    "columns": {"premise": "premise", "hypothesis": "hypothesis"},
                    "label_values": {"entails": "entailment"},
                    "sample": {"n": 6},
                },
                "label_mapping": {"neutral": "non-entailment", "contradiction": "non-entailment"},
            },
            {
                "name": "inline",
                "data": {
                    "source": "inline",
                    "examples": [
                        {
                            "premise": "A man sleeps.",
                            "hypothesis": "A man sleeps.",
                            "label": "entailment",
                        },
                        {
                            "premise": "A cat runs.",
                            "hypothesis": "A cat does not run.",
                            "label": "contradiction",
                        },
                        {
                            "premise": "A dog eats.",
                            "hypothesis": "A dog eats meat.",
                            "label": "neutral",
                        },
                    ],
                },
            },
            {
                "name": "typo_invariance",
                "data": {"source": "file", "path": "pairs.jsonl"},
                "perturb": [{"name": "typo", "params": {"rate": 0.2, "n_variants": 1}}],
                "fields": ["hypothesis"],
                "expect": "invariance",
            },
            {
                "name": "negation_directional",
                "data": {"source": "file", "path": "pairs.jsonl"},
                "perturb": ["negation"],
                "fields": ["hypothesis"],
                "only_gold": ["entailment"],
                "expect": "directional",
                "to_label": "contradiction",
            },
        ],
    }


def csv_text(rows: list[dict[str, Any]]) -> str:
    header = ["id", "premise", "hypothesis", "label"]
    lines = [",".join(header)]
    for row in rows:
        lines.append(",".join(f'"{row[key]}"' for key in header))
    return "\n".join(lines) + "\n"


def base_files(suite: Any | None = None) -> dict[str, bytes]:
    rows = base_rows()
    return {
        "suite.yaml": dump_yaml(base_suite() if suite is None else suite),
        "pairs.jsonl": "".join(json.dumps(row) + "\n" for row in rows).encode(),
        "pairs.csv": csv_text(rows).encode(),
    }


def dump_yaml(tree: Any) -> bytes:
    return yaml.safe_dump(tree, sort_keys=False, allow_unicode=True).encode("utf-8")


#: The base suite's model is a ``python:`` callable it names: the cases mean to run it.
RUN = ("run", "suite.yaml", "--out", "out", "--quiet", "--allow-code")
#: A typo in a suite may surface where the data disagrees with it (a column, a label).
DATA_OR_SUITE = r"(suite\.yaml|pairs\.(jsonl|csv)):\d+"
VALIDATE = ("validate", "suite.yaml", "--allow-code")


# --- cases ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One malformed input and the outcome the CLI owes it."""

    family: str
    name: str
    files: Mapping[str, bytes]
    argv: tuple[str, ...] = RUN
    expected_exit: int = 2
    # A regular expression the error line must match (the file and line, the field).
    location: str | None = r"suite\.yaml:\d+"
    # Extra set-up in the case's directory (make a folder, damage a cache).
    prepare: Callable[[Path], None] | None = None
    # For healing cases: a line stderr must contain (a warning), the run still exits 0.
    warning: str | None = None

    @property
    def id(self) -> str:
        return f"{self.family}:{self.name}"


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    leftovers: list[str] = field(default_factory=list)
    raised: str | None = None


class _Hung(BaseException):
    """Raised by the timers: the case used ``TIME_LIMIT_S`` of CPU, or ``WALL_LIMIT_S`` in all."""


def run_case(case: Case, directory: Path, cache_dir: Path) -> Outcome:
    """Write the case's files into ``directory`` and run the CLI there, in-process."""
    from harness.cli import main

    for relative, content in case.files.items():
        target = directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    if case.prepare is not None:
        case.prepare(directory)
    before = {str(p.relative_to(directory)) for p in directory.rglob("*")}
    stdout, stderr = io.StringIO(), io.StringIO()
    raised = None
    exit_code = -1
    previous_alarm = signal.signal(signal.SIGALRM, _on_alarm)
    previous_profile = signal.signal(signal.SIGPROF, _on_alarm)
    signal.setitimer(signal.ITIMER_PROF, TIME_LIMIT_S)
    signal.alarm(WALL_LIMIT_S)
    started = time.perf_counter()
    try:
        with (
            _chdir(directory),
            _env("HARNESS_CACHE_DIR", str(cache_dir)),
            contextlib.redirect_stdout(stdout),
            contextlib.redirect_stderr(stderr),
        ):
            try:
                exit_code = main(list(case.argv))
            except SystemExit as exit_:  # argparse's usage errors
                exit_code = exit_.code if isinstance(exit_.code, int) else 2
    except _Hung:
        raised = "hung"
    except BaseException as error:  # a traceback escaping main: the worst outcome
        import traceback

        raised = f"{type(error).__name__}: {error}\n{traceback.format_exc()}"
    finally:
        signal.alarm(0)
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGALRM, previous_alarm)
        signal.signal(signal.SIGPROF, previous_profile)
    seconds = time.perf_counter() - started
    after = {str(p.relative_to(directory)) for p in directory.rglob("*")}
    return Outcome(
        exit_code=exit_code,
        stdout=stdout.getvalue(),
        stderr=stderr.getvalue(),
        seconds=seconds,
        leftovers=sorted(after - before),
        raised=raised,
    )


def _on_alarm(signum: int, frame: Any) -> None:
    raise _Hung()


@contextlib.contextmanager
def _chdir(directory: Path) -> Iterator[None]:
    previous = os.getcwd()
    os.chdir(directory)
    try:
        yield
    finally:
        os.chdir(previous)


@contextlib.contextmanager
def _env(name: str, value: str) -> Iterator[None]:
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous


def problems(case: Case, outcome: Outcome) -> list[str]:
    """Everything wrong with an outcome; empty when the CLI behaved."""
    found = []
    if outcome.raised == "hung":
        return [f"hang: ran past {TIME_LIMIT_S} s of CPU or {WALL_LIMIT_S} s in all"]
    if outcome.raised:
        return [f"traceback: an exception escaped main: {outcome.raised}"]
    if "Traceback" in outcome.stderr:
        found.append("traceback printed")
    if outcome.exit_code != case.expected_exit:
        kind = "silent accept" if outcome.exit_code == 0 else "wrong exit code"
        found.append(f"{kind}: exit {outcome.exit_code}, expected {case.expected_exit}")
    lines = [line for line in outcome.stderr.splitlines() if line.strip()]
    if case.expected_exit != 0:
        errors = [line for line in lines if "error" in line]
        if len(errors) != 1 or len([x for x in lines if not x.startswith("harness")]):
            found.append(f"expected one error line, got {lines[:4]}")
        elif case.location and not re.search(case.location, errors[0]):
            found.append(f"no location /{case.location}/ in: {errors[0][:300]}")
        partial = [p for p in outcome.leftovers if _is_output(p)]
        if partial:
            found.append(f"partial output: {partial[:4]}")
    if case.warning and not any(case.warning in line for line in lines):
        found.append(f"expected a warning containing {case.warning!r}; stderr: {lines[:3]}")
    return found


def _is_output(relative: str) -> bool:
    """Run output a failed command must not leave (the cache's own files are allowed)."""
    first = relative.split(os.sep)[0]
    return first in {"out", "runs"} or ".partial-" in relative


# --- mutations of YAML trees ----------------------------------------------------------


def walk(tree: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    yield path, tree
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from walk(value, (*path, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from walk(value, (*path, index))


def get_at(tree: Any, path: tuple) -> Any:
    for part in path:
        tree = tree[part]
    return tree


def set_at(tree: Any, path: tuple, value: Any) -> Any:
    tree = copy.deepcopy(tree)
    get_at(tree, path[:-1])[path[-1]] = value
    return tree


def delete_at(tree: Any, path: tuple) -> Any:
    tree = copy.deepcopy(tree)
    del get_at(tree, path[:-1])[path[-1]]
    return tree


def rename_key(tree: Any, path: tuple, new_key: str) -> Any:
    tree = copy.deepcopy(tree)
    parent = get_at(tree, path[:-1])
    items = [(new_key if k == path[-1] else k, v) for k, v in parent.items()]
    parent.clear()
    parent.update(items)
    return tree


def typos(word: str) -> list[str]:
    """Plausible misspellings: a doubled letter, a dropped letter, swapped letters, a plural."""
    out = [word + "s", word[:-1] if len(word) > 3 else word + "x"]
    if len(word) > 2:
        out.append(word[0] + word[2] + word[1] + word[3:])
    out.append(word[0] + word[0] + word[1:])
    return [t for t in dict.fromkeys(out) if t != word]


#: Mappings whose keys are free data, not schema: renaming a key there is not a typo
#: the harness can know of (inline example tags, label_values' raw values).
FREE_KEY_PARENTS = {"examples", "label_values", "params", "references"}


def _free(path: tuple) -> bool:
    return any(part in FREE_KEY_PARENTS for part in path if isinstance(part, str))


def schema_keys(tree: Any) -> list[tuple]:
    """Paths of keys a schema (or the suite's labels and fields) fixes."""
    keys = []
    for path, value in walk(tree):
        if isinstance(value, dict):
            for key in value:
                if not _free((*path, key)) or path[-1:] == ("params",):
                    keys.append((*path, key))
    return keys


def _with_suite(tree: Any, *, argv: tuple[str, ...] = RUN) -> dict[str, bytes]:
    return base_files(tree)


def suite_cases() -> list[Case]:
    """Key typos, wrong types, missing keys, unknown names, label/field/metric typos, bounds."""
    base = base_suite()
    cases: list[Case] = []

    for path in schema_keys(base):
        for typo in typos(str(path[-1]))[:2]:
            mutated = rename_key(base, path, typo)
            cases.append(Case("key-typo", f"{_dotted(path)}->{typo}", _with_suite(mutated)))

    wrong_values: dict[type, list[Any]] = {
        str: [["a", "list"], {"a": "map"}, 12],
        int: ["twelve", [1], 1.5, True],
        float: ["x", [0.1]],
        list: ["not-a-list", {"a": 1}, 7],
        dict: ["not-a-map", [1, 2], 3],
    }
    for path, value in walk(base):
        if not path or _free(path) or path[-1] in {"description"}:
            continue
        for wrong in wrong_values.get(type(value), []):
            if type(wrong) is type(value):
                continue
            mutated = set_at(base, path, wrong)
            cases.append(Case("wrong-type", f"{_dotted(path)}={wrong!r}", _with_suite(mutated)))

    required = [
        ("name",),
        ("task",),
        ("tests",),
        ("tests", 0, "name"),
        ("tests", 0, "data"),
        ("tests", 0, "data", "source"),
        ("tests", 0, "data", "path"),
        ("tests", 2, "data", "examples"),
        ("tests", 3, "perturb"),
        ("tests", 2, "data", "examples", 0, "label"),
        ("tests", 2, "data", "examples", 1, "premise"),
        ("tests", 4, "perturb", 0),
    ]
    for path in required:
        cases.append(Case("missing", _dotted(path), _with_suite(delete_at(base, path))))

    unknown = {
        ("task",): "nlii",
        ("model",): "pyhton:helpers.mock_models:word_rules",
        ("tests", 0, "data", "source"): "fiel",
        ("tests", 0, "metrics", 0): "acuracy",
        ("tests", 0, "metrics", 1): "f1_macro",
        ("tests", 3, "perturb", 0, "name"): "tyop",
        ("tests", 4, "perturb", 0): "negate",
        ("tests", 3, "expect"): "invariant",
        ("tests", 0, "kind"): "evaluation",
        ("tests", 0, "data", "format"): "jsonlines",
        ("analyses",): [{"name": "artefact_probe"}],
    }
    for path, value in unknown.items():
        cases.append(
            Case(
                "unknown-name",
                f"{_dotted(path)}={value}",
                _with_suite(
                    set_at(base, path, value)
                    if path != ("analyses",)
                    else {**base, "analyses": value}
                ),
            )
        )

    label_field_typos = {
        ("labels", 1): "nuetral",
        ("tests", 0, "slice_by", 0): "phenomenom",
        ("tests", 0, "data", "meta_columns", 0): "phenomenom",
        ("tests", 1, "label_mapping"): {
            "nuetral": "non-entailment",
            "contradiction": "non-entailment",
        },
        ("tests", 1, "data", "columns"): {"premise": "premise", "hypothesys": "hypothesis"},
        ("tests", 1, "data", "columns", "hypothesis"): "hypothesys",
        ("tests", 1, "data", "label_values", "entails"): "entailmnet",
        ("tests", 3, "fields", 0): "hypotesis",
        ("tests", 4, "only_gold", 0): "entailmnet",
        ("tests", 4, "to_label"): "contradicton",
        ("tests", 2, "data", "examples", 0, "label"): "entailmnet",
    }
    for path, value in label_field_typos.items():
        cases.append(
            Case(
                "label-field-typo",
                f"{_dotted(path)}={value}",
                _with_suite(set_at(base, path, value)),
                location=DATA_OR_SUITE,
            )
        )
    directional = delete_at(base, ("tests", 4, "to_label"))
    directional = delete_at(directional, ("tests", 4, "perturb"))
    directional = set_at(directional, ("tests", 4, "perturb"), ["typo"])
    cases.append(Case("label-field-typo", "directional-without-target", _with_suite(directional)))

    bound_cases = [
        (("bootstrap_resamples",), 10**12),
        (("bootstrap_resamples",), 5),
        (("seed",), True),
        (("seed",), -1),
        (("seed",), 10**30),
        (("tests", 1, "data", "sample", "n"), 0),
        (("tests", 1, "data", "sample", "n"), 10**12),
        (("tests", 3, "perturb", 0, "params", "n_variants"), 10**9),
        (("tests", 3, "perturb", 0, "params", "rate"), 5),
        (("tests", 0, "data", "limit"), -1),
        (("tests", 0, "data", "limit"), 10**15),
        (("model",), {"type": "python", "path": "helpers.mock_models:word_rules", "batch_size": 0}),
        (
            ("model",),
            {"type": "python", "path": "helpers.mock_models:word_rules", "batch_size": 10**12},
        ),
        (
            ("model",),
            {
                "type": "python",
                "path": "helpers.mock_models:word_rules",
                "options": {"allow_pickle": True},
            },
        ),
        (
            ("model",),
            {
                "type": "python",
                "path": "helpers.mock_models:word_rules",
                "options": {"trust_remote_code": True},
            },
        ),
        (
            ("model",),
            {
                "type": "python",
                "path": "helpers.mock_models:word_rules",
                "options": {"batch_szie": 4},
            },
        ),
        (("model",), "sklearn:model.joblib"),
        (("model",), "hf-classifier:missing-checkpoint-dir"),
        (("model",), "python:no_such_module:predict"),
        (("model",), "python:helpers.mock_models:no_such_function"),
        (("model",), ""),
        (("model",), "reference:extra"),
        (("model",), {"type": "reference", "label_map": {"LABEL_9": "neutral"}}),
        (("tests", 3, "invariance_tolerance"), 2),
        (("tests", 4, "max_failures"), -3),
    ]
    for path, value in bound_cases:
        cases.append(
            Case(
                "bounds", f"{_dotted(path)}={value!r}"[:80], _with_suite(set_at(base, path, value))
            )
        )
    return cases


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path) or "<root>"


def shipped_suite_cases() -> list[Case]:
    """Key typos and wrong types in the shipped suites, caught by ``validate --no-data``."""
    cases = []
    for suite_path in SHIPPED_SUITES:
        tree = yaml.safe_load(suite_path.read_text(encoding="utf-8"))
        for path in schema_keys(tree):
            if path[-1] in {"description"}:
                continue
            typo = typos(str(path[-1]))[0]
            cases.append(
                Case(
                    f"shipped-{suite_path.stem}",
                    f"{_dotted(path)}->{typo}",
                    {"suite.yaml": dump_yaml(rename_key(tree, path, typo))},
                    argv=("validate", "suite.yaml", "--no-data"),
                )
            )
    return cases


# --- encodings and YAML abuse ------------------------------------------------------------


def encoding_cases() -> list[Case]:
    text = (
        dump_yaml(base_suite())
        .decode("utf-8")
        .replace("The base of the fuzz cases.", "Café au lait, naïve.")
    )
    rows = base_files()["pairs.jsonl"].decode().replace("The chef", "Le café")
    cases = [
        Case("encoding", "suite-latin-1", {**base_files(), "suite.yaml": text.encode("latin-1")}),
        Case(
            "encoding",
            "suite-utf-16",
            {**base_files(), "suite.yaml": text.encode("utf-16")},
            location=r"suite\.yaml",
        ),
        Case(
            "encoding",
            "suite-nul-byte",
            {**base_files(), "suite.yaml": text.encode().replace(b"task:", b"ta\x00sk:")},
        ),
        Case(
            "encoding",
            "suite-control-char",
            {**base_files(), "suite.yaml": text.encode().replace(b"task:", b"ta\x07sk:")},
        ),
        Case(
            "encoding",
            "suite-cp1252-quote",
            {**base_files(), "suite.yaml": text.encode().replace(b"lait", b"\x93lait\x94")},
        ),
        Case(
            "encoding",
            "jsonl-latin-1",
            {**base_files(), "pairs.jsonl": rows.encode("latin-1")},
            location=r"pairs\.jsonl:\d+",
        ),
        Case(
            "encoding",
            "jsonl-utf-16",
            {**base_files(), "pairs.jsonl": rows.encode("utf-16")},
            location=r"pairs\.jsonl",
        ),
        Case(
            "encoding",
            "jsonl-nul",
            {**base_files(), "pairs.jsonl": rows.encode().replace(b"The", b"T\x00he", 1)},
            location=r"pairs\.jsonl:\d+",
        ),
        Case(
            "encoding",
            "csv-latin-1",
            {
                **base_files(),
                "pairs.csv": csv_text(base_rows()).replace("The chef", "Le café").encode("latin-1"),
            },
            location=r"pairs\.csv:\d+",
        ),
        Case(
            "encoding",
            "csv-utf-16",
            {**base_files(), "pairs.csv": csv_text(base_rows()).encode("utf-16")},
            location=r"pairs\.csv",
        ),
    ]
    good = [
        Case(
            "encoding",
            "suite-utf-8-bom",
            {**base_files(), "suite.yaml": b"\xef\xbb\xbf" + text.encode()},
            expected_exit=0,
            location=None,
        ),
        Case(
            "encoding",
            "jsonl-utf-8-bom",
            {**base_files(), "pairs.jsonl": b"\xef\xbb\xbf" + rows.encode()},
            expected_exit=0,
            location=None,
        ),
    ]
    return cases + good


def yaml_abuse_cases() -> list[Case]:
    suite = dump_yaml(base_suite()).decode()
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    raw = {
        "alias-bomb": bomb,
        "alias-bomb-in-suite": suite
        + "x-bomb: "
        + bomb.replace("\n", "\n  ").replace("a: &a", "\n  a: &a"),
        "deep-nesting-flow": "name: " + "[" * 5000 + "]" * 5000 + "\n",
        "deep-nesting-block": "name:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 3000)),
        "list-as-key": suite + "? [a, b]\n: 1\n",
        "map-as-key": suite.replace("seed: 5", "{a: 1}: 5"),
        "python-tag": suite.replace("seed: 5", "seed: !!python/object/apply:os.system ['true']"),
        "unknown-tag": suite.replace("seed: 5", "seed: !custom 5"),
        "two-documents": suite + "---\nname: other\n",
        "empty-file": "",
        "only-comment": "# nothing\n",
        "scalar-document": "just a string\n",
        "list-document": "- a\n- b\n",
        "duplicate-key": suite + "seed: 6\n",
        "unclosed-quote": suite.replace("name: fuzz_nli", 'name: "fuzz_nli'),
        "seed-nan": suite.replace("seed: 5", "seed: .nan"),
        "seed-inf": suite.replace("seed: 5", "seed: .inf"),
        "huge-int": suite.replace("seed: 5", "seed: " + "9" * 5000),
        "binary-garbage": "\x00\x01\x02\xff\xfe garbage",
        "merge-key-loop": "base: &b {x: 1}\nname: {<<: *b, <<: *b}\n",
        "anchor-self-reference": "a: &a [*a]\n",
    }
    cases = []
    for name, text in raw.items():
        data = (
            text.encode("utf-8", errors="surrogateescape")
            if name != "binary-garbage"
            else b"\x00\x01\x02\xff\xfe garbage"
        )
        cases.append(
            Case("yaml-abuse", name, {**base_files(), "suite.yaml": data}, location=r"suite\.yaml")
        )
        cases.append(
            Case(
                "yaml-abuse",
                name + "/validate",
                {**base_files(), "suite.yaml": data},
                argv=VALIDATE,
                location=r"suite\.yaml",
            )
        )
    return cases


# --- paths ---------------------------------------------------------------------------------


def _mkdir(relative: str) -> Callable[[Path], None]:
    def prepare(directory: Path) -> None:
        (directory / relative).mkdir(parents=True, exist_ok=True)

    return prepare


def path_cases() -> list[Case]:
    base = base_suite()
    files = base_files()
    return [
        Case(
            "path",
            "data-path-is-directory",
            _with_suite(set_at(base, ("tests", 0, "data", "path"), "folder")),
            prepare=_mkdir("folder"),
            location=r"folder",
        ),
        Case(
            "path",
            "data-path-missing",
            _with_suite(set_at(base, ("tests", 0, "data", "path"), "nothing.jsonl")),
            location=r"nothing\.jsonl",
        ),
        Case(
            "path",
            "data-path-empty",
            _with_suite(set_at(base, ("tests", 0, "data", "path"), "")),
            location=r"suite\.yaml:\d+",
        ),
        Case(
            "path",
            "data-unknown-extension",
            _with_suite(set_at(base, ("tests", 0, "data", "path"), "pairs.xlsx")),
            location=r"pairs\.xlsx",
        ),
        Case(
            "path",
            "suite-missing",
            files,
            argv=("run", "absent.yaml", "--quiet"),
            location=r"absent\.yaml",
        ),
        Case(
            "path",
            "suite-is-directory",
            files,
            argv=("run", "folder", "--quiet"),
            prepare=_mkdir("folder"),
            location=r"folder",
        ),
        Case(
            "path",
            "out-is-a-file",
            {**files, "taken": b"x"},
            argv=("run", "suite.yaml", "--out", "taken", "--quiet", "--allow-code"),
            location=r"taken",
        ),
        Case(
            "path",
            "out-under-a-file",
            {**files, "taken": b"x"},
            argv=("run", "suite.yaml", "--out", "taken/run", "--quiet", "--allow-code"),
            location=r"taken",
        ),
        Case(
            "path",
            "cache-dir-is-a-file",
            {**files, "cachefile": b"x"},
            argv=(*RUN, "--cache-dir", "cachefile"),
            location=r"cachefile",
        ),
        Case(
            "path",
            "cache-dir-under-a-file",
            {**files, "cachefile": b"x"},
            argv=(*RUN, "--cache-dir", "cachefile/sub"),
            location=r"cachefile",
        ),
        Case(
            "path",
            "validate-out-free",
            files,
            argv=("validate", "nothing.yaml"),
            location=r"nothing\.yaml",
        ),
        Case("path", "report-missing-run", files, argv=("report", "no-run"), location=r"no-run"),
        Case(
            "path", "report-on-file", files, argv=("report", "suite.yaml"), location=r"suite\.yaml"
        ),
        Case(
            "path",
            "gate-missing-runs",
            files,
            argv=("gate", "no-base", "no-cand"),
            location=r"no-(base|cand)",
        ),
        Case(
            "path",
            "compare-missing-runs",
            files,
            argv=("compare", "no-base", "no-cand"),
            location=r"no-(base|cand)",
        ),
    ]


# --- data files --------------------------------------------------------------------------------


def data_cases() -> list[Case]:
    rows = base_rows()
    good_jsonl = base_files()["pairs.jsonl"].decode()
    jsonl_lines = good_jsonl.splitlines(keepends=True)
    bad_jsonl = {
        "empty": "",
        "blank-lines": "\n\n\n",
        "not-json": jsonl_lines[0] + "{not json}\n" + "".join(jsonl_lines[2:]),
        "array-row": jsonl_lines[0] + "[1, 2]\n",
        "string-row": jsonl_lines[0] + '"text"\n',
        "missing-premise": jsonl_lines[0] + json.dumps({**rows[1], "premise": None}) + "\n",
        "premise-list": jsonl_lines[0] + json.dumps({**rows[1], "premise": ["a"]}) + "\n",
        "premise-empty": jsonl_lines[0] + json.dumps({**rows[1], "premise": ""}) + "\n",
        "no-label": jsonl_lines[0]
        + json.dumps({k: v for k, v in rows[1].items() if k != "label"})
        + "\n",
        "unknown-label": jsonl_lines[0] + json.dumps({**rows[1], "label": "entailed"}) + "\n",
        "label-number": jsonl_lines[0] + json.dumps({**rows[1], "label": 3}) + "\n",
        "label-nan": jsonl_lines[0]
        + '{"id": "x", "premise": "a", "hypothesis": "b", "label": NaN, "phenomenon": "p"}\n',
        "duplicate-id": jsonl_lines[0] + jsonl_lines[0],
        "no-meta-column": jsonl_lines[0]
        + json.dumps({k: v for k, v in rows[1].items() if k != "phenomenon"})
        + "\n",
        "truncated": good_jsonl[: len(good_jsonl) // 2],
        "binary": "\x00" * 64,
    }
    cases = []
    for name, text in bad_jsonl.items():
        cases.append(
            Case(
                "data-jsonl",
                name,
                {**base_files(), "pairs.jsonl": text.encode("utf-8")},
                location=r"pairs\.jsonl(:\d+)?",
            )
        )
    header = "id,premise,hypothesis,label\n"
    good_csv = csv_text(rows)
    bad_csv = {
        "empty": "",
        "header-only": header,
        "ragged-long": good_csv + '"x1","a","b","entailment","extra"\n',
        "ragged-short": good_csv + '"x2","a"\n',
        "unknown-label": good_csv + '"x3","a","b","maybe"\n',
        "missing-column": "id,premise,label\n" + '"x4","a","entailment"\n',
        "unclosed-quote": good_csv + '"x5,"a","b","entailment"\n',
        "duplicate-id": good_csv + '"r0","a","b","entailment"\n',
        "empty-field": good_csv + '"x6","","b","entailment"\n',
    }
    for name, text in bad_csv.items():
        cases.append(
            Case(
                "data-csv",
                name,
                {**base_files(), "pairs.csv": text.encode("utf-8")},
                location=r"pairs\.csv(:\d+)?",
            )
        )
    inline = base_suite()
    inline_cases = {
        "example-not-mapping": "just text",
        "example-missing-hypothesis": {"premise": "a", "label": "entailment"},
        "example-bad-label": {"premise": "a", "hypothesis": "b", "label": "yes"},
        "example-duplicate-id": {
            "premise": "a",
            "hypothesis": "b",
            "label": "entailment",
            "id": "0",
        },
        "example-list-premise": {"premise": ["a"], "hypothesis": "b", "label": "entailment"},
    }
    for name, example in inline_cases.items():
        tree = copy.deepcopy(inline)
        examples = tree["tests"][2]["data"]["examples"]
        if name == "example-duplicate-id":
            examples[0]["id"] = "0"
        examples.append(example)
        cases.append(Case("data-inline", name, _with_suite(tree)))
    return cases


# --- command lines ------------------------------------------------------------------------------


def command_line_cases() -> list[Case]:
    files = base_files()
    bad = {
        "limit-negative": (*RUN, "--limit", "-1"),
        "limit-zero": (*RUN, "--limit", "0"),
        "limit-text": (*RUN, "--limit", "ten"),
        "limit-huge": (*RUN, "--limit", str(10**30)),
        "model-empty": (*RUN, "--model", ""),
        "model-colon": (*RUN, "--model", ":"),
        "model-unknown-kind": (*RUN, "--model", "hf-clasifier:x"),
        "model-missing-module": (*RUN, "--model", "python:absent_module:f"),
        "model-option-no-equals": (*RUN, "--model-option", "batch_size"),
        "model-option-empty-key": (*RUN, "--model-option", "=3"),
        "model-option-batch-zero": (*RUN, "--model-option", "batch_size=0"),
        "model-option-unknown": (*RUN, "--model-option", "batchsize=3"),
        "model-option-pickle": (*RUN, "--model-option", "allow_pickle=true"),
        "model-option-remote-code": (*RUN, "--model-option", "trust_remote_code=true"),
        "model-option-bad-yaml": (*RUN, "--model-option", "batch_size=[1"),
        "model-target-ignored": (*RUN, "--model", "reference:extra"),
        "model-label-map-unknown": (*RUN, "--model-option", "label_map.contradicton=neutral"),
        "model-missing-path": (*RUN, "--model", "hf-classifier:./checkpoints/absent"),
        "model-option-nested-conflict": (
            *RUN,
            "--model-option",
            "batch_size=2",
            "--model-option",
            "batch_size.x=3",
        ),
        "unknown-flag": (*RUN, "--fast"),
        "unknown-command": ("runn", "suite.yaml"),
        "no-command": (),
        "run-no-suite": ("run",),
        "baseline-missing": (*RUN, "--baseline", "no-such-run"),
        "gate-config-missing": ("gate", "no-base", "no-cand", "--config", "nope.yaml"),
        "list-unknown": ("list", "--bogus"),
        "compare-resamples-huge": ("compare", "a", "b", "--resamples", str(10**12)),
        "compare-seed-negative": ("compare", "a", "b", "--seed", "-5"),
        # The suite names a python: model; without --allow-code it is refused at its line.
        "suite-code-not-allowed": ("run", "suite.yaml", "--out", "out", "--quiet"),
        "suite-code-not-allowed-validate": ("validate", "suite.yaml"),
        "suite-code-not-allowed-doctor": ("doctor", "suite.yaml"),
    }
    cases = []
    for name, argv in bad.items():
        location = (
            None
            if name.startswith(("unknown", "no-", "run-no", "limit-text", "list"))
            else r"(--|suite\.yaml|model|no-such-run|no-base|absent_module|:)"
        )
        cases.append(Case("command-line", name, files, argv=argv, location=location))
    return cases


# --- model outputs ----------------------------------------------------------------------------


BAD_MODELS = (
    "nan_probabilities",
    "infinite_probabilities",
    "negative_probabilities",
    "unnormalised_probabilities",
    "too_few_answers",
    "too_many_answers",
    "unknown_label",
    "none_answers",
    "string_numbers",
    "raises",
    "not_a_list",
)


def model_output_cases() -> list[Case]:
    cases = []
    for name in BAD_MODELS:
        argv = (*RUN, "--model", f"python:bad_models:{name}")
        cases.append(Case("model-output", name, base_files(), argv=argv, location=r"bad_models"))
        cases.append(
            Case(
                "model-output",
                name + "/no-cache",
                base_files(),
                argv=(*argv, "--no-cache"),
                location=r"bad_models",
            )
        )
    return cases


# --- damaged caches ------------------------------------------------------------------------------


def _damage(kind: str) -> Callable[[Path], None]:
    """Damage every cache file under ``directory/cache`` in one way."""

    def prepare(directory: Path) -> None:
        for path in (directory / "cache").rglob("*.sqlite"):
            data = path.read_bytes()
            if kind == "truncated-half":
                path.write_bytes(data[: len(data) // 2])
            elif kind == "truncated-header":
                path.write_bytes(data[:50])
            elif kind == "empty-file":
                path.write_bytes(b"")
            elif kind == "garbage-pages":
                path.write_bytes(data[:4096] + bytes(range(256)) * ((len(data) - 4096) // 256 + 1))
            elif kind == "all-garbage":
                path.write_bytes(b"\xde\xad\xbe\xef" * (len(data) // 4))
            elif kind == "not-sqlite":
                path.write_text("hello, I am a text file\n")
            else:
                _damage_rows(path, kind)

    return prepare


def _damage_rows(path: Path, kind: str) -> None:
    connection = sqlite3.connect(path)
    with connection:
        if kind == "wrong-schema":
            connection.execute("DROP TABLE responses")
            connection.execute("CREATE TABLE responses (a TEXT, b TEXT)")
        elif kind == "no-tables":
            connection.execute("DROP TABLE responses")
            connection.execute("DROP TABLE meta")
        elif kind == "foreign-format":
            connection.execute("UPDATE meta SET value = '99' WHERE name = 'format'")
        elif kind == "bad-json":
            connection.execute("UPDATE responses SET value = '{not json'")
        elif kind == "wrong-length":
            connection.execute("UPDATE responses SET value = '[0.5, 0.5]'")
        elif kind == "nan-rows":
            connection.execute("UPDATE responses SET value = '[NaN, NaN, NaN]'")
        elif kind == "null-rows":
            connection.execute("UPDATE responses SET value = 'null'")
        elif kind == "negative-rows":
            connection.execute("UPDATE responses SET value = '[-1.0, 1.0, 1.0]'")
        elif kind == "string-rows":
            connection.execute("UPDATE responses SET value = '\"entailment\"'")
        elif kind == "unnormalised-rows":
            connection.execute("UPDATE responses SET value = '[0.9, 0.9, 0.9]'")
    connection.close()


CACHE_DAMAGE = (
    "truncated-half",
    "truncated-header",
    "empty-file",
    "garbage-pages",
    "all-garbage",
    "not-sqlite",
    "wrong-schema",
    "no-tables",
    "foreign-format",
    "bad-json",
    "wrong-length",
    "nan-rows",
    "null-rows",
    "negative-rows",
    "string-rows",
    "unnormalised-rows",
)


def cache_cases(template_cache: Path) -> list[Case]:
    """A warm cache from a clean run, damaged; the run must heal (exit 0, one warning)."""
    files = dict(base_files())
    for path in template_cache.rglob("*"):
        if path.is_file():
            files[str(Path("cache") / path.relative_to(template_cache))] = path.read_bytes()
    argv = ("run", "suite.yaml", "--out", "out", "--quiet", "--allow-code", "--cache-dir", "cache")
    return [
        Case(
            "cache",
            kind,
            files,
            argv=argv,
            expected_exit=0,
            location=None,
            prepare=_damage(kind),
            warning="cache",
        )
        for kind in CACHE_DAMAGE
    ]


def all_cases(template_cache: Path | None = None) -> list[Case]:
    cases = [
        *suite_cases(),
        *shipped_suite_cases(),
        *encoding_cases(),
        *yaml_abuse_cases(),
        *path_cases(),
        *data_cases(),
        *command_line_cases(),
        *model_output_cases(),
    ]
    if template_cache is not None:
        cases.extend(cache_cases(template_cache))
    return cases
