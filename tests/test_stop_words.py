"""English stop words: scikit-learn's list, read without importing scikit-learn."""

from __future__ import annotations

import subprocess
import sys

from harness.nltk_data import english_stop_words


def test_the_list_is_scikit_learns() -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    assert english_stop_words() == frozenset(ENGLISH_STOP_WORDS)
    assert {"the", "not", "nobody"} <= english_stop_words()


def test_reading_it_imports_neither_scikit_learn_nor_scipy() -> None:
    """What makes it worth having: a warm run's analyses ask for it and nothing else."""
    code = (
        "import sys\n"
        "from harness.nltk_data import english_stop_words\n"
        "words = english_stop_words()\n"
        "assert len(words) > 300, len(words)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'sklearn', 'scipy', 'pandas'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
