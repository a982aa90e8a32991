"""The store away or locked: 503 with Retry-After, never 500, and nothing acknowledged lost.

The PostgreSQL test stops and starts the local server (pg_ctlcluster), as an operations team
restarting the database under a running service would.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from claimgraph.graph import ClaimGraph
from claimgraph.graph.store import is_postgres
from tests.app.samples import sample_articles
from tests.app.support import MakeClient, assert_error


def _cluster() -> list[str] | None:
    """pg_ctlcluster's version and name of the local server, when this machine runs one."""
    versions = sorted(os.path.basename(path) for path in glob.glob("/etc/postgresql/*"))
    if not versions or shutil.which("pg_ctlcluster") is None or os.geteuid() != 0:
        return None
    return [versions[-1], "main"]


def _pg_ctl(action: str, cluster: list[str]) -> None:
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", *cluster, action]
    if action == "stop":
        command += ["-m", "fast"]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


@pytest.mark.sqlite_only
def test_sqlite_locked_past_the_busy_timeout_is_503(make_client: MakeClient, db_path: Path) -> None:
    client = make_client(db_timeout=0.2)
    graph: ClaimGraph = client.app.state.graph  # type: ignore[attr-defined]
    first, second = sample_articles()
    graph.ingest(first)
    graph.ingest(second)
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        response = client.delete(f"/articles/{first.id}")
        assert_error(response, 503, "store_unavailable")
        assert int(response.headers["retry-after"]) >= 1
        assert str(db_path) not in response.text  # where the store is stays in the log
        assert client.get("/claims").status_code == 200  # reads go on
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert client.delete(f"/articles/{first.id}").status_code == 204
    assert client.get("/articles").json()["count"] == 1


@pytest.mark.postgres_only
def test_postgres_restarted_under_the_api(make_client: MakeClient, db_path: str | Path) -> None:
    assert is_postgres(db_path)
    cluster = _cluster()
    if cluster is None:
        pytest.skip("no local PostgreSQL cluster this test may stop and start")
    client = make_client(db_timeout=1.0)
    first, second = sample_articles()
    graph: ClaimGraph = client.app.state.graph  # type: ignore[attr-defined]
    graph.ingest(first)
    merge = client.post("/merges", json={"keep": "Gavin Williamson", "merge": "Taliban"})
    assert merge.status_code == 422  # a person and an organisation: refused, not lost
    _pg_ctl("stop", cluster)
    try:
        for request in (
            lambda: client.get("/claims"),
            lambda: client.get("/entities?q=Williamson"),
            lambda: client.delete(f"/articles/{first.id}"),
        ):
            response = request()
            assert_error(response, 503, "store_unavailable")
            assert response.headers["retry-after"].isdigit()
    finally:
        _pg_ctl("start", cluster)
    deadline = time.monotonic() + 60
    while (response := client.get("/claims")).status_code != 200:
        assert response.status_code == 503, response.text
        assert time.monotonic() < deadline, "the API never recovered"
        time.sleep(0.2)
    # Everything acknowledged before the restart is there; the API writes again by itself.
    assert response.json()["count"] == len(first.claims)
    graph.ingest(second)
    assert client.get("/articles").json()["count"] == 2
