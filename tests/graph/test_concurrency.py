"""Many writers and readers on one store at once: threads sharing a ClaimGraph, and separate
processes each with their own ClaimGraph over the same SQLite file.

Nothing acknowledged is lost, nothing is stored twice, and no reader ever sees half an article:
every article a reader finds in the graph has all of its claims, and every claim its article.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from claimgraph.extract.schema import Article
from claimgraph.graph import ClaimGraph
from tests.graph.factories import (
    BBC,
    GARDNER,
    ISIS_K,
    KABUL,
    KABUL_AIRPORT,
    SKY,
    TALIBAN,
    UK,
    WILLIAMSON,
    Said,
    ent,
    make_article,
    snapshot,
)

CAST = [WILLIAMSON, GARDNER, ISIS_K, KABUL, KABUL_AIRPORT, SKY, TALIBAN, UK, BBC]
# Variants of names already in CAST, so that concurrent ingests propose merges.
VARIANTS = [ent("person", "Sir Gavin Williamson"), ent("person", "Gardner"), ent("place", "UK")]


def story(writer: int, number: int) -> Article:
    """A small article; its entities overlap with everyone else's."""
    # A name and its variant never meet in one article (the graph would keep them apart), only
    # across articles, where they merge.
    people = [CAST[(writer + number) % 2] if number % 2 else VARIANTS[number % len(VARIANTS)]]
    about = [CAST[2 + (writer * 7 + number) % (len(CAST) - 2)]]
    claims = [
        Said(f"claim {i} by writer {writer} in story {number}", speaker=people[0], about=about)
        for i in range(1 + number % 3)
    ]
    return make_article(f"Writer {writer}, story {number}", [*people, *about], claims)


def shared_stories() -> list[Article]:
    """Articles every writer sends: each must be stored once."""
    return [story(99, number) for number in range(4)]


def half_applied(document: dict[str, Any], expected: dict[str, int]) -> list[str]:
    """What is wrong in one node-link export: articles missing claims, claims missing articles."""
    nodes = {node["id"]: node for node in document["nodes"]}
    claims_in: Counter[str] = Counter()
    problems = []
    for edge in document["edges"]:
        if edge["key"] == "IN":
            claims_in[edge["target"]] += 1
    for node_id, node in nodes.items():
        if node["kind"] == "article":
            article_id = node_id.removeprefix("article:")
            if claims_in[node_id] != expected[article_id]:
                problems.append(f"{article_id}: {claims_in[node_id]} of {expected[article_id]}")
        elif node["kind"] == "claim" and f"article:{node['article']}" not in nodes:
            problems.append(f"{node_id} without its article")
    return problems


def claim_counts(articles: Sequence[Article]) -> dict[str, int]:
    return {article.id: len(article.claims) for article in articles}


def assert_whole(db: Path, articles: Sequence[Article]) -> None:
    """The store holds each article once, whole, and a rebuild equals what the writers built."""
    expected = {article.id: article for article in articles}
    with ClaimGraph.open(db) as cg:
        page = cg.articles(limit=1000)
        assert page.count == len(expected)
        assert Counter(summary.id for summary in page.data) == Counter(list(expected))
        for article_id, article in expected.items():
            assert cg.article(article_id).claims == [
                claim.model_copy(update={"article_id": article_id}) for claim in article.claims
            ]
        assert cg.claims(limit=1000).count == sum(len(a.claims) for a in expected.values())
        merge_ids = [merge.id for merge in cg.merges(limit=1000).data]
        assert merge_ids, "the test meant to race merges too"
        assert len(merge_ids) == len(set(merge_ids))
        document = json.loads(cg.export("node-link"))
        assert half_applied(document, claim_counts(articles)) == []


# --- threads sharing one ClaimGraph -------------------------------------------------------------


def test_threads_ingesting_and_reading_one_graph(db_path: Path) -> None:
    writers, per_writer = 6, 8
    own = {w: [story(w, n) for n in range(per_writer)] for w in range(writers)}
    everything = [a for articles in own.values() for a in articles] + shared_stories()
    expected = claim_counts(everything)
    statuses: Counter[str] = Counter()
    problems: list[str] = []
    failures: list[BaseException] = []
    done = threading.Event()
    start = threading.Barrier(writers + 2)

    with ClaimGraph.open(db_path) as cg:

        def write(writer: int) -> None:
            try:
                start.wait()
                for article in [*own[writer], *shared_stories()]:
                    statuses[cg.ingest(article).status] += 1
            except BaseException as error:
                failures.append(error)

        def read() -> None:
            try:
                start.wait()
                while not done.is_set():
                    problems.extend(half_applied(json.loads(cg.export("node-link")), expected))
                    for claim in cg.claims(limit=1000).data:
                        assert claim.article_id in expected
            except BaseException as error:
                failures.append(error)

        threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
        readers = [threading.Thread(target=read) for _ in range(2)]
        for thread in threads + readers:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        done.set()
        for thread in readers:
            thread.join(timeout=60)
        assert not failures, failures
        assert problems == []
        assert statuses == {
            "created": len(everything),
            "unchanged": (writers - 1) * len(shared_stories()),
        }
        in_place = snapshot(cg.graph)
    with ClaimGraph.open(db_path) as rebuilt:
        assert snapshot(rebuilt.graph) == in_place
    assert_whole(db_path, everything)


