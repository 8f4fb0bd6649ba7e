"""The served-model HTTP client: requests a second against a loopback JSON server.

Compares, on the same server and payload:

1. harness's client (``harness.models.http_client.JsonClient``: httpx, kept-alive
   pooled connections, the retry policy);
2. the same with ``keep_alive=False`` (a new connection per request);
3. a baseline of the standard library: ``http.client``, a new connection per request,
   request line, headers and body in one write (what harness did before httpx).

    python bench/http_client.py [--requests 2000] [--nagle]

The server answers at once with a small completion, so what is measured is the client
and the connection handling, not a model. ``--nagle`` serves with Nagle's algorithm on
(Python's ``http.server`` default, which writes an answer's headers and body
separately): a kept-alive connection then waits for the client's delayed
acknowledgement on every answer.
"""

from __future__ import annotations

import argparse
import http.client
import json
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from harness.models.http_client import JsonClient

ANSWER = json.dumps({"choices": [{"index": 0, "text": " yes", "logprobs": None}]}).encode()
PAYLOAD = {"model": "m", "prompt": "Premise: a man sleeps. Hypothesis: a man rests. " * 4}


def serve(nagle: bool) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = not nagle

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(ANSWER)))
            self.end_headers()
            self.wfile.write(ANSWER)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/v1"


def stdlib_post(url: str) -> Callable[[int], Any]:
    host_port = url.split("//")[1].split("/")[0]
    host, port = host_port.split(":")
    body = json.dumps(PAYLOAD).encode()

    def post(_: int) -> Any:
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        try:
            connection.request(
                "POST", "/v1/completions", body=body, headers={"Content-Type": "application/json"}
            )
            return json.loads(connection.getresponse().read())
        finally:
            connection.close()

    return post


def rate(post: Callable[[int], Any], requests: int, concurrency: int) -> float:
    post(-1)  # connect once before timing
    best = 0.0
    for _ in range(3):
        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(post, range(requests)))
        best = max(best, requests / (time.perf_counter() - started))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--nagle", action="store_true", help="serve with Nagle's algorithm on")
    args = parser.parse_args()
    server, url = serve(args.nagle)
    print(
        f"loopback server ({'Nagle on' if args.nagle else 'TCP_NODELAY'}), {args.requests} requests, best of 3:"
    )
    for concurrency in (1, 4):
        rows = []
        for label, keep_alive in (
            ("harness (httpx, kept alive)", True),
            ("harness, keep_alive=false", False),
        ):
            client = JsonClient(url, concurrency=concurrency, max_retries=0, keep_alive=keep_alive)
            rows.append(
                (
                    label,
                    rate(
                        lambda i, c=client: c.post("/completions", PAYLOAD, key=str(i)),
                        args.requests,
                        concurrency,
                    ),
                )
            )
            client.close()
        rows.append(
            (
                "http.client, a connection per request",
                rate(stdlib_post(url), args.requests, concurrency),
            )
        )
        for label, value in rows:
            print(f"  concurrency {concurrency}: {label:<40} {value:7.0f} requests/s")
    server.shutdown()


if __name__ == "__main__":
    main()
