"""Durability: the real server, killed with SIGKILL in the middle of a stream of ingests, loses
nothing it acknowledged and holds nothing half-written when it comes back.

`claimgraph serve` runs as a subprocess on a free loopback port; writer threads post small
articles until the connection drops; the test kills the server while requests are in flight,
restarts it on the same database and checks every acknowledged article, whole.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.graph.test_concurrency import half_applied

LOOPBACK = "127.0.0.1"
STARTUP_SECONDS = 90
WRITERS = 3
MAX_PER_WRITER = 200
ACKS_BEFORE_KILL = 12


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


def serve_command(db: Path, port: int) -> list[str]:
    script = Path(sys.executable).with_name("claimgraph")
    command = [str(script)] if script.exists() else [sys.executable, "-c", _MAIN]
    return [*command, "serve", "--db", str(db), "--host", LOOPBACK, "--port", str(port)]


_MAIN = "import sys; from claimgraph.app.cli import main; sys.exit(main())"


class Server:
    """One `claimgraph serve` process; its output goes to a log file."""

    def __init__(self, db: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://{LOOPBACK}:{self.port}"
        self.log = log
        with log.open("ab") as output:
            self.process = subprocess.Popen(
                serve_command(db, self.port), stdout=output, stderr=subprocess.STDOUT
            )

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"server exited with {self.process.returncode}:\n{self.log_text()}")
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        pytest.fail(f"server not ready after {STARTUP_SECONDS} s:\n{self.log_text()}")

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[list[Server]]:
    """Every server a test starts is killed at the end, whatever happened."""
    started: list[Server] = []
    yield started
    for server in started:
        server.kill()


def article_text(writer: int, number: int) -> str:
    return (
        f"Evacuation update {writer}-{number}\n\n"
        f"Defence Secretary Gavin Williamson said on Thursday that {number} more flights from "
        f"writer {writer} would leave Kabul Airport.\n\n"
        f'"We are doing everything we can," he told Sky News.'
    )


def stream(url: str, writer: int, acknowledged: dict[str, int], stop: threading.Event) -> None:
    """Post articles one after another until the server goes away; record each 2xx."""
    with httpx.Client(base_url=url, timeout=30) as client:
        for number in range(MAX_PER_WRITER):
            if stop.is_set():
                return
            try:
                response = client.post("/articles", json={"text": article_text(writer, number)})
            except httpx.TransportError:
                return  # killed mid-request: the outcome of this one is unknown
            if response.is_success:
                [result] = response.json()["data"]
                acknowledged[result["article_id"]] = result["claims"]


def assert_store_whole(url: str, acknowledged: dict[str, int]) -> None:
    with httpx.Client(base_url=url, timeout=30) as client:
        for article_id, claims in acknowledged.items():
            response = client.get(f"/articles/{article_id}")
            assert response.status_code == 200, f"acknowledged {article_id} is lost"
            assert len(response.json()["claims"]) == claims, f"{article_id} is not whole"
        summaries = client.get("/articles", params={"limit": 1000}).json()["data"]
        stored = {summary["id"]: summary["claims"] for summary in summaries}
        for article_id, claims in stored.items():
            assert len(client.get(f"/articles/{article_id}").json()["claims"]) == claims
        assert half_applied(client.get("/graph").json(), stored) == []
        assert client.get("/claims", params={"limit": 1}).json()["count"] == sum(stored.values())


@pytest.mark.model
def test_sigkill_mid_stream_loses_nothing_acknowledged(
    tmp_path: Path, servers: list[Server]
) -> None:
    db = tmp_path / "claimgraph.db"
    servers.append(Server(db, tmp_path / "serve.log"))
    servers[-1].wait_until_ready()

    acknowledged: dict[str, Any] = {}
    stop = threading.Event()
    writers = [
        threading.Thread(target=stream, args=(servers[-1].url, w, acknowledged, stop))
        for w in range(WRITERS)
    ]
    for writer in writers:
        writer.start()
    deadline = time.monotonic() + 60
    while len(acknowledged) < ACKS_BEFORE_KILL and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(random.uniform(0, 0.05))  # somewhere inside the next requests
    servers[-1].kill()
    stop.set()
    for writer in writers:
        writer.join(timeout=60)
    assert len(acknowledged) >= ACKS_BEFORE_KILL, servers[-1].log_text()
    assert servers[-1].process.returncode == -signal.SIGKILL

    # The database file as the kill left it: SQLite recovers it on open, whole.
    servers.append(Server(db, tmp_path / "serve.log"))
    servers[-1].wait_until_ready()
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert_store_whole(servers[-1].url, acknowledged)
