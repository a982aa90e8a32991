"""GET /claims: who said what, to whom, about whom."""

from __future__ import annotations

import pytest

from tests.app.samples import GARDNER, ISIS_K, SKY_NEWS, TALIBAN, WILLIAMSON, kabul_article
from tests.app.support import TestClient, assert_error, assert_page


def claims(client: TestClient, **params: str | int) -> list[dict[str, object]]:
    response = client.get("/claims", params=params)
    assert response.status_code == 200, response.text
    return assert_page(response.json())


def test_all_claims_carry_their_article(populated: TestClient) -> None:
    every = claims(populated)
    assert len(every) == 5
    assert all(str(c["article_id"]).startswith("a-") for c in every)


def test_unattributed_claims_keep_their_speaker_text(populated: TestClient) -> None:
    [claim] = [c for c in claims(populated) if c["speaker"] is None]
    assert claim["speaker_text"] == "Officials"


def test_by_speaker_id_or_name(populated: TestClient) -> None:
    by_id = claims(populated, speaker=WILLIAMSON.id)
    by_name = claims(populated, speaker="Gavin Williamson")
    assert len(by_id) == 2
    assert {c["id"] for c in by_id} == {c["id"] for c in by_name}


def test_by_speaker_and_about(populated: TestClient) -> None:
    [claim] = claims(populated, speaker=WILLIAMSON.id, about=ISIS_K.id)
    assert claim["cue"] == "warned"
    assert {a["id"] for a in claim["about"]} >= {ISIS_K.id}


def test_about(populated: TestClient) -> None:
    about_taliban = claims(populated, about=TALIBAN.id)
    assert {c["speaker"]["id"] for c in about_taliban} == {WILLIAMSON.id}  # type: ignore[index]
    assert len(about_taliban) == 2


def test_addressee(populated: TestClient) -> None:
    [claim] = claims(populated, addressee=SKY_NEWS.id)
    assert claim["addressee"] == SKY_NEWS.model_dump()


def test_article_kind_and_text(populated: TestClient) -> None:
    assert len(claims(populated, article=kabul_article().id)) == 3
    [mixed] = claims(populated, kind="mixed")
    assert mixed["speaker"]["id"] == GARDNER.id  # type: ignore[index]
    [ruthless] = claims(populated, q="ruthless")
    assert ruthless["id"] == mixed["id"]


def test_pagination(populated: TestClient) -> None:
    first = assert_page(populated.get("/claims?limit=2").json(), count=5)
    last = assert_page(populated.get("/claims?limit=2&offset=4").json(), count=5)
    assert len(first) == 2 and len(last) == 1


@pytest.mark.parametrize("query", ["kind=rumour", "limit=5000", "offset=-3", "speaker="])
def test_bad_parameters_are_422(populated: TestClient, query: str) -> None:
    assert_error(populated.get(f"/claims?{query}"), 422, "invalid_request")
