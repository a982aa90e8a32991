"""`claimgraph serve` as deployed: worker processes for extraction, the HTTP layer's own
errors in the API's shape, and a shutdown that never waits on slow work."""

from __future__ import annotations

import os
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.app.test_durability import LOOPBACK, Server

pytestmark = pytest.mark.model


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    started = Server(tmp_path / "serve.db", tmp_path / "serve.log")
    try:
        started.wait_until_ready()
        yield started
    finally:
        started.kill()


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection((LOOPBACK, port), timeout=10) as connection:
        connection.sendall(request)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_articles_are_extracted_by_the_worker_process(server: Server) -> None:
    text = "Mayor Ada Park said the bridge would reopen in May."
    posted = httpx.post(f"{server.url}/articles", json={"text": text}, timeout=60)
    assert posted.status_code == 201, posted.text
    claims = httpx.get(f"{server.url}/claims", params={"speaker": "Ada Park"}).json()
    assert [claim["text"] for claim in claims["data"]] == ["the bridge would reopen in May"]
    assert httpx.get(f"{server.url}/health").json()["model"].startswith("en_")


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GET /claims?q=" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"NOT HTTP AT ALL\r\n\r\n",
    ],
    ids=["long-query-string", "garbage"],
)
def test_requests_the_http_layer_refuses_get_our_json_errors(
    server: Server, request_bytes: bytes
) -> None:
    answer = _raw(server.port, request_bytes)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400"), answer[:200]
    assert b"content-type: application/json" in head.lower()
    assert httpx.Response(400, content=body).json()["error"]["code"] == "bad_request"


def test_sigterm_during_a_slow_extraction_stops_the_server_promptly(server: Server) -> None:
    slow = "Marsh said " + '"a" ' * 30_000  # minutes of work at full length
    with httpx.Client(timeout=120) as client:
        import threading

        answers: list[httpx.Response | Exception] = []

        def post() -> None:
            try:
                answers.append(client.post(f"{server.url}/articles", json={"text": slow}))
            except httpx.HTTPError as error:
                answers.append(error)

        thread = threading.Thread(target=post)
        thread.start()
        time.sleep(2)
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(timeout=60)
        stopped_after = time.monotonic() - started
        thread.join(timeout=30)
    assert stopped_after < 30  # the grace period (10 s) and one pipeline component at most
    # uvicorn re-raises the signal it handled once it has shut down cleanly
    assert server.process.returncode in {0, -signal.SIGTERM}


def test_oversized_headers_are_431_in_our_shape(server: Server) -> None:
    answer = httpx.get(f"{server.url}/health", headers={"X-Big": "b" * 100_000})
    assert answer.status_code == 431
    assert answer.json()["error"]["code"] == "headers_too_large"


def _workers_of(pid: int) -> list[int]:
    """The extraction worker processes of server `pid` (its children spawned by
    multiprocessing), from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == pid and b"spawn_main" in cmdline:
            found.append(int(stat.parent.name))
    return found


def test_a_killed_worker_is_replaced(server: Server) -> None:
    workers = _workers_of(server.process.pid)
    assert workers
    for worker in workers:
        os.kill(worker, signal.SIGKILL)
    time.sleep(1)
    text = {"text": "Mayor Ada Park said the bridge would reopen in May."}
    answers = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        answer = httpx.post(f"{server.url}/articles", json=text, timeout=90)
        answers.append(answer.status_code)
        if answer.status_code == 201:
            break
        assert answer.status_code == 503 and answer.json()["error"]["code"] == "worker_lost"
        time.sleep(1)
    assert answers[-1] == 201, answers
    assert httpx.get(f"{server.url}/health").status_code == 200
