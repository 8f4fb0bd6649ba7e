"""Importing TextAttack offline, and checking for the resources its recipes download.

``import textattack`` reads NLTK's stop words and, on its first import after install,
runs a "post-install" step that calls ``nltk.download`` six times (and stanza's
downloader). Offline that step hangs on network timeouts, so ``import_textattack``
first builds the NLTK data directory (``harness.nltk_data``: stop words, WordNet) and
marks TextAttack's post-install step as done.

Recipes download their resources lazily, in the middle of an attack (embeddings from
TextAttack's S3 bucket, masked LMs from the Hugging Face hub, flair taggers, TensorFlow
Hub's Universal Sentence Encoder). The ``check_*`` functions here look for each one on
disk without importing TextAttack, and raise ``ResourceUnavailableError`` with a one-line
message saying how to provide it, so an attack fails before any work starts.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

from harness import install_hint
from harness.errors import MissingDependencyError, ResourceUnavailableError

MISSING_EXTRA = f"the attack test needs the 'attack' extra: {install_hint('attack')}"

#: The marker TextAttack 0.3.x writes once its post-install downloads have run.
POST_INSTALL_MARKER = "post_install_check_3"

COUNTER_FITTED_EMBEDDINGS = "word_embeddings/paragramcf"
USE_URL = "https://tfhub.dev/google/universal-sentence-encoder/4"
USE_URLS = (
    "https://tfhub.dev/google/universal-sentence-encoder/3",
    "https://tfhub.dev/google/universal-sentence-encoder/4",
    "https://tfhub.dev/google/universal-sentence-encoder-large/5",
)


def textattack_installed() -> bool:
    return importlib.util.find_spec("textattack") is not None


def require_textattack() -> None:
    """Raise ``MissingDependencyError`` (one line) when the ``attack`` extra is absent."""
    if not textattack_installed():
        raise MissingDependencyError(MISSING_EXTRA)


def textattack_cache_dir() -> Path:
    """TextAttack's cache: ``TA_CACHE_DIR``, else ``~/.cache/textattack`` (as TextAttack reads it)."""
    return Path(os.environ.get("TA_CACHE_DIR", os.path.expanduser("~/.cache/textattack")))


def import_textattack() -> Any:
    """``import textattack`` without network access; raises ``MissingDependencyError``."""
    require_textattack()
    from harness.nltk_data import ensure_nltk_data

    ensure_nltk_data()
    marker = textattack_cache_dir() / POST_INSTALL_MARKER
    if not marker.exists():
        # Its post-install step only downloads NLTK data, which ensure_nltk_data provides.
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    with warnings.catch_warnings():
        # flair and textattack import-time deprecations are theirs to fix, not ours.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        import textattack
    return textattack


# --- resource checks (no textattack import) ---------------------------------------------


def check_counter_fitted_embeddings(recipe: str) -> None:
    path = textattack_cache_dir() / COUNTER_FITTED_EMBEDDINGS
    if not (path.is_dir() and any(path.iterdir())):
        raise ResourceUnavailableError(
            f"attack recipe '{recipe}' needs TextAttack's counter-fitted word embeddings, "
            f"not found in {path}: on a connected machine download "
            "https://textattack.s3.amazonaws.com/word_embeddings/paragramcf.zip and unzip it "
            "there (TA_CACHE_DIR moves TextAttack's cache)"
        )


def tfhub_cache_dir() -> Path:
    configured = os.environ.get("TFHUB_CACHE_DIR")
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "tfhub_modules"


def check_universal_sentence_encoder(recipe: str) -> None:
    """TensorFlow Hub caches a module under ``$TFHUB_CACHE_DIR/sha1(url)``."""
    if importlib.util.find_spec("tensorflow_hub") is None:
        raise ResourceUnavailableError(
            f"attack recipe '{recipe}' needs the Universal Sentence Encoder (TensorFlow Hub), "
            "and tensorflow_hub is not installed: pip install tensorflow tensorflow_hub, then "
            f"put the module ({USE_URL}) in TFHUB_CACHE_DIR"
        )
    cache = tfhub_cache_dir()
    if not any((cache / hashlib.sha1(url.encode()).hexdigest()).is_dir() for url in USE_URLS):
        raise ResourceUnavailableError(
            f"attack recipe '{recipe}' needs the Universal Sentence Encoder, not found in "
            f"{cache}: download {USE_URL} on a connected machine with TFHUB_CACHE_DIR set, "
            "then set TFHUB_CACHE_DIR to that directory here"
        )


