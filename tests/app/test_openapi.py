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


def _get_paths(client: TestClient) -> list[str]:
    paths = client.get("/openapi.json").json()["paths"]
    return [path for path, operations in paths.items() if "get" in operations and "{" not in path]


def test_an_unknown_query_parameter_is_422_naming_it_everywhere(make_client: MakeClient) -> None:
    """`/claims?published_after=...` was ignored: the unfiltered answer, with a 200."""
    client = make_client()
    for path in [*_get_paths(client), "/articles/a-0123456789abcdef", "/entities/person:x"]:
        error = assert_error(client.get(path, params={"published_after": "2021-01-01"}), 422)
        assert "published_after" in error["message"], path
    posted = client.post("/articles?dry_run=1", json={"text": "Mayor Ada Park said it was fine."})
    assert "dry_run" in assert_error(posted, 422)["message"]


def test_a_repeated_query_parameter_is_422_naming_it(make_client: MakeClient) -> None:
    client = make_client()
    error = assert_error(client.get("/entities?q=Park&q=Reyes"), 422)
    assert "q given more than once" in error["message"]
    assert client.get("/entities?q=Park&limit=5").status_code == 200
