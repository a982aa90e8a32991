"""Fast requests beside slow work: /health and a cached /claims while slow posts and a large
export are in flight, against a real server.

Usage: python bench/starvation.py [--size 1000] [--probes 40] [--posts 4] [--slow-chars 40000]
                                  [--code DIR]

Starts `claimgraph serve` on a copy of the --size-article store (bench/corpus.py), then probes
/health and one cached /claims question --probes times each, one request at a time: first on
the idle server, then while --posts slow articles are being posted at once (quotation marks,
--slow-chars characters each: the costliest text per character, bench/adversarial.py) and a
large export runs (the whole graph as GEXF when the export limit allows it, else the depth-2
neighbourhood of the most connected entity at the export limit). The table gives each probe's
latency (p50, p95, max; a probe unanswered after 10 s counts as 10 s) and what the slow
requests got (those still running --wait seconds after the probes are cut off by the server's
stop). --code DIR runs another checkout's
server on the same store, for the figures before a change, in the same sitting.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import threading
import time
from pathlib import Path

import httpx
from queries import free_port, start_server, stop_server

from common import command_line, copy_store, median, percentile, report, table

EXPORT_LIMIT = 20_000


PROBE_TIMEOUT_S = 10.0


def probe(base: str, path: str, count: int, *, warm: bool = False) -> list[float]:
    """Each probe's seconds; one that got no answer within PROBE_TIMEOUT_S counts as that."""
    seconds = []
    with httpx.Client(base_url=base, timeout=PROBE_TIMEOUT_S) as client:
        if warm:
            client.get(path, timeout=120)  # the answer is cached from here on
        for _ in range(count):
            started = time.perf_counter()
            with contextlib.suppress(httpx.TimeoutException):
                client.get(path).raise_for_status()
            seconds.append(time.perf_counter() - started)
    return seconds


def heavy_export(base: str) -> str:
    """The largest export the server will write."""
    health = httpx.get(base + "/health", timeout=60).json()["counts"]
    if health["nodes"] <= EXPORT_LIMIT:
        return "/graph?format=gexf"
    hub = httpx.get(base + "/entities?limit=1", timeout=60).json()["data"][0]["id"]
    return f"/graph?format=gexf&entity={hub}&depth=2&max_nodes={EXPORT_LIMIT}"


def slow_work(
    base: str, posts: int, slow_chars: int, outcomes: list[str]
) -> list[threading.Thread]:
    text = ("Marsh said " + '"a" ' * slow_chars)[:slow_chars]
    export = heavy_export(base)

    def post(n: int) -> None:
        try:
            response = httpx.post(base + "/articles", json={"text": f"{n} {text}"}, timeout=600)
            outcomes.append(f"POST {response.status_code}")
        except httpx.HTTPError as error:
            outcomes.append(f"POST {type(error).__name__}")

    def get() -> None:
        try:
            response = httpx.get(base + export, timeout=600)
            outcomes.append(f"export {response.status_code} ({len(response.content) // 1024} KiB)")
        except httpx.HTTPError as error:
            outcomes.append(f"export {type(error).__name__}")

    threads = [threading.Thread(target=post, args=(n,)) for n in range(posts)]
    threads.append(threading.Thread(target=get))
    for thread in threads:
        thread.start()
    return threads


def measure(db: Path, code: str | None, args: argparse.Namespace) -> list[list[object]]:
    port = free_port()
    server = start_server(db, port, code)
    base = f"http://127.0.0.1:{port}"
    hub = httpx.get(base + "/entities?limit=1", timeout=60).json()["data"][0]["id"]
    cached = f"/claims?about={hub}&limit=20"
    try:
        idle = {path: probe(base, path, args.probes, warm=True) for path in ("/health", cached)}
        outcomes: list[str] = []
        threads = slow_work(base, args.posts, args.slow_chars, outcomes)
        time.sleep(1.0)
        loaded = {path: probe(base, path, args.probes) for path in ("/health", cached)}
        still_busy = sum(thread.is_alive() for thread in threads)
        for thread in threads:
            thread.join(timeout=args.wait)
    finally:
        stop_server(server)
    label = code or "this checkout"
    rows = []
    for path in ("/health", cached):
        for state, seconds in (("idle", idle[path]), ("loaded", loaded[path])):
            rows.append(
                [
                    label,
                    "/health" if path == "/health" else "cached /claims?about=<hub>",
                    state,
                    f"{median(seconds) * 1000:.1f}",
                    f"{percentile(seconds, 95) * 1000:.1f}",
                    f"{max(seconds) * 1000:.1f}",
                    f"{still_busy} of {len(threads)} still running; " + ", ".join(sorted(outcomes))
                    if state == "loaded"
                    else "",
                ]
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--probes", type=int, default=40)
    parser.add_argument("--posts", type=int, default=4)
    parser.add_argument("--slow-chars", type=int, default=40_000)
    parser.add_argument("--code", default=None, help="another checkout to measure first")
    parser.add_argument(
        "--wait", type=float, default=600, help="seconds to let the slow work finish afterwards"
    )
    args = parser.parse_args()
    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory() as folder:
        for code in ([args.code] if args.code else []) + [None]:
            db = copy_store(args.size, Path(folder) / f"store-{len(rows)}.db")
            rows += measure(db, code, args)
    headers = ["server", "probe", "state", "p50 ms", "p95 ms", "max ms", "slow requests"]
    report("Fast requests beside slow work", command_line(), table(headers, rows))


if __name__ == "__main__":
    main()
