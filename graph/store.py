"""The store, system of record: articles with their extraction, entity merges, people's
decisions and the ingest queue.

Two backends run the same SQL: SQLite (embedded, the default: a file path or `sqlite:///…`)
and PostgreSQL (`postgresql://…`, psycopg 3 with a connection pool) for a store shared by many
processes on many machines. Statements are written once with `?` placeholders; the PostgreSQL
store hands psycopg `%s` in their place.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, Protocol
from urllib.parse import urlsplit, urlunsplit

from pydantic import ValidationError

from claimgraph.extract.schema import Article, EntityRef
from claimgraph.graph import readmodel
from claimgraph.graph.errors import StoreError, StoreUnavailable
from claimgraph.graph.models import ArticleSummary, Merge, Split

# Each entry migrates the SQLite schema from version i to i + 1 (PRAGMA user_version); append,
# never edit. POSTGRES_MIGRATIONS below is the same schema in PostgreSQL's words.
SQLITE_MIGRATIONS: tuple[str, ...] = (
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
    # The log of changes to the graph's data other processes follow (an article added they add
    # too; anything else, they reload), and the ingest queue `claimgraph worker` takes jobs from.
    """
    CREATE TABLE changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,                     -- ingest, delete, decision
        article_id TEXT
    );
    CREATE TABLE jobs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL,                    -- queued, running, done, failed
        payload TEXT NOT NULL,                  -- JSON: the article as posted
        result TEXT,                            -- JSON: the ingest result, when done
        error TEXT,                             -- why it failed, when failed
        attempts INTEGER NOT NULL DEFAULT 0,
        worker TEXT,
        lease_until REAL,                       -- epoch seconds (the database's clock)
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
    );
    CREATE INDEX jobs_waiting ON jobs (state, seq);
    """,
)

# The same schema on PostgreSQL (versions in claimgraph_schema); append, never edit.
POSTGRES_MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT,
        title TEXT,
        published TEXT,
        byline TEXT,
        text TEXT NOT NULL,
        extraction TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        entities INTEGER NOT NULL,
        claims INTEGER NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE merges (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        kept_id TEXT NOT NULL,
        kept_name TEXT NOT NULL,
        merged_id TEXT NOT NULL,
        merged_name TEXT NOT NULL,
        reason TEXT NOT NULL,
        article_id TEXT,
        created_at TEXT NOT NULL,
        undone_at TEXT,
        status TEXT NOT NULL DEFAULT 'applied',
        score DOUBLE PRECISION NOT NULL DEFAULT 1.0,
        evidence TEXT NOT NULL DEFAULT '[]',
        decided_by TEXT NOT NULL DEFAULT 'claimgraph',
        decided_at TEXT
    );
    CREATE INDEX merges_by_pair ON merges (kept_id, merged_id);
    CREATE INDEX merges_by_status ON merges (status, seq);
    CREATE INDEX merges_by_article ON merges (article_id);
    CREATE TABLE splits (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        entity_id TEXT NOT NULL,
        entity_name TEXT NOT NULL,
        type TEXT NOT NULL,
        new_id TEXT NOT NULL,
        moves TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        undone_at TEXT
    );
    CREATE TABLE changes (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind TEXT NOT NULL,
        article_id TEXT
    );
    CREATE TABLE jobs (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL,
        payload TEXT NOT NULL,
        result TEXT,
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        worker TEXT,
        lease_until DOUBLE PRECISION,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
    );
    CREATE INDEX jobs_waiting ON jobs (state, seq);
    """,
)

# Version 2: the graph as tables (graph/readmodel.py), which PostgreSQL's readers answer from.
POSTGRES_MIGRATIONS += (readmodel.SCHEMA + readmodel.TRIGRAM_INDEX,)
# Version 3: each node's degree in its row of the graph's tables.
POSTGRES_MIGRATIONS += (readmodel.DEGREE,)

