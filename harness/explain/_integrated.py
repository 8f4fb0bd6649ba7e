"""Integrated gradients, batched over items and steps, with the step count set by completeness.

Integrated gradients (Sundararajan et al., 2017) attribute ``f(x) − f(x')`` to the input
coordinates: ``IG_i = (x_i − x'_i) · ∫₀¹ ∂f/∂x_i (x' + α(x − x')) dα``.

*Completeness* says the attributions sum to ``f(x) − f(x')``; the quadrature's error
shows up as the difference ``delta = Σ IG − (f(x) − f(x'))`` (what captum calls the
convergence delta). Instead of a fixed number of steps, every item starts with
``START_STEPS`` intervals and the items whose ``|delta|`` exceeds ``TOLERANCE`` get twice
as many, up to ``MAX_STEPS``; an item still above the tolerance there is marked
``converged: false``.

The rule is Clenshaw–Curtis on ``[0, 1]`` (nodes ``(1 − cos(kπ/n)) / 2``, k = 0..n): its
nodes for ``2n`` intervals include those for ``n``, so doubling only evaluates the new
half and an item that stops at ``n`` intervals has cost ``n + 1`` gradient evaluations.
For smooth integrands it converges about as fast as Gauss–Legendre (captum's default),
whose nodes do not nest (Trefethen, "Is Gauss quadrature better than Clenshaw–Curtis?",
SIAM Review 2008).

Every round runs the new nodes of *all* its items together, cut into forward/backward
passes of at most ``MAX_TOKENS_PER_PASS`` interpolated tokens. An item's numbers do not
depend on which other items share its passes (up to float rounding): padding positions
have ``x = x'`` and get no attribution.

torch is imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

#: Completeness error allowed: |Σ attributions − (f(x) − f(baseline))|, in the units of
#: f (a probability): one percentage point.
TOLERANCE = 0.01
#: Quadrature nodes of the first round; doubled for the items above the tolerance.
START_STEPS = 8
#: The most nodes an item gets; above the tolerance there, it is marked unconverged.
MAX_STEPS = 256
#: Interpolated tokens per forward/backward pass (rows × padded length).
MAX_TOKENS_PER_PASS = 4096

#: ``forward(embeddings, items)``: the explained probability of each row, where
#: ``embeddings`` holds one (rows, length, width) tensor per input and ``items`` says
#: which item each row belongs to (so the forward can pick its mask and target).
Forward = Callable[[Sequence[Any], Any], Any]


@dataclass(frozen=True)
class Integrated:
    """Integrated gradients of one item: per-token scores for each input, and the checks."""

    tokens: list[np.ndarray]  # one array per input: the score of each position
    output: float  # f(x)
    baseline_output: float  # f(x')
    total: float  # Σ scores
    delta: float  # total − (output − baseline_output)
    steps: int
    converged: bool

    #: What an explanation keeps of it (``ItemAttribution.details``).
    DETAIL_KEYS: ClassVar[tuple[str, ...]] = (
        "output",
        "baseline_output",
        "total",
        "delta",
        "steps",
        "converged",
    )


def clenshaw_curtis(steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights of the Clenshaw–Curtis rule with ``steps`` intervals on ``[0, 1]``.

    >>> nodes, weights = clenshaw_curtis(2)  # Simpson's rule
    >>> [round(float(x), 4) for x in nodes], [round(float(w), 4) for w in weights]
    ([0.0, 0.5, 1.0], [0.1667, 0.6667, 0.1667])
    """
    n = steps
    k = np.arange(n + 1)
    nodes = (1.0 - np.cos(k * np.pi / n)) / 2.0
    weights = np.empty(n + 1)
    for index in k:
        total = 1.0
        for j in range(1, n // 2 + 1):
            b = 1.0 if 2 * j == n else 2.0
            total -= b / (4 * j * j - 1) * np.cos(2 * j * index * np.pi / n)
        weights[index] = (1.0 if index in (0, n) else 2.0) / n * total
    return nodes, weights / 2.0


def integrated_gradients(
    forward: Forward,
    inputs: Sequence[Any],
    baselines: Sequence[Any],
    *,
    tolerance: float = TOLERANCE,
    start_steps: int = START_STEPS,
    max_steps: int = MAX_STEPS,
    max_tokens: int = MAX_TOKENS_PER_PASS,
) -> list[Integrated]:
    """Integrated gradients of every item (the first dimension of each input tensor).

    ``inputs`` and ``baselines`` are tensors of shape (items, length_k, width), one per
    input of the model (a pair encoded jointly is one input; a premise and a hypothesis
    encoded separately are two). Returns one ``Integrated`` per item, in order.
    ``start_steps`` and ``max_steps`` are powers of two (``max_steps`` ≥ ``start_steps``).
    """
    import torch

    n = int(inputs[0].shape[0])
    if n == 0:
        return []
    if (
        start_steps < 1
        or max_steps % start_steps
        or (max_steps // start_steps) & (max_steps // start_steps - 1)
    ):
        raise ValueError("start_steps and max_steps must be powers of two, start <= max")
    every = torch.arange(n, device=inputs[0].device)
    with torch.no_grad():
        outputs = forward(list(inputs), every).detach().double().cpu().numpy()
        baseline_outputs = forward(list(baselines), every).detach().double().cpu().numpy()
    # Per item: finest-grid node index -> per-input token contributions at that node.
    grid = max_steps
    evaluated: list[dict[int, list[np.ndarray]]] = [{} for _ in range(n)]
    results: list[Integrated | None] = [None] * n
    pending = list(range(n))
    steps = start_steps
    while pending:
        stride = grid // steps
        wanted = [
            (item, node)
            for item in pending
            for node in range(0, grid + 1, stride)
            if node not in evaluated[item]
        ]
        for (item, node), contribution in zip(
            wanted, _gradients_at(forward, inputs, baselines, wanted, grid, max_tokens), strict=True
        ):
            evaluated[item][node] = contribution
        _, weights = clenshaw_curtis(steps)
        still = []
        for item in pending:
            per_input = [
                sum(weights[k] * evaluated[item][k * stride][i] for k in range(steps + 1))
                for i in range(len(inputs))
            ]
            total = float(sum(float(np.sum(s)) for s in per_input))
            delta = total - float(outputs[item] - baseline_outputs[item])
            converged = abs(delta) <= tolerance
            if converged or steps * 2 > max_steps:
                results[item] = Integrated(
                    tokens=[np.asarray(s, dtype=np.float64) for s in per_input],
                    output=float(outputs[item]),
                    baseline_output=float(baseline_outputs[item]),
                    total=total,
                    delta=delta,
                    steps=steps,
                    converged=converged,
                )
                evaluated[item] = {}
            else:
                still.append(item)
        pending = still
        steps *= 2
    return [result for result in results if result is not None]


def _gradients_at(
    forward: Forward,
    inputs: Sequence[Any],
    baselines: Sequence[Any],
    wanted: Sequence[tuple[int, int]],
    grid: int,
    max_tokens: int,
) -> list[list[np.ndarray]]:
    """For each (item, node): ∂f/∂x (x' + α (x − x')) · (x − x'), summed over the width,
    per token of each input; α is the node's position on the finest grid."""
    import torch

    if not wanted:
        return []
    device = inputs[0].device
    length = sum(int(tensor.shape[1]) for tensor in inputs)
    per_pass = max(1, max_tokens // max(length, 1))
    alphas = (1.0 - np.cos(np.arange(grid + 1) * np.pi / grid)) / 2.0
    found: list[list[np.ndarray]] = []
    for start in range(0, len(wanted), per_pass):
        chunk = wanted[start : start + per_pass]
        which = torch.tensor([item for item, _ in chunk], device=device)
        alpha = torch.tensor(
            [alphas[node] for _, node in chunk], dtype=inputs[0].dtype, device=device
        )[:, None, None]
        points = [
            (base[which] + alpha * (x[which] - base[which])).requires_grad_(True)
            for x, base in zip(inputs, baselines, strict=True)
        ]
        values = forward(points, which)
        grads = torch.autograd.grad(values.sum(), points)
        contributions = [
            (grad.double() * (x[which] - base[which]).double()).sum(dim=-1).cpu().numpy()
            for grad, x, base in zip(grads, inputs, baselines, strict=True)
        ]
        found += [[part[row] for part in contributions] for row in range(len(chunk))]
    return found
