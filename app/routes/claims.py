"""/claims: who said what, to whom, about whom."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from claimgraph.app.cache import answered
from claimgraph.app.deps import FILTER_CHARS, GraphDep, Pagination, ReadAuth
from claimgraph.app.errors import error_responses
from claimgraph.extract.schema import Claim, ClaimKind
from claimgraph.graph import Page

router = APIRouter(
    prefix="/claims",
    tags=["claims"],
    dependencies=[ReadAuth],
    responses=error_responses(401, 404, 422),
)


def _ref_query(description: str) -> object:
    return Query(min_length=1, max_length=FILTER_CHARS, description=description)


@router.get("", response_model=Page[Claim])
async def list_claims(
    request: Request,
    graph: GraphDep,
    page: Pagination,
    speaker: Annotated[str | None, _ref_query("who said it: an entity id, name or alias")] = None,
    about: Annotated[
        str | None, _ref_query("whom it is about: an entity id, name or alias")
    ] = None,
    addressee: Annotated[str | None, _ref_query("whom it was said to")] = None,
    article: Annotated[str | None, _ref_query("the id of the article it is in")] = None,
    kind: Annotated[ClaimKind | None, Query(description="how it was reported")] = None,
    q: Annotated[str | None, _ref_query("words in the claim's text")] = None,
) -> Response:
    """Claims matching every filter given; each carries the id of its article."""
    return await answered(
        request,
        graph,
        lambda: graph.claims_json(
            speaker=speaker,
            about=about,
            addressee=addressee,
            article=article,
            kind=kind,
            q=q,
            limit=page.limit,
            offset=page.offset,
        ),
    )
