"""The graph as tables: what a writer's in-memory graph holds, kept in the store for readers.

On PostgreSQL an API process holds no graph (DESIGN: nothing that grows with the archive): it
answers from these tables (graph/reader.py), which every writer brings in line with its own
graph inside the transaction that commits its change, so they are never behind the articles
and decisions they come from. A write rewrites only what it touched:

- everything of an article (its node, its claims, their edges, its MENTIONS edges and the
  per-article provenance of the entities it names) for each article added, removed or put back
  under changed merges;
- each entity node whose summary changed (its row, its name keys, its AFFILIATED_WITH edges).

`dump(G)` and `dump_store(store)` give both sides in one shape, so that tests compare them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import orjson

from claimgraph.graph.nodes import ENTITY_KINDS, MERGED_IDS, article_node

# The tables, created by the PostgreSQL store's migrations (graph/store.py).
SCHEMA = """
CREATE TABLE g_nodes (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    article TEXT,  -- the article a claim or article node belongs to; NULL for entities
    data TEXT NOT NULL  -- the node's attributes as JSON (see entity_data for an entity's)
);  -- and degree (schema version 3, DEGREE below)
CREATE INDEX g_nodes_article ON g_nodes (article);
CREATE TABLE g_provenance (
    node TEXT NOT NULL,
    article TEXT NOT NULL,
    seq BIGINT NOT NULL,  -- the article's place in ingest order: an entity's articles in order
    records TEXT NOT NULL,
    PRIMARY KEY (node, article)
);
CREATE INDEX g_provenance_article ON g_provenance (article);
CREATE INDEX g_provenance_order ON g_provenance (node, seq);
CREATE TABLE g_edges (
    u TEXT NOT NULL,
    v TEXT NOT NULL,
    key TEXT NOT NULL,
    article TEXT,  -- the article that made it; NULL for AFFILIATED_WITH (the person's)
    data TEXT NOT NULL,
    PRIMARY KEY (u, v, key)
);
CREATE INDEX g_edges_v ON g_edges (v, key);
CREATE INDEX g_edges_article ON g_edges (article);
CREATE TABLE g_entities (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    folded TEXT NOT NULL,
    mentions BIGINT NOT NULL,
    articles BIGINT NOT NULL
);
CREATE INDEX g_entities_prominence ON g_entities (mentions DESC, folded, id);
CREATE INDEX g_entities_type ON g_entities (type, mentions DESC, folded, id);
CREATE TABLE g_names (
    node TEXT NOT NULL,
    kind TEXT NOT NULL,  -- name, alias or id (the node's ids, merged ones, and their slugs)
    key TEXT NOT NULL,  -- case-folded
    PRIMARY KEY (node, kind, key)
);
CREATE INDEX g_names_key ON g_names (key);
CREATE TABLE g_claims (
    id TEXT PRIMARY KEY,
    article TEXT NOT NULL,
    seq BIGINT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    kind TEXT NOT NULL,
    cue_class TEXT,
    speaker TEXT,
    addressee TEXT,
    day TEXT,
    source TEXT,
    outlet TEXT,  -- case-folded
    domain TEXT,
    text TEXT NOT NULL  -- case-folded, for q
);
CREATE INDEX g_claims_order ON g_claims (seq, start_char, end_char, id);
CREATE INDEX g_claims_article ON g_claims (article);
CREATE INDEX g_claims_speaker ON g_claims (speaker, seq, start_char, end_char, id);
CREATE INDEX g_claims_addressee ON g_claims (addressee);
CREATE TABLE g_merged (old TEXT PRIMARY KEY, new TEXT NOT NULL);
CREATE TABLE g_meta (built BIGINT NOT NULL);
"""

# Version 3: each node's degree (its edges, either way) in its row, which the writer knows: a
# neighbourhood cut to its best connected nodes reads it instead of counting a hub's edges.
# Every change of a node's edges rewrites its row (an entity's edges come with the articles
# that name it, which make it dirty), so the column is never behind. And an index of the edges
# no article owns (between two entities: affiliations), which edges among a set of nodes are
# looked up by (tableload.GraphTables.edges_among).
DEGREE = """
ALTER TABLE g_nodes ADD COLUMN degree INTEGER NOT NULL DEFAULT 0;
UPDATE g_nodes n SET degree = d.degree
FROM (
    SELECT node, count(*) AS degree
    FROM (SELECT u AS node FROM g_edges UNION ALL SELECT v FROM g_edges) ends
    GROUP BY node
) d
WHERE n.id = d.node;
CREATE INDEX g_edges_unowned ON g_edges (u, v) WHERE article IS NULL;
"""

# Name keys are found by substring (`LIKE '%needle%'`): a trigram index serves that where the
# pg_trgm extension can be had; without it the search still works, scanning the keys.
TRIGRAM_INDEX = """
DO $$
DECLARE home TEXT;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm cannot be created: %', SQLERRM;
    END;
    -- Wherever the extension lives (one schema per database), its operator classes by name.
    SELECT extnamespace::regnamespace::text INTO home FROM pg_extension WHERE extname = 'pg_trgm';
    IF home IS NULL THEN
        RAISE NOTICE 'pg_trgm is not available: name search scans its keys';
        RETURN;
    END IF;
    EXECUTE format(
        'CREATE INDEX IF NOT EXISTS g_names_trigram ON g_names USING gin (key %s.gin_trgm_ops)',
        home);
    EXECUTE format(
        'CREATE INDEX IF NOT EXISTS g_claims_text_trigram ON g_claims'
        ' USING gin (text %s.gin_trgm_ops)', home);
END $$;
"""

_TABLES = (
    "g_nodes",
    "g_provenance",
    "g_edges",
    "g_entities",
    "g_names",
    "g_claims",
    "g_merged",
)
_BATCH = 500


@dataclass
class Dirty:
    """What a write changed in the graph, for `write` to carry to the tables."""

    articles: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    merges: bool = False
    everything: bool = False

    def clear(self) -> None:
        self.articles.clear()
        self.entities.clear()
        self.merges = self.everything = False

    def __bool__(self) -> bool:
        return bool(self.articles or self.entities or self.merges or self.everything)


def _json(value: object) -> str:
    return orjson.dumps(value).decode()


def entity_data(data: dict[str, Any]) -> dict[str, Any]:
    """An entity node's attributes as its row keeps them: its provenance and the list of its
    articles live in g_provenance, a row per article, so that a new article naming an entity
    of thousands writes one row, not the entity's whole list again."""
    return {key: value for key, value in data.items() if key not in ("provenance", "articles")}


def name_keys(node: str, data: dict[str, Any]) -> set[tuple[str, str]]:
    """(kind, key) rows an entity is found by: its name, aliases, ids and their slugs."""
    ids = data.get("entity_ids") or [node]
    keys = {("name", data["name"].casefold())}
    keys |= {("alias", alias.casefold()) for alias in data["aliases"]}
    keys |= {("id", ref) for ref in (node, *ids)}
    keys |= {("id", ref.split(":", 1)[-1]) for ref in ids}
    return keys


def _claim_row(G: nx.MultiDiGraph, node: str, data: dict[str, Any]) -> tuple:
    article = G._node[article_node(data["article"])]
    outlet = article.get("outlet")
    return (
        node,
        data["article"],
        article["seq"],
        data["start_char"],
        data["end_char"],
        data["type"],
        data.get("cue_class"),
        data.get("speaker"),
        data.get("addressee"),
        article.get("date"),
        article.get("source"),
        outlet.casefold() if outlet else None,
        article.get("domain"),
        data["text"].casefold(),
    )


def _article_rows(G: nx.MultiDiGraph, article_id: str) -> dict[str, list[tuple]]:
    """Every row that article `article_id` owns in the tables."""
    node = article_node(article_id)
    rows: dict[str, list[tuple]] = {"nodes": [], "edges": [], "provenance": [], "claims": []}
    rows["nodes"].append((node, "article", article_id, G.degree(node), _json(G._node[node])))
    for entity, edges in G._succ[node].items():
        for key, edge in edges.items():
            rows["edges"].append((node, entity, key, article_id, _json(edge)))
        if "MENTIONS" in edges:
            records = G._node[entity]["provenance"][article_id]
            seq = G._node[node]["seq"]
            rows["provenance"].append((entity, article_id, seq, _json(records)))
    for claim, edges in G._pred[node].items():
        if "IN" not in edges:
            continue
        data = G._node[claim]
        rows["nodes"].append((claim, "claim", article_id, G.degree(claim), _json(data)))
        rows["claims"].append(_claim_row(G, claim, data))
        for target, keyed in G._succ[claim].items():
            for key, edge in keyed.items():
                rows["edges"].append((claim, target, key, article_id, _json(edge)))
        for source, keyed in G._pred[claim].items():
            for key, edge in keyed.items():
                rows["edges"].append((source, claim, key, article_id, _json(edge)))
    return rows


def _entity_rows(G: nx.MultiDiGraph, node: str) -> dict[str, list[tuple]]:
    data = G._node[node]
    return {
        "nodes": [(node, data["kind"], None, G.degree(node), _json(entity_data(data)))],
        "entities": [
            (
                node,
                data["type"],
                data["name"],
                data["name"].casefold(),
                data["mentions"],
                len(data["articles"]),
            )
        ],
        "names": [(node, kind, key) for kind, key in sorted(name_keys(node, data))],
        "edges": [
            (node, target, "AFFILIATED_WITH", None, _json(edges["AFFILIATED_WITH"]))
            for target, edges in G._succ[node].items()
            if "AFFILIATED_WITH" in edges
        ],
    }


_INSERT = {
    "nodes": "INSERT INTO g_nodes (id, kind, article, degree, data) VALUES (?, ?, ?, ?, ?)",
    "edges": "INSERT INTO g_edges (u, v, key, article, data) VALUES (?, ?, ?, ?, ?)",
    "provenance": "INSERT INTO g_provenance (node, article, seq, records) VALUES (?, ?, ?, ?)",
    "claims": (
        "INSERT INTO g_claims (id, article, seq, start_char, end_char, kind, cue_class,"
        " speaker, addressee, day, source, outlet, domain, text)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    ),
    "entities": (
        "INSERT INTO g_entities (id, type, name, folded, mentions, articles)"
        " VALUES (?, ?, ?, ?, ?, ?)"
    ),
    "names": "INSERT INTO g_names (node, kind, key) VALUES (?, ?, ?)",
}


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]


def write(db: Any, G: nx.MultiDiGraph, dirty: Dirty) -> None:
    """Bring the tables in line with G for what `dirty` says changed, on `db` (a PostgreSQL
    Connection in the writer's transaction)."""
    if dirty.everything:
        rebuild(db, G)
        return
    entities = sorted(dirty.entities)
    articles = sorted(dirty.articles)
    gone = [node for node in entities if node not in G]
    for chunk in _chunks(entities):
        ids = list(chunk)
        db.execute("DELETE FROM g_nodes WHERE id = ANY(?)", (ids,))
        db.execute("DELETE FROM g_entities WHERE id = ANY(?)", (ids,))
        db.execute("DELETE FROM g_names WHERE node = ANY(?)", (ids,))
        db.execute("DELETE FROM g_edges WHERE key = 'AFFILIATED_WITH' AND u = ANY(?)", (ids,))
    for chunk in _chunks(gone):
        db.execute("DELETE FROM g_provenance WHERE node = ANY(?)", (list(chunk),))
    for chunk in _chunks(articles):
        ids = list(chunk)
        for table in ("g_nodes", "g_edges", "g_provenance", "g_claims"):
            db.execute(f"DELETE FROM {table} WHERE article = ANY(?)", (ids,))
    rows: dict[str, list[tuple]] = {name: [] for name in _INSERT}
    for article_id in articles:
        if article_node(article_id) in G:
            _extend(rows, _article_rows(G, article_id))
    for node in entities:
        if node in G:
            _extend(rows, _entity_rows(G, node))
    _insert(db, rows)
    if dirty.merges:
        _write_merged(db, G)


def _extend(rows: dict[str, list[tuple]], more: dict[str, list[tuple]]) -> None:
    for name, found in more.items():
        rows[name].extend(found)


def _insert(db: Any, rows: dict[str, list[tuple]]) -> None:
    for name, found in rows.items():
        for start in range(0, len(found), _BATCH):
            db.executemany(_INSERT[name], found[start : start + _BATCH])


def _write_merged(db: Any, G: nx.MultiDiGraph) -> None:
    db.execute("DELETE FROM g_merged")
    merged = sorted(G.graph.get(MERGED_IDS, {}).items())
    for start in range(0, len(merged), _BATCH):
        db.executemany(
            "INSERT INTO g_merged (old, new) VALUES (?, ?)", merged[start : start + _BATCH]
        )


def rebuild(db: Any, G: nx.MultiDiGraph) -> None:
    """Write the whole of G to the tables (a store first opened by this claimgraph, a
    resolution run again)."""
    for table in _TABLES:
        db.execute(f"DELETE FROM {table}")
    rows: dict[str, list[tuple]] = {name: [] for name in _INSERT}
    for node, kind in G.nodes(data="kind"):
        if kind == "article":
            _extend(rows, _article_rows(G, node.removeprefix("article:")))
        elif kind in ENTITY_KINDS:
            _extend(rows, _entity_rows(G, node))
        if len(rows["nodes"]) > 20 * _BATCH:
            _insert(db, rows)
            rows = {name: [] for name in _INSERT}
    _insert(db, rows)
    _write_merged(db, G)
    db.execute("DELETE FROM g_meta")
    db.execute("INSERT INTO g_meta (built) VALUES (1)")
    # Statistics now, not when autovacuum comes round: without them the planner takes a
    # lookup of a thousand ids for most of a table and scans it whole.
    for table in _TABLES:
        db.execute(f"ANALYZE {table}")


# -- both sides in one shape, for tests ------------------------------------------------------


def dump(G: nx.MultiDiGraph) -> dict[str, Any]:
    """What the tables should hold for G, as plain data."""
    nodes = {}
    provenance = {}
    articles = {}
    for node, data in G.nodes(data=True):
        if data.get("kind") in ENTITY_KINDS:
            nodes[node] = orjson.loads(_json(entity_data(data)))
            articles[node] = list(data["articles"])
            for article, records in data["provenance"].items():
                provenance[node, article] = orjson.loads(_json(records))
        else:
            nodes[node] = orjson.loads(_json(data))
    edges = {
        (u, v, key): orjson.loads(_json(data)) for u, v, key, data in G.edges(keys=True, data=True)
    }
    merged = dict(G.graph.get(MERGED_IDS, {}))
    return {
        "degrees": dict(G.degree()),
        "nodes": nodes,
        "provenance": provenance,
        "articles": articles,
        "edges": edges,
        "merged": merged,
    }


def dump_rows(query: Any) -> dict[str, Any]:
    """What the tables hold, in `dump`'s shape; `query(sql)` returns rows."""
    articles: dict[str, list[str]] = {node: [] for (node,) in query("SELECT id FROM g_entities")}
    for node, article in query("SELECT node, article FROM g_provenance ORDER BY node, seq"):
        articles[node].append(article)
    counts = dict(query("SELECT id, articles FROM g_entities"))
    assert counts == {node: len(found) for node, found in articles.items()}
    return {
        "articles": articles,
        "degrees": dict(query("SELECT id, degree FROM g_nodes")),
        "nodes": {node: orjson.loads(data) for node, data in query("SELECT id, data FROM g_nodes")},
        "provenance": {
            (node, article): orjson.loads(records)
            for node, article, records in query("SELECT node, article, records FROM g_provenance")
        },
        "edges": {
            (u, v, key): orjson.loads(data)
            for u, v, key, data in query("SELECT u, v, key, data FROM g_edges")
        },
        "merged": dict(query("SELECT old, new FROM g_merged")),
    }
