"""The JSON-over-HTTP client of served models: retries, back-off, an adaptive limit.

    client = JsonClient("http://127.0.0.1:8000/v1", api_key=..., max_retries=4)
    body = client.post("/completions", {...})      # dict, or raises

The transport is httpx: one ``httpx.Client`` per model, shared by its threads, keeps up
to ``concurrency`` connections alive between requests and applies ``timeout_s`` to
connecting, writing and reading alike. A new connection per request (this client's
transport before) paid a TCP handshake, and with https a TLS handshake (three times the
client CPU of a kept-alive request), and left a socket in TIME_WAIT per request
(docs/served-models.md; ``bench/http_client.py``). Which failures are retried, and how,
is this module's policy:

* **429 Too Many Requests**: the client waits ``Retry-After`` seconds (or the
  exponential back-off when the header is absent), and halves its concurrency limit;
  every ``RECOVER_AFTER`` successes the limit grows by one again, up to the
  configured ``concurrency``. So a rate-limited server is asked less often, and
  recovers its full share when it stops answering 429.
* **5xx, time-outs and dropped connections**: exponential back-off,
  ``backoff_s * 2**attempt`` (capped at ``MAX_BACKOFF_S``), with seeded jitter.
* **Other 4xx** (bad request, unauthorised, not found): not retried; a one-line
  ``ModelError``, since sending the same request again cannot help.
* **A 2xx answer that is not JSON**: a one-line ``ModelError`` (a broken server,
  not a passing hiccup).

A request that still fails after ``max_retries`` retries raises ``InfraError``,
which the predictor records as an infrastructure error for that item (kept out of
every metric). The API key goes into the ``Authorization`` header and nowhere else:
error messages are scrubbed of it, and it is never part of what ``describe`` returns.
"""

from __future__ import annotations

import email.utils
import json
import ssl
import threading
import time
import urllib.parse
import weakref
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from harness.errors import InfraError, ModelError
from harness.seeding import rng_for

#: Successes that raise a lowered concurrency limit by one.
RECOVER_AFTER = 8
#: No back-off or Retry-After wait is longer than this.
MAX_BACKOFF_S = 120.0


class AdaptiveLimit:
    """At most ``limit`` requests in flight; halved on 429, grown back on success."""

    def __init__(self, maximum: int) -> None:
        self.maximum = maximum
        self.limit = maximum
        self.in_flight = 0
        self.successes = 0
        #: The lowest the limit went (tests and the run record read it).
        self.lowest = maximum
        self._condition = threading.Condition()

    def __enter__(self) -> AdaptiveLimit:
        with self._condition:
            while self.in_flight >= self.limit:
                self._condition.wait()
            self.in_flight += 1
        return self

    def __exit__(self, *exc: object) -> None:
        with self._condition:
            self.in_flight -= 1
            self._condition.notify_all()

    def throttled(self) -> None:
        with self._condition:
            self.limit = max(1, self.limit // 2)
            self.lowest = min(self.lowest, self.limit)
            self.successes = 0

    def succeeded(self) -> None:
        with self._condition:
            self.successes += 1
            if self.limit < self.maximum and self.successes >= RECOVER_AFTER:
                self.limit += 1
                self.successes = 0
                self._condition.notify_all()


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date).

    >>> retry_after_seconds("3")
    3.0
    >>> retry_after_seconds(None) is None
    True
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))