# What a merge row's status says: in force, suggested to a person, refused by one, taken back.
APPLIED, PROPOSED, REJECTED, UNDONE = "applied", "proposed", "rejected", "undone"
MERGE_STATUSES = (APPLIED, PROPOSED, REJECTED, UNDONE)
RESOLVER = "claimgraph"  # decided_by of what the resolver did on its own
SCHEMA_VERSION = len(SQLITE_MIGRATIONS)
POSTGRES_SCHEMA_VERSION = len(POSTGRES_MIGRATIONS)
# What a logged change was (Store.changes_since).
INGEST, DELETE, DECISION = "ingest", "delete", "decision"
# A job's states: waiting for a worker, taken by one (until its lease runs out), finished.
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
JOB_STATES = (QUEUED, RUNNING, DONE, FAILED)
# A job whose worker stopped (killed, machine lost) this many times is failed, not retried.
MAX_ATTEMPTS = 3
# Every writer of the graph's data takes this PostgreSQL advisory lock ("clai" in ASCII) with
# its schema's hash as the second key: one writer at a time decides merges on what all the
# others committed, as SQLite's one writer does. Advisory locks are the database's, so the
# schema keeps two stores in one database (one per schema) from waiting on each other.
_WRITE_LOCK = 0x636C6169
_TAKE_WRITE_LOCK = "SELECT pg_advisory_xact_lock(%s::int, hashtext(coalesce(current_schema(), '')))"


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


@dataclass(frozen=True)
class Job:
    """An article waiting to be ingested by a worker, being ingested, or done with."""

    id: str
    state: str
    payload: dict[str, Any]
    result: dict[str, Any] | None
    error: str | None
    attempts: int
    worker: str | None
    created_at: str
    started_at: str | None
    finished_at: str | None


