"""``openai-compatible``: a served model over the OpenAI wire format (vLLM, TGI, llama.cpp, ...).

    harness run suites/multiple_choice.yaml --model openai-compatible:my-model \\
        --model-option base_url=http://127.0.0.1:8000/v1 --model-option api_key_env=MY_KEY

``Loglikelihood(context, continuation)`` is one ``POST {base_url}/completions`` with
the prompt ``context + continuation``, ``echo: true``, ``logprobs: 1`` and
``max_tokens: 0``: the server returns every prompt token with its log-probability,
its character offset and the top alternative. The continuation's tokens are those
whose text ends after the context (a token that straddles the boundary counts as
the continuation's); their log-probabilities are summed, and ``is_greedy`` says
whether each was the server's top token. As in lm-evaluation-harness, trailing
whitespace of the context moves to the front of the continuation first. A server
that returns no prompt log-probabilities cannot serve ``Loglikelihood``: the first
such answer is a one-line ``ModelError`` that says what to use instead.

``Generate`` goes to ``/completions`` (``generate_endpoint: completions``, the
default: the prompt is sent exactly) or ``/chat/completions`` (``chat``: the prompt
is one user message, after a system message when ``system_prompt`` is set; the run
manifest's ``chat_format`` says so). Stop sequences are applied again on the client, as not every
server honours them.

Every request carries explicit decoding parameters (``temperature``, ``top_p``,
``max_tokens``, ``stop``, ``seed``, ``n``): a server's own defaults never decide a
result. Retries, back-off and the concurrency limit are ``harness.models.http_client``;
a request that still fails becomes an infrastructure error for its item.

The API key is read from the environment variable that ``api_key_env`` names, at
load, and only ever sent in the ``Authorization`` header: never in results, the
fingerprint, the cache, logs or error messages. See docs/served-models.md.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal

from pydantic import Field

from harness.core import HIT_MAX_TOKENS_KEY
from harness.errors import InfraError, ModelError
from harness.models.base import ModelContext, ModelOptions, ModelSpec, declare_options
from harness.models.common import adapter_description, sha256_json
from harness.models.http_client import JsonClient, safe_url
from harness.requests import GENERATE, LOGLIKELIHOOD, Generate, Loglikelihood

#: Log-probabilities within this of the top token's count as "the top token" (rounding).
GREEDY_TOLERANCE = 1e-6


def no_loglikelihoods_error(base_url: str, detail: str) -> ModelError:
    return ModelError(
        f"server at {base_url} does not support log-likelihoods ({detail}): it must return "
        f"prompt log-probabilities for /completions with echo=true and logprobs; serve the "
        f"model with vLLM or llama.cpp's server, or load its weights with a local adapter, "
        f"or run a suite whose task only generates"
    )


def split_whitespace(context: str, continuation: str) -> tuple[str, str]:
    """lm-evaluation-harness's convention: the context's trailing whitespace starts the continuation.

    >>> split_whitespace("Answer: ", "yes")
    ('Answer:', ' yes')
    """
    stripped = context.rstrip()
    return stripped, context[len(stripped) :] + continuation


def continuation_score(
    logprobs: Any, context_chars: int, prompt_chars: int, base_url: str
) -> tuple[float, bool]:
    """Sum of the continuation tokens' log-probabilities and whether each was the top token."""
    total, greedy, _ = scored_continuation(logprobs, context_chars, prompt_chars, base_url)
    return total, greedy


