"""/paths: how two entities are connected through claims and articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from claimgraph.app.deps import GraphDep, ReadAuth
from claimgraph.app.errors import error_responses
from claimgraph.graph import GraphPath, Page

router = APIRouter(
    prefix="/paths",
    tags=["graph"],
    dependencies=[ReadAuth],
    responses=error_responses(401, 404, 422),
)


@router.get("")
def list_paths(
    graph: GraphDep,
    source: Annotated[
        str, Query(alias="from", min_length=1, max_length=300, description="an entity")
    ],
    target: Annotated[
        str, Query(alias="to", min_length=1, max_length=300, description="another entity")
    ],
    max_length: Annotated[int, Query(ge=1, le=6, description="most edges in a path")] = 4,
    limit: Annotated[int, Query(ge=1, le=100, description="most paths to return")] = 10,
) -> Page[GraphPath]:
    """The shortest paths between two entities (`from`, `to`: ids, names or aliases)."""
    return graph.paths(source, target, max_length=max_length, limit=limit)
