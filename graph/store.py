"""The SQLite store, system of record: articles with their extraction, and entity merges."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from pydantic import ValidationError

from claimgraph.extract.schema import Article, EntityRef
from claimgraph.graph.errors import StoreError
from claimgraph.graph.models import ArticleSummary, Merge, Split

# Each entry migrates the schema from version i to i + 1 (PRAGMA user_version); append, never edit.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- ingest order; AUTOINCREMENT never reuses it
        id TEXT NOT NULL UNIQUE,
        source TEXT,
        title TEXT,
        published TEXT,
        byline TEXT,
        text TEXT NOT NULL,
        extraction TEXT NOT NULL,               -- Article.model_dump_json()
        content_hash TEXT NOT NULL,
        entities INTEGER NOT NULL,
        claims INTEGER NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE merges (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        kept_id TEXT NOT NULL,
        kept_name TEXT NOT NULL,
        merged_id TEXT NOT NULL,
        merged_name TEXT NOT NULL,
        reason TEXT NOT NULL,
        article_id TEXT,                        -- the ingest that proposed it
        created_at TEXT NOT NULL,
        undone_at TEXT                          -- NULL while the merge is active
    );
    CREATE INDEX merges_by_pair ON merges (kept_id, merged_id);
    """,
    # Merges become decisions: the resolver applies what the evidence proves and proposes what
    # it only suggests; a person accepts, rejects, merges by hand or undoes, and says who.
    """
    ALTER TABLE merges ADD COLUMN status TEXT NOT NULL DEFAULT 'applied';
    ALTER TABLE merges ADD COLUMN score REAL NOT NULL DEFAULT 1.0;
    ALTER TABLE merges ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE merges ADD COLUMN decided_by TEXT NOT NULL DEFAULT 'claimgraph';
    ALTER TABLE merges ADD COLUMN decided_at TEXT;
    UPDATE merges SET status = 'undone', decided_by = 'user', decided_at = undone_at
        WHERE undone_at IS NOT NULL;
    CREATE INDEX merges_by_status ON merges (status, seq);
    """,
    # A person splits an entity: in the chosen articles its mentions are someone else's.
    """
    CREATE TABLE splits (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        entity_id TEXT NOT NULL,
        entity_name TEXT NOT NULL,
        type TEXT NOT NULL,
        new_id TEXT NOT NULL,
        moves TEXT NOT NULL,                    -- JSON [[article id, entity id], ...]
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        undone_at TEXT
    );
    """,
)
# What a merge row's status says: in force, suggested to a person, refused by one, taken back.
APPLIED, PROPOSED, REJECTED, UNDONE = "applied", "proposed", "rejected", "undone"
MERGE_STATUSES = (APPLIED, PROPOSED, REJECTED, UNDONE)
RESOLVER = "claimgraph"  # decided_by of what the resolver did on its own
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class MergeProposal:
    """A merge the resolver wants: `merged` becomes one node with `kept` (status "applied"),
    or it suggests so to a person (status "proposed"), on the evidence listed."""

    kept: EntityRef
    merged: EntityRef
    reason: str
    evidence: tuple[str, ...] = ()
    score: float = 1.0
    status: str = APPLIED


class StoredArticle(NamedTuple):
    seq: int
    ingested_at: str
    article: Article


