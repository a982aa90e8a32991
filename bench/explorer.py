"""The explorer's speed in a real browser (Debian's Chromium, headless, software WebGL) on the
scale corpus: how soon an entity page with 1,000 claims is usable, how soon the list of those
1,000 claims is, and whether a 2,000-node graph stays interactive (its redraws while it pans).

    python bench/explorer.py [--size 10000] [--runs 5] [--db STORE]

"Usable" is the moment the view has fetched what it shows and put it on the page (the
explorer's `claimgraph:ready` performance mark), timed from the navigation's start for a page
opened afresh (a new browser context: nothing cached in the browser) and from the link's click
for a view reached inside the page. Interactivity: sigma's redraws while its camera pans for 3 s
(as a drag does, without the input round trips of a driven mouse), how often it manages one,
how much of each is the page's own script, and how busy the page's main thread was meanwhile
(a sampling profile: the rest is free for input); the same on a 30-node graph gives the
machine's baseline (software WebGL's compositing, in the GPU process, bounds both). Medians
over `--runs`. Not a test: nothing is asserted. Needs /usr/bin/chromium (apt-get install chromium).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import httpx
from queries import free_port, start_server, stop_server

from common import REPO, build_store, command_line, median, report, table

sys.path.insert(0, str(REPO))

from tests.explorer.chromium import launch

CLAIMS_WANTED = 1000
GRAPH_NODES = 2000

READY_MS = """() => { const marks = performance.getEntriesByName('claimgraph:ready');
                      return marks.length ? marks[marks.length - 1].startTime : null; }"""
PAN = """async () => {
  const renderer = window.claimgraphGraph.renderer;
  const camera = renderer.getCamera();
  const renders = [];
  let started = 0;
  const before = () => { started = performance.now(); };
  const after = () => renders.push([started, performance.now()]);
  renderer.on("beforeRender", before);
  renderer.on("afterRender", after);
  const begun = performance.now();
  await camera.animate({ x: camera.getState().x + 0.2 }, { duration: 3000 });
  const seconds = (performance.now() - begun) / 1000;
  renderer.off("beforeRender", before);
  renderer.off("afterRender", after);
  const starts = renders.map(([start]) => start);
  return {
    redraws_per_s: renders.length / seconds,
    gaps_ms: starts.slice(1).map((start, i) => start - starts[i]),
    render_ms: renders.map(([start, end]) => end - start),
  };
}"""


def pick_entity(base: str) -> tuple[str, int]:
    """The entity whose claims (by it and about it) come nearest above CLAIMS_WANTED."""
    best: tuple[int, str] | None = None
    with httpx.Client(base_url=base, timeout=60) as client:
        for entity in client.get("/entities", params={"limit": 200}).json()["data"]:
            said = client.get(f"/entities/{entity['id']}/said", params={"limit": 1}).json()
            if said["count"] >= CLAIMS_WANTED and (best is None or said["count"] < best[0]):
                best = (said["count"], entity["id"])
    if best is None:
        raise SystemExit(f"no entity has {CLAIMS_WANTED} claims in this store")
    return best[1], best[0]


def pick_hub(base: str) -> tuple[str, int]:
    """An entity whose neighbourhood fills GRAPH_NODES nodes."""
    with httpx.Client(base_url=base, timeout=120) as client:
        for entity in client.get("/entities", params={"limit": 20}).json()["data"]:
            params = {"format": "graphology", "entity": entity["id"], "max_nodes": GRAPH_NODES}
            nodes = len(client.get("/graph", params=params).json()["nodes"])
            if nodes >= GRAPH_NODES:
                return entity["id"], nodes
    raise SystemExit(f"no neighbourhood of {GRAPH_NODES} nodes in this store")


def open_fresh(browser: Any, url: str) -> tuple[Any, float]:
    """A new context (nothing cached), the page opened; ms from navigation start to usable."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(f"() => ({READY_MS})() !== null", timeout=120_000)
    return page, float(page.evaluate(READY_MS))


def navigate(page: Any, hash_path: str) -> float:
    """ms from a hash change (a link's click) to the new view being usable."""
    page.evaluate("performance.clearMarks('claimgraph:ready')")
    started = float(page.evaluate("performance.now()"))
    page.evaluate("path => { location.hash = path; }", hash_path)
    page.wait_for_function(f"() => ({READY_MS})() !== null", timeout=120_000)
    return float(page.evaluate(READY_MS)) - started


def pan(page: Any) -> tuple[dict[str, Any], float]:
    """The camera's pan (PAN), and the share of it the page's main thread was busy, from a
    sampling profile: what is left is free for input, whatever the GPU takes per frame."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 500})
    cdp.send("Profiler.start")
    panned: dict[str, Any] = page.evaluate(PAN)
    profile = cdp.send("Profiler.stop")["profile"]
    names = {node["id"]: node["callFrame"]["functionName"] for node in profile["nodes"]}
    samples = profile["samples"]
    idle = sum(1 for sample in samples if names[sample] == "(idle)")
    cdp.detach()
    return panned, 1 - idle / max(1, len(samples))


def measure(browser: Any, base: str, entity: str, hub: str, runs: int) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        found.setdefault(name, []).append(value)

    for _ in range(runs):
        page, ms = open_fresh(browser, f"{base}/#/entity/{entity}")
        add("entity page, opened afresh", ms)
        add("entity page, from a link", navigate(page, f"/entity/{entity}?from=home"))
        claims_list = f"/claims?speaker={entity}&limit={CLAIMS_WANTED}"
        add("its 1,000 claims as a list, from a link", navigate(page, claims_list))
        page.context.close()
        hub_url = f"{base}/#/graph/{hub}?max_nodes={GRAPH_NODES}"
        small_url = f"{base}/#/graph/{hub}?max_nodes=30"
        page, ms = open_fresh(browser, hub_url)
        add("2,000-node graph drawn (fetch, layout, first frame)", ms)
        for label, url in [("2,000-node", hub_url), ("30-node (baseline)", small_url)]:
            if label.startswith("30"):
                page.context.close()
                page, _ = open_fresh(browser, url)
            panned, busy = pan(page)
            add(f"pan, {label} graph: redraws per second", panned["redraws_per_s"])
            add(f"pan, {label} graph: median ms between redraws", median(panned["gaps_ms"]))
            add(f"pan, {label} graph: median ms of script per redraw", median(panned["render_ms"]))
            add(f"pan, {label} graph: % of the main thread busy", 100 * busy)
        page.context.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="articles in the store")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="an existing store to serve instead")
    args = parser.parse_args()
    if not Path("/usr/bin/chromium").exists():
        raise SystemExit("needs Debian's Chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    db = args.db or build_store(args.size)
    port = free_port()
    server = start_server(db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        entity, claims = pick_entity(base)
        hub, nodes = pick_hub(base)
        print(f"{entity}: {claims} claims; around {hub}: {nodes} nodes", file=sys.stderr)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            found = measure(browser, base, entity, hub, args.runs)
            browser.close()
    finally:
        stop_server(server)
    rows = [
        (name, *(f"{value:.1f}" if "pan" in name else f"{value:.0f} ms" for value in spread))
        for name, values in found.items()
        for spread in [(median(values), min(values), max(values))]
    ]
    body = (
        f"{args.size:,} articles; entity `{entity}` ({claims:,} claims by it); graph around "
        f"`{hub}` ({nodes:,} nodes); median of {args.runs} runs, headless Chromium with "
        "software WebGL (SwiftShader: no GPU)\n\n"
        + table(["measure", "median", "min", "max"], rows)
    )
    report("Explorer speed", command_line(), body)


if __name__ == "__main__":
    main()
