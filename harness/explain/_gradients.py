"""Integrated gradients for ``hf-classifier`` models and the built-in reference model.

Token attributions are taken on the input embeddings towards the probability of the
explained label (a collapsed label: the sum of its members' probabilities), from a
baseline where every token of the texts (an unknown-word token too: it stands for a
word) is the padding token and what the tokenizer adds around them ([CLS], [SEP])
stays; a word's score is the sum over its tokens. The integral itself (batched over items and steps, its step count set
by the completeness check) is ``harness.explain._integrated``; what is per model here
is how texts become embeddings and embeddings become the explained probability.

Items are tokenized together, ordered by length and integrated in groups of similar
length (``ITEMS_PER_GROUP``), so padding stays small.

Results are cached in the run's response cache under kind ``attribution/ig``, keyed by
the model fingerprint (the cache file), the input texts, the explained label's members
and the integration parameters (tolerance, first and largest step counts).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from harness.core import ItemResult
from harness.explain._base import ItemAttribution, WordScore, words_of
from harness.explain._integrated import (
    MAX_STEPS,
    START_STEPS,
    TOLERANCE,
    Integrated,
    integrated_gradients,
)

CACHE_KIND = "attribution/ig"
#: Bump when what is computed changes, so cached attributions are computed again.
VERSION = 2
#: Items integrated together (sorted by length, so a group pads to similar lengths).
ITEMS_PER_GROUP = 16


class IntegratedGradientsAttributor:
    """Integrated gradients on an ``HFClassifier``'s input embeddings (torch, lazily)."""

    method = "integrated_gradients"

    def __init__(
        self,
        adapter: Any,
        *,
        labels: Sequence[str] = (),
        cache: Any = None,
        tolerance: float = TOLERANCE,
        start_steps: int = START_STEPS,
        max_steps: int = MAX_STEPS,
    ) -> None:
        self.adapter = adapter
        # The suite's labels: the explained labels are named in them.
        self.labels = tuple(labels) or tuple(getattr(adapter, "labels", ()))
        self.cache = cache
        self.tolerance = tolerance
        self.start_steps = start_steps
        self.max_steps = max_steps

    # -- what the cache key holds -------------------------------------------------

    def parameters(self) -> dict[str, Any]:
        return {
            "tolerance": self.tolerance,
            "start_steps": self.start_steps,
            "max_steps": self.max_steps,
            "version": VERSION,
        }

    def _key(self, texts: Sequence[str], target: Sequence[int]) -> str:
        from harness.models.common import sha256_json

        return sha256_json(
            {"texts": list(texts), "target": list(target), **self.parameters(), **self._extra_key()}
        )

    def _extra_key(self) -> dict[str, Any]:
        return {}

    # -- the explained label in the model's outputs ---------------------------------

    def _model_labels(self) -> tuple[Sequence[str], Any]:
        return self.adapter.labels, getattr(self.adapter, "label_map", None)

    def output_indices(self, members: Sequence[str]) -> list[int]:
        """The model outputs whose probabilities add up to the suite labels ``members``."""
        from harness.labels import model_label_matrix

        model_labels, label_map = self._model_labels()
        matrix = model_label_matrix(list(model_labels), list(self.labels), label_map)
        columns = [self.labels.index(member) for member in members if member in self.labels]
        return [row for row in range(len(model_labels)) if matrix[row, columns].sum() > 0]

    # -- attributing ----------------------------------------------------------------

    def attribute(
        self,
        items: Sequence[ItemResult],
        fields: Sequence[str],
        targets: Sequence[Sequence[str]] | None = None,
    ) -> list[ItemAttribution]:
        """Word scores of ``fields`` per item, towards ``targets`` (suite labels whose
        probabilities add up; by default each item's predicted label)."""
        input_fields = tuple(self.adapter.input_fields)
        if targets is None:
            targets = [[str(item.prediction.label)] for item in items]
        texts_of = [
            [str(item.example.fields.get(name, "")) for name in input_fields] for item in items
        ]
        indices = [self.output_indices(members) for members in targets]
        keys = [self._key(texts, target) for texts, target in zip(texts_of, indices, strict=True)]
        cached = self.cache.get_many(CACHE_KIND, keys) if self.cache is not None else {}
        missing = [i for i, key in enumerate(keys) if key not in cached and indices[i]]
        records = dict(cached)
        if missing:
            computed = self.compute([texts_of[i] for i in missing], [indices[i] for i in missing])
            fresh = [(keys[i], record) for i, record in zip(missing, computed, strict=True)]
            records.update(fresh)
            if self.cache is not None:
                self.cache.put_many(CACHE_KIND, fresh)
        return [
            self._words(item, texts, records.get(key), fields, members)
            for item, texts, key, members in zip(items, texts_of, keys, targets, strict=True)
        ]

    def _words(
        self,
        item: ItemResult,
        texts: Sequence[str],
        record: dict[str, Any] | None,
        fields: Sequence[str],
        members: Sequence[str],
    ) -> ItemAttribution:
        input_fields = tuple(self.adapter.input_fields)
        per_field: dict[str, list[WordScore]] = {}
        if record is not None:
            for position, name in enumerate(input_fields):
                if name not in fields:
                    continue
                words = words_of(texts[position])
                totals = [0.0] * len(words)
                for sequence, start, end, score in record["tokens"]:
                    if sequence != position:
                        continue
                    for index, (_, word_start, word_end) in enumerate(words):
                        if start < word_end and end > word_start:
                            totals[index] += score
                            break
                per_field[name] = [
                    WordScore(word, total, index)
                    for index, ((word, _, _), total) in enumerate(zip(words, totals, strict=True))
                ]
        details = (
            {key: record[key] for key in Integrated.DETAIL_KEYS if key in record} if record else {}
        )
        return ItemAttribution(
            test=item.test,
            id=item.id,
            label=str(item.predicted if item.predicted is not None else item.prediction.label),
            method=self.method,
            fields=per_field,
            details=details,
            members=tuple(members),
        )

    def compute(
        self, texts: Sequence[Sequence[str]], targets: Sequence[Sequence[int]]
    ) -> list[Any]:
        """One record per item: token scores (which text, char start, char end, score),
        the target outputs and the completeness checks."""
        lengths = self._lengths(texts)
        order = sorted(range(len(texts)), key=lambda i: (-lengths[i], i))
        records: list[Any] = [None] * len(texts)
        with _frozen(self._network()):
            for start in range(0, len(order), ITEMS_PER_GROUP):
                group = order[start : start + ITEMS_PER_GROUP]
                computed = self._group([texts[i] for i in group], [targets[i] for i in group])
                for index, record in zip(group, computed, strict=True):
                    records[index] = record
        return records

    # -- per model ------------------------------------------------------------------

    def _network(self) -> Any:
        return self.adapter.model

    def _lengths(self, texts: Sequence[Sequence[str]]) -> list[int]:
        return [sum(len(text) for text in group) for group in texts]

    def _group(self, texts: Sequence[Sequence[str]], targets: Sequence[Sequence[int]]) -> list[Any]:
        import torch

        adapter = self.adapter
        model = adapter.model
        tokenizer = adapter.tokenizer
        columns = [[group[k] for group in texts] for k in range(len(texts[0]))]
        encoded = _encode(tokenizer, columns, adapter.max_length)
        offsets = encoded.pop("offset_mapping").tolist()
        sequence_ids = [encoded.sequence_ids(row) for row in range(len(texts))]
        special = encoded.pop("special_tokens_mask").bool()
        encoded = encoded.to(adapter.device)
        ids = encoded["input_ids"]
        mask = encoded["attention_mask"]
        keep = special.to(ids.device) | (mask == 0)
        pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        baseline_ids = torch.where(keep, ids, torch.full_like(ids, pad))
        extra = {k: v for k, v in encoded.items() if k != "input_ids"}
        members = _member_mask(targets, len(adapter.labels), ids.device)
        embed = model.get_input_embeddings()
        with torch.no_grad():
            inputs, baselines = embed(ids), embed(baseline_ids)

        def forward(points: Sequence[Any], rows: Any) -> Any:
            logits = model(inputs_embeds=points[0], **{k: v[rows] for k, v in extra.items()})
            probabilities = torch.softmax(logits.logits.float(), dim=-1)
            return (probabilities * members[rows]).sum(dim=-1)

        results = integrated_gradients(
            forward,
            [inputs],
            [baselines],
            tolerance=self.tolerance,
            start_steps=self.start_steps,
            max_steps=self.max_steps,
        )
        records = []
        for row, result in enumerate(results):
            scores = result.tokens[0]
            tokens = [
                [int(sequence), int(start), int(end), float(scores[position])]
                for position, (sequence, (start, end)) in enumerate(
                    zip(sequence_ids[row], offsets[row], strict=True)
                )
                if sequence is not None and end > start and not bool(keep[row, position])
            ]
            records.append(_record(tokens, targets[row], result))
        return records


