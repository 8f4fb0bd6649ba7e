"""Models with known behaviour on the knowledge and consistency probes (``python:`` callables).

    harness run suite.yaml --model python:helpers.probe_models:knows_some_facts

``knows_some_facts`` knows every hypernymy fact, half of the part–whole facts and no
antonym; it uses a fact stated in the premise for every relation except located-in,
where it never draws the inference. So, per relation, the expected split is known
exactly (see tests/analyses/test_knowledge_integration.py).

``knows_some_facts_lm`` is the same model as a prompted LM (log-likelihoods), whose
cloze check knows the located-in facts it never uses.

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


# --- a log-likelihood model for the cloze check ---------------------------------------
#: Facts the LM knows when asked as a cloze: what ``knows_some_facts`` uses, and every
#: located-in fact too, which it knows but never uses in an inference.
CLOZE_KNOWN = KNOWN | set(LOCATIONS)
_CLOZE_STEMS = {
    " is a kind of": "hypernymy",
    "The opposite of ": "antonymy",
    "One part of ": "part_whole",
    " is a city in": "located_in",
}


def _cloze_pair(context: str, continuation: str) -> tuple[str, str, str] | None:
    relation = next((r for stem, r in _CLOZE_STEMS.items() if stem in context), None)
    if relation is None:
        return None
    words = context.replace("The opposite of ", "").replace("One part of ", "").split()
    word = words[1] if words[0].lower() in {"a", "an"} else words[0]
    return relation, word, continuation.strip()


def knows_some_facts_lm(batch: Sequence[Mapping[str, str]]) -> list[float]:
    """``knows_some_facts`` as a prompted LM (nli/gpt3 verbalizers), with a cloze that
    ranks the right answer first exactly for ``CLOZE_KNOWN`` (and "a" first otherwise:
    an answer no relation has)."""
    verbalizers = {"entailment": "True", "neutral": "Neither", "contradiction": "False"}
    answers = []
    for request in batch:
        context, continuation = request["context"], request["continuation"]
        pair = _cloze_pair(context, continuation)
        if pair is not None:
            relation, word, answer = pair
            right = (word, answer) in set(RELATION_PAIRS[relation])
            answers.append(0.0 if right and (word, answer) in CLOZE_KNOWN else -1.0)
            continue
        premise, _, rest = context.partition("\nQuestion: ")
        hypothesis = rest.partition(" True, False or Neither?")[0]
        [label] = knows_some_facts([{"premise": premise, "hypothesis": hypothesis}])
        answers.append(0.0 if continuation.strip() == verbalizers[label] else -5.0)
    return answers
