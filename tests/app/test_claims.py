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


def test_each_claim_cites_its_article_and_sentence(populated: TestClient) -> None:
    [claim] = claims(populated, speaker=WILLIAMSON.id, about=ISIS_K.id)
    article = claim["article"]
    assert isinstance(article, dict)
    assert article["id"] == claim["article_id"]
    assert set(article) == {"id", "title", "source", "published", "outlet"}
    assert article["title"]
    published = {c["article"]["published"] for c in claims(populated)}  # type: ignore[index]
    assert published == {"2021-08-26", None}


def test_filters_by_date_cue_class_and_outlet(populated: TestClient) -> None:
    every = claims(populated)
    dated = claims(populated, since="2021-08")
    assert 0 < len(dated) < len(every)
    assert claims(populated, since="2021-08-26", until="2021-08-26") == dated
    assert claims(populated, until="2021-08-25") == []
    warned = claims(populated, cue_class="warn")
    assert warned and all(c["cue_class"] == "warn" for c in warned)
    assert claims(populated, outlet="nowhere.example") == []
    response = populated.get("/claims", params={"since": "2021-02-30"})
    assert_error(response, 422)
    response = populated.get("/claims", params={"published_after": "2021-08-01"})
    assert_error(response, 422)
    assert "published_after" in response.json()["error"]["message"]


def test_claims_as_csv_by_format_or_accept(populated: TestClient) -> None:
    import csv
    import io

    by_format = populated.get("/claims", params={"speaker": WILLIAMSON.id, "format": "csv"})
    assert by_format.status_code == 200
    assert by_format.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(by_format.text)))
    assert [row["speaker_id"] for row in rows] == [WILLIAMSON.id] * 2
    assert rows[0]["published"] == "2021-08-26"
    by_accept = populated.get(
        "/claims", params={"speaker": WILLIAMSON.id}, headers={"Accept": "text/csv"}
    )
    assert by_accept.text == by_format.text
    # The same question asked for JSON is not answered from the CSV just cached, nor the
    # reverse: the format is part of what is cached.
    as_json = populated.get("/claims", params={"speaker": WILLIAMSON.id})
    assert as_json.headers["content-type"] == "application/json"
    assert len(as_json.json()["data"]) == 2
    again = populated.get(
        "/claims", params={"speaker": WILLIAMSON.id}, headers={"Accept": "text/csv"}
    )
    assert again.text == by_format.text
    json_preferred = populated.get(
        "/claims", headers={"Accept": "text/csv;q=0.5, application/json"}
    )
    assert json_preferred.headers["content-type"] == "application/json"
    assert_error(populated.get("/claims", params={"format": "xml"}), 422)


def test_entity_claims_take_the_same_filters(populated: TestClient) -> None:
    said = populated.get(f"/entities/{WILLIAMSON.id}/said", params={"cue_class": "warn"})
    assert said.status_code == 200
    assert all(c["cue_class"] == "warn" for c in said.json()["data"])
    csv_said = populated.get(f"/entities/{WILLIAMSON.id}/said", params={"format": "csv"})
    assert csv_said.headers["content-type"].startswith("text/csv")


def test_timeline(populated: TestClient) -> None:
    response = populated.get(f"/entities/{WILLIAMSON.id}/timeline", params={"interval": "day"})
    assert response.status_code == 200, response.text
    line = response.json()
    assert line["entity"]["id"] == WILLIAMSON.id and line["role"] == "speaker"
    assert line["claims"] == sum(b["claims"] for b in line["buckets"]) + line["undated"]
    assert [b["period"] for b in line["buckets"]] == ["2021-08-26"]
    about = populated.get(
        f"/entities/{TALIBAN.id}/timeline", params={"role": "about", "interval": "year"}
    ).json()
    assert [b["period"] for b in about["buckets"]] == ["2021"]
    assert_error(
        populated.get(f"/entities/{WILLIAMSON.id}/timeline", params={"interval": "hour"}), 422
    )
    assert_error(populated.get("/entities/person:nobody/timeline"), 404)


def test_speakers_narrowed_by_date(populated: TestClient) -> None:
    every = populated.get("/speakers", params={"about": TALIBAN.id}).json()
    none = populated.get("/speakers", params={"about": TALIBAN.id, "until": "2020"}).json()
    assert every["count"] > 0 and none == {"data": [], "count": 0}
