"""Where judged variants come from: sources, the test kinds' variant makers, and drawing.

A *source* is a data set with its splits, loaded through the data-source registry as a
suite loads it (so example ids, and with them every seeded choice, are the ones a run
sees): the built-in ``nli-core`` and ``rc-core`` (train and test pooled), ``sick``
(SICK's train and test files beside the repository, third-party: tests skip it when
absent) and the generators shipped suites perturb (``attribute_nli``).

A *variant maker* makes the variants of one example the way a test kind does; the
``perturbation`` kind's is registered here (``TRANSFORMS[name].apply`` with the RNG
seeded from the suite seed, the transform and the example id; a variant identical to
its parent is dropped). Another kind registers its own in ``VARIANT_MAKERS`` with the
components whose code decides what it makes (``components``: what the fixture's
``source_digest`` covers).
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from harness.core import Example, stable_id
from harness.transforms.validity.fixtures import (
    DEFAULT_MODE,
    Fixture,
    FixtureHeader,
    JudgedVariant,
    Usage,
    fixture_name,
)

NLI_LABELS = ("entailment", "neutral", "contradiction")


class MissingSourceData(LookupError):
    """A third-party source whose files are not where they were looked for."""


class VariantsChanged(ValueError):
    """A restamp refused: today's code makes other variants than were judged."""


@dataclass(frozen=True)
class SourceDefinition:
    """A data set a fixture can be drawn from: its task and one data block per split.

    ``splits`` maps a split name to a suite ``data:`` block; paths of third-party data
    (``third_party``) are relative to the data directory given at load time.
    """

    task: str
    splits: Mapping[str, Mapping[str, Any]]
    labels: tuple[str, ...] = ()
    third_party: bool = False
    input_fields: tuple[str, ...] | None = None


def _sick_split(name: str) -> dict[str, Any]:
    return {
        "source": "file",
        "path": f"sick/{name}.txt",
        "format": "tsv",
        "columns": {
            "premise": "sentence_A",
            "hypothesis": "sentence_B",
            "label": "entailment_judgment",
            "id": "pair_ID",
        },
    }


def _builtin(name: str, *splits: str) -> dict[str, dict[str, Any]]:
    return {split: {"source": "builtin", "name": name, "split": split} for split in splits}


SOURCES: dict[str, SourceDefinition] = {
    "nli-core": SourceDefinition("nli", _builtin("nli-core", "train", "test"), NLI_LABELS),
    "rc-core": SourceDefinition("extractive_qa", _builtin("rc-core", "train", "test")),
    "sick": SourceDefinition(
        "nli",
        {name: _sick_split(name) for name in ("SICK_train", "SICK_test_annotated")},
        NLI_LABELS,
        third_party=True,
    ),
    "attribute_nli": SourceDefinition(
        "nli", {"generated": {"source": "generator", "name": "attribute_nli"}}, NLI_LABELS
    ),
}


def source_splits(source: str) -> tuple[str, ...]:
    return tuple(SOURCES[source].splits)


def load_split(
    source: str,
    split: str,
    *,
    seed: int,
    data_dir: Path | None = None,
    source_params: Mapping[str, Any] | None = None,
) -> list[Example]:
    """The examples of one split of ``source``, as a suite with ``seed`` loads them."""
    from harness.data.sources import BUILTIN_DATASETS_DIR
    from harness.registry import DATA_SOURCES
    from harness.tasks import load_context

    definition = SOURCES[source]
    block = dict(definition.splits[split])
    if source_params:
        block["params"] = {**block.get("params", {}), **source_params}
    base_dir = BUILTIN_DATASETS_DIR
    if definition.third_party:
        if data_dir is None or not (data_dir / block["path"]).is_file():
            raise MissingSourceData(
                f"{source}: {block['path']} is not in {data_dir} (third-party data beside "
                "the repository, used by tests only)"
            )
        base_dir = data_dir
    context = load_context(
        definition.task,
        base_dir=base_dir,
        labels=definition.labels,
        input_fields=definition.input_fields or None,
        seed=seed,
    )
    data_source = DATA_SOURCES.get(block["source"])
    options = data_source.Options.model_validate(block)
    return list(data_source().load(options, context))


# --- variant makers -------------------------------------------------------------------------


class VariantMaker(Protocol):
    """Makes the variants of one example the way a test kind does."""

    def variants(self, usage: Usage, example: Example) -> list[Example]: ...

    def components(self, usage: Usage) -> tuple[Any, ...]: ...


class PerturbationVariants:
    """The ``perturbation`` kind: ``TRANSFORMS[name].apply(example, options, rng, fields)``."""

    def variants(self, usage: Usage, example: Example) -> list[Example]:
        from harness.registry import TRANSFORMS
        from harness.seeding import rng_for

        transform = TRANSFORMS.get(usage.transform)
        options = transform.Options.model_validate(dict(usage.params))
        made = transform().apply(
            example,
            options,
            rng_for(usage.suite_seed, usage.transform, example.id),
            list(usage.fields),
        )
        # The kind drops a "variant" that changed nothing (harness/kinds/perturbation.py).
        return [variant for variant in made if variant.fields != example.fields]

    def components(self, usage: Usage) -> tuple[Any, ...]:
        from harness.registry import TRANSFORMS

        return (TRANSFORMS.get(usage.transform),)


