"""Batched, cached answers to typed requests: the runner's only path to a model.

    requests ──dedupe──▶ cache lookup ──batches (similar sizes)──▶ model.<kind>(batch)
             ──check──▶ cache (one transaction per batch) ──▶ JSON responses, in order

Requests of one kind that ask the same thing (equal payloads) are sent once. The
batches are cut from *all* distinct requests of a call, cached or not, sorted by
size; a batch with anything missing is computed whole. So a batch's composition —
and with it every floating-point result — does not depend on what was cached before
(a cache warmed by an interrupted run gives the numbers a cold run gives). An
adapter whose answers do not depend on their batch at all (``batch_invariant``: a
served model, one HTTP request per answer) is sent only what the cache lacks.

An adapter that cannot reach its model (a served model whose server keeps failing
after retries) raises ``InfraError`` for a batch, or answers ``{"infra_error": why}``
for one request. Such a request gets a well-formed stand-in answer marked
``infra_error`` (``harness.requests.infra_error_answer``), is never cached, and
``TaskPredictor`` marks the prediction of every example it belongs to; scoring then
keeps those items out of every metric (``harness.execution.answered``).

Every answer is checked before it is used or stored (``Request.check_response``):
NaN, infinite or non-normalised probabilities, vectors of the wrong length and
missing answers are errors naming the model and the first bad item. A cached answer
that fails the check is computed again.

``TaskPredictor`` puts a task in front: ``predict(examples) -> Predictions``, which
is what test kinds call.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from harness.cache import ResponseCache, warn
from harness.core import Example, Prediction
from harness.errors import HarnessError, InfraError, ModelError
from harness.predictor.executors.base import BatchExecutor, LocalExecutor
from harness.requests import (
    CLASSIFY,
    EXTRACT_SPAN,
    GENERATE,
    LOGLIKELIHOOD,
    Request,
    infra_error_answer,
    infra_error_of,
)

ProgressFactory = Callable[[str, int], Any]


def model_name(model: Any) -> str:
    description = model.describe()
    return str(description.get("spec") or description.get("name") or "?")


def _call_model(model: Any, kind: str, batch: Sequence[Request]) -> list[Any]:
    """Send one batch to the adapter method for ``kind``; JSON-ready answers in order.

    A model that raises (a user's callable, a server that is down) or answers with the
    wrong shape is a ``ModelError`` naming the model and the batch, never a traceback.
    """
    try:
        return _call_model_unchecked(model, kind, batch)
    except (HarnessError, KeyboardInterrupt, MemoryError):
        raise
    except Exception as error:
        first = getattr(batch[0], "example_id", None) if batch else None
        where = f" (a batch of {len(batch)} starting with '{first}')" if first else ""
        raise ModelError(
            f"model '{model_name(model)}' failed on '{kind}' requests{where}: "
            f"{type(error).__name__}: {error}"
        ) from error


def _call_model_unchecked(model: Any, kind: str, batch: Sequence[Request]) -> list[Any]:
    if kind == CLASSIFY:
        examples = [request.example for request in batch]  # type: ignore[attr-defined]
        probabilities = np.asarray(model.classify(examples), dtype=float)
        flags = getattr(model, "last_truncated", None)
        if flags is None or len(flags) != len(batch):
            flags = [False] * len(batch)
        if probabilities.ndim != 2 or probabilities.shape[0] != len(batch):
            raise ModelError(
                f"model '{model_name(model)}' returned {probabilities.shape[0] if probabilities.ndim else 0} "
                f"answers for {len(batch)} examples"
            )
        return [
            {"probabilities": [float(p) for p in row], "truncated": bool(flag)}
            for row, flag in zip(probabilities, flags, strict=True)
        ]
    method = getattr(model, kind, None)
    if method is None:
        raise ModelError(f"model '{model_name(model)}' does not serve '{kind}' requests")
    answers = list(method(list(batch)))
    if len(answers) != len(batch):
        raise ModelError(
            f"model '{model_name(model)}' returned {len(answers)} answers for {len(batch)} "
            f"'{kind}' requests"
        )
    return [_as_json(kind, answer) for answer in answers]


def _as_json(kind: str, answer: Any) -> Any:
    """Adapters may answer in the natural Python form; the cache stores one JSON form."""
    if kind == LOGLIKELIHOOD and isinstance(answer, tuple | list) and len(answer) == 2:
        return {"loglikelihood": answer[0], "is_greedy": bool(answer[1])}
    if kind == LOGLIKELIHOOD and isinstance(answer, int | float) and not isinstance(answer, bool):
        return {"loglikelihood": float(answer), "is_greedy": False}
    if kind == GENERATE and isinstance(answer, str):
        return {"text": answer}
    if kind == EXTRACT_SPAN and isinstance(answer, str):
        return {"text": answer, "start": None, "end": None, "score": 0.0}
    return answer


def answer_batch(model: Any, kind: str, batch: Sequence[Request]) -> list[Any]:
    """One batch's answers, computed here: what every executor runs (in its own process).

    An ``InfraError`` for the batch becomes an ``infra_error`` answer per request.
    """
    try:
        return _call_model(model, kind, batch)
    except InfraError as error:
        return [{"infra_error": str(error)} for _ in batch]


class RequestRunner:
    """``run(requests) -> responses`` over any adapter, cached by (fingerprint, kind, payload)."""

    def __init__(
        self,
        model: Any,
        *,
        cache: ResponseCache | None = None,
        progress: ProgressFactory | None = None,
        executor: BatchExecutor | None = None,
    ) -> None:
        self.model = model
        # Where batches the cache lacks are computed (harness.predictor.executors); this process by default.
        self.executor: BatchExecutor = executor or LocalExecutor()
        self.cacheable = bool(getattr(model, "cacheable", True))
        self.cache = cache if self.cacheable else None
        self.progress = progress
        #: Requests answered from the cache / computed by the model (distinct payloads).
        self.cached = 0
        self.computed = 0
        #: Distinct requests whose input the model truncated.
        self.truncated = 0
        #: Distinct requests that failed outside the model (after the adapter's retries).
        self.infra_errors = 0
        #: example id -> why a request of that example failed, since ``take_failures``.
        self._failures: dict[str, str] = {}

    def take_failures(self) -> dict[str, str]:
        """The examples whose requests failed outside the model since the last call."""
        failures, self._failures = self._failures, {}
        return failures

    def _stand_in(self, request: Request, answer: Any) -> Any | None:
        """The marked stand-in for an infrastructure-error answer, or None for an answer."""
        problem = infra_error_of(answer)
        if problem is None:
            return None
        self.infra_errors += 1
        return infra_error_answer(request, problem, len(getattr(self.model, "labels", ()) or ()))

    def _call(self, kind: str, batch: Sequence[Request]) -> list[Any]:
        return answer_batch(self.model, kind, batch)

    def _record_failures(self, requests: Sequence[Request], responses: Sequence[Any]) -> None:
        for request, response in zip(requests, responses, strict=True):
            problem = infra_error_of(response)
            if problem is not None:
                self._failures.setdefault(request.example_id, problem)

    def run(self, requests: Sequence[Request], description: str = "") -> list[Any]:
        """The model's JSON answer to each request, in the order given."""
        if not self.cacheable:
            # Precomputed answers are looked up by example id, not by payload.
            by_kind: dict[str, list[int]] = defaultdict(list)
            for position, request in enumerate(requests):
                by_kind[request.kind].append(position)
            answers: dict[int, Any] = {}
            for kind, positions in by_kind.items():
                batch = [requests[i] for i in positions]
                for position, request, answer in zip(
                    positions, batch, self._call(kind, batch), strict=True
                ):
                    stand_in = self._stand_in(request, answer)
                    if stand_in is None:
                        self._check(request, answer)
                    answers[position] = answer if stand_in is None else stand_in
            responses = [answers[i] for i in range(len(requests))]
            self.cached += len(requests)
            self._record_failures(requests, responses)
            return responses
        keys = [request.key() for request in requests]
        known: dict[tuple[str, str], Any] = {}
        by_kind_keys: dict[str, dict[str, Request]] = defaultdict(dict)
        for key, request in zip(keys, requests, strict=True):
            by_kind_keys[request.kind].setdefault(key, request)
        for kind, distinct in by_kind_keys.items():
            known.update(
                ((kind, key), value) for key, value in self._answer(kind, distinct, description)
            )
        responses = [
            known[(request.kind, key)] for key, request in zip(keys, requests, strict=True)
        ]
        self._record_failures(requests, responses)
        return responses

    def _check(self, request: Request, answer: Any) -> None:
        problem = request.check_response(answer, self.model)
        if problem is not None:
            raise ModelError(
                f"model '{model_name(self.model)}' returned {problem} for example "
                f"'{request.example_id or '?'}'"
            )

    def _answer(
        self, kind: str, distinct: dict[str, Request], description: str
    ) -> list[tuple[str, Any]]:
        """Answers for ``key -> request`` of one kind: cached ones, then batches of the rest."""
        cached = self.cache.get_many(kind, list(distinct)) if self.cache is not None else {}
        usable: dict[str, Any] = {}
        stale = 0
        for key, value in cached.items():
            if distinct[key].check_response(value, self.model) is None:
                usable[key] = value
            else:
                stale += 1
        if stale and self.cache is not None:
            warn(f"{self.cache.path}: {stale} cached answers failed their check; computing again")
        # Adapters that batch forward passes themselves (grouping requests by shared
        # context) take more requests per call than they run per pass.
        batch_size = max(
            1,
            int(
                getattr(self.model, "request_batch_size", None)
                or getattr(self.model, "batch_size", 32)
                or 32
            ),
        )
        ordered = sorted(distinct.items(), key=lambda entry: entry[1].size())
        if getattr(self.model, "batch_invariant", False):
            # Each answer is computed on its own (a served model: one HTTP request each),
            # so only what is missing is sent; nothing depends on batch composition.
            ordered = [(key, request) for key, request in ordered if key not in usable]
        batches = [
            ordered[start : start + batch_size] for start in range(0, len(ordered), batch_size)
        ]
        to_compute = [batch for batch in batches if any(key not in usable for key, _ in batch)]
        missing = sum(1 for batch in to_compute for key, _ in batch if key not in usable)
        self.cached += len(usable)
        # A bar per query of a few examples (an attack's probes) would only flood stderr.
        bar = None
        if self.progress is not None and missing > batch_size:
            bar = self.progress(description, missing)
        try:
            # The executor may finish batches in any order; each is stored as it arrives.
            for index, answers in self.executor.map_batches(
                kind, [[request for _, request in batch] for batch in to_compute], self._call
            ):
                batch = to_compute[index]
                fresh = []
                for (key, request), answer in zip(batch, answers, strict=True):
                    stand_in = self._stand_in(request, answer) if key not in usable else None
                    if stand_in is not None:
                        # Never cached: the next run asks again.
                        usable[key] = stand_in
                        continue
                    if infra_error_of(answer) is not None:
                        continue  # a cached answer of this batch is still good
                    self._check(request, answer)
                    if key not in usable:
                        usable[key] = answer
                        fresh.append((key, answer))
                if self.cache is not None:
                    self.cache.put_many(kind, fresh)
                self.computed += len(fresh)
                if bar is not None:
                    bar.update(len(fresh))
        finally:
            if bar is not None:
                bar.close()
        # Any kind of answer may say its input was cut to fit the model.
        self.truncated += sum(
            1 for key in distinct if isinstance(usable[key], dict) and usable[key].get("truncated")
        )
        return list(usable.items())


class TaskPredictor:
    """``predict(examples) -> Predictions`` for one task: what test kinds call."""

    def __init__(self, task: Any, runner: RequestRunner) -> None:
        self.task = task
        self.runner = runner

    @property
    def model(self) -> Any:
        return self.runner.model

    def predict(self, examples: Sequence[Example], description: str = "") -> list[Prediction]:
        take_failures = getattr(self.runner, "take_failures", None)
        if take_failures is not None:
            take_failures()  # failures of an earlier call belong to that call
        predictions = self.task.predict(examples, self.runner, description)
        failures = take_failures() if take_failures is not None else {}
        if not failures:
            return predictions
        return [
            replace(prediction, infra_error=failures[prediction.example_id])
            if prediction.example_id in failures
            else prediction
            for prediction in predictions
        ]