def _in_hf_cache(
    repo_id: str, filename: str = "config.json", cache_dir: Path | None = None
) -> bool:
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:  # pragma: no cover - transformers depends on huggingface_hub
        return False
    try:
        found = try_to_load_from_cache(repo_id, filename, cache_dir=cache_dir)
    except ValueError:  # not a hub id (a path that does not exist, say): not cached
        return False
    return isinstance(found, str)


def check_masked_lm(recipe: str, masked_lm: str | None) -> None:
    """A local directory given as ``recipe_options.masked_lm``, else bert-base-uncased cached."""
    if masked_lm:
        if not (Path(masked_lm) / "config.json").is_file() and not _in_hf_cache(masked_lm):
            raise ResourceUnavailableError(
                f"attack recipe '{recipe}': masked_lm '{masked_lm}' is neither a local model "
                "directory (with config.json) nor in the Hugging Face cache"
            )
        return
    if not _in_hf_cache("bert-base-uncased"):
        raise ResourceUnavailableError(
            f"attack recipe '{recipe}' needs a masked language model (bert-base-uncased), not "
            "in the Hugging Face cache: set recipe_options.masked_lm to a local directory "
            "saved with save_pretrained, or pre-populate the cache "
            "(huggingface-cli download bert-base-uncased) and set HF_HUB_OFFLINE=1"
        )


def flair_cache_root() -> Path:
    configured = os.environ.get("FLAIR_CACHE_ROOT")
    return Path(configured) if configured else Path.home() / ".flair"


def check_flair_model(recipe: str, repo_id: str, purpose: str) -> None:
    """flair keeps hub models under ``<flair cache>/models/<name>`` in hub-cache layout."""
    name = repo_id.split("/")[-1]
    cache_dir = flair_cache_root() / "models" / name
    if not (
        _in_hf_cache(repo_id, "pytorch_model.bin", cache_dir)
        or _in_hf_cache(repo_id, "pytorch_model.bin")
    ):
        raise ResourceUnavailableError(
            f"attack recipe '{recipe}' needs flair's {purpose} model ({repo_id}), not found "
            f"in {cache_dir}: run flair.models.SequenceTagger.load('{repo_id}') once on a "
            "connected machine and copy its flair cache (FLAIR_CACHE_ROOT moves it)"
        )


def check_nltk_pos_tagger(recipe: str) -> None:
    from harness.nltk_data import ensure_nltk_data

    ensure_nltk_data()
    import nltk

    for resource in ("taggers/averaged_perceptron_tagger_eng", "taggers/universal_tagset"):
        try:
            nltk.data.find(resource)
        except LookupError:
            raise ResourceUnavailableError(
                f"attack recipe '{recipe}' needs NLTK's part-of-speech tagger ({resource}), "
                "not installed: on a connected machine run python -m nltk.downloader "
                "averaged_perceptron_tagger_eng universal_tagset and copy the data into a "
                "directory on NLTK_DATA"
            ) from None


def check_sentence_bert(recipe: str, repo_id: str) -> None:
    if not _in_hf_cache(repo_id):
        raise ResourceUnavailableError(
            f"attack recipe '{recipe}' needs the sentence encoder {repo_id}, not in the Hugging "
            f"Face cache: pre-populate it (huggingface-cli download {repo_id}) and set "
            "HF_HUB_OFFLINE=1"
        )


def check_wordnet(recipe: str) -> None:
    from harness.nltk_data import wordnet_available

    if not wordnet_available():
        raise ResourceUnavailableError(
            f"attack recipe '{recipe}' needs WordNet: apt-get update && apt-get install -y wordnet-base "
            "wordnet-sense-index (or set HARNESS_WORDNET_DIR to a WordNet 3.0 dict directory)"
        )
