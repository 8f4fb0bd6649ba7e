"""The served-model HTTP client against a loopback server: requests a second, client CPU.

Compares, on the same server (its own process) and payload:

1. harness's client (``harness.models.http_client.JsonClient``: httpx, pooled kept-alive
   connections, the retry policy);
2. the same with ``keep_alive=False`` (a new connection per request);
3. a baseline of the standard library: ``http.client``, a new connection (and for https
   a new default TLS context) per request — what harness's client did before httpx.

    python bench/http_client.py [--requests 1000] [--https] [--nagle]

The server answers at once with a small completion, so what is measured is the client
and its connections, not a model: a served model's own time per answer (milliseconds
to seconds) comes on top. ``--https`` serves TLS with a throw-away self-signed
certificate (needs the ``openssl`` command), as hosted endpoints do. ``--nagle`` serves
with Nagle's algorithm on (Python's ``http.server`` default, which writes an answer's
headers and body separately): a kept-alive connection then waits for the client's
delayed acknowledgement on every answer, which ``keep_alive=false`` avoids.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import ssl
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ANSWER = json.dumps({"choices": [{"index": 0, "text": " yes", "logprobs": None}]}).encode()
PAYLOAD = {"model": "m", "prompt": "Premise: a man sleeps. Hypothesis: a man rests. " * 4}


def serve(queue: Any, nagle: bool, certificate: tuple[str, str] | None) -> None:
    """The loopback server (a process of its own); puts its URL, then counts connections."""
    peers: set[Any] = set()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = not nagle

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

        def do_POST(self) -> None:  # noqa: N802
            peers.add(self.client_address)
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.path == "/v1/connections":  # how many connections so far, then reset
                body = json.dumps({"connections": len(peers) - 1}).encode()
                peers.clear()
            else:
                body = ANSWER
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    scheme = "http"
    if certificate is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*certificate)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    queue.put(f"{scheme}://127.0.0.1:{server.server_address[1]}/v1")
    server.serve_forever()


def stdlib_post(url: str) -> Callable[[int], Any]:
    scheme, rest = url.split("://")
    host, port = rest.split("/")[0].split(":")
    body = json.dumps(PAYLOAD).encode()

    def post(_: int) -> Any:
        if scheme == "https":
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                host, int(port), timeout=60
            )
        else:
            connection = http.client.HTTPConnection(host, int(port), timeout=60)
        try:
            connection.request(
                "POST", "/v1/completions", body=body, headers={"Content-Type": "application/json"}
            )
            return json.loads(connection.getresponse().read())
        finally:
            connection.close()

    return post


def measure(
    post: Callable[[int], Any], requests: int, concurrency: int, connections: Callable[[], int]
) -> tuple[float, float, int]:
    """Median requests/s, client CPU microseconds per request, and the connections the
    server saw in a round, over three rounds."""
    post(-1)  # connect once before timing
    rates, cpu, opened = [], [], []
    for _ in range(3):
        connections()
        started, started_cpu = time.perf_counter(), time.process_time()
        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(post, range(requests)))
        cpu.append((time.process_time() - started_cpu) / requests * 1e6)
        rates.append(requests / (time.perf_counter() - started))
        opened.append(connections())
    return statistics.median(rates), statistics.median(cpu), int(statistics.median(opened))


def self_signed(directory: Path) -> tuple[str, str]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
         "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return str(cert), str(key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--https", action="store_true", help="serve TLS (self-signed)")
    parser.add_argument("--nagle", action="store_true", help="serve with Nagle's algorithm on")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        certificate = self_signed(Path(scratch)) if args.https else None
        if certificate is not None:
            os.environ["SSL_CERT_FILE"] = certificate[0]  # trusted like a system CA
        queue: Any = multiprocessing.Queue()
        server = multiprocessing.Process(
            target=serve, args=(queue, args.nagle, certificate), daemon=True
        )
        server.start()
        url = queue.get(timeout=60)
        from harness.models.http_client import JsonClient

        counter = JsonClient(url, max_retries=0, keep_alive=False)
        print(
            f"loopback {url.split(':')[0]} server ({'Nagle on' if args.nagle else 'TCP_NODELAY'}), "
            f"{args.requests} requests a round, median of 3:"
        )

        def connections() -> int:
            return int(counter.post("/connections", {})["connections"])

        for concurrency in (1, 4):
            variants: list[tuple[str, Callable[[int], Any], Any]] = []
            for label, keep_alive in (
                ("harness (httpx, kept alive)", True),
                ("harness, keep_alive=false", False),
            ):
                client = JsonClient(
                    url, concurrency=concurrency, max_retries=0, keep_alive=keep_alive
                )

                def post(i: int, client: Any = client) -> Any:
                    return client.post("/completions", PAYLOAD, key=str(i))

                variants.append((label, post, client))
            variants.append(("http.client, a connection per request", stdlib_post(url), None))
            for label, post_one, client in variants:
                rate, cpu, opened = measure(post_one, args.requests, concurrency, connections)
                if client is not None:
                    client.close()
                print(
                    f"  concurrency {concurrency}: {label:<40} {rate:6.0f} requests/s, "
                    f"{cpu:5.0f} us client CPU a request, {opened} connections a round"
                )
        server.terminate()


if __name__ == "__main__":
    main()