def now() -> str:
    """The current UTC time as ISO 8601, the format of every timestamp in the store."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def merge_id(kept_id: str, merged_id: str) -> str:
    """A stable merge id: one pair of entity ids is merged at most once."""
    return "m-" + hashlib.sha256(f"{kept_id}>{merged_id}".encode()).hexdigest()[:12]


class Store:
    """One SQLite connection guarded by a lock, shared by the API's worker threads."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE … COMMIT) below.
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            self._configure()
            self._migrate()
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise StoreError(f"{self.path} is not a usable claimgraph store: {error}") from error
        except BaseException:
            self._db.close()
            raise

    def _configure(self) -> None:
        self.journal_mode = self._db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        # FULL: every acknowledged commit is fsynced to the WAL, so it survives a power cut
        # (NORMAL in WAL mode may lose the last commits); ingest is not write-bound.
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA busy_timeout=10000")

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}; this claimgraph knows up to "
                f"{SCHEMA_VERSION}: upgrade claimgraph"
            )
        for target, script in enumerate(MIGRATIONS[version:], start=version + 1):
            # PRAGMA takes no parameters; `target` is our own int. user_version is part of the
            # transaction, so a failed migration leaves no trace.
            try:
                self._db.executescript(
                    f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {int(target)};\nCOMMIT;"
                )
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Run several reads on one consistent state of the database (a read transaction)."""
        with self._lock:
            if self._db.in_transaction:
                yield
                return
            self._db.execute("BEGIN")
            try:
                yield
            finally:
                self._db.execute("COMMIT")

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def data_version(self) -> int:
        """Changes whenever another connection (another process) commits to the database."""
        return int(self._query("PRAGMA data_version")[0][0])

    # -- articles --------------------------------------------------------------------------

    def add_article(
        self, article: Article, merges: Iterable[MergeProposal] = ()
    ) -> StoredArticle | None:
        """Store an article and the merges its ingest proposed in one transaction.

        Returns None, changing nothing, when an article with that id is already stored.
        """
        extraction = article.model_dump_json()
        ingested_at = now()
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO articles (id, source, title, published, byline, text, extraction,"
                " content_hash, entities, claims, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (
                    article.id,
                    article.source,
                    article.title,
                    article.published,
                    article.byline,
                    article.text,
                    extraction,
                    hashlib.sha256(extraction.encode()).hexdigest(),
                    len(article.entities),
                    len(article.claims),
                    ingested_at,
                ),
            )
            if cursor.rowcount == 0:
                return None
            seq = int(cursor.lastrowid or 0)
            for merge in merges:
                self._insert_merge(db, merge, article.id, ingested_at)
        return StoredArticle(seq, ingested_at, article)

    def has_article(self, article_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def get_article(self, article_id: str) -> Article | None:
        rows = self._query("SELECT extraction FROM articles WHERE id = ?", (article_id,))
        return Article.model_validate_json(rows[0][0]) if rows else None

    def delete_article(self, article_id: str, *, withdraw: Iterable[str] = ()) -> bool:
        """Delete an article and, in the same transaction, the merges (by id) it alone supported."""
        with self._transaction() as db:
            if db.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount == 0:
                return False
            db.executemany("DELETE FROM merges WHERE id = ?", [(mid,) for mid in withdraw])
            return True

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[StoredArticle]:
        """Stored articles in ingest order: all of them, or those with the given ids.

        Read a batch at a time (keyset pagination on seq), so a large store is never in memory
        twice over and no lock is held between batches.
        """
        chosen = "" if ids is None else " AND id IN (SELECT value FROM json_each(?))"
        id_list: tuple[str, ...] = () if ids is None else (json.dumps(sorted(set(ids))),)
        sql = (
            "SELECT seq, ingested_at, extraction FROM articles WHERE seq > ?"
            + chosen
            + " ORDER BY seq LIMIT ?"
        )
        after = 0
        while rows := self._query(sql, (after, *id_list, _BATCH)):
            for seq, ingested_at, extraction in rows:
                yield StoredArticle(seq, ingested_at, self._article(seq, extraction))
            after = rows[-1][0]

    def _article(self, seq: int, extraction: str) -> Article:
        try:
            return Article.model_validate_json(extraction)
        except ValidationError as error:
            raise StoreError(
                f"article #{seq} in {self.path} does not match the extraction contract"
                f" (stored by another claimgraph version?): {error}"
            ) from error

    def count_articles(self) -> int:
        return int(self._query("SELECT count(*) FROM articles")[0][0])

    def summary(self, article_id: str) -> ArticleSummary | None:
        rows = self._query(_SUMMARY + " WHERE id = ?", (article_id,))
        return _summary(rows[0]) if rows else None

    def summaries(self, *, limit: int, offset: int) -> list[ArticleSummary]:
        rows = self._query(_SUMMARY + " ORDER BY seq LIMIT ? OFFSET ?", _bounded(limit, offset))
        return [_summary(row) for row in rows]

    # -- merges ----------------------------------------------------------------------------

    def _insert_merge(
        self, db: sqlite3.Connection, merge: MergeProposal, article_id: str, created_at: str
    ) -> None:
        db.execute(
            "INSERT INTO merges (id, type, kept_id, kept_name, merged_id, merged_name, reason,"
            " article_id, created_at, status, score, evidence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO NOTHING",
            (
                merge_id(merge.kept.id, merge.merged.id),
                merge.kept.type,
                merge.kept.id,
                merge.kept.name,
                merge.merged.id,
                merge.merged.name,
                merge.reason,
                article_id,
                created_at,
                merge.status,
                merge.score,
                json.dumps(list(merge.evidence)),
            ),
        )

    def merges(self, *, limit: int, offset: int, status: str | None = None) -> list[Merge]:
        where, params = _status_filter(status)
        rows = self._query(
            _MERGE + where + " ORDER BY seq LIMIT ? OFFSET ?", (*params, *_bounded(limit, offset))
        )
        return [_merge(row) for row in rows]

    def decide(self, merge_id: str, status: str, by: str) -> bool:
        """Record a person's decision on a merge (accept: APPLIED, reject: REJECTED, undo:
        UNDONE); False when there is no such merge."""
        with self._transaction() as db:
            decided = now()
            cursor = db.execute(
                "UPDATE merges SET status = ?, decided_by = ?, decided_at = ?,"
                " undone_at = CASE WHEN ? = 'undone' THEN ? ELSE NULL END WHERE id = ?",
                (status, by, decided, status, decided, merge_id),
            )
            return cursor.rowcount > 0

    def merge_by_hand(self, kept: EntityRef, merged: EntityRef, by: str, note: str) -> str:
        """Record that a person merged two entities (an earlier row for the pair becomes this
        decision); returns the merge's id."""
        mid = merge_id(kept.id, merged.id)
        with self._transaction() as db:
            decided = now()
            db.execute(
                "INSERT INTO merges (id, type, kept_id, kept_name, merged_id, merged_name, reason,"
                " article_id, created_at, status, score, evidence, decided_by, decided_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, 'applied', 1.0, '[]', ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET status = 'applied', reason = excluded.reason,"
                " decided_by = excluded.decided_by, decided_at = excluded.decided_at,"
                " undone_at = NULL",
                (
                    mid,
                    kept.type,
                    kept.id,
                    kept.name,
                    merged.id,
                    merged.name,
                    note,
                    decided,
                    by,
                    decided,
                ),
            )
        return mid

    def merges_proposed_by(self, article_id: str) -> list[Merge]:
        """The merges the article's ingest applied or proposed that no person has decided on."""
        rows = self._query(
            _MERGE + " WHERE article_id = ? AND status IN ('applied', 'proposed')"
            " AND decided_by = 'claimgraph' ORDER BY seq",
            (article_id,),
        )
        return [_merge(row) for row in rows]

    def get_merge(self, merge_id: str) -> Merge | None:
        rows = self._query(_MERGE + " WHERE id = ?", (merge_id,))
        return _merge(rows[0]) if rows else None

    def decision_rows(self, *, by_people: bool) -> list[tuple]:
        """Whole merge rows, oldest first: the decisions people took (`by_people`), or what the
        resolver applied and proposed on its own."""
        test = "!=" if by_people else "="
        return self._query(
            f"SELECT {_ROW} FROM merges WHERE decided_by {test} ? ORDER BY seq", (RESOLVER,)
        )

    def put_row(self, row: tuple) -> None:
        """Write a whole merge row (as `decision_rows` reads it) as it is, over any row of the
        same pair: a person's decision replayed."""
        columns = [c.strip() for c in _ROW.split(",")]
        update = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
        with self._transaction() as db:
            db.execute(
                f"INSERT INTO merges ({_ROW}) VALUES ({_PLACES})"
                f" ON CONFLICT (id) DO UPDATE SET {update}",
                row,
            )

    def replace_resolver_rows(self, rows: Iterable[tuple]) -> None:
        """In one transaction, forget what the resolver did on its own and put `rows` in its
        place; people's decisions stay as they are."""
        with self._transaction() as db:
            db.execute("DELETE FROM merges WHERE decided_by = ?", (RESOLVER,))
            db.executemany(
                f"INSERT INTO merges ({_ROW}) VALUES ({_PLACES}) ON CONFLICT (id) DO NOTHING",
                rows,
            )

    # -- splits ----------------------------------------------------------------------------

    def add_split(self, split: Split, moves: Sequence[tuple[str, str]]) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO splits (id, entity_id, entity_name, type, new_id, moves,"
                " decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    split.id,
                    split.entity.id,
                    split.entity.name,
                    split.entity.type,
                    split.new.id,
                    json.dumps([list(move) for move in moves]),
                    split.decided_by,
                    split.decided_at,
                ),
            )

    def splits(self, *, limit: int, offset: int) -> list[Split]:
        rows = self._query(_SPLIT + " ORDER BY seq LIMIT ? OFFSET ?", _bounded(limit, offset))
        return [_split(row) for row in rows]

    def get_split(self, split_id: str) -> Split | None:
        rows = self._query(_SPLIT + " WHERE id = ?", (split_id,))
        return _split(rows[0]) if rows else None

    def count_splits(self) -> int:
        return int(self._query("SELECT count(*) FROM splits")[0][0])

    def undo_split(self, split_id: str) -> bool:
        with self._transaction() as db:
            cursor = db.execute(
                "UPDATE splits SET undone_at = ? WHERE id = ? AND undone_at IS NULL",
                (now(), split_id),
            )
            return cursor.rowcount > 0

    def split_rows(self) -> list[tuple[Split, list[tuple[str, str]], str | None]]:
        """Every split, oldest first: the split, the (article, entity id) pairs it moved, and
        when it was undone (None while in force)."""
        rows = self._query(_SPLIT + " ORDER BY seq")
        return [
            (_split(row), [(article, entity) for article, entity in json.loads(row[5])], row[8])
            for row in rows
        ]

    def active_splits(self) -> dict[str, dict[str, str]]:
        """Article id -> {entity id: the id it was split off to}, for splits in force."""
        found: dict[str, dict[str, str]] = {}
        rows = self._query("SELECT new_id, moves FROM splits WHERE undone_at IS NULL ORDER BY seq")
        for new_id, moves in rows:
            for article_id, entity_id in json.loads(moves):
                found.setdefault(article_id, {})[entity_id] = new_id
        return found

    def count_merges(self, *, status: str | None = None) -> int:
        where, params = _status_filter(status)
        return int(self._query("SELECT count(*) FROM merges" + where, params)[0][0])

    def active_merges(self) -> list[tuple[str, str]]:
        """(merged id, kept id) of every merge in force, oldest first."""
        rows = self._query(
            "SELECT merged_id, kept_id FROM merges WHERE status = 'applied' ORDER BY seq"
        )
        return [(merged, kept) for merged, kept in rows]

    def undone_pairs(self) -> set[frozenset[str]]:
        """Pairs of entity ids a person has separated or refused to merge: never merged (or
        proposed) again automatically."""
        rows = self._query(
            "SELECT kept_id, merged_id FROM merges WHERE status IN ('undone', 'rejected')"
        )
        return {frozenset(row) for row in rows}

    def proposed_pairs(self) -> set[frozenset[str]]:
        """Pairs of entity ids already proposed for a merge and waiting for a person."""
        rows = self._query("SELECT kept_id, merged_id FROM merges WHERE status = 'proposed'")
        return {frozenset(row) for row in rows}


