"""`claimgraph worker`: take jobs from the store's queue and do them: articles to extract and
ingest, and the writes API processes that hold no graph hand over (CLAIMGRAPH_WRITES=jobs).

Any number of workers, on any machines, share one store: each job is taken by one worker at
a time (PostgreSQL: `SELECT … FOR UPDATE SKIP LOCKED`; SQLite: its single writer), for a lease
the worker renews while it works. A worker killed in the middle of a job loses nothing: the
lease runs out and another worker takes the job again (re-ingesting an article that was
already stored changes nothing). A job that fails for its input (not an article, too long,
clashing ids) is marked failed with the reason, once.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError

from claimgraph.extract import ExtractionError, Extractor
from claimgraph.extract.sources import SourceDocument
from claimgraph.graph import ClaimGraph, writes
from claimgraph.graph.errors import ClaimGraphError, InvalidArticle, StoreUnavailable
from claimgraph.graph.store import DONE, FAILED, Job

log = logging.getLogger("claimgraph.worker")

# A job this worker had been taking when another worker took it over (see do_job).
LOST = "lost"
# Seconds a job is held without a sign of life from its worker; renewed every third of it.
LEASE_S = 60.0
# Seconds between looks at an empty queue (and after the store could not be reached).
POLL_S = 1.0


def worker_name() -> str:
    """host:pid:random, unique among the workers of one store."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class WorkerReport:
    done: int = 0
    failed: int = 0
    lost: int = 0  # jobs another worker took over while this one was still on them


class _Lease:
    """Renew a job's lease in the background while the worker is on it."""

    def __init__(self, graph: ClaimGraph, job: Job, worker: str, lease: float) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._renew, args=(graph, job.id, worker, lease), daemon=True
        )

    def _renew(self, graph: ClaimGraph, job_id: str, worker: str, lease: float) -> None:
        while not self._stop.wait(lease / 3):
            try:
                if not graph.store.extend_lease(job_id, worker, lease=lease):
                    return
            except StoreUnavailable as error:
                log.warning("could not renew the lease of %s: %s", job_id, error)

    def __enter__(self) -> _Lease:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def do_job(
    graph: ClaimGraph, extractor: Extractor, job: Job, worker: str, max_chars: int | None = None
) -> str:
    """Extract and ingest one job's article and record the outcome: DONE, FAILED (the
    input's fault), or LOST when the job was no longer this worker's to finish (its lease ran
    out and another worker took it). `max_chars`: the longest text accepted
    (CLAIMGRAPH_MAX_ARTICLE_CHARS, as the API's). A job that asks for a write of an API
    process that holds no graph (graph/writes.py) is that write."""
    if writes.is_write(job.payload):
        return _do_write(graph, job, worker)
    try:
        document = SourceDocument.model_validate(job.payload)
        article = extractor.extract(document, max_chars=max_chars)
        result = graph.ingest(article)
    except (ValidationError, ExtractionError, InvalidArticle) as error:
        # The input's fault: trying again gives the same answer.
        reason = " ".join(str(error).split())
        return FAILED if graph.store.finish_job(job.id, worker, error=reason) else LOST
    finished = graph.store.finish_job(job.id, worker, result=result.model_dump(mode="json"))
    return DONE if finished else LOST


def _do_write(graph: ClaimGraph, job: Job, worker: str) -> str:
    try:
        answer = writes.perform(graph, job.payload)
    except StoreUnavailable:
        raise
    except ValidationError as error:
        reason = "InvalidArticle: " + " ".join(str(error).split())
        return FAILED if graph.store.finish_job(job.id, worker, error=reason) else LOST
    except ClaimGraphError as error:
        # The write's own answer (no such merge, an invalid split): the same every time.
        failed = graph.store.finish_job(job.id, worker, error=writes.failure(error))
        return FAILED if failed else LOST
    return DONE if graph.store.finish_job(job.id, worker, result=answer) else LOST


def run_worker(
    graph: ClaimGraph,
    extractor: Extractor,
    *,
    name: str | None = None,
    lease: float = LEASE_S,
    poll: float = POLL_S,
    drain: bool = False,
    stop: Callable[[], bool] = lambda: False,
    max_chars: int | None = None,
) -> WorkerReport:
    """Take jobs until `stop()` says so (or, with `drain`, until the queue is empty)."""
    worker = name or worker_name()
    report = WorkerReport()
    if graph.store.read_model and not graph.store.read_model_built():
        graph.build_tables()  # a store from before its graph tables: API processes read them
    waiter = threading.Event()
    while not stop():
        try:
            job = graph.store.claim_job(worker, lease=lease)
        except StoreUnavailable as error:
            log.warning("the store is unavailable, trying again in %s s: %s", poll, error)
            waiter.wait(poll)
            continue
        if job is None:
            if drain:
                break
            waiter.wait(poll)
            continue
        try:
            with _Lease(graph, job, worker, lease):
                outcome = do_job(graph, extractor, job, worker, max_chars)
        except StoreUnavailable as error:
            # Nothing is lost: the job's lease runs out and it is taken again.
            log.warning("job %s stopped, the store is unavailable: %s", job.id, error)
            waiter.wait(poll)
            continue
        except Exception:
            log.exception("job %s failed unexpectedly", job.id)
            graph.store.finish_job(job.id, worker, error="internal error while ingesting")
            report.failed += 1
            continue
        if outcome == DONE:
            report.done += 1
        elif outcome == FAILED:
            report.failed += 1
        else:
            report.lost += 1
    return report
