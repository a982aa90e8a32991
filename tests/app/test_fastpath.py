"""The fast path for GET /claims and /entities (app/fastpath.py) answers exactly as the routes
do: the same requests, valid and not, sent to a server with it and one without, get the same
status, body and content type; and it does answer the valid ones itself."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from claimgraph.app import fastpath
from claimgraph.graph import ClaimGraph
from tests.app.samples import sample_articles
from tests.app.support import MakeClient, TestClient

LONG = "x" * 300

QUESTIONS = [
    "/claims",
    "/claims?about=Taliban",
    "/claims?about=taliban&limit=2&offset=1",
    "/claims?speaker=Frank%20Gardner",
    "/claims?speaker=Gardner&about=Taliban",
    "/claims?addressee=BBC",
    "/claims?kind=direct",
    "/claims?kind=indirect&q=the",
    "/claims?q=%C3%A9vacuation",
    "/claims?limit=1000",
    "/claims?limit=050",
    "/claims?offset=1000000000",
    "/claims?since=2021-08-26&until=2021-08",
    "/claims?since=2021&cue_class=warn",
    "/claims?outlet=bbc.co.uk",
    "/claims?source=tests%2Fkabul.txt",
    "/entities",
    "/entities?q=Gard",
    "/entities?q=gardner&type=person",
    "/entities?type=place&limit=3",
    "/entities?q=nobody-at-all",
    # ...and what the route must answer itself (errors, or parameters it reads its own way)
    "/claims?about=Nobody%20Whatsoever",
    "/claims?speaker=",
    "/claims?about=" + LONG,
    "/claims?about=" + LONG + "x",
    "/claims?article=no-such-article",
    "/claims?kind=rumour",
    "/claims?limit=0",
    "/claims?limit=1001",
    "/claims?limit=-1",
    "/claims?limit=%2B5",
    "/claims?limit=%205",
    "/claims?limit=5.0",
    "/claims?limit=five",
    "/claims?limit=99999999999999999999",
    "/claims?offset=-1",
    "/claims?offset=1000000001",
    "/claims?about=Taliban&about=BBC",
    "/claims?unknown=1",
    "/claims?since=2021-02-30",
    "/claims?since=2021-13",
    "/claims?until=1629936000",
    "/claims?since=August",
    "/claims?cue_class=shout",
    "/claims?format=csv",
    "/claims?format=xml",
    "/claims/",
    "/entities?type=people",
    "/entities?q=",
    "/entities?q=" + "y" * 201,
    "/entities?type=person&type=place",
    "/entities?limit=%EF%BC%95",  # a full-width digit five
]


@pytest.fixture
def pair(make_client: MakeClient) -> Iterator[tuple[TestClient, TestClient]]:
    """Two servers over one store, the answer cache off: with and without the fast path."""
    fast = make_client(fast_reads=True, answer_cache_entries=0)
    slow = make_client(fast_reads=False, answer_cache_entries=0)
    graph: ClaimGraph = fast.app.state.graph  # type: ignore[attr-defined]
    for article in sample_articles():
        graph.ingest(article)
    yield fast, slow


@pytest.fixture
def answered_fast(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the fast path answered itself."""
    answered: list[str] = []
    for path, read in list(fastpath.READS.items()):

        def spy(graph: ClaimGraph, args: object, _read=read, _path=path) -> bytes:  # type: ignore[no-untyped-def]
            body = _read.answer(graph, args)
            answered.append(_path)
            return body

        monkeypatch.setitem(fastpath.READS, path, dataclasses.replace(read, answer=spy))
    return answered


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_fast_path_answers_as_the_route(
    pair: tuple[TestClient, TestClient], question: str
) -> None:
    fast, slow = pair
    expected = slow.get(question, follow_redirects=False)
    got = fast.get(question, follow_redirects=False)
    assert (got.status_code, got.content) == (expected.status_code, expected.content)
    assert got.headers.get("content-type") == expected.headers.get("content-type")


def test_valid_reads_take_the_fast_path_and_the_rest_do_not(
    pair: tuple[TestClient, TestClient], answered_fast: list[str]
) -> None:
    fast, _ = pair
    assert fast.get("/claims?about=Taliban&limit=2").status_code == 200
    assert fast.get("/entities?q=Gard").status_code == 200
    assert answered_fast == ["/claims", "/entities"]
    assert fast.get("/claims?limit=1001").status_code == 422
    assert fast.get("/claims?about=Nobody%20Whatsoever").status_code == 404
    assert fast.get("/claims?about=Taliban&unknown=1").status_code == 422  # by the route
    assert answered_fast == ["/claims", "/entities"]


def test_a_read_key_is_checked_on_the_fast_path(make_client: MakeClient) -> None:
    client = make_client(read_key="reader", answer_cache_entries=0)
    assert client.get("/claims?about=Taliban").status_code == 401
    assert client.get("/claims", headers={"X-API-Key": "wrong"}).status_code == 401
    assert client.get("/claims", headers={"X-API-Key": "reader"}).status_code == 200
    assert client.get("/entities", headers={"Authorization": "Bearer reader"}).status_code == 200


def test_csv_asked_for_by_accept_is_the_routes_to_answer(
    pair: tuple[TestClient, TestClient], answered_fast: list[str]
) -> None:
    fast, slow = pair
    for accept in ("text/csv", "application/json;q=0.5, text/csv"):
        got = fast.get("/claims?about=Taliban", headers={"Accept": accept})
        expected = slow.get("/claims?about=Taliban", headers={"Accept": accept})
        assert got.headers["content-type"].startswith("text/csv")
        assert (got.status_code, got.content) == (expected.status_code, expected.content)
    assert answered_fast == []
