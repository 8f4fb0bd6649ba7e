"""Models with known behaviour on the knowledge and consistency probes (``python:`` callables).

    harness run suite.yaml --model python:helpers.probe_models:knows_some_facts

``knows_some_facts`` knows every hypernymy fact, half of the part–whole facts and no
antonym; it uses a fact stated in the premise for every relation except located-in,
where it never draws the inference. So, per relation, the expected split is known
exactly (see tests/analyses/test_knowledge_integration.py).

``asymmetric`` answers every consistency item with its gold label except that it
breaks contradiction symmetry on every fourth symmetry group and paraphrase agreement
on every fifth paraphrase group (by generation index), for the suite used in
tests/analyses/test_logical_consistency.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from harness.generators.consistency import ConsistencyGenerator
from harness.generators.knowledge import ANTONYMS, HYPERNYMS, LOCATIONS, PARTS

KNOWN = set(HYPERNYMS) | set(PARTS[: len(PARTS) // 2])
# Relations whose stated fact the model uses; located-in facts are ignored.
USES_STATED = {"hypernymy", "antonymy", "part_whole"}
RELATION_PAIRS = {
    "hypernymy": HYPERNYMS,
    "antonymy": ANTONYMS,
    "part_whole": PARTS,
    "located_in": LOCATIONS,
}


def _words(text: str) -> list[str]:
    return [word.strip(".,").lower() for word in text.split()]


def knows_some_facts(batch: Sequence[Mapping[str, str]]) -> list[str]:
    answers = []
    for fields in batch:
        first, _, stated = fields["premise"].partition(". ")
        premise, hypothesis = _words(first), _words(fields["hypothesis"])
        answer = "neutral"
        for relation, pairs in RELATION_PAIRS.items():
            for x, y in pairs:
                # The fact's direction: x in the premise, y in the hypothesis.
                if x.lower() in premise and y.lower() in hypothesis and y.lower() not in premise:
                    knows = (x, y) in KNOWN
                    told = bool(stated) and relation in USES_STATED
                    if knows or told:
                        answer = "contradiction" if relation == "antonymy" else "entailment"
        answers.append(answer)
    return answers


CONSISTENCY_OPTIONS = {"n_per_constraint": 20}
CONSISTENCY_SEED = 13


def _consistency_answers() -> dict[tuple[str, str], str]:
    generator = ConsistencyGenerator()
    examples = generator.generate(
        ConsistencyGenerator.Options(**CONSISTENCY_OPTIONS), CONSISTENCY_SEED
    )
    groups: dict[str, list[str]] = defaultdict(list)
    answers: dict[tuple[str, str], str] = {}
    for example in examples:
        meta = example.meta
        order = groups[str(meta["constraint"])]
        if meta["group"] not in order:
            order.append(str(meta["group"]))
        index = order.index(str(meta["group"]))  # the group's generation index
        answer = str(example.target)
        if meta["constraint"] == "symmetry" and meta["role"] == "backward" and index % 4 == 0:
            answer = "neutral"
        if meta["constraint"] == "paraphrase" and meta["role"] == "paraphrase" and index % 5 == 0:
            answer = "contradiction" if answer != "contradiction" else "neutral"
        key = (example.fields["premise"], example.fields["hypothesis"])
        assert answers.get(key, answer) == answer, key  # no two items share a text
        answers[key] = answer
    return answers


ANSWERS = _consistency_answers()


def asymmetric(batch: Sequence[Mapping[str, str]]) -> list[str]:
    # Inputs it was not built for (the occluded words of an explanation) get "neutral".
    return [ANSWERS.get((fields["premise"], fields["hypothesis"]), "neutral") for fields in batch]
