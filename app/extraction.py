"""Extraction off the event loop: a bounded pool of its own, a bounded queue, a deadline.

Extracting an article takes from milliseconds to tens of seconds of CPU. Run in the event
loop's worker threads, a few slow posts took every thread and starved every read; run
unbounded, they queued without end. Here extraction has threads of its own (`workers`), at
most `queue` requests wait for one (more get 503 with Retry-After), and each request's work
stops at its deadline (422: the article costs more than the service allows), when its client
disconnects, or when the service shuts down. Work stops between pipeline components
(`Extractor.extract(stop=...)`): a component is never interrupted, so a stop takes effect
within one component's time.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from starlette.requests import Request

from claimgraph.app.errors import ApiError
from claimgraph.extract import ExtractionError, Extractor
from claimgraph.extract.errors import ExtractionStopped
from claimgraph.extract.schema import Article
from claimgraph.extract.sources import SourceDocument

# How often a waiting request checks whether its client is still there.
DISCONNECT_POLL_S = 0.25
SHUTTING_DOWN = "the service is shutting down"


class ClientGone(Exception):
    """The client disconnected while its articles were being extracted: nobody to answer."""


class ExtractionQueue:
    """Runs extractions for requests: `await queue.extract(documents, request)`."""

    def __init__(
        self,
        extractor: Extractor,
        *,
        workers: int,
        queue: int,
        timeout_s: float,
        max_chars: int,
    ) -> None:
        self.extractor = extractor
        self.max_chars = max_chars
        self.workers = workers
        self.queue = queue
        self.timeout_s = timeout_s
        self._executor = ThreadPoolExecutor(workers, thread_name_prefix="claimgraph-extract")
        self._admitted = 0  # requests running or waiting; touched on the event loop only
        self._closing = threading.Event()

    async def extract(
        self, documents: Sequence[SourceDocument], request: Request | None = None
    ) -> list[Article | ExtractionError]:
        """One result per document, in order; an ExtractionError for a document that is no
        article. Raises ApiError 503 when the queue is full, 422 past the deadline, and
        ClientGone when `request`'s client disconnects first."""
        if self._closing.is_set():
            raise ApiError(503, "shutting_down", SHUTTING_DOWN, headers={"Retry-After": "5"})
        if self._admitted >= self.workers + self.queue:
            raise ApiError(
                503,
                "busy",
                f"{self._admitted} extractions are running or waiting (the limit is "
                f"{self.workers} running and {self.queue} waiting); try again shortly",
                headers={"Retry-After": str(max(1, round(self.timeout_s / 10)))},
            )
        self._admitted += 1
        gone = threading.Event()
        try:
            work = asyncio.get_running_loop().run_in_executor(
                self._executor, self._run, list(documents), gone
            )
            return await self._wait(work, gone, request)
        finally:
            self._admitted -= 1

    async def _wait(
        self,
        work: asyncio.Future[list[Article | ExtractionError]],
        gone: threading.Event,
        request: Request | None,
    ) -> list[Article | ExtractionError]:
        try:
            while True:
                done, _ = await asyncio.wait({work}, timeout=DISCONNECT_POLL_S)
                if done:
                    return work.result()
                if request is not None and await request.is_disconnected():
                    gone.set()
                    raise ClientGone()
        except asyncio.CancelledError:
            gone.set()  # the server is cancelling the request (shutdown): stop the work too
            raise
        except ExtractionStopped as stopped:
            raise ApiError(422, "extraction_stopped", stopped.reason) from None

    def _run(
        self, documents: list[SourceDocument], gone: threading.Event
    ) -> list[Article | ExtractionError]:
        """In a pool thread: every document, under one deadline that starts now (time spent
        waiting in the queue is not the article's cost)."""
        deadline = time.monotonic() + self.timeout_s

        def stop() -> str | None:
            if gone.is_set():
                return "the client disconnected"
            if self._closing.is_set():
                return SHUTTING_DOWN
            if time.monotonic() > deadline:
                return (
                    f"extraction took longer than the limit of {self.timeout_s:g} s "
                    "(CLAIMGRAPH_EXTRACT_TIMEOUT); send a shorter article or split the batch"
                )
            return None

        results: list[Article | ExtractionError] = []
        for document in documents:
            try:
                results.append(
                    self.extractor.extract(document, stop=stop, max_chars=self.max_chars)
                )
            except ExtractionError as exc:
                results.append(exc)
        return results

    def close(self) -> None:
        """Stop: running extractions end at their next component, waiting ones never start,
        and nothing here holds up the process's exit."""
        self._closing.set()
        self._executor.shutdown(wait=False, cancel_futures=True)
