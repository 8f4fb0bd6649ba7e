"""The ``coherence`` test kind: is a model's generated text repetitive, self-contradicting,
or inconsistent across paraphrases of one request?

    prompts (+ paraphrases) ──Generate (the test's decoding settings)──▶ generations
    each generation ──repetition──▶ seq_rep_4, looped, token_count      (no judge needed)
                    ──sentences, ordered pairs──▶ NLI judge ──▶ self_contradiction
    each paraphrase set ──answers, pairwise both ways──▶ NLI judge ──▶ paraphrase_inconsistent
    the judge's control set ──▶ its accuracy and per-class recall, against the floor

One item per prompt; its answers to the other phrasings are kept with it. Metrics are
the declared ones in ``harness.metrics.coherence`` (CIs, gateable); the ``coherence``
section holds the evidence (the worst generations with their repeated spans,
contradicting sentence pairs, inconsistent answer sets) and the judge's reliability,
which decides whether the judged numbers are findings (``harness.coherence.judge``).

Paraphrases come from an item's ``paraphrases`` (a list of prompts, in ``meta``; its
``question`` in ``meta`` is what the judge reads before each answer), or, for an item
with a ``question`` field and a ``question_paraphrase``, from the question-paraphrase
transform. A model that serves no ``generate`` requests skips the test with a note.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar

from pydantic import Field

from harness.coherence.analysis import highlights, repetition_of
from harness.coherence.judge import NLI_FIELDS, NLI_LABELS, JudgeFloor, NLIJudge
from harness.coherence.verdicts import (
    control_reliability,
    evidence,
    judge_paraphrases,
    judge_self_contradiction,
)
from harness.core import Example, ItemResult, Prediction
from harness.errors import HarnessError
from harness.execution import RunContext, TestOutcome, answered, example_suite, generator_sample
from harness.kinds.unserved import unserved_outcome
from harness.metrics.base import MetricContext, MetricValue, SliceResult
from harness.metrics.coherence import (
    COHERENCE_METRICS,
    LOOPED_SCORE,
    SEQ_REP_SCORE,
    TOKEN_COUNT_SCORE,
)
from harness.metrics.columns import ItemColumns
from harness.metrics.summary import compute_metrics
from harness.models.base import ModelSpec
from harness.options import Options
from harness.requests import GENERATE, Generate, infra_error_of, served_kinds
from harness.resources import Resource
from harness.seeding import seed_label
from harness.suite import ModelConfig, TestPlan, TestSpec
from harness.tasks.base import slice_tags

JUDGED_METRICS = {
    "self_contradiction_rate": "self_contradiction",
    "paraphrase_inconsistency_rate": "paraphrase_consistency",
}


class DecodingOptions(Options):
    """How every generation of the test is decoded; recorded with each item's request."""

    max_tokens: int = Field(default=96, ge=1, le=8192)
    temperature: float = Field(default=0.0, ge=0.0, le=5.0)
    stop: list[str] = Field(default_factory=list)


class JudgeFloorOptions(Options):
    """The control-set scores a judge must reach for its verdicts to be findings."""

    accuracy: float = Field(default=JudgeFloor.accuracy, ge=0.0, le=1.0)
    contradiction_recall: float = Field(default=JudgeFloor.contradiction_recall, ge=0.0, le=1.0)
    entailment_recall: float = Field(default=JudgeFloor.entailment_recall, ge=0.0, le=1.0)
    false_contradiction_rate: float = Field(
        default=JudgeFloor.false_contradiction_rate, ge=0.0, le=1.0
    )

    def floor(self) -> JudgeFloor:
        return JudgeFloor(**self.model_dump())


class CoherenceOptions(TestSpec):
    kind: str = "coherence"
    metrics: list[str] | None = Field(default_factory=lambda: list(COHERENCE_METRICS))
    decoding: DecodingOptions = Field(default_factory=DecodingOptions)
    # The NLI judge: a model spec ("reference", "hf-classifier:PATH") or a mapping like
    # the suite's model; null: no judge (repetition only). ``--judge`` overrides it.
    judge: str | ModelConfig | None = "reference"
    # At most this many ordered sentence pairs per generation (a seeded sample beyond).
    max_pairs: int = Field(default=30, ge=1, le=10_000)
    judge_floor: JudgeFloorOptions = Field(default_factory=JudgeFloorOptions)
    # Evidence in the report: the most repetitive generations, contradicting generations
    # and inconsistent paraphrase sets, at most this many of each.
    max_evidence: int = Field(default=10, ge=0, le=1000)


