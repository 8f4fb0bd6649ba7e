"""Prompted classification: label probabilities from ``Loglikelihood`` requests.

    example ──shots + template──▶ prompt ──Loglikelihood(prompt, word) per verbalizer──▶ LLs
            ──Σ_w P(w) per label, normalised──▶ label probabilities (what every metric reads)
            ──variants, PMI, contextual calibration──▶ per-item scores (harness.tasks.prompting.variants)

This is the ``LabelScorer`` the classification task uses for a model that serves
``loglikelihood`` but not ``classify``: any such adapter works (hf-causal, a masked
LM, a served model, a ``python:`` callable). Requests that ask the same thing
(the unconditional prompt, the content-free prompts) are sent once by the predictor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from harness.core import Example
from harness.errors import PromptError
from harness.requests import LOGLIKELIHOOD, Loglikelihood
from harness.tasks.label_scores import LabelScores
from harness.tasks.prompting.shots import ShotPlan
from harness.tasks.prompting.templates import PromptTemplate, check_verbalizers
from harness.tasks.prompting.variants import (
    CONTENT_FREE,
    argmax,
    calibrate,
    content_free_distribution,
    normalise_log_scores,
    variant_scores,
)

#: Between demonstrations, and between the last one and the item (lm-eval's default).
SHOT_DELIMITER = "\n\n"


@dataclass(frozen=True)
class Prompt:
    """A template, its verbalizers for the suite's labels, and optional demonstrations."""

    template: PromptTemplate
    labels: tuple[str, ...]
    verbalizers: Mapping[str, tuple[str, ...]]
    shots: ShotPlan | None = None
    calibrate: bool = True

    def __post_init__(self) -> None:
        check_verbalizers(self.verbalizers, self.labels, f"prompt '{self.template.name}'")

    def demonstrations_text(self, item: Example | None) -> str:
        if self.shots is None or not self.shots.slots:
            return ""
        parts = []
        for shot in self.shots.demonstrations(item):
            label = str(shot.target)
            parts.append(self.template.render(shot.fields) + self.verbalizers[label][0])
        return SHOT_DELIMITER.join(parts) + SHOT_DELIMITER

    def text(self, example: Example) -> str:
        """The exact prompt of ``example``: demonstrations, then the item."""
        return self.demonstrations_text(example) + self.template.render(example.fields)

    def content_free_texts(self) -> list[str]:
        """The content-free prompts: every field of the template set to "N/A", "", "[MASK]"."""
        prefix = self.demonstrations_text(None)
        required = self.template.fields - self.template.optional
        return [
            prefix + self.template.render({name: value for name in required})
            for value in CONTENT_FREE
        ]

    def words(self) -> list[tuple[str, str]]:
        return [(label, word) for label in self.labels for word in self.verbalizers[label]]


