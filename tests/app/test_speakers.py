"""GET /speakers?about=: who talked about an entity, with counts."""

from __future__ import annotations

from tests.app.samples import GARDNER, ISIS_K, KABUL_AIRPORT, TALIBAN, WILLIAMSON
from tests.app.support import TestClient, assert_error, assert_page


def test_speakers_about_an_entity(populated: TestClient) -> None:
    speakers = assert_page(populated.get("/speakers", params={"about": ISIS_K.id}).json(), count=2)
    assert {(s["entity"]["id"], s["claims"]) for s in speakers} == {
        (GARDNER.id, 1),
        (WILLIAMSON.id, 1),
    }


def test_most_claims_first(populated: TestClient) -> None:
    speakers = assert_page(populated.get(f"/speakers?about={TALIBAN.id}").json())
    assert speakers[0] == {"entity": WILLIAMSON.model_dump(), "claims": 2}
    around_airport = assert_page(populated.get(f"/speakers?about={KABUL_AIRPORT.id}").json())
    assert {s["entity"]["id"] for s in around_airport} == {WILLIAMSON.id, TALIBAN.id}


def test_about_by_name(populated: TestClient) -> None:
    by_name = populated.get("/speakers", params={"about": "ISIS-K"}).json()
    assert by_name == populated.get("/speakers", params={"about": ISIS_K.id}).json()


def test_about_is_required(populated: TestClient) -> None:
    error = assert_error(populated.get("/speakers"), 422, "invalid_request")
    assert "about" in error["message"]


def test_unknown_entity_is_404(populated: TestClient) -> None:
    assert_error(populated.get("/speakers?about=person:nobody"), 404, "not_found")