def judge_spec(raw: str | ModelConfig | None, override: ModelSpec | None) -> ModelSpec | None:
    """The judge to use: ``--judge`` if given, else the test's; None for no judge."""
    if override is not None:
        return override
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in ("", "none")):
        return None
    return ModelSpec.parse(raw) if isinstance(raw, str) else raw.to_spec()


@dataclass(frozen=True)
class Phrasings:
    """The prompts one item is asked in (the first is its own) and what the judge reads
    before each answer (None: the item has no paraphrases)."""

    prompts: tuple[str, ...]
    question: str | None


class CoherenceKind:
    """Repetition, self-contradiction and paraphrase consistency of generated text."""

    description: ClassVar[str] = (
        "generated text: repetition, self-contradiction and paraphrase consistency (NLI judge)"
    )
    # Built-in prompts answered by the scripted generator and judged by the scripted
    # word-rule NLI model: stories (sentence pairs) and factual questions asked three
    # ways (paraphrase sets).
    example: ClassVar[dict[str, Any]] = example_suite(
        "coherence_example",
        [
            {
                "name": name,
                "kind": "coherence",
                "data": generator_sample("coherence_prompts", 4, genres=[genre]),
                "decoding": {"max_tokens": 16},
                "judge": "python:harness.testing.models:nli_word_rules",
            }
            for name, genre in (("stories", "story"), ("questions", "factual"))
        ],
        task="generation",
        labels=None,
        serves="generate",
    )

    Options = CoherenceOptions

    @staticmethod
    def resources(spec: CoherenceOptions, where: str) -> Iterator[Resource]:
        """The judge, as a model: what its adapter needs (a relative path is read from
        the working directory, as ``--model``'s)."""
        from harness.suite.doctor import model_resources

        judge = judge_spec(spec.judge, None)
        if judge is None:
            return
        for found in model_resources(judge, Path.cwd()):
            yield replace(found, what=f"{where}: judge {found.what}")

    @staticmethod
    def named_models(spec: CoherenceOptions) -> Iterator[tuple[tuple[str, ...], ModelSpec, str]]:
        """The judge the suite names (``--judge`` replaces it): a ``python:`` judge is code
        the suite names, imported only with ``--allow-code`` (harness.suite.named_code)."""
        judge = judge_spec(spec.judge, None)
        if judge is not None:
            yield ("judge",), judge, "--judge"

    @staticmethod
    def check(spec: CoherenceOptions, location: tuple, sources: Any) -> None:
        from harness.models.base import validate_model_options
        from harness.options import component
        from harness.registry import MODELS

        try:
            parsed = judge_spec(spec.judge, None)
        except HarnessError as error:
            raise sources.error((*location, "judge"), str(error)) from None
        if parsed is None:
            return
        factory = component(MODELS, parsed.kind, (*location, "judge"), sources)
        try:
            validate_model_options(parsed, factory)
        except HarnessError as error:
            raise sources.error((*location, "judge"), str(error)) from None

    def run(self, plan: TestPlan, context: RunContext) -> TestOutcome:
        spec: CoherenceOptions = plan.spec  # type: ignore[assignment]
        examples = context.load_examples(plan.data)
        if GENERATE not in served_kinds(context.model):
            return _skipped(spec, context, len(examples))
        started = time.perf_counter()
        fields = tuple(getattr(getattr(context.task, "setup", None), "input_fields", ()) or ())
        phrasings = [_phrasings(example, fields, context) for example in examples]
        decoding = spec.decoding
        requests = [
            Generate(
                prompt=prompt,
                stop=tuple(decoding.stop),
                max_tokens=decoding.max_tokens,
                temperature=decoding.temperature,
                example_id=example.id,
                index=index,
            )
            for example, asked in zip(examples, phrasings, strict=True)
            for index, prompt in enumerate(asked.prompts)
        ]
        answers = iter(context.requests.run(requests, description=spec.name))
        request_iter = iter(requests)
        generated: list[list[tuple[Generate, Any]]] = [
            [(next(request_iter), next(answers)) for _ in asked.prompts] for asked in phrasings
        ]
        predicted = time.perf_counter()

        items = [
            _item(spec.name, example, asked, replies)
            for example, asked, replies in zip(examples, phrasings, generated, strict=True)
        ]
        section: dict[str, Any] = {
            "decoding": decoding.model_dump(),
            "tokenization": "words and punctuation marks, lowercased (harness.metrics.repetition)",
            "n_generations": len(requests),
            "n_prompts": len(examples),
            "n_paraphrase_sets": sum(1 for asked in phrasings if asked.question is not None),
        }
        chosen = judge_spec(spec.judge, context.extras.get("judge"))
        judge = _open_judge(chosen, context) if chosen is not None else None
        if judge is not None:
            section["judge"], reliability = control_reliability(
                judge, spec.judge_floor.floor(), f"{spec.name} (judge control set)"
            )
            items, section["contradictions"] = judge_self_contradiction(
                judge,
                items,
                max_pairs=spec.max_pairs,
                seed=context.seed,
                false_contradiction_rate=reliability["false_contradiction_rate"]["value"],
                max_evidence=spec.max_evidence,
                description=f"{spec.name} (judge: sentence pairs)",
            )
            items, section["paraphrases"] = judge_paraphrases(
                judge,
                items,
                [asked.question for asked in phrasings],
                missed_entailments=1.0 - reliability["recall"]["entailment"]["value"],
                max_evidence=spec.max_evidence,
                description=f"{spec.name} (judge: answers)",
            )
        else:
            section["judge"] = None
        judged = time.perf_counter()

        names = list(spec.metrics or COHERENCE_METRICS)
        metric_context = MetricContext(
            resamples=context.bootstrap_resamples,
            seed=seed_label(context.seed, spec.name),
            cluster_by=spec.cluster_by,
        )
        scored = answered(items)
        columns = ItemColumns.from_items(scored, (), spec.cluster_by)
        metrics, _ = compute_metrics(names, columns, (), metric_context)
        section["metrics"] = {name: metrics[name].to_json() for name in names if name in metrics}
        section["repetition"] = _worst_repetition(scored, spec.max_evidence)
        section["infra_errors"] = len(items) - len(scored)
        return TestOutcome.of_test(
            spec,
            plan.kind,
            (),
            items,
            metrics=metrics,
            slices=_slices(columns, spec.slice_by, names, metrics, metric_context),
            sections={"coherence": section},
            counts={"prompts": len(examples), "generations": len(requests)},
            timings={
                "generate_s": round(predicted - started, 4),
                "judge_s": round(judged - predicted, 4),
            },
        )


