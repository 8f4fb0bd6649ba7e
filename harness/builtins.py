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
    "distinct_1": "distinct unigrams across generations / tokens generated (Li et al. 2016)",
    "distinct_2": "distinct bigrams across generations / tokens generated (Li et al. 2016)",
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
    "loop_rate": "share of generations that repeat a span back to back (lower is better)",
    "paraphrase_inconsistency_rate": "share of paraphrase sets whose answers do not entail "
    "each other (NLI judge; lower is better)",
    "self_contradiction_rate": "share of generations with a contradicting sentence pair "
    "(NLI judge; lower is better)",
    "seq_rep_4": "share of repeated 4-grams within a generation (Welleck et al. 2019; lower is better)",
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
    DATA_SOURCES.register(
        "builtin",
        "harness.data.sources:BuiltinSource",
        "datasets shipped in the package (nli-core)",
    )
    DATA_SOURCES.register(
        "file", "harness.data.sources:FileSource", "local JSONL, CSV/TSV or Parquet files"
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
        "hf-mc",
        "harness.models.hf_multiple_choice:load_hf_multiple_choice",
        "AutoModelForMultipleChoice, hub id or local path (score_choices)",
    )
    MODELS.register(
        "hf-qa",
        "harness.models.hf_qa:load_hf_qa",
        "AutoModelForQuestionAnswering, hub id or local path (extract_span)",
    )
    MODELS.register(
        "hf-masked",
        "harness.models.hf_masked:load_hf_masked",
        "AutoModelForMaskedLM: cloze log-likelihoods, pseudo-log-likelihood (PET style)",
    )
    MODELS.register(
        "openai-compatible",
        "harness.models.openai_compatible:load_openai_compatible",
        "a served model over the OpenAI wire format (vLLM, TGI, llama.cpp): base_url option",
    )
    MODELS.register(
        "hf-causal",
        "harness.models.hf_causal:load_hf_causal",
        "AutoModelForCausalLM, hub id or local path (loglikelihood, generate)",
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
        "rc-reference",
        "harness.models.reading_reference:load_reading_reference",
        "reading-comprehension BASELINE: MiniLM sentence retrieval + typed span rules",
    )
    MODELS.register(
        "sklearn",
        "harness.models.sklearn_model:load_sklearn_model",
        "a joblib scikit-learn pipeline (needs --allow-pickle)",
    )

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
    # Coherence of generated text (harness/coherence/metrics.py).
    for name, attribute in (
        ("distinct_1", "DISTINCT_1"),
        ("distinct_2", "DISTINCT_2"),
        ("loop_rate", "LOOP_RATE"),
        ("paraphrase_inconsistency_rate", "PARAPHRASE_INCONSISTENCY_RATE"),
        ("self_contradiction_rate", "SELF_CONTRADICTION_RATE"),
        ("seq_rep_4", "SEQ_REP_4"),
    ):
        METRICS.register(name, f"harness.coherence.metrics:{attribute}", METRIC_DESCRIPTIONS[name])

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
        "coherence",
        "harness.kinds.coherence:CoherenceKind",
        "generated text: repetition, self-contradiction and paraphrase consistency (NLI judge)",
    )
    TEST_KINDS.register(
        "distractor",
        "harness.kinds.distractor:DistractorKind",
        "AddOneSent-style distractor sentences; adversarial EM/F1, drop, fake-answer rate",
    )
    TEST_KINDS.register(
        "prompt_sensitivity",
        "harness.kinds.prompt_sensitivity:PromptSensitivityKind",
        "one test under templates x shot seeds x shot orders: spread and per-item variance",
    )
    TEST_KINDS.register(
        "bbq", "harness.kinds.bbq:BBQKind", "BBQ-style questions: accuracy and bias scores"
    )
    TEST_KINDS.register(
        "counterfactual",
        "harness.kinds.counterfactual:CounterfactualKind",
        "counterfactual group swaps: flip rate, per-group accuracy, gaps and shifts with CIs",
    )
    TEST_KINDS.register(
        "minimal_pairs",
        "harness.kinds.minimal_pairs:MinimalPairsKind",
        "stereotype preference over minimal sentence pairs (language models)",
    )
    TEST_KINDS.register(
        "nli_bias",
        "harness.kinds.nli_bias:NLIBiasKind",
        "Dev et al. (2020) NLI bias: NN, FN, T:0.5, T:0.7 per group and word",
    )
    TEST_KINDS.register(
        "winogender",
        "harness.kinds.winogender:WinogenderKind",
        "occupation x pronoun NLI: accuracy per gender, pro/anti gap, parity, BLS correlation",
    )
    TEST_KINDS.register(
        "perturbation",
        "harness.kinds.perturbation:PerturbationKind",
        "perturb examples; invariance, directional or augmentation expectations",
    )

    TEST_KINDS.register(
        "squad",
        "harness.kinds.squad:SquadKind",
        "extractive QA as SQuAD v2.0 scores it; no-answer threshold from a dev split",
    )

    # --- generators (NLI diagnostics) ----------------------------------------------
    GENERATORS.register(
        "capabilities",
        "harness.generators.capabilities:CapabilityGenerator",
        "CheckList-style NLI capability tests (negation, quantifiers, monotonicity, ...)",
    )
    GENERATORS.register(
        "consistency",
        "harness.generators.consistency:ConsistencyGenerator",
        "groups tied by logic: symmetry, negation, transitivity, paraphrase",
    )
    GENERATORS.register(
        "hans",
        "harness.generators.hans:HansGenerator",
        "HANS-style lexical-overlap, subsequence and constituent heuristics",
    )
    GENERATORS.register(
        "knowledge",
        "harness.generators.knowledge:KnowledgeGenerator",
        "WordNet-relation inferences asked without and with the fact stated",
    )

    # --- generators (generated text) ------------------------------------------------
    GENERATORS.register(
        "coherence_prompts",
        "harness.generators.coherence_prompts:CoherencePromptsGenerator",
        "100 prompts: continuations, explanations, stories, factual questions asked 3 ways",
    )

    # --- generators (bias probes) -------------------------------------------------
    GENERATORS.register(
        "attribute_nli",
        "harness.generators.attribute_nli:AttributeNLIGenerator",
        "NLI items about a person with one social attribute (for counterfactual swaps)",
    )
    GENERATORS.register(
        "bbq", "harness.generators.bbq:BBQGenerator", "BBQ-style ambiguous/disambiguated questions"
    )
    GENERATORS.register(
        "nli_bias",
        "harness.generators.nli_bias:NLIBiasGenerator",
        "Dev et al.-style occupation/group-word pairs, gold neutral",
    )
    GENERATORS.register(
        "stereotype_pairs",
        "harness.generators.stereotype_pairs:StereotypePairGenerator",
        "CrowS-style minimal sentence pairs (more vs less stereotyping)",
    )
    GENERATORS.register(
        "winogender",
        "harness.generators.winogender:WinogenderGenerator",
        "occupation x pronoun sentences recast as NLI, stereotype from BLS statistics",
    )

    # --- transforms (perturbations) ------------------------------------------------
    TRANSFORMS.register(
        "add_one_sent",
        "harness.transforms.distractor:AddOneSentTransform",
        "AddOneSent-style distractor sentence with a fake answer of the same type",
    )
    TRANSFORMS.register(
        "age_swap",
        "harness.transforms.counterfactual:AgeSwapTransform",
        "counterfactual age terms (young/old before person nouns), both ways",
    )
    TRANSFORMS.register(
        "case", "harness.transforms.formatting:CaseTransform", "lower, UPPER or Title case"
    )
    TRANSFORMS.register(
        "contraction",
        "harness.transforms.contraction:ContractionTransform",
        '"do not" <-> "don\'t", both ways',
    )
    TRANSFORMS.register(
        "ethnicity_swap",
        "harness.transforms.counterfactual:EthnicitySwapTransform",
        "first names by perceived ethnicity (gender kept), consistent across fields",
    )
    TRANSFORMS.register(
        "filler",
        "harness.transforms.filler:FillerTransform",
        'a filler ("honestly", "you know") at the start or end',
    )
    TRANSFORMS.register(
        "gender_swap",
        "harness.transforms.counterfactual:GenderSwapTransform",
        "gendered words, pronouns (by part of speech) and names' gender, both ways",
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
        "nationality_swap",
        "harness.transforms.counterfactual:NationalitySwapTransform",
        "nationality adjectives and nouns, consistent across fields",
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
        "question_paraphrase",
        "harness.transforms.passage:QuestionParaphraseTransform",
        "the question replaced by the item's own paraphrase (question_paraphrase)",
    )
    TRANSFORMS.register(
        "sentence_shuffle",
        "harness.transforms.passage:SentenceShuffleTransform",
        "passage sentences reordered where the data says order does not matter",
    )
    TRANSFORMS.register(
        "religion_swap",
        "harness.transforms.counterfactual:ReligionSwapTransform",
        "religion adjectives and nouns, consistent across fields",
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
        "knowledge_integration",
        "harness.analyses.knowledge:KnowledgeIntegrationAnalysis",
        "per relation: right both, only with the fact stated, wrong both (with controls)",
    )
    ANALYSES.register(
        "logical_consistency",
        "harness.analyses.consistency:LogicalConsistencyAnalysis",
        "violation rates of symmetry, negation, transitivity and paraphrase constraints",
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
    FINDING_SOURCES.register(
        "artifact_probe",
        "harness.findings._probe_sources:ArtifactProbeFindings",
        "accuracy where a hypothesis-only probe fails vs succeeds",
    )
    FINDING_SOURCES.register(
        "heuristic_agreement",
        "harness.findings._probe_sources:HeuristicAgreementFindings",
        "non-entailed vs entailed accuracy per heuristic",
    )
    FINDING_SOURCES.register(
        "knowledge_integration",
        "harness.findings._probe_sources:KnowledgeIntegrationFindings",
        "fact use per relation; facts that mislead",
    )
    FINDING_SOURCES.register(
        "logical_consistency",
        "harness.findings._probe_sources:LogicalConsistencyFindings",
        "violation rate per constraint",
    )
    FINDING_SOURCES.register(
        "squad", "harness.findings._probe_sources:SquadFindings", "slice exact match vs the rest"
    )
    FINDING_SOURCES.register(
        "coherence",
        "harness.findings._coherence_sources:CoherenceFindings",
        "loops, self-contradiction and inconsistent paraphrase answers (judge above its floor)",
    )
    FINDING_SOURCES.register(
        "distractor",
        "harness.findings._probe_sources:DistractorFindings",
        "exact-match drop from a distractor sentence",
    )
    FINDING_SOURCES.register(
        "prompt_sensitivity",
        "harness.findings._probe_sources:PromptSensitivityFindings",
        "worst vs best prompt variant",
    )
    FINDING_SOURCES.register(
        "winogender",
        "harness.findings._probe_sources:WinogenderFindings",
        "pro- minus anti-stereotypical accuracy",
    )
    FINDING_SOURCES.register(
        "bbq",
        "harness.findings._probe_sources:BBQFindings",
        "ambiguous bias score, aligned-answer accuracy gap",
    )
    FINDING_SOURCES.register(
        "minimal_pairs",
        "harness.findings._probe_sources:MinimalPairsFindings",
        "stereotype preference vs 50%",
    )
    FINDING_SOURCES.register(
        "counterfactual",
        "harness.findings._probe_sources:CounterfactualFindings",
        "per-group accuracy gap vs the reference group",
    )
    FINDING_SOURCES.register(
        "nli_bias",
        "harness.findings._probe_sources:NLIBiasFindings",
        "non-neutral answers on neutral pairs",
    )
