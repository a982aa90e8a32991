"""Fixtures of the graph tests: an on-disk ClaimGraph in a fresh folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph.graph import ClaimGraph


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "claims.db"


@pytest.fixture
def cg(db_path: Path) -> Iterator[ClaimGraph]:
    with ClaimGraph.open(db_path) as graph:
        yield graph
