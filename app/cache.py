"""A cache of JSON answers, keyed by the request and the graph's generation.

Reads far outnumber writes, and the same questions come back again and again (the people in the
news are asked about by everyone). An answer is the bytes of a page already serialised; it is
served again only while the graph is the one it was computed from (`ClaimGraph.generation()`
changes on every write, here or, once seen, in another process), so a cached answer is never
stale. Least recently used answers go first once `max_entries` or `max_bytes` is reached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import partial

import anyio.to_thread
from fastapi import Request, Response
from fastapi.requests import HTTPConnection
from pydantic import BaseModel
from starlette.types import ASGIApp, Receive, Scope, Send

from claimgraph.app.deps import read_allowed
from claimgraph.app.settings import Settings
from claimgraph.graph import Graph
from claimgraph.graph.service import STALE

CacheKey = tuple[str, tuple[tuple[str, str], ...], str]
CSV = "text/csv; charset=utf-8"


def wants_csv(connection: HTTPConnection) -> bool:
    """Whether a claim listing is asked for as CSV: `format=csv`, or (with no `format`) an
    Accept header that ranks text/csv above JSON (`Accept: text/csv`)."""
    given = connection.query_params.get("format")
    if given is not None:
        return given == "csv"
    accept = connection.headers.get("accept")
    if not accept or "csv" not in accept.lower():
        return False
    ranks = {"csv": 0.0, "json": 0.0}
    for item in accept.lower().split(","):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media == "text/csv":
            ranks["csv"] = max(ranks["csv"], quality)
        elif media in ("application/json", "application/*", "*/*"):
            ranks["json"] = max(ranks["json"], quality)
    return ranks["csv"] > ranks["json"]


class AnswerCache:
    def __init__(self, max_entries: int = 4096, max_bytes: int = 64 * 2**20) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._answers: OrderedDict[CacheKey, tuple[int, bytes, str]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: CacheKey, generation: int) -> tuple[bytes, str] | None:
        """(body, media type) of the answer filed under `key` for this generation."""
        with self._lock:
            found = self._answers.get(key)
            if found is None or found[0] != generation:
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return found[1], found[2]

    def put(
        self, key: CacheKey, generation: int, body: bytes, media_type: str = "application/json"
    ) -> None:
        if len(body) > self.max_bytes // 8 or self.max_entries == 0:
            return  # one huge answer must not empty the cache
        with self._lock:
            old = self._answers.pop(key, None)
            if old is not None:
                self._bytes -= len(old[1])
            self._answers[key] = (generation, body, media_type)
            self._bytes += len(body)
            while self._answers and (
                len(self._answers) > self.max_entries or self._bytes > self.max_bytes
            ):
                _, (_, dropped, _) = self._answers.popitem(last=False)
                self._bytes -= len(dropped)

    def __len__(self) -> int:
        return len(self._answers)


def _name(parameter: tuple[str, str]) -> str:
    return parameter[0]


def answer_key(request: Request | HTTPConnection) -> CacheKey:
    """The path, the query parameters in a fixed order (`?a=1&b=2` is `?b=2&a=1`) and the
    format the answer is in (CSV may be asked for by the Accept header alone)."""
    # By name only: a stable sort keeps repeated values in the order sent, and the routes read
    # the last of them, so `?speaker=A&speaker=B` and `?speaker=B&speaker=A` are two questions.
    params = tuple(sorted(request.query_params.multi_items(), key=_name))
    return request.url.path, params, "csv" if wants_csv(request) else "json"


def cached(
    request: Request,
    graph: Graph,
    answer: Callable[[], bytes | str],
    media_type: str = "application/json",
) -> Response:
    """The response body `answer()` gives, from the cache when the graph has not changed."""
    cache: AnswerCache = request.app.state.answers
    key = answer_key(request)
    generation = graph.generation()
    found = cache.get(key, generation)
    if found is not None:
        return Response(content=found[0], media_type=found[1])
    body = computed(cache, key, generation, answer, media_type)
    return Response(content=body, media_type=media_type)


def computed(
    cache: AnswerCache,
    key: CacheKey,
    generation: int,
    answer: Callable[[], bytes | str],
    media_type: str = "application/json",
) -> bytes:
    """`answer()`'s body, filed in the cache under `key` for `generation`, which the caller
    reads before the answer is computed: a write in between leaves the answer filed under the
    older generation, which no later request asks for. An answer already filed for this
    generation is served as it is (the event loop cannot tell the generation of a store across
    a network, so it leaves even cached answers to a worker thread)."""
    found = cache.get(key, generation)
    if found is not None:
        return found[0]
    produced = answer()
    body = produced.encode() if isinstance(produced, str) else produced
    cache.put(key, generation, body, media_type)
    return body


class CachedAnswers:
    """ASGI middleware: a GET whose answer is cached for the current graph is answered here,
    before routing, dependency solving and parameter validation (most of a request's cost
    once its answer is known). Only answers the routes filed (valid requests that succeeded)
    are served, and only after the read key is checked as the routes check it."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope.get("query_string"):
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        cache: AnswerCache | None = getattr(state, "answers", None)
        graph: Graph | None = getattr(state, "graph", None)
        if cache is None or graph is None or len(cache) == 0:
            await self.app(scope, receive, send)
            return
        if not graph.store.quick_version:
            # A store across a network is asked in a worker thread: the route (or FastReads)
            # looks the answer up and, when it must, computes it in that one thread hop.
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        if not await read_allowed(self.settings, connection):
            await self.app(scope, receive, send)  # the route answers 401
            return
        # Never waits for the graph (this runs on the event loop): while a writer holds it, a
        # change it is making has not bumped the generation yet, so an answer filed before it
        # is still the graph's answer.
        found = await cached_now(cache, answer_key(connection), graph)
        if found is None:
            await self.app(scope, receive, send)
            return
        body, media_type = found
        await Response(content=body, media_type=media_type)(scope, receive, send)


