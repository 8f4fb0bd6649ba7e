"""Validity fixtures: judged samples of a transform's variants, as a shipped suite makes them.

A transform claims something about every variant it makes: an invariance test assumes
the gold label still holds, a directional test that the variant's label is the directed
one. Whether that is true on real data is found by reading variants, one by one. A
*validity fixture* is such a reading, kept so that a test can hold the transform to it::

    tests/transforms/validity/<transform>.<mode>.<source>.jsonl

* ``fixtures``: the file format (a header, then one judged variant per line) and what a
  fixture must show (at least 60 judged variants, or all there are; at least 95% valid);
* ``populations``: where variants come from (the sources, nli-core, SICK, rc-core or a
  generator, their splits pooled; the variant makers of the test kinds), drawing a
  sample with a fresh seed, and regenerating judged variants;
* ``usages``: which (transform, mode, source) the shipped suites use;
* ``table``: the table of judged rates that docs/robustness.md shows, written from the
  fixtures, never typed.

``scripts/validity_sample.py`` draws a sample and writes the fixture for a judge to fill;
``scripts/validity_table.py`` rewrites the docs' tables; ``tests/transforms/
test_validity_fixture.py`` checks every fixture.
"""
