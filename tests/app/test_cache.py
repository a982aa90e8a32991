"""The answer cache: repeated questions are answered from memory, never with stale data."""

from __future__ import annotations

from starlette.requests import Request

from claimgraph.app.cache import AnswerCache, answer_key
from claimgraph.graph import ClaimGraph
from tests.app.samples import sample_articles
from tests.app.support import MakeClient, TestClient, assert_error


def _answers(client: TestClient) -> AnswerCache:
    return client.app.state.answers  # type: ignore[attr-defined, no-any-return]


def test_a_repeated_question_is_answered_from_the_cache(populated: TestClient) -> None:
    first = populated.get("/claims", params={"about": "Taliban", "limit": 5})
    hits = _answers(populated).hits
    # the same question, its parameters in another order
    again = populated.get("/claims", params={"limit": 5, "about": "Taliban"})
    assert again.status_code == 200
    assert again.content == first.content
    assert _answers(populated).hits == hits + 1


def test_a_write_here_changes_the_answer(client: TestClient) -> None:
    [first, second] = sample_articles()
    client.app.state.graph.ingest(first)  # type: ignore[attr-defined]
    before = client.get("/entities", params={"q": "Gardner"}).json()["count"]
    client.app.state.graph.ingest(second)  # type: ignore[attr-defined]
    after = client.get("/entities", params={"q": "Gardner"}).json()["count"]
    assert (before, after) == (0, 1)


def test_a_write_by_another_process_changes_the_answer(client: TestClient, db_path: object) -> None:
    [first, second] = sample_articles()
    client.app.state.graph.ingest(first)  # type: ignore[attr-defined]
    assert client.get("/articles").json()["count"] == 1
    assert client.get("/claims").json()["count"] > 0
    counted = client.get("/claims").json()["count"]
    with ClaimGraph.open(db_path) as other:  # type: ignore[arg-type]
        other.ingest(second)
    assert client.get("/claims").json()["count"] > counted


def test_errors_are_not_cached(populated: TestClient) -> None:
    assert populated.get("/entities/person:nobody").status_code == 404
    assert populated.get("/entities/person:nobody").status_code == 404
    assert _answers(populated).hits == 0


def test_the_cache_is_bounded() -> None:
    cache = AnswerCache(max_entries=2, max_bytes=1000)
    for n in range(5):
        cache.put(("/claims", (("q", str(n)),)), 1, b"x" * 10)
    assert len(cache) == 2
    assert cache.get(("/claims", (("q", "4"),)), 1) == (b"x" * 10, "application/json")
    assert cache.get(("/claims", (("q", "4"),)), 2) is None  # another generation: stale
    cache.put(("/graph", ()), 1, b"y" * 500)  # over an eighth of the budget: not kept
    assert cache.get(("/graph", ()), 1) is None


def test_the_cache_can_be_switched_off(make_client: MakeClient) -> None:
    client = make_client(answer_cache_entries=0)
    client.get("/claims")
    client.get("/claims")
    assert len(_answers(client)) == 0


def test_a_cached_answer_still_needs_the_read_key(make_client: MakeClient) -> None:
    client = make_client(read_key="reader-secret")
    for article in sample_articles():
        client.app.state.graph.ingest(article)  # type: ignore[attr-defined]
    headers = {"X-API-Key": "reader-secret"}
    first = client.get("/claims", params={"about": "Taliban"}, headers=headers)
    assert first.status_code == 200
    assert client.get("/claims", params={"about": "Taliban"}, headers=headers).content == (
        first.content
    )
    refused = client.get("/claims", params={"about": "Taliban"})
    assert refused.status_code == 401
    wrong = client.get("/claims", params={"about": "Taliban"}, headers={"X-API-Key": "guess"})
    assert wrong.status_code == 401


def test_repeated_values_in_another_order_are_another_question(populated: TestClient) -> None:
    """`speaker=A&speaker=B` and `speaker=B&speaker=A` were one cached answer. A repeated
    parameter is now refused, whichever order its values come in; and the cache files answers
    by parameter name with repeated values in the order sent, never sorted together."""
    ids = [e["id"] for e in populated.get("/entities", params={"type": "person"}).json()["data"]]
    first, second = ids[:2]
    for query in (f"speaker={first}&speaker={second}", f"speaker={second}&speaker={first}"):
        error = assert_error(populated.get(f"/claims?{query}"), 422, "invalid_request")
        assert "speaker given more than once" in error["message"]
    request = populated.build_request("GET", f"/claims?speaker={first}&limit=5&speaker={second}")
    key = answer_key(Request({"type": "http", **_scope(request)}))
    assert key[1] == (("limit", "5"), ("speaker", first), ("speaker", second))


def _scope(request: object) -> dict[str, object]:
    url = request.url  # type: ignore[attr-defined]
    return {"path": url.path, "query_string": url.query, "headers": []}
