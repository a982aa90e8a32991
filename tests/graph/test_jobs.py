"""The ingest queue in the store: jobs taken once, leases that run out, outcomes recorded."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph.graph import ClaimGraph
from claimgraph.graph.store import MAX_ATTEMPTS, Store, open_store
from tests.graph.factories import bbc_article, threat_article


@pytest.fixture
def store(db_path: str | Path) -> Iterator[Store]:
    with open_store(db_path) as opened:
        yield opened


def payload(n: int) -> dict[str, str]:
    return {"text": f"Article {n}: Mayor Ada Park said the bridge would reopen.", "title": f"#{n}"}


def test_jobs_are_taken_oldest_first_and_once(store: Store) -> None:
    ids = store.enqueue([payload(n) for n in range(3)])
    first = store.claim_job("w1", lease=30)
    second = store.claim_job("w2", lease=30)
    third = store.claim_job("w1", lease=30)
    assert [job.id for job in (first, second, third) if job] == ids
    assert store.claim_job("w3", lease=30) is None
    assert first is not None and first.state == "running" and first.worker == "w1"
    assert first.payload == payload(0) and first.attempts == 1
    assert store.count_jobs() == {"queued": 0, "running": 3, "done": 0, "failed": 0}


def test_outcomes_are_recorded_by_the_worker_holding_the_job(store: Store) -> None:
    done_id, failed_id = store.enqueue([payload(1), payload(2)])
    store.claim_job("w1", lease=30)
    store.claim_job("w1", lease=30)
    assert not store.finish_job(done_id, "someone-else", result={"status": "created"})
    assert store.finish_job(done_id, "w1", result={"status": "created"})
    assert store.finish_job(failed_id, "w1", error="not an article")
    done, failed = store.get_job(done_id), store.get_job(failed_id)
    assert done is not None and done.state == "done" and done.result == {"status": "created"}
    assert failed is not None and failed.state == "failed" and failed.error == "not an article"
    # A failed job is failed once: it is never taken again.
    assert store.claim_job("w2", lease=30) is None
    assert store.get_job("j-missing") is None


def test_a_job_whose_worker_stopped_is_taken_again(store: Store) -> None:
    (job_id,) = store.enqueue([payload(1)])
    assert store.claim_job("dead", lease=0.2) is not None
    assert store.claim_job("alive", lease=30) is None  # still the dead worker's
    time.sleep(0.4)
    again = store.claim_job("alive", lease=30)
    assert again is not None and again.id == job_id and again.attempts == 2
    # The worker that lost it can no longer record an outcome or keep the lease.
    assert not store.extend_lease(job_id, "dead", lease=30)
    assert not store.finish_job(job_id, "dead", result={})
    assert store.extend_lease(job_id, "alive", lease=30)
    assert store.finish_job(job_id, "alive", result={"status": "created"})


def test_a_job_that_keeps_stopping_its_workers_is_failed(store: Store) -> None:
    (job_id,) = store.enqueue([payload(1)])
    for attempt in range(MAX_ATTEMPTS):
        job = store.claim_job(f"w{attempt}", lease=0.05)
        assert job is not None and job.attempts == attempt + 1
        time.sleep(0.15)
    assert store.claim_job("next", lease=30) is None
    job = store.get_job(job_id)
    assert job is not None and job.state == "failed"
    assert job.error is not None and "stopped" in job.error


def test_concurrent_workers_never_share_a_job(db_path: str | Path) -> None:
    with open_store(db_path) as queue:
        ids = queue.enqueue([payload(n) for n in range(40)])
    taken: list[str] = []
    lock = threading.Lock()

    def work(name: str) -> None:
        with open_store(db_path, pool_size=2) as store:
            while (job := store.claim_job(name, lease=30)) is not None:
                with lock:
                    taken.append(job.id)
                assert store.finish_job(job.id, name, result={})

    threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(taken) == sorted(ids)


def test_the_queue_is_not_a_change_to_the_graph(db_path: str | Path) -> None:
    """Another process's graph reloads when articles or merges change, never for the queue."""
    with ClaimGraph.open(db_path) as cg, open_store(db_path) as other:
        cg.ingest(threat_article())
        seen = cg.store.data_version()
        (job_id,) = other.enqueue([payload(1)])
        other.claim_job("w", lease=30)
        other.finish_job(job_id, "w", result={})
        assert cg.store.data_version() == seen
        other.add_article(bbc_article())
        assert cg.store.data_version() != seen
        assert cg.health()["articles"] == 2  # the reload happened
