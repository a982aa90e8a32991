"""/merges: the cross-article entity merges, and undoing one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from claimgraph.app.deps import GraphDep, Pagination, ReadAuth, WriteAuth
from claimgraph.app.errors import error_responses
from claimgraph.graph import Merge, Page

router = APIRouter(prefix="/merges", tags=["merges"], responses=error_responses(401, 422))


@router.get("", dependencies=[ReadAuth])
def list_merges(graph: GraphDep, page: Pagination) -> Page[Merge]:
    """The merges made when the same entity turned up in several articles."""
    return graph.merges(limit=page.limit, offset=page.offset)


@router.delete("/{merge_id}", dependencies=[WriteAuth], responses=error_responses(404))
def undo_merge(merge_id: Annotated[str, Path(max_length=300)], graph: GraphDep) -> Merge:
    """Undo a merge: the entities it joined become separate again. Returns the undone merge."""
    return graph.undo_merge(merge_id)