class JsonClient:
    """POST JSON to ``base_url + path`` with the retry policy of the module docstring."""

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        timeout_s: float = 60.0,
        max_retries: int = 4,
        backoff_s: float = 1.0,
        concurrency: int = 4,
        seed: int = 0,
        sleep: Callable[[float], None] = time.sleep,
        keep_alive: bool = True,
    ) -> None:
        parsed = urllib.parse.urlsplit(base_url.rstrip("/"))
        try:
            port = parsed.port
        except ValueError:  # a port that is not a number
            port, parsed = None, parsed._replace(netloc="")
        if parsed.scheme not in {"http", "https"} or not parsed.hostname:
            raise ModelError(f"base_url {safe_url(base_url)!r} is not an http(s) URL")
        self.scheme = parsed.scheme
        self.host = parsed.hostname
        self.port = port
        self.prefix = parsed.path
        self.api_key = api_key
        self.timeout_s = timeout_s
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self.limit = AdaptiveLimit(concurrency)
        self.seed = seed
        self.sleep = sleep
        #: Attempts made, and waits taken (seconds), for the run record and the tests.
        self.attempts = 0
        self.waits: list[float] = []
        self._lock = threading.Lock()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        if not keep_alive:
            # A new connection per request: for a server that stalls kept-alive connections
            # (one that writes an answer in pieces without TCP_NODELAY waits for the
            # client's delayed ACK, 40 ms a request on Linux).
            headers["Connection"] = "close"
        # A user:password in base_url is never sent (nor shown): the key goes in a header.
        self._http = httpx.Client(
            base_url=self.base_url,
            headers=headers,
            timeout=httpx.Timeout(timeout_s),
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
            # Retries are this client's policy (counted, backed off); none underneath. The
            # system's certificate store (and SSL_CERT_FILE), as before; no proxy variables:
            # a served model on localhost must not be sent through HTTP_PROXY.
            transport=httpx.HTTPTransport(retries=0, verify=ssl.create_default_context()),
            trust_env=False,
            follow_redirects=False,
        )
        # The pool's sockets close with the client, even when nobody calls close().
        self._finalizer = weakref.finalize(self, self._http.close)

    def close(self) -> None:
        """Close the pooled connections (also done when the client is collected)."""
        self._finalizer()

    def scrub(self, text: str) -> str:
        """``text`` with the API key blanked (a server may echo a header back)."""
        if self.api_key:
            text = text.replace(self.api_key, "***")
        return text

    def _backoff(self, attempt: int, key: str) -> float:
        # Full jitter, seeded per request and attempt: clients that failed together
        # do not retry together, and a run is reproducible.
        ceiling = min(MAX_BACKOFF_S, self.backoff_s * 2**attempt)
        return ceiling * (
            0.5 + 0.5 * rng_for(self.seed, "http-backoff", f"{key}/{attempt}").random()
        )

    def _wait(self, seconds: float) -> None:
        with self._lock:
            self.waits.append(seconds)
        if seconds > 0:
            self.sleep(seconds)

    def post(self, path: str, payload: Mapping[str, Any], key: str = "") -> dict[str, Any]:
        """The JSON object the server answers; ``ModelError`` or ``InfraError`` otherwise."""
        body = json.dumps(payload).encode("utf-8")
        url = self.base_url + path
        last_problem = ""
        for attempt in range(self.max_retries + 1):
            with self._lock:
                self.attempts += 1
            status, retry_after, text = 0, None, ""
            try:
                with self.limit:
                    response = self._http.post(url, content=body)
                    status = response.status_code
                    retry_after = response.headers.get("Retry-After")
                    text = response.content.decode("utf-8", errors="replace")
            except httpx.TimeoutException:
                last_problem = f"no answer within timeout_s={self.timeout_s:g}"
            except (httpx.TransportError, OSError) as error:
                last_problem = f"connection failed ({type(error).__name__}: {error})"
            if status == 429:
                self.limit.throttled()
                wait = retry_after_seconds(retry_after)
                last_problem = "429 Too Many Requests"
                if attempt < self.max_retries:
                    delay = self._backoff(attempt, key) if wait is None else wait
                    self._wait(min(MAX_BACKOFF_S, delay))
                continue
            if 200 <= status < 300:
                self.limit.succeeded()
                try:
                    answer = json.loads(text)
                except json.JSONDecodeError as error:
                    raise ModelError(
                        self.scrub(
                            f"server at {safe_url(self.base_url)} answered {path} with malformed "
                            f"JSON ({error.msg} at character {error.pos}): {text[:80]!r}"
                        )
                    ) from None
                if not isinstance(answer, dict):
                    raise ModelError(
                        f"server at {safe_url(self.base_url)} answered {path} with JSON that "
                        f"is not an object: {type(answer).__name__}"
                    )
                return answer
            if 400 <= status < 500:
                raise ModelError(
                    self.scrub(
                        f"server at {safe_url(self.base_url)} refused {path} with {status}: "
                        f"{_error_message(text)} (not retried)"
                    )
                )
            if status >= 500:
                last_problem = f"{status} {_error_message(text)}"
            if attempt < self.max_retries:
                self._wait(self._backoff(attempt, key))
        raise InfraError(
            self.scrub(
                f"server at {safe_url(self.base_url)} {path}: {last_problem} after "
                f"{self.max_retries + 1} attempts"
            )
        )

    @property
    def base_url(self) -> str:
        port = f":{self.port}" if self.port else ""
        return f"{self.scheme}://{self.host}{port}{self.prefix}"


def _error_message(text: str) -> str:
    """The ``error.message`` of an OpenAI-style error body, else its first 120 characters."""
    try:
        body = json.loads(text)
    except (json.JSONDecodeError, ValueError):
        return repr(text[:120])
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return error["message"][:200]
        if isinstance(error, str):
            return error[:200]
    return repr(text[:120])


def safe_url(url: str) -> str:
    """``url`` without any user:password part (it must not reach results or logs).

    >>> safe_url("https://user:secret@example.org/v1")
    'https://example.org/v1'
    """
    parsed = urllib.parse.urlsplit(url)
    if parsed.username is None and parsed.password is None:
        return url
    host = parsed.hostname or ""
    if parsed.port:
        host += f":{parsed.port}"
    return urllib.parse.urlunsplit((parsed.scheme, host, parsed.path, parsed.query, ""))
