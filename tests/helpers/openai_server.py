"""A real HTTP server on 127.0.0.1 speaking the OpenAI wire format, for the served-model tests.

    with OpenAIServer(build_tiny_gpt2(tmp_path / "gpt2"), name="tiny") as server:
        server.inject("status", status=500, count=2)     # the next two requests get 500
        ... openai-compatible:tiny --model-option base_url={server.url}

It serves a local causal LM (``/v1/completions`` with ``echo`` + ``logprobs`` for
prompt log-probabilities, greedy or seeded sampling for generation, and
``/v1/chat/completions``, rendered with the model's chat template when it has one)
and records every request it receives; ``swap`` serves another model under the
same name, as a server that changes its weights does. Faults are
injected per request, in order (``inject``), or for every prompt that contains a
marker (``fail_when``):

* ``status``: answer ``status`` (with ``Retry-After`` when given) and an OpenAI
  error body;
* ``sleep``: wait ``seconds`` before answering, or until the server stops (give more
  than the client's time-out: the time-out then fires however loaded the machine is);
* ``malformed``: answer 200 with a body that is not JSON.

``logprobs=False`` makes a server that never returns log-probabilities (like many
chat-only endpoints); ``zero_logprobs=True`` one whose log-probabilities are all 0 (a
degenerate server). It listens on loopback only, on a free port, and everything it
does is bounded (no retries of its own, daemon threads, a stop that returns).
"""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Fault:
    kind: str  # "status", "sleep" or "malformed"
    status: int = 500
    retry_after: str | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class Received:
    path: str
    body: dict[str, Any]
    authorization: str | None
    # The client's (host, port): one per TCP connection.
    peer: tuple[str, int] = ("", 0)


class TinyCausalLM:
    """A causal LM from a local directory: prompt log-probabilities and greedy decoding."""

    def __init__(self, directory: Path) -> None:
        from transformers import AutoModelForCausalLM, AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(directory)
        self.model = AutoModelForCausalLM.from_pretrained(directory).eval()
        self.lock = threading.Lock()

    def prompt_logprobs(self, prompt: str, top: int) -> dict[str, Any]:
        """OpenAI ``logprobs`` for the prompt's tokens (the first has none)."""
        import torch

        ids = self.tokenizer(prompt)["input_ids"]
        with self.lock, torch.no_grad():
            logits = self.model(input_ids=torch.tensor([ids])).logits[0]
        logprobs = torch.log_softmax(logits.float(), dim=-1)
        tokens = [self.tokenizer.decode([token]) for token in ids]
        offsets = [len(self.tokenizer.decode(ids[:i])) for i in range(len(ids))]
        token_logprobs: list[float | None] = [None]
        top_logprobs: list[dict[str, float] | None] = [None]
        for position in range(1, len(ids)):
            row = logprobs[position - 1]
            token_logprobs.append(float(row[ids[position]]))
            values, indices = row.topk(top)
            top_logprobs.append(
                {
                    self.tokenizer.decode([int(index)]): float(value)
                    for value, index in zip(values, indices, strict=True)
                }
            )
        return {
            "tokens": tokens,
            "token_logprobs": token_logprobs,
            "top_logprobs": top_logprobs,
            "text_offset": offsets,
        }

    def generate(self, prompt: str, max_tokens: int, temperature: float, seed: int) -> str:
        """Greedy (temperature 0) or seeded sampling, one token at a time."""
        import torch

        ids = self.tokenizer(prompt)["input_ids"] or [self.tokenizer.eos_token_id]
        generator = torch.Generator().manual_seed(seed)
        new: list[int] = []
        with self.lock, torch.no_grad():
            for _ in range(max_tokens):
                logits = self.model(input_ids=torch.tensor([ids + new])).logits[0, -1].float()
                if temperature > 0:
                    probabilities = torch.softmax(logits / temperature, dim=-1)
                    token = int(torch.multinomial(probabilities, 1, generator=generator))
                else:
                    token = int(logits.argmax())
                new.append(token)
        return self.tokenizer.decode(new)


def cut_at_stop(text: str, stop: list[str]) -> str:
    cuts = [text.find(s) for s in stop if s and s in text]
    return text[: min(cuts)] if cuts else text