def now() -> str:
    """The current UTC time as ISO 8601, the format of every timestamp in the store."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def merge_id(kept_id: str, merged_id: str) -> str:
    """A stable merge id: one pair of entity ids is merged at most once."""
    return "m-" + hashlib.sha256(f"{kept_id}>{merged_id}".encode()).hexdigest()[:12]


def is_postgres(target: str | Path) -> bool:
    """Whether a `--db` / `CLAIMGRAPH_DB` value names a PostgreSQL database."""
    return str(target).startswith(("postgresql://", "postgres://"))


def sqlite_path(target: str | Path) -> Path:
    """The file a SQLite target names: a path, or a `sqlite:///path` URL."""
    text = str(target)
    if text.startswith("sqlite://"):
        rest = text[len("sqlite://") :]
        if not rest.startswith("/"):
            raise StoreError(f"{text!r}: write sqlite:///relative/path or sqlite:////abs/path")
        text = rest[1:] or ":memory:"
    return Path(text).expanduser()


def describe(target: str | Path) -> str:
    """A target as it may be printed or logged: a PostgreSQL URL without its password."""
    text = str(target)
    if not is_postgres(text):
        return str(sqlite_path(text))
    parts = urlsplit(text)
    if parts.password is None:
        return text
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def open_store(target: str | Path, *, pool_size: int = 8, timeout: float | None = None) -> Store:
    """The store a target names: PostgreSQL for a `postgresql://` URL, else a SQLite file
    (created, with its folder, on first use; `:memory:` for a throwaway one). `timeout`: the
    seconds a statement waits for the database (a lock, a connection) before StoreUnavailable.
    """
    wait = BUSY_TIMEOUT_S if timeout is None else timeout
    if is_postgres(target):
        return PostgresStore(str(target), pool_size=pool_size, timeout=wait)
    path = sqlite_path(target)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteStore(path, timeout=wait)


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """What the store's SQL methods write through: sqlite3's connection, or PostgreSQL's
    seen through _PostgresConnection."""

    def execute(self, sql: str, params: Sequence[object] = ()) -> Any: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> Any: ...


class Store:
    """The SQL both backends run; a backend supplies connections, transactions and the few
    phrases the two dialects spell differently."""

    path: str  # what the store is, for messages (a PostgreSQL URL without its password)
    dialect: str
    # Whether asking the data version is quick enough for an event loop (a local file: yes;
    # a database across a network, which may be away for seconds: no).
    quick_version: bool
    # Whether writers keep the graph's tables (graph/readmodel.py) for readers that hold no
    # graph: on PostgreSQL, where many processes share the store.
    read_model: bool = False
    # `now` in epoch seconds by the database's clock (job leases are on it, not a worker's)
    _CLOCK: str
    # a test that `id` is one of a list given as one parameter (see _id_list)
    _IDS_IN: str
    # how a job is taken so that two workers never take the same one
    _SKIP_LOCKED: str

    def __init__(self) -> None:
        self._done = threading.local()  # per thread: the change its last commit logged

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what a backend provides -----------------------------------------------------------

    def close(self) -> None:
        raise NotImplementedError

    def _connection(self, *, write: bool, bump: bool, lock: bool = True) -> Any:
        """A context manager: a transaction (write: holding the store's write lock; bump:
        counting as a change to the graph's data), yielding a Connection; joined, not nested,
        by a transaction this thread already holds."""
        raise NotImplementedError

    def snapshot(self) -> Any:
        """A context manager: several reads on one consistent state of the database."""
        raise NotImplementedError

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        raise NotImplementedError

    def _id_list(self, ids: Sequence[str]) -> object:
        raise NotImplementedError

    # -- transactions and the data version -------------------------------------------------

    @contextmanager
    def _transaction(self, *, bump: bool = True, lock: bool = True) -> Iterator[Connection]:
        """A write transaction (`bump`: a change to the graph's data, which other processes
        reload; `lock`: holding the store's write lock, which the job queue does without)."""
        with self._connection(write=True, bump=bump, lock=lock) as db:
            yield db

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the store's write lock for the block (one writer at a time, across processes):
        what the block reads is the latest committed state, and what it writes commits at
        its end, all or nothing. The writes of a graph to the store go in one of these."""
        with self._transaction():
            yield

    def _notes(self) -> list[tuple[str, str | None]]:
        """The changes the current transaction will log (the backend keeps them with it)."""
        raise NotImplementedError

    def _note(self, kind: str, article_id: str | None = None) -> None:
        """Log a change of this kind with the current transaction (see `changes_since`)."""
        self._notes().append((kind, article_id))

    def _log_changes(self, db: Connection) -> int:
        """Write the transaction's changes to the log (a change of no particular kind when
        none was noted); returns the last one's number."""
        last = 0
        for kind, article_id in self._notes() or [(DECISION, None)]:
            row = db.execute(
                "INSERT INTO changes (kind, article_id) VALUES (?, ?) RETURNING seq",
                (kind, article_id),
            ).fetchone()
            last = int(row[0])
        return last

    def _begun(self) -> None:
        self._done.change = None

    def _committed(self, change: int | None) -> None:
        self._done.change = change

    def last_change(self) -> int | None:
        """The number of the change this thread's last committed transaction logged (None
        when it logged none): what a graph that made the change has seen."""
        return getattr(self._done, "change", None)

    def data_version(self) -> int:
        """The number of the last change to the graph's data (articles, merges, splits; not
        the job queue) anyone committed: a graph built as of another number is behind."""
        rows = self._query("SELECT seq FROM changes ORDER BY seq DESC LIMIT 1")
        return int(rows[0][0]) if rows else 0

    def changes_since(self, seq: int, *, limit: int) -> list[tuple[int, str, str | None]]:
        """The changes after number `seq`, oldest first, at most `limit`: (number, kind,
        article id), kind INGEST for an article added (with the merges its ingest proposed),
        DELETE for one deleted, DECISION for anything else."""
        rows = self._query(
            "SELECT seq, kind, article_id FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
            (seq, limit),
        )
        return [(int(number), kind, article_id) for number, kind, article_id in rows]

    # -- the graph's tables (read_model stores) ---------------------------------------------

    def write_read_model(self, G: Any, dirty: readmodel.Dirty) -> None:
        """Carry what a write changed in graph G to the graph's tables, in the write's
        transaction (see readmodel.write)."""
        with self._transaction() as db:
            readmodel.write(db, G, dirty)

    def read_model_built(self) -> bool:
        """Whether the graph's tables hold the graph (a writer has built them once)."""
        return bool(self._query("SELECT 1 FROM g_meta LIMIT 1"))

    def built_if_empty(self) -> bool:
        """Mark the graph's tables built where the store holds nothing yet (an empty graph's
        tables are empty); whether they are built now."""
        with self._transaction(bump=False) as db:
            if db.execute("SELECT 1 FROM g_meta LIMIT 1").fetchone():
                return True
            if db.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
                return False
            db.execute("INSERT INTO g_meta (built) VALUES (1)")
            return True

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
            row = db.execute(
                "INSERT INTO articles (id, source, title, published, byline, text, extraction,"
                " content_hash, entities, claims, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"
                " RETURNING seq",
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
            ).fetchone()
            if row is None:
                return None
            seq = int(row[0])
            self._note(INGEST, article.id)
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
            self._note(DELETE, article_id)
            db.executemany("DELETE FROM merges WHERE id = ?", [(mid,) for mid in withdraw])
            return True

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[StoredArticle]:
        """Stored articles in ingest order: all of them, or those with the given ids.

        Read a batch at a time (keyset pagination on seq), so a large store is never in memory
        twice over and no lock is held between batches.
        """
        chosen = "" if ids is None else f" AND {self._IDS_IN}"
        id_list: tuple[object, ...] = () if ids is None else (self._id_list(sorted(set(ids))),)
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
        self, db: Connection, merge: MergeProposal, article_id: str, created_at: str
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

    # -- jobs ----------------------------------------------------------------------------

    def enqueue(self, payloads: Sequence[dict[str, Any]]) -> list[str]:
        """Queue articles (as posted) for `claimgraph worker` processes; returns the job ids."""
        created = now()
        ids = ["j-" + uuid.uuid4().hex[:16] for _ in payloads]
        with self._transaction(bump=False, lock=False) as db:
            db.executemany(
                "INSERT INTO jobs (id, state, payload, created_at) VALUES (?, 'queued', ?, ?)",
                [
                    (jid, json.dumps(payload), created)
                    for jid, payload in zip(ids, payloads, strict=True)
                ],
            )
        return ids

    def claim_job(self, worker: str, *, lease: float) -> Job | None:
        """Take the oldest job waiting, or one whose worker's lease ran out (the worker died
        or lost the database), for `lease` seconds; None when there is none. A job whose
        workers stopped MAX_ATTEMPTS times is failed instead: it may be what stops them."""
        clock = self._CLOCK
        with self._transaction(bump=False, lock=False) as db:
            db.execute(
                "UPDATE jobs SET state = 'failed', finished_at = ?, error = ?"
                f" WHERE state = 'running' AND lease_until < {clock} AND attempts >= ?",
                (now(), f"its worker stopped {MAX_ATTEMPTS} times during this job", MAX_ATTEMPTS),
            )
            row = db.execute(
                "SELECT id FROM jobs WHERE state = 'queued'"
                f" OR (state = 'running' AND lease_until < {clock})"
                f" ORDER BY seq LIMIT 1{self._SKIP_LOCKED}"
            ).fetchone()
            if row is None:
                return None
            db.execute(
                f"UPDATE jobs SET state = 'running', worker = ?, lease_until = {clock} + ?,"
                " attempts = attempts + 1, started_at = ?, error = NULL WHERE id = ?",
                (worker, lease, now(), row[0]),
            )
        return self.get_job(row[0])

    def extend_lease(self, job_id: str, worker: str, *, lease: float) -> bool:
        """Keep a job for `lease` more seconds; False when the worker no longer holds it."""
        with self._transaction(bump=False, lock=False) as db:
            cursor = db.execute(
                f"UPDATE jobs SET lease_until = {self._CLOCK} + ?"
                " WHERE id = ? AND worker = ? AND state = 'running'",
                (lease, job_id, worker),
            )
            return cursor.rowcount > 0

    def finish_job(
        self,
        job_id: str,
        worker: str,
        *,
        result: dict[str, Any] | None = None,
        error: str | None = None,
    ) -> bool:
        """Record a job's end: done with its result, or failed with the reason (once: a job
        that failed for its input is not tried again). False when the worker no longer
        held the job (its lease ran out and another worker took it)."""
        state = DONE if error is None else FAILED
        with self._transaction(bump=False, lock=False) as db:
            cursor = db.execute(
                "UPDATE jobs SET state = ?, result = ?, error = ?, finished_at = ?,"
                " lease_until = NULL WHERE id = ? AND worker = ? AND state = 'running'",
                (
                    state,
                    None if result is None else json.dumps(result),
                    error,
                    now(),
                    job_id,
                    worker,
                ),
            )
            return cursor.rowcount > 0

    def get_job(self, job_id: str) -> Job | None:
        rows = self._query(_JOB + " WHERE id = ?", (job_id,))
        return _job(rows[0]) if rows else None

    def jobs(self, *, state: str | None, limit: int, offset: int) -> list[Job]:
        """Jobs, newest first, of one state or all."""
        where, params = ("", ()) if state is None else (" WHERE state = ?", (state,))
        rows = self._query(
            _JOB + where + " ORDER BY seq DESC LIMIT ? OFFSET ?",
            (*params, *_bounded(limit, offset)),
        )
        return [_job(row) for row in rows]

    def count_jobs(self) -> dict[str, int]:
        """How many jobs are in each state."""
        counts = dict.fromkeys(JOB_STATES, 0)
        for state, count in self._query("SELECT state, count(*) FROM jobs GROUP BY state"):
            counts[state] = int(count)
        return counts

    def schema_version(self) -> int:
        raise NotImplementedError


def copy_store(source: Store, target: Store) -> dict[str, int]:
    """Copy a store's articles, merges, splits and people's decisions into an empty store
    (SQLite to PostgreSQL, or back), in the order they were written, in one transaction;
    then check that every table holds as many rows in both. Returns the counts."""
    if target.count_articles() or target.count_merges() or target.count_splits():
        raise StoreError(f"{target.path} is not empty: copy into a new database")
    # Table by table, every column but seq (the target numbers rows in the same order).
    tables = {
        "articles": (
            "id, source, title, published, byline, text, extraction, content_hash, entities,"
            " claims, ingested_at"
        ),
        "merges": _ROW,
        "splits": (
            "id, entity_id, entity_name, type, new_id, moves, decided_by, decided_at, undone_at"
        ),
    }
    counts: dict[str, int] = {}
    with source.snapshot(), target._transaction() as db:
        for table, columns in tables.items():
            places = ", ".join("?" * len(columns.split(",")))
            after, copied = 0, 0
            while rows := source._query(
                f"SELECT seq, {columns} FROM {table} WHERE seq > ? ORDER BY seq LIMIT ?",
                (after, _BATCH),
            ):
                db.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({places})",
                    [row[1:] for row in rows],
                )
                after, copied = rows[-1][0], copied + len(rows)
            found = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            if found != copied:
                raise StoreError(f"{table}: {copied} rows copied but {found} in {target.path}")
            counts[table] = copied
    return counts


