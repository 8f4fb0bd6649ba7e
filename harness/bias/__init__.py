"""Bias probes: the statistics behind them, as pure functions over plain arrays.

* ``counterfactual``: flip rate, per-group accuracy and gaps, label-probability shifts,
  worst-case accuracy over counterfactual families (one parent and its swaps);
* ``nli_bias``: Dev et al. (2020) Net Neutral, Fraction Neutral, Threshold τ;
* ``occupations``: Winogender-style accuracy per pronoun, pro/anti gap, parity,
  correlation with occupation gender statistics;
* ``bbq``: BBQ accuracy per context condition and its three bias scores;
* ``pairs``: minimal-pair stereotype preference (CrowS-style);
* ``declarations``: the ``Metric`` objects that make these measures gateable.

The test kinds that run them live in harness/kinds/ (counterfactual, nli_bias,
winogender, bbq, minimal_pairs); the formulas and their sources are in docs/bias.md.
"""
