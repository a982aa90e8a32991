"""The README's pictures of the explorer, taken from the sample articles by a real browser.

    python scripts/screenshots.py

Ingests seeds/ into a temporary store, starts `claimgraph serve` on it, and writes
docs/explorer/*.png with Debian's Chromium (headless; needs /usr/bin/chromium and the `dev`
extra's playwright). One wrong merge is made by hand first (BBC Radio 4 into the BBC, which
the resolver rightly keeps apart) so that the merge review has something to undo.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.explorer.chromium import DESKTOP, PHONE, launch  # noqa: E402

OUT = ROOT / "docs" / "explorer"
ENTITY = "person:helen-marsh"


def claimgraph(*args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("claimgraph")), *args]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMGRAPH_")}
    server = subprocess.Popen(
        claimgraph("serve", "--db", str(db), "--port", str(port)),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def ready(page: Any) -> None:
    page.wait_for_function(
        "() => { const m = document.querySelector('main');"
        " return m && !m.hasAttribute('aria-busy') && m.dataset.ready; }"
    )


def visit(page: Any, path: str) -> None:
    before = page.get_attribute("main", "data-ready")
    page.evaluate("path => { location.hash = path; }", path)
    page.wait_for_function(
        "before => document.querySelector('main').dataset.ready !== before"
        " && !document.querySelector('main').hasAttribute('aria-busy')",
        arg=before,
    )
    page.wait_for_timeout(300)


def shoot(browser: Any, base: str) -> list[Path]:
    api = httpx.Client(base_url=base, timeout=60)
    claim = api.get("/claims", params={"speaker": ENTITY, "q": "cowardly"}).json()["data"][0]
    reader = f"/read/{claim['article_id']}?claim={claim['id']}"
    merged = api.post(
        "/merges", json={"keep": "org:bbc", "merge": "org:bbc-radio-4", "note": "a wrong merge"}
    )
    merged.raise_for_status()
    written = []
    context = browser.new_context(viewport=DESKTOP, device_scale_factor=1)
    page = context.new_page()
    page.goto(f"{base}/#/")
    ready(page)

    def save(name: str, target: Any = page) -> None:
        path = OUT / f"{name}.png"
        target.screenshot(path=str(path))
        written.append(path)

    page.fill("#search-input", "Mar")
    page.locator("#search-suggestions [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    save("search")
    page.keyboard.press("Escape")
    page.fill("#search-input", "")
    visit(page, f"/entity/{ENTITY}")
    save("entity")
    visit(page, f"/claims?speaker={ENTITY}&kind=direct")
    save("claims")
    visit(page, reader)
    save("reader")
    visit(page, f"/graph/{ENTITY}?depth=2")
    page.wait_for_timeout(500)
    save("graph")
    visit(page, "/merges")
    save("merges")
    context.close()
    phone = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True)
    page = phone.new_page()
    page.goto(f"{base}/#{reader}")
    ready(page)
    page.wait_for_timeout(300)
    save("reader-phone", page)
    phone.close()
    api.close()
    return written


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "seeds.db"
        subprocess.run(claimgraph("ingest", str(ROOT / "seeds"), "--db", str(db)), check=True)
        server, base = serve(db)
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                for path in shoot(browser, base):
                    print(path.relative_to(ROOT))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