class CounterfactualVariants:
    """The ``counterfactual`` kind: an item's family of swaps, one copy per other group
    combination (``params``: ``swap``, the attributes, and ``groups``, those restricted),
    each with the RNG the kind gives that combination; none for an item it leaves out."""

    def variants(self, usage: Usage, example: Example) -> list[Example]:
        from harness.seeding import rng_for
        from harness.transforms.counterfactual import ATTRIBUTES, swap_family

        attributes = [str(a) for a in usage.params["swap"]]
        chosen = dict(usage.params.get("groups") or {})
        groups = [list(chosen.get(a) or ATTRIBUTES[a]) for a in attributes]

        def rng_of(label: str) -> random.Random:
            return rng_for(usage.suite_seed, f"counterfactual:{label}", example.id)

        return list(swap_family(example, attributes, groups, list(usage.fields), rng_of).copies)

    def components(self, usage: Usage) -> tuple[Any, ...]:
        from harness.transforms.counterfactual import swap_family

        return (swap_family,)


#: The ``distractor`` kind applies ``add_one_sent`` as a perturbation test applies a
#: transform (``n_variants`` from the test, the RNG from the suite seed and the example).
VARIANT_MAKERS: dict[str, VariantMaker] = {
    "perturbation": PerturbationVariants(),
    "distractor": PerturbationVariants(),
    "counterfactual": CounterfactualVariants(),
}


def current_digest(usage: Usage) -> str | None:
    """``behaviour_digest`` of the code that makes ``usage``'s variants today."""
    from harness.cache.derived import behaviour_digest

    return behaviour_digest(*VARIANT_MAKERS[usage.kind].components(usage))


def mode_of(transform: str, params: Mapping[str, Any]) -> str:
    """The transform's mode under ``params``: the value of its ``mode_option`` (a class
    attribute naming the option that switches what it does, defaults applied), or
    ``default`` for a transform without modes."""
    from harness.registry import TRANSFORMS

    cls = TRANSFORMS.get(transform)
    option = getattr(cls, "mode_option", None)
    if option is None:
        return DEFAULT_MODE
    return str(getattr(cls.Options.model_validate(dict(params)), option))


# --- populations and samples ----------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """One variant in a source, with the example it was made from."""

    split: str
    parent: Example
    index: int
    variant: Example = field(compare=False)

    def row(self) -> JudgedVariant:
        return JudgedVariant(self.split, self.parent.id, self.index, variant_hash(self.variant))


def variant_hash(variant: Example) -> str:
    return stable_id(dict(variant.fields))


def _perturbed(usage: Usage, split: str, data_dir: Path | None) -> list[Example]:
    """The examples of ``split`` that ``usage`` perturbs (its gold filter applied), as a
    suite loads them."""
    examples = load_split(
        usage.source,
        split,
        seed=usage.suite_seed,
        data_dir=data_dir,
        source_params=usage.source_params,
    )
    if not usage.only_gold:
        return examples
    return [example for example in examples if str(example.target) in usage.only_gold]


def population(
    usage: Usage,
    *,
    data_dir: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Candidate]:
    """Every variant ``usage`` makes in its source, the splits pooled, in source order."""
    maker = VARIANT_MAKERS[usage.kind]
    found = []
    for split in source_splits(usage.source):
        for number, example in enumerate(_perturbed(usage, split, data_dir), start=1):
            if progress is not None and number % 500 == 0:
                progress(f"{split}: {number} examples")
            for index, variant in enumerate(maker.variants(usage, example)):
                found.append(Candidate(split, example, index, variant))
    return found


def draw(candidates: Sequence[Candidate], n: int, seed: int) -> list[Candidate]:
    """``n`` candidates (all when fewer exist) drawn with ``random.Random(seed)``, in
    source order."""
    chosen = random.Random(seed).sample(range(len(candidates)), min(n, len(candidates)))
    return [candidates[index] for index in sorted(chosen)]


@dataclass(frozen=True)
class LazyDraw:
    """A sample drawn without making every variant (``draw_by_examples``)."""

    chosen: list[Candidate]
    examples_read: int
    examples: int
    #: Every variant of the examples read, in the order read: what the draw saw.
    seen: list[Candidate]

    @property
    def variants_seen(self) -> int:
        return len(self.seen)

    @property
    def population_estimate(self) -> int:
        """Variants in the source, extrapolated from the examples read."""
        if not self.examples_read:
            return 0
        return round(self.variants_seen * self.examples / self.examples_read)


def _pooled(usage: Usage, data_dir: Path | None) -> list[tuple[str, Example]]:
    """``(split, example)`` for every example ``usage`` perturbs, the splits pooled."""
    return [
        (split, example)
        for split in source_splits(usage.source)
        for example in _perturbed(usage, split, data_dir)
    ]


