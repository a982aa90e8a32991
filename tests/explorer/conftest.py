"""Browser fixtures: `claimgraph serve` on the sample articles, and Debian's Chromium driven by
Playwright (headless, software WebGL; never a downloaded browser).

Every page a test opens is watched: a console error, an uncaught exception, a failed request,
an HTTP error the test did not expect, or any request to another origin fails the test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.app.test_durability import LOOPBACK, free_port
from tests.explorer.chromium import CHROMIUM, DESKTOP, launch

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "seeds"
STARTUP_SECONDS = 120
READ_KEY = "read-key-for-tests"
WRITE_KEY = "write-key-for-tests"


def claimgraph_command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("claimgraph")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "claimgraph", *args]


@dataclass
class Server:
    """One `claimgraph serve` process over its own copy of the sample store."""

    db: Path
    log: Path
    env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    clients: dict[str | None, httpx.Client] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.url = f"http://{LOOPBACK}:{self.port}"
        command = claimgraph_command(
            "serve", "--db", str(self.db), "--host", LOOPBACK, "--port", str(self.port)
        )
        clean = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMGRAPH_")}
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                command, stdout=output, stderr=subprocess.STDOUT, env={**clean, **self.env}
            )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"server exited:\n{self.log.read_text(errors='replace')[-3000:]}")
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        pytest.fail(f"server not ready after {STARTUP_SECONDS} s")

    def api(self, key: str | None = None) -> httpx.Client:
        """A client of this server's API (closed when the server stops)."""
        if key not in self.clients:
            headers = {"X-API-Key": key} if key else {}
            self.clients[key] = httpx.Client(base_url=self.url, headers=headers, timeout=60)
        return self.clients[key]

    def stop(self) -> None:
        for client in self.clients.values():
            client.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the sample articles (seeds/), ingested once by the real pipeline."""
    db = tmp_path_factory.mktemp("explorer") / "seeds.db"
    done = subprocess.run(
        claimgraph_command("ingest", str(SEEDS), "--db", str(db)),
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("CLAIMGRAPH_")},
    )
    assert done.returncode == 0, done.stderr
    return db


def _copy_store(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "claimgraph.db"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy2(f"{source}{suffix}", f"{target}{suffix}")
    return target


@pytest.fixture(scope="session")
def server(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The server most tests read from (open: no keys). Tests that write use `fresh_server`."""
    folder = tmp_path_factory.mktemp("served")
    started = Server(_copy_store(sample_store, folder), folder / "serve.log")
    yield started
    started.stop()


@pytest.fixture
def fresh_server(sample_store: Path, tmp_path: Path) -> Iterator[Server]:
    """A server of the test's own over a copy of the sample store (for tests that write),
    with whatever keys the test's `server_env` marker asks for."""
    started = Server(_copy_store(sample_store, tmp_path / "store"), tmp_path / "serve.log")
    yield started
    started.stop()


@pytest.fixture
def keyed_server(sample_store: Path, tmp_path: Path) -> Iterator[Server]:
    """A server that needs a read key to read and a write key to write."""
    env = {"CLAIMGRAPH_READ_KEY": READ_KEY, "CLAIMGRAPH_API_KEY": WRITE_KEY}
    started = Server(_copy_store(sample_store, tmp_path / "store"), tmp_path / "serve.log", env)
    yield started
    started.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(
                "/usr/bin/chromium is missing: .ci/run installs it (apt-get install chromium)"
            )
        pytest.skip("needs Debian's Chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


@dataclass
class Watch:
    """What went wrong on a page; a test fails when anything is listed here."""

    origin: str
    allowed_statuses: set[int] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach(self, context: Any, page: Any) -> None:
        def guard(route: Any) -> None:
            url = route.request.url
            self.requests.append(url)
            if url.startswith((self.origin + "/", "data:", "blob:")) or url == self.origin:
                route.continue_()
            else:
                self.problems.append(f"request outside the server: {url}")
                route.abort()

        context.route("**/*", guard)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            if any(f"status of {s} " in message.text for s in self.allowed_statuses):
                return  # the browser's own note on an HTTP error the test expects
            self.problems.append(f"console error: {message.text}")

    def _failed(self, request: Any) -> None:
        failure = request.failure or ""
        if request.url.startswith("blob:"):
            return  # a download's object URL, revoked once saved
        self.problems.append(f"request failed: {request.method} {request.url} {failure}")

    def _response(self, response: Any) -> None:
        if response.status >= 400 and response.status not in self.allowed_statuses:
            self.problems.append(
                f"HTTP {response.status}: {response.request.method} {response.url}"
            )


@dataclass
class Browsing:
    page: Any
    watch: Watch
    server: Server

    def open(self, hash_path: str = "/") -> Any:
        self.page.goto(f"{self.server.url}/#{hash_path}")
        self.wait_ready()
        return self.page

    def go(self, hash_path: str) -> Any:
        """Navigate inside the page (a hash change, as a link click does)."""
        before = self.page.get_attribute("main", "data-ready")
        self.page.evaluate(
            "path => { if (decodeURIComponent(location.hash) === '#' + path)"
            " window.dispatchEvent(new HashChangeEvent('hashchange'));"
            " else location.hash = path; }",
            hash_path,
        )
        self.wait_ready(after=before)
        return self.page

    @contextmanager
    def navigation(self) -> Iterator[None]:
        """Around an action that changes view: waits until the new view has rendered."""
        before = self.page.get_attribute("main", "data-ready")
        yield
        self.wait_ready(after=before)

    def wait_ready(self, after: str | None = None) -> None:
        """Until the view has rendered (main carries data-ready, newer than `after`)."""
        self.page.wait_for_function(
            "after => { const m = document.querySelector('main');"
            " return m && !m.hasAttribute('aria-busy') && m.dataset.ready"
            " && m.dataset.ready !== after; }",
            arg=after,
            timeout=30_000,
        )


def browse(
    browser: Any, server: Server, *, viewport: dict[str, int] = DESKTOP, **options: Any
) -> Iterator[Browsing]:
    context = browser.new_context(viewport=viewport, accept_downloads=True, **options)
    page = context.new_page()
    watch = Watch(server.url)
    watch.attach(context, page)
    try:
        yield Browsing(page, watch, server)
    finally:
        context.close()
    assert not watch.problems, "\n".join(watch.problems)


@pytest.fixture
def browsing(browser: Any, server: Server) -> Iterator[Browsing]:
    yield from browse(browser, server)