_MAX_ROWS = 2**62
_BATCH = 500
_SUMMARY = (
    "SELECT id, source, title, published, byline, entities, claims, ingested_at FROM articles"
)
_MERGE = (
    "SELECT id, type, kept_id, kept_name, merged_id, merged_name, reason, created_at, status,"
    " score, evidence, decided_by, decided_at FROM merges"
)


# Every column of a merge row but its seq, in the order decision_rows reads them.
_ROW = (
    "id, type, kept_id, kept_name, merged_id, merged_name, reason, article_id, created_at,"
    " undone_at, status, score, evidence, decided_by, decided_at"
)
_PLACES = ", ".join("?" * len(_ROW.split(",")))


_SPLIT = (
    "SELECT id, entity_id, entity_name, type, new_id, moves, decided_by, decided_at, undone_at"
    " FROM splits"
)


def _split(row: tuple) -> Split:
    sid, entity_id, name, type_, new_id, moves, decided_by, decided_at, undone_at = row
    articles = list(dict.fromkeys(article for article, _ in json.loads(moves)))
    return Split(
        id=sid,
        entity=EntityRef(id=entity_id, name=name, type=type_),
        new=EntityRef(id=new_id, name=name, type=type_),
        articles=articles,
        decided_by=decided_by,
        decided_at=decided_at,
        active=undone_at is None,
    )


def _status_filter(status: str | None) -> tuple[str, tuple[str, ...]]:
    return ("", ()) if status is None else (" WHERE status = ?", (status,))


def _bounded(limit: int, offset: int) -> tuple[int, int]:
    # SQLite integers are 64-bit; a larger offset means "past the end" anyway.
    return min(limit, _MAX_ROWS), min(offset, _MAX_ROWS)


def _summary(row: tuple) -> ArticleSummary:
    keys = ("id", "source", "title", "published", "byline", "entities", "claims", "ingested_at")
    return ArticleSummary(**dict(zip(keys, row, strict=True)))


def _merge(row: tuple) -> Merge:
    (mid, type_, kept_id, kept_name, merged_id, merged_name, reason, created_at, status, score,
     evidence, decided_by, decided_at) = row  # fmt: skip
    return Merge(
        id=mid,
        kept=EntityRef(id=kept_id, name=kept_name, type=type_),
        merged=EntityRef(id=merged_id, name=merged_name, type=type_),
        reason=reason,
        evidence=json.loads(evidence),
        score=score,
        status=status,
        decided_by=decided_by,
        decided_at=decided_at,
        created_at=created_at,
        active=status == APPLIED,
    )