def _phrasings(example: Example, fields: Sequence[str], context: RunContext) -> Phrasings:
    prompt = _prompt(example, fields)
    paraphrases = example.meta.get("paraphrases")
    if isinstance(paraphrases, list | tuple) and paraphrases:
        question = str(example.meta.get("question") or prompt)
        return Phrasings((prompt, *(str(p) for p in paraphrases)), question)
    if "question" in example.fields:
        from harness.transforms.passage import QuestionParaphraseTransform

        transform = QuestionParaphraseTransform()
        variants = transform.apply(
            example,
            transform.Options(),
            context.rng("question_paraphrase", example.id),
            ("question",),
        )
        if variants:
            return Phrasings(
                (prompt, _prompt(variants[0], fields)), str(example.fields["question"])
            )
    return Phrasings((prompt,), None)


def _prompt(example: Example, fields: Sequence[str]) -> str:
    """The prompt: the item's input fields joined by newlines (the generation task's)."""
    present = [name for name in fields if name in example.fields] or list(example.fields)
    if not present:
        raise HarnessError(f"example '{example.id}' has no field to prompt with")
    return "\n".join(str(example.fields[name]) for name in present)


def _item(
    test: str, example: Example, asked: Phrasings, replies: list[tuple[Any, Any]]
) -> ItemResult:
    """The item of one prompt: its generation's repetition scores; judged scores later."""
    request, answer = replies[0]
    failure = infra_error_of(answer)
    # The judge's question is per item, not a slice.
    tags = {key: value for key, value in slice_tags(example).items() if key != "question"}
    if failure is not None:
        return ItemResult(
            test=test,
            example=example,
            prediction=Prediction(example.id, infra_error=failure, request=request.payload()),
            gold=None,
            predicted=None,
            correct=None,
            tags=tags,
        )
    text = str(answer["text"]).strip()
    repetition = repetition_of(text)
    scores: dict[str, float] = {
        TOKEN_COUNT_SCORE: float(repetition.token_count),
        LOOPED_SCORE: float(repetition.looped),
    }
    if repetition.seq_rep is not None:
        scores[SEQ_REP_SCORE] = repetition.seq_rep
    raw: dict[str, Any] = {"text": text}
    if asked.question is not None:
        raw["phrasings"] = [
            {
                "prompt": sent.prompt,
                "text": None if infra_error_of(reply) else str(reply["text"]).strip(),
            }
            for sent, reply in replies
        ]
    if answer.get("truncated"):
        raw["truncated"] = True
    return ItemResult(
        test=test,
        example=example,
        prediction=Prediction(example.id, text=text, raw=raw, request=request.payload()),
        gold=None,
        predicted=text,
        correct=None,
        scores=scores,
        tags=tags,
    )


