"""``check_model_adapter``: the model-adapter contract (``harness.models.base``), checked.

from harness.testing import check_model_adapter
check_model_adapter("my-adapter:./checkpoint")          # a spec, as --model takes it
check_model_adapter(ModelSpec.parse("my-adapter:x", {"batch_size": 4}), context=...)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from harness.core import Example
from harness.errors import ModelError
from harness.models.base import (
    ModelContext,
    ModelOptions,
    ModelSpec,
    declared_serves,
    load_model,
)
from harness.predictor import RequestRunner
from harness.registry import MODELS
from harness.requests import (
    REQUEST_KINDS,
    Classify,
    ExtractSpan,
    Generate,
    Loglikelihood,
    ScoreChoices,
    served_kinds,
)
from harness.testing._check import described, require, strict_options

__all__ = ["NLI_CONTEXT", "NLI_EXAMPLES", "NLI_LABELS", "PROBES", "check_model_adapter"]

NLI_LABELS = ("entailment", "neutral", "contradiction")
_PAIRS = [
    ("A man is playing a guitar on stage.", "A man is playing music."),
    ("Two dogs run across a field.", "No animals are outside."),
    ("A woman slices an onion.", "A woman is cooking for her family."),
    ("The children are asleep.", "The children are not awake."),
    ("A cyclist climbs a steep hill.", "Someone is riding a bicycle."),
    ("The market is crowded today.", "Nobody is at the market."),
]
#: Six NLI pairs, one label each in turn.
NLI_EXAMPLES = [
    Example(id=f"c{i}", fields={"premise": p, "hypothesis": h}, target=NLI_LABELS[i % 3])
    for i, (p, h) in enumerate(_PAIRS)
]
#: An NLI suite's context, with pickles allowed (a scikit-learn pipeline the check built).
NLI_CONTEXT = ModelContext(
    task="nli", labels=NLI_LABELS, input_fields=("premise", "hypothesis"), seed=0, allow_pickle=True
)

#: Requests of each kind, to ask an adapter for each kind it serves.
PROBES: dict[str, list[Any]] = {
    "classify": [Classify(example=e, example_id=e.id) for e in NLI_EXAMPLES],
    # Non-empty contexts: a served model gives no log-probability for a prompt's first
    # token (its adapter refuses an empty context in one line, docs/served-models.md).
    "loglikelihood": [
        Loglikelihood(context="A man is playing", continuation=" a guitar", example_id="l1"),
        Loglikelihood(context="Two", continuation=" dogs run.", example_id="l2"),
    ],
    "generate": [Generate(prompt="A man is", max_tokens=3, stop=("\n",), example_id="g1")],
    "extract_span": [
        ExtractSpan(
            context="The ferry leaves at noon from the northern pier.",
            question="When does the ferry leave?",
            example_id="s1",
        )
    ],
    "score_choices": [
        ScoreChoices(
            context="Owen sold his bicycle and bought a kayak.",
            question="What did Owen buy?",
            choices=("a bicycle", "a kayak", "a tent"),
            example_id="c1",
        )
    ],
}


def check_model_adapter(
    spec: ModelSpec | str,
    *,
    context: ModelContext = NLI_CONTEXT,
    probes: Mapping[str, Sequence[Any]] = PROBES,
) -> None:
    """Check the adapter ``spec`` names (``kind:target`` as ``--model`` takes it).

    Its factory describes itself and declares a ``ModelOptions`` model that refuses a
    misspelt option in one line with a did-you-mean; two adapters built from ``spec``
    have the same fingerprint (a string of at least 16 characters) and a name; it serves
    known request kinds, and for each one answers ``probes`` with answers that pass the
    predictor's checks, the same from both (deterministic); a classifier's probabilities
    sum to one. Raises ``AssertionError`` naming what is wrong (or the adapter's own
    ``ModelError`` when it cannot be built).
    """
    spec = ModelSpec.parse(spec) if isinstance(spec, str) else spec
    component = f"model adapter '{spec.kind}'"
    factory = MODELS.get(spec.kind)
    described(MODELS, spec.kind, component)
    options = getattr(factory, "Options", None)
    require(
        isinstance(options, type) and issubclass(options, ModelOptions),
        component,
        "its factory declares a ModelOptions model (harness.models.base.declare_options)",
    )
    strict_options(options, component)
    misspelt = ModelSpec(kind=spec.kind, target=spec.target or "x", options={"batchsize": 8})
    try:
        load_model(misspelt, context)
    except ModelError as error:
        message = str(error)
        require(
            "unknown option 'batchsize'" in message and "did you mean 'batch_size'" in message,
            component,
            f"a misspelt option must be named with a did-you-mean, got: {message}",
        )
        require("\n" not in message, component, "an option error is one line")
    else:
        raise AssertionError(f"{component}: a misspelt option 'batchsize' was accepted")
    first, second = load_model(spec, context), load_model(spec, context)
    fingerprint = first.fingerprint()
    require(
        isinstance(fingerprint, str) and len(fingerprint) >= 16,
        component,
        "fingerprint() is a string of at least 16 characters (everything that changes answers)",
    )
    require(
        second.fingerprint() == fingerprint, component, "the same spec gives the same fingerprint"
    )
    require(first.describe().get("name"), component, "describe() gives a name")
    served = served_kinds(first)
    require(
        served and served <= set(REQUEST_KINDS),
        component,
        f"serves request kinds from {sorted(REQUEST_KINDS)}, got {sorted(served)}",
    )
    # validate and doctor check a suite against what the factory declares: it must be
    # what the adapter serves once loaded.
    declared = declared_serves(factory, spec, context)
    require(
        declared is None or declared == served,
        component,
        f"declares it serves {sorted(declared or ())} (declare_options(serves=...)) "
        f"but serves {sorted(served)} once loaded",
    )
    for kind in sorted(served):
        requests = list(probes[kind])
        answers = RequestRunner(first).run(requests)  # checks every answer
        require(
            answers == RequestRunner(second).run(requests),
            component,
            f"the same {kind} requests get the same answers",
        )
        if kind == "classify":
            for answer in answers:
                require(
                    math.isclose(sum(answer["probabilities"]), 1.0, abs_tol=1e-4),
                    component,
                    "classify probabilities sum to one",
                )
