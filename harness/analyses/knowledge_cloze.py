"""Does a prompted LM know the fact itself? The cloze check of ``knowledge_integration``.

For a model that serves ``Loglikelihood`` (hf-causal, hf-masked, served LMs, a
``python:`` log-likelihood callable), each word pair of the knowledge probe is asked
as a cloze over the relation's candidate set::

    "A robin is a kind of" + " bird" | " tree" | " fish" | ...

The model *knows the fact by cloze* when the right candidate has the highest
log-likelihood (summed over its tokens, as lm-evaluation-harness's ``acc``; ties count
as not known). The knowledge split is then reported twice per relation: over the
units whose fact the model knows by cloze and over those it does not — "knows the
word but does not use what it means" is ``right_only_with_fact`` among the known.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from harness.generators.knowledge import PAIRS, article
from harness.requests import LOGLIKELIHOOD, Loglikelihood, served_kinds


def cloze_context(relation: str, word: str) -> str:
    """The cloze stem for ``word`` (its answer follows after a space).

    >>> cloze_context("hypernymy", "robin")
    'A robin is a kind of'
    >>> cloze_context("located_in", "Paris")
    'Paris is a city in'
    """
    if relation == "hypernymy":
        return f"{article(word).capitalize()} {word} is a kind of"
    if relation == "antonymy":
        return f"The opposite of {word} is"
    if relation == "part_whole":
        return f"One part of {article(word)} {word} is the"
    if relation == "located_in":
        return f"{word} is a city in"
    raise ValueError(f"unknown relation {relation!r}")


def candidates(relation: str) -> tuple[str, ...]:
    """The answers a cloze of ``relation`` chooses among: every listed answer."""
    return tuple(sorted({answer for _, answer in PAIRS[relation]}))


def can_ask(model: Any, requests: Any) -> bool:
    return requests is not None and LOGLIKELIHOOD in served_kinds(model)


def known_by_cloze(pairs: Sequence[tuple[str, str, str]], requests: Any) -> dict[str, bool]:
    """``"x/y"`` -> whether the model ranks ``y`` first for ``x``, for (relation, x, y)."""
    asked: list[Loglikelihood] = []
    plan: list[tuple[str, str, tuple[str, ...]]] = []
    for relation, word, answer in pairs:
        options = candidates(relation)
        plan.append((f"{word}/{answer}", answer, options))
        context = cloze_context(relation, word)
        asked += [Loglikelihood(context=context, continuation=f" {option}") for option in options]
    answers = iter(requests.run(asked, description="knowledge cloze") if asked else [])
    known: dict[str, bool] = {}
    for key, answer, options in plan:
        scores = {option: _loglikelihood(next(answers)) for option in options}
        best = max(scores.values())
        winners = [option for option, score in scores.items() if score == best]
        known[key] = winners == [answer]
    return known


def _loglikelihood(answer: Any) -> float:
    if isinstance(answer, Mapping):
        return float(answer.get("loglikelihood", float("-inf")))
    return float(answer)