def draw_by_examples(usage: Usage, n: int, seed: int, *, data_dir: Path | None = None) -> LazyDraw:
    """One variant of each of ``n`` examples drawn at random among those that have any.

    The pooled examples are shuffled with ``random.Random(seed)`` and read in that order
    until ``n`` of them made a variant; each gives one of its variants, drawn with the
    same RNG. For a transform that makes at most one variant per example (``n_variants:
    1``) this is a uniform sample of its variants, made without making them all — for a
    transform whose guards are slow (``synonym`` on SICK's ten thousand pairs).
    """
    maker = VARIANT_MAKERS[usage.kind]
    pooled = _pooled(usage, data_dir)
    rng = random.Random(seed)
    order = rng.sample(range(len(pooled)), len(pooled))
    chosen: list[tuple[int, Candidate]] = []
    seen: list[Candidate] = []
    read = 0
    for position in order:
        if len(chosen) == n:
            break
        split, example = pooled[position]
        made = [
            Candidate(split, example, index, variant)
            for index, variant in enumerate(maker.variants(usage, example))
        ]
        read += 1
        seen.extend(made)
        if made:
            chosen.append((position, made[rng.randrange(len(made))]))
    chosen.sort(key=lambda item: item[0])
    return LazyDraw([candidate for _, candidate in chosen], read, len(pooled), seen)


# --- the population a draw saw, and restamping after a refactor ----------------------------


def drawn_population(
    header: FixtureHeader,
    *,
    data_dir: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Candidate]:
    """Every variant the header's draw chose from, made by today's code: the whole
    ``population`` of the pooled splits, or, for a header drawn by examples, the variants
    of the first ``examples_read`` examples of the source shuffled with the draw seed
    (exactly the examples ``draw_by_examples`` read)."""
    usage = header.usage
    if header.examples_read is None:
        return population(usage, data_dir=data_dir, progress=progress)
    maker = VARIANT_MAKERS[usage.kind]
    pooled = _pooled(usage, data_dir)
    order = random.Random(header.draw_seed).sample(range(len(pooled)), len(pooled))
    found = []
    for position in order[: header.examples_read]:
        split, example = pooled[position]
        for index, variant in enumerate(maker.variants(usage, example)):
            found.append(Candidate(split, example, index, variant))
    return found


def population_digest(candidates: Sequence[Candidate]) -> str:
    """sha256 of every candidate in order: its split, index and the whole variant (id,
    fields, target, tags, origin record), so any change in what the code makes shows."""
    digest = hashlib.sha256()
    for candidate in candidates:
        row = [candidate.split, candidate.index, candidate.variant.to_json()]
        digest.update(json.dumps(row, sort_keys=True, default=str).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def variants_changed(fixture: Fixture, candidates: Sequence[Candidate]) -> str | None:
    """Why ``candidates`` (``drawn_population`` today) are not the variants that were
    judged, or None: their digest must equal the header's ``population_digest`` and every
    judged row must still be made with its hash."""
    recorded = fixture.header.population_digest
    if recorded is None:
        return "the fixture records no population_digest"
    if population_digest(candidates) != recorded:
        return "the population's variants changed"
    made = {(c.split, c.parent.id, c.index): variant_hash(c.variant) for c in candidates}
    for row in fixture.rows:
        if made.get((row.split, row.id, row.variant)) != row.hash:
            return f"judged variant {row.id}#{row.variant} changed"
    return None


def restamp(fixture: Fixture, *, data_dir: Path | None = None) -> Fixture:
    """``fixture`` with today's ``source_digest``, when the code that makes its variants
    changed without changing them (a refactor): the population the draw saw is made
    again and must be the one recorded. Raises ``VariantsChanged`` otherwise."""
    reason = variants_changed(fixture, drawn_population(fixture.header, data_dir=data_dir))
    usage = fixture.header.usage
    if reason is not None:
        raise VariantsChanged(
            f"{fixture_name(*usage.key)}: the variants changed ({reason}): "
            "redraw with a new seed and re-judge"
        )
    return replace(fixture, header=replace(fixture.header, source_digest=current_digest(usage)))


def regenerate(
    fixture: Fixture, *, data_dir: Path | None = None
) -> dict[tuple[str, str], tuple[Example, list[Example]]]:
    """``(split, parent id) -> (parent, its variants)`` for every parent a fixture judges,
    made by today's code (a parent no longer in the source is missing from the result)."""
    usage = fixture.header.usage
    maker = VARIANT_MAKERS[usage.kind]
    wanted: dict[str, set[str]] = {}
    for row in fixture.rows:
        wanted.setdefault(row.split, set()).add(row.id)
    made = {}
    for split, ids in wanted.items():
        for example in _perturbed(usage, split, data_dir):
            if example.id in ids:
                made[(split, example.id)] = (example, maker.variants(usage, example))
    return made
