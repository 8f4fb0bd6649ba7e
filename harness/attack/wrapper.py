"""TextAttack's view of a harness model: every query goes through the harness predictor.

TextAttack's goal function calls ``wrapper(texts)`` with a batch of inputs: strings
for single-field tasks, tuples in input-field order for pairs (premise, hypothesis).
The wrapper turns them into ``Example``s and calls ``predictor.predict``, so attack
queries are batched by the adapter and cached on disk like any other prediction. A
query the model could not answer (a served model's server kept failing) raises
``InfraError``: the attack on that example stops, and only that example is lost.

This module imports TextAttack (the class must subclass its ``ModelWrapper``); import it
only when an attack runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from harness.attack.offline import import_textattack
from harness.core import Example, stable_id
from harness.errors import InfraError
from harness.execution import Predictor

import_textattack()

from textattack.models.wrappers import ModelWrapper  # noqa: E402


class PredictorModelWrapper(ModelWrapper):
    """A ``textattack`` model wrapper over a harness predictor.

    Returns probabilities in the order of ``labels`` (the suite's labels). ``queries``
    counts the inputs TextAttack asked about; ``calls`` the batches it sent.
    """

    def __init__(
        self,
        predictor: Predictor,
        input_fields: Sequence[str],
        labels: Sequence[str],
        description: str = "attack",
    ) -> None:
        self.predictor = predictor
        self.input_fields = tuple(input_fields)
        self.labels = tuple(labels)
        self.description = description
        self.model = predictor  # TextAttack reads .model in a few places (device moves)
        self.queries = 0
        self.calls = 0

    def example(self, text_input: str | Sequence[str] | Mapping[str, str]) -> Example:
        """The ``Example`` for one TextAttack input (a string, a tuple, or a mapping)."""
        if isinstance(text_input, str):
            values: tuple[str, ...] = (text_input,)
        elif isinstance(text_input, Mapping):
            values = tuple(str(text_input[name]) for name in self.input_fields)
        else:
            values = tuple(str(value) for value in text_input)
        if len(values) != len(self.input_fields):
            raise ValueError(
                f"TextAttack sent {len(values)} input fields, expected "
                f"{len(self.input_fields)} ({', '.join(self.input_fields)})"
            )
        fields = dict(zip(self.input_fields, values, strict=True))
        return Example(id=stable_id(*values), fields=fields, target=None)

    def __call__(self, text_input_list: Sequence[Any], **kwargs: Any) -> np.ndarray:
        examples = [self.example(text_input) for text_input in text_input_list]
        self.queries += len(examples)
        self.calls += 1
        predictions = self.predictor.predict(examples, description=self.description)
        for prediction in predictions:
            if prediction.infra_error is not None:
                # A stand-in answer would steer the search; the attack on this example
                # stops here and the attack kind records it as an infrastructure error.
                raise InfraError(prediction.infra_error)
        return np.array(
            [
                [float((prediction.scores or {}).get(label, 0.0)) for label in self.labels]
                for prediction in predictions
            ],
            dtype=np.float64,
        )

    def get_grad(self, text_input: Any) -> Any:
        raise NotImplementedError("the harness model path is black-box: no gradients")
