"""Parts of the graph loaded from the store's graph tables into small NetworkX graphs.

StoreGraph (graph/reader.py) answers from the tables that writers keep (graph/readmodel.py):
what a view, a neighbourhood, a path search or an export needs is loaded here, a bounded part
at a time, into a graph of the in-memory graph's shape, so that the same functions run on it.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

import networkx as nx
import orjson

from claimgraph.graph import queries
from claimgraph.graph.nodes import ENTITY_KINDS, MERGED_IDS, article_node
from claimgraph.graph.views import cite_claims

CHUNK = 1000  # ids in one `= ANY(?)` list
# ids in one list of edge ends: with a thousand, PostgreSQL's planner guesses that a scan of
# the whole edge table is cheaper than the index (93 ms against 1.4 ms at 10k articles).
EDGE_CHUNK = 250
# Which nodes a cut neighbourhood keeps first (queries._KIND_ORDER), by the prefix of their ids.
_RANKS = {"claim": 1, "article": 2}
COLLATE = ' COLLATE "C"'  # order strings by code point, as Python does


class Query(Protocol):
    """The store's query in the caller's snapshot: rows of a statement with `?` parameters."""

    def __call__(self, sql: str, params: Sequence[object] = ()) -> list[tuple]: ...


def chunks(items: Sequence[str], size: int = CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


class GraphTables:
    """Loads parts of the graph through `query(sql, params)` (the store's, inside the
    caller's snapshot)."""

    def __init__(self, query: Query) -> None:
        self._q = query

    def node_data(
        self, nodes: Sequence[str], *, articles: bool = True
    ) -> dict[str, dict[str, Any]]:
        """The nodes' attributes, entities' `articles` (in ingest order) with them unless
        `articles` is False."""
        found: dict[str, dict[str, Any]] = {}
        entities = []
        for chunk in chunks(sorted(set(nodes))):
            for node, kind, data in self._q(
                "SELECT id, kind, data FROM g_nodes WHERE id = ANY(?)", (chunk,)
            ):
                found[node] = orjson.loads(data)
                if kind in ENTITY_KINDS:
                    entities.append(node)
        if articles:
            for node in entities:
                found[node]["articles"] = []
            for chunk in chunks(entities):
                for node, article in self._q(
                    "SELECT node, article FROM g_provenance WHERE node = ANY(?) ORDER BY node, seq",
                    (chunk,),
                ):
                    found[node]["articles"].append(article)
        return found

    def article_counts(self, entities: Sequence[str]) -> dict[str, int]:
        counts = {}
        for chunk in chunks(list(entities)):
            for node, n in self._q(
                "SELECT id, articles FROM g_entities WHERE id = ANY(?)", (chunk,)
            ):
                counts[node] = int(n)
        return counts

    def refs(self, nodes: Sequence[str]) -> dict[str, dict[str, str]]:
        """name and type of entity nodes (what a reference to one shows)."""
        found = {}
        for chunk in chunks(sorted(set(nodes))):
            rows = self._q("SELECT id, name, type FROM g_entities WHERE id = ANY(?)", (chunk,))
            for node, name, kind in rows:
                found[node] = {"name": name, "type": kind, "kind": kind, "label": name}
        return found

    def claims_graph(self, claims: Sequence[str]) -> nx.MultiDiGraph:
        """The claims with what their views show: the entities they point at, their articles."""
        H = nx.MultiDiGraph()
        data = self.node_data(claims)
        entities: set[str] = set()
        for claim in claims:
            attrs = data[claim]
            entities.update(n for n in (attrs.get("speaker"), attrs.get("addressee")) if n)
            entities.update(attrs["about"])
            H.add_node(claim, **attrs)
        for node, attrs in self.refs(sorted(entities)).items():
            H.add_node(node, **attrs)
        articles = {article_node(data[claim]["article"]) for claim in claims}
        for node, attrs in self.node_data(sorted(articles)).items():
            H.add_node(node, **attrs)
        return H

    def entity_graph(self, node: str) -> nx.MultiDiGraph:
        """An entity with its affiliations (what its view shows)."""
        H = nx.MultiDiGraph()
        H.add_node(node, **self.node_data([node])[node])
        rows = self._q(
            "SELECT v, data FROM g_edges WHERE u = ? AND key = 'AFFILIATED_WITH'", (node,)
        )
        for organization, attrs in self.refs([v for v, _ in rows]).items():
            H.add_node(organization, **attrs)
        for organization, edge in rows:
            H.add_edge(node, organization, key="AFFILIATED_WITH", **orjson.loads(edge))
        return H

    def neighbours(self, nodes: Sequence[str]) -> dict[str, set[str]]:
        """Each node's neighbours, edge direction ignored."""
        found: dict[str, set[str]] = {node: set() for node in nodes}
        for chunk in chunks(list(nodes), EDGE_CHUNK):
            for u, v in self._q(
                "SELECT u, v FROM g_edges WHERE u = ANY(?)"
                " UNION ALL SELECT v, u FROM g_edges WHERE v = ANY(?)",
                (chunk, chunk),
            ):
                found[u].add(v)
        return found

    def distances(self, source: str, *, cutoff: int, enough: int | None) -> dict[str, int]:
        """As queries.distances, a hop at a time from the tables."""

        def neighbours(frontier: list[str]) -> Iterator[list[str]]:
            for found in self.neighbours(frontier).values():
                yield sorted(found)

        return queries.breadth_first(source, neighbours, cutoff=cutoff, enough=enough)

    def degrees(self, nodes: Sequence[str]) -> dict[str, int]:
        """Each node's degree, as its row keeps it (a hub's is not counted again)."""
        found = dict.fromkeys(nodes, 0)
        for chunk in chunks(list(nodes)):
            for node, n in self._q("SELECT id, degree FROM g_nodes WHERE id = ANY(?)", (chunk,)):
                found[node] = int(n)
        return found

    def subgraph(
        self, nodes: Sequence[str], *, provenance: bool = True
    ) -> tuple[nx.MultiDiGraph, frozenset[str]]:
        """The nodes and every edge between them, with (`provenance`) the entities'
        provenance cut to the articles among them as queries.trimmed cuts it (those entities
        are returned as done)."""
        wanted = set(nodes)
        H = nx.MultiDiGraph()
        for node, attrs in self.node_data(sorted(wanted), articles=False).items():
            H.add_node(node, **attrs)
        for (u, v, key), data in sorted(self.edges_among(wanted).items()):
            H.add_edge(u, v, key=key, **orjson.loads(data))
        entities = [n for n, kind in H.nodes(data="kind") if kind in ENTITY_KINDS]
        if not provenance:  # a path search: kinds and labels are all it reads
            return H, frozenset()
        shown = queries.shown_articles(H)
        counts = self.article_counts(entities)
        # Nothing is cut where no article is shown, nor from an entity of one article.
        whole = [n for n in entities if counts[n] == 1 or not shown]
        rows = self._provenance(whole, None) | self._provenance(
            [n for n in entities if n not in set(whole)], shown
        )
        for node in entities:
            attrs = H.nodes[node]
            found = rows.get(node, {})
            attrs["provenance"] = found
            attrs["articles"] = list(found)
            if node not in whole:
                attrs["articles_total"] = counts[node]
        return H, frozenset(entities)

    def edges_among(self, nodes: set[str]) -> dict[tuple[str, str, str], str]:
        """Every edge between two of the nodes, (u, v, key) -> data (JSON). Each is looked
        up from an end of few edges: an edge with a claim or an article at one end from that
        end (a claim has a handful of edges, an article one per entity it names and claim it
        holds), and one between two entities (affiliations, the only edges no article owns)
        by the index of those. Looked up from an entity's end, a hub's tens of thousands of
        claims would be read to keep a few."""
        wanted = sorted(nodes)
        owned = [node for node in wanted if node.split(":", 1)[0] in _RANKS]
        entities = [node for node in wanted if node.split(":", 1)[0] not in _RANKS]
        found: dict[tuple[str, str, str], str] = {}
        # All of the owned ends' edges, the other end kept here: told both lists, the planner
        # also reads the index of the other end, a hub's whole list of edges.
        for chunk in chunks(owned, EDGE_CHUNK):
            for u, v, key, data in self._q(
                "SELECT u, v, key, data FROM g_edges WHERE u = ANY(?)"
                " UNION ALL SELECT u, v, key, data FROM g_edges WHERE v = ANY(?)",
                (chunk, chunk),
            ):
                if u in nodes and v in nodes:
                    found[u, v, key] = data
        for chunk in chunks(entities, EDGE_CHUNK):
            for u, v, key, data in self._q(
                "SELECT u, v, key, data FROM g_edges"
                " WHERE article IS NULL AND u = ANY(?) AND v = ANY(?)",
                (chunk, entities),
            ):
                found[u, v, key] = data
        return found

    def _provenance(
        self, entities: Sequence[str], articles: Sequence[str] | None
    ) -> dict[str, dict[str, Any]]:
        """Entities' provenance, of the given articles only (all when None), in ingest order."""
        rows: dict[str, dict[str, Any]] = {}
        within = "" if articles is None else " AND article = ANY(?)"
        for chunk in chunks(list(entities)):
            params: tuple[object, ...] = (chunk,) if articles is None else (chunk, list(articles))
            for node, article, records in self._q(
                f"SELECT node, article, records FROM g_provenance WHERE node = ANY(?){within}"
                " ORDER BY node, seq",
                params,
            ):
                rows.setdefault(node, {})[article] = orjson.loads(records)
        return rows

    def merged_into(self, H: nx.MultiDiGraph) -> dict[str, str]:
        merged = {}
        for chunk in chunks(list(H)):
            for old, new in self._q("SELECT old, new FROM g_merged WHERE new = ANY(?)", (chunk,)):
                merged[old] = new
        return merged

    def neighbourhood(self, centre: str, depth: int, max_nodes: int | None) -> nx.MultiDiGraph:
        within = self.distances(centre, cutoff=depth, enough=max_nodes)
        truncated = max_nodes is not None and len(within) > max_nodes
        if max_nodes is not None and truncated:
            within = self._cut(within, max_nodes)
        H, done = self.subgraph(list(within))
        H.graph["name"] = "claimgraph"
        H.graph[MERGED_IDS] = self.merged_into(H)
        H.graph["splits"] = {}
        return queries.trimmed(H, truncated=truncated, max_nodes=max_nodes, done=done)

    def _cut(self, within: dict[str, int], max_nodes: int) -> dict[str, int]:
        """queries.bounded's choice, asking the store for the degrees of one kind of node at
        most: whole hops while they fit, then of the hop that overflows entities, claims,
        articles in that order (a node's kind is in its id), and only within the kind that
        does not fit whole the best connected. A hub's next hop is tens of thousands of its
        claims and articles: their degrees are not needed when its entities fill the room."""
        last = max(within.values())
        kept = {node: hops for node, hops in within.items() if hops < last}
        room = max_nodes - len(kept)
        groups: dict[int, list[str]] = {0: [], 1: [], 2: []}
        for node, hops in within.items():
            if hops == last:
                groups[_RANKS.get(node.split(":", 1)[0], 0)].append(node)
        chosen: list[str] = []
        for rank in sorted(groups):
            group = groups[rank]
            if len(chosen) + len(group) <= room:
                chosen += group
                continue
            degrees = self.degrees(group) if room > len(chosen) else {}
            chosen += heapq.nsmallest(
                room - len(chosen), group, key=lambda node: (-degrees[node], node)
            )
            break
        return {**kept, **dict.fromkeys(chosen, last)}

    def cited(self, H: nx.MultiDiGraph) -> None:
        """cite_claims, with the articles of H's claims loaded from the tables."""
        articles = {
            article_node(data["article"])
            for data in H._node.values()
            if data.get("kind") == "claim"
        }
        A = nx.MultiDiGraph()
        for node, attrs in self.node_data(sorted(articles)).items():
            A.add_node(node, **attrs)
        cite_claims(H, A)

    def whole(self) -> nx.MultiDiGraph:
        """The whole graph from the tables."""
        H = nx.MultiDiGraph(name="claimgraph")
        H.graph[MERGED_IDS] = dict(self._q("SELECT old, new FROM g_merged"))
        H.graph["splits"] = {}
        for node, data in self._q("SELECT id, data FROM g_nodes"):
            H.add_node(node, **orjson.loads(data))
        provenance: dict[str, dict[str, Any]] = {}
        for node, article, records in self._q(
            "SELECT node, article, records FROM g_provenance ORDER BY node, seq"
        ):
            provenance.setdefault(node, {})[article] = orjson.loads(records)
        for node, attrs in H.nodes(data=True):
            if attrs.get("kind") in ENTITY_KINDS:
                attrs["provenance"] = provenance.get(node, {})
                attrs["articles"] = list(attrs["provenance"])
        for u, v, key, data in self._q("SELECT u, v, key, data FROM g_edges"):
            H.add_edge(u, v, key=key, **orjson.loads(data))
        return H
