"""A reader's walk through the explorer in a real browser: search -> entity -> claim -> reader,
then the claims list with its filters and downloads, each checked against the API itself."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest

from tests.explorer.conftest import Browsing

pytestmark = pytest.mark.model

ENTITY = "person:helen-marsh"


def test_search_entity_claim_reader(browsing: Browsing) -> None:
    page = browsing.open("/")
    api = browsing.server.api()
    page.fill("#search-input", "Mars")
    option = page.locator("#search-suggestions [role=option][data-target^='#/entity/']")
    option.first.wait_for()
    assert page.get_attribute("#search-input", "aria-expanded") == "true"
    # Keyboard: down to the entity, Enter opens its page.
    options = page.locator("#search-suggestions [role=option]")
    target = next(i for i in range(options.count()) if "Helen Marsh" in options.nth(i).inner_text())
    for _ in range(target + 1):
        page.keyboard.press("ArrowDown")
    with browsing.navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text().startswith("Helen Marsh")

    entity = api.get(f"/entities/{ENTITY}").json()
    said = api.get(f"/entities/{ENTITY}/timeline", params={"role": "speaker"}).json()
    identity = page.locator("dl.identity").inner_text()
    assert entity["aliases"][0] in identity and entity["roles"][0] in identity
    # Counts per cue class, as the API counts them.
    shown = {
        link.get_attribute("data-cue"): link.inner_text()
        for link in page.locator("section[aria-labelledby=entity-said] .counts a").all()
    }
    assert shown == {cue: f"{cue} {n}" for cue, n in said["cue_classes"].items()}
    speakers = api.get("/speakers", params={"about": ENTITY}).json()
    assert page.locator(".speakers li").count() == len(speakers["data"])
    articles = api.get(f"/entities/{ENTITY}/articles").json()
    listed = page.locator("section[aria-labelledby=entity-articles] li").all_inner_texts()
    assert [a["title"] in text for a, text in zip(articles["data"], listed, strict=True)]

    # The first claim it said opens the reader with exactly the API's words highlighted.
    first = api.get(f"/entities/{ENTITY}/said", params={"limit": 1}).json()["data"][0]
    page.locator(
        "section[aria-labelledby=entity-said] .claim-list a", has_text=first["text"][:30]
    ).first.click()
    browsing.wait_ready()
    current = page.locator("#article-text mark.claim.current")
    assert current.inner_text() == first["text"]
    assert page.evaluate("document.activeElement.classList.contains('current')")
    marks = page.locator("#article-text mark.claim")
    assert marks.count() == max(1, len(first["occurrences"]))
    article = api.get(f"/articles/{first['article_id']}").json()
    assert article["text"][first["start_char"] : first["end_char"]] == current.inner_text()
    # The speaker's mentions and what the claim is about are marked; every claim is listed.
    speaker_spans = page.locator("#article-text .mention-speaker").all_inner_texts()
    assert any(name in "".join(speaker_spans) for name in ("Helen Marsh", "Marsh"))
    assert page.locator("aside .claim-list li").count() == len(article["claims"])
    assert page.locator("aside .claim-list li[aria-current=true]").count() == 1
    citation = page.input_value("#citation")
    for part in (first["text"], "Helen Marsh", article["title"], article["source"]):
        assert part in citation
    assert f"Characters {first['start_char']}–{first['end_char']}" in citation
    page.click("#copy-citation")
    page.locator("#status", has_text="Citation").wait_for()


def test_type_ahead_finds_words_of_claims(browsing: Browsing) -> None:
    page = browsing.open("/")
    page.fill("#search-input", "cowardly")
    option = page.locator("#search-suggestions [role=option]", has_text="cowardly")
    option.first.wait_for()
    with browsing.navigation():
        option.first.dispatch_event("mousedown")
    assert "cowardly" in page.locator("#article-text mark.claim.current").inner_text()
    # Enter with nothing chosen: the full results page.
    page.fill("#search-input", "Riverton")
    page.locator("#search-suggestions [role=option]").first.wait_for()
    page.keyboard.press("Escape")
    with browsing.navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Results for “Riverton”"
    api = browsing.server.api()
    found = api.get("/entities", params={"q": "Riverton", "limit": 50}).json()
    assert page.locator(".search-entities li").count() == len(found["data"])


def _rows(page: Any) -> list[str]:
    return page.locator("table.claims tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.claim)"
    )


def test_claims_list_filters_pages_and_downloads(browsing: Browsing, tmp_path: Path) -> None:
    api = browsing.server.api()
    page = browsing.open("/claims")
    everything = api.get("/claims", params={"limit": 50}).json()
    assert _rows(page) == [c["id"] for c in everything["data"]]
    assert page.locator("#claims-count").inner_text() == f"{everything['count']} claims"
    # Next page.
    with browsing.navigation():
        page.click("nav.pager a[rel=next]")
    second = api.get("/claims", params={"limit": 50, "offset": 50}).json()
    assert _rows(page) == [c["id"] for c in second["data"]]

    # Filters: speaker by name, a cue class, a date range.
    browsing.go("/claims")
    page.fill("input[name=speaker]", "Helen Marsh")
    page.select_option("select[name=kind]", "direct")
    page.fill("input[name=since]", "2024-03-01")
    page.fill("input[name=until]", "2024-03-31")
    with browsing.navigation():
        page.click("#claim-filters button[type=submit]")
    query = {
        "speaker": "Helen Marsh",
        "kind": "direct",
        "since": "2024-03-01",
        "until": "2024-03-31",
    }
    expected = api.get("/claims", params={**query, "limit": 50}).json()
    assert expected["count"] > 0
    assert _rows(page) == [c["id"] for c in expected["data"]]
    assert "kind=direct" in page.url and "speaker=Helen+Marsh" in page.url
    # Each row: speaker, cue, text, article title and date.
    first = expected["data"][0]
    row = page.locator("table.claims tbody tr").first.inner_text()
    for part in ("Helen Marsh", first["cue"], first["text"], first["article"]["title"]):
        assert part in row

    # Downloads: the same list as the API gives it.
    with page.expect_download() as waiting:
        page.click("text=Download CSV")
    saved = tmp_path / "claims.csv"
    waiting.value.save_as(saved)
    api_csv = api.get("/claims", params={**query, "limit": 50, "format": "csv"})
    assert saved.read_bytes() == api_csv.content
    assert len(list(csv.DictReader(io.StringIO(api_csv.text)))) == expected["count"]
    with page.expect_download() as waiting:
        page.click("text=Download JSON")
    waiting.value.save_as(tmp_path / "claims.json")
    assert json.loads((tmp_path / "claims.json").read_text()) == expected


def test_an_unnamed_source_is_shown_by_its_own_words(browsing: Browsing) -> None:
    api = browsing.server.api()
    claims = api.get("/claims", params={"limit": 1000}).json()["data"]
    unnamed = next(c for c in claims if c["speaker"] is None and c["speaker_text"])
    page = browsing.open(f"/claims?q={quote_plus(unnamed['text'][:40])}")
    row = page.locator(f"tr[data-claim='{unnamed['id']}']")
    assert row.locator(".unnamed").inner_text() == f"{unnamed['speaker_text']} (unnamed source)"


def test_a_name_that_resolves_to_nothing_is_said_so(browsing: Browsing) -> None:
    browsing.watch.allowed_statuses.add(404)
    page = browsing.open("/claims?speaker=Nobody+Atall")
    assert "Could not load" in page.locator("#claims-results [role=alert]").inner_text()
