"""The FastAPI application: `create_app(settings)` wires settings, graph, extractor and routes.

Nothing heavy happens at import time; the store is opened and the spaCy pipeline loaded in the
lifespan handler. Run it with `claimgraph serve`, or `uvicorn --factory app.main:create_app`.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import ExitStack, asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import anyio.to_thread
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from claimgraph.app.cache import AnswerCache, CachedAnswers
from claimgraph.app.deps import strict_query
from claimgraph.app.errors import install_error_handlers
from claimgraph.app.exports import ForkedExports
from claimgraph.app.extraction import ExtractionQueue, ProcessPool, ThreadPool
from claimgraph.app.fastpath import FastReads
from claimgraph.app.gate import WriteKeyGate
from claimgraph.app.limits import BodySizeLimit
from claimgraph.app.routes import ROUTERS
from claimgraph.app.routes.explorer import mount_explorer
from claimgraph.app.runtime import open_graph
from claimgraph.app.settings import Settings
from claimgraph.extract import Extractor
from claimgraph.graph import Graph

WORKER_THREADS = 4

DESCRIPTION = """
Who said what, to whom, about whom: the people, organisations and places in news articles and
every claim attributed to them, as a queryable graph.

Lists come back as `{"data": [...], "count": total}` and take `limit` and `offset`.
Errors come back as `{"error": {"code": ..., "message": ..., "details": ...}}`.
"""


def app_version() -> str:
    try:
        return version("claimgraph")
    except PackageNotFoundError:
        return "0+unknown"


_READ_METHODS = {"get", "head"}


def describe_security(schema: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """The document's security as configured: reads need a key only when a read key is set,
    writes only when a write key (or a read key) is set; an open operation declares none."""
    reads_guarded = settings.read_key is not None
    writes_guarded = settings.api_key is not None or settings.read_key is not None
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            guarded = reads_guarded if method in _READ_METHODS else writes_guarded
            if not guarded:
                operation.pop("security", None)
    return schema


def create_app(
    settings: Settings | None = None,
    *,
    graph: Graph | None = None,
    extractor: Extractor | None = None,
) -> FastAPI:
    """Build the API. A `graph` or `extractor` passed in is used as is and not closed here."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Every graph call takes one lock and holds the GIL, so threads beyond a few add nothing
        # but contention: with anyio's default 40, 32 concurrent reads spent a fifth of the
        # server's time handing the GIL and wake-ups between threads.
        anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        with ExitStack() as owned:
            if graph is None:
                app.state.graph = owned.enter_context(
                    open_graph(
                        settings.db,
                        pool_size=settings.db_pool,
                        timeout=settings.db_timeout,
                        reads=settings.reads,
                        writes=settings.writes,
                        write_wait=settings.write_wait,
                    )
                )
            else:
                app.state.graph = graph
            pool: ThreadPool | ProcessPool
            if extractor is None:
                slots = settings.extract_workers + settings.extract_queue
                pool = ProcessPool(settings.spacy_model, settings.extract_workers, slots)
            else:
                pool = ThreadPool(extractor, settings.extract_workers)
            app.state.extraction = ExtractionQueue(
                pool,
                workers=settings.extract_workers,
                queue=settings.extract_queue,
                timeout_s=settings.extract_timeout,
                max_chars=settings.max_article_chars,
            )
            owned.callback(app.state.extraction.close)
            app.state.exports = ForkedExports(settings.export_process_nodes)
            # Start-up waits for the pipeline to load (in a worker process, or here).
            app.state.model_name = await anyio.to_thread.run_sync(pool.model_name)
            # The pipeline's objects live as long as the server: out of the collector's sight
            # (as the graph's are, see graph.service), its full passes stay short.
            gc.freeze()
            yield

    app = FastAPI(
        title="claimgraph",
        version=app_version(),
        description=DESCRIPTION,
        lifespan=lifespan,
        dependencies=[Depends(strict_query)],
    )
    app.state.settings = settings
    app.openapi = lambda: describe_security(FastAPI.openapi(app), settings)  # type: ignore[method-assign]
    app.state.answers = AnswerCache(settings.answer_cache_entries, settings.answer_cache_mb * 2**20)
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    mount_explorer(app)
    # The size limit and the key check sit inside CORS so that a 413 or 401 still carries the
    # CORS headers a browser client needs to read it; the key is checked first.
    app.add_middleware(FastReads, settings=settings)
    app.add_middleware(CachedAnswers, settings=settings)
    app.add_middleware(BodySizeLimit, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(WriteKeyGate, settings=settings)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-API-Key"],
        )
    return app
