"""The graph's tables (graph/readmodel.py) hold exactly what the writer's graph holds, after
every kind of write: ingests that merge and propose, people's decisions, splits, deletes and
a resolution run again."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from claimgraph.graph import ClaimGraph, readmodel
from claimgraph.graph.store import open_store
from tests.backends import postgres_schema
from tests.graph.identity_set import generate


@pytest.fixture
def pg_graph() -> Iterator[ClaimGraph]:
    with postgres_schema() as url, ClaimGraph(open_store(url)) as graph:
        yield graph


def _tables(graph: ClaimGraph) -> dict:  # type: ignore[type-arg]
    return readmodel.dump_rows(graph.store._query)


def _in_step(graph: ClaimGraph) -> None:
    assert _tables(graph) == readmodel.dump(graph.graph)


@pytest.mark.parametrize("seed", [31, 32])
def test_tables_follow_every_write(pg_graph: ClaimGraph, seed: int) -> None:
    graph = pg_graph
    data = generate(n_articles=50, n_people=20, seed=seed)
    rng = random.Random(seed)
    articles = data.articles
    rng.shuffle(articles)
    for article in articles[:40]:
        graph.ingest(article)
    _in_step(graph)
    for merge in graph.merges(status="proposed", limit=1000).data[:6]:
        if rng.random() < 0.6:
            graph.accept_merge(merge.id, by="test")
        else:
            graph.reject_merge(merge.id, by="test")
        _in_step(graph)
    applied = graph.merges(status="applied", limit=1000).data
    if applied:
        graph.undo_merge(applied[0].id, by="test")
        _in_step(graph)
    node = max(
        (n for n, kind in graph.graph.nodes(data="kind") if kind == "person"),
        key=lambda n: len(graph.graph.nodes[n]["articles"]),
    )
    split = graph.split_entity(node, graph.graph.nodes[node]["articles"][-1:], by="test")
    _in_step(graph)
    for article in articles[40:]:
        graph.ingest(article)
    for article in rng.sample(articles[:40], 5):
        graph.delete_article(article.id)
        _in_step(graph)
    graph.undo_split(split.id)
    _in_step(graph)
    graph.resolve_again()
    _in_step(graph)


def test_tables_are_built_for_a_store_that_had_none(pg_graph: ClaimGraph) -> None:
    graph = pg_graph
    for article in generate(n_articles=10, n_people=8, seed=5).articles:
        graph.ingest(article)
    with graph.store._transaction() as db:
        for table in ("g_nodes", "g_edges", "g_meta"):
            db.execute(f"DELETE FROM {table}")
    assert not graph.store.read_model_built()
    graph.build_tables()
    assert graph.store.read_model_built()
    _in_step(graph)


def test_a_version_2_store_gets_its_nodes_degrees(pg_graph: ClaimGraph) -> None:
    """Schema version 3 keeps each node's degree in its row; a store built before it has them
    counted from its edges when it is opened, and its tables stay built."""
    graph = pg_graph
    for article in generate(n_articles=12, n_people=8, seed=9).articles:
        graph.ingest(article)
    url = graph.store.path
    with graph.store._transaction() as db:
        db.execute("ALTER TABLE g_nodes DROP COLUMN degree")
        db.execute("DROP INDEX g_edges_unowned")
        db.execute("UPDATE claimgraph_schema SET version = 2")
    with open_store(url) as store:
        assert store.schema_version() == 3
        assert store.read_model_built()
        degrees = dict(store._query("SELECT id, degree FROM g_nodes"))
    assert degrees == dict(graph.graph.degree())
    assert max(degrees.values()) > 1
