"""What the ``coherence`` test kind runs besides generating: the NLI judge and its evidence.

* ``judge``: the sentence pairs a judge is asked about, its verdicts, its reliability
  on the control set against the floor;
* ``control_set``: labelled sentence pairs in the style of generated text;
* ``sentences``: generated text split into sentences (abbreviations, quotes);
* ``analysis``: what one generation or one set of answers shows (pure functions);
* ``verdicts``: the judge's part of a test: control set, sentence pairs, answers.

The kind is harness/kinds/coherence.py; its metrics, and the repetition measures they
read, are in harness/metrics/ (``coherence``, ``repetition``); docs/coherence.md has
the definitions and their sources.
"""
