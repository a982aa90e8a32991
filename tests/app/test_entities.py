"""GET /entities, /entities/{id}, /entities/{id}/said and /entities/{id}/mentioned."""

from __future__ import annotations

import pytest

from tests.app.samples import GARDNER, ISIS_K, KABUL_AIRPORT, TALIBAN, WILLIAMSON
from tests.app.support import TestClient, assert_error, assert_page


def test_list_entities(populated: TestClient) -> None:
    entities = assert_page(populated.get("/entities").json())
    ids = {e["id"] for e in entities}
    assert {WILLIAMSON.id, GARDNER.id, TALIBAN.id, ISIS_K.id, KABUL_AIRPORT.id} <= ids
    assert len(ids) == len(entities), "an entity in two articles is listed once"


def test_filter_by_type(populated: TestClient) -> None:
    people = assert_page(populated.get("/entities?type=person").json())
    assert {e["id"] for e in people} == {WILLIAMSON.id, GARDNER.id}
    places = assert_page(populated.get("/entities", params={"type": "place"}).json())
    assert [e["id"] for e in places] == [KABUL_AIRPORT.id]


def test_search_by_name(populated: TestClient) -> None:
    found = assert_page(populated.get("/entities?q=williamson").json())
    assert WILLIAMSON.id in {e["id"] for e in found}
    assert GARDNER.id not in {e["id"] for e in found}


def test_pagination(populated: TestClient) -> None:
    total = populated.get("/entities").json()["count"]
    first = assert_page(populated.get("/entities?limit=2").json(), count=total)
    rest = assert_page(populated.get("/entities?limit=1000&offset=2").json(), count=total)
    assert len(first) == 2
    assert len(rest) == total - 2
    assert not {e["id"] for e in first} & {e["id"] for e in rest}


@pytest.mark.parametrize(
    "query",
    ["type=planet", "limit=0", "limit=1001", "limit=ten", "offset=-1", "offset=1000000001", "q="],
)
def test_bad_parameters_are_422(populated: TestClient, query: str) -> None:
    error = assert_error(populated.get(f"/entities?{query}"), 422, "invalid_request")
    assert query.split("=")[0] in error["message"]


def test_get_entity(populated: TestClient) -> None:
    entity = populated.get(f"/entities/{WILLIAMSON.id}").json()
    assert entity["id"] == WILLIAMSON.id
    assert entity["name"] == "Gavin Williamson"
    assert entity["type"] == "person"
    assert len(entity["articles"]) == 2


def test_unknown_entity_is_404(populated: TestClient) -> None:
    for path in ("", "/said", "/mentioned"):
        error = assert_error(populated.get(f"/entities/person:nobody{path}"), 404, "not_found")
        assert "nobody" in error["message"]


def test_said(populated: TestClient) -> None:
    claims = assert_page(populated.get(f"/entities/{WILLIAMSON.id}/said").json(), count=2)
    assert {c["speaker"]["id"] for c in claims} == {WILLIAMSON.id}
    assert all(c["article_id"] for c in claims)


def test_mentioned(populated: TestClient) -> None:
    claims = assert_page(populated.get(f"/entities/{KABUL_AIRPORT.id}/mentioned").json())
    assert {c["speaker"]["id"] for c in claims} == {WILLIAMSON.id, TALIBAN.id}
    assert all(KABUL_AIRPORT.id in {a["id"] for a in c["about"]} for c in claims)
    one = assert_page(populated.get(f"/entities/{KABUL_AIRPORT.id}/mentioned?limit=1").json())
    assert len(one) == 1
