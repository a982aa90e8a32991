"""POST/GET/DELETE /articles, through the real app and (for POST) the real pipeline."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.app.samples import kabul_article
from tests.app.support import MakeClient, TestClient, assert_error, assert_page

ARTICLE = (
    "Defence Secretary Gavin Williamson told Sky News the Taliban could not be trusted.\n\n"
    '"We will not let them decide who leaves Kabul Airport," Mr Williamson said.\n\n'
    "According to Frank Gardner, the group has carried out 24 attacks in Kabul this year."
)
OTHER_ARTICLE = (
    "Johnson: Britain is not going anywhere\n\n"
    "Prime Minister Boris Johnson said on Tuesday that Britain would keep working with the "
    'United States.\n\n"We are not going anywhere," he told reporters in London.'
)


@pytest.mark.model
def test_post_one_article_extracts_and_stores_it(client: TestClient) -> None:
    response = client.post("/articles", json={"text": ARTICLE, "source": "kabul.txt"})
    assert response.status_code == 201, response.text
    [result] = assert_page(response.json(), count=1)
    assert result["status"] == "created"
    assert result["entities"] > 0 and result["claims"] > 0

    article = client.get(f"/articles/{result['article_id']}").json()
    assert article["id"] == result["article_id"]
    assert article["source"] == "kabul.txt"
    assert len(article["claims"]) == result["claims"]
    for claim in article["claims"]:
        assert article["text"][claim["start_char"] : claim["end_char"]] == claim["text"]


@pytest.mark.model
def test_posting_the_same_text_again_changes_nothing(client: TestClient) -> None:
    first = client.post("/articles", json={"text": ARTICLE})
    again = client.post("/articles", json={"text": ARTICLE})
    assert first.status_code == 201
    assert again.status_code == 200
    [result] = assert_page(again.json())
    assert result["status"] == "unchanged"
    assert result["article_id"] == first.json()["data"][0]["article_id"]
    assert client.get("/articles").json()["count"] == 1


@pytest.mark.model
def test_post_a_batch(client: TestClient) -> None:
    batch = {"articles": [{"text": ARTICLE}, {"text": OTHER_ARTICLE, "title": "Johnson"}]}
    response = client.post("/articles", json=batch)
    assert response.status_code == 201, response.text
    results = assert_page(response.json(), count=2)
    assert [r["status"] for r in results] == ["created", "created"]
    assert results[1]["title"] == "Johnson"
    assert client.get("/articles").json()["count"] == 2


@pytest.mark.model
def test_post_html(client: TestClient) -> None:
    html = f"<html><body><article><h1>Kabul</h1><p>{ARTICLE}</p></article></body></html>"
    response = client.post("/articles", json={"text": html, "format": "html"})
    assert response.status_code == 201, response.text
    article_id = response.json()["data"][0]["article_id"]
    assert "<p>" not in client.get(f"/articles/{article_id}").json()["text"]


@pytest.mark.model
def test_text_with_nothing_to_extract_is_422(client: TestClient) -> None:
    response = client.post("/articles", json={"text": "   \n\n  "})
    assert_error(response, 422)
    assert client.get("/articles").json()["count"] == 0


@pytest.mark.model
def test_a_batch_with_one_bad_article_stores_nothing(client: TestClient) -> None:
    batch = {"articles": [{"text": ARTICLE}, {"text": " \n "}]}
    error = assert_error(client.post("/articles", json=batch), 422, "extraction_failed")
    assert "articles[1]" in error["message"]
    assert client.get("/articles").json()["count"] == 0


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": ARTICLE, "format": "pdf"}, "format"),
        ({"text": ARTICLE, "colour": "red"}, "colour"),
        ({"articles": []}, "articles"),
        ({"articles": [{"title": "no text"}]}, "text"),
        ([ARTICLE], ""),
    ],
)
def test_invalid_bodies_are_422(client: TestClient, body: object, where: str) -> None:
    error = assert_error(client.post("/articles", json=body), 422, "invalid_request")
    assert where in error["message"]
    assert error["details"]


def test_a_body_that_is_not_json_is_422(client: TestClient) -> None:
    response = client.post(
        "/articles", content=b"{not json", headers={"content-type": "application/json"}
    )
    error = assert_error(response, 422, "invalid_request")
    assert "JSON" in error["message"]


def test_a_batch_over_the_limit_is_413(make_client: MakeClient) -> None:
    client = make_client(max_batch=2)
    batch = {"articles": [{"text": f"Article {n}."} for n in range(3)]}
    error = assert_error(client.post("/articles", json=batch), 413, "batch_too_large")
    assert "2" in error["message"]


def test_a_body_over_the_limit_is_413(make_client: MakeClient) -> None:
    client = make_client(max_body_bytes=1000)
    response = client.post("/articles", json={"text": "x" * 2000})
    assert_error(response, 413, "content_too_large")


def test_a_streamed_body_over_the_limit_is_413(make_client: MakeClient) -> None:
    """Without a Content-Length the body is counted as it arrives."""
    client = make_client(max_body_bytes=1000)

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(20):
            yield b"x" * 100
        yield b'"}'

    response = client.post(
        "/articles", content=chunks(), headers={"content-type": "application/json"}
    )
    assert "content-length" not in response.request.headers
    assert_error(response, 413, "content_too_large")


def test_list_articles_is_paginated(populated: TestClient) -> None:
    summaries = assert_page(populated.get("/articles").json(), count=2)
    assert {s["title"] for s in summaries} == {"Kabul Airport", "ISIS-K"}
    first = assert_page(populated.get("/articles?limit=1").json(), count=2)
    second = assert_page(populated.get("/articles?limit=1&offset=1").json(), count=2)
    assert len(first) == len(second) == 1
    assert first[0]["id"] != second[0]["id"]
    assert assert_page(populated.get("/articles?offset=5").json(), count=2) == []


def test_get_article_returns_entities_and_claims(populated: TestClient) -> None:
    stored = kabul_article()
    article = populated.get(f"/articles/{stored.id}").json()
    assert article["text"] == stored.text
    assert {e["id"] for e in article["entities"]} == {e.id for e in stored.entities}
    assert {c["id"] for c in article["claims"]} == {c.id for c in stored.claims}


def test_unknown_article_is_404(client: TestClient) -> None:
    assert_error(client.get("/articles/a-0000000000000000"), 404, "not_found")
    assert_error(client.delete("/articles/a-0000000000000000"), 404, "not_found")


def test_delete_article(populated: TestClient) -> None:
    article_id = kabul_article().id
    response = populated.delete(f"/articles/{article_id}")
    assert response.status_code == 204
    assert response.content == b""
    assert_error(populated.get(f"/articles/{article_id}"), 404)
    assert populated.get("/articles").json()["count"] == 1
