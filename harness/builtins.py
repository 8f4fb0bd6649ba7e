"""The built-in components, registered by import path so nothing heavy loads early.

``register_builtins`` receives ``harness.registry`` the way a plugin's entry point
does (so this module imports nothing from it).

Each block belongs to one area of the package; keep entries sorted within a block.
A component describes itself (its ``description``, what ``harness list`` shows) and
says what it needs; this list only says where it lives.
The contract each kind of component follows is in its registry's docstring:
data sources (harness/data/base.py), generators (harness/generators/base.py),
transforms (harness/transforms/base.py), models (harness/models/base.py),
metrics (harness/metrics.py), test kinds and analyses (harness/execution.py).
"""

from types import ModuleType

# Shown by ``harness list metrics`` without importing the metrics module.
METRIC_DESCRIPTIONS = {
    "abstention_rate": "share of questions left unanswered (empty answer)",
    "acc": "prompted: argmax of summed verbalizer log-likelihood",
    "acc_byte": "prompted: log-likelihood per UTF-8 byte",
    "acc_calibrated": "prompted: accuracy after contextual calibration (Zhao et al. 2021)",
    "acc_char": "prompted: log-likelihood per character (lm-eval acc_norm)",
    "acc_pmi": "prompted: LL(answer | prompt) - LL(answer | unconditional prompt)",
    "acc_token": "prompted: log-likelihood per token",
    "accuracy": "fraction correct, Wilson 95% CI",
    "bbq_ambiguous_bias_margin": "BBQ (stereotyped − anti-stereotyped) / n ambiguous",
    "bbq_s_amb": "BBQ s_AMB, ambiguous-context bias score (paper)",
    "bbq_s_amb_helm": "BBQ ambiguous bias score scaled by overall accuracy (HELM)",
    "bbq_s_dis": "BBQ s_DIS, disambiguated-context bias score",
    "brier_calibrated": "prompted: Brier score after contextual calibration",
    "brier": "multiclass Brier score, bootstrap 95% CI (lower is better)",
    "calibration": "ECE (10 equal-mass bins), Brier, reliability diagram",
    "confusion_matrix": "confusion matrix (gold rows, predicted columns)",
    "counterfactual_gap": "max − min accuracy over counterfactual groups (lower is better)",
    "ece": "expected calibration error, 10 equal-mass bins, bootstrap 95% CI (lower is better)",
    "ece_calibrated": "prompted: ECE after contextual calibration",
    "exact_match": "exact match after answer normalisation, bootstrap 95% CI",
    "f1": "token-overlap F1 after answer normalisation, bootstrap 95% CI",
    "has_ans_exact": "exact match on answerable questions (SQuAD v2.0 HasAns)",
    "has_ans_f1": "F1 on answerable questions (SQuAD v2.0 HasAns)",
    "no_ans_exact": "share of unanswerable questions left unanswered (SQuAD v2.0 NoAns)",
    "no_ans_f1": "F1 on unanswerable questions (SQuAD v2.0 NoAns)",
    "oracle_best_exact": "ORACLE best exact match over no-answer thresholds (tuned on the test)",
    "oracle_best_f1": "ORACLE best F1 over no-answer thresholds (tuned on the test)",
    "item_spread": "prompt variants: share of items right under some prompts, wrong under others",
    "variant_accuracy": "prompt variants: each item's accuracy averaged over variants",
    "flip_rate": "share of variants whose prediction changed (lower is better)",
    "fraction_neutral": "Dev et al. Fraction Neutral on neutral-by-construction pairs",
    "macro_f1": "macro-averaged F1, bootstrap 95% CI",
    "net_neutral": "Dev et al. Net Neutral: mean P(neutral) on neutral-by-construction pairs",
    "pass_rate": "share of variants that meet the test's expectation",
    "per_class": "per-class precision, recall, F1 and support",
    "pro_anti_gap": "|accuracy pro − anti-stereotypical| (Winogender-style, lower is better)",
    "stereotype_preference": "share of minimal pairs preferring the stereotyping sentence",
    "threshold_0.5": "Dev et al. T:0.5, share of pairs with P(neutral) > 0.5",
    "threshold_0.7": "Dev et al. T:0.7, share of pairs with P(neutral) > 0.7",
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
    DATA_SOURCES.register("builtin", "harness.data.sources:BuiltinSource")
    DATA_SOURCES.register("file", "harness.data.sources:FileSource")
    DATA_SOURCES.register("generator", "harness.data.sources:GeneratorSource")
    DATA_SOURCES.register("hub", "harness.data.sources:HubSource")
    DATA_SOURCES.register("inline", "harness.data.sources:InlineSource")

    # --- models -------------------------------------------------------------------
    MODELS.register("hf-classifier", "harness.models.hf:load_hf_classifier")
    MODELS.register("hf-mc", "harness.models.hf_multiple_choice:load_hf_multiple_choice")
    MODELS.register("hf-qa", "harness.models.hf_qa:load_hf_qa")
    MODELS.register("hf-masked", "harness.models.hf_masked:load_hf_masked")
    MODELS.register("openai-compatible", "harness.models.openai_compatible:load_openai_compatible")
    MODELS.register("hf-causal", "harness.models.hf_causal:load_hf_causal")
    MODELS.register("predictions", "harness.models.predictions:load_predictions_model")
    MODELS.register("python", "harness.models.python_callable:load_python_model")
    MODELS.register("reference", "harness.models.reference:load_reference_model")
    MODELS.register("rc-reference", "harness.models.reading_reference:load_reading_reference")
    MODELS.register("sklearn", "harness.models.sklearn_model:load_sklearn_model")

    # --- metrics (objects that declare direction, CI method, item score) ---------
    for name, attribute in (
        ("abstention_rate", "ABSTENTION_RATE"),
        ("acc", "ACC"),
        ("acc_byte", "ACC_BYTE"),
        ("acc_calibrated", "ACC_CALIBRATED"),
        ("acc_char", "ACC_CHAR"),
        ("acc_pmi", "ACC_PMI"),
        ("acc_token", "ACC_TOKEN"),
        ("accuracy", "ACCURACY"),
        ("brier_calibrated", "BRIER_CALIBRATED"),
        ("brier", "BRIER"),
        ("calibration", "CALIBRATION"),
        ("confusion_matrix", "CONFUSION_MATRIX"),
        ("ece", "ECE"),
        ("ece_calibrated", "ECE_CALIBRATED"),
        ("exact_match", "EXACT_MATCH"),
        ("f1", "TOKEN_F1"),
        ("flip_rate", "FLIP_RATE"),
        ("has_ans_exact", "HAS_ANS_EXACT"),
        ("has_ans_f1", "HAS_ANS_F1"),
        ("item_spread", "ITEM_SPREAD"),
        ("macro_f1", "MACRO_F1"),
        ("no_ans_exact", "NO_ANS_EXACT"),
        ("no_ans_f1", "NO_ANS_F1"),
        ("oracle_best_exact", "ORACLE_BEST_EXACT"),
        ("oracle_best_f1", "ORACLE_BEST_F1"),
        ("pass_rate", "PASS_RATE"),
        ("variant_accuracy", "VARIANT_ACCURACY"),
        ("per_class", "PER_CLASS"),
    ):
        METRICS.register(name, f"harness.metrics:{attribute}", METRIC_DESCRIPTIONS[name])
    # Bias measures (harness/bias/declarations.py), gateable like the rest.
    for name, attribute in (
        ("bbq_ambiguous_bias_margin", "BBQ_AMBIGUOUS_BIAS_MARGIN"),
        ("bbq_s_amb", "BBQ_S_AMB"),
        ("bbq_s_amb_helm", "BBQ_S_AMB_HELM"),
        ("bbq_s_dis", "BBQ_S_DIS"),
        ("counterfactual_gap", "COUNTERFACTUAL_GAP"),
        ("fraction_neutral", "FRACTION_NEUTRAL"),
        ("net_neutral", "NET_NEUTRAL"),
        ("pro_anti_gap", "PRO_ANTI_GAP"),
        ("stereotype_preference", "STEREOTYPE_PREFERENCE"),
        ("threshold_0.5", "THRESHOLD_05"),
        ("threshold_0.7", "THRESHOLD_07"),
    ):
        METRICS.register(name, f"harness.bias.declarations:{attribute}", METRIC_DESCRIPTIONS[name])

    # --- tasks --------------------------------------------------------------------
    TASKS.register("classification", "harness.tasks.classification:ClassificationTask")
    TASKS.register("extractive_qa", "harness.tasks.extractive_qa:ExtractiveQATask")
    TASKS.register("generation", "harness.tasks.generation:GenerationTask")
    TASKS.register("multiple_choice", "harness.tasks.multiple_choice:MultipleChoiceTask")
    TASKS.register("nli", "harness.tasks.classification:NLITask")

    # --- test kinds ---------------------------------------------------------------
    TEST_KINDS.register("evaluate", "harness.kinds.evaluate:EvaluateKind")
    TEST_KINDS.register("distractor", "harness.kinds.distractor:DistractorKind")
    TEST_KINDS.register(
        "prompt_sensitivity", "harness.kinds.prompt_sensitivity:PromptSensitivityKind"
    )
    TEST_KINDS.register("bbq", "harness.kinds.bbq:BBQKind")
    TEST_KINDS.register("counterfactual", "harness.kinds.counterfactual:CounterfactualKind")
    TEST_KINDS.register("minimal_pairs", "harness.kinds.minimal_pairs:MinimalPairsKind")
    TEST_KINDS.register("nli_bias", "harness.kinds.nli_bias:NLIBiasKind")
    TEST_KINDS.register("winogender", "harness.kinds.winogender:WinogenderKind")
    TEST_KINDS.register("perturbation", "harness.kinds.perturbation:PerturbationKind")

    TEST_KINDS.register("squad", "harness.kinds.squad:SquadKind")

    # --- generators (NLI diagnostics) ----------------------------------------------
    GENERATORS.register("capabilities", "harness.generators.capabilities:CapabilityGenerator")
    GENERATORS.register("consistency", "harness.generators.consistency:ConsistencyGenerator")
    GENERATORS.register("hans", "harness.generators.hans:HansGenerator")
    GENERATORS.register("knowledge", "harness.generators.knowledge:KnowledgeGenerator")

    # --- generators (bias probes) -------------------------------------------------
    GENERATORS.register("attribute_nli", "harness.generators.attribute_nli:AttributeNLIGenerator")
    GENERATORS.register("bbq", "harness.generators.bbq:BBQGenerator")
    GENERATORS.register("nli_bias", "harness.generators.nli_bias:NLIBiasGenerator")
    GENERATORS.register(
        "stereotype_pairs", "harness.generators.stereotype_pairs:StereotypePairGenerator"
    )
    GENERATORS.register("winogender", "harness.generators.winogender:WinogenderGenerator")

    # --- transforms (perturbations) ------------------------------------------------
    TRANSFORMS.register("add_one_sent", "harness.transforms.distractor:AddOneSentTransform")
    TRANSFORMS.register("age_swap", "harness.transforms.counterfactual:AgeSwapTransform")
    TRANSFORMS.register("case", "harness.transforms.formatting:CaseTransform")
    TRANSFORMS.register("contraction", "harness.transforms.contraction:ContractionTransform")
    TRANSFORMS.register(
        "ethnicity_swap", "harness.transforms.counterfactual:EthnicitySwapTransform"
    )
    TRANSFORMS.register("filler", "harness.transforms.filler:FillerTransform")
    TRANSFORMS.register("gender_swap", "harness.transforms.counterfactual:GenderSwapTransform")
    TRANSFORMS.register("location_swap", "harness.transforms.entities:LocationSwapTransform")
    TRANSFORMS.register("name_swap", "harness.transforms.entities:NameSwapTransform")
    TRANSFORMS.register("negation", "harness.transforms.negation:NegationTransform")
    TRANSFORMS.register(
        "nationality_swap", "harness.transforms.counterfactual:NationalitySwapTransform"
    )
    TRANSFORMS.register("number_change", "harness.transforms.entities:NumberChangeTransform")
    TRANSFORMS.register("punctuation", "harness.transforms.formatting:PunctuationTransform")
    TRANSFORMS.register(
        "question_paraphrase", "harness.transforms.passage:QuestionParaphraseTransform"
    )
    TRANSFORMS.register("sentence_shuffle", "harness.transforms.passage:SentenceShuffleTransform")
    TRANSFORMS.register("religion_swap", "harness.transforms.counterfactual:ReligionSwapTransform")
    TRANSFORMS.register("synonym", "harness.transforms.synonym:SynonymTransform")
    TRANSFORMS.register("typo", "harness.transforms.typo:TypoTransform")
    TRANSFORMS.register("whitespace", "harness.transforms.formatting:WhitespaceTransform")

    # --- attacks -------------------------------------------------------------------
    TEST_KINDS.register("attack", "harness.kinds.attack:AttackKind")

    # --- analyses ------------------------------------------------------------------
    ANALYSES.register("artifact_probe", "harness.analyses.artifacts:ArtifactProbeAnalysis")
    ANALYSES.register(
        "heuristic_agreement", "harness.analyses.agreement:HeuristicAgreementAnalysis"
    )
    ANALYSES.register(
        "knowledge_integration", "harness.analyses.knowledge:KnowledgeIntegrationAnalysis"
    )
    ANALYSES.register(
        "logical_consistency", "harness.analyses.consistency:LogicalConsistencyAnalysis"
    )
    # Described here until the analysis module carries its own description.
    ANALYSES.register(
        "reasoning_gap",
        "harness.analyses.gaps:ReasoningGapAnalysis",
        "diagnostic slices vs in-distribution accuracy, BH-flagged gaps",
    )

    # --- finding sources (by test kind or analysis name) ----------------------------
    FINDING_SOURCES.register("attack", "harness.findings._sources:AttackFindings")
    FINDING_SOURCES.register("evaluate", "harness.findings._sources:EvaluateFindings")
    FINDING_SOURCES.register("perturbation", "harness.findings._sources:PerturbationFindings")
    FINDING_SOURCES.register("reasoning_gap", "harness.findings._sources:ReasoningGapFindings")
    FINDING_SOURCES.register(
        "artifact_probe", "harness.findings._probe_sources:ArtifactProbeFindings"
    )
    FINDING_SOURCES.register(
        "heuristic_agreement", "harness.findings._probe_sources:HeuristicAgreementFindings"
    )
    FINDING_SOURCES.register(
        "knowledge_integration", "harness.findings._probe_sources:KnowledgeIntegrationFindings"
    )
    FINDING_SOURCES.register(
        "logical_consistency", "harness.findings._probe_sources:LogicalConsistencyFindings"
    )
    FINDING_SOURCES.register("squad", "harness.findings._probe_sources:SquadFindings")
    FINDING_SOURCES.register("distractor", "harness.findings._probe_sources:DistractorFindings")
    FINDING_SOURCES.register(
        "prompt_sensitivity", "harness.findings._probe_sources:PromptSensitivityFindings"
    )
    FINDING_SOURCES.register("winogender", "harness.findings._probe_sources:WinogenderFindings")
    FINDING_SOURCES.register("bbq", "harness.findings._probe_sources:BBQFindings")
    FINDING_SOURCES.register(
        "minimal_pairs", "harness.findings._probe_sources:MinimalPairsFindings"
    )
    FINDING_SOURCES.register(
        "counterfactual", "harness.findings._probe_sources:CounterfactualFindings"
    )
    FINDING_SOURCES.register("nli_bias", "harness.findings._probe_sources:NLIBiasFindings")
