"""API keys: CLAIMGRAPH_API_KEY guards writes, CLAIMGRAPH_READ_KEY guards reads too."""

from __future__ import annotations

import pytest

from tests.app.samples import kabul_article
from tests.app.support import MakeClient, TestClient, assert_error

WRITE_KEY = "write-key"
READ_KEY = "read-key"


@pytest.fixture
def guarded(make_client: MakeClient) -> TestClient:
    client = make_client(api_key=WRITE_KEY)
    client.app.state.graph.ingest(kabul_article())  # type: ignore[attr-defined]
    return client


def delete_kabul(client: TestClient, headers: dict[str, str]) -> int:
    return client.delete(f"/articles/{kabul_article().id}", headers=headers).status_code


def test_writes_need_the_key(guarded: TestClient) -> None:
    response = guarded.delete(f"/articles/{kabul_article().id}")
    error = assert_error(response, 401, "unauthorized")
    assert "X-API-Key" in error["message"]
    assert response.headers["www-authenticate"] == "Bearer"
    assert_error(guarded.post("/articles", json={"text": "Some text."}), 401)
    assert_error(guarded.delete("/merges/m-1"), 401)


@pytest.mark.parametrize(
    "headers",
    [{"X-API-Key": "wrong"}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic abc"}],
)
def test_a_wrong_key_is_401(guarded: TestClient, headers: dict[str, str]) -> None:
    assert_error(guarded.delete(f"/articles/{kabul_article().id}", headers=headers), 401)


def test_a_key_that_is_not_ascii_is_401_not_500(guarded: TestClient) -> None:
    response = guarded.delete(f"/articles/{kabul_article().id}", headers={"X-API-Key": b"cl\xe9"})
    assert_error(response, 401)


@pytest.mark.parametrize("scheme", ["X-API-Key", "Bearer"])
def test_the_key_opens_writes(guarded: TestClient, scheme: str) -> None:
    headers = (
        {"X-API-Key": WRITE_KEY}
        if scheme == "X-API-Key"
        else {"Authorization": f"Bearer {WRITE_KEY}"}
    )
    assert delete_kabul(guarded, headers) == 204


def test_reads_stay_open(guarded: TestClient) -> None:
    for path in ("/articles", "/entities", "/claims", "/merges", "/graph", "/health"):
        assert guarded.get(path).status_code == 200, path


def test_a_read_key_guards_reads(make_client: MakeClient) -> None:
    client = make_client(api_key=WRITE_KEY, read_key=READ_KEY)
    for path in ("/articles", "/entities", "/claims", "/speakers?about=x", "/graph", "/merges"):
        assert_error(client.get(path), 401, "unauthorized")
    assert client.get("/articles", headers={"X-API-Key": READ_KEY}).status_code == 200
    bearer = {"Authorization": f"Bearer {READ_KEY}"}
    assert client.get("/entities", headers=bearer).status_code == 200
    write = {"X-API-Key": WRITE_KEY}
    assert client.get("/claims", headers=write).status_code == 200, "the write key reads too"
    assert client.get("/health").status_code == 200, "probes carry no key"
    assert_error(client.delete("/articles/a-1", headers={"X-API-Key": READ_KEY}), 401)


def test_a_read_key_alone_guards_writes_too(make_client: MakeClient) -> None:
    client = make_client(read_key=READ_KEY)
    assert_error(client.delete("/articles/a-1"), 401)
    response = client.delete("/articles/a-1", headers={"X-API-Key": READ_KEY})
    assert_error(response, 404)


def test_without_keys_everything_is_open(populated: TestClient) -> None:
    assert delete_kabul(populated, {}) == 204


def test_docs_advertise_both_ways_to_send_a_key(client: TestClient) -> None:
    schemes = client.get("/openapi.json").json()["components"]["securitySchemes"]
    assert {scheme["type"] for scheme in schemes.values()} == {"apiKey", "http"}
