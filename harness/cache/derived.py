"""Derived work kept between runs: generated examples, transform variants, attack outcomes.

A warm re-run — every prediction already cached — should only read caches, score and
write. What it would otherwise redo is the work *before* the predictions: generators
(some read WordNet through NLTK), transforms (some load lemminflect and a sentence
encoder) and attacks (``import textattack`` alone takes seconds). That work is kept
here, keyed by everything its result depends on:

* the component and its validated parameters, the seed and the inputs it was given;
* ``source_digest``: the source of the harness modules that define the component and
  of every harness module they import (at module level or inside functions), so a
  code change invalidates what the old code made;
* ``resource_versions``: the versions of the third-party packages and data derived
  work reads (NLTK, WordNet's files, lemminflect, TextAttack, Python).

Model-independent work (examples, variants) lives in ``<cache>/derived/``; attack
outcomes depend on the model and live in the model's own response cache (one file per
model fingerprint). A value is stored only when it decodes back to exactly what was
computed, so a cached run can never see something a cold run would not.
"""

from __future__ import annotations

import ast
import hashlib
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from harness.cache.responses import FORMAT_VERSION as CACHE_FORMAT_VERSION
from harness.cache.responses import ResponseCache
from harness.core import Example, TransformRecord
from harness.files.jsonio import dumps_json

#: Bump when what is stored changes shape: every stored entry is then ignored.
DERIVED_FORMAT = 1
#: Third-party distributions whose version is part of every key.
KEYED_DISTRIBUTIONS = ("nltk", "lemminflect", "textattack", "transformers", "scikit-learn")

T = TypeVar("T")
_PACKAGE_ROOT = Path(__file__).resolve().parents[1]


# --- keys ---------------------------------------------------------------------------------


def _module_file(name: str) -> Path | None:
    """The source file of harness module ``name`` (a module or a package), or None."""
    parts = name.split(".")
    if parts[0] != "harness":
        return None
    base = _PACKAGE_ROOT.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


# ``import a.b`` / ``from a.b import c, d`` / ``from . import c`` / ``from .a import (c, d)``,
# anywhere in a file (inside functions too); a match in a docstring only adds a module.
_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(?P<base>\.*[\w.]*)[ \t]+import[ \t]+"
    r"(?P<names>\([^)]*\)|[^\n#]*)|import[ \t]+(?P<modules>[^\n#]*))",
    re.MULTILINE,
)


@lru_cache(maxsize=1024)
def _imported_modules(module: str) -> frozenset[str]:
    """Harness modules that ``module``'s source imports anywhere in its code."""
    path = _module_file(module)
    if path is None:
        return frozenset()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for match in _IMPORT.finditer(path.read_text(encoding="utf-8")):
        if match["modules"] is not None:
            found.update(part.split(" as ")[0].strip() for part in match["modules"].split(","))
            continue
        if match["base"] is None:  # pragma: no cover - one of the two branches matches
            continue
        base = match["base"]
        level = len(base) - len(base.lstrip("."))
        if level:
            anchor = package.split(".")
            anchor = anchor[: len(anchor) - (level - 1)]
            base = ".".join([*anchor, base.lstrip(".")] if base.lstrip(".") else anchor)
        found.add(base)
        # ``from harness.generators import lexicon`` imports a module, not a name.
        names = (name.split(" as ")[0].strip() for name in match["names"].strip("()").split(","))
        found.update(f"{base}.{name}" for name in names if name)
    return frozenset(name for name in found if _module_file(name) is not None)


@lru_cache(maxsize=256)
def _module_digest(module: str) -> str:
    """sha256 over the sources of ``module`` and of every harness module it reaches."""
    seen: dict[str, Path] = {}
    pending = [module]
    while pending:
        name = pending.pop()
        path = _module_file(name)
        if name in seen or path is None:
            continue
        seen[name] = path
        # Importing a submodule runs its packages' __init__ first.
        parents = [".".join(name.split(".")[:i]) for i in range(2, name.count(".") + 1)]
        pending.extend([*parents, *_imported_modules(name)])
    digest = hashlib.sha256()
    for name in sorted(seen):
        digest.update(name.encode() + b"\0" + seen[name].read_bytes() + b"\0")
    return digest.hexdigest()


def source_digest(*components: Any) -> str | None:
    """A hash of the code behind ``components`` (classes, functions or module names).

    Changes whenever the source of a harness module that defines one of them, or that
    such a module imports (transitively, including imports inside functions), changes.
    None for a component defined outside harness (a plugin): its imports cannot be
    followed, so what it makes is not kept.
    """
    modules = sorted(
        {
            component if isinstance(component, str) else str(component.__module__)
            for component in components
        }
    )
    if any(_module_file(module) is None for module in modules):
        return None
    return hashlib.sha256("".join(_module_digest(m) for m in modules).encode()).hexdigest()


