"""Domain errors of the graph layer; app/ turns them into HTTP responses."""

from __future__ import annotations


class ClaimGraphError(Exception):
    """Base class of every error graph/ raises on purpose."""


class NotFoundError(ClaimGraphError):
    """Something the caller named does not exist."""


class ArticleNotFound(NotFoundError):
    def __init__(self, article_id: str) -> None:
        super().__init__(f"no article with id {article_id!r}")
        self.article_id = article_id


class EntityNotFound(NotFoundError):
    def __init__(self, ref: str) -> None:
        super().__init__(f"no entity with id, name or alias {ref!r}")
        self.ref = ref


class MergeNotFound(NotFoundError):
    def __init__(self, merge_id: str) -> None:
        super().__init__(f"no merge with id {merge_id!r}")
        self.merge_id = merge_id


class SplitNotFound(NotFoundError):
    def __init__(self, split_id: str) -> None:
        super().__init__(f"no split {split_id!r}")
        self.split_id = split_id


class InvalidQuery(ClaimGraphError, ValueError):
    """A query argument is out of range or unknown (export format, path length, …)."""


class InvalidArticle(ClaimGraphError, ValueError):
    """An article cannot be stored as given (e.g. its claim ids clash with another article's)."""


class GraphTooLarge(ClaimGraphError):
    """A whole-graph export asked of a graph over the export limit."""

    def __init__(self, nodes: int, limit: int) -> None:
        super().__init__(
            f"the graph has {nodes} nodes, over the export limit of {limit}: export an "
            "entity's neighbourhood (entity=, depth=, max_nodes=), or the whole graph with "
            "`claimgraph export` on the command line"
        )


class StoreError(ClaimGraphError):
    """The database cannot be used (written by a newer version, not a claimgraph store, …)."""


class StoreUnavailable(ClaimGraphError):
    """The database cannot be used just now (PostgreSQL restarting or unreachable, SQLite
    locked past its busy timeout): nothing was changed; try again shortly."""

    retry_after = 2


class WritePending(ClaimGraphError):
    """A write handed to the workers as jobs (CLAIMGRAPH_WRITES=jobs) was not done within the
    wait: it stays queued and its jobs say when it is (GET /jobs/{id})."""

    def __init__(self, job_ids: list[str]) -> None:
        super().__init__(f"queued as job(s) {', '.join(job_ids)}: not done yet")
        self.job_ids = job_ids
