"""``rc-reference``: a reading-comprehension BASELINE that runs offline on a fresh machine.

Built on the packaged all-MiniLM-L6-v2 encoder (``harness.models.reference``); no
training. It is a floor to compare real models against, and it is shown as a
reference model in reports.

Extractive questions (``extract_span``):

1. split the passage into sentences (offsets kept) and pick the sentence whose
   embedding is closest to the question's (cosine), plus ``overlap_weight`` × the
   share of the question's content words the sentence contains;
2. guess the answer type from the question's wh-phrase (who → person, when / what
   year → date, how many / how much → number, where → location, else thing);
3. in that sentence, take the candidates of that type (numbers, dates, capitalised
   name runs; for things, runs of content words) that do not repeat the question,
   and answer the one nearest to the words the sentence shares with the question;
4. answer nothing when the best sentence's similarity is below
   ``no_answer_threshold``; ``no_answer_probability`` = 1 − similarity, for the
   oracle threshold sweep.

Multiple choice (``score_choices``): each option scores the cosine between
"question + option" and the retrieved sentence, plus 1 when the option's text occurs
in that sentence.

Options: ``no_answer_threshold`` (0.35), ``overlap_weight`` (0.5), ``batch_size``,
``device``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import Field

from harness.errors import ModelSpecError
from harness.models.base import (
    ModelContext,
    ModelOptions,
    ModelSpec,
    declare_options,
    refuse_target,
)
from harness.models.common import adapter_description, option_int, sha256_file, sha256_json
from harness.models.reference import (
    SentenceEncoder,
    encoder_directory,
    packaged_encoder_resources,
)
from harness.requests import EXTRACT_SPAN, SCORE_CHOICES, ExtractSpan, ScoreChoices
from harness.tasks.passages import (
    STOP,
    WORD,
    Sentence,
    answer_type,
    content_words,
    split_sentences,
)


def code_fingerprint() -> str:
    """Hash of the code that decides the answers: this module and the passage helpers.

    A change to either rule set invalidates cached answers, as a changed model file would.
    """
    from harness.tasks import passages

    return sha256_json(
        {Path(path).name: sha256_file(Path(path)) for path in (__file__, passages.__file__)}
    )


NAME = "rc-reference baseline (all-MiniLM-L6-v2 sentence retrieval + typed span rules)"

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(
    rf"\b(?:(?:\d{{1,2}} )?(?:{MONTHS})(?: \d{{1,2}})?(?:,? \d{{4}})?|"
    r"(?:in |the )?(?:1[0-9]{3}|20[0-9]{2})s?|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
)
NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    "thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|dozen|half"
)
NUMBER = re.compile(
    rf"(?:[$£€]\s?)?\b(?:\d[\d,]*(?:\.\d+)?|(?:{NUMBER_WORDS})(?:[ -](?:{NUMBER_WORDS}))*)\b%?",
    re.IGNORECASE,
)
NAME_RUN = re.compile(r"\b[A-Z][a-zA-Z'’\-]+(?:\s+(?:of\s+|de\s+|van\s+)?[A-Z][a-zA-Z'’\-]+)*")


def candidates(sentence: str, kind: str, question_words: set[str]) -> list[tuple[int, int]]:
    """Character spans in ``sentence`` that could answer a question of type ``kind``."""
    patterns = {"number": NUMBER, "date": DATE}
    spans: list[tuple[int, int]] = []
    if kind in patterns:
        spans = [m.span() for m in patterns[kind].finditer(sentence)]
    elif kind in ("person", "location", "organization"):
        spans = [m.span() for m in NAME_RUN.finditer(sentence) if m.start() > 0 or " " in m.group()]
    if not spans:
        # Things, and typed questions with no typed candidate: runs of content words.
        run_start = None
        words = list(WORD.finditer(sentence))
        for index, match in enumerate(words):
            word = match.group().lower()
            inside = word not in STOP and word not in question_words
            if inside and run_start is None:
                run_start = match.start()
            last = index == len(words) - 1
            if run_start is not None and (not inside or last):
                end = match.end() if inside else words[index - 1].end()
                spans.append((run_start, end))
                run_start = None
    return [(s, e) for s, e in spans if e > s]


class ReadingReferenceModel:
    """The reading-comprehension baseline; see the module docstring."""

    cacheable = True
    serves = (EXTRACT_SPAN, SCORE_CHOICES)

    def __init__(
        self,
        encoder: SentenceEncoder,
        *,
        no_answer_threshold: float = 0.35,
        overlap_weight: float = 0.5,
        spec: str = "rc-reference",
    ) -> None:
        self.encoder = encoder
        self.no_answer_threshold = no_answer_threshold
        self.overlap_weight = overlap_weight
        self.spec = spec
        self.truncated_count = 0

    @property
    def batch_size(self) -> int:
        return self.encoder.batch_size

    def fingerprint(self) -> str:
        return sha256_json(
            {
                "adapter": "rc-reference/1",
                "code": code_fingerprint(),
                "encoder": self.encoder.fingerprint(),
                "no_answer_threshold": self.no_answer_threshold,
                "overlap_weight": self.overlap_weight,
            }
        )

    def describe(self) -> dict[str, Any]:
        return adapter_description(
            "rc-reference",
            NAME,
            self.spec,
            "BASELINE, not a QA model: retrieves the passage sentence closest to the "
            "question (all-MiniLM-L6-v2 cosine + word overlap) and copies the nearest "
            "span of the guessed answer type; options scored against that sentence",
            is_reference=True,
            no_answer_threshold=self.no_answer_threshold,
            overlap_weight=self.overlap_weight,
        )

    def _embeddings(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        unique = sorted(set(texts))
        vectors = self.encoder.encode(unique)
        return dict(zip(unique, vectors, strict=True))

    def _retrieve(
        self, question: str, sentences: list[Sentence], vectors: Mapping[str, np.ndarray]
    ) -> tuple[Sentence, float]:
        words = content_words(question)
        best, best_score, best_similarity = sentences[0], -np.inf, 0.0
        for sentence in sentences:
            similarity = float(vectors[question] @ vectors[sentence.text])
            overlap = len(words & content_words(sentence.text)) / max(len(words), 1)
            score = similarity + self.overlap_weight * overlap
            if score > best_score:
                best, best_score, best_similarity = sentence, score, similarity
        return best, best_similarity

    def extract_span(self, requests: Sequence[ExtractSpan]) -> list[dict[str, Any]]:
        per_request = [split_sentences(r.context) or [Sentence(0, 0, "")] for r in requests]
        texts = [r.question for r in requests] + [s.text for ss in per_request for s in ss]
        vectors = self._embeddings(texts)
        answers = []
        for request, sentences in zip(requests, per_request, strict=True):
            sentence, similarity = self._retrieve(request.question, sentences, vectors)
            span = self._span(request.question, sentence)
            no_answer = 1.0 - similarity
            if span is None:
                answers.append(
                    {"text": "", "start": None, "end": None, "score": similarity,
                     "no_answer_probability": 1.0, "best_span_text": ""}
                )  # fmt: skip
                continue
            start, end = sentence.start + span[0], sentence.start + span[1]
            text = request.context[start:end]
            abstain = similarity < self.no_answer_threshold
            answers.append(
                {
                    "text": "" if abstain else text,
                    "start": None if abstain else start,
                    "end": None if abstain else end,
                    "score": similarity,
                    "no_answer_probability": no_answer,
                    "best_span_text": text,
                }
            )
        return answers

    @staticmethod
    def _span(question: str, sentence: Sentence) -> tuple[int, int] | None:
        words = content_words(question)
        found = candidates(sentence.text, answer_type(question), words)
        found = [(s, e) for s, e in found if not content_words(sentence.text[s:e]) <= words]
        if not found:
            return None
        anchors = [
            m.start() for m in WORD.finditer(sentence.text) if m.group().lower() in words
        ] or [0]

        def distance(span: tuple[int, int]) -> tuple[int, int]:
            return (min(abs(span[0] - a) for a in anchors), span[0])

        return min(found, key=distance)

    def score_choices(self, requests: Sequence[ScoreChoices]) -> list[dict[str, Any]]:
        per_request = [split_sentences(r.context) or [Sentence(0, 0, "")] for r in requests]
        texts = [r.question for r in requests] + [s.text for ss in per_request for s in ss]
        texts += [f"{r.question} {choice}" for r in requests for choice in r.choices]
        vectors = self._embeddings(texts)
        answers = []
        for request, sentences in zip(requests, per_request, strict=True):
            sentence, _ = self._retrieve(request.question, sentences, vectors)
            scores = []
            for choice in request.choices:
                similarity = float(vectors[f"{request.question} {choice}"] @ vectors[sentence.text])
                present = choice.lower() in sentence.text.lower()
                scores.append(similarity + float(present))
            answers.append({"scores": scores})
        return answers


def load_reading_reference(spec: ModelSpec, context: ModelContext) -> ReadingReferenceModel:
    """Build the reading-comprehension baseline (no training, encoder only)."""
    options = spec.options
    encoder = SentenceEncoder(
        encoder_directory(),
        batch_size=option_int(options, "batch_size", 64),
        device=str(options.get("device", "auto")),
    )
    return ReadingReferenceModel(
        encoder,
        no_answer_threshold=float(options.get("no_answer_threshold", 0.35)),
        overlap_weight=float(options.get("overlap_weight", 0.5)),
        spec=str(spec),
    )


class ReadingReferenceOptions(ModelOptions):
    """Options of ``rc-reference``."""

    no_answer_threshold: float = Field(default=0.35, ge=-1, le=1)
    overlap_weight: float = Field(default=0.5, ge=0)
    device: str = "auto"

    def check_spec(self, spec: ModelSpec) -> None:
        """No target (there is one baseline) and no labels to map."""
        refuse_target(spec, "the reading-comprehension reference model")
        if self.label_map:
            raise ModelSpecError(
                "the reading-comprehension reference model answers with spans and has no "
                "labels: label_map does not apply",
                location=("label_map",),
            )


declare_options(
    load_reading_reference,
    ReadingReferenceOptions,
    description="reading-comprehension BASELINE: MiniLM sentence retrieval + typed span rules",
    resources=packaged_encoder_resources,
    serves=ReadingReferenceModel.serves,
)
