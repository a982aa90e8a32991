"""GET /paths?from=&to=: how two entities are connected."""

from __future__ import annotations

import pytest

from tests.app.samples import GARDNER, KABUL_AIRPORT
from tests.app.support import TestClient, assert_error, assert_page


def test_paths_between_two_entities(populated: TestClient) -> None:
    params = {"from": GARDNER.id, "to": KABUL_AIRPORT.id}
    response = populated.get("/paths", params=params)
    assert response.status_code == 200, response.text
    paths = assert_page(response.json())
    assert paths, "Gardner and Kabul Airport are linked through Williamson's claims"
    assert len(paths) <= 10


def test_limit_and_max_length(populated: TestClient) -> None:
    params = {"from": GARDNER.id, "to": KABUL_AIRPORT.id, "limit": 1, "max_length": 6}
    assert len(assert_page(populated.get("/paths", params=params).json())) == 1
    params = {"from": GARDNER.id, "to": KABUL_AIRPORT.id, "max_length": 1}
    assert assert_page(populated.get("/paths", params=params).json()) == []


@pytest.mark.parametrize(
    "query",
    [
        f"to={KABUL_AIRPORT.id}",
        f"from={GARDNER.id}",
        f"from={GARDNER.id}&to={KABUL_AIRPORT.id}&max_length=0",
        f"from={GARDNER.id}&to={KABUL_AIRPORT.id}&max_length=7",
        f"from={GARDNER.id}&to={KABUL_AIRPORT.id}&limit=101",
    ],
)
def test_bad_parameters_are_422(populated: TestClient, query: str) -> None:
    assert_error(populated.get(f"/paths?{query}"), 422, "invalid_request")


def test_unknown_entity_is_404(populated: TestClient) -> None:
    response = populated.get("/paths", params={"from": GARDNER.id, "to": "place:atlantis"})
    assert_error(response, 404, "not_found")
