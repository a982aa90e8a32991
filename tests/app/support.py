"""Test support: the test client, and assertions on the API's error and list shapes."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

# Starlette now prefers the `httpx2` fork for its test client and warns when it finds `httpx`;
# either works for these tests, so the warning must not fail them (warnings are errors here).
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

MakeClient = Callable[..., TestClient]


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The response is an error in the API's one shape; returns its `error` object."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error: dict[str, Any] = body["error"]
    assert isinstance(error["message"], str) and error["message"]
    if code is not None:
        assert error["code"] == code
    return error


def assert_page(body: dict[str, Any], *, count: int | None = None) -> list[dict[str, Any]]:
    """`body` is a `{"data": [...], "count": n}` page; returns its data."""
    assert set(body) == {"data", "count"}
    assert isinstance(body["data"], list)
    assert body["count"] >= len(body["data"])
    if count is not None:
        assert body["count"] == count
    data: list[dict[str, Any]] = body["data"]
    return data


def run_cli(capsys: Any, *argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; it must never print a traceback."""
    from claimgraph.app.cli import main

    status = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.out, captured.err
