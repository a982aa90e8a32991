"""The graph view in a real browser (sigma.js on software WebGL): what the canvas draws, the
legend's filters, a stable layout, expand and collapse, show more, a claim opening the reader,
the exports and the list view."""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.explorer.conftest import Browsing

pytestmark = pytest.mark.model

ENTITY = "person:helen-marsh"
FIRST_CAP = 300  # app/explorer/js/graph.js


def _api_graph(browsing: Browsing, entity: str, max_nodes: int) -> dict[str, Any]:
    params = {"format": "graphology", "entity": entity, "depth": 1, "max_nodes": max_nodes}
    answer: dict[str, Any] = browsing.server.api().get("/graph", params=params).json()
    return answer


def _drawn(page: Any) -> int:
    return int(page.get_attribute("#graph-view", "data-drawn-nodes"))


def _ink(page: Any) -> int:
    """How many pixels of the canvas are not background (a picture of what sigma drew)."""
    png = page.locator("#graph-canvas").screenshot()
    return int(
        page.evaluate(
            """async (bytes) => {
              const blob = new Blob([new Uint8Array(bytes)], {type: 'image/png'});
              const bitmap = await createImageBitmap(blob);
              const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
              const context = canvas.getContext('2d');
              context.drawImage(bitmap, 0, 0);
              const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
              let ink = 0;
              for (let i = 0; i < data.length; i += 4) {
                if (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235) ink++;
              }
              return ink;
            }""",
            list(png),
        )
    )


def test_the_canvas_draws_the_neighbourhood_and_the_legend_filters_it(browsing: Browsing) -> None:
    page = browsing.open(f"/graph/{ENTITY}")
    exported = _api_graph(browsing, ENTITY, FIRST_CAP)
    kinds = [node["attributes"]["kind"] for node in exported["nodes"]]
    assert _drawn(page) == len(kinds)
    assert page.evaluate("window.claimgraphGraph.graph.order") == len(kinds)
    assert page.evaluate("window.claimgraphGraph.graph.size") == len(exported["edges"])
    all_ink = _ink(page)
    assert all_ink > 500  # nodes and edges on the canvas, not a blank WebGL surface

    page.uncheck("input[data-kind=claim]")
    assert _drawn(page) == len(kinds) - kinds.count("claim")
    fewer = _ink(page)
    assert fewer < all_ink
    page.uncheck("input[data-kind=article]")
    assert _drawn(page) == kinds.count("person") + kinds.count("organization") + kinds.count(
        "place"
    )
    page.check("input[data-kind=claim]")
    page.check("input[data-kind=article]")
    assert _drawn(page) == len(kinds)


def _positions(page: Any) -> dict[str, list[float]]:
    positions: dict[str, list[float]] = page.evaluate(
        "() => Object.fromEntries(window.claimgraphGraph.graph.mapNodes("
        "(key, a) => [key, [a.x, a.y]]))"
    )
    return positions


def test_the_first_layout_is_the_same_every_time(browsing: Browsing) -> None:
    page = browsing.open(f"/graph/{ENTITY}")
    first = _positions(page)
    browsing.go("/")
    browsing.go(f"/graph/{ENTITY}")
    assert _positions(page) == first
    spread = {round(x) for x, _ in first.values()}
    assert len(spread) > len(first) // 3  # laid out, not piled on one point


def test_expand_collapse_and_the_list_view(browsing: Browsing) -> None:
    page = browsing.open(f"/graph/{ENTITY}")
    start = _drawn(page)
    page.click("button[aria-controls=graph-list]")
    rows = page.locator("#graph-list tbody tr")
    assert rows.count() == start
    article = next(
        n["key"]
        for n in _api_graph(browsing, ENTITY, FIRST_CAP)["nodes"]
        if n["key"].startswith("article:")
    )
    around = {n["key"] for n in _api_graph(browsing, article, 100)["nodes"]}
    shown = set(page.evaluate("window.claimgraphGraph.graph.nodes()"))
    button = page.locator(f"#graph-list button[data-node='{article}']")
    button.focus()
    page.keyboard.press("Enter")  # keyboard alone
    page.locator(f"#graph-list button[data-node='{article}'][data-action=collapse]").wait_for()
    assert _drawn(page) == len(shown | around)
    assert rows.count() == len(shown | around)
    assert page.evaluate("document.activeElement.dataset.node") == article
    page.keyboard.press("Enter")
    page.locator(f"#graph-list button[data-node='{article}'][data-action=expand]").wait_for()
    assert _drawn(page) == start