class SqliteStore(Store):
    """The embedded store: one SQLite connection guarded by a lock, shared by the API's
    worker threads; several processes share the file (one writer at a time)."""

    dialect = "sqlite"
    quick_version = True
    _CLOCK = "((julianday('now') - 2440587.5) * 86400.0)"
    _IDS_IN = "id IN (SELECT value FROM json_each(?))"
    _SKIP_LOCKED = ""  # one writer at a time: a job is never seen by two at once

    def __init__(self, path: str | Path, *, timeout: float = 10.0) -> None:
        super().__init__()
        self.path = str(path)
        self._timeout = timeout
        self._lock = threading.RLock()
        self._depth = 0  # transactions joined on this connection (0: none open)
        self._read_only = False
        self._bumps = False
        self._pending: list[tuple[str, str | None]] = []
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
        self._db.execute(f"PRAGMA busy_timeout={int(self._timeout * 1000)}")

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}; this claimgraph knows up to "
                f"{SCHEMA_VERSION}: upgrade claimgraph"
            )
        for target, script in enumerate(SQLITE_MIGRATIONS[version:], start=version + 1):
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

    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _id_list(self, ids: Sequence[str]) -> object:
        return json.dumps(list(ids))

    @contextmanager
    def _connection(self, *, write: bool, bump: bool, lock: bool = True) -> Iterator[Any]:
        with self._lock:
            if self._depth:
                if write and self._read_only:
                    raise RuntimeError("a write inside a read snapshot")
                self._bumps |= bump
                self._depth += 1
                try:
                    yield self._db
                finally:
                    self._depth -= 1
                return
            with _busy(self.path):
                self._db.execute("BEGIN IMMEDIATE")
            self._depth, self._bumps, self._pending = 1, bump, []
            self._begun()
            change = None
            try:
                yield self._db
                if self._bumps or self._pending:
                    change = self._log_changes(self._db)
            except BaseException:
                self._depth = 0
                self._db.execute("ROLLBACK")
                raise
            self._depth = 0
            with _busy(self.path):
                self._db.execute("COMMIT")
            self._committed(change)

    def _notes(self) -> list[tuple[str, str | None]]:
        return self._pending

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        with self._lock:
            if self._depth or self._db.in_transaction:
                yield
                return
            self._db.execute("BEGIN")
            self._depth, self._read_only = 1, True
            try:
                yield
            finally:
                self._depth, self._read_only = 0, False
                self._db.execute("COMMIT")

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        with self._lock, _busy(self.path):
            return self._db.execute(sql, params).fetchall()


