"""GET /merges and DELETE /merges/{id} (undo)."""

from __future__ import annotations

import pytest

from claimgraph.extract.schema import Article, article_id
from tests.app.samples import SIR_GAVIN, TALIBAN, WILLIAMSON, claim, entity, ref, titled_article
from tests.app.support import MakeClient, TestClient, assert_error, assert_page


@pytest.fixture
def merged(populated: TestClient) -> TestClient:
    """The sample store plus an article naming "Sir Gavin Williamson", merged into Williamson."""
    populated.app.state.graph.ingest(titled_article())  # type: ignore[attr-defined]
    return populated


def said_by_williamson(client: TestClient) -> int:
    count: int = client.get(f"/entities/{WILLIAMSON.id}/said").json()["count"]
    return count


def test_list_merges(merged: TestClient) -> None:
    [merge] = assert_page(merged.get("/merges").json(), count=1)
    assert merge["kept"] == WILLIAMSON.model_dump()
    assert merge["merged"] == SIR_GAVIN.model_dump()
    assert merge["active"] is True
    assert merge["reason"]
    assert said_by_williamson(merged) == 3


def test_undo_a_merge(merged: TestClient) -> None:
    [merge] = merged.get("/merges").json()["data"]
    response = merged.delete(f"/merges/{merge['id']}")
    assert response.status_code == 200, response.text
    assert response.json()["id"] == merge["id"]
    assert response.json()["active"] is False
    assert said_by_williamson(merged) == 2
    assert merged.get(f"/entities/{SIR_GAVIN.id}/said").json()["count"] == 1
    [listed] = merged.get("/merges").json()["data"]
    assert listed["active"] is False, "an undone merge stays listed"


def test_merges_are_paginated(merged: TestClient) -> None:
    assert_error(merged.get("/merges?limit=0"), 422, "invalid_request")
    assert assert_page(merged.get("/merges?offset=1").json(), count=1) == []


def test_no_merges(populated: TestClient) -> None:
    assert assert_page(populated.get("/merges").json(), count=0) == []


def test_undo_unknown_merge_is_404(populated: TestClient) -> None:
    error = assert_error(populated.delete("/merges/m-000000000000"), 404, "not_found")
    assert "m-000000000000" in error["message"]


def _lone_surname_article() -> Article:
    """Names only "Williamson": the graph proposes him, never merges him."""
    text = "Williamson said the Taliban had changed."
    lone = ref("person", "Williamson")
    return Article(
        id=article_id(text),
        source="tests/lone.txt",
        text=text,
        entities=[entity(text, lone), entity(text, TALIBAN)],
        claims=[
            claim(
                text,
                "the Taliban had changed",
                speaker=lone,
                speaker_text="Williamson",
                cue="said",
                kind="indirect",
                about=(TALIBAN,),
            )
        ],
    )


@pytest.fixture
def proposed(populated: TestClient) -> tuple[TestClient, dict[str, object]]:
    populated.app.state.graph.ingest(_lone_surname_article())  # type: ignore[attr-defined]
    [proposal] = assert_page(populated.get("/merges", params={"status": "proposed"}).json())
    return populated, proposal


def test_a_lone_surname_is_listed_as_a_proposal_with_its_evidence(
    proposed: tuple[TestClient, dict[str, object]],
) -> None:
    client, proposal = proposed
    assert proposal["status"] == "proposed" and proposal["active"] is False
    assert proposal["kept"]["id"] == WILLIAMSON.id  # type: ignore[index]
    assert proposal["evidence"][0] == (  # type: ignore[index]
        "'Williamson' is only a surname, that of 'Gavin Williamson'"
    )
    assert 0 < proposal["score"] < 1  # type: ignore[operator]
    assert assert_page(client.get("/merges", params={"status": "applied"}).json()) == []
    assert said_by_williamson(client) == 2  # nothing merged
    assert client.get("/health").json()["counts"]["proposals"] == 1


def test_accept_then_undo_a_proposal(proposed: tuple[TestClient, dict[str, object]]) -> None:
    client, proposal = proposed
    accepted = client.post(f"/merges/{proposal['id']}/accept", json={"by": "alice"})
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "applied" and accepted.json()["decided_by"] == "alice"
    assert said_by_williamson(client) == 3
    undone = client.delete(f"/merges/{proposal['id']}", params={"by": "alice"})
    assert undone.json()["status"] == "undone"
    assert said_by_williamson(client) == 2


def test_reject_a_proposal(proposed: tuple[TestClient, dict[str, object]]) -> None:
    client, proposal = proposed
    rejected = client.post(f"/merges/{proposal['id']}/reject")
    assert rejected.status_code == 200
    assert (rejected.json()["status"], rejected.json()["decided_by"]) == ("rejected", "api")
    assert assert_page(client.get("/merges", params={"status": "proposed"}).json()) == []


def test_merge_by_hand(proposed: tuple[TestClient, dict[str, object]]) -> None:
    client, proposal = proposed
    lone = proposal["merged"]["id"]  # type: ignore[index]
    made = client.post(
        "/merges", json={"keep": WILLIAMSON.id, "merge": lone, "by": "carol", "note": "same man"}
    )
    assert made.status_code == 201, made.text
    assert (made.json()["reason"], made.json()["status"]) == ("same man", "applied")
    assert client.get(f"/entities/{lone}").json()["id"] == WILLIAMSON.id
    assert_error(client.post("/merges", json={"keep": WILLIAMSON.id, "merge": TALIBAN.id}), 422)
    assert_error(client.post("/merges", json={"keep": WILLIAMSON.id, "merge": "Nobody"}), 404)
    assert_error(client.post("/merges", json={"keep": WILLIAMSON.id}), 422)


def test_decisions_need_the_write_key(make_client: MakeClient) -> None:
    client = make_client(api_key="secret")
    assert client.post("/merges/m-x/accept").status_code == 401
    assert client.post("/merges", json={"keep": "a", "merge": "b"}).status_code == 401
    response = client.post("/merges/m-x/accept", headers={"X-API-Key": "secret"})
    assert_error(response, 404)


def test_an_unknown_status_is_refused(populated: TestClient) -> None:
    assert_error(populated.get("/merges", params={"status": "maybe"}), 422)


def test_split_an_entity_and_undo_it(merged: TestClient) -> None:
    """Sir Gavin (the titled article) is merged into Williamson; a person says he is not."""
    titled = titled_article().id
    before = said_by_williamson(merged)
    response = merged.post(
        f"/entities/{WILLIAMSON.id}/split", json={"articles": [titled], "by": "frank"}
    )
    assert response.status_code == 201, response.text
    split = response.json()
    assert (split["entity"]["id"], split["articles"], split["decided_by"]) == (
        WILLIAMSON.id,
        [titled],
        "frank",
    )
    assert said_by_williamson(merged) == before - 1
    new = split["new"]["id"]
    assert merged.get(f"/entities/{new}/said").json()["count"] == 1
    assert [s["id"] for s in assert_page(merged.get("/splits").json())] == [split["id"]]
    undone = merged.delete(f"/splits/{split['id']}")
    assert undone.status_code == 200 and undone.json()["active"] is False
    assert said_by_williamson(merged) == before
    assert_error(merged.delete("/splits/s-nope"), 404)
    assert_error(merged.post(f"/entities/{WILLIAMSON.id}/split", json={"articles": []}), 422)
    assert_error(
        merged.post(f"/entities/{WILLIAMSON.id}/split", json={"articles": ["a-nowhere"]}), 422
    )
