"""Writes as jobs: a process that holds no graph hands its writes to the workers that do.

With CLAIMGRAPH_WRITES=jobs an API process on PostgreSQL never builds a graph, not even to
write: an ingest of an extracted article, a delete and every decision a person takes (accept,
reject, undo, merge by hand, split, undo a split) become a job in the store's queue, which a
`claimgraph worker` does with its graph (`perform`) as it does articles to extract. The job's
result is the write's answer, its error the write's error (`raise_failure` raises it again in
the process that asked, as the same class).
"""

from __future__ import annotations

from typing import Any

from claimgraph.extract.schema import Article
from claimgraph.graph import errors
from claimgraph.graph.errors import ClaimGraphError, StoreUnavailable

# The writes a job can ask for, and the arguments each takes (ClaimGraph's methods).
OPERATIONS: dict[str, tuple[str, ...]] = {
    "ingest": ("article",),
    "delete_article": ("article_id",),
    "accept_merge": ("merge_id", "by"),
    "reject_merge": ("merge_id", "by"),
    "undo_merge": ("merge_id", "by"),
    "merge_entities": ("keep", "merge", "by", "note"),
    "split_entity": ("ref", "articles", "by"),
    "undo_split": ("split_id",),
}
# How a failed write's error is written in its job ("EntityNotFound: no entity …").
_SEPARATOR = ": "


def _known(operation: str, arguments: dict[str, Any]) -> bool:
    """Whether a write of that name takes those arguments."""
    return operation in OPERATIONS and not set(arguments) - set(OPERATIONS[operation])


def payload(operation: str, **arguments: Any) -> dict[str, Any]:
    """The job that asks for a write."""
    if not _known(operation, arguments):
        raise ValueError(f"no write {operation!r} with {sorted(arguments)}")
    return {"write": operation, "arguments": arguments}


def is_write(job_payload: dict[str, Any]) -> bool:
    return "write" in job_payload


def perform(graph: Any, job_payload: dict[str, Any]) -> dict[str, Any]:
    """Do the write a job asks for with `graph` (a ClaimGraph); its answer as JSON data.
    Raises ClaimGraphError for a write that cannot be done (see `failure`)."""
    operation = job_payload["write"]
    arguments = dict(job_payload.get("arguments") or {})
    if not _known(operation, arguments):
        raise errors.InvalidQuery(f"no write {operation!r} with {sorted(arguments)}")
    if operation == "ingest":
        arguments["article"] = Article.model_validate(arguments["article"])
    positional = [arguments.pop(OPERATIONS[operation][0])]
    answer = getattr(graph, operation)(*positional, **arguments)
    return {} if answer is None else dict(answer.model_dump(mode="json"))


def failure(error: ClaimGraphError) -> str:
    """A write's error as its job records it."""
    return f"{type(error).__name__}{_SEPARATOR}{error}"


def raise_failure(text: str | None) -> None:
    """Raise again the error a write's job recorded: as its own class where graph.errors has
    one that takes a message; as its nearest such base (NotFoundError, InvalidQuery) where
    the class takes arguments of its own (an id)."""
    name, _, message = (text or "").partition(_SEPARATOR)
    kind = getattr(errors, name, None)
    if not (isinstance(kind, type) and issubclass(kind, ClaimGraphError)):
        raise errors.InvalidQuery(text or "the write failed")
    if kind is StoreUnavailable or "__init__" in vars(kind):
        kind = errors.NotFoundError if issubclass(kind, errors.NotFoundError) else errors.StoreError
    raise kind(message)
