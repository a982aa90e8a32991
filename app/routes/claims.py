"""/claims: who said what, to whom, about whom, as JSON or CSV."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response

from claimgraph.app.cache import CSV, answered, wants_csv
from claimgraph.app.deps import FILTER_CHARS, ClaimFilters, GraphDep, Pagination, ReadAuth
from claimgraph.app.errors import error_responses
from claimgraph.extract.schema import Claim
from claimgraph.graph import Graph, Page
from claimgraph.graph.tables import CLAIM_COLUMNS

router = APIRouter(
    prefix="/claims",
    tags=["claims"],
    dependencies=[ReadAuth],
    responses=error_responses(401, 404, 422),
)

# The 200 answer of a claim listing in either format, as /docs shows it.
CLAIM_LIST_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "a page of claims: JSON by default; CSV with `format=csv` or "
        f"`Accept: text/csv` (columns: {', '.join(CLAIM_COLUMNS)})",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}

Format = Annotated[
    Literal["json", "csv"] | None,
    Query(
        description="json (the default) or csv; without it, an Accept header that prefers "
        "text/csv gets CSV"
    ),
]


def _ref_query(description: str) -> object:
    return Query(min_length=1, max_length=FILTER_CHARS, description=description)


async def claim_listing(
    request: Request,
    graph: Graph,
    page: Pagination,
    filters: dict[str, str | None],
) -> Response:
    """A page of the claims matching `filters`, in the format the request asks for."""
    limit, offset = page.limit, page.offset
    if wants_csv(request):
        return await answered(
            request, graph, lambda: graph.claims_csv(**filters, limit=limit, offset=offset), CSV
        )
    return await answered(
        request, graph, lambda: graph.claims_json(**filters, limit=limit, offset=offset)
    )


@router.get("", response_model=Page[Claim], responses=CLAIM_LIST_RESPONSES)
async def list_claims(
    request: Request,
    graph: GraphDep,
    page: Pagination,
    filters: ClaimFilters,
    speaker: Annotated[str | None, _ref_query("who said it: an entity id, name or alias")] = None,
    about: Annotated[
        str | None, _ref_query("whom it is about: an entity id, name or alias")
    ] = None,
    addressee: Annotated[str | None, _ref_query("whom it was said to")] = None,
    article: Annotated[str | None, _ref_query("the id of the article it is in")] = None,
    format: Format = None,
) -> Response:
    """Claims matching every filter given. Each carries its article (id, title, source,
    publication date, outlet) and the sentence that holds it (`context`), so it can be cited
    as it stands."""
    entity_filters = {"speaker": speaker, "about": about, "addressee": addressee}
    return await claim_listing(
        request, graph, page, {**entity_filters, "article": article, **filters.as_dict()}
    )