#: Modules whose code is infrastructure, not a component's behaviour (data types, option
#: validation, seeding, registries, errors, resource locators, models): other
#: refactorings touch them without changing what a transform makes, and the variants'
#: own hashes catch any change that does.
INFRASTRUCTURE_MODULES = (
    "harness.core",
    "harness.options",
    "harness.seeding",
    "harness.registry",
    "harness.errors",
    "harness.nltk_data",
    "harness.models",
    "harness.jsonio",
    "harness.cache.derived",
    "harness.cache",
)


def _is_infrastructure(module: str, infrastructure: Iterable[str]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in infrastructure)


def _is_description(statement: ast.stmt) -> bool:
    """A class's ``description = "..."``, the line ``harness list`` prints, or its
    ``unavailable_reason``, what to install when a resource is missing: documentation
    like a docstring, never run while a component makes anything
    (``description: ClassVar[str] = ...`` included)."""
    if isinstance(statement, ast.FunctionDef) and statement.name == "unavailable_reason":
        return True
    if isinstance(statement, ast.AnnAssign):
        # ``description: ClassVar[str] = ...``; a dataclass field ``description: str``
        # is data, not documentation.
        targets: list[ast.expr] = [statement.target]
        annotation = statement.annotation
        if not (isinstance(annotation, ast.Subscript) and "ClassVar" in ast.unparse(annotation)):
            return False
    elif isinstance(statement, ast.Assign):
        targets = statement.targets
        value = statement.value
        if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
            return False
    else:
        return False
    return [getattr(t, "id", None) for t in targets] == ["description"]


def _without_imports_and_docstrings(tree: ast.AST) -> ast.AST:
    """``tree`` with every import statement, docstring and class ``description``
    removed (in place)."""
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        kept = [
            statement
            for statement in body
            if not isinstance(statement, ast.Import | ast.ImportFrom)
            and not (isinstance(node, ast.ClassDef) and _is_description(statement))
        ]
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and kept
            and isinstance(kept[0], ast.Expr)
            and isinstance(kept[0].value, ast.Constant)
            and isinstance(kept[0].value.value, str)
        ):
            kept = kept[1:]
        node.body = kept  # type: ignore[attr-defined]
        for name in ("orelse", "finalbody"):
            branch = getattr(node, name, None)
            if isinstance(branch, list):
                setattr(
                    node,
                    name,
                    [s for s in branch if not isinstance(s, ast.Import | ast.ImportFrom)],
                )
    return tree


def _canonical_dump(node: Any) -> str:
    """``ast.dump`` without the fields that differ between Python versions when empty
    (3.12 adds ``type_params=[]`` to every function): the same code, the same text."""
    if isinstance(node, ast.AST):
        fields = []
        for name in node._fields:
            value = getattr(node, name, None)
            if value is None or value == []:
                continue
            fields.append(f"{name}={_canonical_dump(value)}")
        return f"{type(node).__name__}({', '.join(fields)})"
    if isinstance(node, list):
        return "[" + ", ".join(_canonical_dump(item) for item in node) + "]"
    return repr(node)


@lru_cache(maxsize=256)
def _code_digest(source: str) -> str:
    """sha256 of a module's code without its imports and docstrings."""
    tree = _without_imports_and_docstrings(ast.parse(source))
    return hashlib.sha256(_canonical_dump(tree).encode()).hexdigest()


def behaviour_digest(
    *components: Any, infrastructure: Iterable[str] = INFRASTRUCTURE_MODULES
) -> str | None:
    """A hash of the code that decides what ``components`` (classes, functions or module
    names) make: their modules and the harness modules those reach, as
    ``source_digest`` walks them, but

    * without infrastructure (``infrastructure``, not followed either) and without
      package ``__init__`` files, which hold imports, not behaviour;
    * each module digested as code with its import statements and docstrings removed,
      and without its name: moving an import, rewording a docstring or moving a module
      to another package keeps the digest; changing what any function does, a word
      list, or a constant changes it.

    Validity fixtures record it (``harness.transforms.validity``): a judged sample stays
    valid only while the code that made it is unchanged. None for a component defined
    outside harness.
    """
    modules = {
        component if isinstance(component, str) else str(component.__module__)
        for component in components
    }
    if any(_module_file(module) is None for module in modules):
        return None
    excluded = tuple(infrastructure)
    seen: set[Path] = set()
    pending = sorted(modules)
    while pending:
        name = pending.pop()
        path = _module_file(name)
        if path is None or path in seen or _is_infrastructure(name, excluded):
            continue
        if path.name == "__init__.py" and name not in modules:
            continue
        seen.add(path)
        pending.extend(sorted(_imported_modules(name)))
    digests = sorted(_code_digest(path.read_text(encoding="utf-8")) for path in seen)
    return hashlib.sha256("".join(digests).encode()).hexdigest()


def _distribution_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


@lru_cache(maxsize=1)
def resource_versions() -> dict[str, Any]:
    """What derived work reads from outside harness, by version (cheap: no imports).

    WordNet is identified by its files' names, sizes and modification times, and by
    where it lives (HARNESS_WORDNET_DIR moves it).
    """
    from harness.nltk_data import WORDNET_FILES, system_wordnet_dir

    wordnet = system_wordnet_dir()
    wordnet_files = None
    if wordnet is not None:
        wordnet_files = [str(wordnet)]
        for name in WORDNET_FILES:
            path = wordnet / name
            if path.exists():
                stat = path.stat()
                wordnet_files.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return {
        "python": list(sys.version_info[:2]),
        "wordnet": wordnet_files,
        **{name: _distribution_version(name) for name in KEYED_DISTRIBUTIONS},
    }


