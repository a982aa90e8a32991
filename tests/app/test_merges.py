"""GET /merges and DELETE /merges/{id} (undo)."""

from __future__ import annotations

import pytest

from tests.app.samples import SIR_GAVIN, WILLIAMSON, titled_article
from tests.app.support import TestClient, assert_error, assert_page


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