async def cached_now(cache: AnswerCache, key: CacheKey, graph: Graph) -> tuple[bytes, str] | None:
    """The answer filed for the graph as it is now, never waiting for the graph: on the event
    loop for a local store; in a worker thread for one across a network, which is asked
    whether another process committed since (the loop never waits on a network)."""
    if graph.store.quick_version:
        return cache.get(key, graph.generation(wait=False))
    generation = await anyio.to_thread.run_sync(partial(graph.generation, wait=False, network=True))
    return cache.get(key, generation)


async def answered(
    request: Request,
    graph: Graph,
    answer: Callable[[], bytes | str],
    media_type: str = "application/json",
) -> Response:
    """`cached` for a route on the event loop, which never waits for the graph: a cached
    answer is served there; an uncached one is computed there too when the graph is free, and
    in a worker thread when an export or an ingest holds it."""
    cache: AnswerCache = request.app.state.answers
    key = answer_key(request)

    def compute() -> bytes:
        return computed(cache, key, graph.generation(), answer, media_type)

    if not graph.store.quick_version:
        # Looked up and, if need be, computed in one thread hop (`computed` serves an answer
        # already filed for the store's current version as it is).
        looked_up = await anyio.to_thread.run_sync(
            partial(_lookup, cache, key, graph, answer, media_type)
        )
        return Response(content=looked_up[0], media_type=looked_up[1])
    found = await cached_now(cache, key, graph)
    if found is not None:
        return Response(content=found[0], media_type=found[1])

    with graph.free_now() as free:
        body = compute() if free else None  # free: answering here costs less than a thread hop
    if body is None:
        body = await anyio.to_thread.run_sync(compute)
    return Response(content=body, media_type=media_type)


def _lookup(
    cache: AnswerCache,
    key: CacheKey,
    graph: Graph,
    answer: Callable[[], bytes | str],
    media_type: str,
) -> tuple[bytes, str]:
    """A filed answer (body, media type) for the graph as it is now, else `answer()`'s, filed
    (in a worker thread: it may ask a store across a network)."""
    generation = graph.generation(wait=False, network=True)
    if generation == STALE:  # a graph in memory that another process's commit made stale
        generation = graph.generation()
    # `computed` serves an answer already filed for this generation as it is.
    return computed(cache, key, generation, answer, media_type), media_type


async def answered_json(
    request: Request, graph: Graph, answer: Callable[[], BaseModel]
) -> Response:
    """`answer()`'s model as JSON (pydantic-core straight to bytes), as `answered` serves."""
    return await answered(request, graph, lambda: answer().model_dump_json())
