"""GET /merges and DELETE /merges/{id} (undo)."""

from __future__ import annotations

from tests.app.support import TestClient, assert_error, assert_page


def test_list_merges(populated: TestClient) -> None:
    response = populated.get("/merges")
    assert response.status_code == 200
    assert_page(response.json())


def test_merges_are_paginated(populated: TestClient) -> None:
    assert_error(populated.get("/merges?limit=0"), 422, "invalid_request")
    assert_page(populated.get("/merges?limit=1&offset=0").json())


def test_undo_unknown_merge_is_404(populated: TestClient) -> None:
    assert_error(populated.delete("/merges/no-such-merge"), 404, "not_found")
