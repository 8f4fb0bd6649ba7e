"""The built-in components, registered by import path so nothing heavy loads early.

``register_builtins`` receives ``harness.registry`` the way a plugin's entry point
does (so this module imports nothing from it).

Each block belongs to one area of the package; keep entries sorted within a block.
The contract each kind of component follows is in its registry's docstring:
data sources (harness/data/base.py), generators (harness/generators/base.py),
transforms (harness/transforms/base.py), models (harness/models/base.py),
metrics (harness/metrics.py), test kinds and analyses (harness/execution.py).
"""

from types import ModuleType

# Shown by ``harness list metrics`` without importing the metrics module.
METRIC_DESCRIPTIONS = {
    "accuracy": "fraction correct, Wilson 95% CI",
    "brier": "multiclass Brier score, bootstrap 95% CI (lower is better)",
    "calibration": "ECE (10 equal-mass bins), Brier, reliability diagram",
    "confusion_matrix": "confusion matrix (gold rows, predicted columns)",
    "ece": "expected calibration error, 10 equal-mass bins, bootstrap 95% CI (lower is better)",
    "exact_match": "exact match after answer normalisation, bootstrap 95% CI",
    "f1": "token-overlap F1 after answer normalisation, bootstrap 95% CI",
    "flip_rate": "share of variants whose prediction changed (lower is better)",
    "macro_f1": "macro-averaged F1, bootstrap 95% CI",
    "pass_rate": "share of variants that meet the test's expectation",
    "per_class": "per-class precision, recall, F1 and support",
}


def register_builtins(registry: ModuleType) -> None:
    """Register every built-in component on the registries of ``registry``."""
    ANALYSES = registry.ANALYSES
    DATA_SOURCES = registry.DATA_SOURCES
    GENERATORS = registry.GENERATORS
    METRICS = registry.METRICS
    MODELS = registry.MODELS
    TASKS = registry.TASKS
    TEST_KINDS = registry.TEST_KINDS
    TRANSFORMS = registry.TRANSFORMS
    FINDING_SOURCES = registry.FINDING_SOURCES

    # --- data sources -------------------------------------------------------------
    DATA_SOURCES.register(
        "builtin",
        "harness.data.sources:BuiltinSource",
        "datasets shipped in the package (nli-core)",
    )
    DATA_SOURCES.register(
        "file", "harness.data.sources:FileSource", "local JSONL, CSV/TSV or Parquet via datasets"
    )
    DATA_SOURCES.register(
        "generator",
        "harness.data.sources:GeneratorSource",
        "examples made by a registered generator",
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

    # --- metrics (objects that declare direction, CI method, item score) ---------
    for name, attribute in (
        ("accuracy", "ACCURACY"),
        ("brier", "BRIER"),
        ("calibration", "CALIBRATION"),
        ("confusion_matrix", "CONFUSION_MATRIX"),
        ("ece", "ECE"),
        ("exact_match", "EXACT_MATCH"),
        ("f1", "TOKEN_F1"),
        ("flip_rate", "FLIP_RATE"),
        ("macro_f1", "MACRO_F1"),
        ("pass_rate", "PASS_RATE"),
        ("per_class", "PER_CLASS"),
    ):
        METRICS.register(name, f"harness.metrics:{attribute}", METRIC_DESCRIPTIONS[name])

    # --- tasks --------------------------------------------------------------------
    TASKS.register(
        "classification",
        "harness.tasks.classification:ClassificationTask",
        "a label from a fixed set (Classify requests)",
    )
    TASKS.register(
        "extractive_qa",
        "harness.tasks.extractive_qa:ExtractiveQATask",
        "an answer span in a context, or none; EM and F1 (ExtractSpan requests)",
    )
    TASKS.register(
        "generation",
        "harness.tasks.generation:GenerationTask",
        "generated text against references; EM and F1 (Generate requests)",
    )
    TASKS.register(
        "multiple_choice",
        "harness.tasks.multiple_choice:MultipleChoiceTask",
        "one of several choices by log-likelihood (Loglikelihood requests)",
    )
    TASKS.register(
        "nli",
        "harness.tasks.classification:NLITask",
        "classification over premise and hypothesis",
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

    # --- finding sources (by test kind or analysis name) ----------------------------
    FINDING_SOURCES.register(
        "attack", "harness.findings._sources:AttackFindings", "attack success rate"
    )
    FINDING_SOURCES.register(
        "evaluate", "harness.findings._sources:EvaluateFindings", "slice accuracy vs the rest"
    )
    FINDING_SOURCES.register(
        "perturbation",
        "harness.findings._sources:PerturbationFindings",
        "flip or failure rate, and per slice vs the rest",
    )
    FINDING_SOURCES.register(
        "reasoning_gap",
        "harness.findings._sources:ReasoningGapFindings",
        "diagnostic slices vs in-distribution accuracy",
    )
