"""/entities: the people, organisations and places, and the claims by and about each."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from claimgraph.app.cache import answered, answered_json
from claimgraph.app.deps import SEARCH_CHARS, ClaimFilters, GraphDep, Pagination, ReadAuth
from claimgraph.app.errors import error_responses
from claimgraph.app.routes.claims import CLAIM_LIST_RESPONSES, Format, claim_listing
from claimgraph.extract.schema import ArticleRef, Claim, Entity, EntityType
from claimgraph.graph import Page, Timeline

router = APIRouter(
    prefix="/entities",
    tags=["entities"],
    dependencies=[ReadAuth],
    responses=error_responses(401, 422),
)

EntityPath = Annotated[
    str,
    Path(
        max_length=300,
        description='an entity id ("person:gavin-williamson") or a name or alias',
        examples=["person:gavin-williamson"],
    ),
]


@router.get("", response_model=Page[Entity])
async def list_entities(
    request: Request,
    graph: GraphDep,
    page: Pagination,
    entity_type: Annotated[EntityType | None, Query(alias="type")] = None,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=SEARCH_CHARS, description="search names and aliases"),
    ] = None,
) -> Response:
    """Entities across all articles, optionally of one type or matching a name or alias."""
    return await answered(
        request,
        graph,
        lambda: graph.entities_json(type=entity_type, q=q, limit=page.limit, offset=page.offset),
    )


@router.get("/{entity_id}", response_model=Entity, responses=error_responses(404))
async def get_entity(request: Request, entity_id: EntityPath, graph: GraphDep) -> Response:
    """One entity, merged across articles, with its aliases, roles and articles."""
    return await answered(request, graph, lambda: graph.entity_json(entity_id))


@router.get(
    "/{entity_id}/said",
    response_model=Page[Claim],
    responses={**error_responses(404), **CLAIM_LIST_RESPONSES},
)
async def claims_said(
    request: Request,
    entity_id: EntityPath,
    graph: GraphDep,
    page: Pagination,
    filters: ClaimFilters,
    format: Format = None,
) -> Response:
    """The claims this entity made, narrowed by the filters of /claims."""
    return await claim_listing(request, graph, page, {"speaker": entity_id, **filters.as_dict()})


@router.get(
    "/{entity_id}/mentioned",
    response_model=Page[Claim],
    responses={**error_responses(404), **CLAIM_LIST_RESPONSES},
)
async def claims_mentioning(
    request: Request,
    entity_id: EntityPath,
    graph: GraphDep,
    page: Pagination,
    filters: ClaimFilters,
    format: Format = None,
) -> Response:
    """The claims about this entity, whoever made them, narrowed by the filters of /claims."""
    return await claim_listing(request, graph, page, {"about": entity_id, **filters.as_dict()})


@router.get(
    "/{entity_id}/articles", response_model=Page[ArticleRef], responses=error_responses(404)
)
def entity_articles(entity_id: EntityPath, graph: GraphDep, page: Pagination) -> Page[ArticleRef]:
    """The articles naming this entity, in the order they were stored, each with its title,
    source, publication date and outlet."""
    return graph.entity_articles(entity_id, limit=page.limit, offset=page.offset)


@router.get("/{entity_id}/timeline", response_model=Timeline, responses=error_responses(404))
async def entity_timeline(
    request: Request,
    entity_id: EntityPath,
    graph: GraphDep,
    filters: ClaimFilters,
    role: Annotated[
        Literal["speaker", "about"],
        Query(description="count the claims it made (speaker) or the claims about it (about)"),
    ] = "speaker",
    interval: Annotated[
        Literal["day", "week", "month", "year"],
        Query(description="the length of each period (weeks start on Monday)"),
    ] = "month",
) -> Response:
    """How many claims the entity made (or were made about it) in each day, week, month or
    year, by cue class, from the publication dates of their articles; every period from the
    first to the last, empty ones included, and the number of claims with no date;
    `cue_classes` counts all of them (dated or not) by cue class."""
    return await answered_json(
        request,
        graph,
        lambda: graph.timeline(entity_id, role=role, interval=interval, **filters.as_dict()),
    )
