"""Integrated gradients through captum for ``hf-classifier`` models.

Token attributions are taken on the input embeddings (captum's
``LayerIntegratedGradients``) for the probability of the label the model predicts,
from a baseline where every non-special token is the padding token; a word's score is
the sum over its tokens. Completeness (Sundararajan et al., 2017): the attributions of
all tokens sum to p(label | input) − p(label | baseline), up to the integration error
captum reports as the convergence delta; both are kept in ``details``.

Results are cached in the run's response cache under kind ``attribution/ig``, keyed by
the model fingerprint (the cache file), the input and the number of steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from harness.core import ItemResult
from harness.explain._base import ItemAttribution, WordScore, words_of

CACHE_KIND = "attribution/ig"


class IntegratedGradientsAttributor:
    """Integrated gradients on an ``HFClassifier``'s embeddings (torch and captum, lazily)."""

    method = "integrated_gradients"

    def __init__(self, adapter: Any, *, n_steps: int = 32, cache: Any = None) -> None:
        self.adapter = adapter
        self.n_steps = n_steps
        self.cache = cache

    def _key(self, texts: Sequence[str]) -> str:
        from harness.models.common import sha256_json

        return sha256_json({"texts": list(texts), "n_steps": self.n_steps, "version": 1})

    def attribute(
        self, items: Sequence[ItemResult], fields: Sequence[str]
    ) -> list[ItemAttribution]:
        input_fields = tuple(self.adapter.input_fields)
        results = []
        texts_of = [
            [str(item.example.fields.get(name, "")) for name in input_fields] for item in items
        ]
        keys = [self._key(texts) for texts in texts_of]
        cached = self.cache.get_many(CACHE_KIND, keys) if self.cache is not None else {}
        fresh: list[tuple[str, Any]] = []
        for item, texts, key in zip(items, texts_of, keys, strict=True):
            record = cached.get(key)
            if record is None:
                record = self.token_attributions(texts)
                fresh.append((key, record))
            results.append(self._words(item, texts, record, fields))
        if fresh and self.cache is not None:
            self.cache.put_many(CACHE_KIND, fresh)
        return results

    def _words(
        self, item: ItemResult, texts: Sequence[str], record: dict[str, Any], fields: Sequence[str]
    ) -> ItemAttribution:
        input_fields = tuple(self.adapter.input_fields)
        per_field: dict[str, list[WordScore]] = {}
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
                WordScore(word, total) for (word, _, _), total in zip(words, totals, strict=True)
            ]
        return ItemAttribution(
            test=item.test,
            id=item.id,
            label=str(item.prediction.label),
            method=self.method,
            fields=per_field,
            details={
                key: float(record[key]) for key in ("output", "baseline_output", "total", "delta")
            },
        )

    def token_attributions(self, texts: Sequence[str]) -> dict[str, Any]:
        """Per token: (which text, char start, char end, attribution), with the checks."""
        import torch
        from captum.attr import LayerIntegratedGradients

        adapter = self.adapter
        model = adapter.model
        tokenizer = adapter.tokenizer
        encoded = tokenizer(
            *[[text] for text in texts],
            truncation=True,
            max_length=adapter.max_length,
            return_offsets_mapping=True,
            return_tensors="pt",
        )
        offsets = encoded.pop("offset_mapping")[0].tolist()
        sequence_ids = encoded.sequence_ids(0)
        encoded = encoded.to(adapter.device)
        input_ids = encoded["input_ids"]
        special = torch.tensor(
            tokenizer.get_special_tokens_mask(
                input_ids[0].tolist(), already_has_special_tokens=True
            ),
            dtype=torch.bool,
            device=input_ids.device,
        )
        pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        baseline_ids = torch.where(special, input_ids[0], torch.full_like(input_ids[0], pad))[None]
        extra = {k: v for k, v in encoded.items() if k != "input_ids"}

        def probabilities(ids: Any) -> Any:
            repeat = ids.shape[0]
            kwargs = {k: v.expand(repeat, -1) for k, v in extra.items()}
            return torch.softmax(model(input_ids=ids, **kwargs).logits.float(), dim=-1)

        with torch.no_grad():
            output = probabilities(input_ids)[0]
            target = int(torch.argmax(output))
            baseline_output = probabilities(baseline_ids)[0, target]
        integrated = LayerIntegratedGradients(probabilities, model.get_input_embeddings())
        attributions, delta = integrated.attribute(
            input_ids,
            baselines=baseline_ids,
            target=target,
            n_steps=self.n_steps,
            return_convergence_delta=True,
        )
        per_token = attributions.sum(dim=-1)[0].detach().cpu().tolist()
        tokens = [
            [int(sequence), int(start), int(end), float(score)]
            for sequence, (start, end), score in zip(sequence_ids, offsets, per_token, strict=True)
            if sequence is not None and end > start
        ]
        return {
            "tokens": tokens,
            "target": target,
            "output": float(output[target]),
            "baseline_output": float(baseline_output),
            "total": float(sum(per_token)),
            "delta": float(delta.reshape(-1)[0]),
        }


