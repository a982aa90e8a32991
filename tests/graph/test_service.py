"""The facade as a whole: import isolation, bad articles, threads, a second process."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from claimgraph.extract.schema import Article
from claimgraph.graph import ClaimGraph, InvalidArticle
from tests.graph.factories import (
    KABUL,
    Said,
    bbc_article,
    ent,
    make_article,
    snapshot,
    threat_article,
)

ROOT = Path(__file__).resolve().parents[2]


def test_graph_imports_neither_spacy_nor_fastapi() -> None:
    probe = (
        "import sys, graph, graph.service;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'spacy', 'fastapi', 'app'});"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ingest_many_reports_each_article(cg: ClaimGraph) -> None:
    results = cg.ingest_many([threat_article(), bbc_article(), threat_article()])
    assert [r.status for r in results] == ["created", "created", "unchanged"]
    assert [r.title for r in results][:2] == [threat_article().title, bbc_article().title]


def test_articles_with_clashing_claim_ids_are_refused(cg: ClaimGraph) -> None:
    article = threat_article()
    twice = article.model_copy(update={"claims": [article.claims[0], article.claims[0]]})
    with pytest.raises(InvalidArticle, match="repeats claim ids"):
        cg.ingest(twice)
    cg.ingest(article)
    thief = make_article("Another story", claims=[Said("x")])
    thief = thief.model_copy(update={"claims": [article.claims[0]]})
    with pytest.raises(InvalidArticle, match="another article"):
        cg.ingest(thief)
    assert cg.health()["articles"] == 1


def test_in_memory_store(tmp_path: Path) -> None:
    with ClaimGraph.open(":memory:") as cg:
        cg.ingest(threat_article())
        assert cg.health()["claims"] == 2


def test_changes_from_another_process_are_picked_up(db_path: Path) -> None:
    with ClaimGraph.open(db_path) as server, ClaimGraph.open(db_path) as cli:
        assert server.health()["articles"] == 0
        cli.ingest(threat_article())
        assert server.health()["articles"] == 1
        assert server.claims(speaker="Gavin Williamson").count == 2
        assert snapshot(server.graph) == snapshot(cli.graph)


def numbered(i: int) -> Article:
    speaker = ent("person", f"Speaker {i}")
    return make_article(
        f"Story {i}",
        [speaker, KABUL],
        [
            Said(f"claim one of {i}", speaker=speaker, about=[KABUL]),
            Said(f"claim two of {i}", speaker=speaker, about=[KABUL]),
        ],
    )


def test_readers_never_see_half_an_article(db_path: Path) -> None:
    errors: list[BaseException] = []
    with ClaimGraph.open(db_path) as cg:

        def write(start: int) -> None:
            try:
                for i in range(start, start + 15):
                    cg.ingest(numbered(i))
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)

        def read() -> None:
            try:
                for _ in range(40):
                    health = cg.health()
                    # Every article brings exactly two claims and one new speaker.
                    assert health["claims"] == 2 * health["articles"]
                    assert health["entities"] == health["articles"] + (
                        1 if health["articles"] else 0
                    )
                    page = cg.claims(about="Kabul", limit=1)
                    assert page.count % 2 == 0
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)

        threads = [threading.Thread(target=write, args=(n * 100,)) for n in range(3)]
        threads += [threading.Thread(target=read) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors
        assert cg.health()["articles"] == 45
        before = snapshot(cg.graph)
    with ClaimGraph.open(db_path) as reopened:
        assert snapshot(reopened.graph) == before
