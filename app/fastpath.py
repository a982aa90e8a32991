"""The hot reads, answered before routing: GET /claims and GET /entities.

They are most of what a busy server is asked, and once the graph's own work was cut to a
fraction of a millisecond (graph.claim_index, graph.views.claim_json), FastAPI's routing,
dependency solving and parameter validation were the largest part of what was left (py-spy:
`solve_dependencies` alone 29% of the server's time under load).

A request takes this path only when it is one the route would answer with 200 and the same
bytes: every query parameter is one the route declares, given once, and valid by the route's
own bounds (the same constants, from app.deps), and the graph answers without an error.
Anything else (an unknown or repeated parameter, a value out of bounds, a name that resolves
to nothing, a missing read key) goes on to the route, which answers it as it always has.
tests/app/test_fastpath.py sends the same requests both ways and compares status and body.
The answer is filed in the answer cache as the route would file it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import get_args

import anyio.to_thread
from fastapi import Response
from fastapi.requests import HTTPConnection
from starlette.types import ASGIApp, Receive, Scope, Send

from claimgraph.app.cache import AnswerCache, answer_key, computed, wants_csv
from claimgraph.app.deps import (
    DAY_PATTERN,
    DEFAULT_LIMIT,
    FILTER_CHARS,
    MAX_LIMIT,
    MAX_OFFSET,
    SEARCH_CHARS,
    read_allowed,
)
from claimgraph.app.settings import Settings
from claimgraph.extract.schema import ClaimKind, CueClass, EntityType
from claimgraph.graph import Graph
from claimgraph.graph.errors import ClaimGraphError


@dataclass(frozen=True)
class _Text:
    max_chars: int

    def parse(self, value: str) -> str | None:
        return value if 1 <= len(value) <= self.max_chars else None


@dataclass(frozen=True)
class _Int:
    low: int
    high: int

    def parse(self, value: str) -> int | None:
        # Plain ASCII digits only: anything pydantic might read otherwise goes to the route.
        if not (0 < len(value) <= 10 and value.isascii() and value.isdigit()):
            return None
        number = int(value)
        return number if self.low <= number <= self.high else None


@dataclass(frozen=True)
class _Choice:
    allowed: frozenset[str]

    def parse(self, value: str) -> str | None:
        return value if value in self.allowed else None


@dataclass(frozen=True)
class _Day:
    def parse(self, value: str) -> str | None:
        return value if re.fullmatch(DAY_PATTERN, value) else None


_Param = _Text | _Int | _Choice | _Day
_PAGE: dict[str, _Param] = {"limit": _Int(1, MAX_LIMIT), "offset": _Int(0, MAX_OFFSET)}


def _claims(graph: Graph, args: Mapping[str, object]) -> bytes:
    return graph.claims_json(**args)  # type: ignore[arg-type]


def _entities(graph: Graph, args: Mapping[str, object]) -> bytes:
    return graph.entities_json(**args)  # type: ignore[arg-type]


@dataclass(frozen=True)
class _Read:
    params: dict[str, _Param]
    answer: Callable[[Graph, Mapping[str, object]], bytes]


READS: dict[str, _Read] = {
    "/claims": _Read(
        params={
            **_PAGE,
            **{
                name: _Text(FILTER_CHARS)
                for name in ("speaker", "about", "addressee", "article", "q", "source", "outlet")
            },
            # A malformed day is the graph's InvalidQuery, which sends the request on to the
            # route (whose pattern names the error).
            **{name: _Day() for name in ("since", "until")},
            "kind": _Choice(frozenset(get_args(ClaimKind))),
            "cue_class": _Choice(frozenset(get_args(CueClass))),
        },
        answer=_claims,
    ),
    "/entities": _Read(
        params={
            **_PAGE,
            "type": _Choice(frozenset(get_args(EntityType))),
            "q": _Text(SEARCH_CHARS),
        },
        answer=_entities,
    ),
}


def parse(read: _Read, pairs: list[tuple[str, str]]) -> dict[str, object] | None:
    """The graph method's arguments, or None if the route must see this request."""
    args: dict[str, object] = {"limit": DEFAULT_LIMIT, "offset": 0}
    seen = set()
    for name, value in pairs:
        param = read.params.get(name)
        if param is None or name in seen:
            return None
        seen.add(name)
        parsed = param.parse(value)
        if parsed is None:
            return None
        args[name] = parsed
    return args


class FastReads:
    """ASGI middleware: answers the valid GET /claims and /entities requests itself."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        read = READS.get(scope["path"]) if scope["type"] == "http" else None
        if read is None or scope["method"] != "GET" or not self.settings.fast_reads:
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        graph: Graph | None = getattr(state, "graph", None)
        cache: AnswerCache | None = getattr(state, "answers", None)
        connection = HTTPConnection(scope)
        args = None if graph is None else parse(read, connection.query_params.multi_items())
        if args is None or graph is None or cache is None or wants_csv(connection):
            await self.app(scope, receive, send)
            return
        if not await read_allowed(self.settings, connection):
            await self.app(scope, receive, send)  # the route answers 401
            return
        key = answer_key(connection)

        def answer() -> bytes:
            generation = graph.generation()  # before the answer (see app.cache.computed)
            return computed(cache, key, generation, lambda: read.answer(graph, args))

        try:
            # Here when the graph is free (the usual case: a thread hop would cost more than
            # the answer); in a worker thread when an export or an ingest holds it, since the
            # event loop must never wait for the graph.
            with graph.free_now() as free:
                body = answer() if free else None
            if body is None:
                body = await anyio.to_thread.run_sync(answer)
        except ClaimGraphError:
            await self.app(scope, receive, send)  # the route answers 404 or 422
            return
        await Response(content=body, media_type="application/json")(scope, receive, send)