def _open_judge(spec: ModelSpec, context: RunContext) -> NLIJudge:
    if context.open_model is None:
        raise HarnessError("this run cannot load a judge model (no model loader in its context)")
    try:
        runner = context.open_model(spec, "nli", NLI_LABELS, NLI_FIELDS)
        return NLIJudge(str(spec), runner, spec.options.get("label_map"))
    except HarnessError as error:
        message = f"judge '{spec}': {error}"
        try:
            raise type(error)(message) from None
        except TypeError:  # an error class with its own constructor
            raise HarnessError(message) from None


def _worst_repetition(items: Sequence[ItemResult], limit: int) -> dict[str, Any]:
    """The generations that repeat most: loops first, then by seq-rep-4."""
    repetitive = [
        item
        for item in items
        if item.scores.get(LOOPED_SCORE) or item.scores.get(SEQ_REP_SCORE, 0.0) > 0
    ]
    repetitive.sort(
        key=lambda item: (-item.scores.get(LOOPED_SCORE, 0.0), -item.scores.get(SEQ_REP_SCORE, 0.0))
    )
    worst = []
    for item in repetitive[:limit]:
        found = repetition_of(str(item.predicted or ""))
        worst.append(
            evidence(
                item,
                {
                    "seq_rep_4": item.scores.get(SEQ_REP_SCORE),
                    "looped": bool(item.scores.get(LOOPED_SCORE)),
                    "loop_copies": found.loop_copies,
                    "highlights": [list(span) for span in highlights(found)],
                },
            )
        )
    return {"n_repetitive": len(repetitive), "worst": worst}


def _slices(
    columns: ItemColumns,
    slice_by: Sequence[str],
    names: Sequence[str],
    overall: dict[str, MetricValue],
    context: MetricContext,
) -> list[SliceResult]:
    """The metrics per value of each ``slice_by`` tag; gap on the first metric reported.

    Not ``harness.metrics.summary.compute_slices``: that one slices the scored items
    (gold and prediction), and generated text has no gold."""
    slices = []
    primary = next((name for name in names if name in overall), None)
    for field in slice_by:
        tag = columns.tags.get(field)
        if tag is None:
            continue
        for code, value in enumerate(tag.values):  # values are sorted
            members = columns.subset(tag.codes == code)
            if not len(members):
                continue
            slice_context = replace(context, seed=seed_label(context.seed, f"{field}={value}"))
            metrics, _ = compute_metrics(names, members, (), slice_context)
            gap = None
            if primary is not None and primary in metrics:
                gap = metrics[primary].value - overall[primary].value
            slices.append(SliceResult(field, value, len(members), metrics, gap))
    return slices


def _skipped(spec: CoherenceOptions, context: RunContext, n: int) -> TestOutcome:
    return unserved_outcome(
        spec,
        context,
        request_kind=GENERATE,
        needs="coherence needs a model that generates text (hf-causal, openai-compatible, "
        "or a python callable serving generate)",
        section="coherence",
        n=n,
    )