class PromptedLabelScorer:
    """A ``LabelScorer`` that asks a language model for verbalizer log-likelihoods."""

    request_kinds: tuple[str, ...] = (LOGLIKELIHOOD,)

    def __init__(self, prompt: Prompt) -> None:
        self.prompt = prompt

    def model_labels(self, model: Any) -> Sequence[str]:
        return list(self.prompt.labels)

    def _requests(self, context: str, example_id: str) -> list[Loglikelihood]:
        return [
            Loglikelihood(context=context, continuation=word, example_id=example_id)
            for _, word in self.prompt.words()
        ]

    def _table(self, answers: Sequence[Any], key: str) -> dict[str, dict[str, Any]]:
        table: dict[str, dict[str, Any]] = {label: {} for label in self.prompt.labels}
        for (label, word), answer in zip(self.prompt.words(), answers, strict=True):
            if key in answer:
                table[label][word] = answer[key]
        return table

    def probabilities(
        self, examples: Sequence[Example], runner: Any, description: str
    ) -> list[LabelScores]:
        prompt = self.prompt
        texts = [prompt.text(example) for example in examples]
        n_words = len(prompt.words())
        requests = [
            request
            for example, text in zip(examples, texts, strict=True)
            for request in self._requests(text, example.id)
        ]
        unconditional_at = len(requests)
        requests += self._requests(prompt.template.unconditional, "unconditional")
        content_free_at = len(requests)
        if prompt.calibrate:
            for text in prompt.content_free_texts():
                requests += self._requests(text, "content-free")
        answers = runner.run(requests, description=description)
        unconditional = {
            word: float(answer["loglikelihood"])
            for (_, word), answer in zip(
                prompt.words(), answers[unconditional_at:content_free_at], strict=True
            )
        }
        p_cf = None
        if prompt.calibrate:
            distributions = []
            for start in range(content_free_at, len(answers), n_words):
                table = self._table(answers[start : start + n_words], "loglikelihood")
                distributions.append(normalise_log_scores(variant_scores(table)["acc"]))
            p_cf = content_free_distribution(distributions)
        rows = []
        for index, text in enumerate(texts):
            chunk = answers[index * n_words : (index + 1) * n_words]
            lls = {
                label: {word: float(ll) for word, ll in words.items()}
                for label, words in self._table(chunk, "loglikelihood").items()
            }
            tokens = self._table(chunk, "tokens")
            complete_tokens = all(len(tokens[label]) == len(lls[label]) for label in lls)
            variants = variant_scores(
                lls, tokens=tokens if complete_tokens else None, unconditional=unconditional
            )
            probabilities = normalise_log_scores(variants["acc"])
            raw: dict[str, Any] = {
                "loglikelihoods": lls,
                "variants": {
                    name: prompt.labels[argmax(scores)] for name, scores in variants.items()
                },
            }
            if p_cf is not None:
                raw["content_free"] = dict(zip(prompt.labels, p_cf, strict=True))
                raw["calibrated"] = dict(
                    zip(prompt.labels, calibrate(probabilities, p_cf), strict=True)
                )
            rows.append(
                LabelScores(
                    probabilities=probabilities,
                    raw=raw,
                    request={
                        "prompt": text,
                        "template": prompt.template.name,
                        "continuations": [word for _, word in prompt.words()],
                    },
                )
            )
        return rows


def resolve_verbalizers(
    template: PromptTemplate, override: Mapping[str, Any] | None
) -> dict[str, tuple[str, ...]]:
    """The template's verbalizers, or the suite's ``verbalizers:`` in their place."""
    if not override:
        return dict(template.verbalizers)
    result = {}
    for label, words in override.items():
        values = [words] if isinstance(words, str) else list(words)
        if not values:
            raise PromptError(f"verbalizers of '{label}' must be a word or a list of words")
        result[str(label)] = tuple(str(word) for word in values)
    return result


def check_template_fields(template: PromptTemplate, input_fields: Sequence[str]) -> None:
    """A template that reads a field the task's items lack: one line with file and line."""
    missing = sorted(template.fields - set(input_fields) - template.optional)
    if missing:
        line = "?"
        for number, text in enumerate(template.path.read_text(encoding="utf-8").splitlines(), 1):
            if missing[0] in text and "{" in text:
                line = str(number)
                break
        raise PromptError(
            f"{template.path}:{line}: the template uses field '{missing[0]}', which the task's "
            f"items lack (their fields: {', '.join(input_fields)})"
        )


def make_prompt(
    template_name: str,
    *,
    labels: Sequence[str],
    input_fields: Sequence[str],
    verbalizers: Mapping[str, Any] | None = None,
    shots: Any = None,
    calibrate_probabilities: bool = True,
    base_dir: Any = None,
    load_examples: Any = None,
) -> Prompt:
    """A ``Prompt`` from a suite's settings; ``shots`` is a ``ShotsOptions`` (or None)."""
    from harness.tasks.prompting.shots import plan_shots
    from harness.tasks.prompting.templates import load_template

    template = load_template(template_name, base_dir)
    check_template_fields(template, input_fields)
    plan = None
    if shots is not None and shots.k > 0:
        if load_examples is None:
            raise PromptError("shots need a data source loader; run the suite through harness run")
        from harness.data.base import validate_data_spec
        from harness.options import SourceMap

        data = validate_data_spec(
            shots.source, ("task_options", "shots", "source"), SourceMap(None)
        )
        plan = plan_shots(shots, load_examples(data), labels)
    return Prompt(
        template=template,
        labels=tuple(labels),
        verbalizers=resolve_verbalizers(template, verbalizers),
        shots=plan,
        calibrate=calibrate_probabilities,
    )
