"""The OpenAPI document tells the truth: about security, its own examples and allowed methods."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.app.main import create_app
from claimgraph.app.settings import Settings
from tests.app.support import MakeClient, TestClient, assert_error


def _secured(settings: Settings) -> set[tuple[str, str]]:
    schema = create_app(settings).openapi()
    return {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if operation.get("security")
    }


def test_security_is_declared_only_where_a_key_is_needed() -> None:
    assert _secured(Settings()) == set()  # no keys: everything is open
    writes_only = _secured(Settings(api_key="w"))
    assert writes_only and all(method in {"POST", "DELETE"} for method, _ in writes_only)
    both = _secured(Settings(api_key="w", read_key="r"))
    assert ("GET", "/claims") in both and ("POST", "/articles") in both
    assert ("GET", "/health") not in both  # probes carry no credentials


@pytest.mark.model
@pytest.mark.parametrize("name", ["one", "batch"])
def test_the_documents_own_examples_are_accepted(client: TestClient, name: str) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/articles"]["post"]
    examples: dict[str, Any] = operation["requestBody"]["content"]["application/json"]["examples"]
    response = client.post("/articles", json=examples[name]["value"])
    assert response.status_code == 201, response.text


def test_a_405_allows_every_method_of_the_path(make_client: MakeClient) -> None:
    client = make_client()
    response = client.put("/articles/a-0123456789abcdef")
    assert_error(response, 405)
    assert response.headers["Allow"] == "DELETE, GET"
    response = client.delete("/claims")
    assert response.headers["Allow"] == "GET"
