"""Before a served model's cache is reused, ask its canary again.

A model that can change behind its fingerprint (``openai-compatible``: a server can swap
its weights under the same URL and name) has ``canary_answers()``: its answers to a few
fixed requests, asked afresh (log-probabilities where the server gives them, else greedy
text), and ``canary_tolerance``. The first run stores them beside the cache
(``harness.cache.canaries``); a later run compares. Answers that moved by more than the
tolerance mean the cached answers are another model's: the cache for that fingerprint
is set aside and the run says so in one line. A canary that cannot be asked (the server
is down) checks nothing; the run's own requests will say why.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from harness.cache.canaries import CanaryStore


def first_difference(stored: list[Any], fresh: list[Any], tolerance: float) -> str | None:
    """The first answer that moved (numbers by more than ``tolerance``), described."""
    if len(stored) != len(fresh):
        return f"{len(fresh)} canary answers where {len(stored)} were stored"
    for index, (before, now) in enumerate(zip(stored, fresh, strict=True)):
        if isinstance(before, int | float) and isinstance(now, int | float):
            if not math.isclose(before, now, rel_tol=0.0, abs_tol=tolerance):
                return (
                    f"canary {index + 1} log-probability {before:.4f} → {now:.4f} "
                    f"(tolerance {tolerance:g})"
                )
        elif before != now:
            return f"canary {index + 1} answered {now!r} where it answered {before!r}"
    return None


def check_canary(model: Any, directory: Path, fingerprint: str) -> str | None:
    """Ask ``model``'s canary; None when the cache of ``fingerprint`` may be reused, else
    the one line saying why it was set aside."""
    fresh = model.canary_answers()
    if fresh is None:
        return None
    store = CanaryStore(directory, fingerprint)
    stored = store.load()
    if stored is None:
        store.save(fresh)
        return None
    moved = first_difference(stored, fresh, float(getattr(model, "canary_tolerance", 0.0)))
    if moved is None:
        return None
    aside = store.set_cache_aside()
    store.save(fresh)
    where = f" (moved to {aside})" if aside else ""
    return (
        f"{getattr(model, 'spec', 'the served model')} no longer answers as when its cache "
        f"was filled: {moved}; its cached answers are not used{where}, every request is "
        "asked again"
    )