class ReferenceIntegratedGradients(IntegratedGradientsAttributor):
    """Integrated gradients through the reference model, end to end.

    The reference model encodes premise and hypothesis separately (mean-pooled,
    L2-normalised MiniLM embeddings), builds ``[u, v, |u − v|, u * v]`` and applies a
    logistic-regression head. All of it is rebuilt here in torch, so the gradients reach
    both texts' word embeddings; the baseline again replaces every non-special token by
    padding. The head's probabilities match ``LogisticHead.predict_proba``.
    """

    def _extra_key(self) -> dict[str, Any]:
        return {"head": self.adapter.cache_key()}

    def _network(self) -> Any:
        model, _ = self.adapter.encoder._load()
        return model

    def _group(self, texts: Sequence[Sequence[str]], targets: Sequence[Sequence[int]]) -> list[Any]:
        import torch

        adapter = self.adapter
        encoder = adapter.encoder
        model, batcher = encoder._load()
        tokenizer = batcher.tokenizer
        head = adapter.head
        device = encoder.device
        coef = torch.tensor(head.coef, dtype=torch.float32, device=device)
        intercept = torch.tensor(head.intercept, dtype=torch.float32, device=device)
        embed = model.get_input_embeddings()
        pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        members = _member_mask(targets, len(head.classes), device)

        offsets, keeps, masks, inputs, baselines = [], [], [], [], []
        for column in range(2):
            encoded = _encode(tokenizer, [[group[column] for group in texts]], encoder.max_length)
            offsets.append(encoded["offset_mapping"].tolist())
            ids = encoded["input_ids"].to(device)
            mask = encoded["attention_mask"].to(device)
            keep = encoded["special_tokens_mask"].bool().to(device) | (mask == 0)
            keeps.append(keep)
            masks.append(mask)
            with torch.no_grad():
                inputs.append(embed(ids))
                baselines.append(embed(torch.where(keep, ids, torch.full_like(ids, pad))))

        def sentence(embeddings: Any, mask: Any) -> Any:
            tokens = model(inputs_embeds=embeddings, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(tokens.dtype)
            pooled = (tokens * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

        def forward(points: Sequence[Any], rows: Any) -> Any:
            u = sentence(points[0], masks[0][rows])
            v = sentence(points[1], masks[1][rows])
            features = torch.cat([u, v, torch.abs(u - v), u * v], dim=1)
            scores = features @ coef.T + intercept
            if coef.shape[0] == 1:
                positive = torch.sigmoid(scores[:, 0])
                probabilities = torch.stack([1.0 - positive, positive], dim=1)
            else:
                probabilities = torch.softmax(scores, dim=1)
            return (probabilities * members[rows]).sum(dim=-1)

        results = integrated_gradients(
            forward,
            inputs,
            baselines,
            tolerance=self.tolerance,
            start_steps=self.start_steps,
            max_steps=self.max_steps,
        )
        records = []
        for row, result in enumerate(results):
            tokens = []
            for sequence in range(2):
                scores = result.tokens[sequence]
                tokens += [
                    [sequence, int(start), int(end), float(scores[position])]
                    for position, (start, end) in enumerate(offsets[sequence][row])
                    if end > start and not bool(keeps[sequence][row, position])
                ]
            records.append(_record(tokens, targets[row], result))
        return records

    def _model_labels(self) -> tuple[Sequence[str], Any]:
        return self.adapter.labels, self.adapter.label_map


def _encode(tokenizer: Any, columns: Sequence[Sequence[str]], max_length: int) -> Any:
    """``columns`` (one text per row; two columns: text pairs) as padded tensors, with the
    character offsets and special-token mask that map tokens back to words."""
    return tokenizer(
        *columns,
        padding=True,
        truncation=True,
        max_length=max_length,
        return_offsets_mapping=True,
        return_special_tokens_mask=True,
        return_tensors="pt",
    )


def _member_mask(targets: Sequence[Sequence[int]], width: int, device: Any) -> Any:
    """A (items, outputs) 0/1 float tensor: which outputs each item's target adds up."""
    import torch

    mask = torch.zeros((len(targets), width), dtype=torch.float32, device=device)
    for row, target in enumerate(targets):
        mask[row, list(target)] = 1.0
    return mask


def _record(tokens: list[list[Any]], target: Sequence[int], result: Integrated) -> dict[str, Any]:
    return {
        "tokens": tokens,
        "target": list(target),
        "output": result.output,
        "baseline_output": result.baseline_output,
        "total": result.total,
        "delta": result.delta,
        "steps": result.steps,
        "converged": result.converged,
    }


class _frozen:
    """Parameters need no gradient while attributing (the inputs do): less work, less memory."""

    def __init__(self, network: Any) -> None:
        self.parameters = [p for p in network.parameters() if p.requires_grad]

    def __enter__(self) -> None:
        for parameter in self.parameters:
            parameter.requires_grad_(False)

    def __exit__(self, *exc: object) -> None:
        for parameter in self.parameters:
            parameter.requires_grad_(True)