def scored_continuation(
    logprobs: Any, context_chars: int, prompt_chars: int, base_url: str
) -> tuple[float, bool, int]:
    """``continuation_score`` and the number of tokens it summed."""
    if not isinstance(logprobs, Mapping):
        raise no_loglikelihoods_error(base_url, "the answer has no logprobs")
    tokens = logprobs.get("tokens")
    token_logprobs = logprobs.get("token_logprobs")
    offsets = logprobs.get("text_offset")
    top = logprobs.get("top_logprobs") or []
    if not (isinstance(tokens, list) and isinstance(token_logprobs, list) and tokens):
        raise no_loglikelihoods_error(base_url, "no prompt tokens in logprobs")
    if not (isinstance(offsets, list) and len(offsets) == len(tokens) == len(token_logprobs)):
        raise no_loglikelihoods_error(base_url, "no text_offset for the prompt tokens")
    total, greedy, scored = 0.0, True, 0
    for index, start in enumerate(offsets):
        end = offsets[index + 1] if index + 1 < len(offsets) else prompt_chars
        # Only the prompt's own tokens: a generated token (max_tokens=1) starts at its end.
        if start >= prompt_chars or min(end, prompt_chars) <= context_chars:
            continue
        value = token_logprobs[index]
        if not isinstance(value, int | float) or isinstance(value, bool) or math.isnan(value):
            raise ModelError(
                f"server at {base_url} gave no log-probability for prompt token {index} "
                f"({tokens[index]!r}); the first token of a prompt has none, so give the "
                f"request a non-empty context"
            )
        total += float(value)
        scored += 1
        alternatives = top[index] if index < len(top) else None
        if isinstance(alternatives, Mapping) and alternatives:
            best = max(float(v) for v in alternatives.values())
            greedy = greedy and float(value) >= best - GREEDY_TOLERANCE
        else:
            greedy = False
    if scored == 0:
        raise ModelError(
            f"server at {base_url}: the continuation has no tokens of its own in the answer"
        )
    return total, greedy, scored


def cut_at_stop(text: str, stop: Sequence[str]) -> str:
    """``text`` up to the earliest stop sequence.

    >>> cut_at_stop("Paris.\\nQuestion:", ["\\n"])
    'Paris.'
    """
    cut = len(text)
    for sequence in stop:
        if sequence:
            found = text.find(sequence)
            if found != -1:
                cut = min(cut, found)
    return text[:cut]


