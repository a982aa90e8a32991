"""Ingest as jobs: POST /articles?queue=true answers 202, workers do the work, /jobs tells."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimgraph.app.runtime import load_extractor
from claimgraph.app.worker import run_worker
from claimgraph.extract import Extractor
from claimgraph.graph import ClaimGraph
from claimgraph.graph.store import open_store
from tests.app.samples import ISIS_TEXT, KABUL_TEXT, sample_articles
from tests.app.support import MakeClient, TestClient, assert_error, assert_page
from tests.app.support import run_cli as run
from tests.app.test_many_processes import state
from tests.backends import POSTGRES, postgres_schema


def test_a_queued_article_is_ingested_by_a_worker(client: TestClient, extractor: Extractor) -> None:
    response = client.post("/articles?queue=true", json={"text": KABUL_TEXT, "title": "Kabul"})
    assert response.status_code == 202
    (job,) = assert_page(response.json(), count=1)
    assert job["state"] == "queued" and response.headers["location"] == job["url"]
    assert client.get(job["url"]).json()["state"] == "queued"
    assert client.get("/claims").json()["count"] == 0  # nothing extracted in the request

    graph: ClaimGraph = client.app.state.graph  # type: ignore[attr-defined]
    report = run_worker(graph, extractor, drain=True, poll=0.01)
    assert (report.done, report.failed) == (1, 0)
    done = client.get(job["url"]).json()
    assert done["state"] == "done" and done["attempts"] == 1 and done["error"] is None
    assert done["result"]["status"] == "created" and done["result"]["title"] == "Kabul"
    assert client.get("/claims").json()["count"] == done["result"]["claims"] > 0


def test_a_job_failing_for_its_input_is_failed_once(
    client: TestClient, extractor: Extractor
) -> None:
    batch = {"articles": [{"text": ISIS_TEXT}, {"text": "\u200b \n\t "}]}
    response = client.post("/articles?queue=true", json=batch)
    assert response.status_code == 202 and "location" not in response.headers
    good, bad = assert_page(response.json(), count=2)
    graph: ClaimGraph = client.app.state.graph  # type: ignore[attr-defined]
    report = run_worker(graph, extractor, drain=True, poll=0.01)
    assert (report.done, report.failed) == (1, 1)
    assert client.get(good["url"]).json()["state"] == "done"
    failed = client.get(bad["url"]).json()
    assert failed["state"] == "failed" and failed["result"] is None
    assert failed["error"] and failed["attempts"] == 1
    # Nothing is tried again.
    assert run_worker(graph, extractor, drain=True, poll=0.01).failed == 0
    listed = client.get("/jobs?state=failed").json()
    assert listed["count"] == 1 and [job["id"] for job in listed["data"]] == [bad["id"]]
    everything = client.get("/jobs?limit=1").json()
    assert everything["count"] == 2 and everything["data"][0]["id"] == bad["id"]  # newest first
    assert everything["data"][0]["worker"]
    assert_error(client.get("/jobs?state=lost"), 422)


def test_queued_posts_are_checked_before_they_are_queued(client: TestClient) -> None:
    assert_error(client.post("/articles?queue=true", json={"title": "no text"}), 422)
    assert_error(client.post("/articles?queue=maybe", json={"text": KABUL_TEXT}), 422)
    assert_error(client.get("/jobs/j-missing"), 404, "not_found")
    graph: ClaimGraph = client.app.state.graph  # type: ignore[attr-defined]
    assert graph.store.count_jobs()["queued"] == 0


def test_queued_posts_need_the_write_key(make_client: MakeClient) -> None:
    client = make_client(api_key="s3cret")
    assert_error(client.post("/articles?queue=true", json={"text": KABUL_TEXT}), 401)
    response = client.post(
        "/articles?queue=true", json={"text": KABUL_TEXT}, headers={"X-API-Key": "s3cret"}
    )
    assert response.status_code == 202


def test_ingest_queue_and_a_worker_on_the_command_line(
    capsys: pytest.CaptureFixture[str], db_path: str | Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "kabul.txt").write_text(f"Kabul airport\n\n{KABUL_TEXT}\n")
    (folder / "isis.txt").write_text(f"ISIS-K\n\n{ISIS_TEXT}\n")
    code, out, _ = run(capsys, "ingest", "--queue", "--db", str(db_path), str(folder))
    assert code == 0 and "2 queued" in out
    with open_store(db_path) as store:
        assert store.count_jobs()["queued"] == 2 and store.count_articles() == 0
    code, out, _ = run(capsys, "worker", "--drain", "--db", str(db_path))
    assert code == 0 and "2 jobs done, 0 failed" in out
    with open_store(db_path) as store:
        assert store.count_jobs()["done"] == 2 and store.count_articles() == 2


def test_a_killed_worker_loses_nothing(db_path: str | Path, tmp_path: Path) -> None:
    """A worker killed (SIGKILL) in the middle of its jobs: the job it held returns to the
    queue when its lease runs out, and another worker finishes everything."""
    with open_store(db_path) as store:
        ids = store.enqueue(
            [{"text": f"{KABUL_TEXT} Story {n}.", "title": f"Story {n}"} for n in range(6)]
        )
    env = {**os.environ, "CLAIMGRAPH_DB": str(db_path)}
    worker = subprocess.Popen(
        [sys.executable, "-m", "claimgraph", "worker", "--lease", "1", "--poll", "0.05"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        with open_store(db_path) as store:
            while store.count_jobs()["running"] == 0 and time.monotonic() < deadline:
                time.sleep(0.02)
            assert store.count_jobs()["running"] == 1, "the worker never took a job"
        os.kill(worker.pid, signal.SIGKILL)
    finally:
        worker.wait(timeout=30)
    with open_store(db_path) as store:
        assert store.count_jobs()["done"] < len(ids)
    time.sleep(1.2)  # the dead worker's lease runs out
    with ClaimGraph.open(db_path) as graph:
        report = run_worker(graph, load_extractor(), drain=True, poll=0.01)
        assert report.failed == 0
        jobs = [graph.store.get_job(jid) for jid in ids]
        assert all(job is not None and job.state == "done" for job in jobs)
        assert graph.health()["articles"] == len(ids)
        assert any(job is not None and job.attempts == 2 for job in jobs)


@pytest.mark.sqlite_only
def test_migrate_copies_a_store_and_its_decisions_to_postgresql(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    first, second = sample_articles()
    with ClaimGraph.open(db_path) as graph:
        graph.ingest(first)
        graph.ingest(second)
        merge = graph.merge_entities("Gavin Williamson", "Frank Gardner", by="editor")
        graph.undo_merge(merge.id, by="editor")
        graph.merge_entities("Taliban", "ISIS-K", by="editor")
        before = state(graph)
        decided = graph.merges(status="undone").data
    with postgres_schema() as url:
        code, out, _ = run(capsys, "migrate", "--db", str(db_path), "--to", url)
        assert code == 0 and "copied 2 articles, 2 merges" in out and "counts checked" in out
        with ClaimGraph.open(url) as moved:
            assert state(moved) == before
            assert moved.merges(status="undone").data == decided  # who and when kept
            assert [a.id for a in moved.articles().data] == [first.id, second.id]
        # Into a store that already holds something: refused, nothing changed.
        code, _, err = run(capsys, "migrate", "--db", str(db_path), "--to", url)
        assert code == 1 and "not empty" in err
        # And back to a new SQLite file.
        back = db_path.parent / "back.db"
        code, out, _ = run(capsys, "migrate", "--db", url, "--to", str(back))
        assert code == 0
        with ClaimGraph.open(back) as returned:
            assert state(returned) == before


def test_a_worker_keeps_to_the_article_length_limit(
    client: TestClient, extractor: Extractor
) -> None:
    page = "<html><body><article><p>" + "word " * 400 + "</p></article></body></html>"
    (job,) = assert_page(client.post("/articles?queue=true", json={"text": page}).json())
    graph: ClaimGraph = client.app.state.graph  # type: ignore[attr-defined]
    report = run_worker(graph, extractor, drain=True, poll=0.01, max_chars=1000)
    assert (report.done, report.failed) == (0, 1)
    failed = client.get(job["url"]).json()
    assert failed["state"] == "failed" and "1000" in failed["error"]


def test_a_postgresql_store_that_cannot_be_reached_is_one_clear_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = POSTGRES.split("?")[0].rsplit("/", 1)[0]
    missing = f"{base}/claimgraph_no_such_database"
    code, _, err = run(capsys, "query", "articles", "--db", missing)
    assert code == 1 and "does not exist" in err and "Traceback" not in err
    with_password = "postgresql://someone:s3cret@127.0.0.1:1/news"
    code, _, err = run(capsys, "query", "articles", "--db", with_password)
    assert code == 1 and "cannot connect" in err and "s3cret" not in err
