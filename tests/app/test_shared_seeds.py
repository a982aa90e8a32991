"""The five real seed articles through the real API: who talked about the Taliban, and
Gavin Williamson as one person across two articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.support import TestClient

SHARED_SEEDS = sorted((Path(__file__).resolve().parents[3] / "shared" / "seeds").glob("0*.txt"))

pytestmark = pytest.mark.skipif(len(SHARED_SEEDS) != 5, reason="../shared/seeds not present")


@pytest.fixture
def seeded(client: TestClient) -> TestClient:
    batch = [{"text": p.read_text("utf-8"), "source": str(p)} for p in SHARED_SEEDS]
    response = client.post("/articles", json={"articles": batch})
    assert response.status_code in (200, 201), response.text
    assert client.get("/articles").json()["count"] == 5
    return client


def test_claims_about_the_taliban_are_attributed(seeded):
    body = seeded.get("/claims", params={"about": "Taliban", "limit": 200}).json()
    assert body["count"] >= 5
    attributed = [c for c in body["data"] if c["speaker"] is not None]
    assert len(attributed) >= 5
    for claim in body["data"]:
        assert any(ref["id"] == "org:taliban" for ref in claim["about"])
        article = seeded.get(f"/articles/{claim['article_id']}").json()
        assert article["text"][claim["start_char"] : claim["end_char"]] == claim["text"]


def test_williamson_is_one_person_speaking_in_two_articles(seeded):
    people = seeded.get("/entities", params={"q": "Williamson"}).json()["data"]
    williamsons = [e for e in people if e["type"] == "person"]
    assert [e["id"] for e in williamsons] == ["person:gavin-williamson"]
    said = seeded.get("/entities/person:gavin-williamson/said", params={"limit": 100}).json()
    assert len({claim["article_id"] for claim in said["data"]}) == 2


def test_reingesting_changes_nothing(seeded):
    before = seeded.get("/health").json()
    batch = [{"text": p.read_text("utf-8"), "source": str(p)} for p in SHARED_SEEDS]
    again = seeded.post("/articles", json={"articles": batch})
    assert again.status_code in (200, 201)
    assert seeded.get("/health").json() == before
