"""Usable by everyone: every view passes axe-core (vendored for the tests only) with no serious or
critical violation at desktop and phone sizes and fits a phone's width; the keyboard reaches
everything with a visible focus; and the page asks for nothing outside its own server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.explorer.chromium import DESKTOP, PHONE
from tests.explorer.conftest import READ_KEY, Browsing, Server, browse

pytestmark = pytest.mark.model

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
ENTITY = "person:helen-marsh"


def _views(server: Server) -> list[str]:
    claim = server.api().get("/claims", params={"speaker": ENTITY, "limit": 1}).json()["data"][0]
    return [
        "/",
        "/search?q=Marsh",
        f"/entity/{ENTITY}",
        "/claims",
        f"/claims?speaker={ENTITY}&cue_class=warn",
        f"/read/{claim['article_id']}?claim={claim['id']}",
        f"/graph/{ENTITY}",
        "/articles",
        "/merges",
    ]


@pytest.fixture(params=[DESKTOP, PHONE], ids=["1280x800", "390x844"])
def audited(request: pytest.FixtureRequest, browser: Any, server: Server) -> Iterator[Browsing]:
    # axe is injected as a script, which the page's own policy (script-src 'self') refuses:
    # the audit's browser context alone bypasses it.
    yield from browse(browser, server, viewport=request.param, bypass_csp=True)


def _violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
          const result = await axe.run(document);
          return result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} (${v.impact}): ` +
                      v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
        }"""
    )
    return list(found)


def test_every_view_passes_axe_and_fits_the_screen(audited: Browsing) -> None:
    page = audited.open("/")
    problems: list[str] = []
    for view in _views(audited.server):
        audited.go(view)
        problems += [f"{view}: {v}" for v in _violations(page)]
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 1:
            problems.append(f"{view}: {overflow}px wider than the screen")
        if view.startswith("/graph/"):
            page.click("button[aria-controls=graph-list]")  # the list view too
            problems += [f"{view} (list): {v}" for v in _violations(page)]
    assert not problems, "\n".join(problems)


def test_the_key_dialog_passes_axe_and_asks_once(browser: Any, keyed_server: Server) -> None:
    for browsing in browse(browser, keyed_server, bypass_csp=True):
        browsing.watch.allowed_statuses.add(401)
        page = browsing.page
        page.goto(f"{keyed_server.url}/#/")  # the start page reads two lists at once
        page.locator("#key-dialog").wait_for(state="visible")
        assert _violations(page) == []
        assert page.evaluate("document.activeElement.id") == "key-input"
        page.fill("#key-input", READ_KEY)
        page.keyboard.press("Enter")  # one answer for all of them
        browsing.wait_ready()
        assert page.locator("h1").inner_text() == "Who said what, to whom, about whom"
        assert page.locator("section[aria-labelledby=home-articles] li").count() == 8
        assert page.locator("#key-dialog").is_hidden()


def _focus(page: Any) -> dict[str, str]:
    focused: dict[str, str] = page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
                   return {tag: e.tagName, outline: s.outlineStyle, width: s.outlineWidth,
                           cls: e.className, text: (e.innerText || e.id || '').slice(0, 60)}; }"""
    )
    return focused


def test_the_keyboard_reaches_everything_with_a_visible_focus(browsing: Browsing) -> None:
    page = browsing.open("/")
    page.keyboard.press("Tab")
    first = _focus(page)
    assert first["cls"] == "skip" and first["outline"] != "none" and first["width"] != "0px"
    page.keyboard.press("Enter")  # skip to content
    assert page.evaluate("document.activeElement.id") == "main"
    # From the search box to the entity page, then every link and button shows its focus.
    page.focus("#search-input")
    page.keyboard.type("Helen")
    page.locator("#search-suggestions [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")  # back to the first: the entity
    active = page.get_attribute("#search-input", "aria-activedescendant")
    assert active and page.get_attribute(f"#{active}", "aria-selected") == "true"
    with browsing.navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "H1"
    seen = 0
    for _ in range(25):
        page.keyboard.press("Tab")
        focus = _focus(page)
        if focus["tag"] in {"A", "BUTTON", "INPUT", "SELECT"}:
            assert focus["outline"] != "none", focus
            seen += 1
    assert seen == 25


def test_the_page_requests_nothing_outside_the_server(browsing: Browsing) -> None:
    """Every view, the graph's WebGL included: each request the page made went to the server
    (any other is refused by the route guard and fails the test in the fixture too)."""
    page = browsing.open("/")
    for view in _views(browsing.server):
        browsing.go(view)
    browsing.go(f"/graph/{ENTITY}")
    page.click("button[aria-controls=graph-list]")
    requests = browsing.watch.requests
    assert len(requests) > 20
    outside = [url for url in requests if not url.startswith(browsing.server.url + "/")]
    assert outside == []
    assert any(url.endswith("/explorer/vendor/graph.js") for url in requests)
