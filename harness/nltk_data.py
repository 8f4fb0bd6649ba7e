"""Offline NLTK data: WordNet from Debian's packages and English stop words.

NLTK (and ``import textattack``) look for ``corpora/wordnet`` and
``corpora/stopwords`` and would try to download them. On these machines the
WordNet 3.0 database comes from Debian's ``wordnet-base`` package in
/usr/share/wordnet; NLTK reads it as its ``wordnet`` corpus once a ``lexnames``
file is added beside it. Stop words are scikit-learn's English list. Both are
assembled into an NLTK data directory under the harness cache, once.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from harness.errors import ResourceUnavailableError
from harness.files.jsonio import write_atomic

#: Where Debian's wordnet-base puts the database; override with HARNESS_WORDNET_DIR.
SYSTEM_WORDNET_DIR = Path("/usr/share/wordnet")

WORDNET_FILES = (
    "adj.exc",
    "adv.exc",
    "cntlist.rev",
    "data.adj",
    "data.adv",
    "data.noun",
    "data.verb",
    "index.adj",
    "index.adv",
    "index.noun",
    "index.sense",
    "index.verb",
    "noun.exc",
    "verb.exc",
)

# The 45 WordNet lexicographer files, in number order (WordNet's lexnames(5WN));
# the last column is the syntactic category (1 noun, 2 verb, 3 adjective, 4 adverb).
LEXNAMES = (
    ("adj.all", 3),
    ("adj.pert", 3),
    ("adv.all", 4),
    ("noun.Tops", 1),
    ("noun.act", 1),
    ("noun.animal", 1),
    ("noun.artifact", 1),
    ("noun.attribute", 1),
    ("noun.body", 1),
    ("noun.cognition", 1),
    ("noun.communication", 1),
    ("noun.event", 1),
    ("noun.feeling", 1),
    ("noun.food", 1),
    ("noun.group", 1),
    ("noun.location", 1),
    ("noun.motive", 1),
    ("noun.object", 1),
    ("noun.person", 1),
    ("noun.phenomenon", 1),
    ("noun.plant", 1),
    ("noun.possession", 1),
    ("noun.process", 1),
    ("noun.quantity", 1),
    ("noun.relation", 1),
    ("noun.shape", 1),
    ("noun.state", 1),
    ("noun.substance", 1),
    ("noun.time", 1),
    ("verb.body", 2),
    ("verb.change", 2),
    ("verb.cognition", 2),
    ("verb.communication", 2),
    ("verb.competition", 2),
    ("verb.consumption", 2),
    ("verb.contact", 2),
    ("verb.creation", 2),
    ("verb.emotion", 2),
    ("verb.motion", 2),
    ("verb.perception", 2),
    ("verb.possession", 2),
    ("verb.social", 2),
    ("verb.stative", 2),
    ("verb.weather", 2),
    ("adj.ppl", 3),
)


def cache_root() -> Path:
    """The harness cache directory (HARNESS_CACHE_DIR, else ~/.cache/harness)."""
    configured = os.environ.get("HARNESS_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "harness"


def system_wordnet_dir() -> Path | None:
    directory = Path(os.environ.get("HARNESS_WORDNET_DIR", SYSTEM_WORDNET_DIR))
    return directory if (directory / "data.noun").exists() else None


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        write_atomic(path, text)


@lru_cache(maxsize=1)
def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words (``ENGLISH_STOP_WORDS``), read from the module
    that defines them without importing scikit-learn, which takes most of a second (it
    imports scipy and pandas) and would be all a warm re-run's analyses import it for."""
    import importlib.util
    import sys

    loaded = sys.modules.get("sklearn.feature_extraction._stop_words")
    if loaded is None:
        spec = importlib.util.find_spec("sklearn")  # locates the package, runs nothing
        for location in (spec.submodule_search_locations or []) if spec is not None else []:
            path = Path(location, "feature_extraction", "_stop_words.py")
            module_spec = importlib.util.spec_from_file_location("_harness_stop_words", path)
            if path.is_file() and module_spec is not None and module_spec.loader is not None:
                loaded = importlib.util.module_from_spec(module_spec)
                module_spec.loader.exec_module(loaded)
                break
    if loaded is None:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
    return frozenset(loaded.ENGLISH_STOP_WORDS)


@lru_cache(maxsize=1)
def ensure_nltk_data() -> Path:
    """Build (once) and register an NLTK data dir with stopwords and, if present, WordNet.

    Returns the directory; it is prepended to ``nltk.data.path`` and to ``NLTK_DATA``
    (for libraries that read the variable at import, like textattack).
    """
    root = cache_root() / "nltk_data"
    stopwords = root / "corpora" / "stopwords"
    stopwords.mkdir(parents=True, exist_ok=True)
    _write_if_changed(stopwords / "english", "\n".join(sorted(english_stop_words())) + "\n")

    source = system_wordnet_dir()
    if source is not None:
        wordnet = root / "corpora" / "wordnet"
        wordnet.mkdir(parents=True, exist_ok=True)
        for name in WORDNET_FILES:
            # Copies, not symlinks: NLTK refuses corpus paths that resolve outside its root.
            target = wordnet / name
            if (source / name).exists() and not target.exists():
                write_atomic(target, (source / name).read_bytes())
        lexnames = "".join(
            f"{i:02d}\t{name}\t{category}\n" for i, (name, category) in enumerate(LEXNAMES)
        )
        _write_if_changed(wordnet / "lexnames", lexnames)

    paths = os.environ.get("NLTK_DATA", "")
    if str(root) not in paths.split(os.pathsep):
        os.environ["NLTK_DATA"] = os.pathsep.join(p for p in (str(root), paths) if p)
    try:
        import nltk
    except ImportError:
        return root
    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))
    return root


def wordnet_available() -> bool:
    return system_wordnet_dir() is not None


def wordnet() -> Any:
    """NLTK's WordNet reader over the offline database; raises if WordNet is not installed."""
    if not wordnet_available():
        raise ResourceUnavailableError(
            "WordNet is not installed: apt-get update && apt-get install -y wordnet-base wordnet-sense-index "
            "(or set HARNESS_WORDNET_DIR to a WordNet 3.0 dict directory)"
        )
    ensure_nltk_data()
    from nltk.corpus import wordnet as reader

    reader.ensure_loaded()
    return reader
