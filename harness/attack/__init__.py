"""Adversarial attacks with TextAttack, run through the harness's batched, cached model path.

- ``harness.attack.offline``: import TextAttack offline; check recipe resources on disk.
- ``harness.attack.recipes``: recipe names -> TextAttack recipes (``RECIPES``, ``build_attack``).
- ``harness.attack.wrapper``: ``PredictorModelWrapper`` (imports TextAttack; load it lazily).
- ``harness.attack.results``: attack outcomes -> counts and metrics (pure).

The test kind that uses them is ``harness.kinds.attack``; docs/attacks.md is the guide.
"""

from harness.attack.offline import MISSING_EXTRA, import_textattack, require_textattack
from harness.attack.recipes import RECIPES, build_attack, check_resources, get_recipe

__all__ = [
    "MISSING_EXTRA",
    "RECIPES",
    "build_attack",
    "check_resources",
    "get_recipe",
    "import_textattack",
    "require_textattack",
]
