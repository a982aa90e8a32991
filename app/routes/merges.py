"""/merges: which entities were taken for one across articles, on what evidence, and the
decisions people take on them (accept, reject, merge by hand, undo)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Path, Query, status
from pydantic import BaseModel, Field

from claimgraph.app.deps import GraphDep, Pagination, ReadAuth, WriteAuth
from claimgraph.app.errors import error_responses
from claimgraph.graph import Merge, Page, Split

router = APIRouter(prefix="/merges", tags=["merges"], responses=error_responses(401, 422))

MergeId = Annotated[str, Path(max_length=300, description='a merge id ("m-…")')]
WHO_CHARS = 100
DEFAULT_WHO = "api"


class Decision(BaseModel):
    """Who takes a decision on a merge (kept with it)."""

    by: str = Field(
        default=DEFAULT_WHO, min_length=1, max_length=WHO_CHARS, description="who decides"
    )


class HandMerge(BaseModel):
    """Two entities a person takes for one: `merge` becomes part of `keep`."""

    keep: str = Field(min_length=1, max_length=300, description="an entity id, name or alias")
    merge: str = Field(min_length=1, max_length=300, description="an entity id, name or alias")
    by: str = Field(default=DEFAULT_WHO, min_length=1, max_length=WHO_CHARS)
    note: str | None = Field(default=None, max_length=1000, description="why, for the record")


@router.get("", dependencies=[ReadAuth])
def list_merges(
    graph: GraphDep,
    page: Pagination,
    merge_status: Annotated[
        Literal["applied", "proposed", "rejected", "undone"] | None,
        Query(
            alias="status",
            description="applied: in force; proposed: waiting for a person; rejected, undone: "
            "decisions people took",
        ),
    ] = None,
) -> Page[Merge]:
    """Entities taken for one across articles (applied), and those proposed for a person to
    decide on, each with its evidence and score; the decisions people took stay listed."""
    return graph.merges(status=merge_status, limit=page.limit, offset=page.offset)


@router.post(
    "",
    dependencies=[WriteAuth],
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(400, 404),
)
def merge_by_hand(graph: GraphDep, body: HandMerge) -> Merge:
    """Merge two entities by hand: from now on they are one node, whatever the resolver says,
    until the merge is undone."""
    return graph.merge_entities(body.keep, body.merge, by=body.by, note=body.note)


@router.post("/{merge_id}/accept", dependencies=[WriteAuth], responses=error_responses(400, 404))
def accept_merge(
    merge_id: MergeId, graph: GraphDep, decision: Annotated[Decision | None, Body()] = None
) -> Merge:
    """Accept a proposed merge (or apply again one undone or rejected): the two become one."""
    return graph.accept_merge(merge_id, by=(decision or Decision()).by)


@router.post("/{merge_id}/reject", dependencies=[WriteAuth], responses=error_responses(400, 404))
def reject_merge(
    merge_id: MergeId, graph: GraphDep, decision: Annotated[Decision | None, Body()] = None
) -> Merge:
    """Reject a proposed merge (a merge in force is undone): the two stay apart, and the pair
    is never proposed again."""
    return graph.reject_merge(merge_id, by=(decision or Decision()).by)


@router.delete("/{merge_id}", dependencies=[WriteAuth], responses=error_responses(404))
def undo_merge(
    merge_id: MergeId,
    graph: GraphDep,
    by: Annotated[
        str, Query(min_length=1, max_length=WHO_CHARS, description="who decides")
    ] = DEFAULT_WHO,
) -> Merge:
    """Undo a merge (a proposal is rejected): the entities it joined become separate again,
    and the resolver never joins them again. Returns the merge as it now stands."""
    return graph.undo_merge(merge_id, by=by)


class SplitRequest(BaseModel):
    """The articles in which an entity is someone (something) else."""

    articles: list[Annotated[str, Field(min_length=1, max_length=300)]] = Field(
        min_length=1, max_length=10_000, description="ids of articles naming the entity"
    )
    by: str = Field(default=DEFAULT_WHO, min_length=1, max_length=WHO_CHARS)


split_router = APIRouter(tags=["merges"], responses=error_responses(401, 422))


@split_router.post(
    "/entities/{entity_id}/split",
    dependencies=[WriteAuth],
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(400, 404),
)
def split_entity(
    entity_id: Annotated[str, Path(max_length=300, description="an entity id, name or alias")],
    graph: GraphDep,
    body: SplitRequest,
) -> Split:
    """Split an entity: in the given articles its mentions and claims are someone else's, a
    new entity of the same name. Kept as a person's decision until undone."""
    return graph.split_entity(entity_id, body.articles, by=body.by)


@split_router.get("/splits", dependencies=[ReadAuth])
def list_splits(graph: GraphDep, page: Pagination) -> Page[Split]:
    """Every split people made, oldest first, undone ones included."""
    return graph.splits(limit=page.limit, offset=page.offset)


@split_router.delete("/splits/{split_id}", dependencies=[WriteAuth], responses=error_responses(404))
def undo_split(
    split_id: Annotated[str, Path(max_length=300, description='a split id ("s-…")')],
    graph: GraphDep,
) -> Split:
    """Undo a split: the mentions it moved go back to the entity they were split from."""
    return graph.undo_split(split_id)
