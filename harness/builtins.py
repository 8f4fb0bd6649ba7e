"""The built-in components, registered by import path so nothing heavy loads early.

Each block belongs to one area of the package; keep entries sorted within a block.
The contract each kind of component follows is in its registry's docstring:
data sources (harness/data/base.py), generators (harness/generators/base.py),
transforms (harness/transforms/base.py), models (harness/models/base.py),
metrics (harness/metrics.py), test kinds and analyses (harness/execution.py).
"""

from harness.registry import (
    ANALYSES,
    DATA_SOURCES,
    GENERATORS,
    METRICS,
    MODELS,
    TEST_KINDS,
    TRANSFORMS,
)

# --- data sources -------------------------------------------------------------
DATA_SOURCES.register(
    "builtin", "harness.data.sources:BuiltinSource", "datasets shipped in the package (nli-core)"
)
DATA_SOURCES.register(
    "file", "harness.data.sources:FileSource", "local JSONL, CSV/TSV or Parquet via datasets"
)
DATA_SOURCES.register(
    "generator", "harness.data.sources:GeneratorSource", "examples made by a registered generator"
)
DATA_SOURCES.register(
    "hub", "harness.data.sources:HubSource", "a Hugging Face hub dataset (name, config, split)"
)
DATA_SOURCES.register(
    "inline", "harness.data.sources:InlineSource", "examples written in the suite YAML"
)

# --- models -------------------------------------------------------------------
MODELS.register(
    "hf-classifier",
    "harness.models.hf:load_hf_classifier",
    "AutoModelForSequenceClassification, hub id or local path",
)
MODELS.register(
    "predictions",
    "harness.models.predictions:load_predictions_model",
    "precomputed predictions (JSONL/CSV) keyed by example id",
)
MODELS.register(
    "python",
    "harness.models.python_callable:load_python_model",
    "an import path 'module:function' to a callable",
)
MODELS.register(
    "reference",
    "harness.models.reference:load_reference_model",
    "all-MiniLM-L6-v2 encoder + logistic regression fit on nli-core train",
)
MODELS.register(
    "sklearn",
    "harness.models.sklearn_model:load_sklearn_model",
    "a joblib scikit-learn pipeline (needs --allow-pickle)",
)

# --- metrics ------------------------------------------------------------------
METRICS.register("accuracy", "harness.metrics:accuracy_metric", "fraction correct, Wilson 95% CI")
METRICS.register(
    "brier", "harness.metrics:brier_metric", "multiclass Brier score, bootstrap 95% CI"
)
METRICS.register(
    "calibration",
    "harness.metrics:calibration_table",
    "ECE (10 equal-mass bins), Brier, reliability diagram",
)
METRICS.register(
    "confusion_matrix",
    "harness.metrics:confusion_table",
    "confusion matrix (gold rows, predicted columns)",
)
METRICS.register(
    "ece",
    "harness.metrics:ece_metric",
    "expected calibration error, 10 equal-mass bins, bootstrap 95% CI",
)
METRICS.register(
    "macro_f1", "harness.metrics:macro_f1_metric", "macro-averaged F1, bootstrap 95% CI"
)
METRICS.register(
    "per_class", "harness.metrics:per_class_table", "per-class precision, recall, F1 and support"
)

# --- test kinds ---------------------------------------------------------------
TEST_KINDS.register(
    "evaluate",
    "harness.kinds.evaluate:EvaluateKind",
    "predict each example and score it against its gold label",
)
TEST_KINDS.register(
    "perturbation",
    "harness.kinds.perturbation:PerturbationKind",
    "perturb examples; invariance, directional or augmentation expectations",
)

# --- generators (NLI diagnostics) ----------------------------------------------
GENERATORS.register(
    "capabilities",
    "harness.generators.capabilities:CapabilityGenerator",
    "CheckList-style NLI capability tests (negation, quantifiers, monotonicity, ...)",
)
GENERATORS.register(
    "hans",
    "harness.generators.hans:HansGenerator",
    "HANS-style lexical-overlap, subsequence and constituent heuristics",
)

# --- transforms (perturbations) ------------------------------------------------
TRANSFORMS.register(
    "case", "harness.transforms.formatting:CaseTransform", "lower, UPPER or Title case"
)
TRANSFORMS.register(
    "contraction",
    "harness.transforms.contraction:ContractionTransform",
    '"do not" <-> "don\'t", both ways',
)
TRANSFORMS.register(
    "filler",
    "harness.transforms.filler:FillerTransform",
    'a filler ("honestly", "you know") at the start or end',
)
TRANSFORMS.register(
    "location_swap",
    "harness.transforms.entities:LocationSwapTransform",
    "cities and countries swapped consistently across fields",
)
TRANSFORMS.register(
    "name_swap",
    "harness.transforms.entities:NameSwapTransform",
    "first names swapped (same gender) consistently across fields",
)
TRANSFORMS.register(
    "negation",
    "harness.transforms.negation:NegationTransform",
    "negate the hypothesis (directional: entailment -> contradiction)",
)
TRANSFORMS.register(
    "number_change",
    "harness.transforms.entities:NumberChangeTransform",
    "numbers changed consistently, or in one field (directional)",
)
TRANSFORMS.register(
    "punctuation",
    "harness.transforms.formatting:PunctuationTransform",
    "strip or add final punctuation",
)
TRANSFORMS.register(
    "synonym",
    "harness.transforms.synonym:SynonymTransform",
    "WordNet synonyms for content words (needs WordNet)",
)
TRANSFORMS.register(
    "typo",
    "harness.transforms.typo:TypoTransform",
    "keyboard-neighbour, swap, deletion and insertion typos",
)
TRANSFORMS.register(
    "whitespace",
    "harness.transforms.formatting:WhitespaceTransform",
    "extra spaces and tabs between words",
)

# --- attacks -------------------------------------------------------------------
TEST_KINDS.register(
    "attack",
    "harness.kinds.attack:AttackKind",
    "TextAttack recipes (deepwordbug, pruthi, pwws, ...) through the cached model path",
)

# --- analyses ------------------------------------------------------------------
ANALYSES.register(
    "artifact_probe",
    "harness.analyses.artifacts:ArtifactProbeAnalysis",
    "hypothesis-only probe vs majority class; model accuracy on easy/hard items",
)
ANALYSES.register(
    "heuristic_agreement",
    "harness.analyses.agreement:HeuristicAgreementAnalysis",
    "model vs lexical-overlap heuristic vs majority class on HANS-style tests",
)
ANALYSES.register(
    "reasoning_gap",
    "harness.analyses.gaps:ReasoningGapAnalysis",
    "diagnostic slices vs in-distribution accuracy, BH-flagged gaps",
)
