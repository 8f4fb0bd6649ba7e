"""Which failures a run explains, and a test's explanations section.

By default a run explains what its report shows first:

* per test, the ``DEFAULT_PER_TEST`` failures its section features (broken
  perturbation cases first, then the most confident failures): ``--explain N`` sets
  how many, ``--explain 0`` turns explanations off;
* per finding, up to ``EVIDENCE_PER_FINDING`` failures of its evidence (the slice of
  the test it points at, or the items an analysis row is about), in the same order.

``harness explain RUN_DIR --n N`` explains more of an existing run. The first
``detailed`` failures of each test's own list get the model's best method (integrated
gradients where the network is at hand); the rest get leave-one-word-out occlusion.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from harness.core import ItemResult
from harness.explain._base import TOP_WORDS_PER_FIELD, ItemAttribution
from harness.explain._function_words import FUNCTION_WORDS

#: Failures per test explained by default (``--explain N``): those its section features.
DEFAULT_PER_TEST = 5
#: Of a test's own list, how many get the detailed method (``--explain-gradients K``): the
#: first two featured failures. Integrated gradients cost about twenty forward/backward
#: passes a failure against one forward pass a word for occlusion; at five a test they
#: were most of a default run's explaining time.
DEFAULT_DETAILED = 2
#: Failures of each finding's evidence explained.
EVIDENCE_PER_FINDING = 5
#: Explained failures shown in full in the test's own section (the rest: in the browser).
FEATURED = 5
#: Words listed per slice in the summary.
TOP_WORDS = 5
#: A word enters a slice's summary only when this many of its explained failures contain it.
MIN_ITEMS = 3
#: Pseudo-items of zero attribution added to every word's mean (shrinks rare words).
PRIOR_ITEMS = 2
_PUNCTUATION = re.compile(r"^\W+|\W+$")


def attributor_for(
    model: Any, predictor: Any, cache: Any = None, labels: Sequence[str] = ()
) -> Any:
    """Integrated gradients where the network is at hand, occlusion for black boxes."""
    from harness.explain._gradients import (
        IntegratedGradientsAttributor,
        ReferenceIntegratedGradients,
    )
    from harness.explain._occlusion import OcclusionAttributor
    from harness.models.hf import HFClassifier
    from harness.models.reference import ReferenceModel

    if isinstance(model, HFClassifier) and getattr(model.tokenizer, "is_fast", False):
        return IntegratedGradientsAttributor(model, labels=labels, cache=cache)
    if isinstance(model, ReferenceModel) and len(model.input_fields) == 2:
        return ReferenceIntegratedGradients(model, labels=labels, cache=cache)
    return OcclusionAttributor(predictor)


def is_failure(item: ItemResult) -> bool:
    """A wrong answer the model gave probabilities for (so there is something to explain)."""
    return (
        item.correct is False and item.prediction.label is not None and bool(item.prediction.scores)
    )


def select_failures(items: Iterable[ItemResult], limit: int | None = None) -> list[ItemResult]:
    """The failures in the order they are explained: broken perturbation cases first, then
    the most confident; the first ``limit`` of them (all without a limit)."""

    def order(item: ItemResult) -> tuple[float, float, str]:
        broken = float(item.scores.get("flipped", 0.0)) if item.example.parent_id else 0.0
        return (-broken, -(item.confidence or 0.0), item.id)

    ranked = sorted((item for item in items if is_failure(item)), key=order)
    return ranked if limit is None else ranked[: max(limit, 0)]


@dataclass(frozen=True)
class Evidence:
    """The failures of a test that a finding's evidence points at."""

    finding: str  # the finding's key
    statement: str
    rank: int | None
    where: Mapping[str, str] = field(default_factory=dict)  # tag -> value
    gold: str | None = None

    def matches(self, item: ItemResult) -> bool:
        if self.gold is not None and item.gold != self.gold:
            return False
        return all(str(item.tags.get(key)) == str(value) for key, value in self.where.items())


def evidence_by_test(findings: Iterable[Mapping[str, Any]]) -> dict[str, list[Evidence]]:
    """Per test, the evidence of each finding (``status: finding``) that names its items.

    A finding's ``evidence`` names a test (and a slice of it), or an analysis with the
    items its row is about (``evidence.items``: ``tests``, ``where``, ``gold``).
    """
    found: dict[str, list[Evidence]] = defaultdict(list)
    for finding in findings:
        if not isinstance(finding, Mapping) or finding.get("status") != "finding":
            continue
        evidence = finding.get("evidence") if isinstance(finding.get("evidence"), Mapping) else {}
        assert isinstance(evidence, Mapping)
        key, statement, rank = (
            str(finding.get("key")),
            str(finding.get("statement")),
            finding.get("rank"),
        )
        if "test" in evidence:
            where = {}
            part = evidence.get("slice")
            if isinstance(part, list | tuple) and len(part) == 2:
                where = {str(part[0]): str(part[1])}
            found[str(evidence["test"])].append(Evidence(key, statement, rank, where))
            continue
        items = evidence.get("items")
        if not isinstance(items, Mapping):
            continue
        where = {str(k): str(v) for k, v in dict(items.get("where") or {}).items()}
        gold = items.get("gold")
        for test in items.get("tests") or []:
            found[str(test)].append(
                Evidence(key, statement, rank, where, str(gold) if gold is not None else None)
            )
    return dict(found)


@dataclass(frozen=True)
class Choice:
    """A test's failures to explain, in order, and which findings each is evidence of."""

    items: list[ItemResult]
    detailed: set[str]  # ids that get the detailed method
    evidence: list[tuple[Evidence, list[str]]]  # (finding, ids of its explained failures)