# --- separate processes over one file -----------------------------------------------------------


def test_articles_another_process_added_are_added_without_a_rebuild(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A graph behind by articles another process ingested (merges and proposals included)
    adds them as that process did, rather than rebuilding itself from the whole store."""
    stories = [story(n, n % 3) for n in range(8)]
    with ClaimGraph.open(db_path) as cg, ClaimGraph.open(db_path) as other:
        cg.ingest(stories[0])
        for item in stories[1:]:
            other.ingest(item)

        def no_rebuild() -> None:
            raise AssertionError("the graph was rebuilt")

        monkeypatch.setattr(cg, "_load", no_rebuild)
        assert cg.articles().count == len(stories)
        monkeypatch.undo()
        assert snapshot(cg.graph) == snapshot(other.graph)
        assert cg.merges().data == other.merges().data and cg.merges().count > 0
        cg.ingest(story(8, 1))  # its own write next: no rebuild, and the other catches up
        assert other.articles().count == len(stories) + 1
        assert snapshot(other.graph) == snapshot(cg.graph)
    with ClaimGraph.open(db_path) as rebuilt:
        assert snapshot(rebuilt.graph) == snapshot(cg.graph)


def test_a_commit_made_while_the_graph_reloads_is_not_missed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process commits while a reload reads the store: the reload shows the store
    before that commit (never a mix), and the next call catches up with it."""
    first, late = story(0, 0), story(1, 1)
    with ClaimGraph.open(db_path) as cg, ClaimGraph.open(db_path) as other:
        other.ingest(first)
        other.delete_article(first.id)
        other.ingest(first)  # cg is now behind past a delete, and reloads on its next call
        undone_pairs = cg.store.undone_pairs

        def commit_midway() -> set[frozenset[str]]:
            if not other.store.has_article(late.id):
                other.ingest(late)
            return undone_pairs()

        monkeypatch.setattr(cg.store, "undone_pairs", commit_midway)
        cg.health()
        monkeypatch.undo()
        assert cg.articles().count == 2
        assert cg.claims(article=late.id).count == len(late.claims)
        assert half_applied(json.loads(cg.export("node-link")), claim_counts([first, late])) == []


def _write_in_process(
    db: str, writer: int, per_writer: int, start: Any, finished: Any, results: Any
) -> None:
    statuses: Counter[str] = Counter()
    with ClaimGraph.open(db) as cg:
        start.wait()
        for article in [*[story(writer, n) for n in range(per_writer)], *shared_stories()]:
            statuses[cg.ingest(article).status] += 1
        # Once every writer is done, any call catches up with the others' commits, and this
        # process's graph (built in place, reloaded when others wrote) equals a rebuild.
        finished.wait()
        cg.health()
        mine = snapshot(cg.graph)
    with ClaimGraph.open(db) as rebuilt:
        converged = snapshot(rebuilt.graph) == mine
    results.put(("writer", writer, dict(statuses), converged))


def _read_in_process(
    db: str, expected: dict[str, int], start: Any, done: Any, results: Any
) -> None:
    problems: list[str] = []
    reads = 0
    with ClaimGraph.open(db) as cg:
        start.wait()
        while not done.is_set() or reads == 0:
            problems.extend(half_applied(json.loads(cg.export("node-link")), expected))
            reads += 1
    results.put(("reader", reads, problems, True))


def test_processes_ingesting_into_one_file(db_path: Path) -> None:
    writers, per_writer = 3, 10
    everything = [story(w, n) for w in range(writers) for n in range(per_writer)]
    everything += shared_stories()
    with ClaimGraph.open(db_path):
        pass  # create the store (and its schema) before the race, as `claimgraph serve` does
    context = multiprocessing.get_context("spawn")
    start, finished = context.Barrier(writers + 1), context.Barrier(writers)
    done, results = context.Event(), context.Queue()
    processes = [
        context.Process(
            target=_write_in_process,
            args=(str(db_path), w, per_writer, start, finished, results),
        )
        for w in range(writers)
    ]
    reader = context.Process(
        target=_read_in_process,
        args=(str(db_path), claim_counts(everything), start, done, results),
    )
    try:
        for process in [*processes, reader]:
            process.start()
        outcomes = [results.get(timeout=120) for _ in processes]
        done.set()
        outcomes.append(results.get(timeout=60))
        for process in [*processes, reader]:
            process.join(timeout=30)
            assert process.exitcode == 0
    finally:
        for process in [*processes, reader]:
            if process.is_alive():
                process.kill()
                process.join()
    written = [outcome for outcome in outcomes if outcome[0] == "writer"]
    [(_, reads, problems, _)] = [outcome for outcome in outcomes if outcome[0] == "reader"]
    assert problems == [], problems[:5]
    assert reads > 0
    assert all(converged for *_, converged in written)
    created = sum(statuses.get("created", 0) for _, _, statuses, _ in written)
    unchanged = sum(statuses.get("unchanged", 0) for _, _, statuses, _ in written)
    assert created == len(everything)
    assert unchanged == (writers - 1) * len(shared_stories())
    assert_whole(db_path, everything)