class PostgresStore(Store):
    """The shared store: PostgreSQL through a psycopg connection pool. Each thread's reads
    take a connection from the pool for one statement, or hold one for a snapshot or a
    transaction; writers of the graph's data queue on one advisory lock."""

    dialect = "postgresql"
    quick_version = False
    _CLOCK = "extract(epoch from clock_timestamp())"
    _IDS_IN = "id = ANY(?)"
    _SKIP_LOCKED = " FOR UPDATE SKIP LOCKED"  # many workers take jobs at once
    read_model = True

    def __init__(self, url: str, *, pool_size: int = 8, timeout: float = 10.0) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool

        super().__init__()
        self.path = describe(url)
        self._local = threading.local()
        try:
            psycopg.conninfo.conninfo_to_dict(url)
        except psycopg.ProgrammingError as error:
            raise StoreError(
                f"{self.path} is not a PostgreSQL URL claimgraph can use: {error}"
            ) from error
        # One connection first: a wrong name, password or option is told at once, in the
        # server's own words, rather than by a pool retrying in the background until it times out.
        try:
            psycopg.connect(url, connect_timeout=max(1, round(timeout)), autocommit=True).close()
        except psycopg.Error as error:
            reason = " ".join(str(error).split())
            raise StoreUnavailable(f"cannot connect to {self.path}: {reason}") from error
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=max(1, pool_size),
            kwargs={"autocommit": True},
            # A connection the server dropped (a restart) is replaced, not handed out.
            check=ConnectionPool.check_connection,
            timeout=timeout,
            open=False,
            name="claimgraph",
        )
        try:
            with _unreachable(self.path):
                self._pool.open(wait=True, timeout=timeout)
                self._migrate()
        except BaseException:
            self._pool.close()
            raise

    def _migrate(self) -> None:
        with self._pool.connection() as conn, conn.transaction():
            conn.execute(_TAKE_WRITE_LOCK, (_WRITE_LOCK,))
            conn.execute("CREATE TABLE IF NOT EXISTS claimgraph_schema (version INTEGER NOT NULL)")
            row = conn.execute("SELECT version FROM claimgraph_schema").fetchone()
            if row is None:
                conn.execute("INSERT INTO claimgraph_schema (version) VALUES (0)")
            version = 0 if row is None else int(row[0])
            if version > POSTGRES_SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has schema version {version}; this claimgraph knows up to "
                    f"{POSTGRES_SCHEMA_VERSION}: upgrade claimgraph"
                )
            for target, script in enumerate(POSTGRES_MIGRATIONS[version:], start=version + 1):
                conn.execute(script.encode())  # several statements, no parameters
                conn.execute("UPDATE claimgraph_schema SET version = %s", (target,))

    def schema_version(self) -> int:
        return int(self._query("SELECT version FROM claimgraph_schema")[0][0])

    def close(self) -> None:
        self._pool.close()

    def _id_list(self, ids: Sequence[str]) -> object:
        return list(ids)

    @contextmanager
    def _connection(self, *, write: bool, bump: bool, lock: bool = True) -> Iterator[Any]:
        local = self._local
        current = getattr(local, "conn", None)
        if current is not None:
            if write and local.read_only:
                raise RuntimeError("a write inside a read snapshot")
            local.bumps |= bump
            with _unreachable(self.path):
                yield current
            return
        with _unreachable(self.path), self._pool.connection() as conn:
            with conn.transaction():
                if write and lock:
                    conn.execute(_TAKE_WRITE_LOCK, (_WRITE_LOCK,))
                db = _PostgresConnection(conn)
                local.conn, local.read_only, local.bumps, local.notes = db, False, bump, []
                self._begun()
                change = None
                try:
                    yield db
                    if local.bumps or local.notes:
                        change = self._log_changes(db)
                finally:
                    local.conn = None
            self._committed(change)

    def _notes(self) -> list[tuple[str, str | None]]:
        notes: list[tuple[str, str | None]] = self._local.notes
        return notes

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        local = self._local
        if getattr(local, "conn", None) is not None:
            yield
            return
        with _unreachable(self.path), self._pool.connection() as conn, conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            local.conn, local.read_only = _PostgresConnection(conn), True
            local.bumps, local.notes = False, []
            try:
                yield
            finally:
                local.conn = None

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        current = getattr(self._local, "conn", None)
        with _unreachable(self.path):
            if current is not None:
                return list(current.execute(sql, params).fetchall())
            with self._pool.connection() as conn:
                return list(_PostgresConnection(conn).execute(sql, params).fetchall())


