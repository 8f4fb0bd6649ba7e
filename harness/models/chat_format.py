"""Chat formats: a prompt sent as a conversation in the model's own chat template.

An instruction-tuned model evaluated on raw prompts is not the model its users talk to;
the chat format can move a score a lot, so it is an option that is seen: part of the
fingerprint (the cache), of the run manifest (``chat_format``) and of every item (the
rendered prompt is kept in the answer).

``hf-causal`` with ``chat_template=true`` renders with the tokenizer's template
(``system_prompt`` and ``add_generation_prompt`` as options). For generation the prompt
is the user's turn; for log-likelihood scoring the context is the user's turn and the
scored continuation is the assistant's answer after the generation prompt (its leading
whitespace dropped: an assistant turn starts its own text).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from harness.errors import ModelError


@dataclass(frozen=True)
class ChatFormat:
    """A tokenizer's chat template with the options it is rendered with."""

    template: str
    tokenizer: Any
    system_prompt: str | None = None
    add_generation_prompt: bool = True

    @classmethod
    def from_tokenizer(
        cls, tokenizer: Any, target: str, system_prompt: str | None, add_generation_prompt: bool
    ) -> ChatFormat:
        template = getattr(tokenizer, "chat_template", None)
        if not isinstance(template, str) or not template:
            raise ModelError(
                f"model '{target}': chat_template=true, but its tokenizer has no chat "
                "template (tokenizer_config.json's chat_template or chat_template.jinja)"
            )
        return cls(template, tokenizer, system_prompt, add_generation_prompt)

    def messages(self, user: str) -> list[dict[str, str]]:
        system = [{"role": "system", "content": self.system_prompt}] if self.system_prompt else []
        return [*system, {"role": "user", "content": user}]

    def render(self, prompt: str, *, add_generation_prompt: bool | None = None) -> str:
        """``prompt`` as the user's turn of a conversation, as text."""
        generation = (
            self.add_generation_prompt if add_generation_prompt is None else add_generation_prompt
        )
        return str(
            self.tokenizer.apply_chat_template(
                self.messages(prompt), tokenize=False, add_generation_prompt=generation
            )
        )

    def scoring_pair(self, context: str, continuation: str) -> tuple[str, str]:
        """(the conversation up to the assistant's turn, the answer scored as that turn)."""
        return self.render(context, add_generation_prompt=True), continuation.lstrip()

    def describe(self) -> dict[str, Any]:
        """What the manifest and the fingerprint record."""
        return {
            "format": "tokenizer chat template",
            "template_sha256": hashlib.sha256(self.template.encode("utf-8")).hexdigest(),
            "system_prompt": self.system_prompt,
            "add_generation_prompt": self.add_generation_prompt,
        }