class OpenAICompatibleModel:
    """Loglikelihood and Generate requests answered by an OpenAI-compatible server."""

    cacheable = True
    # One HTTP request per answer: the runner sends only what its cache lacks.
    batch_invariant = True
    #: A served model can change behind its fingerprint: its canary is asked before its
    #: cache is reused (harness.predictor.canary), and degenerate answers are flagged.
    served = True
    serves = (LOGLIKELIHOOD, GENERATE)
    labels: tuple[str, ...] = ()
    truncated_count = 0

    def __init__(
        self, name: str, options: Mapping[str, Any], *, api_key: str | None, seed: int, spec: str
    ) -> None:
        self.name = name
        self.spec = spec
        self.base_url = str(options["base_url"]).rstrip("/")
        self.api_key_env = options.get("api_key_env")
        self.generate_endpoint = str(options.get("generate_endpoint", "completions"))
        system_prompt = options.get("system_prompt")
        self.system_prompt = str(system_prompt) if system_prompt is not None else None
        self.top_p = float(options.get("top_p", 1.0))
        self.seed = int(options["seed"] if options.get("seed") is not None else seed)
        self.loglikelihood_max_tokens = int(options.get("loglikelihood_max_tokens", 0))
        self.concurrency = int(options.get("concurrency", 4))
        self.canary = bool(options.get("canary", True))
        self.canary_tolerance = float(options.get("canary_tolerance", 0.01))
        self.batch_size = int(options.get("batch_size") or 64)
        self.client = JsonClient(
            self.base_url,
            api_key=api_key,
            timeout_s=float(options.get("timeout_s", 60.0)),
            max_retries=int(options.get("max_retries", 4)),
            backoff_s=float(options.get("backoff_s", 1.0)),
            concurrency=self.concurrency,
            seed=self.seed,
            keep_alive=bool(options.get("keep_alive", True)),
        )

    def fingerprint(self) -> str:
        # What decides the answers; a server can change its weights behind the same
        # URL and name, which no client can see (docs/served-models.md).
        return sha256_json(
            {
                "adapter": "openai-compatible/1",
                "base_url": safe_url(self.base_url),
                "model": self.name,
                "generate_endpoint": self.generate_endpoint,
                "top_p": self.top_p,
                "seed": self.seed,
                "loglikelihood_max_tokens": self.loglikelihood_max_tokens,
                # Only when set: runs without one keep the fingerprint they had.
                **({"system_prompt": self.system_prompt} if self.system_prompt else {}),
            }
        )

    @property
    def chat_format(self) -> dict[str, Any] | None:
        """The run manifest's ``chat_format``: the server's chat endpoint renders the
        conversation with the served model's template; log-likelihoods are still scored
        on ``/completions`` (a chat endpoint does not score a given answer)."""
        if self.generate_endpoint != "chat":
            return None
        return {
            "format": "served chat endpoint",
            "system_prompt": self.system_prompt,
            "applies_to": ["generate"],
        }

    def describe(self) -> dict[str, Any]:
        return adapter_description(
            "openai-compatible",
            self.name,
            self.spec,
            f"served model '{self.name}' at {safe_url(self.base_url)}",
            base_url=safe_url(self.base_url),
            generate_endpoint=self.generate_endpoint,
            authenticated=self.client.api_key is not None,
            concurrency=self.concurrency,
            attempts=self.client.attempts,
            waits=len(self.client.waits),
            lowest_concurrency=self.client.limit.lowest,
        )

    # -- requests -----------------------------------------------------------------

    def _each(self, requests: Sequence[Any], answer: Any) -> list[Any]:
        """``answer(request)`` for every request, ``concurrency`` at a time; infra errors kept."""

        def guarded(request: Any) -> Any:
            try:
                return answer(request)
            except InfraError as error:
                return {"infra_error": str(error)}

        with ThreadPoolExecutor(max_workers=max(1, self.concurrency)) as pool:
            futures = [pool.submit(guarded, request) for request in requests]
            try:
                return [future.result() for future in futures]
            except BaseException:
                for future in futures:
                    future.cancel()
                raise

    def loglikelihood(self, requests: Sequence[Loglikelihood]) -> list[Any]:
        return self._each(requests, self._loglikelihood)

    def _loglikelihood(self, request: Loglikelihood) -> dict[str, Any]:
        context, continuation = split_whitespace(request.context, request.continuation)
        prompt = context + continuation
        body = self.client.post(
            "/completions",
            {
                "model": self.name,
                "prompt": prompt,
                "echo": True,
                "logprobs": 1,
                "max_tokens": self.loglikelihood_max_tokens,
                "temperature": 0.0,
                "top_p": 1.0,
                "n": 1,
                "seed": self.seed,
            },
            key=request.key(),
        )
        choice = _first_choice(body, self.base_url)
        total, greedy, tokens = scored_continuation(
            choice.get("logprobs"), len(context), len(prompt), self.base_url
        )
        return {"loglikelihood": total, "is_greedy": greedy, "tokens": tokens}

    def generate(self, requests: Sequence[Generate]) -> list[Any]:
        return self._each(requests, self._generate)

    def canary_answers(self) -> list[Any] | None:
        """Fresh answers to ``CANARY`` (log-probabilities, else greedy text when the server
        gives none); None when the canary is off or cannot be asked (server failing)."""
        if not self.canary:
            return None
        try:
            answers = self.loglikelihood(
                [Loglikelihood(context=c, continuation=x) for c, x in CANARY]
            )
            key = "loglikelihood"
        except ModelError:  # no prompt log-probabilities: compare greedy text instead
            answers = self.generate(
                [Generate(prompt=c + x, max_tokens=8, stop=("\n",)) for c, x in CANARY]
            )
            key = "text"
        if any("infra_error" in answer for answer in answers):
            return None
        return [answer[key] for answer in answers]

    def _messages(self, prompt: str) -> list[dict[str, str]]:
        system = [{"role": "system", "content": self.system_prompt}] if self.system_prompt else []
        return [*system, {"role": "user", "content": prompt}]

    def _generate(self, request: Generate) -> dict[str, Any]:
        decoding = {
            "model": self.name,
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "top_p": self.top_p,
            "stop": list(request.stop),
            "n": 1,
            "seed": self.seed,
        }
        if self.generate_endpoint == "chat":
            body = self.client.post(
                "/chat/completions",
                {**decoding, "messages": self._messages(request.prompt)},
                key=request.key(),
            )
            message = _first_choice(body, self.base_url).get("message")
            text = message.get("content") if isinstance(message, Mapping) else None
            field = "choices[0].message.content"
        else:
            body = self.client.post(
                "/completions", {**decoding, "prompt": request.prompt}, key=request.key()
            )
            text = _first_choice(body, self.base_url).get("text")
            field = "choices[0].text"
        if not isinstance(text, str):
            raise ModelError(f"server at {safe_url(self.base_url)} answered without {field}")
        answer: dict[str, Any] = {"text": cut_at_stop(text, request.stop)}
        # The server says why it stopped: "length" is the token limit, not an answer's end.
        if _first_choice(body, self.base_url).get("finish_reason") == "length":
            answer[HIT_MAX_TOKENS_KEY] = True
        return answer


