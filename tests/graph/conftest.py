"""Fixtures of the graph tests: an on-disk ClaimGraph in a fresh folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph.graph import ClaimGraph
from tests.backends import BACKENDS, store_target


@pytest.fixture(params=BACKENDS)
def db_path(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | Path]:
    """A fresh store: a SQLite file in a new folder, or a fresh PostgreSQL schema."""
    yield from store_target(request, tmp_path / "store" / "claims.db")


@pytest.fixture
def cg(db_path: str | Path) -> Iterator[ClaimGraph]:
    with ClaimGraph.open(db_path) as graph:
        yield graph
