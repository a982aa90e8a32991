"""ClaimGraph, the facade app/ calls: store, graph, resolution and queries behind one lock."""

from __future__ import annotations

import gc
import hashlib
import itertools
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Protocol, TypeVar, get_args

import networkx as nx

from claimgraph.extract.schema import (
    Article,
    ArticleRef,
    Claim,
    ClaimKind,
    CueClass,
    Entity,
    EntityRef,
)
from claimgraph.graph import build, queries, readmodel
from claimgraph.graph.claim_index import ClaimIndex
from claimgraph.graph.errors import (
    ArticleNotFound,
    GraphTooLarge,
    InvalidArticle,
    InvalidQuery,
    MergeNotFound,
    SplitNotFound,
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
from claimgraph.graph.resolve import NameIndex, merged_ids, propose_merges
from claimgraph.graph.search import EntitySearch
from claimgraph.graph.store import (
    APPLIED,
    INGEST,
    MERGE_STATUSES,
    PROPOSED,
    REJECTED,
    UNDONE,
    MergeProposal,
    SqliteStore,
    Store,
    StoredArticle,
    open_store,
)
from claimgraph.graph.store import now as store_now
from claimgraph.graph.tables import claims_csv
from claimgraph.graph.views import (
    article_ref,
    cite_claims,
    claim_json,
    entity_json,
    entity_ref,
    page_json,
    to_claim,
    to_entity,
    to_path,
)

T = TypeVar("T")
# Where a merge row (Store.decision_rows) holds what resolve_again reads.
_KEPT, _MERGED, _CREATED_AT, _STATUS, _DECIDED_AT = 2, 4, 8, 10, 14
CLAIM_KINDS: tuple[str, ...] = get_args(ClaimKind)
CUE_CLASSES: tuple[str, ...] = get_args(CueClass)
# What `generation(wait=False)` says of a graph that another process's commit has made stale.
STALE = -1


class Offload(Protocol):
    """Writes large exports elsewhere than in the calling thread (app/exports.py)."""

    def wanted(self, nodes: int) -> bool: ...

    def start(self, produce: Callable[[], str]) -> Callable[[], str]: ...


# Most changes by other processes a graph catches up with one by one; past it, it is rebuilt.
CATCH_UP = 200
# A data version no store ever has: the graph must be rebuilt before it answers.
_NEVER = -(2**63)
MAX_DEPTH = 5
# A neighbourhood bigger than this is more than a visualiser can draw or a reader can follow:
# the nearest and best connected nodes are kept (see queries.neighbourhood).
DEFAULT_MAX_NODES = 2000
# The most nodes one export may hold: a neighbourhood is cut to it, a whole graph over it is
# refused (GraphTooLarge) when the caller sets a limit (the API does; the CLI does not). At this
# size the graph is copied under the lock in about a tenth of a second and written outside it.
MAX_NODES = 20_000
MAX_PATH_LENGTH = 8
MAX_PATHS = 100
CLAIM_LISTS = 256  # filters whose sorted claim lists are kept until the next write
VIEWS = 20_000  # claim and entity models kept until the next write (a few KB each)
JSON_VIEWS = 50_000  # claims and entities as JSON kept until the next write (~0.5 KB a claim)


def _page(items: Sequence[T], limit: int, offset: int) -> tuple[Sequence[T], int]:
    if limit < 0 or offset < 0:
        raise InvalidQuery(f"limit and offset must not be negative (got {limit}, {offset})")
    return items[offset : offset + limit], len(items)


def _one_of(name: str, value: str | None, allowed: Sequence[str]) -> None:
    if value is not None and value not in allowed:
        raise InvalidQuery(f"unknown {name} {value!r}; use one of {', '.join(allowed)}")


def _filters(arguments: dict[str, object], drop: Sequence[str] = ()) -> dict[str, str | None]:
    """The claim filters among a method's arguments (its `locals()`)."""
    skip = {"self", "limit", "offset", *drop}
    return {name: value for name, value in arguments.items() if name not in skip}  # type: ignore[misc]


def _within(name: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise InvalidQuery(f"{name} must be between {low} and {high}, not {value}")


def _kept(
    views: dict[str, T],
    limit: int,
    make: Callable[[nx.MultiDiGraph, str], T],
    G: nx.MultiDiGraph,
    node: str,
) -> T:
    """`views[node]`, made by `make(G, node)` the first time (all dropped once `limit` are
    kept: a bound on memory that costs nothing per lookup)."""
    view = views.get(node)
    if view is None:
        if len(views) >= limit:
            views.clear()
        view = views[node] = make(G, node)
    return view


@contextmanager
def _collector_paused(enabled: bool = True) -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a graph is built, then freeze what was
    built out of its sight.

    Building allocates millions of objects that all live on, and the collector kept walking
    them all over again as they accumulated: a third of the start-up time at 10,000 articles.
    A collection afterwards walked them once more (a second at 10,000 articles), and so would
    the next full collection, in the middle of some request. Frozen, they are never walked;
    a graph replaced later is still freed (networkx's dicts hold no reference cycles, so
    reference counting frees them, frozen or not).
    """
    if not enabled:
        # A library embedded in someone else's process leaves the collector alone: pausing
        # and freezing it are global settings that only the process's owner may choose.
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


class ClaimGraph:
    """The knowledge graph of every stored article, kept in step with its SQLite store.

    All reads and writes take one lock, so a query never sees half an article; writes commit to
    the store before the in-memory graph changes, so an acknowledged ingest survives a crash.

    The examples of its methods run on this store (`claimgraph.open_store` opens one):

    >>> import claimgraph
    >>> store = claimgraph.open_store(":memory:")
    >>> for title, published, text in [
    ...     ("Bridge to reopen", "2024-02-27",
    ...      "Mayor Ada Park said the Riverton bridge would reopen in May."),
    ...     ("Engineer warns", "2024-03-02",
    ...      'Engineer Tom Reyes told the Riverton Gazette: "The bridge is not safe." '
    ...      "Reyes said Mayor Ada Park had ignored his report on the bridge."),
    ...     ("Council row", "2024-03-04",
    ...      "Park said the report had never reached her office."),
    ... ]:
    ...     article = claimgraph.extract_text(
    ...         text, title=title, published=published,
    ...         source=f"https://gazette.example/{published}/{title.lower().replace(' ', '-')}")
    ...     _ = store.ingest(article)
    >>> store.health()["claims"]
    4
    """

    def __init__(self, store: Store, *, tune_gc: bool = False) -> None:
        """`tune_gc=True` pauses the garbage collector while the graph is built and freezes
        what was built (see `_collector_paused`): for a process that owns its globals, like
        `claimgraph serve`; a library caller's collector is left as it is."""
        self._store = store
        self._tune_gc = tune_gc
        self._counts: dict[str, int] = {}
        self._counted_at = -1  # the generation self._counts were counted at
        self._lock = threading.RLock()
        self._generation = 0
        # What the write in progress changed, for the store's graph tables (read_model).
        self._dirty = readmodel.Dirty()
        self._tables_built = False
        try:
            self._load()
            self._count()
        except BaseException:
            store.close()
            raise

    @classmethod
    def open(cls, db_path: str | Path, *, tune_gc: bool = False) -> ClaimGraph:
        """Open a store and build its graph: a SQLite file (created, with its folder, if
        needed) or a `postgresql://` URL."""
        return cls(open_store(db_path), tune_gc=tune_gc)

    def close(self) -> None:
        with self._lock:
            self._store.close()

    def __enter__(self) -> ClaimGraph:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The live graph: read it, never change it (ClaimGraph updates it under its lock)."""
        return self._graph

    @property
    def store(self) -> Store:
        return self._store

    # -- loading and keeping in step -------------------------------------------------------

    def _load(self) -> None:
        """Build the graph from the store: every article in ingest order, merges applied."""
        # One read transaction: another process's commit lands wholly before or wholly after
        # it, never between the articles and the merges; and the version is the snapshot's, so
        # a commit that missed the snapshot still triggers the next reload.
        with _collector_paused(self._tune_gc), self._lock, self._store.snapshot():
            version = self._store.data_version()
            stored = self._store.iter_articles()
            merged = merged_ids(self._store.active_merges())
            self._graph = build.build_graph(
                ((s.seq, s.ingested_at, s.article) for s in stored),
                merged,
                self._store.active_splits(),
            )
            self._index = NameIndex.of(self._graph)
            self._search = EntitySearch.of(self._graph)
            self._blocked = self._store.undone_pairs()
            self._proposed = self._store.proposed_pairs()
            self._claim_index = ClaimIndex(self._graph)
            self._version = version  # only once the graph is whole
            self._changed()
            # Every entity's JSON, while the graph is fresh in memory (60 ms and 3 MB at
            # 10,000 articles): a search's first page otherwise renders dozens of them, hubs
            # with thousands of article ids among them, in the middle of serving requests.
            for node in itertools.islice(queries.entities(self._graph), JSON_VIEWS):
                self._entity_bytes(node)

    def _changed(self) -> None:
        """Forget the views derived from the graph: it has just changed."""
        self._generation += 1
        # Claim lists by filter, sorted: a name named in thousands of articles has thousands
        # of claims to sort for every page a client asks for. Reads far outnumber writes.
        self._claim_lists: dict[tuple[tuple[str, str], ...], list[str]] = {}
        # The contract's models of claims and entities already shown: building them is most of
        # the cost of a page of results, and the same popular ones are asked for again and again.
        self._claim_views: dict[str, Claim] = {}
        self._entity_views: dict[str, Entity] = {}
        # The same views as JSON, for the API (graph.views.claim_json: the models' bytes).
        self._claim_json: dict[str, bytes] = {}
        self._entity_json: dict[str, bytes] = {}

    def _claim_view(self, node: str) -> Claim:
        return _kept(self._claim_views, VIEWS, to_claim, self._graph, node)

    def _entity_view(self, node: str) -> Entity:
        return _kept(self._entity_views, VIEWS, to_entity, self._graph, node)

    def _claim_bytes(self, node: str) -> bytes:
        return _kept(self._claim_json, JSON_VIEWS, claim_json, self._graph, node)

    def _entity_bytes(self, node: str) -> bytes:
        return _kept(self._entity_json, JSON_VIEWS, entity_json, self._graph, node)

    def _reindex(self, touched: Iterable[str]) -> None:
        """Bring the name indexes up to date with the entity nodes a write touched."""
        touched = set(touched)
        self._index.update(self._graph, touched)
        self._search.update(self._graph, touched)

    @contextmanager
    def free_now(self) -> Iterator[bool]:
        """Whether the graph could be taken at once and is up to date (it is then held, by
        this thread, for the block): an event loop answers a question itself when nothing else
        holds the graph, and hands it to a worker thread rather than wait when something does
        or when another process's commit calls for a reload."""
        # A store across a network is asked in a worker thread, never on the event loop.
        taken = self._store.quick_version and self._lock.acquire(blocking=False)
        try:
            # Another process's commit means a reload first (seconds): not on an event loop.
            yield taken and not self._stale()
        finally:
            if taken:
                self._lock.release()

    def generation(self, *, wait: bool = True, network: bool = False) -> int:
        """A number that changes whenever the graph does (here or, once seen, in another
        process): what a cache of answers derived from the graph is keyed by.

        `wait=False` never blocks and never reloads (for an event loop): while another thread
        holds the graph, the number as of its last change here is returned; when another
        process has committed since, STALE, under which no answer is ever filed, so that the
        caller computes the answer afresh where it may wait. A store across a network (see
        Store.quick_version) is never asked with `wait=False` unless `network` says that the
        caller is a worker thread, which may wait for the network but not for the graph."""
        if not wait and not network and not self._store.quick_version:
            return STALE  # asking the store may take a network round trip, or seconds
        if not self._lock.acquire(blocking=wait):
            # `network`: in a worker thread, which may ask a store across a network whether
            # another process committed since.
            return STALE if network and self._stale() else self._generation
        try:
            if not wait and self._stale():
                return STALE
            self._sync()
            return self._generation
        finally:
            self._lock.release()

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the graph and the store's write lock (one writer at a time across every
        process on the store) with the graph brought up to date first: what a write decides
        (merges above all) it decides on everything committed before it, as if the writers
        had taken turns. The graph is changed inside the transaction; should it then fail to
        commit, the graph is marked stale and rebuilt from the store on its next use."""
        with self._lock:
            before: int | None = None
            try:
                with self._store.writing():
                    self._sync()
                    before = self._generation
                    self._dirty.clear()
                    yield
                    self._write_tables()
                # Nobody else wrote between the sync and the commit (the lock): the graph has
                # seen every change up to its own.
                change = self._store.last_change()
                if change is not None:
                    self._version = change
            except BaseException:
                if before is None or self._generation != before:
                    self._version = _NEVER
                raise

    def _write_tables(self) -> None:
        """Carry the write's changes to the store's graph tables, in its transaction; the
        first write to a store whose tables were never built builds them whole."""
        if not self._store.read_model:
            return
        if not self._tables_built:
            self._tables_built = self._store.read_model_built()
            self._dirty.everything |= not self._tables_built
        if self._dirty:
            self._store.write_read_model(self._graph, self._dirty)
            self._tables_built = True
        self._dirty.clear()

    def build_tables(self) -> None:
        """Write the whole graph to the store's graph tables (readers on a store whose
        tables a writer never built, or after an upgrade): one write, like any other."""
        with self._writing():
            self._dirty.everything = True

    def _stale(self) -> bool:
        """Whether another process (the CLI ingesting next to a running server) committed
        since the graph was built: the graph must be reloaded before it answers."""
        return self._store.data_version() != self._version

    def _sync(self) -> None:
        """Catch up with what other processes committed: the articles they added are added
        here as they were there (their merges and proposals read back from the store); for
        anything else (a delete, a person's decision, a long backlog) the graph is rebuilt."""
        if not self._stale():
            return
        with self._store.snapshot():
            changes = self._store.changes_since(self._version, limit=CATCH_UP + 1)
            added = [article for _, kind, article in changes if kind == INGEST and article]
            if not changes or len(changes) > CATCH_UP or len(added) < len(changes):
                self._load()
                return
            stored = {item.article.id: item for item in self._store.iter_articles(added)}
            known = any(build.article_node(article_id) in self._graph for article_id in added)
            if set(stored) != set(added) or known:
                self._load()
                return
            for article_id in added:
                proposals = [
                    MergeProposal(
                        kept=merge.kept,
                        merged=merge.merged,
                        reason=merge.reason,
                        evidence=tuple(merge.evidence),
                        score=merge.score,
                        status=merge.status,
                    )
                    for merge in self._store.merges_proposed_by(article_id)
                ]
                self._apply(stored[article_id], proposals)
            self._version = changes[-1][0]

    def _reload(self, article_ids: Iterable[str]) -> None:
        """Take articles out of the graph and put them back under the current merges."""
        G = self._graph
        self._changed()
        stored = list(self._store.iter_articles(article_ids))
        touched: set[str] = set()
        for item in stored:
            self._claim_index.removing(G, item.article.id, deleted=False)
            touched |= build.remove_article(G, item.article.id, refresh=False)
        for item in stored:
            touched |= build.add_article(
                G, item.article, seq=item.seq, ingested_at=item.ingested_at, refresh=False
            )
            self._claim_index.added(G, item.article.id)
        build.refresh_entities(G, touched)
        self._reindex(touched)
        self._dirty.articles.update(item.article.id for item in stored)
        self._dirty.entities |= touched

    def _set_merges(self) -> None:
        self._graph.graph[build.MERGED_IDS] = merged_ids(self._store.active_merges())
        self._graph.graph[build.SPLITS] = self._store.active_splits()
        self._blocked = self._store.undone_pairs()
        self._proposed = self._store.proposed_pairs()
        self._dirty.merges = True
        self._changed()

    # -- writing ---------------------------------------------------------------------------

    def ingest(self, article: Article) -> IngestResult:
        """Store an article and add it to the graph; an article already stored is left as is.

        >>> text = "Mayor Ada Park said the Riverton bridge would reopen in May."
        >>> store.ingest(claimgraph.extract_text(text, title="Bridge to reopen")).status
        'unchanged'
        """
        with self._writing():
            if self._store.has_article(article.id):
                return self._unchanged(article.id)
            problem = build.clash(self._graph, article)
            if problem:
                raise InvalidArticle(problem)
            proposals = propose_merges(
                self._graph,
                article,
                index=self._index,
                blocked=self._blocked,
                proposed=self._proposed,
            )
            stored = self._store.add_article(article, proposals)
            if stored is None:
                return self._unchanged(article.id)
            self._apply(stored, proposals)
            return IngestResult(
                article_id=article.id,
                status="created",
                title=article.title,
                entities=len(article.entities),
                claims=len(article.claims),
            )

    def _unchanged(self, article_id: str) -> IngestResult:
        summary = self._store.summary(article_id)
        assert summary is not None
        return IngestResult(
            article_id=article_id,
            status="unchanged",
            title=summary.title,
            entities=summary.entities,
            claims=summary.claims,
        )

    def _apply(self, stored: StoredArticle, proposals: list[MergeProposal]) -> None:
        G = self._graph
        if proposals:
            self._set_merges()
            # Nodes folded into one of the new article's entities come back under the new id.
            absorbed = [p.merged.id for p in proposals if p.status == APPLIED and p.merged.id in G]
            self._reload({a for node in absorbed for a in G.nodes[node]["articles"]})
        self._changed()
        touched = build.add_article(
            G, stored.article, seq=stored.seq, ingested_at=stored.ingested_at
        )
        self._claim_index.added(G, stored.article.id)
        self._reindex(touched)
        self._dirty.articles.add(stored.article.id)
        self._dirty.entities |= touched

    def ingest_many(self, articles: Iterable[Article]) -> list[IngestResult]:
        """Ingest articles one by one (each its own transaction), in order."""
        return [self.ingest(article) for article in articles]

    def delete_article(self, article_id: str) -> None:
        """Delete an article and what only it supported, merges included.

        A merge the article's ingest proposed goes with it when one of the two ids it joined
        was named by that article alone: it rested on nothing else, and keeping it would leave
        the other articles' entity under a name only the deleted article used. Merges that
        still join entities of other articles stay, and so do undone ones (a user's decision).

        >>> latest = store.articles().data[-1]
        >>> store.delete_article(latest.id)
        >>> store.health()["articles"], store.merges().count  # its proposal went with it
        (2, 0)
        """
        with self._writing():
            G = self._graph
            withdrawn = self._merges_resting_on(article_id)
            # The nodes the withdrawn merges fed, looked up while the merges still apply.
            fed = {build.canonical(G, merge.kept.id) for merge in withdrawn}
            if not self._store.delete_article(article_id, withdraw=[m.id for m in withdrawn]):
                raise ArticleNotFound(article_id)
            self._changed()
            self._claim_index.removing(G, article_id, deleted=True)
            touched = build.remove_article(G, article_id)
            self._reindex(touched)
            self._dirty.articles.add(article_id)
            self._dirty.entities |= touched
            if withdrawn:
                self._set_merges()
                self._reload(self._regrouped(fed))

    def _merges_resting_on(self, article_id: str) -> list[Merge]:
        """The merges the article proposed that join an id no other article names."""
        return [
            merge
            for merge in self._store.merges_proposed_by(article_id)
            if not all(
                self._named_elsewhere(ref.id, article_id) for ref in (merge.kept, merge.merged)
            )
        ]

    def _regrouped(self, nodes: Iterable[str]) -> set[str]:
        """Articles with an entity in `nodes` that the current merges now put in another node."""
        G = self._graph
        return {
            article
            for node in nodes
            if node in G
            for article, records in G.nodes[node]["provenance"].items()
            if any(build.canonical(G, record["id"]) != node for record in records)
        }

    def _named_elsewhere(self, entity_id: str, article_id: str) -> bool:
        """Whether an article other than `article_id` names the entity id itself."""
        node = build.canonical(self._graph, entity_id)
        if node not in self._graph:
            return False
        provenance = self._graph.nodes[node]["provenance"]
        return any(
            record["id"] == entity_id
            for other, records in provenance.items()
            if other != article_id
            for record in records
        )

    def undo_merge(self, merge_id: str, *, by: str = "user") -> Merge:
        """Separate a merged entity again (a proposal is rejected); the pair is never merged
        or proposed automatically again. `by` says who decided.

        >>> merge = store.merge_entities("Ada Park", "Park", by="editor")
        >>> store.said("Ada Park").count
        2
        >>> store.undo_merge(merge.id, by="editor").status
        'undone'
        >>> store.said("Ada Park").count
        1
        """
        with self._writing():
            merge = self._merge(merge_id)
            if merge.status == PROPOSED:
                return self._decide(merge, REJECTED, by)
            if merge.status != APPLIED:
                return merge
            return self._decide(merge, UNDONE, by)

    def accept_merge(self, merge_id: str, *, by: str = "user") -> Merge:
        """Apply a proposed merge (or one undone or rejected before): the two become one node.

        >>> proposal = store.merges(status="proposed").data[0]
        >>> store.accept_merge(proposal.id, by="editor").status
        'applied'
        >>> store.entity("Park").name
        'Ada Park'
        >>> _ = store.undo_merge(proposal.id, by="editor")
        """
        with self._writing():
            merge = self._merge(merge_id)
            return merge if merge.status == APPLIED else self._decide(merge, APPLIED, by)

    def reject_merge(self, merge_id: str, *, by: str = "user") -> Merge:
        """Refuse a proposed merge (a merge in force is undone): the pair stays apart and is
        never proposed again.

        >>> proposal = store.merges(status="proposed").data[0]
        >>> store.reject_merge(proposal.id, by="editor").status
        'rejected'
        """
        with self._writing():
            merge = self._merge(merge_id)
            if merge.status == REJECTED:
                return merge
            return self._decide(merge, UNDONE if merge.status == APPLIED else REJECTED, by)

    def merge_entities(
        self, keep: str, merge: str, *, by: str = "user", note: str | None = None
    ) -> Merge:
        """Merge two entities by hand (ids, names or aliases): `merge` becomes part of `keep`.
        Recorded as a person's decision; `undo_merge` takes it back.

        >>> store.merge_entities("Ada Park", "Park", by="editor").reason
        'merged by editor'
        >>> store.entity("Park").id
        'person:ada-park'
        >>> _ = store.undo_merge(store.merges(status="applied").data[-1].id)
        """
        with self._writing():
            G = self._graph
            kept, merged = self._resolve(keep), self._resolve(merge)
            if kept == merged:
                raise InvalidQuery(f"{keep!r} and {merge!r} are already one entity ({kept})")
            if G.nodes[kept]["type"] != G.nodes[merged]["type"]:
                raise InvalidQuery(
                    f"{kept} is a {G.nodes[kept]['type']} and {merged} a "
                    f"{G.nodes[merged]['type']}: only entities of one type merge"
                )
            refs = entity_ref(G, kept), entity_ref(G, merged)
            # The merged node's articles are the ones whose entities change node.
            mid = self._regroup(
                [merged], lambda: self._store.merge_by_hand(*refs, by, note or f"merged by {by}")
            )
            return self._merge(mid)

    def resolve_again(self) -> dict[str, int]:
        """Run cross-article resolution again over the whole store: what the resolver applied
        and proposed on its own is forgotten and worked out afresh from the stored
        extractions, the articles and every decision a person took (merges, rejections, undos,
        splits) replayed in the order they happened, so that each decision stands and shapes
        only what came after it. For a store built by an older claimgraph whose rules have
        changed, or to check that the incremental ingests gave what a fresh run gives.
        Returns how many merges the resolver now applies and proposes.

        >>> store.resolve_again()
        {'applied': 0, 'proposed': 1}
        """
        with self._writing():
            # Articles and people's decisions replayed in the order they happened: a decision
            # shapes what the resolver makes of the articles that came after it, and only of
            # those.
            events: list[tuple[str, Callable[[ClaimGraph], None]]] = [
                (row[_DECIDED_AT] or row[_CREATED_AT], partial(ClaimGraph._replay, row=row))
                for row in self._store.decision_rows(by_people=True)
            ]
            for split, moves, undone_at in self._store.split_rows():
                replay = partial(ClaimGraph._replay_split, split=split, moves=moves)
                events.append((split.decided_at, partial(replay, undo=False)))
                if undone_at is not None:
                    events.append((undone_at, partial(replay, undo=True)))
            events.sort(key=lambda event: event[0])
            with ClaimGraph(SqliteStore(":memory:")) as fresh:
                waiting = iter(events)
                pending = next(waiting, None)
                for stored in self._store.iter_articles():
                    while pending is not None and pending[0] <= stored.ingested_at:
                        pending[1](fresh)
                        pending = next(waiting, None)
                    fresh.ingest(stored.article)
                while pending is not None:
                    pending[1](fresh)
                    pending = next(waiting, None)
                rows = fresh._store.decision_rows(by_people=False)
            self._store.replace_resolver_rows(rows)
            self._load()
            self._dirty.everything = True
            statuses = Counter(row[_STATUS] for row in rows)
            return {"applied": statuses[APPLIED], "proposed": statuses[PROPOSED]}

    def split_entity(self, ref: str, articles: Sequence[str], *, by: str = "user") -> Split:
        """Split an entity: in the given articles its mentions (and their claims) are someone
        else's, a new entity of the same name. Kept in the store as a person's decision, it
        holds through re-ingests and rebuilds until `undo_split`.

        >>> store.merge_entities("Ada Park", "Park", by="editor").status
        'applied'
        >>> council = store.articles().data[-1].id
        >>> split = store.split_entity("Ada Park", [council], by="editor")
        >>> store.said("Ada Park").count, store.said(split.new.id).count
        (1, 1)
        """
        chosen = list(dict.fromkeys(articles))
        if not chosen:
            raise InvalidQuery("name the articles whose mentions are someone else")
        with self._writing():
            G = self._graph
            node = self._resolve(ref)
            provenance = G.nodes[node]["provenance"]
            unknown = [article for article in chosen if article not in provenance]
            if unknown:
                raise InvalidQuery(f"{node} is not named in {', '.join(unknown)}")
            if len(chosen) == len(provenance):
                raise InvalidQuery(
                    f"every article naming {node} was chosen: a split leaves it some"
                )
            decided = store_now()
            digest = hashlib.sha256(f"{node}|{'|'.join(sorted(chosen))}|{decided}".encode())
            split_id = "s-" + digest.hexdigest()[:12]
            base = node.split(build.SCOPE)[0]
            split = Split(
                id=split_id,
                entity=entity_ref(G, node),
                new=EntityRef(
                    id=f"{base}{build.SCOPE}{split_id}",
                    name=G.nodes[node]["name"],
                    type=G.nodes[node]["type"],
                ),
                articles=chosen,
                decided_by=by,
                decided_at=decided,
                active=True,
            )
            moves = [(a, record["id"]) for a in chosen for record in provenance[a]]
            self._store.add_split(split, moves)
            self._set_merges()
            self._reload(chosen)
            return split

    def undo_split(self, split_id: str) -> Split:
        """Put the mentions a split moved back where they were.

        >>> store.undo_split("s-nope")
        Traceback (most recent call last):
        ...
        claimgraph.graph.errors.SplitNotFound: no split 's-nope'
        """
        with self._writing():
            split = self._store.get_split(split_id)
            if split is None:
                raise SplitNotFound(split_id)
            if split.active:
                self._store.undo_split(split_id)
                self._set_merges()
                self._reload(split.articles)
            found = self._store.get_split(split_id)
            assert found is not None
            return found

    def splits(self, *, limit: int = 50, offset: int = 0) -> Page[Split]:
        """Every split people made, oldest first, undone ones included."""
        _page((), limit, offset)
        with self._lock:
            return Page(
                data=self._store.splits(limit=limit, offset=offset),
                count=self._store.count_splits(),
            )

    def _replay_split(self, split: Split, moves: list[tuple[str, str]], *, undo: bool) -> None:
        """Take a person's split (or its undoing) again, as resolve_again replays it."""
        if undo:
            self._store.undo_split(split.id)
        else:
            self._store.add_split(split, moves)
        self._set_merges()
        self._reload(split.articles)

    def _replay(self, *, row: tuple) -> None:
        """Take a person's decision (a whole merge row) again, as `_decide` took it."""
        self._regroup((row[_KEPT], row[_MERGED]), lambda: self._store.put_row(row))

    def _regroup(self, entity_ids: Iterable[str], write: Callable[[], T]) -> T:
        """Write a change to the merges, then put back under them the articles of the nodes
        the given entity ids stand in now (the only ones whose entities may change node);
        returns what `write` returned."""
        G = self._graph
        nodes = {build.canonical(G, entity_id) for entity_id in entity_ids}
        articles = {a for node in nodes if node in G for a in G.nodes[node]["articles"]}
        written = write()
        self._set_merges()
        self._reload(articles)
        return written

    def _merge(self, merge_id: str) -> Merge:
        found = self._store.get_merge(merge_id)
        if found is None:
            raise MergeNotFound(merge_id)
        return found

    def _decide(self, merge: Merge, status: str, by: str) -> Merge:
        """Record a person's decision on a merge and bring the graph in line (in _writing)."""
        self._regroup(
            (merge.kept.id, merge.merged.id), lambda: self._store.decide(merge.id, status, by)
        )
        return self._merge(merge.id)

    # -- reading ---------------------------------------------------------------------------

    def articles(self, *, limit: int = 50, offset: int = 0) -> Page[ArticleSummary]:
        """Stored articles, oldest first, with their entity and claim counts.

        >>> [(a.title, a.entities, a.claims) for a in store.articles().data]
        [('Bridge to reopen', 2, 1), ('Engineer warns', 3, 2), ('Council row', 1, 1)]
        """
        _page((), limit, offset)
        with self._lock:
            self._sync()
            summaries = self._store.summaries(limit=limit, offset=offset)
            nodes = self._graph._node
            for summary in summaries:
                found = nodes.get(build.article_node(summary.id))
                summary.outlet = found.get("outlet") if found else None
            return Page(data=summaries, count=self._store.count_articles())

    def article(self, article_id: str) -> Article:
        """The article as extracted; each of its claims carries the article id.

        >>> claim = store.claims(speaker="Tom Reyes").data[0]
        >>> article = store.article(claim.article_id)
        >>> article.text[claim.start_char : claim.end_char] == claim.text
        True
        """
        with self._lock:
            article = self._store.get_article(article_id)
        if article is None:
            raise ArticleNotFound(article_id)
        claims = [claim.model_copy(update={"article_id": article.id}) for claim in article.claims]
        return article.model_copy(update={"claims": claims})

    def entities(
        self, *, type: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0
    ) -> Page[Entity]:
        """Entities (merged across articles) by type and/or name or alias, best match first.

        >>> [e.id for e in store.entities(q="Park").data]  # the lone "Park" is not proved to be her
        ['person:park@a-aecc406cca811bee', 'person:ada-park']
        >>> store.entities(type="organization").count
        1
        """
        with self._lock:
            nodes, count = self._entity_page(type, q, limit, offset)
            return Page(data=[self._entity_view(node) for node in nodes], count=count)

    def entities_json(
        self, *, type: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0
    ) -> bytes:
        """`entities(...)` as the JSON of its Page, without building the models."""
        with self._lock:
            nodes, count = self._entity_page(type, q, limit, offset)
            return page_json([self._entity_bytes(node) for node in nodes], count)

    def _entity_page(
        self, type: str | None, q: str | None, limit: int, offset: int
    ) -> tuple[Sequence[str], int]:
        _one_of("entity type", type, build.ENTITY_KINDS)
        self._sync()
        found = queries.find_entities(self._graph, q=q, type=type, search=self._search)
        return _page(found, limit, offset)

    def entity(self, ref: str) -> Entity:
        """An entity by id, merged id, or exact name or alias.

        >>> store.entity("Reyes").roles
        ['Engineer']
        """
        with self._lock:
            self._sync()
            return self._entity_view(self._resolve(ref))

    def entity_json(self, ref: str) -> bytes:
        """`entity(ref)` as JSON, without building the model."""
        with self._lock:
            self._sync()
            return self._entity_bytes(self._resolve(ref))

    def claims(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        addressee: str | None = None,
        article: str | None = None,
        kind: str | None = None,
        q: str | None = None,
        cue_class: str | None = None,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        outlet: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page[Claim]:
        """Who said what about whom: entity filters take an id, merged id, name or alias;
        `q` matches words of the claim's text; `kind` is direct, indirect, mixed or
        according_to; `cue_class` what the cue does (warn, deny, …). `since` and `until`
        (YYYY-MM-DD, YYYY-MM or YYYY; both included) keep claims of articles published then;
        `source` an article's source (its URL) exactly; `outlet` a site's name or domain.
        Each claim carries its article (title, source, date, outlet) and its sentence.

        >>> page = store.claims(speaker="Reyes", about="Ada Park")
        >>> [(c.speaker.name, c.cue, c.text) for c in page.data]
        [('Tom Reyes', 'said', 'Mayor Ada Park had ignored his report on the bridge')]
        >>> store.claims(addressee="Riverton Gazette").data[0].text
        'The bridge is not safe.'
        >>> claim = store.claims(since="2024-03", outlet="gazette.example").data[0]
        >>> claim.article.published, claim.article.outlet
        ('2024-03-02', 'gazette.example')
        >>> claim.context.text
        'Engineer Tom Reyes told the Riverton Gazette: "The bridge is not safe."'
        """
        with self._lock:
            nodes, count = self._claim_page(_filters(locals()), limit, offset)
            return Page(data=[self._claim_view(node) for node in nodes], count=count)

    def claims_json(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        addressee: str | None = None,
        article: str | None = None,
        kind: str | None = None,
        q: str | None = None,
        cue_class: str | None = None,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        outlet: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> bytes:
        """`claims(...)` as the JSON of its Page, without building the models."""
        with self._lock:
            nodes, count = self._claim_page(_filters(locals()), limit, offset)
            return page_json([self._claim_bytes(node) for node in nodes], count)

    def claims_csv(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        addressee: str | None = None,
        article: str | None = None,
        kind: str | None = None,
        q: str | None = None,
        cue_class: str | None = None,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        outlet: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> str:
        """`claims(...)` as CSV, one row per claim with its article's provenance and its
        sentence (graph.tables.CLAIM_COLUMNS).

        >>> print(store.claims_csv(speaker="Ada Park").splitlines()[0][:60])
        claim_id,speaker,speaker_id,speaker_text,cue,cue_class,kind,
        """
        with self._lock:
            nodes, _ = self._claim_page(_filters(locals()), limit, offset)
            return claims_csv([self._claim_view(node) for node in nodes])

    def _claim_page(
        self, filters: dict[str, str | None], limit: int, offset: int
    ) -> tuple[Sequence[str], int]:
        """One page of the claims matching the filters, and how many match (under the lock)."""
        found = self._claim_list(filters)
        return _page(found, limit, offset)

    def _claim_list(self, filters: dict[str, str | None]) -> list[str]:
        """Every claim matching the filters, in claim order (under the lock)."""
        _one_of("claim kind", filters.get("kind"), CLAIM_KINDS)
        _one_of("cue class", filters.get("cue_class"), CUE_CLASSES)
        self._sync()
        G = self._graph
        article = filters.get("article")
        if article is not None and build.article_node(article) not in G:
            raise ArticleNotFound(article)
        resolved = dict(filters)
        for relation in ("speaker", "about", "addressee"):
            if resolved.get(relation) is not None:
                resolved[relation] = self._resolve(str(resolved[relation]))
        if resolved.get("since") is not None:
            resolved["since"] = queries.day_bound(str(resolved["since"]))
        if resolved.get("until") is not None:
            resolved["until"] = queries.day_bound(str(resolved["until"]), last=True)
        key = tuple(sorted((name, value) for name, value in resolved.items() if value is not None))
        found = self._claim_lists.get(key)
        if found is None:
            found = queries.claims(G, **resolved, index=self._claim_index)
            if len(self._claim_lists) >= CLAIM_LISTS:
                del self._claim_lists[next(iter(self._claim_lists))]
            self._claim_lists[key] = found
        return found

    def _resolve(self, ref: str) -> str:
        return queries.resolve_entity(self._graph, ref, search=self._search)

    def _centre(self, ref: str) -> str:
        """A neighbourhood's centre: an entity (id, name or alias), or a claim's or an
        article's node id ("claim:c-…", "article:a-…"), which a graph view expands."""
        if ref.startswith(("claim:", "article:")) and ref in self._graph:
            return ref
        return self._resolve(ref)

    def said(self, ref: str, *, limit: int = 50, offset: int = 0, **filters: str) -> Page[Claim]:
        """Claims the entity made; `filters` as for `claims` (since, cue_class, …).

        >>> [c.cue for c in store.said("person:tom-reyes").data]
        ['told', 'said']
        """
        return self.claims(speaker=ref, limit=limit, offset=offset, **filters)

    def mentioned(
        self, ref: str, *, limit: int = 50, offset: int = 0, **filters: str
    ) -> Page[Claim]:
        """Claims about the entity; `filters` as for `claims`.

        >>> [c.speaker.name for c in store.mentioned("Ada Park").data]
        ['Tom Reyes']
        """
        return self.claims(about=ref, limit=limit, offset=offset, **filters)

    def speakers(
        self,
        *,
        about: str,
        kind: str | None = None,
        q: str | None = None,
        cue_class: str | None = None,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        outlet: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page[SpeakerCount]:
        """Who made claims about an entity, with how many; most first. The claims counted can
        be narrowed as in `claims` (kind, q, cue_class, since, until, source, outlet).

        >>> [(s.entity.name, s.claims) for s in store.speakers(about="Ada Park").data]
        [('Tom Reyes', 1)]
        >>> store.speakers(about="Ada Park", until="2024-02").count
        0
        """
        with self._lock:
            found = self._claim_list(_filters(locals()))
            G = self._graph
            counts: Counter[str] = Counter(
                speaker for claim in found if (speaker := G._node[claim].get("speaker"))
            )
            ranked = sorted(
                counts.items(),
                key=lambda item: (-item[1], G.nodes[item[0]]["name"].casefold(), item[0]),
            )
            rows, count = _page(ranked, limit, offset)
            data = [SpeakerCount(entity=entity_ref(G, node), claims=n) for node, n in rows]
            return Page(data=data, count=count)

    def timeline(
        self,
        ref: str,
        *,
        role: str = "speaker",
        interval: str = "month",
        kind: str | None = None,
        q: str | None = None,
        cue_class: str | None = None,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        outlet: str | None = None,
    ) -> Timeline:
        """An entity's claims (`role` "speaker": what it said; "about": what was said about
        it) counted per day, week, month or year of publication, by cue class.

        >>> line = store.timeline("Tom Reyes", interval="month")
        >>> [(b.period, b.claims, b.cue_classes) for b in line.buckets]
        [('2024-03', 2, {'assert': 2})]
        """
        _one_of("role", role, ("speaker", "about"))
        _one_of("interval", interval, queries.INTERVALS)
        filters = _filters(locals(), drop=("ref", "role", "interval"))
        with self._lock:
            self._sync()
            node = self._resolve(ref)
            found = self._claim_list({**filters, role: node})
            buckets, undated = queries.timeline(self._graph, found, interval=interval)
            return Timeline.model_validate(
                {
                    "entity": entity_ref(self._graph, node),
                    "role": role,
                    "interval": interval,
                    "claims": len(found),
                    "undated": undated,
                    "cue_classes": queries.cue_class_counts(self._graph, found),
                    "buckets": buckets,
                }
            )

    def entity_articles(self, ref: str, *, limit: int = 50, offset: int = 0) -> Page[ArticleRef]:
        """The articles naming an entity, in the order they were stored, each as a claim cites
        its article (title, source, date, outlet).

        >>> [a.title for a in store.entity_articles("Ada Park").data]
        ['Bridge to reopen', 'Engineer warns']
        """
        _page((), limit, offset)
        with self._lock:
            self._sync()
            node = self._resolve(ref)
            articles: list[str] = self._graph._node[node].get("articles", [])
            shown = articles[offset : offset + limit]
            refs = [ArticleRef.model_validate(article_ref(self._graph, a)) for a in shown]
            return Page(data=refs, count=len(articles))

    def paths(
        self, source: str, target: str, *, max_length: int = 4, limit: int = 10
    ) -> Page[GraphPath]:
        """Shortest paths between two entities, ignoring edge direction; count is paths found.

        >>> best = store.paths("Tom Reyes", "Ada Park").data[0]
        >>> [step.label for step in best.nodes], best.edges
        (['Tom Reyes', 'Mayor Ada Park had ignored his report on the bridge', 'Ada Park'], \
['SAID', 'ABOUT'])
        """
        _within("max_length", max_length, 1, MAX_PATH_LENGTH)
        _within("limit", limit, 1, MAX_PATHS)
        with self._lock:
            self._sync()
            G = self._graph
            ends = self._resolve(source), self._resolve(target)
            found = queries.paths(G, *ends, max_length=max_length, limit=limit)
            return Page(data=[to_path(G, nodes) for nodes in found], count=len(found))

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
        """The whole graph, or the neighbourhood of an entity (at most `max_nodes` nodes, None
        for all), in one of EXPORT_FORMATS: node-link (d3), cytoscape, graphology (sigma.js),
        gexf (Gephi) or graphml. A whole graph of more than `max_graph_nodes` nodes is
        refused with GraphTooLarge (None: no limit). `offload` writes large exports elsewhere
        (app/exports.py: in a forked child, started while the graph is held).

        >>> import json
        >>> data = json.loads(store.export("node-link", entity="Ada Park", depth=1))
        >>> sorted(node["id"] for node in data["nodes"] if node["id"].startswith("person:"))
        ['person:ada-park']
        >>> "<gexf" in store.export("gexf")
        True
        """
        _one_of("export format", format, EXPORT_FORMATS)
        _one_of("edges_key", edges_key, EDGES_KEYS)
        _within("depth", depth, 0, MAX_DEPTH)
        if max_nodes is not None:
            _within("max_nodes", max_nodes, 1, MAX_NODES)
        # The graph is copied under the lock and written outside it: writing takes seconds
        # (networkx's GEXF writer most of all), and every other query waits for the lock.
        with self._lock:
            self._sync()
            if entity is not None:
                G = queries.neighbourhood(
                    self._graph, self._centre(entity), depth=depth, max_nodes=max_nodes
                )
                size = G.number_of_nodes()
            else:
                size = self._graph.number_of_nodes()
                if max_graph_nodes is not None and size > max_graph_nodes:
                    raise GraphTooLarge(size, max_graph_nodes)
            if offload is not None and offload.wanted(size):
                whole = entity is None
                source = self._graph

                def produce() -> str:  # in the child, on its copy of this moment's graph
                    H = source.copy() if whole else G
                    cite_claims(H, source)
                    return export(H, format, edges_key=edges_key)

                wait = offload.start(produce)
            else:
                wait = None
                if entity is None:
                    G = self._graph.copy()
                cite_claims(G, self._graph)
        if wait is not None:
            return wait()
        return export(G, format, edges_key=edges_key)

    def neighbourhood(
        self, entity: str, *, depth: int = 1, max_nodes: int | None = DEFAULT_MAX_NODES
    ) -> nx.MultiDiGraph:
        """A copy of the graph around an entity (id, merged id, name or alias): everything
        within `depth` hops, at most `max_nodes` nodes (the nearest and best connected), for
        networkx's own algorithms or writers. Each claim node carries its article's title
        (`article_title`), `source`, `published` date and `outlet`, and its sentence (`context`).

        >>> G = store.neighbourhood("Tom Reyes", depth=2)
        >>> sorted(n for n, kind in G.nodes(data="kind") if kind == "person")
        ['person:ada-park', 'person:tom-reyes']
        """
        _within("depth", depth, 0, MAX_DEPTH)
        if max_nodes is not None:
            _within("max_nodes", max_nodes, 1, MAX_NODES)
        with self._lock:
            self._sync()
            H = queries.neighbourhood(
                self._graph, self._resolve(entity), depth=depth, max_nodes=max_nodes
            )
            cite_claims(H, self._graph)
            return H

    def merges(self, *, status: str | None = None, limit: int = 50, offset: int = 0) -> Page[Merge]:
        """Every merge the resolver made or proposed and every decision a person took, oldest
        first; `status` keeps one kind: applied, proposed, rejected or undone.

        >>> [(m.merged.name, m.kept.name, m.status, m.score) for m in store.merges().data]
        [('Park', 'Ada Park', 'proposed', 0.3)]
        >>> for fact in store.merges().data[0].evidence:
        ...     print(fact)
        'Park' is only a surname, that of 'Ada Park'
        both in gazette.example
        published 2 days apart
        """
        _page((), limit, offset)
        _one_of("merge status", status, MERGE_STATUSES)
        with self._lock:
            return Page(
                data=self._store.merges(limit=limit, offset=offset, status=status),
                count=self._store.count_merges(status=status),
            )

    def health(self, *, wait: bool = True) -> dict[str, int]:
        """How much the store holds. `wait=False` never blocks and never reloads: while another
        thread holds the graph, or another process's commit calls for a reload, the counts as
        of the last call that found it free are returned.

        >>> store.health()  # doctest: +NORMALIZE_WHITESPACE
        {'articles': 3, 'entities': 5, 'claims': 4, 'nodes': 12, 'edges': 17, 'merges': 0,
         'proposals': 1}
        """
        if not self._lock.acquire(blocking=wait):
            return dict(self._counts)
        try:
            if not wait and self._stale():
                return dict(self._counts)
            return dict(self._count())
        finally:
            self._lock.release()

    def _count(self) -> dict[str, int]:
        with self._lock:
            self._sync()
            # Counted once per change of the graph, not once per probe: counting walks the
            # graph's nodes and asks the store, and a probe answers on the event loop.
            if self._counted_at != self._generation:
                kinds = Counter(kind for _, kind in self._graph.nodes(data="kind"))
                self._counts = {
                    "articles": self._store.count_articles(),
                    "entities": sum(kinds[kind] for kind in build.ENTITY_KINDS),
                    "claims": kinds["claim"],
                    "nodes": self._graph.number_of_nodes(),
                    "edges": self._graph.number_of_edges(),
                    "merges": self._store.count_merges(status=APPLIED),
                    "proposals": self._store.count_merges(status=PROPOSED),
                }
                self._counted_at = self._generation
            return self._counts