def choose(
    items: Sequence[ItemResult],
    evidence: Sequence[Evidence],
    per_test: int,
    detailed: int,
    extra_ids: Iterable[str] = (),
) -> Choice:
    """The first ``per_test`` failures, then up to ``EVIDENCE_PER_FINDING`` of each
    finding's evidence, then ``extra_ids`` (failures explained before, kept)."""
    ranked = select_failures(items)
    chosen = ranked[: max(per_test, 0)]
    seen = {item.id for item in chosen}
    groups = []
    for entry in evidence:
        matching = [item for item in ranked if entry.matches(item)][:EVIDENCE_PER_FINDING]
        groups.append((entry, [item.id for item in matching]))
        for item in matching:
            if item.id not in seen:
                seen.add(item.id)
                chosen.append(item)
    wanted = set(extra_ids) - seen
    chosen += [item for item in ranked if item.id in wanted]
    return Choice(chosen, {item.id for item in chosen[: max(min(detailed, per_test), 0)]}, groups)


def members_of(label: str, labels: Sequence[str], label_mapping: Mapping[str, str]) -> list[str]:
    """The suite labels a test label collapses (``label_mapping``), or the label itself.

    >>> members_of("non-entailment", ["entailment", "neutral", "contradiction"],
    ...            {"neutral": "non-entailment", "contradiction": "non-entailment"})
    ['neutral', 'contradiction']
    """
    members = [name for name in labels if label_mapping.get(name, name) == label]
    return members or [label]


def normalised_word(word: str) -> str:
    """``"Not,"`` → ``"not"``: how words are counted across items."""
    return _PUNCTUATION.sub("", word).lower()


def words_by_slice(
    items: Sequence[ItemResult], attributions: Sequence[ItemAttribution]
) -> list[dict[str, Any]]:
    """Per slice of the explained failures: the content words that most drove the wrong answers.

    Each item's scores are divided by its largest absolute score (so every failure
    counts once and the two methods share a scale); a word's score in an item is the
    sum over its occurrences. Per slice (every tag value, every predicted label, and
    all explained failures) a word is ranked by its *shrunken mean*: the sum of its
    item scores over ``n + PRIOR_ITEMS``, where ``n`` is the number of explained
    failures of the slice that contain it. Function words (``FUNCTION_WORDS``) are left
    out, words in fewer than ``MIN_ITEMS`` failures too, and only words with a positive
    mean (pushing towards the wrong answer) are listed.
    """
    groups: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for item, attribution in zip(items, attributions, strict=True):
        scores = [w for words in attribution.fields.values() for w in words]
        largest = max((abs(w.score) for w in scores), default=0.0)
        if largest <= 0:
            continue
        per_word: dict[str, float] = defaultdict(float)
        for word_score in scores:
            word = normalised_word(word_score.word)
            if word and word not in FUNCTION_WORDS:
                per_word[word] += word_score.score / largest
        slices = [("all", "all"), ("predicted", str(item.predicted)), *sorted(item.tags.items())]
        for key in slices:
            for word, score in per_word.items():
                groups[(str(key[0]), str(key[1]))][word].append(score)
    rows = []
    for (field_name, value), words in sorted(
        groups.items(), key=lambda kv: (kv[0] != ("all", "all"), kv[0])
    ):
        means = {
            word: sum(scores) / (len(scores) + PRIOR_ITEMS)
            for word, scores in words.items()
            if len(scores) >= MIN_ITEMS
        }
        ranked = sorted(
            ((word, mean) for word, mean in means.items() if mean > 0),
            key=lambda kv: (-kv[1], kv[0]),
        )[:TOP_WORDS]
        if not ranked:
            continue
        rows.append(
            {
                "field": field_name,
                "value": value,
                "words": [
                    {"word": word, "weight": round(mean, 4), "items": len(words[word])}
                    for word, mean in ranked
                ],
            }
        )
    return rows


def explanations_section(
    items: Sequence[ItemResult],
    choice: Choice,
    attributions: Mapping[str, ItemAttribution],
    *,
    per_test: int,
    detailed: int,
) -> dict[str, Any] | None:
    """``sections["explanations"]`` of one test, or ``None`` when nothing failed.

    Only the chosen failures whose explanation says something (some word scored) count as
    explained; the others (the model gave no probability of the label) are counted apart.
    """
    n_failing = sum(1 for item in items if item.correct is False)
    if not n_failing:
        return None
    explained = [
        (item, attributions[item.id])
        for item in choice.items
        if item.id in attributions and attributions[item.id].explained
    ]
    methods = Counter(attribution.method for _, attribution in explained)
    explained_ids = {item.id for item, _ in explained}
    return {
        "method": explained[0][1].method if explained else None,
        "methods": dict(sorted(methods.items())),
        "target": "the predicted label",
        "limit": per_test,
        "detailed_limit": detailed,
        "featured": min(FEATURED, len(explained)),
        "min_items": MIN_ITEMS,
        "top_words": TOP_WORDS_PER_FIELD,
        "n_failing": n_failing,
        "n_explained": len(explained),
        "n_unexplained": len(choice.items) - len(explained),
        "items": [
            {
                **attribution.to_json(),
                "test": item.test,
                "gold": item.gold,
                "predicted": item.predicted,
                "confidence": item.confidence,
                "parent_id": item.example.parent_id,
                "tags": dict(item.tags),
            }
            for item, attribution in explained
        ],
        "evidence": [
            {
                "finding": entry.finding,
                "statement": entry.statement,
                "rank": entry.rank,
                "where": dict(entry.where),
                **({"gold": entry.gold} if entry.gold is not None else {}),
                "ids": [i for i in ids if i in explained_ids],
            }
            for entry, ids in choice.evidence
        ],
        "words_by_slice": words_by_slice(
            [item for item, _ in explained], [attribution for _, attribution in explained]
        ),
    }
