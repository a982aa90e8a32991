"""No value a client supplies ever becomes part of an SQL statement: every one is a parameter.

The store's connection is wrapped so that the SQL text handed to SQLite (before any parameter
is bound) is recorded; a marker carried by every id, name and query string must never be in it.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from claimgraph.extract.schema import Article
from claimgraph.graph import ClaimGraph, NotFoundError
from tests.graph.factories import Said, ent, make_article

MARKER = "zq9marker"
HOSTILE = [
    f"{MARKER}' OR '1'='1",
    f"{MARKER}'); DROP TABLE articles; --",
    f'{MARKER}" OR ""="',
    f"{MARKER}%' UNION SELECT extraction FROM articles --",
    f"../../{MARKER}/etc/passwd",
]


def hostile_article(text: str) -> Article:
    speaker = ent("person", f"O'Brien {text}", aliases=[text])
    about = ent("organization", text)
    article = make_article(text, [speaker, about], [Said(text, speaker=speaker, about=[about])])
    return article.model_copy(update={"id": f"a-{text}", "source": text, "byline": text})


class RecordingConnection:
    """A stand-in for the store's connection that keeps the SQL text of every statement."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.statements: list[str] = []

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        self.statements.append(sql)
        return self.db.execute(sql, params)

    def executescript(self, sql: str) -> sqlite3.Cursor:
        self.statements.append(sql)
        return self.db.executescript(sql)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.db, name)


@pytest.mark.sqlite_only  # it records the SQL handed to SQLite; PostgreSQL runs the same text
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_values_are_parameters(cg: ClaimGraph, text: str) -> None:
    recorder = RecordingConnection(cg.store._db)
    cg.store._db = recorder  # type: ignore[assignment]
    article = hostile_article(text)
    cg.ingest(article)
    cg.ingest(article)
    assert cg.article(article.id).text == article.text
    assert cg.claims(q=text).count == 1
    assert cg.entities(q=text).count >= 1
    for lookup in (cg.article, cg.undo_merge, lambda ref: cg.claims(article=ref)):
        with pytest.raises(NotFoundError):
            lookup(text + "-missing")
    cg.delete_article(article.id)
    assert cg.articles().count == 0
    cg.store._db = recorder.db
    assert len(recorder.statements) > 10, "the recorder saw no SQL"
    assert not [sql for sql in recorder.statements if MARKER in sql]
