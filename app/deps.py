"""The routes' dependencies: the graph, the extractor, settings, API keys and pagination.

All are `async def`: each is a few attribute reads, and a sync dependency would cost every
request a round trip to the thread pool.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request, Security
from fastapi.requests import HTTPConnection
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr, StringConstraints

from claimgraph.app.errors import ApiError
from claimgraph.app.extraction import ExtractionQueue
from claimgraph.app.settings import Settings
from claimgraph.extract.schema import ClaimKind, CueClass
from claimgraph.graph import ClaimGraph, Graph

MAX_LIMIT = 1000
DEFAULT_LIMIT = 50
# Far beyond any real store; it keeps a client's offset=10**30 a 422, not an overflow in SQLite.
MAX_OFFSET = 1_000_000_000
FILTER_CHARS = 300  # a query's entity or article reference, or words of a claim
SEARCH_CHARS = 200  # the words of an entity search


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_graph(request: Request) -> Graph:
    graph: Graph = request.app.state.graph
    return graph


SettingsDep = Annotated[Settings, Depends(get_settings)]
GraphDep = Annotated[ClaimGraph, Depends(get_graph)]


async def get_extraction_queue(request: Request) -> ExtractionQueue:
    queue: ExtractionQueue = request.app.state.extraction
    return queue


ExtractionQueueDep = Annotated[ExtractionQueue, Depends(get_extraction_queue)]


# Both ways of presenting a key are declared as security schemes, so /docs offers them.
_api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="the API key (CLAIMGRAPH_API_KEY)"
)
_bearer = HTTPBearer(auto_error=False, description="the API key as a bearer token")


async def presented_key(
    api_key: Annotated[str | None, Security(_api_key_header)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
) -> str | None:
    """The key the client sent, from `X-API-Key` or `Authorization: Bearer`."""
    return api_key if api_key else (bearer.credentials if bearer else None)


PresentedKey = Annotated[str | None, Depends(presented_key)]


async def request_key(request: HTTPConnection) -> str | None:
    """`presented_key` outside dependency injection (for middleware), by the same rules."""
    return await presented_key(await _api_key_header(request), await _bearer(request))


def _check_key(presented: str | None, accepted: list[SecretStr]) -> None:
    if not accepted:
        return
    challenge = {"WWW-Authenticate": "Bearer"}
    if presented is None:
        raise HTTPException(
            401,
            "an API key is required: send it as X-API-Key or Authorization: Bearer",
            headers=challenge,
        )
    given = presented.encode()
    # compare_digest on every accepted key, so timing tells nothing about which (if any) matched.
    matches = [secrets.compare_digest(given, key.get_secret_value().encode()) for key in accepted]
    if not any(matches):
        raise HTTPException(401, "invalid API key", headers=challenge)


async def require_write_key(settings: SettingsDep, presented: PresentedKey) -> None:
    """Writes need the API key; with only a read key configured, they need that one."""
    if settings.api_key is not None:
        _check_key(presented, [settings.api_key])
    elif settings.read_key is not None:
        _check_key(presented, [settings.read_key])


async def require_read_key(settings: SettingsDep, presented: PresentedKey) -> None:
    """Reads are open unless a read key is configured; the write key then works for reads too."""
    if settings.read_key is not None:
        _check_key(presented, [k for k in (settings.read_key, settings.api_key) if k is not None])


async def read_allowed(settings: Settings, connection: HTTPConnection) -> bool:
    """Whether a request may read, by `require_read_key`'s rules (for middleware, which
    leaves a refused request to the route, whose 401 says why)."""
    if settings.read_key is None:
        return True
    try:
        await require_read_key(settings, await request_key(connection))
    except HTTPException:
        return False
    return True


# Guards without a value: used as `dependencies=[ReadAuth]` on routers and routes.
ReadAuth = Depends(require_read_key)
WriteAuth = Depends(require_write_key)


@dataclass(frozen=True)
class PageParams:
    limit: int
    offset: int


async def page_params(
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="how many items to return")
    ] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="how many items to skip")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


Pagination = Annotated[PageParams, Depends(page_params)]


async def strict_query(request: Request) -> None:
    """Every route: a query parameter the operation does not take, or one given twice, is a
    422 naming it. Ignored, `/claims?published_after=...` answered as if it were not there
    (unfiltered, with a 200); repeated, only the last value counted."""
    route = request.scope.get("route")
    path = getattr(route, "path", None)
    if path is None:
        return
    known = _query_names(request.app, path, request.method.lower())
    names = [name for name, _ in request.query_params.multi_items()]
    unknown = sorted({name for name in names if name not in known})
    repeated = sorted({name for name in names if names.count(name) > 1})
    if unknown:
        accepted = ", ".join(sorted(known)) or "none"
        message = f"unknown query parameter {', '.join(unknown)}; this operation takes: {accepted}"
        raise ApiError(422, "invalid_request", message)
    if repeated:
        message = f"query parameter {', '.join(repeated)} given more than once"
        raise ApiError(422, "invalid_request", message)


def _query_names(app: Any, path: str, method: str) -> frozenset[str]:
    """The query parameters the API documents for an operation (read once per operation)."""
    cache: dict[tuple[str, str], frozenset[str]] = app.state.__dict__.setdefault("query_names", {})
    key = (path, method)
    if key not in cache:
        operation = app.openapi()["paths"].get(path, {}).get(method, {})
        cache[key] = frozenset(
            p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"
        )
    return cache[key]


DAY_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
# A date filter: a calendar day, or a month or a year (which graph.queries.day_bound widens).
Day = (
    date
    | Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
    | Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$")]
)


@dataclass(frozen=True)
class ClaimFilterParams:
    """The filters every claim listing takes beside its entity filters."""

    kind: str | None
    q: str | None
    cue_class: str | None
    since: str | None
    until: str | None
    source: str | None
    outlet: str | None

    def as_dict(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def _text(description: str, **extra: Any) -> Any:
    return Query(min_length=1, max_length=FILTER_CHARS, description=description, **extra)


async def claim_filter_params(
    kind: Annotated[ClaimKind | None, Query(description="how it was reported")] = None,
    q: Annotated[str | None, _text("words in the claim's text")] = None,
    cue_class: Annotated[
        CueClass | None,
        Query(description="what its cue does: warn (warned), deny (denied), accuse, …"),
    ] = None,
    since: Annotated[
        Day | None,
        Query(
            description="published on or after this day: YYYY-MM-DD, or YYYY-MM / YYYY for "
            "the first day of that month / year (articles with no date are left out)",
            examples=["2021-08-01"],
        ),
    ] = None,
    until: Annotated[
        Day | None,
        Query(
            description="published on or before this day: YYYY-MM-DD, or YYYY-MM / YYYY for "
            "the last day of that month / year",
            examples=["2021-08-31"],
        ),
    ] = None,
    source: Annotated[str | None, _text("its article's source (URL) exactly")] = None,
    outlet: Annotated[
        str | None,
        _text('its outlet: a site\'s name ("BBC News") or domain ("bbc.co.uk")'),
    ] = None,
) -> ClaimFilterParams:
    return ClaimFilterParams(kind, q, cue_class, _day(since), _day(until), source, outlet)


def _day(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


ClaimFilters = Annotated[ClaimFilterParams, Depends(claim_filter_params)]
