"""Extraction off the event loop: a bounded pool of its own, a bounded queue, a deadline.

Extracting an article takes from milliseconds to tens of seconds of CPU. Run in the event
loop's worker threads, a few slow posts took every thread and starved every read; run
unbounded, they queued without end. Here extraction has workers of its own (`workers`), at
most `queue` requests wait for one (more get 503 with Retry-After), and each request's work
stops at its deadline (422: the article costs more than the service allows), when its client
disconnects, or when the service shuts down.

`claimgraph serve` extracts in worker processes, each with its own copy of the pipeline:
extraction is Python holding the GIL, and a thread of it beside the event loop slowed every
other request to hundreds of milliseconds. An extractor handed to `create_app` (tests, an
embedding application) runs in threads of this process instead. Either way work stops between
pipeline components (`Extractor.extract(stop=...)`): a component is never interrupted, so a
stop takes effect within one component's time.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import (
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
)
from typing import Any, Protocol

from starlette.requests import Request

from claimgraph.app.errors import ApiError
from claimgraph.app.server import quiet_libraries
from claimgraph.extract import ExtractionError, Extractor
from claimgraph.extract.errors import ExtractionStopped
from claimgraph.extract.schema import Article
from claimgraph.extract.sources import SourceDocument

# How often a waiting request checks whether its client is still there.
DISCONNECT_POLL_S = 0.25
SHUTTING_DOWN = "the service is shutting down"
CANCELLED = "cancelled"
Results = list[Article | ExtractionError]


class ClientGone(Exception):
    """The client disconnected while its articles were being extracted: nobody to answer."""


class Flag(Protocol):
    """A request's cancel flag, set by the event loop and read by the work between
    components: a threading.Event, or a slot of an array shared with worker processes."""

    def set(self) -> None: ...

    def is_set(self) -> bool: ...


class _Slot:
    """Cancel flag `index` of the array the worker processes share with the server."""

    def __init__(self, flags: Any, index: int) -> None:
        self.flags = flags
        self.index = index

    def set(self) -> None:
        self.flags[self.index] = 1

    def is_set(self) -> bool:
        return bool(self.flags[self.index])


def extract_documents(
    extractor: Extractor,
    documents: list[SourceDocument],
    cancel: Flag,
    timeout_s: float,
    max_chars: int,
) -> Results:
    """Every document, stopping between components once `cancel` is set or `timeout_s` has
    passed since the work started (time spent waiting in the queue is not the article's
    cost: a queued request is bounded by the queue's length and its client's patience)."""
    deadline = time.monotonic() + timeout_s

    def stop() -> str | None:
        if cancel.is_set():
            return CANCELLED
        if time.monotonic() > deadline:
            return (
                f"extraction took longer than the limit of {timeout_s:g} s "
                "(CLAIMGRAPH_EXTRACT_TIMEOUT); send a shorter article or split the batch"
            )
        return None

    results: Results = []
    for document in documents:
        try:
            results.append(extractor.extract(document, stop=stop, max_chars=max_chars))
        except ExtractionError as exc:
            results.append(exc)
    return results


# -- worker processes -----------------------------------------------------------------------

_worker_extractor: Extractor | None = None
_worker_flags: Any = None
PARENT_POLL_S = 1.0


def _load_in_worker(model: str | None, flags: Any) -> None:
    global _worker_extractor, _worker_flags
    from claimgraph.extract.pipeline import shared_extractor

    _worker_flags = flags
    _exit_with_parent(os.getppid())
    quiet_libraries()
    _worker_extractor = shared_extractor(model)


def _exit_with_parent(parent: int) -> None:
    """A server killed outright (SIGKILL, OOM) cannot stop its workers: they stop themselves
    when it is gone rather than live on as orphans holding a pipeline's memory."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        os._exit(0)

    threading.Thread(target=watch, name="claimgraph-parent-watch", daemon=True).start()


def _model_name_in_worker() -> str:
    assert _worker_extractor is not None
    return _worker_extractor.model_name


def _extract_in_worker(
    documents: list[SourceDocument], slot: int, timeout_s: float, max_chars: int
) -> Results:
    assert _worker_extractor is not None
    cancel = _Slot(_worker_flags, slot)
    return extract_documents(_worker_extractor, documents, cancel, timeout_s, max_chars)


class _Pool:
    """Where extractions run: `submit` one request's documents, `flag` its cancel flag."""

    executor: Executor

    def flag(self) -> Flag:
        return threading.Event()

    def release(self, flag: Flag) -> None:
        """The request that held `flag` has been answered."""

    def submit(self, documents: list[SourceDocument], cancel: Flag, *args: Any) -> Future[Results]:
        raise NotImplementedError

    def restart(self) -> None:
        """After a worker died (only processes do: a thread pool never breaks)."""

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


class ThreadPool(_Pool):
    """An extractor of this process, in threads of its own."""

    def __init__(self, extractor: Extractor, workers: int) -> None:
        self.extractor = extractor
        self.executor = ThreadPoolExecutor(workers, thread_name_prefix="claimgraph-extract")

    def model_name(self) -> str:
        return self.extractor.model_name

    def submit(self, documents: list[SourceDocument], cancel: Flag, *args: Any) -> Future[Results]:
        return self.executor.submit(extract_documents, self.extractor, documents, cancel, *args)


