"""Fixtures: the real app over a fresh store in a temp folder, with the real extractor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimgraph.app.main import create_app
from claimgraph.app.runtime import load_extractor
from claimgraph.app.settings import Settings
from claimgraph.extract import Extractor
from tests.app.samples import sample_articles
from tests.app.support import MakeClient, TestClient
from tests.backends import BACKENDS, store_target


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner's own CLAIMGRAPH_* variables (an API key, a db) must not leak into tests."""
    for name in list(Settings.model_fields):
        monkeypatch.delenv(f"CLAIMGRAPH_{name.upper()}", raising=False)


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real extractor over the bundled pipeline, loaded once per session."""
    return load_extractor()


@pytest.fixture(params=BACKENDS)
def db_path(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | Path]:
    """A fresh store: a SQLite file in a temp folder, or a fresh PostgreSQL schema."""
    yield from store_target(request, tmp_path / "claimgraph.db")


@pytest.fixture
def make_client(db_path: str | Path, extractor: Extractor) -> Iterator[MakeClient]:
    """Start the real app (lifespan included) over a fresh store, with settings overrides."""
    started: list[TestClient] = []

    def make(**overrides: Any) -> TestClient:
        settings = Settings(db=db_path, **overrides)
        client = TestClient(create_app(settings, extractor=extractor))
        client.__enter__()
        started.append(client)
        return client

    yield make
    for client in reversed(started):
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client()


@pytest.fixture
def populated(client: TestClient) -> TestClient:
    """A client over a store holding the two sample articles."""
    for article in sample_articles():
        client.app.state.graph.ingest(article)  # type: ignore[attr-defined]
    return client
