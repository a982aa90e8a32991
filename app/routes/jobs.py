"""/jobs: articles posted with `?queue=true`, and the writes of API processes that hand them to
workers (CLAIMGRAPH_WRITES=jobs), waiting for, taken by or done by a worker."""

from __future__ import annotations

from typing import Annotated, Literal

import anyio.to_thread
from fastapi import APIRouter, Query
from pydantic import BaseModel

from claimgraph.app.deps import GraphDep, Pagination, ReadAuth
from claimgraph.app.errors import ApiError, error_responses
from claimgraph.graph import IngestResult, Merge, Page, Split, writes
from claimgraph.graph.store import Job

router = APIRouter(prefix="/jobs", tags=["jobs"], responses=error_responses(401, 422))


class JobInfo(BaseModel):
    """A job: queued, running (taken by a `claimgraph worker`), done or failed."""

    id: str
    # "article": an article to extract and ingest; else the write an API process handed over
    kind: Literal["article", *writes.OPERATIONS]  # type: ignore[valid-type]
    state: Literal["queued", "running", "done", "failed"]
    attempts: int
    worker: str | None  # host:pid:tag of the worker that has (or last had) it
    created_at: str
    started_at: str | None
    finished_at: str | None
    result: IngestResult | Merge | Split | None = None  # when done: what the write did
    error: str | None = None  # when failed: why (the input's fault; it is not tried again)


_RESULTS: dict[str, type[IngestResult] | type[Merge] | type[Split]] = {
    "article": IngestResult,
    "ingest": IngestResult,
}
_RESULTS |= {operation: Merge for operation in writes.OPERATIONS if "merge" in operation}
_RESULTS |= {"split_entity": Split, "undo_split": Split}


def job_info(job: Job) -> JobInfo:
    kind = str(job.payload["write"]) if writes.is_write(job.payload) else "article"
    answer = _RESULTS.get(kind)
    return JobInfo(
        id=job.id,
        kind=kind,
        state=job.state,  # type: ignore[arg-type]
        attempts=job.attempts,
        worker=job.worker,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        result=None if job.result is None or answer is None else answer(**job.result),
        error=job.error,
    )


class QueuedJob(BaseModel):
    """One article queued for a worker: poll `url` for its state and, when done, its result."""

    id: str
    state: Literal["queued"] = "queued"
    url: str


JobState = Literal["queued", "running", "done", "failed"]


@router.get("", dependencies=[ReadAuth], responses=error_responses(503))
async def list_jobs(
    graph: GraphDep,
    page: Pagination,
    state: Annotated[JobState | None, Query(description="only jobs in this state")] = None,
) -> Page[JobInfo]:
    """Ingest jobs, newest first: what waits, what runs, what failed and why."""

    def read() -> Page[JobInfo]:
        jobs = graph.store.jobs(state=state, limit=page.limit, offset=page.offset)
        counts = graph.store.count_jobs()
        total = counts[state] if state is not None else sum(counts.values())
        return Page[JobInfo](data=[job_info(job) for job in jobs], count=total)

    return await anyio.to_thread.run_sync(read)


@router.get("/{job_id}", dependencies=[ReadAuth], responses=error_responses(404, 503))
async def get_job(job_id: str, graph: GraphDep) -> JobInfo:
    """A job's state; its ingest result once done, or the reason it failed."""
    job = await anyio.to_thread.run_sync(graph.store.get_job, job_id)
    if job is None:
        raise ApiError(404, "not_found", f"no job with id {job_id!r}")
    return job_info(job)
