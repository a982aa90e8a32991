"""/entities: the people, organisations and places, and the claims by and about each."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from claimgraph.app.cache import answered
from claimgraph.app.deps import SEARCH_CHARS, GraphDep, Pagination, ReadAuth
from claimgraph.app.errors import error_responses
from claimgraph.extract.schema import Claim, Entity, EntityType
from claimgraph.graph import Page

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


@router.get("/{entity_id}/said", response_model=Page[Claim], responses=error_responses(404))
async def claims_said(
    request: Request, entity_id: EntityPath, graph: GraphDep, page: Pagination
) -> Response:
    """The claims this entity made."""
    return await answered(
        request,
        graph,
        lambda: graph.claims_json(speaker=entity_id, limit=page.limit, offset=page.offset),
    )


@router.get("/{entity_id}/mentioned", response_model=Page[Claim], responses=error_responses(404))
async def claims_mentioning(
    request: Request, entity_id: EntityPath, graph: GraphDep, page: Pagination
) -> Response:
    """The claims about this entity, whoever made them."""
    return await answered(
        request,
        graph,
        lambda: graph.claims_json(about=entity_id, limit=page.limit, offset=page.offset),
    )
