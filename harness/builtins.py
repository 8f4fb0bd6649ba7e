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

#: Every built-in component but the metrics, by registry: (name, "module:attribute").
BUILT_INS: dict[str, tuple[tuple[str, str], ...]] = {
    # data sources
    "DATA_SOURCES": (
        ("builtin", "harness.data.sources:BuiltinSource"),
        ("file", "harness.data.sources:FileSource"),
        ("generator", "harness.data.sources:GeneratorSource"),
        ("hub", "harness.data.sources:HubSource"),
        ("inline", "harness.data.sources:InlineSource"),
    ),
    # model adapters (factories)
    "MODELS": (
        ("hf-causal", "harness.models.hf_causal:load_hf_causal"),
        ("hf-classifier", "harness.models.hf:load_hf_classifier"),
        ("hf-masked", "harness.models.hf_masked:load_hf_masked"),
        ("hf-mc", "harness.models.hf_multiple_choice:load_hf_multiple_choice"),
        ("hf-qa", "harness.models.hf_qa:load_hf_qa"),
        ("openai-compatible", "harness.models.openai_compatible:load_openai_compatible"),
        ("predictions", "harness.models.predictions:load_predictions_model"),
        ("python", "harness.models.python_callable:load_python_model"),
        ("rc-reference", "harness.models.reading_reference:load_reading_reference"),
        ("reference", "harness.models.reference:load_reference_model"),
        ("sklearn", "harness.models.sklearn_model:load_sklearn_model"),
    ),
    # tasks
    "TASKS": (
        ("classification", "harness.tasks.classification:ClassificationTask"),
        ("extractive_qa", "harness.tasks.extractive_qa:ExtractiveQATask"),
        ("generation", "harness.tasks.generation:GenerationTask"),
        ("multiple_choice", "harness.tasks.multiple_choice:MultipleChoiceTask"),
        ("nli", "harness.tasks.classification:NLITask"),
    ),
    # test kinds
    "TEST_KINDS": (
        ("attack", "harness.kinds.attack:AttackKind"),
        ("bbq", "harness.kinds.bbq:BBQKind"),
        ("counterfactual", "harness.kinds.counterfactual:CounterfactualKind"),
        ("distractor", "harness.kinds.distractor:DistractorKind"),
        ("evaluate", "harness.kinds.evaluate:EvaluateKind"),
        ("minimal_pairs", "harness.kinds.minimal_pairs:MinimalPairsKind"),
        ("nli_bias", "harness.kinds.nli_bias:NLIBiasKind"),
        ("perturbation", "harness.kinds.perturbation:PerturbationKind"),
        ("prompt_sensitivity", "harness.kinds.prompt_sensitivity:PromptSensitivityKind"),
        ("squad", "harness.kinds.squad:SquadKind"),
        ("winogender", "harness.kinds.winogender:WinogenderKind"),
    ),
    # generators (NLI diagnostics and bias probes)
    "GENERATORS": (
        ("attribute_nli", "harness.generators.attribute_nli:AttributeNLIGenerator"),
        ("bbq", "harness.generators.bbq:BBQGenerator"),
        ("capabilities", "harness.generators.capabilities:CapabilityGenerator"),
        ("consistency", "harness.generators.consistency:ConsistencyGenerator"),
        ("hans", "harness.generators.hans:HansGenerator"),
        ("knowledge", "harness.generators.knowledge:KnowledgeGenerator"),
        ("nli_bias", "harness.generators.nli_bias:NLIBiasGenerator"),
        ("stereotype_pairs", "harness.generators.stereotype_pairs:StereotypePairGenerator"),
        ("winogender", "harness.generators.winogender:WinogenderGenerator"),
    ),
    # transforms (perturbations)
    "TRANSFORMS": (
        ("add_one_sent", "harness.transforms.distractor:AddOneSentTransform"),
        ("age_swap", "harness.transforms.counterfactual:AgeSwapTransform"),
        ("case", "harness.transforms.formatting:CaseTransform"),
        ("contraction", "harness.transforms.contraction:ContractionTransform"),
        ("ethnicity_swap", "harness.transforms.counterfactual:EthnicitySwapTransform"),
        ("filler", "harness.transforms.filler:FillerTransform"),
        ("gender_swap", "harness.transforms.counterfactual:GenderSwapTransform"),
        ("location_swap", "harness.transforms.entities:LocationSwapTransform"),
        ("name_swap", "harness.transforms.entities:NameSwapTransform"),
        ("nationality_swap", "harness.transforms.counterfactual:NationalitySwapTransform"),
        ("negation", "harness.transforms.negation:NegationTransform"),
        ("number_change", "harness.transforms.entities:NumberChangeTransform"),
        ("punctuation", "harness.transforms.formatting:PunctuationTransform"),
        ("question_paraphrase", "harness.transforms.passage:QuestionParaphraseTransform"),
        ("religion_swap", "harness.transforms.counterfactual:ReligionSwapTransform"),
        ("sentence_shuffle", "harness.transforms.passage:SentenceShuffleTransform"),
        ("synonym", "harness.transforms.synonym:SynonymTransform"),
        ("typo", "harness.transforms.typo:TypoTransform"),
        ("whitespace", "harness.transforms.formatting:WhitespaceTransform"),
    ),
    # analyses
    "ANALYSES": (
        ("artifact_probe", "harness.analyses.artifacts:ArtifactProbeAnalysis"),
        ("heuristic_agreement", "harness.analyses.agreement:HeuristicAgreementAnalysis"),
        ("knowledge_integration", "harness.analyses.knowledge:KnowledgeIntegrationAnalysis"),
        ("logical_consistency", "harness.analyses.consistency:LogicalConsistencyAnalysis"),
    ),
    # finding sources (keyed by the test kind or analysis they read)
    "FINDING_SOURCES": (
        ("artifact_probe", "harness.findings._probe_sources:ArtifactProbeFindings"),
        ("attack", "harness.findings._sources:AttackFindings"),
        ("bbq", "harness.findings._probe_sources:BBQFindings"),
        ("counterfactual", "harness.findings._probe_sources:CounterfactualFindings"),
        ("distractor", "harness.findings._probe_sources:DistractorFindings"),
        ("evaluate", "harness.findings._sources:EvaluateFindings"),
        ("heuristic_agreement", "harness.findings._probe_sources:HeuristicAgreementFindings"),
        ("knowledge_integration", "harness.findings._probe_sources:KnowledgeIntegrationFindings"),
        ("logical_consistency", "harness.findings._probe_sources:LogicalConsistencyFindings"),
        ("minimal_pairs", "harness.findings._probe_sources:MinimalPairsFindings"),
        ("nli_bias", "harness.findings._probe_sources:NLIBiasFindings"),
        ("perturbation", "harness.findings._sources:PerturbationFindings"),
        ("prompt_sensitivity", "harness.findings._probe_sources:PromptSensitivityFindings"),
        ("reasoning_gap", "harness.findings._sources:ReasoningGapFindings"),
        ("squad", "harness.findings._probe_sources:SquadFindings"),
        ("winogender", "harness.findings._probe_sources:WinogenderFindings"),
    ),
}


def register_builtins(registry: ModuleType) -> None:
    """Register every built-in component on the registries of ``registry``."""
    for registry_name, entries in BUILT_INS.items():
        for name, path in entries:
            getattr(registry, registry_name).register(name, path)
    # Described here until the analysis module carries its own description.
    registry.ANALYSES.register(
        "reasoning_gap",
        "harness.analyses.gaps:ReasoningGapAnalysis",
        "diagnostic slices vs in-distribution accuracy, BH-flagged gaps",
    )

    METRICS = registry.METRICS
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
