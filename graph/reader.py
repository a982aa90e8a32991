"""StoreGraph: ClaimGraph's questions answered from the store's graph tables, holding no graph.

On PostgreSQL many API processes share one store. Each would otherwise build the whole graph
in memory (gigabytes and minutes at a hundred thousand articles); a StoreGraph keeps nothing
that grows with the archive. Lists are answered by SQL over the tables that writers keep
(graph/readmodel.py); a neighbourhood, a path search or an export loads a bounded part of the
graph into a small NetworkX graph and runs the same functions as the in-memory graph on it, so
the answers are the same (tests/graph/test_reader.py compares them). Writes go to a writer:
see `StoreGraph.writer`.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar, cast

import networkx as nx

from claimgraph.extract.schema import Article, ArticleRef, Claim, Entity
from claimgraph.graph import queries, writes
from claimgraph.graph.errors import (
    ArticleNotFound,
    GraphTooLarge,
    StoreError,
    WritePending,
)
from claimgraph.graph.export import EDGES_KEYS, EXPORT_FORMATS, export
from claimgraph.graph.models import (
    ArticleSummary,
    GraphPath,
    IngestResult,
    Merge,
    Page,
    SpeakerCount,
    Split,
    Timeline,
)
from claimgraph.graph.nodes import article_node
from claimgraph.graph.service import (
    DEFAULT_MAX_NODES,
    MAX_DEPTH,
    MAX_NODES,
    MAX_PATH_LENGTH,
    MAX_PATHS,
    STALE,
    Offload,
    _one_of,
    _page,
    _within,
)
from claimgraph.graph.store import APPLIED, DONE, FAILED, PROPOSED, Job, Store
from claimgraph.graph.tableload import COLLATE, GraphTables
from claimgraph.graph.tablequery import TableQueries, given
from claimgraph.graph.tables import claims_csv
from claimgraph.graph.views import (
    article_ref,
    claim_json,
    entity_json,
    entity_ref,
    page_json,
    to_claim,
    to_entity,
    to_path,
)

# A path search loads the nodes within half its length of either end; past this many it stops
# widening (a hub's neighbours' neighbours are much of the archive) and searches what it has.
MAX_PATH_NODES = 50_000


F = TypeVar("F", bound=Callable[..., Any])


def _consistent(method: F) -> F:
    """Run a read in one snapshot of the store: a writer's commit lands wholly before or
    wholly after it, never between two of its queries."""

    @functools.wraps(method)
    def read(self: StoreGraph, *args: Any, **kwargs: Any) -> Any:
        with self._store.snapshot():
            return method(self, *args, **kwargs)

    return cast(F, read)


class StoreGraph:
    """The read side of ClaimGraph over a store with graph tables (Store.read_model)."""

    def __init__(
        self,
        store: Store,
        *,
        writer: Callable[[], Any] | None = None,
        writes: str = "here",
        wait: float = 30.0,
    ) -> None:
        """`writes` says who does the writes (ingests, people's decisions) this process is
        asked for: "here", a ClaimGraph that `writer` makes on first use (by default one over
        the same store); "jobs", the workers, each write queued as a job (graph/writes.py) and
        waited for up to `wait` seconds (then WritePending: the job goes on)."""
        if not store.read_model:
            raise ValueError(f"{store.path} keeps no graph tables: open a ClaimGraph on it")
        if writes not in ("here", "jobs"):
            raise ValueError(f"writes is 'here' or 'jobs', not {writes!r}")
        self._store = store
        self._tables = GraphTables(self._q)
        self._lists = TableQueries(self._q)
        self._make_writer = writer
        self._jobs = writes == "jobs"
        self._wait = wait
        self._writer: Any = None
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}
        self._counted_at = -1  # the data version self._counts were counted at
        if not store.read_model_built() and not store.built_if_empty():
            # A store from before its graph tables: built once, by a writer.
            if self._jobs:
                raise StoreError(
                    f"the graph tables of {store.path} are not built yet: start a"
                    " `claimgraph worker` (it builds them), or run `claimgraph resolve`"
                )
            self.writer().build_tables()

    # -- the store, versions, writes -------------------------------------------------------

    @property
    def store(self) -> Store:
        return self._store

    def close(self) -> None:
        with self._lock:
            if self._writer is not None:
                self._writer.close()  # closes the store too
            else:
                self._store.close()

    def __enter__(self) -> StoreGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def writer(self) -> Any:
        """The ClaimGraph that writes for this process, made on first use (it builds the
        graph: a process that only reads never pays for one)."""
        with self._lock:
            if self._writer is None:
                from claimgraph.graph.service import ClaimGraph

                make = self._make_writer or (lambda: ClaimGraph(self._store))
                self._writer = make()
            return self._writer

    def generation(self, *, wait: bool = True, network: bool = False) -> int:
        """The store's data version: what cached answers are keyed by (see ClaimGraph). An
        event loop (`wait=False`, not `network`) never asks a store across a network."""
        if not wait and not network:
            return STALE
        return self._store.data_version()

    @contextmanager
    def free_now(self) -> Iterator[bool]:
        """Never: every answer asks the store, which an event loop must not wait for."""
        yield False

    def _q(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        return self._store._query(sql, params)

    # -- writes, by the writer or by the workers ---------------------------------------------

    def _by_jobs(self, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Queue writes as jobs and wait for their answers (see graph/writes.py)."""
        ids = self._store.enqueue(payloads)
        deadline = time.monotonic() + self._wait
        pause = 0.005
        finished: dict[str, Job] = {}
        while True:
            for job_id in ids:  # a job once finished is not asked about again
                job = None if job_id in finished else self._store.get_job(job_id)
                if job is not None and job.state in (DONE, FAILED):
                    finished[job_id] = job
            if len(finished) == len(ids):
                break
            if time.monotonic() >= deadline:
                raise WritePending(ids)
            time.sleep(pause)
            pause = min(pause * 2, 0.2)
        jobs = [finished[job_id] for job_id in ids]
        for job in jobs:
            if job.state == FAILED:
                writes.raise_failure(job.error)
        return [job.result or {} for job in jobs]

    def _write(self, operation: str, *args: Any, **arguments: Any) -> Any:
        """One write: by this process's writer, or as a job; the job's answer is JSON data."""
        if not self._jobs:
            return getattr(self.writer(), operation)(*args, **arguments)
        names = writes.OPERATIONS[operation]
        given = dict(zip(names, args, strict=False)) | arguments
        return self._by_jobs([writes.payload(operation, **given)])[0]

    def ingest(self, article: Article) -> IngestResult:
        return self.ingest_many([article])[0]

    def ingest_many(self, articles: Iterable[Article]) -> list[IngestResult]:
        if not self._jobs:
            return list(self.writer().ingest_many(articles))
        payloads = [
            writes.payload("ingest", article=article.model_dump(mode="json"))
            for article in articles
        ]
        return [IngestResult.model_validate(answer) for answer in self._by_jobs(payloads)]

    def delete_article(self, article_id: str) -> None:
        self._write("delete_article", article_id)

    def undo_merge(self, merge_id: str, *, by: str = "user") -> Merge:
        return Merge.model_validate(self._write("undo_merge", merge_id, by=by))

    def accept_merge(self, merge_id: str, *, by: str = "user") -> Merge:
        return Merge.model_validate(self._write("accept_merge", merge_id, by=by))

    def reject_merge(self, merge_id: str, *, by: str = "user") -> Merge:
        return Merge.model_validate(self._write("reject_merge", merge_id, by=by))

    def merge_entities(
        self, keep: str, merge: str, *, by: str = "user", note: str | None = None
    ) -> Merge:
        return Merge.model_validate(self._write("merge_entities", keep, merge, by=by, note=note))

    def split_entity(self, ref: str, articles: Sequence[str], *, by: str = "user") -> Split:
        return Split.model_validate(self._write("split_entity", ref, list(articles), by=by))

    def undo_split(self, split_id: str) -> Split:
        return Split.model_validate(self._write("undo_split", split_id))

    def resolve_again(self) -> dict[str, int]:
        """Run by this process's writer whatever `writes` says: a whole-store job for the
        command line (`claimgraph resolve`), not for a request."""
        answer: dict[str, int] = self.writer().resolve_again()
        return answer

    # -- loading parts of the graph --------------------------------------------------------

    # -- entities --------------------------------------------------------------------------

    @_consistent
    def entities(
        self, *, type: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0
    ) -> Page[Entity]:
        nodes, count = self._lists.entity_page(type, q, limit, offset)
        return Page(
            data=[to_entity(self._tables.entity_graph(node), node) for node in nodes], count=count
        )

    @_consistent
    def entities_json(
        self, *, type: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0
    ) -> bytes:
        nodes, count = self._lists.entity_page(type, q, limit, offset)
        return page_json(
            [entity_json(self._tables.entity_graph(node), node) for node in nodes], count
        )

    @_consistent
    def entity(self, ref: str) -> Entity:
        node = self._lists.resolve(ref)
        return to_entity(self._tables.entity_graph(node), node)

    @_consistent
    def entity_json(self, ref: str) -> bytes:
        node = self._lists.resolve(ref)
        return entity_json(self._tables.entity_graph(node), node)

    @_consistent
    def entity_articles(self, ref: str, *, limit: int = 50, offset: int = 0) -> Page[ArticleRef]:
        _page((), limit, offset)
        node = self._lists.resolve(ref)
        shown = [
            row[0]
            for row in self._q(
                "SELECT article FROM g_provenance WHERE node = ? ORDER BY seq LIMIT ? OFFSET ?",
                (node, limit, offset),
            )
        ]
        count = self._q("SELECT articles FROM g_entities WHERE id = ?", (node,))[0][0]
        H = nx.MultiDiGraph()
        for article, attrs in self._tables.node_data([article_node(a) for a in shown]).items():
            H.add_node(article, **attrs)
        refs = [ArticleRef.model_validate(article_ref(H, a)) for a in shown]
        return Page(data=refs, count=int(count))

    # -- claims ----------------------------------------------------------------------------

    def _claim_page(
        self, filters: dict[str, str | None], limit: int, offset: int
    ) -> tuple[list[str], int]:
        _page((), limit, offset)
        source, params = self._lists.where(filters)
        rows = self._q(
            f"SELECT c.id {source} ORDER BY c.seq, c.start_char, c.end_char, c.id{COLLATE}"
            " LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        count = self._q(f"SELECT count(*) {source}", params)[0][0]
        return [row[0] for row in rows], int(count)

    @_consistent
    def claims(self, *, limit: int = 50, offset: int = 0, **filters: str | None) -> Page[Claim]:
        nodes, count = self._claim_page(given(filters), limit, offset)
        H = self._tables.claims_graph(nodes)
        return Page(data=[to_claim(H, node) for node in nodes], count=count)

    @_consistent
    def claims_json(self, *, limit: int = 50, offset: int = 0, **filters: str | None) -> bytes:
        nodes, count = self._claim_page(given(filters), limit, offset)
        H = self._tables.claims_graph(nodes)
        return page_json([claim_json(H, node) for node in nodes], count)

    @_consistent
    def claims_csv(self, *, limit: int = 50, offset: int = 0, **filters: str | None) -> str:
        nodes, _ = self._claim_page(given(filters), limit, offset)
        H = self._tables.claims_graph(nodes)
        return claims_csv([to_claim(H, node) for node in nodes])

    def said(self, ref: str, *, limit: int = 50, offset: int = 0, **filters: str) -> Page[Claim]:
        return self.claims(speaker=ref, limit=limit, offset=offset, **filters)

    def mentioned(
        self, ref: str, *, limit: int = 50, offset: int = 0, **filters: str
    ) -> Page[Claim]:
        return self.claims(about=ref, limit=limit, offset=offset, **filters)

    @_consistent
    def speakers(
        self, *, about: str, limit: int = 50, offset: int = 0, **filters: str | None
    ) -> Page[SpeakerCount]:
        _page((), limit, offset)
        source, params = self._lists.where(given({"about": about, **filters}))
        grouped = f"SELECT c.speaker, count(*) AS n {source} AND c.speaker IS NOT NULL"
        if " WHERE " not in source:
            grouped = grouped.replace(" AND c.speaker", " WHERE c.speaker", 1)
        grouped += " GROUP BY c.speaker"
        rows = self._q(
            f"SELECT g.speaker, g.n, e.name, e.type FROM ({grouped}) g"
            " JOIN g_entities e ON e.id = g.speaker"
            f" ORDER BY g.n DESC, e.folded{COLLATE}, e.id{COLLATE} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        count = self._q(f"SELECT count(*) FROM ({grouped}) g", params)[0][0]
        data = [
            SpeakerCount.model_validate(
                {"entity": {"id": node, "name": name, "type": kind}, "claims": n}
            )
            for node, n, name, kind in rows
        ]
        return Page(data=data, count=int(count))

    @_consistent
    def timeline(
        self, ref: str, *, role: str = "speaker", interval: str = "month", **filters: str | None
    ) -> Timeline:
        _one_of("role", role, ("speaker", "about"))
        _one_of("interval", interval, queries.INTERVALS)
        node = self._lists.resolve(ref)
        source, params = self._lists.where(given({**filters, role: node}))
        rows = self._q(f"SELECT c.id, c.article, c.day, c.cue_class {source}", params)
        H = nx.MultiDiGraph()
        for claim, article, day, cue_class in rows:
            H.add_node(claim, article=article, cue_class=cue_class)
            H.add_node(article_node(article), **({"date": day} if day else {}))
        found = [row[0] for row in rows]
        buckets, undated = queries.timeline(H, found, interval=interval)
        return Timeline.model_validate(
            {
                "entity": entity_ref(self._tables.entity_graph(node), node),
                "role": role,
                "interval": interval,
                "claims": len(found),
                "undated": undated,
                "cue_classes": queries.cue_class_counts(H, found),
                "buckets": buckets,
            }
        )

    # -- articles, merges, counts ----------------------------------------------------------

    @_consistent
    def articles(self, *, limit: int = 50, offset: int = 0) -> Page[ArticleSummary]:
        _page((), limit, offset)
        summaries = self._store.summaries(limit=limit, offset=offset)
        data = self._tables.node_data([article_node(summary.id) for summary in summaries])
        for summary in summaries:
            found = data.get(article_node(summary.id))
            summary.outlet = found.get("outlet") if found else None
        return Page(data=summaries, count=self._store.count_articles())

    def article(self, article_id: str) -> Article:
        article = self._store.get_article(article_id)
        if article is None:
            raise ArticleNotFound(article_id)
        claims = [claim.model_copy(update={"article_id": article.id}) for claim in article.claims]
        return article.model_copy(update={"claims": claims})

    @_consistent
    def merges(self, *, status: str | None = None, limit: int = 50, offset: int = 0) -> Page[Merge]:
        from claimgraph.graph.store import MERGE_STATUSES

        _page((), limit, offset)
        _one_of("merge status", status, MERGE_STATUSES)
        return Page(
            data=self._store.merges(limit=limit, offset=offset, status=status),
            count=self._store.count_merges(status=status),
        )

    @_consistent
    def splits(self, *, limit: int = 50, offset: int = 0) -> Page[Split]:
        _page((), limit, offset)
        return Page(
            data=self._store.splits(limit=limit, offset=offset), count=self._store.count_splits()
        )

    def health(self, *, wait: bool = True) -> dict[str, int]:
        """How much the store holds; `wait=False` (an event loop) gives the last counts."""
        if not wait and self._counts:
            return dict(self._counts)
        with self._store.snapshot():
            # Counted once per change of the store's data: counting rows takes a while.
            version = self._store.data_version()
            if version == self._counted_at:
                return dict(self._counts)
            entities = int(self._q("SELECT count(*) FROM g_entities")[0][0])
            claims = int(self._q("SELECT count(*) FROM g_claims")[0][0])
            self._counts = {
                "articles": self._store.count_articles(),
                "entities": entities,
                "claims": claims,
                "nodes": int(self._q("SELECT count(*) FROM g_nodes")[0][0]),
                "edges": int(self._q("SELECT count(*) FROM g_edges")[0][0]),
                "merges": self._store.count_merges(status=APPLIED),
                "proposals": self._store.count_merges(status=PROPOSED),
            }
            self._counted_at = version
        return dict(self._counts)

    # -- neighbourhoods, paths, exports ----------------------------------------------------

    def _centre(self, ref: str) -> str:
        if ref.startswith(("claim:", "article:")) and self._q(
            "SELECT 1 FROM g_nodes WHERE id = ?", (ref,)
        ):
            return ref
        return self._lists.resolve(ref)

    @_consistent
    def neighbourhood(
        self, entity: str, *, depth: int = 1, max_nodes: int | None = DEFAULT_MAX_NODES
    ) -> nx.MultiDiGraph:
        _within("depth", depth, 0, MAX_DEPTH)
        if max_nodes is not None:
            _within("max_nodes", max_nodes, 1, MAX_NODES)
        H = self._tables.neighbourhood(self._lists.resolve(entity), depth, max_nodes)
        self._tables.cited(H)
        return H

    @_consistent
    def paths(
        self, source: str, target: str, *, max_length: int = 4, limit: int = 10
    ) -> Page[GraphPath]:
        """As ClaimGraph.paths, over the nodes within half the length of either end: every
        path of at most `max_length` edges lies among them."""
        _within("max_length", max_length, 1, MAX_PATH_LENGTH)
        _within("limit", limit, 1, MAX_PATHS)
        ends = self._lists.resolve(source), self._lists.resolve(target)
        near = self._tables.distances(ends[0], cutoff=(max_length + 1) // 2, enough=MAX_PATH_NODES)
        far = self._tables.distances(ends[1], cutoff=max_length // 2, enough=MAX_PATH_NODES)
        H, _ = self._tables.subgraph(sorted(set(near) | set(far)), provenance=False)
        found = queries.paths(H, *ends, max_length=max_length, limit=limit)
        return Page(data=[to_path(H, nodes) for nodes in found], count=len(found))

    def export(
        self,
        format: str,
        *,
        entity: str | None = None,
        depth: int = 1,
        edges_key: str = "edges",
        max_nodes: int | None = DEFAULT_MAX_NODES,
        max_graph_nodes: int | None = None,
        offload: Offload | None = None,
    ) -> str:
        """As ClaimGraph.export; the whole graph is loaded for the export (refused past
        `max_graph_nodes`) and let go after it."""
        _one_of("export format", format, EXPORT_FORMATS)
        _one_of("edges_key", edges_key, EDGES_KEYS)
        _within("depth", depth, 0, MAX_DEPTH)
        if max_nodes is not None:
            _within("max_nodes", max_nodes, 1, MAX_NODES)
        H = self._export_graph(entity, depth, max_nodes, max_graph_nodes)
        if offload is not None and offload.wanted(H.number_of_nodes()):
            # Writing takes seconds of Python for a large graph: a forked child writes it.
            # The child only writes (no store, no pool: a fork keeps none of their threads).
            return offload.start(lambda: export(H, format, edges_key=edges_key))()
        return export(H, format, edges_key=edges_key)

    @_consistent
    def _export_graph(
        self, entity: str | None, depth: int, max_nodes: int | None, max_graph_nodes: int | None
    ) -> nx.MultiDiGraph:
        """What an export writes, loaded in one snapshot: a neighbourhood or the whole graph,
        each claim citing its article."""
        if entity is not None:
            H = self._tables.neighbourhood(self._centre(entity), depth, max_nodes)
        else:
            size = int(self._q("SELECT count(*) FROM g_nodes")[0][0])
            if max_graph_nodes is not None and size > max_graph_nodes:
                raise GraphTooLarge(size, max_graph_nodes)
            H = self._tables.whole()
        self._tables.cited(H)
        return H