class ReferenceIntegratedGradients(IntegratedGradientsAttributor):
    """Integrated gradients through the reference model, end to end.

    The reference model encodes premise and hypothesis separately (mean-pooled,
    L2-normalised MiniLM embeddings), builds ``[u, v, |u − v|, u * v]`` and applies a
    logistic-regression head. All of it is rebuilt here in torch, so the gradients reach
    both texts' word embeddings; the baseline again replaces every non-special token by
    padding. The head's probabilities match ``LogisticHead.predict_proba``.
    """

    def _key(self, texts: Sequence[str]) -> str:
        from harness.models.common import sha256_json

        head = self.adapter.head
        return (
            sha256_json(
                {
                    "texts": list(texts),
                    "n_steps": self.n_steps,
                    "head": self.adapter.cache_key(),
                    "version": 1,
                }
            )
            + f"-{len(head.classes)}"
        )

    def token_attributions(self, texts: Sequence[str]) -> dict[str, Any]:
        import torch
        from captum.attr import IntegratedGradients

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

        encodings, inputs, baselines, masks = [], [], [], []
        for text in texts:
            encoded = tokenizer(
                text,
                truncation=True,
                max_length=encoder.max_length,
                return_offsets_mapping=True,
                return_tensors="pt",
            )
            offsets = encoded.pop("offset_mapping")[0].tolist()
            ids = encoded["input_ids"][0].to(device)
            special = torch.tensor(
                tokenizer.get_special_tokens_mask(ids.tolist(), already_has_special_tokens=True),
                dtype=torch.bool,
                device=device,
            )
            baseline_ids = torch.where(special, ids, torch.full_like(ids, pad))
            encodings.append(offsets)
            masks.append(encoded["attention_mask"].to(device))
            with torch.no_grad():
                inputs.append(embed(ids[None]))
                baselines.append(embed(baseline_ids[None]))

        def sentence(embeddings: Any, mask: Any) -> Any:
            repeat = embeddings.shape[0]
            mask = mask.expand(repeat, -1)
            tokens = model(inputs_embeds=embeddings, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(tokens.dtype)
            pooled = (tokens * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

        def probabilities(premise: Any, hypothesis: Any) -> Any:
            u, v = sentence(premise, masks[0]), sentence(hypothesis, masks[1])
            features = torch.cat([u, v, torch.abs(u - v), u * v], dim=1)
            scores = features @ coef.T + intercept
            if coef.shape[0] == 1:
                positive = torch.sigmoid(scores[:, 0])
                return torch.stack([1.0 - positive, positive], dim=1)
            return torch.softmax(scores, dim=1)

        with torch.no_grad():
            output = probabilities(*inputs)[0]
            target = int(torch.argmax(output))
            baseline_output = probabilities(*baselines)[0, target]
        attributions, delta = IntegratedGradients(probabilities).attribute(
            tuple(inputs),
            baselines=tuple(baselines),
            target=target,
            n_steps=self.n_steps,
            return_convergence_delta=True,
        )
        tokens = []
        total = 0.0
        for sequence, (offsets, attribution) in enumerate(
            zip(encodings, attributions, strict=True)
        ):
            per_token = attribution.sum(dim=-1)[0].detach().cpu().tolist()
            total += float(sum(per_token))
            tokens += [
                [sequence, int(start), int(end), float(score)]
                for (start, end), score in zip(offsets, per_token, strict=True)
                if end > start
            ]
        return {
            "tokens": tokens,
            "target": target,
            "output": float(output[target]),
            "baseline_output": float(baseline_output),
            "total": total,
            "delta": float(delta.reshape(-1)[0]),
        }