def test_show_more_past_the_node_cap(browsing: Browsing) -> None:
    entity = "place:kestria"
    page = browsing.open(f"/graph/{entity}?max_nodes=20")
    assert _drawn(page) == 20
    assert "cut at 20 nodes" in page.inner_text("#graph-counts")
    with browsing.navigation():
        page.click("#show-more")
    expected = _api_graph(browsing, entity, 80)
    assert _drawn(page) == len(expected["nodes"]) > 20


def test_clicking_a_claim_opens_the_reader(browsing: Browsing) -> None:
    page = browsing.open(f"/graph/{ENTITY}")
    page.uncheck("input[data-kind=article]")  # nothing on top of the claim
    claim = page.evaluate(
        "window.claimgraphGraph.graph.filterNodes((k, a) => a.kind === 'claim')[0]"
    )
    point = page.evaluate(
        """key => { const r = window.claimgraphGraph.renderer;
                    return r.graphToViewport(r.getGraph().getNodeAttributes(key)); }""",
        claim,
    )
    box = page.locator("#graph-canvas").bounding_box()
    with browsing.navigation():
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    assert page.url.endswith(f"claim={claim.removeprefix('claim:')}")
    text = (
        browsing.server.api()
        .get("/graph", params={"format": "graphology", "entity": ENTITY, "max_nodes": FIRST_CAP})
        .json()
    )
    expected = next(n["attributes"]["text"] for n in text["nodes"] if n["key"] == claim)
    assert page.inner_text("#article-text mark.claim.current") == expected


def _save(page: Any, label: str, folder: Path) -> Path:
    with page.expect_download() as waiting:
        page.click(f"text={label}")
    target = folder / waiting.value.suggested_filename
    waiting.value.save_as(target)
    return target


def test_the_current_view_exports_as_gexf_graphml_and_png(
    browsing: Browsing, tmp_path: Path
) -> None:
    page = browsing.open(f"/graph/{ENTITY}")
    page.uncheck("input[data-kind=article]")
    drawn = _drawn(page)
    keys = set(
        page.evaluate("window.claimgraphGraph.graph.filterNodes((k, a) => a.kind !== 'article')")
    )

    gexf = ET.parse(_save(page, "Export GEXF", tmp_path)).getroot()
    ns = {"g": "http://www.gexf.net/1.2draft"}
    assert {n.get("id") for n in gexf.findall(".//g:node", ns)} == keys
    graphml = ET.parse(_save(page, "Export GraphML", tmp_path)).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = graphml.findall(".//g:node", ns)
    assert len(nodes) == drawn and {n.get("id") for n in nodes} == keys
    edges = graphml.findall(".//g:edge", ns)
    assert edges and all(e.get("source") in keys and e.get("target") in keys for e in edges)

    png = _save(page, "Export PNG", tmp_path).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert width >= 400 and height >= 300
    picture = page.evaluate(
        """async (bytes) => {
          const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)]));
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const context = canvas.getContext('2d');
          context.drawImage(bitmap, 0, 0);
          const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
          let ink = 0;
          for (let i = 0; i < data.length; i += 4) if (data[i] < 235) ink++;
          return ink;
        }""",
        list(io.BytesIO(png).getvalue()),
    )
    assert picture > 200  # the drawing, not an empty white image


def test_the_reach_of_the_neighbourhood_is_chosen_on_the_page(browsing: Browsing) -> None:
    page = browsing.open(f"/graph/{ENTITY}")
    with browsing.navigation():
        page.select_option("#graph-depth", "2")
    params = {"format": "graphology", "entity": ENTITY, "depth": 2, "max_nodes": FIRST_CAP}
    wider = browsing.server.api().get("/graph", params=params).json()
    assert (
        _drawn(page) == len(wider["nodes"]) > len(_api_graph(browsing, ENTITY, FIRST_CAP)["nodes"])
    )
    assert "depth=2" in page.url
