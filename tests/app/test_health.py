"""GET /health."""

from __future__ import annotations

from tests.app.support import TestClient


def test_health_reports_model_and_counts(populated: TestClient) -> None:
    response = populated.get("/health")
    assert response.status_code == 200
    health = response.json()
    assert health["status"] == "ok"
    assert health["model"] == populated.app.state.model_name  # type: ignore[attr-defined]
    assert health["version"]
    assert isinstance(health["counts"], dict) and health["counts"]


def test_health_of_an_empty_store(client: TestClient) -> None:
    assert client.get("/health").json()["status"] == "ok"
