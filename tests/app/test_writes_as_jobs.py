"""CLAIMGRAPH_WRITES=jobs: an API process on PostgreSQL that never builds a graph, not even to
write. Its ingests, deletes and people's decisions are jobs that `claimgraph worker`
processes do; the API waits for them (CLAIMGRAPH_WRITE_WAIT) and answers as if it had written
itself, or 202 with the job when none is done in time."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph.app.worker import run_worker
from claimgraph.extract import Extractor
from claimgraph.graph import ClaimGraph, StoreGraph
from claimgraph.graph.store import open_store
from tests.app.samples import sample_articles
from tests.app.support import MakeClient, assert_error, assert_page

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def worker(db_path: str | Path, extractor: Extractor) -> Iterator[None]:
    """A worker taking jobs in the background, as `claimgraph worker` does."""
    stopping = threading.Event()
    graph = ClaimGraph(open_store(db_path))
    thread = threading.Thread(
        target=run_worker,
        args=(graph, extractor),
        kwargs={"poll": 0.02, "stop": stopping.is_set},
        daemon=True,
    )
    thread.start()
    yield
    stopping.set()
    thread.join(timeout=30)
    graph.close()


def test_every_write_is_done_by_a_worker(make_client: MakeClient, worker: None) -> None:
    client = make_client(writes="jobs", write_wait=30)
    kabul, isis = sample_articles()
    posted = client.post("/articles", json={"text": "Mayor Ada Park said the bridge would open."})
    assert posted.status_code == 201, posted.text
    assert assert_page(posted.json())[0]["status"] == "created"
    graph = client.app.state.graph  # type: ignore[attr-defined]
    assert isinstance(graph, StoreGraph)
    assert graph.ingest(kabul).status == "created"
    assert graph.ingest_many([isis, kabul])[1].status == "unchanged"
    merged = client.post("/merges", json={"keep": "Gavin Williamson", "merge": "Frank Gardner"})
    assert merged.status_code == 201, merged.text
    merge = merged.json()
    assert merge["status"] == "applied" and merge["decided_by"] == "api"
    assert client.get("/entities/Frank Gardner").json()["id"] == merge["kept"]["id"]
    undone = client.delete(f"/merges/{merge['id']}?by=editor").json()
    assert undone["status"] == "undone" and undone["decided_by"] == "editor"
    assert client.post(f"/merges/{merge['id']}/accept").json()["status"] == "applied"
    assert client.post(f"/merges/{merge['id']}/reject").json()["status"] == "undone"
    split = client.post("/entities/Taliban/split", json={"articles": [isis.id]})
    assert split.status_code == 201, split.text
    assert client.delete(f"/splits/{split.json()['id']}").json()["active"] is False
    # A write's own errors come back as they would from a process that writes itself.
    assert_error(client.post("/merges/m-nope/accept"), 404, "not_found")
    assert_error(client.post("/entities/Taliban/split", json={"articles": ["a-x"]}), 422)
    assert_error(client.post("/merges", json={"keep": "Taliban", "merge": "Gavin Williamson"}), 422)
    assert client.delete(f"/articles/{kabul.id}").status_code == 204
    assert_error(client.delete(f"/articles/{kabul.id}"), 404, "not_found")
    assert [a["id"] for a in client.get("/articles").json()["data"]][-1] == isis.id
    assert graph._writer is None  # the API process never built a graph


def test_a_write_no_worker_takes_in_time_is_a_202_and_its_job(
    make_client: MakeClient, db_path: str | Path, extractor: Extractor
) -> None:
    client = make_client(writes="jobs", write_wait=0.2)
    kabul, isis = sample_articles()
    with ClaimGraph(open_store(db_path)) as writer:
        writer.ingest(kabul)
        writer.ingest(isis)
    answer = client.post("/merges", json={"keep": "Gavin Williamson", "merge": "Frank Gardner"})
    assert answer.status_code == 202, answer.text
    (job,) = assert_page(answer.json(), count=1)
    assert answer.headers["Location"] == job["url"]
    assert client.get(job["url"]).json()["state"] == "queued"
    with ClaimGraph(open_store(db_path)) as graph:
        report = run_worker(graph, extractor, drain=True, poll=0.01)
    assert report.done == 1
    done = client.get(job["url"]).json()
    assert done["state"] == "done" and done["result"]["status"] == "applied"
    assert client.get("/entities/Frank Gardner").json()["id"] == "person:gavin-williamson"
