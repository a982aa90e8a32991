"""/entities: the people, organisations and places, and the claims by and about each."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from app.deps import GraphDep, Pagination, ReadAuth
from app.errors import error_responses
from app.responses import model_json
from extract.schema import Claim, Entity, EntityType
from graph import Page

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
def list_entities(
    graph: GraphDep,
    page: Pagination,
    entity_type: Annotated[EntityType | None, Query(alias="type")] = None,
    q: Annotated[
        str | None, Query(min_length=1, max_length=200, description="search names and aliases")
    ] = None,
) -> Response:
    """Entities across all articles, optionally of one type or matching a name or alias."""
    return model_json(graph.entities(type=entity_type, q=q, limit=page.limit, offset=page.offset))


@router.get("/{entity_id}", responses=error_responses(404))
def get_entity(entity_id: EntityPath, graph: GraphDep) -> Entity:
    """One entity, merged across articles, with its aliases, roles and articles."""
    return graph.entity(entity_id)


@router.get("/{entity_id}/said", response_model=Page[Claim], responses=error_responses(404))
def claims_said(entity_id: EntityPath, graph: GraphDep, page: Pagination) -> Response:
    """The claims this entity made."""
    return model_json(graph.said(entity_id, limit=page.limit, offset=page.offset))


@router.get("/{entity_id}/mentioned", response_model=Page[Claim], responses=error_responses(404))
def claims_mentioning(entity_id: EntityPath, graph: GraphDep, page: Pagination) -> Response:
    """The claims about this entity, whoever made them."""
    return model_json(graph.mentioned(entity_id, limit=page.limit, offset=page.offset))
