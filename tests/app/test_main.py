"""The application as a whole: docs, error shape, CORS, settings and the lifespan."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.app.main import create_app
from claimgraph.app.settings import Settings, default_db_path
from claimgraph.extract import Extractor
from claimgraph.graph.store import describe, is_postgres, sqlite_path
from tests.app.support import MakeClient, TestClient, assert_error


def test_docs_and_openapi_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/articles",
        "/articles/{article_id}",
        "/entities",
        "/entities/{entity_id}",
        "/entities/{entity_id}/said",
        "/entities/{entity_id}/mentioned",
        "/claims",
        "/speakers",
        "/paths",
        "/graph",
        "/merges",
        "/merges/{merge_id}",
        "/health",
    } <= paths


def test_openapi_documents_the_error_shape(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    error = {"$ref": "#/components/schemas/ErrorResponse"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith("4"):
                    documented = response["content"]["application/json"]["schema"]
                    assert documented == error, f"{method} {path} {status}"
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    claims = schema["paths"]["/claims"]["get"]
    listed = claims["responses"]["200"]["content"]["application/json"]["schema"]
    assert listed["$ref"].startswith("#/components/schemas/Page")


def test_unknown_route_and_method_are_json_errors(client: TestClient) -> None:
    assert_error(client.get("/nowhere"), 404, "not_found")
    assert_error(client.put("/articles"), 405, "method_not_allowed")


def test_a_bug_is_a_500_without_traceback(db_path: Path, extractor: Extractor) -> None:
    app = create_app(Settings(db=db_path), extractor=extractor)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail")

    with TestClient(app, raise_server_exceptions=False) as client:
        error = assert_error(client.get("/boom"), 500, "internal_error")
    assert "secret" not in error["message"]


def test_cors_when_configured(make_client: MakeClient) -> None:
    client = make_client(cors_origins=["https://newsroom.example"])
    response = client.get("/health", headers={"Origin": "https://newsroom.example"})
    assert response.headers["access-control-allow-origin"] == "https://newsroom.example"
    preflight = client.options(
        "/articles",
        headers={
            "Origin": "https://newsroom.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "X-API-Key",
        },
    )
    assert preflight.status_code == 200
    assert "x-api-key" in preflight.headers["access-control-allow-headers"].lower()
    other = client.get("/health", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers


def test_no_cors_by_default(client: TestClient) -> None:
    response = client.get("/health", headers={"Origin": "https://newsroom.example"})
    assert "access-control-allow-origin" not in response.headers


def test_the_store_is_opened_at_settings_db(client: TestClient, db_path: str | Path) -> None:
    graph = client.app.state.graph  # type: ignore[attr-defined]
    if is_postgres(db_path):
        assert graph.store.dialect == "postgresql" and graph.store.schema_version() >= 1
        assert graph.store.path == str(db_path)  # no password in it to hide
    else:
        assert Path(db_path).exists() and graph.store.dialect == "sqlite"


def test_a_database_url_chooses_the_backend() -> None:
    url = "postgresql://claimgraph:pw@db.example:5432/news"
    assert Settings(db=url).db == url and is_postgres(url)
    assert describe(url) == "postgresql://claimgraph:***@db.example:5432/news"
    assert sqlite_path("sqlite:////srv/claims.db") == Path("/srv/claims.db")
    assert sqlite_path("sqlite:///claims.db") == Path("claims.db")
    assert not is_postgres("sqlite:///claims.db") and not is_postgres("/srv/claims.db")


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLAIMGRAPH_DB", str(tmp_path / "env.db"))
    monkeypatch.setenv("CLAIMGRAPH_API_KEY", "k")
    monkeypatch.setenv("CLAIMGRAPH_READ_KEY", "")
    monkeypatch.setenv("CLAIMGRAPH_CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("CLAIMGRAPH_MAX_BATCH", "7")
    settings = Settings()
    assert settings.db == str(tmp_path / "env.db")
    assert settings.api_key is not None and settings.api_key.get_secret_value() == "k"
    assert settings.read_key is None
    assert settings.cors_origins == ["https://a.example", "https://b.example"]
    assert settings.max_batch == 7
    assert "k" not in repr(settings.api_key)


def test_settings_defaults() -> None:
    settings = Settings()
    assert settings.db == default_db_path()
    assert Path(settings.db).name == "claimgraph.db"
    assert (settings.db_pool, settings.db_timeout) == (8, 10.0)
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert settings.api_key is None and settings.read_key is None
    assert settings.spacy_model is None
    assert Settings(cors_origins='["https://a.example"]').cors_origins == ["https://a.example"]
