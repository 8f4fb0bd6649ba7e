"""SQuAD-format JSON (v1.1 and v2.0) as rows for the ``file`` source.

    {"version": "v2.0", "data": [{"title": ..., "paragraphs": [{"context": ...,
        "qas": [{"id", "question", "answers": [{"text", "answer_start"}],
                 "is_impossible"?, "plausible_answers"?}]}]}]}

Each question becomes one row: ``id``, ``title``, ``context``, ``question``,
``answers`` (``[{"text", "start"}]``; ``[]`` when ``is_impossible``) and, for v2.0,
``plausible_answers``. Every answer's offset is checked against its context here, so
an error names the question id, the article and the paragraph (a JSON file has no
useful line numbers).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from harness.errors import DataError


def is_squad(value: Any) -> bool:
    """Whether a parsed JSON document has the SQuAD layout (``data`` → ``paragraphs``)."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("data"), list)
        and all(isinstance(a, dict) and "paragraphs" in a for a in value["data"])
    )


def _answers(raw: Any, context: str, where: str, path: Path) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        raise DataError(f"{where}: 'answers' must be a list", path=path)
    answers = []
    for index, answer in enumerate(raw):
        if not isinstance(answer, dict) or not isinstance(answer.get("text"), str):
            raise DataError(f"{where}: answers[{index}] needs a 'text'", path=path)
        start = answer.get("answer_start")
        if isinstance(start, bool) or not isinstance(start, int):
            raise DataError(f"{where}: answers[{index}] needs an integer 'answer_start'", path=path)
        text = answer["text"]
        found = context[start : start + len(text)]
        if found != text:
            raise DataError(
                f"{where}: answers[{index}]: the context at offset {start} reads {found!r}, "
                f"not {text!r}",
                path=path,
            )
        answers.append({"text": text, "start": start})
    return answers


def squad_rows(document: Any, path: Path) -> list[dict[str, Any]]:
    """One row per question of a parsed SQuAD document (see the module docstring)."""
    if not is_squad(document):
        raise DataError("not SQuAD JSON: expected {'data': [{'paragraphs': [...]}]}", path=path)
    rows = []
    for article_index, article in enumerate(document["data"]):
        title = str(article.get("title", article_index))
        for paragraph_index, paragraph in enumerate(article["paragraphs"]):
            context = paragraph.get("context")
            if not isinstance(context, str):
                raise DataError(
                    f"article '{title}', paragraph {paragraph_index}: 'context' is missing",
                    path=path,
                )
            for question_index, qa in enumerate(paragraph.get("qas", [])):
                qid = str(qa.get("id", f"{article_index}-{paragraph_index}-{question_index}"))
                where = f"question '{qid}' (article '{title}', paragraph {paragraph_index})"
                if not isinstance(qa.get("question"), str):
                    raise DataError(f"{where}: 'question' is missing", path=path)
                impossible = bool(qa.get("is_impossible", False))
                answers = (
                    [] if impossible else _answers(qa.get("answers", []), context, where, path)
                )
                row: dict[str, Any] = {
                    "id": qid,
                    "title": title,
                    "context": context,
                    "question": qa["question"],
                    "answers": answers,
                }
                if "plausible_answers" in qa:
                    row["plausible_answers"] = _answers(
                        qa["plausible_answers"], context, where, path
                    )
                rows.append(row)
    return rows


def read_squad(path: Path) -> list[dict[str, Any]] | None:
    """Rows of ``path`` when it is SQuAD JSON, else None (an ordinary JSON file)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError):
        return None  # the ordinary reader reports what is wrong with it
    return squad_rows(document, path) if is_squad(document) else None
