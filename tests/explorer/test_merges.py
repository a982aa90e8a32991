"""Merge review in a real browser: a hand merge undone from the page, and the keys a server
asks for (read and write), kept for the tab only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.explorer.conftest import READ_KEY, WRITE_KEY, Browsing, Server, browse

pytestmark = pytest.mark.model

KEEP, MERGE = "person:helen-marsh", "person:tom-okafor"


@pytest.fixture
def fresh(browser: Any, fresh_server: Server) -> Iterator[Browsing]:
    yield from browse(browser, fresh_server)


@pytest.fixture
def keyed(browser: Any, keyed_server: Server) -> Iterator[Browsing]:
    yield from browse(browser, keyed_server)


def _merge_by_hand(server: Server, key: str | None = None) -> dict[str, Any]:
    made = server.api(key).post("/merges", json={"keep": KEEP, "merge": MERGE, "note": "test"})
    assert made.status_code == 201, made.text
    merge: dict[str, Any] = made.json()
    return merge


def test_a_merge_is_undone_from_the_page(fresh: Browsing) -> None:
    merge = _merge_by_hand(fresh.server)
    api = fresh.server.api()
    assert api.get(f"/entities/{MERGE}").json()["id"] == KEEP  # one entity now
    page = fresh.open("/merges?status=applied")
    row = page.locator(f"tr[data-merge='{merge['id']}']")
    assert row.get_attribute("data-status") == "applied"
    assert merge["reason"] in row.inner_text()
    with fresh.navigation():
        row.get_by_role("button", name="Undo").click()
    page.locator("#status", has_text="Undo: done").wait_for()
    statuses = {m["id"]: m["status"] for m in api.get("/merges").json()["data"]}
    assert statuses[merge["id"]] == "undone"
    assert api.get(f"/entities/{MERGE}").json()["id"] == MERGE  # apart again
    fresh.go("/merges?status=undone")
    row = page.locator(f"tr[data-merge='{merge['id']}']")
    assert row.get_attribute("data-status") == "undone"
    # Applied again (POST /merges/{id}/accept), from the same page.
    with fresh.navigation():
        row.get_by_role("button", name="Apply again").click()
    statuses = {m["id"]: m["status"] for m in api.get("/merges").json()["data"]}
    assert statuses[merge["id"]] == "applied"
    assert api.get(f"/entities/{MERGE}").json()["id"] == KEEP


def test_a_hand_merge_from_the_page(fresh: Browsing) -> None:
    page = fresh.open("/merges")
    page.fill("#hand-merge input[name=keep]", "Helen Marsh")
    page.fill("#hand-merge input[name=merge]", "Tom Okafor")
    page.fill("#hand-merge input[name=note]", "same person")
    with fresh.navigation():
        page.click("#hand-merge button[type=submit]")
    merges = fresh.server.api().get("/merges", params={"status": "applied"}).json()["data"]
    assert [(m["kept"]["id"], m["merged"]["id"], m["decided_by"]) for m in merges] == [
        (KEEP, MERGE, "explorer")
    ]
    assert page.locator(f"tr[data-merge='{merges[0]['id']}']").count() == 1


def test_the_page_asks_for_the_read_key_then_the_write_key(keyed: Browsing) -> None:
    keyed.watch.allowed_statuses.add(401)
    merge = _merge_by_hand(keyed.server, WRITE_KEY)
    page = keyed.page
    page.goto(f"{keyed.server.url}/#/merges")
    dialog = page.locator("#key-dialog")
    dialog.wait_for(state="visible")
    assert "needs a key to read" in dialog.inner_text()
    page.fill("#key-input", READ_KEY)
    page.keyboard.press("Enter")
    keyed.wait_ready()
    row = page.locator(f"tr[data-merge='{merge['id']}']")
    assert row.get_attribute("data-status") == "applied"
    # The read key cannot write: the page asks for the write key and goes on with it.
    row.get_by_role("button", name="Undo").click()
    dialog.wait_for(state="visible")
    assert "needs the server's write key" in dialog.inner_text()
    page.fill("#key-input", WRITE_KEY)
    with keyed.navigation():
        page.click("#key-dialog button[value=ok]")
    statuses = {
        m["id"]: m["status"] for m in keyed.server.api(WRITE_KEY).get("/merges").json()["data"]
    }
    assert statuses[merge["id"]] == "undone"
    # Kept for this tab only: session storage, never local storage or a cookie.
    assert page.evaluate("sessionStorage.getItem('claimgraph.apiKey')") == WRITE_KEY
    assert page.evaluate("localStorage.length") == 0
    assert page.context.cookies() == []
    other = page.context.new_page()
    other.goto(f"{keyed.server.url}/#/merges")
    other.locator("#key-dialog").wait_for(state="visible")  # a new tab asks again
    other.close()


PROPOSING = [  # the library's own example (graph/service.py): "Park" is only a surname
    (
        "Bridge to reopen",
        "2024-02-27",
        "Mayor Ada Park said the Riverton bridge would reopen in May.",
    ),
    (
        "Engineer warns",
        "2024-03-02",
        'Engineer Tom Reyes told the Riverton Gazette: "The bridge is not safe." '
        "Reyes said Mayor Ada Park had ignored his report on the bridge.",
    ),
    ("Council row", "2024-03-04", "Park said the report had never reached her office."),
]


def test_a_proposal_is_rejected_then_accepted_from_the_page(fresh: Browsing) -> None:
    api = fresh.server.api()
    for title, published, text in PROPOSING:
        source = f"https://gazette.example/{published}/{title.lower().replace(' ', '-')}"
        posted = api.post(
            "/articles",
            json={"text": text, "title": title, "published": published, "source": source},
        )
        assert posted.status_code == 201, posted.text
    (proposal,) = api.get("/merges", params={"status": "proposed"}).json()["data"]
    page = fresh.open("/merges?status=proposed")
    row = page.locator(f"tr[data-merge='{proposal['id']}']")
    for fact in proposal["evidence"]:
        assert fact in row.inner_text()
    with fresh.navigation():
        row.get_by_role("button", name="Reject").click()
    statuses = {m["id"]: m["status"] for m in api.get("/merges").json()["data"]}
    assert statuses[proposal["id"]] == "rejected"
    fresh.go("/merges?status=rejected")
    with fresh.navigation():
        page.locator(f"tr[data-merge='{proposal['id']}']").get_by_role(
            "button", name="Apply again"
        ).click()
    statuses = {m["id"]: m["status"] for m in api.get("/merges").json()["data"]}
    assert statuses[proposal["id"]] == "applied"
