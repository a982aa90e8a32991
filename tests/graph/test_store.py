"""The SQLite store: WAL and durable commits, idempotent adds, migrations, parameterised SQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimgraph.extract.schema import EntityRef
from claimgraph.graph import ClaimGraph, StoreError
from claimgraph.graph.store import SCHEMA_VERSION, MergeProposal
from claimgraph.graph.store import SqliteStore as Store
from tests.graph.factories import Said, bbc_article, ent, make_article, threat_article


@pytest.fixture
def store(tmp_path: Path):
    store = Store(tmp_path / "claims.db")
    yield store
    store.close()


def test_wal_mode_full_sync_and_schema_version(store: Store) -> None:
    db = sqlite3.connect(store.path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.journal_mode == "wal"
    assert store._query("PRAGMA synchronous")[0][0] == 2  # FULL
    db.close()


def test_adding_an_article_twice_is_a_no_op(store: Store) -> None:
    article = threat_article()
    first = store.add_article(article)
    assert first is not None and first.seq == 1
    assert store.add_article(article) is None
    assert store.count_articles() == 1
    assert store.get_article(article.id) == article


def test_article_and_its_merges_are_one_transaction(store: Store) -> None:
    ref = EntityRef(id="person:a", name="A", type="person")
    article = threat_article()
    store.add_article(article, [MergeProposal(kept=ref, merged=ref, reason="same")])
    # A second add of the same article stores neither the article nor its merges again.
    store.add_article(article, [MergeProposal(kept=ref, merged=ref, reason="again")])
    assert store.count_merges() == 1


def test_values_are_parameters_never_sql(store: Store) -> None:
    article = make_article("x'); DROP TABLE articles; --", [ent("person", "O'Brien")])
    article = article.model_copy(update={"id": "a-'; DROP TABLE articles; --"})
    store.add_article(article)
    assert store.get_article(article.id) == article
    assert store.delete_article(article.id)
    assert store.count_articles() == 0


def test_ingest_order_survives_deletes(store: Store) -> None:
    first, second = threat_article(), bbc_article()
    store.add_article(first)
    store.add_article(second)
    store.delete_article(second.id)
    third = make_article("Third", claims=[Said("a claim")])
    store.add_article(third)
    assert [s.seq for s in store.iter_articles()] == [1, 3]
    assert [s.article.id for s in store.iter_articles([third.id, first.id])] == [first.id, third.id]


def test_summaries_page_in_ingest_order(store: Store) -> None:
    store.add_article(threat_article())
    store.add_article(bbc_article())
    summaries = store.summaries(limit=10, offset=1)
    assert [s.title for s in summaries] == ["Gardner on the Taliban"]
    assert summaries[0].entities == 6 and summaries[0].claims == 2
    assert store.summaries(limit=10, offset=10**30) == []


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "claims.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="upgrade claimgraph"):
        Store(path)


def test_reopening_migrates_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "claims.db"
    Store(path).close()
    store = Store(path)
    assert store._query("PRAGMA user_version")[0][0] == SCHEMA_VERSION
    store.close()


def test_open_creates_folders_and_ingest_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "claims.db"
    with ClaimGraph.open(path) as cg:
        article = threat_article()
        assert cg.ingest(article).status == "created"
        nodes, edges = cg.graph.number_of_nodes(), cg.graph.number_of_edges()
        again = cg.ingest(article)
        assert (again.status, again.entities, again.claims) == ("unchanged", 6, 2)
        assert (cg.graph.number_of_nodes(), cg.graph.number_of_edges()) == (nodes, edges)
        assert cg.health()["articles"] == 1
    assert path.exists()


def test_ingested_articles_survive_without_a_clean_close(db_path: Path) -> None:
    cg = ClaimGraph.open(db_path)
    cg.ingest(threat_article())
    # No close(): the commit alone must have made it durable.
    with ClaimGraph.open(db_path) as reopened:
        assert reopened.health()["articles"] == 1
    cg.close()


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not sqlite " * 100)
    with pytest.raises(StoreError, match="not a usable claimgraph store"):
        ClaimGraph.open(path)


def test_articles_are_read_back_in_batches(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("claimgraph.graph.store._BATCH", 2)
    articles = [make_article(f"Story {n}", claims=[Said(f"claim {n}")]) for n in range(5)]
    for article in articles:
        store.add_article(article)
    assert [s.article.id for s in store.iter_articles()] == [a.id for a in articles]
    chosen = [articles[4].id, articles[0].id, articles[2].id]
    assert [s.seq for s in store.iter_articles(chosen)] == [1, 3, 5]


@pytest.mark.sqlite_only
def test_an_unreadable_extraction_is_reported_not_crashed_on(db_path: Path) -> None:
    with ClaimGraph.open(db_path) as cg:
        cg.ingest(threat_article())
    db = sqlite3.connect(db_path)
    db.execute("UPDATE articles SET extraction = ?", ('{"id": "a-1", "surprise": 1}',))
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="extraction contract"):
        ClaimGraph.open(db_path)


def test_stores_in_two_schemas_of_one_database_write_without_waiting_on_each_other() -> None:
    """PostgreSQL's write lock is per store: a long write in one schema (a migration) holds
    up the writers of that store only, not those of another store in the same database."""
    import threading

    from claimgraph.graph.store import open_store
    from tests.backends import postgres_schema

    with (
        postgres_schema() as first,
        postgres_schema() as second,
        open_store(first) as busy,
        open_store(second) as other,
    ):
        held, done = threading.Event(), threading.Event()

        def hold() -> None:
            with busy.writing():
                held.set()
                done.wait(timeout=30)

        holder = threading.Thread(target=hold)
        holder.start()
        held.wait(timeout=10)
        answers: list[str] = []

        def write() -> None:
            with ClaimGraph(other) as graph:
                answers.append(graph.ingest(threat_article()).status)

        writer = threading.Thread(target=write)
        writer.start()
        writer.join(timeout=10)
        finished = not writer.is_alive()
        done.set()
        holder.join(timeout=10)
        writer.join(timeout=30)
        assert finished and answers == ["created"]
