"""The two stores the API, graph and CLI suites run against: each test gets a fresh SQLite
file or a fresh PostgreSQL schema (on the server every machine of the project runs:
$CLAIMGRAPH_TEST_POSTGRES, else postgresql://root@127.0.0.1:5432/test).

A test that is about SQLite itself (its file, its locks, its pragmas) is marked
`sqlite_only` and runs once."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

BACKENDS = ("sqlite", "postgresql")
POSTGRES = os.environ.get("CLAIMGRAPH_TEST_POSTGRES", "postgresql://root@127.0.0.1:5432/test")


@contextmanager
def postgres_schema(base: str = POSTGRES, prefix: str = "t_") -> Iterator[str]:
    """A URL of a fresh, empty schema on the server `base` names, dropped afterwards (the
    tests' server by default; bench/scale.py passes its own)."""
    schema = prefix + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    joiner = "&" if "?" in base else "?"
    try:
        yield f"{base}{joiner}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def store_target(request: pytest.FixtureRequest, path: Path) -> Iterator[str | Path]:
    """What a fixture parametrised over BACKENDS hands a test: a file path or a URL."""
    if request.param == "sqlite":
        yield path
        return
    with postgres_schema() as url:
        yield url


def deselect_sqlite_only(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run a test marked sqlite_only with the SQLite store only, and one marked
    postgres_only with PostgreSQL only."""
    kept, dropped = [], []
    for item in items:
        backend = getattr(getattr(item, "callspec", None), "params", {}).get("db_path")
        if (item.get_closest_marker("sqlite_only") and backend == "postgresql") or (
            item.get_closest_marker("postgres_only") and backend == "sqlite"
        ):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
