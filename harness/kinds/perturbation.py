"""The ``perturbation`` test kind: perturb examples, predict both, check an expectation.

    examples ──transforms──▶ variants (parent_id, transform)
    originals + variants ──predictor──▶ predictions ──task.score──▶ items
    items ──checks (INV / DIR)──▶ cases ──tally (CaseColumns)──▶ metrics, per transform, per slice

A test with more examples than ``harness.kinds.evaluate.STREAM_ABOVE`` runs these steps a
chunk of ``STREAM_CHUNK`` examples at a time, writing each chunk's items to the run's
spool; everything else is one chunk held in memory. Both give the same results
(harness/kinds/perturbation_tally.py).

Expectations (CheckList's vocabulary):

* ``invariance`` (INV): the prediction must not change (``invariance_tolerance`` ignores
  changes where the original label's probability moves by at most that much); variants
  keep the parent's gold label;
* ``directional`` (DIR): the variant's prediction must be ``to_label`` (which is then its
  gold label), and/or ``monotonic.label``'s probability must move in ``direction``; with
  neither, the variant's own target (set by the transform, e.g. negation's
  entailment → contradiction) is its gold label and the check;
* ``augmentation``: no pairwise check; variants are scored against their own target
  (accuracy under perturbation, worst case, flip rate).

An example a transform cannot change is *skipped* for that transform: it is counted, and
never counts as a pass. Candidates a transform's guards reject (harness/transforms/base.py)
are counted per transform and reason beside the skips.
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from harness.core import Example, ItemResult
from harness.execution import RunContext, SpooledItems, TestOutcome
from harness.files.jsonio import dumps_json_bytes
from harness.files.yaml_positions import Location
from harness.kinds import evaluate as evaluate_kind
from harness.kinds.expectations import (
    case_outcome,
    invariance_check,
    label_check,
    monotonic_check,
)
from harness.kinds.implied import implied_example
from harness.kinds.perturbation_tally import SLICE_PRIMARY_METRIC, PerturbationTally
from harness.metrics.cases import Case
from harness.metrics.outcomes import OutcomeTally
from harness.metrics.summary import streams
from harness.options import Options, SourceMap, validate
from harness.registry import TRANSFORMS, did_you_mean
from harness.resources import Resource
from harness.seeding import rng_for, seed_label
from harness.suite import TestPlan, TestSpec
from harness.transforms.base import Variants, rejections

__all__ = ["SLICE_PRIMARY_METRIC", "PerturbationKind", "PerturbationOptions", "TransformSpec"]


class TransformSpec(Options):
    """One entry of ``perturb:``: a registered transform and its parameters."""

    name: str
    params: dict[str, Any] = Field(default_factory=dict)


class MonotonicSpec(Options):
    """CheckList DIR ``monotonic``: ``label``'s probability must move in ``direction``."""

    label: str
    direction: Literal["increasing", "decreasing"]
    tolerance: float = Field(default=0.0, ge=0, le=1)


class PerturbationOptions(TestSpec):
    """A perturbation test: ``perturb``, ``fields``, ``expect`` and the expectation's settings."""

    kind: str = "perturbation"
    perturb: list[TransformSpec] = Field(min_length=1)
    # Input fields the transforms may change; default: all of the suite's input fields.
    fields: list[str] | None = Field(default=None, min_length=1)
    expect: Literal["invariance", "directional", "augmentation"] = "invariance"
    to_label: str | None = None
    monotonic: MonotonicSpec | None = None
    invariance_tolerance: float = Field(default=0.0, ge=0, le=1)
    # Perturb only examples with these gold labels (e.g. [entailment] for negation).
    only_gold: list[str] = Field(default_factory=list)
    # Classification metrics/tables over the perturbed variants (none by default).
    metrics: list[str] = Field(default_factory=list)
    max_failures: int = Field(default=200, ge=0)

    @model_validator(mode="before")
    @classmethod
    def _transform_shorthand(cls, data: Any) -> Any:
        """``perturb: [typo]`` is short for ``perturb: [{name: typo}]``."""
        if isinstance(data, dict) and isinstance(data.get("perturb"), list):
            data = {
                **data,
                "perturb": [{"name": t} if isinstance(t, str) else t for t in data["perturb"]],
            }
        return data


@dataclass(frozen=True)
class _TransformRun:
    """One ``perturb:`` entry, ready to run."""

    index: int
    label: str  # the name, or "name#i" when a test uses a transform twice
    spec: TransformSpec
    transform: Any
    options: Any
    unavailable: str | None


