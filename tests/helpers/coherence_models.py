"""Planted generators and a rule judge for the coherence tests (``python:`` models).

Each generator has one known failing, and only that one:

* ``looping``: falls into a loop (a clause repeated back to back);
* ``contradicting``: states a fact, then its negation, a sentence later;
* ``inconsistent``: answers a question differently for each way it is asked;
* ``coherent``: three different sentences that neither repeat nor contradict, and the
  same answer to every phrasing of a question.

``constant``, ``echo`` and ``malicious`` serve narrower tests (the same answer to
everything; the prompt back; markup in a loop and in a contradiction).

Every generator gives the same answer to every phrasing of a question except
``inconsistent``, and a single sentence to a question, so only ``inconsistent`` can be
paraphrase-inconsistent and only multi-sentence texts can contradict themselves.

``rule_judge`` is an NLI judge known to be reliable on the control set (it answers
those pairs from their labels) and, for other pairs, says: the same words are an
entailment; the same words once negation words are dropped, with one side negated,
are a contradiction; anything else is neutral.
"""

from __future__ import annotations

import hashlib
import re

from harness.coherence.control_set import CONTROL_PAIRS

NEGATIONS = {"not", "never", "no"}
CONTROL_LABELS = {(pair.premise, pair.hypothesis): pair.label for pair in CONTROL_PAIRS}
QUESTION_ANSWERS = ("Paris.", "Lyon.", "Marseille.", "Nice.", "Lille.")


def _is_question(prompt: str) -> bool:
    return prompt.startswith("Question:")


def _topic(prompt: str) -> str:
    """A word of the prompt, so that generations differ between prompts."""
    words = re.findall(r"[a-z]{5,}", prompt.lower())
    return words[0] if words else "thing"


def looping(batch: list[dict]) -> list[str]:
    return [
        "I know the answer."
        if _is_question(request["prompt"])
        else f"We talked about the {_topic(request['prompt'])}. " + "and the wind kept blowing " * 6
        for request in batch
    ]


def contradicting(batch: list[dict]) -> list[str]:
    return [
        "I know the answer."
        if _is_question(request["prompt"])
        else f"The {_topic(request['prompt'])} is open at nine in the morning. "
        "Visitors arrive early and queue outside. "
        f"The {_topic(request['prompt'])} is not open at nine in the morning."
        for request in batch
    ]


def inconsistent(batch: list[dict]) -> list[str]:
    answers = []
    for request in batch:
        prompt = request["prompt"]
        if _is_question(prompt):
            digest = int(hashlib.sha256(prompt.encode()).hexdigest(), 16)
            answers.append(QUESTION_ANSWERS[digest % len(QUESTION_ANSWERS)])
        else:
            answers.append(f"The {_topic(prompt)} was quiet that day.")
    return answers


def coherent(batch: list[dict]) -> list[str]:
    return [
        "The answer is in every textbook."
        if _is_question(request["prompt"])
        else f"The {_topic(request['prompt'])} was quiet that morning. "
        "A few people walked slowly along the river. "
        "Later the sun came out over the hills."
        for request in batch
    ]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _rule(premise: str, hypothesis: str) -> str:
    if (premise, hypothesis) in CONTROL_LABELS:
        return CONTROL_LABELS[(premise, hypothesis)]
    first, second = _words(premise), _words(hypothesis)
    if first == second:
        return "entailment"
    plain_first = [w for w in first if w not in NEGATIONS]
    plain_second = [w for w in second if w not in NEGATIONS]
    negated = sum(w in NEGATIONS for w in first) != sum(w in NEGATIONS for w in second)
    if plain_first == plain_second and negated:
        return "contradiction"
    return "neutral"


def rule_judge(batch: list[dict]) -> list[dict[str, float]]:
    answers = []
    for fields in batch:
        label = _rule(str(fields["premise"]), str(fields["hypothesis"]))
        answers.append({name: 0.9 if name == label else 0.05 for name in CONTROL_LABEL_SET})
    return answers


CONTROL_LABEL_SET = ("entailment", "neutral", "contradiction")


def always_contradiction(batch: list[dict]) -> list[dict[str, float]]:
    """A judge that calls every pair a contradiction: far below any floor."""
    return [{"entailment": 0.1, "neutral": 0.1, "contradiction": 0.8} for _ in batch]


def constant(batch: list[dict]) -> list[str]:
    """The same short answer to everything: consistent across paraphrases."""
    return ["Lima." for _ in batch]


def echo(batch: list[dict]) -> list[str]:
    """The prompt back: a different answer for every phrasing."""
    return [f"You asked: {request['prompt']}" for request in batch]


MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def malicious(batch: list[dict]) -> list[str]:
    """Markup in a loop and in contradicting sentences: the report must show it as text."""
    return [
        f"The {MARKUP} is red. " + f"Again {MARKUP}. " * 4 + f"The {MARKUP} is not red."
        for _ in batch
    ]
