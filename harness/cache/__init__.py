"""What harness keeps on disk between runs, so a warm re-run only reads.

* ``responses``: the models' answers, one SQLite file per model fingerprint
  (``ResponseCache``);
* ``derived``: generated examples, transform variants and attack outcomes, each keyed
  by its inputs, the code that made it and the resources it read (``DerivedStore``).
"""

from harness.cache.responses import FORMAT_VERSION, ResponseCache, warn

__all__ = ["FORMAT_VERSION", "ResponseCache", "warn"]