class OpenAIServer:
    """The loopback server (see the module docstring)."""

    def __init__(
        self,
        model_dir: Path,
        *,
        name: str = "tiny",
        api_key: str | None = None,
        logprobs: bool = True,
        zero_logprobs: bool = False,
    ) -> None:
        self.lm = TinyCausalLM(model_dir)
        self.zero_logprobs = zero_logprobs
        self.name = name
        self.api_key = api_key
        self.logprobs = logprobs
        self.received: list[Received] = []
        self._faults: deque[Fault] = deque()
        self._markers: dict[str, Fault] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()

    # -- control ------------------------------------------------------------------

    def inject(self, kind: str, count: int = 1, **details: Any) -> None:
        """The next ``count`` requests meet this fault, after any injected before."""
        with self._lock:
            self._faults.extend(Fault(kind, **details) for _ in range(count))

    def fail_when(self, marker: str, status: int = 500) -> None:
        """Every request whose prompt contains ``marker`` gets ``status``, always."""
        with self._lock:
            self._markers[marker] = Fault("status", status=status)

    def swap(self, model_dir: Path) -> None:
        """Serve another model under the same name and URL (what no client can see)."""
        swapped = TinyCausalLM(model_dir)
        with self._lock:
            self.lm = swapped

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
            self._markers.clear()
            self.received.clear()

    def count(self, path: str | None = None) -> int:
        with self._lock:
            return sum(1 for r in self.received if path is None or r.path.endswith(path))

    @property
    def url(self) -> str:
        assert self._server is not None, "start the server first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> OpenAIServer:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        server.daemon_threads = True
        server.block_on_close = False
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()  # sleeping answers give up
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def __enter__(self) -> OpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- serving ------------------------------------------------------------------

    def _fault_for(self, body: dict[str, Any]) -> Fault | None:
        prompt = json.dumps(body.get("prompt", body.get("messages", "")))
        with self._lock:
            for marker, fault in self._markers.items():
                if marker in prompt:
                    return fault
            return self._faults.popleft() if self._faults else None

    def answer(self, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if body.get("model") != self.name:
            return 404, {"error": {"message": f"model {body.get('model')!r} not found"}}
        if path == "/v1/completions":
            # Like vLLM and OpenAI: a prompt longer than the model's context is refused.
            length = len(self.lm.tokenizer(str(body.get("prompt", "")))["input_ids"])
            limit = int(self.lm.model.config.n_positions)
            if length + int(body.get("max_tokens", 16)) > limit:
                return 400, {
                    "error": {
                        "message": f"This model's maximum context length is {limit} tokens; "
                        f"the prompt has {length}"
                    }
                }
            return 200, self._completions(body)
        if path == "/v1/chat/completions":
            return 200, self._chat(body)
        return 404, {"error": {"message": f"no route {path}"}}

    def _completions(self, body: dict[str, Any]) -> dict[str, Any]:
        prompt = str(body["prompt"])
        max_tokens = int(body.get("max_tokens", 16))
        stop = list(body.get("stop") or [])
        generated = self.lm.generate(
            prompt, max_tokens, float(body.get("temperature", 1.0)), int(body.get("seed", 0))
        )
        text = cut_at_stop(generated, stop)
        logprobs = None
        if body.get("logprobs") is not None and self.logprobs and body.get("echo"):
            logprobs = self.lm.prompt_logprobs(prompt, max(1, int(body["logprobs"])))
            if self.zero_logprobs:  # a broken server: every token certain
                logprobs["token_logprobs"] = [None] + [0.0] * (len(logprobs["tokens"]) - 1)
        choice = {
            "index": 0,
            "text": (prompt if body.get("echo") else "") + text,
            "logprobs": logprobs,
            # As servers do: "stop" at a stop sequence, "length" when the budget ran out.
            "finish_reason": "stop" if text != generated else "length",
        }
        return {
            "id": "cmpl-test",
            "object": "text_completion",
            "model": self.name,
            "choices": [choice],
        }

    def _chat(self, body: dict[str, Any]) -> dict[str, Any]:
        # The conversation in the model's own chat template when it has one, as vLLM does.
        messages = list(body["messages"])
        if getattr(self.lm.tokenizer, "chat_template", None):
            prompt = str(
                self.lm.tokenizer.apply_chat_template(
                    messages, tokenize=False, add_generation_prompt=True
                )
            )
        else:
            prompt = str(messages[-1]["content"])
        generated = self.lm.generate(
            prompt,
            int(body.get("max_tokens", 16)),
            float(body.get("temperature", 1.0)),
            int(body.get("seed", 0)),
        )
        text = cut_at_stop(generated, list(body.get("stop") or []))
        message = {"role": "assistant", "content": text}
        finish = "stop" if text != generated else "length"
        return {
            "id": "chat-test",
            "object": "chat.completion",
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        }


def _handler_for(server: OpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Like vLLM's server (uvicorn): an answer written in two pieces (headers, body) is
        # not held back until the client acknowledges the first (Nagle's algorithm).
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass  # quiet: the tests read ``server.received`` instead

        def _send(self, status: int, payload: bytes, headers: dict[str, str] | None = None) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a time-out test)

        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            authorization = self.headers.get("Authorization")
            with server._lock:
                server.received.append(
                    Received(self.path, body, authorization, tuple(self.client_address[:2]))
                )
            if server.api_key is not None and authorization != f"Bearer {server.api_key}":
                self._send(401, json.dumps({"error": {"message": "invalid api key"}}).encode())
                return
            fault = server._fault_for(body)
            if fault is not None and fault.kind == "sleep":
                server._stopped.wait(fault.seconds)
            elif fault is not None and fault.kind == "malformed":
                self._send(200, b'{"choices": [ {"text": "unterminated')
                return
            elif fault is not None and fault.kind == "status":
                headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                message = json.dumps({"error": {"message": f"injected {fault.status}"}})
                self._send(fault.status, message.encode(), headers)
                return
            status, answer = server.answer(self.path, body)
            self._send(status, json.dumps(answer).encode())

    return Handler
