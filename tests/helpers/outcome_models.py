"""Scripted generation models whose answers cover every item outcome."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def scripted_answers(batch: Sequence[Mapping[str, object]]) -> list[object]:
    """Generation: what each prompt's last line asks for, one outcome per kind of answer.

    ``empty`` gives no text, ``cut`` a text the model says hit its token limit,
    ``ramble`` a text with no ``Answer:`` in it, ``pass`` an abstention; any other
    line is answered ``Answer: <line>``.
    """
    answers: list[object] = []
    for request in batch:
        line = str(request["prompt"]).splitlines()[-1]
        if line == "empty":
            answers.append("   ")
        elif line == "cut":
            answers.append({"text": "Answer: cu", "hit_max_tokens": True})
        elif line == "ramble":
            answers.append("well, it depends on many things")
        elif line == "pass":
            answers.append("unanswerable")
        else:
            answers.append(f"Answer: {line}")
    return answers


def rambling_answers(batch: Sequence[Mapping[str, object]]) -> list[object]:
    """``scripted_answers``, but rambling (no ``Answer:``) about every line with an R."""
    answers = scripted_answers(batch)
    return [
        "let me think about it" if "R" in str(request["prompt"]).splitlines()[-1] else answer
        for request, answer in zip(batch, answers, strict=True)
    ]
