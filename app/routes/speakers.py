"""/speakers: who has talked about an entity, and how often."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from claimgraph.app.cache import answered_json
from claimgraph.app.deps import ClaimFilters, GraphDep, Pagination, ReadAuth
from claimgraph.app.errors import error_responses
from claimgraph.graph import Page, SpeakerCount

router = APIRouter(
    prefix="/speakers",
    tags=["claims"],
    dependencies=[ReadAuth],
    responses=error_responses(401, 404, 422),
)


@router.get("", response_model=Page[SpeakerCount])
async def list_speakers(
    request: Request,
    graph: GraphDep,
    page: Pagination,
    filters: ClaimFilters,
    about: Annotated[
        str,
        Query(min_length=1, max_length=300, description="an entity id, name or alias"),
    ],
) -> Response:
    """The entities with claims about `about`, most claims first; the claims counted can be
    narrowed as in /claims (kind, cue_class, since, until, source, outlet, q)."""
    return await answered_json(
        request,
        graph,
        lambda: graph.speakers(
            about=about, **filters.as_dict(), limit=page.limit, offset=page.offset
        ),
    )