def derived_key(kind: str, **parts: Any) -> str:
    """The cache key of one piece of derived work: ``parts`` plus format and resources."""
    payload = {
        "kind": kind,
        "format": DERIVED_FORMAT,
        "resources": resource_versions(),
        **parts,
    }
    return hashlib.sha256(dumps_json(payload).encode()).hexdigest()


def examples_digest(examples: Iterable[Example]) -> str:
    """A hash of examples as they are (ids, fields, targets, tags, origin)."""
    digest = hashlib.sha256()
    for example in examples:
        digest.update(dumps_json(example.to_json()).encode() + b"\n")
    return digest.hexdigest()


# --- values -------------------------------------------------------------------------------


def example_from_json(record: Mapping[str, Any]) -> Example:
    """The inverse of ``Example.to_json`` (for JSON-native fields, targets and tags)."""
    transform = record.get("transform")
    return Example(
        id=record["id"],
        fields=dict(record["fields"]),
        target=record.get("target"),
        meta=dict(record.get("meta") or {}),
        parent_id=record.get("parent_id"),
        transform=TransformRecord(
            name=transform["name"],
            params=dict(transform.get("params") or {}),
            seed=transform.get("seed", ""),
            description=transform.get("description", ""),
        )
        if transform
        else None,
    )


class DerivedStore:
    """``(kind, key) -> JSON`` for model-independent derived work, in one SQLite file."""

    def __init__(self, directory: Path) -> None:
        self._directory = Path(directory)
        # Opened on first use that needs it: a run that fails before it derives anything
        # (a data error found by the preflight) leaves no file behind.
        self._cache: ResponseCache | None = None
        self.hits = 0
        self.misses = 0

    @property
    def path(self) -> Path:
        return self._directory / f"derived.v{CACHE_FORMAT_VERSION}.sqlite"

    def _opened(self) -> ResponseCache:
        if self._cache is None:
            self._cache = ResponseCache(self._directory, "derived")
        return self._cache

    def get(self, kind: str, key: str) -> Any | None:
        if self._cache is None and not self.path.exists():
            return None
        return self._opened().get_many(kind, [key]).get(key)

    def put(self, kind: str, key: str, value: Any) -> None:
        self._opened().put_many(kind, [(key, value)])

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()


def memoized(
    store: Any,
    kind: str,
    key: str,
    compute: Callable[[], T],
    encode: Callable[[T], Any],
    decode: Callable[[Any], T],
) -> T:
    """``compute()``, or what an earlier identical computation stored under ``key``.

    ``store`` is a ``DerivedStore`` or a ``ResponseCache``-like object with ``get_many``
    and ``put_many`` (None: no caching). A value is stored only when ``decode`` gives
    back exactly what was computed; a stored value that cannot be decoded is recomputed.
    """
    if store is None:
        return compute()
    found = _get(store, kind, key)
    if found is not None:
        try:
            value = decode(found)
        except (KeyError, TypeError, ValueError, AttributeError):
            value = None
        if value is not None:
            _count(store, "hits")
            return value
    _count(store, "misses")
    value = compute()
    encoded = encode(value)
    try:
        faithful = decode(_round_trip(encoded)) == value
    except (KeyError, TypeError, ValueError, AttributeError):
        faithful = False
    if faithful:
        _put(store, kind, key, encoded)
    return value


def memoized_by_code(
    store: Any,
    kind: str,
    code_of: Sequence[Any],
    compute: Callable[[], T],
    encode: Callable[[T], Any],
    decode: Callable[[Any], T],
    **parts: Any,
) -> T:
    """``memoized`` under ``derived_key(kind, **parts, code=...)``, where ``code`` is the
    ``source_digest`` of ``code_of`` (components or module names).

    Computed, never kept, without a store or when a component is defined outside harness
    (its imports cannot be followed, so a change to it would go unseen).
    """
    code = source_digest(*code_of) if store is not None else None
    if code is None:
        return compute()
    return memoized(store, kind, derived_key(kind, **parts, code=code), compute, encode, decode)


def _round_trip(value: Any) -> Any:
    import json

    return json.loads(dumps_json(value))


def _get(store: Any, kind: str, key: str) -> Any | None:
    if isinstance(store, DerivedStore):
        return store.get(kind, key)
    return store.get_many(kind, [key]).get(key)


def _put(store: Any, kind: str, key: str, value: Any) -> None:
    if isinstance(store, DerivedStore):
        store.put(kind, key, value)
    else:
        store.put_many(kind, [(key, value)])


def _count(store: Any, name: str) -> None:
    if isinstance(store, DerivedStore):
        setattr(store, name, getattr(store, name) + 1)