class _PostgresConnection:
    """A psycopg connection that takes the store's `?` placeholders."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[object] = ()) -> Any:
        return self.conn.execute(_pg(sql), _no_nul(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> Any:
        cursor = self.conn.cursor()
        cursor.executemany(_pg(sql), [_no_nul(row) for row in rows])
        return cursor


def _no_nul(params: Sequence[object]) -> Sequence[object]:
    """PostgreSQL's text holds no NUL character: U+FFFD in its place. Only plain columns
    (an article's text, its title) can carry one; the extraction, the system of record, is
    JSON, where NUL is escaped, so what the store gives back is exactly what was put in."""
    if not any(isinstance(value, str) and "\x00" in value for value in params):
        return params
    return [
        value.replace("\x00", "\ufffd") if isinstance(value, str) else value for value in params
    ]


@lru_cache(maxsize=256)
def _pg(sql: str) -> str:
    """A statement with `?` placeholders as psycopg takes it (`%s`; a literal % doubled).
    The store's SQL has no `?` or `%` inside string literals."""
    return sql.replace("%", "%%").replace("?", "%s")


# How long a writer waits for the database (SQLite's busy timeout, the pool's wait for a
# connection) before the request is answered 503 with Retry-After.
BUSY_TIMEOUT_S = 10.0


@contextmanager
def _busy(path: str) -> Iterator[None]:
    """SQLite's "database is locked" after the busy timeout: unavailable for now, not broken."""
    try:
        yield
    except sqlite3.OperationalError as error:
        text = str(error)
        if "locked" in text or "busy" in text:
            raise StoreUnavailable(f"{path} is busy: {text}") from error
        raise


@contextmanager
def _unreachable(path: str) -> Iterator[None]:
    """PostgreSQL away (restarting, unreachable, out of connections): unavailable for now."""
    import psycopg
    from psycopg_pool import PoolTimeout

    try:
        yield
    except (psycopg.OperationalError, PoolTimeout) as error:
        raise StoreUnavailable(f"{path} cannot be reached: {error}".strip()) from error


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


_JOB = (
    "SELECT id, state, payload, result, error, attempts, worker, created_at, started_at,"
    " finished_at FROM jobs"
)


def _job(row: tuple) -> Job:
    jid, state, payload, result, error, attempts, worker, created, started, finished = row
    return Job(
        id=jid,
        state=state,
        payload=json.loads(payload),
        result=None if result is None else json.loads(result),
        error=error,
        attempts=int(attempts),
        worker=worker,
        created_at=created,
        started_at=started,
        finished_at=finished,
    )


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
    # Integers are 64-bit in both databases; a larger offset means "past the end" anyway.
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