#: The canary: fixed requests whose answers identify the model behind a server.
CANARY = (
    ("The capital of France is", " Paris"),
    ("One, two, three,", " four"),
    ("The cat sat on the", " mat"),
)


def _first_choice(body: Mapping[str, Any], base_url: str) -> Mapping[str, Any]:
    choices = body.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], Mapping):
        raise ModelError(f"server at {safe_url(base_url)} answered without choices[0]")
    return choices[0]


def load_openai_compatible(spec: ModelSpec, context: ModelContext) -> OpenAICompatibleModel:
    """Build the adapter for ``openai-compatible:MODEL`` (MODEL: the server's model name)."""
    if not spec.target:
        raise ModelError(
            "openai-compatible needs the served model's name, e.g. openai-compatible:my-model "
            "--model-option base_url=http://127.0.0.1:8000/v1"
        )
    if not spec.options.get("base_url"):
        raise ModelError(
            f"model '{spec}' needs the option base_url, e.g. "
            f"--model-option base_url=http://127.0.0.1:8000/v1"
        )
    api_key = None
    variable = spec.options.get("api_key_env")
    if variable:
        api_key = os.environ.get(str(variable))
        if not api_key:
            raise ModelError(
                f"model '{spec}': environment variable {variable} (option api_key_env) is "
                f"not set or empty"
            )
    return OpenAICompatibleModel(
        spec.target, spec.options, api_key=api_key, seed=context.seed, spec=str(spec)
    )


class OpenAICompatibleOptions(ModelOptions):
    """Options of ``openai-compatible`` (docs/served-models.md)."""

    # Required; checked by the loader so that its error can show an example.
    base_url: str | None = None
    # The NAME of an environment variable holding the API key; never the key itself.
    api_key_env: str | None = None
    generate_endpoint: Literal["completions", "chat"] = "completions"
    # With the chat endpoint: a system message before each prompt.
    system_prompt: str | None = None
    # Ask the canary before reusing the cache; how far its log-probabilities may move.
    canary: bool = True
    canary_tolerance: float = Field(default=0.01, ge=0.0, le=100.0)
    concurrency: int = Field(default=4, ge=1, le=256)
    max_retries: int = Field(default=4, ge=0, le=20)
    timeout_s: float = Field(default=60.0, gt=0, le=3600)
    backoff_s: float = Field(default=1.0, ge=0, le=60)
    # Reuse connections between requests (false: a new connection per request).
    keep_alive: bool = True
    top_p: float = Field(default=1.0, gt=0, le=1)
    seed: int | None = None
    # vLLM refuses max_tokens=0 with echo; 1 works there (the generated token is ignored).
    loglikelihood_max_tokens: int = Field(default=0, ge=0, le=1)


declare_options(
    load_openai_compatible,
    OpenAICompatibleOptions,
    description="a served model over the OpenAI wire format (vLLM, TGI, llama.cpp): base_url option",
    serves=OpenAICompatibleModel.serves,
    usage=":NAME",
)