class PerturbationKind:
    """Perturb each example; predict originals and variants; check the expectation."""

    description: ClassVar[str] = (
        "perturb examples; invariance, directional or augmentation expectations"
    )
    #: A test with a ``perturb:`` list and no ``kind:`` is a perturbation test.
    implied_by: ClassVar[str] = "perturb"
    example: ClassVar[dict[str, Any]] = implied_example(
        "perturbation", "typos", implied_by, ["typo", "negation"]
    )

    Options = PerturbationOptions

    @staticmethod
    def resources(spec: PerturbationOptions, where: str) -> Iterator[Resource]:
        """What each transform needs from the machine (``unavailable_reason``)."""
        for entry in spec.perturb:
            reason = getattr(TRANSFORMS.get(entry.name), "unavailable_reason", None)
            if not callable(reason):
                continue
            problem = reason()
            what = f"{where}: transform {entry.name}"
            if problem is None:
                yield Resource("transform", f"{what} (its resources are present)", True)
            else:
                yield Resource("transform", what, False, problem)

    @staticmethod
    def check(spec: PerturbationOptions, location: Location, sources: SourceMap) -> None:
        """Suite-load checks: transforms exist, their params validate, the expectation is whole."""
        for index, entry in enumerate(spec.perturb):
            where: Location = (*location, "perturb", index)
            if entry.name not in TRANSFORMS:
                known = TRANSFORMS.names()
                raise sources.error(
                    (*where, "name"),
                    f"unknown transform '{entry.name}'{did_you_mean(entry.name, known)}; "
                    f"known: {', '.join(known)}",
                )
            transform = TRANSFORMS.get(entry.name)
            validate(transform.Options, entry.params, (*where, "params"), sources)
        if spec.expect != "directional":
            for key in ("to_label", "monotonic"):
                if getattr(spec, key) is not None:
                    raise sources.error(
                        (*location, key), f"'{key}' only applies with expect: directional"
                    )
        if spec.expect != "invariance" and spec.invariance_tolerance:
            raise sources.error(
                (*location, "invariance_tolerance"),
                "'invariance_tolerance' only applies with expect: invariance",
            )

    @classmethod
    def check_in_suite(cls, plan: TestPlan, suite: Any) -> None:
        """Checks that need the suite: fields and labels named by the test exist, and a
        directional test knows what each variant's label should be."""
        spec: PerturbationOptions = plan.spec  # type: ignore[assignment]
        cls._fields(spec, plan, suite)
        cls._check_labels(spec, plan, suite)
        labels = set(suite.labels) | set(spec.label_mapping.values())
        for index, label in enumerate(spec.only_gold):
            if labels and label not in labels:
                raise suite.sources.error(
                    (*plan.location, "only_gold", index),
                    f"'{label}' is not a label of this suite ({', '.join(suite.labels)})"
                    f"{did_you_mean(label, sorted(labels))}",
                )
        if spec.expect == "directional" and spec.to_label is None and spec.monotonic is None:
            untargeted = [
                entry.name
                for entry in spec.perturb
                if not getattr(TRANSFORMS.get(entry.name), "sets_target", False)
            ]
            if untargeted:
                raise suite.sources.error(
                    (*plan.location, "expect"),
                    "a directional test needs to_label or monotonic: transform "
                    f"'{untargeted[0]}' does not set the label its variants should get",
                )

    # --- run ------------------------------------------------------------------------------

    def run(self, plan: TestPlan, context: RunContext) -> TestOutcome:
        spec: PerturbationOptions = plan.spec  # type: ignore[assignment]
        suite = context.suite
        fields = self._fields(spec, plan, suite)
        runs = self.transform_runs(spec)
        self._check_labels(spec, plan, suite)

        examples = context.load_examples(plan.data)
        metric_names = spec.metrics if spec.metrics is not None else context.task.default_metrics
        # A variant metric in the item form keeps the variants' items (no streaming).
        variants_stream = streams(metric_names) if metric_names else True
        tally = PerturbationTally(spec, runs, metric_names, keep_variant_items=not variants_stream)
        # Above the threshold evaluate streams at, a chunk of examples (with their
        # variants) is transformed, predicted, scored and spooled at a time; the tally
        # keeps compact columns. Below it, everything is one chunk, kept in memory.
        stream = (
            len(examples) > evaluate_kind.STREAM_ABOVE
            and context.spool is not None
            and variants_stream
        )
        chunk_size = evaluate_kind.STREAM_CHUNK if stream else max(len(examples), 1)
        timings = {"perturb_s": 0.0, "predict_s": 0.0}
        kept: list[ItemResult] = []
        predicted = infra_errors = 0
        outcomes = OutcomeTally()
        path = context.spool.new_file(spec.name) if stream else None
        with path.open("wb") if path is not None else contextlib.nullcontext() as spool:
            # An empty test still scores one empty chunk: that gives the test's labels.
            for start in range(0, len(examples), chunk_size) or [0]:
                chunk = list(examples[start : start + chunk_size])
                items = self._run_chunk(spec, runs, fields, chunk, context, tally, timings)
                predicted += len(items)
                if spool is None:
                    kept.extend(items)
                    continue
                spool.write(b"".join(dumps_json_bytes(item.to_json()) + b"\n" for item in items))
                infra_errors += sum(1 for item in items if item.infra_error)
                outcomes.add(items)
        outcome = tally.outcome(plan, context)
        if path is not None:
            outcome.spooled = SpooledItems(path, predicted, infra_errors, outcomes.counts)
        else:
            outcome.items = kept
        outcome.timings = {
            "perturb_s": round(timings["perturb_s"], 4),
            "predict_s": round(timings["predict_s"], 4),
            "examples_per_s": round(predicted / max(timings["predict_s"], 1e-9), 2),
        }
        return outcome

    def _run_chunk(
        self,
        spec: PerturbationOptions,
        runs: list[_TransformRun],
        fields: list[str],
        chunk: list[Example],
        context: RunContext,
        tally: PerturbationTally,
        timings: dict[str, float],
    ) -> list[ItemResult]:
        """Transform, predict and score one chunk of examples; add its cases to ``tally``.

        Returns the chunk's items: each parent, then its variants transform by transform.
        """
        started = time.perf_counter()
        selected = [e for e in chunk if not spec.only_gold or e.target in spec.only_gold]
        tally.examples += len(chunk)
        tally.filtered += len(chunk) - len(selected)

        # variants[example id][transform label] -> that transform's variants of the example
        variants: dict[str, dict[str, list[Example]]] = defaultdict(dict)
        for run in runs:
            for example, made in zip(
                selected, self._apply_all(run, selected, fields, context), strict=True
            ):
                tally.rejected[run.label].update(rejections(made))
                if made:
                    variants[example.id][run.label] = made
                else:
                    tally.skipped[run.label] += 1
        transformed = time.perf_counter()

        parents = [e for e in selected if variants.get(e.id)]
        to_predict: list[Example] = []
        for parent in parents:
            to_predict.append(parent)
            for run in runs:
                to_predict.extend(
                    self.variant_gold(v, parent, spec)
                    for v in variants[parent.id].get(run.label, [])
                )
        predictions = context.predictor.predict(to_predict, description=spec.name)
        timings["perturb_s"] += transformed - started
        timings["predict_s"] += time.perf_counter() - transformed
        labels, items = context.score(
            spec.name, to_predict, predictions, spec.label_mapping, **spec.score_options()
        )
        by_id = {item.example.id: item for item in items}

        # Cases per transform, with each variant's check recorded on its item.
        cases_by_run: dict[str, list[Case]] = {}
        checked: dict[str, ItemResult] = {}
        for run in runs:
            cases = []
            for parent in parents:
                original = by_id[parent.id]
                # An original or variant the model could not be asked (an infrastructure
                # error) is in no case: its pair would compare an answer with no answer.
                if original.infra_error is not None:
                    continue
                members = []
                checks = []
                for variant in variants[parent.id].get(run.label, []):
                    item = by_id[variant.id]
                    if item.infra_error is not None:
                        continue
                    passed = self._check(spec, original, item)
                    checks.append(passed)
                    members.append(self._annotate(item, original, run, passed))
                    checked[item.example.id] = members[-1]
                if members:
                    cases.append(Case(original, tuple(members), case_outcome(checks)))
            cases_by_run[run.label] = cases
        items = [checked.get(item.example.id, item) for item in items]
        tally.add(labels, items, len(parents), cases_by_run)
        return items

    # --- steps ----------------------------------------------------------------------------

    @staticmethod
    def _fields(spec: PerturbationOptions, plan: TestPlan, suite: Any) -> list[str]:
        fields = list(spec.fields or suite.input_fields)
        for index, field in enumerate(fields):
            if field not in suite.input_fields:
                raise suite.sources.error(
                    (*plan.location, "fields", index),
                    f"'{field}' is not an input field of this suite "
                    f"({', '.join(suite.input_fields)}){did_you_mean(field, suite.input_fields)}",
                )
        return fields

    @staticmethod
    def transform_runs(spec: PerturbationOptions) -> list[_TransformRun]:
        """The test's ``perturb:`` entries, each with its transform and validated options."""
        names = [entry.name for entry in spec.perturb]
        runs = []
        for index, entry in enumerate(spec.perturb):
            transform_class = TRANSFORMS.get(entry.name)
            reason = getattr(transform_class, "unavailable_reason", None)
            runs.append(
                _TransformRun(
                    index=index,
                    label=entry.name if names.count(entry.name) == 1 else f"{entry.name}#{index}",
                    spec=entry,
                    transform=transform_class(),
                    options=transform_class.Options.model_validate(entry.params),
                    unavailable=reason() if reason else None,
                )
            )
        return runs

    @staticmethod
    def _check_labels(spec: PerturbationOptions, plan: TestPlan, suite: Any) -> None:
        test_labels = {spec.label_mapping.get(label, label) for label in suite.labels}
        for key, label in (
            ("to_label", spec.to_label),
            ("monotonic", spec.monotonic.label if spec.monotonic else None),
        ):
            if label is not None and label not in test_labels:
                raise suite.sources.error(
                    (*plan.location, key),
                    f"'{label}' is not one of the test's labels ({', '.join(sorted(test_labels))})"
                    f"{did_you_mean(label, sorted(test_labels))}",
                )

    @classmethod
    def _apply_all(
        cls,
        run: _TransformRun,
        examples: Sequence[Example],
        fields: Sequence[str],
        context: RunContext,
    ) -> list[Variants]:
        """``_apply`` to each example, or what an identical earlier run made (same transform,
        parameters, fields, seed, examples, code and resources; harness/cache/derived.py)."""

        def compute() -> list[tuple[list[Example], dict[str, int]]]:
            made = [cls._apply(run, example, fields, context) for example in examples]
            return [(list(variants), dict(rejections(variants))) for variants in made]

        from harness.cache.derived import example_from_json, examples_digest, memoized_by_code

        # A transform that cannot run here says so for every example: nothing to keep.
        store = context.derived if run.unavailable is None else None
        computed = memoized_by_code(
            store,
            "transform",
            [type(run.transform), __name__],
            compute,
            lambda made: [
                {"variants": [v.to_json() for v in kept], "rejected": why} for kept, why in made
            ],
            lambda rows: [
                ([example_from_json(v) for v in row["variants"]], dict(row["rejected"]))
                for row in rows
            ],
            name=run.spec.name,
            params=run.options.model_dump(mode="json"),
            fields=list(fields),
            seed=context.seed,
            examples=examples_digest(examples) if store is not None else None,
        )
        return [Variants(kept, Counter(why)) for kept, why in computed]

    @staticmethod
    def _apply(
        run: _TransformRun, example: Example, fields: Sequence[str], context: RunContext
    ) -> list[Example]:
        return PerturbationKind.apply_transform(run, example, fields, context.seed)

    @staticmethod
    def apply_transform(
        run: _TransformRun, example: Example, fields: Sequence[str], seed: int
    ) -> Variants:
        """One transform's variants of one example, as a test with suite seed ``seed`` makes
        them (the same RNG, the same guards and rejection counts); augmentation reuses it."""
        if run.unavailable is not None:
            return Variants()
        made = run.transform.apply(
            example, run.options, rng_for(seed, run.spec.name, example.id), fields
        )
        seed_text = seed_label(seed, run.spec.name, example.id)
        result = Variants(rejected=rejections(made))
        for variant in made:
            if variant.fields == example.fields:
                continue  # a transform that changed nothing made no variant
            record = variant.transform
            result.append(
                replace(
                    variant,
                    parent_id=example.id,
                    transform=replace(record, seed=seed_text) if record is not None else None,
                )
            )
        return result

    @staticmethod
    def variant_gold(variant: Example, parent: Example, spec: PerturbationOptions) -> Example:
        """The variant's gold label under the test's expectation."""
        if spec.expect == "invariance":
            return replace(variant, target=parent.target)
        if spec.expect == "directional" and spec.to_label is not None:
            return replace(variant, target=spec.to_label)
        return variant

    @staticmethod
    def _check(spec: PerturbationOptions, original: ItemResult, variant: ItemResult) -> bool | None:
        """One pairwise check; None when the expectation has nothing to check here."""
        if spec.expect == "augmentation":
            return None
        if spec.expect == "invariance":
            return invariance_check(
                original.predicted,
                original.prediction.scores,
                variant.predicted,
                variant.prediction.scores,
                spec.invariance_tolerance,
            )
        checks: list[bool | None] = []
        if spec.to_label is not None:
            checks.append(label_check(variant.predicted, spec.to_label))
        if spec.monotonic is not None:
            checks.append(
                monotonic_check(
                    original.prediction.scores,
                    variant.prediction.scores,
                    spec.monotonic.label,
                    spec.monotonic.direction,
                    spec.monotonic.tolerance,
                )
            )
        if spec.to_label is None and spec.monotonic is None:
            checks.append(variant.correct)
        return case_outcome(checks)

    @staticmethod
    def _annotate(
        item: ItemResult, original: ItemResult, run: _TransformRun, passed: bool | None
    ) -> ItemResult:
        scores = {**item.scores, "flipped": float(item.predicted != original.predicted)}
        if passed is not None:
            scores["passed"] = float(passed)
        tags = {**original.tags, **item.tags, "transform": run.label}
        return replace(item, scores=scores, tags=tags)
