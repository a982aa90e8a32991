"""API keys: CLAIMGRAPH_API_KEY guards writes, CLAIMGRAPH_READ_KEY guards reads too."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from claimgraph.app import cli, deps
from claimgraph.app.main import create_app
from claimgraph.extract import Extractor
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


class NoExtraction:
    """An extractor that fails the test if a request ever gets as far as extraction."""

    model_name = "none"

    def extract(self, document: object, **options: object) -> object:
        raise AssertionError("an unauthenticated write reached the extractor")


@pytest.mark.parametrize(
    "body",
    [
        b'{"text": "A good article. The minister said it was fine."}',
        b"{not json",
        b"\xff\xfe\x00binary",
        b"[" * 5000,
        b'{"text": 5}',
        b"x" * 2000,
    ],
)
@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"X-API-Key": READ_KEY}])
def test_writes_without_the_key_are_401_whatever_the_body(
    guarded: TestClient, body: bytes, headers: dict[str, str]
) -> None:
    """The key is checked before the body is read: no 422 or 413 tells a stranger anything."""
    guarded.app.state.extraction.pool.extractor = NoExtraction()  # type: ignore[attr-defined]
    guarded.app.state.settings.max_body_bytes = 1000  # type: ignore[attr-defined]
    headers = {"content-type": "application/json", **headers}
    for method, path in [("POST", "/articles"), ("DELETE", "/articles/x"), ("PUT", "/nowhere")]:
        response = guarded.request(method, path, content=body, headers=headers)
        assert_error(response, 401, "unauthorized")
    assert guarded.get("/articles").json()["count"] == 1


def test_keys_are_compared_in_constant_time(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = secrets.compare_digest

    def spy(given: bytes, expected: bytes) -> bool:
        compared.append((given, expected))
        return real(given, expected)

    monkeypatch.setattr(deps.secrets, "compare_digest", spy)
    client = make_client(api_key=WRITE_KEY, read_key=READ_KEY)
    near_miss = WRITE_KEY[:-1] + "X"
    assert_error(client.delete("/articles/a-1", headers={"X-API-Key": near_miss}), 401)
    assert (near_miss.encode(), WRITE_KEY.encode()) in compared
    compared.clear()
    assert_error(client.get("/claims", headers={"X-API-Key": near_miss}), 401)
    # Every accepted key is compared, so timing does not tell which one nearly matched.
    assert {expected for _, expected in compared} == {READ_KEY.encode(), WRITE_KEY.encode()}


def test_a_write_key_sent_to_a_server_without_keys_changes_nothing(populated: TestClient) -> None:
    response = populated.get("/articles", headers={"X-API-Key": "anything"})
    assert response.status_code == 200


def test_errors_carry_cors_headers(make_client: MakeClient) -> None:
    """A visualiser page must be able to read a 401 or 413, not just a 200."""
    client = make_client(
        api_key=WRITE_KEY, cors_origins=["https://viz.example"], max_body_bytes=100
    )
    origin = {"Origin": "https://viz.example"}
    unauthorised = client.post("/articles", json={"text": "x"}, headers=origin)
    assert_error(unauthorised, 401)
    assert unauthorised.headers["access-control-allow-origin"] == "https://viz.example"
    too_large = client.post(
        "/articles", content=b"x" * 200, headers={**origin, "X-API-Key": WRITE_KEY}
    )
    assert_error(too_large, 413)
    assert too_large.headers["access-control-allow-origin"] == "https://viz.example"


def test_cors_origins_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, db_path: Path, extractor: Extractor
) -> None:
    monkeypatch.setenv("CLAIMGRAPH_CORS_ORIGINS", "https://a.example,https://b.example")
    monkeypatch.setenv("CLAIMGRAPH_DB", str(db_path))
    with TestClient(create_app(extractor=extractor)) as client:
        for origin in ("https://a.example", "https://b.example"):
            response = client.get("/health", headers={"Origin": origin})
            assert response.headers["access-control-allow-origin"] == origin
        response = client.get("/health", headers={"Origin": "https://c.example"})
        assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(
    ("argv", "env", "host", "warned"),
    [
        ((), {}, "127.0.0.1", False),
        (("--host", "0.0.0.0"), {}, "0.0.0.0", True),
        (("--host", "::1"), {}, "::1", False),
        ((), {"CLAIMGRAPH_HOST": "0.0.0.0", "CLAIMGRAPH_API_KEY": "k"}, "0.0.0.0", False),
    ],
)
def test_serve_binds_loopback_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    db_path: Path,
    extractor: Extractor,
    argv: tuple[str, ...],
    env: dict[str, str],
    host: str,
    warned: bool,
) -> None:
    bound: dict[str, object] = {}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(cli, "load_extractor", lambda model=None: extractor)
    monkeypatch.setattr(cli.uvicorn, "run", lambda api, **kw: bound.update(kw))
    assert cli.main(["serve", "--db", str(db_path), *argv]) == 0
    assert bound["host"] == host
    assert ("without CLAIMGRAPH_API_KEY" in caplog.text) is warned
