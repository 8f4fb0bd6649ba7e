"""Metrics: the one home of aggregation, from a test's items to every number a run reports.

Each metric is a ``Metric`` declaration with two forms side by side in the module of its
family: its value over one run's columns and its paired form over two runs' columns.

    base            Metric, MetricValue, MetricContext, PairedColumns, PairedInputs
    columns         ItemColumns: a test's items as numpy columns (one class)
    item_file       items.jsonl read as columns, and read back item by item
    classification  accuracy, macro_f1, ece, brier, per_class, confusion_matrix, calibration
    scores          the mean of a per-item score: the two forms they all share
    qa              exact_match, f1, SQuAD v2.0 splits, abstention, oracle sweeps
    prompting       prompted classifiers' variants, ece_calibrated, prompt spread
    cases           an original and its variants (cases) as columns
    robustness      flip_rate, pass_rate, consistency, accuracy_drop, worst case, failures
    attack          original_accuracy, accuracy_under_attack, attack_success_rate
    bias, bbq       counterfactual and pro/anti gaps, NLI bias, stereotype preference, BBQ
    coherence       generated text: seq_rep_4, distinct_1/2, loop_rate, judged rates
    repetition      seq-rep-n, distinct-n parts and loops over word tokens (pure)
    summary         a test's headline metrics, tables and slices
    resampling      a test's shared bootstrap resamples, as count weights
    statistics      vectorised macro-F1 and ECE
    intervals       Wilson, Newcombe, bootstrap intervals, Holm, Benjamini–Hochberg
    estimates       bootstrap estimates over units' rows (families, templates)
    paired          paired bootstrap, McNemar, minimum detectable effect
    difference      one metric's paired difference between two runs (the gate's unit)

Import what you use from its module (``from harness.metrics.base import Metric``): the
package itself loads nothing, so building the command line pulls in no statistics.
"""
