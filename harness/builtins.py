"""The built-in components, registered by import path so nothing heavy loads early.

``register_builtins`` receives ``harness.registry`` the way a plugin's entry point
does (so this module imports nothing from it).

Each block belongs to one area of the package; keep entries sorted within a block.
A component describes itself (its ``description``, what ``harness list`` shows) and
says what it needs; this list only says where it lives.
The contract each kind of component follows is in its registry's docstring:
data sources (harness/data/base.py), generators (harness/generators/base.py),
transforms (harness/transforms/base.py), models (harness/models/base.py),
metrics (harness/metrics/base.py), test kinds and analyses (harness/execution.py).
"""

from types import ModuleType

#: Every built-in component, by registry: (name, "module:attribute").
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
        ("coherence", "harness.kinds.coherence:CoherenceKind"),
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
    # generators (NLI diagnostics, bias probes, generation prompts)
    "GENERATORS": (
        ("attribute_nli", "harness.generators.attribute_nli:AttributeNLIGenerator"),
        ("bbq", "harness.generators.bbq:BBQGenerator"),
        ("capabilities", "harness.generators.capabilities:CapabilityGenerator"),
        ("coherence_prompts", "harness.generators.coherence_prompts:CoherencePromptsGenerator"),
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
        ("number_change", "harness.transforms.numbers:NumberChangeTransform"),
        ("punctuation", "harness.transforms.formatting:PunctuationTransform"),
        ("question_paraphrase", "harness.transforms.passage:QuestionParaphraseTransform"),
        ("religion_swap", "harness.transforms.counterfactual:ReligionSwapTransform"),
        ("sentence_shuffle", "harness.transforms.passage:SentenceShuffleTransform"),
        ("synonym", "harness.transforms.synonym:SynonymTransform"),
        ("typo", "harness.transforms.typo:TypoTransform"),
        ("whitespace", "harness.transforms.formatting:WhitespaceTransform"),
    ),
    # metrics (harness/metrics/<family>.py: each declares its own description)
    "METRICS": (
        ("accuracy_under_attack", "harness.metrics.attack:ACCURACY_UNDER_ATTACK"),
        ("attack_success_rate", "harness.metrics.attack:ATTACK_SUCCESS_RATE"),
        ("original_accuracy", "harness.metrics.attack:ORIGINAL_ACCURACY"),
        ("accuracy_ambiguous", "harness.metrics.bbq:BBQ_ACCURACY_AMBIGUOUS"),
        ("accuracy_disambiguated", "harness.metrics.bbq:BBQ_ACCURACY_DISAMBIGUATED"),
        ("accuracy_gap_bias_aligned", "harness.metrics.bbq:BBQ_ACCURACY_GAP_BIAS_ALIGNED"),
        ("bbq_ambiguous_bias_margin", "harness.metrics.bbq:BBQ_AMBIGUOUS_BIAS_MARGIN"),
        ("bbq_s_amb", "harness.metrics.bbq:BBQ_S_AMB"),
        ("bbq_s_amb_helm", "harness.metrics.bbq:BBQ_S_AMB_HELM"),
        ("bbq_s_dis", "harness.metrics.bbq:BBQ_S_DIS"),
        ("counterfactual_gap", "harness.metrics.bias:COUNTERFACTUAL_GAP"),
        ("fraction_neutral", "harness.metrics.bias:FRACTION_NEUTRAL"),
        ("net_neutral", "harness.metrics.bias:NET_NEUTRAL"),
        ("pro_anti_gap", "harness.metrics.bias:PRO_ANTI_GAP"),
        ("stereotype_preference", "harness.metrics.bias:STEREOTYPE_PREFERENCE"),
        ("threshold_0.5", "harness.metrics.bias:THRESHOLD_05"),
        ("threshold_0.7", "harness.metrics.bias:THRESHOLD_07"),
        ("distinct_1", "harness.metrics.coherence:DISTINCT_1"),
        ("distinct_2", "harness.metrics.coherence:DISTINCT_2"),
        ("loop_rate", "harness.metrics.coherence:LOOP_RATE"),
        (
            "paraphrase_inconsistency_rate",
            "harness.metrics.coherence:PARAPHRASE_INCONSISTENCY_RATE",
        ),
        ("self_contradiction_rate", "harness.metrics.coherence:SELF_CONTRADICTION_RATE"),
        ("seq_rep_4", "harness.metrics.coherence:SEQ_REP_4"),
        ("accuracy", "harness.metrics.classification:ACCURACY"),
        ("brier", "harness.metrics.classification:BRIER"),
        ("calibration", "harness.metrics.classification:CALIBRATION"),
        ("confusion_matrix", "harness.metrics.classification:CONFUSION_MATRIX"),
        ("ece", "harness.metrics.classification:ECE"),
        ("macro_f1", "harness.metrics.classification:MACRO_F1"),
        ("per_class", "harness.metrics.classification:PER_CLASS"),
        ("acc", "harness.metrics.prompting:ACC"),
        ("acc_byte", "harness.metrics.prompting:ACC_BYTE"),
        ("acc_calibrated", "harness.metrics.prompting:ACC_CALIBRATED"),
        ("acc_char", "harness.metrics.prompting:ACC_CHAR"),
        ("acc_pmi", "harness.metrics.prompting:ACC_PMI"),
        ("acc_token", "harness.metrics.prompting:ACC_TOKEN"),
        ("brier_calibrated", "harness.metrics.prompting:BRIER_CALIBRATED"),
        ("ece_calibrated", "harness.metrics.prompting:ECE_CALIBRATED"),
        ("item_spread", "harness.metrics.prompting:ITEM_SPREAD"),
        ("variant_accuracy", "harness.metrics.prompting:VARIANT_ACCURACY"),
        ("abstention_rate", "harness.metrics.qa:ABSTENTION_RATE"),
        ("exact_match", "harness.metrics.qa:EXACT_MATCH"),
        ("f1", "harness.metrics.qa:TOKEN_F1"),
        ("has_ans_exact", "harness.metrics.qa:HAS_ANS_EXACT"),
        ("has_ans_f1", "harness.metrics.qa:HAS_ANS_F1"),
        ("no_ans_exact", "harness.metrics.qa:NO_ANS_EXACT"),
        ("no_ans_f1", "harness.metrics.qa:NO_ANS_F1"),
        ("oracle_best_exact", "harness.metrics.qa:ORACLE_BEST_EXACT"),
        ("oracle_best_f1", "harness.metrics.qa:ORACLE_BEST_F1"),
        ("accuracy_drop", "harness.metrics.robustness:ACCURACY_DROP"),
        ("accuracy_original", "harness.metrics.robustness:ACCURACY_ORIGINAL"),
        ("accuracy_perturbed", "harness.metrics.robustness:ACCURACY_PERTURBED"),
        ("consistency", "harness.metrics.robustness:CONSISTENCY"),
        ("failure_rate", "harness.metrics.robustness:FAILURE_RATE"),
        ("flip_rate", "harness.metrics.robustness:FLIP_RATE"),
        ("pass_rate", "harness.metrics.robustness:PASS_RATE"),
        ("worst_case_accuracy", "harness.metrics.robustness:WORST_CASE_ACCURACY"),
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
        ("artifact_probe", "harness.findings._probe_sources:artifact_probe_findings"),
        ("attack", "harness.findings._sources:attack_findings"),
        ("bbq", "harness.findings._probe_sources:bbq_findings"),
        ("coherence", "harness.findings._coherence_sources:coherence_findings"),
        ("counterfactual", "harness.findings._probe_sources:counterfactual_findings"),
        ("distractor", "harness.findings._probe_sources:distractor_findings"),
        ("evaluate", "harness.findings._sources:evaluate_findings"),
        ("heuristic_agreement", "harness.findings._probe_sources:heuristic_agreement_findings"),
        ("knowledge_integration", "harness.findings._probe_sources:knowledge_integration_findings"),
        ("logical_consistency", "harness.findings._probe_sources:logical_consistency_findings"),
        ("minimal_pairs", "harness.findings._probe_sources:minimal_pairs_findings"),
        ("nli_bias", "harness.findings._probe_sources:nli_bias_findings"),
        ("perturbation", "harness.findings._sources:perturbation_findings"),
        ("prompt_sensitivity", "harness.findings._probe_sources:prompt_sensitivity_findings"),
        ("reasoning_gap", "harness.findings._sources:reasoning_gap_findings"),
        ("squad", "harness.findings._probe_sources:squad_findings"),
        ("winogender", "harness.findings._probe_sources:winogender_findings"),
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