class ProcessPool(_Pool):
    """Worker processes (spawned, not forked: the server runs threads), each loading the
    pipeline `model` once, before the first request reaches it. Requests' cancel flags are
    `slots` bytes shared with the workers, one per request admitted."""

    def __init__(self, model: str | None, workers: int, slots: int) -> None:
        self._context = multiprocessing.get_context("spawn")
        self._flags = self._context.RawArray("b", slots)
        self._free = list(range(slots))
        self._model, self._workers = model, workers
        self.start()

    def start(self) -> None:
        """(Re)start the workers: at start-up, and after one died (killed, out of memory),
        which leaves Python's pool refusing all work."""
        self.executor = ProcessPoolExecutor(
            self._workers,
            mp_context=self._context,
            initializer=_load_in_worker,
            initargs=(self._model, self._flags),
        )
        self._ready = [self.executor.submit(_model_name_in_worker) for _ in range(self._workers)]

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.start()

    def model_name(self) -> str:
        """Waits for the first worker to load its pipeline (start-up)."""
        return self._ready[0].result()

    def flag(self) -> Flag:
        slot = _Slot(self._flags, self._free.pop())
        self._flags[slot.index] = 0
        return slot

    def release(self, flag: Flag) -> None:
        assert isinstance(flag, _Slot)
        self._free.append(flag.index)

    def submit(self, documents: list[SourceDocument], cancel: Flag, *args: Any) -> Future[Results]:
        assert isinstance(cancel, _Slot)
        return self.executor.submit(_extract_in_worker, documents, cancel.index, *args)

    def close(self) -> None:
        # Waits for the workers to exit, which every running extraction does at its next
        # component once its flag is set (ExtractionQueue.close sets them first): their queues
        # and semaphores are then released, not reported leaked at exit.
        self.executor.shutdown(wait=True, cancel_futures=True)


def _shutting_down() -> ApiError:
    return ApiError(503, "shutting_down", SHUTTING_DOWN, headers={"Retry-After": "5"})


class ExtractionQueue:
    """Runs extractions for requests: `await queue.extract(documents, request)`."""

    def __init__(
        self,
        pool: ThreadPool | ProcessPool,
        *,
        workers: int,
        queue: int,
        timeout_s: float,
        max_chars: int,
    ) -> None:
        self.pool = pool
        self.workers = workers
        self.queue = queue
        self.timeout_s = timeout_s
        self.max_chars = max_chars
        self._admitted = 0  # requests running or waiting; touched on the event loop only
        self._closing = False
        self._running: set[Flag] = set()

    async def extract(
        self, documents: Sequence[SourceDocument], request: Request | None = None
    ) -> Results:
        """One result per document, in order; an ExtractionError for a document that is no
        article. Raises ApiError 503 when the queue is full or the service is stopping, 422
        past the deadline, and ClientGone when `request`'s client disconnects first."""
        if self._closing:
            raise _shutting_down()
        if self._admitted >= self.workers + self.queue:
            raise ApiError(
                503,
                "busy",
                f"{self._admitted} extractions are running or waiting (the limit is "
                f"{self.workers} running and {self.queue} waiting); try again shortly",
                headers={"Retry-After": str(max(1, round(self.timeout_s / 10)))},
            )
        self._admitted += 1
        cancel = self.pool.flag()
        self._running.add(cancel)
        try:
            work = self.pool.submit(list(documents), cancel, self.timeout_s, self.max_chars)
            return await self._wait(asyncio.wrap_future(work), cancel, request)
        except BrokenExecutor:
            # A worker died under this request or an earlier one: start new ones for the next.
            if not self._closing:
                self.pool.restart()
            raise ApiError(
                503,
                "worker_lost",
                "the extraction worker stopped (killed, or out of memory) while this request "
                "waited for it; a new one is starting: send the request again",
                headers={"Retry-After": "10"},
            ) from None
        finally:
            self._admitted -= 1
            self._running.discard(cancel)
            self.pool.release(cancel)

    async def _wait(
        self, work: asyncio.Future[Results], cancel: Flag, request: Request | None
    ) -> Results:
        try:
            while True:
                done, _ = await asyncio.wait({work}, timeout=DISCONNECT_POLL_S)
                if done:
                    return work.result()
                if request is not None and await request.is_disconnected():
                    cancel.set()
                    raise ClientGone()
        except asyncio.CancelledError:
            if self._closing and work.cancelled():  # still queued when the service stopped
                raise _shutting_down() from None
            cancel.set()  # the server is cancelling the request (shutdown): stop the work too
            raise
        except ExtractionStopped as stopped:
            if self._closing or stopped.reason == CANCELLED:
                raise _shutting_down() from None
            raise ApiError(422, "extraction_stopped", stopped.reason) from None

    def close(self) -> None:
        """Stop: running extractions end at their next component, waiting ones never start,
        and nothing here holds up the process's exit."""
        self._closing = True
        for cancel in list(self._running):
            cancel.set()
        self.pool.close()
