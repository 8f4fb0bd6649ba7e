"""Meaning-preserving edits of reading-comprehension items (invariance tests).

* ``question_paraphrase``: the question replaced by the item's own paraphrase (the
  data's ``question_paraphrase`` column, written by hand with the same meaning);
* ``sentence_shuffle``: the passage's sentences in another (seeded) order, only for
  passages whose data says ``order_matters: false``, and only in blocks that keep every
  reference after what it points to (harness/transforms/sentence_blocks.py: the opening
  sentence stays first, "She said ..." stays after the sentence naming her); a passage
  whose references cannot be kept is not shuffled, and counted with the reason. Gold
  answer offsets follow.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from typing import ClassVar

from pydantic import Field

from harness import options as schema
from harness.core import Example
from harness.transforms._common import Draft, build_variants
from harness.transforms.base import Variants
from harness.transforms.sentence_blocks import layout


class QuestionParaphraseTransform:
    """The question asked in other words, from the item's ``question_paraphrase``."""

    description: ClassVar[str] = (
        "the question replaced by the item's own paraphrase (question_paraphrase)"
    )

    class Options(schema.Options):
        meta_key: str = "question_paraphrase"

    def apply(
        self, example: Example, options: Options, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        paraphrase = example.meta.get(options.meta_key)
        if not isinstance(paraphrase, str) or not paraphrase.strip() or "question" not in fields:
            return []
        draft = Draft(0, {"question": paraphrase}, f"question asked as {paraphrase!r}")
        return build_variants(example, "question_paraphrase", options, [draft])


def move_answers(answers: object, old_context: str, new_context: str) -> object:
    """Gold answers with offsets into ``new_context`` (same text, first occurrence after
    the sentence that held it moved); unchanged when the target is not a span list."""
    if not isinstance(answers, list):
        return answers
    moved = []
    for answer in answers:
        text = answer["text"]
        sentence_start = old_context.rfind(". ", 0, answer["start"]) + 2
        sentence = old_context[max(sentence_start, 0) : answer["start"] + len(text)]
        anchor = new_context.find(sentence)
        start = new_context.find(text, anchor) if anchor >= 0 else new_context.find(text)
        moved.append({"text": text, "start": start})
    return moved


class SentenceShuffleTransform:
    """The passage's blocks of sentences reordered, where the data says order does not
    matter and no reference breaks (harness/transforms/sentence_blocks.py)."""

    description: ClassVar[str] = (
        "passage sentences reordered where the data says order does not matter"
    )

    class Options(schema.Options):
        n_variants: int = Field(default=1, ge=1, le=10)
        order_key: str = "order_matters"

    def apply(
        self, example: Example, options: Options, rng: random.Random, fields: Sequence[str]
    ) -> list[Example]:
        from harness.tasks.passages import split_sentences

        # Only where the data vouches that reordering keeps the meaning.
        if example.meta.get(options.order_key) is not False or "context" not in fields:
            return []
        context = str(example.fields["context"])
        sentences = [s.text for s in split_sentences(context)]
        cut = layout(sentences)
        if cut.reason is not None:
            return Variants([], Counter({cut.reason: 1}))  # counted as rejected, with why
        numbers: list[list[int]] = []
        position = len(cut.head)
        for block in cut.blocks:
            numbers.append(list(range(position, position + len(block))))
            position += len(block)
        drafts = []
        for index in range(options.n_variants):
            order = list(range(len(cut.blocks)))
            for _ in range(10):
                rng.shuffle(order)
                if order != sorted(order):
                    break
            moved = [n for i in order for n in numbers[i]]
            sequence = [*range(len(cut.head)), *moved, *range(position, len(sentences))]
            shuffled = " ".join(sentences[i] for i in sequence)
            target = move_answers(example.target, context, shuffled)
            if isinstance(target, list) and any(a["start"] < 0 for a in target):
                continue
            description = "sentence order " + ",".join(str(i + 1) for i in sequence)
            drafts.append(Draft(index, {"context": shuffled}, description, target))
        return build_variants(example, "sentence_shuffle", options, drafts)
