"""Long work never stalls short work: p50/p99 of uncached /claims queries on an idle server
and while whole-graph GEXF exports run back to back, on SQLite and on PostgreSQL.

    python bench/export_load.py [--size 1000] [--requests 300] [--clients 4] [--runs 3]
                                [--postgres postgresql://root@127.0.0.1/test]

A real `claimgraph serve` with the answer cache off (every /claims is computed) on a copy of
the --size-article store (bench/corpus.py), then the same store migrated to a fresh
PostgreSQL schema. An export holds the graph only while it copies it; it is written in a
worker thread that yields the interpreter to the event loop every millisecond.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
from pathlib import Path

import httpx
from queries import free_port, query_paths, run_load, start_server, stop_server
from scale import migrate, postgres_schema

from common import command_line, copy_store, median, percentile, report, table


def exports_until(base: str, stop: threading.Event, done: list[float]) -> None:
    with httpx.Client(base_url=base, timeout=600) as client:
        while not stop.is_set():
            response = client.get("/graph?format=gexf")
            response.raise_for_status()
            done.append(len(response.content))


def measure(db: str, args: argparse.Namespace) -> tuple[list[float], list[float], int]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(db, port, answer_cache=0)  # type: ignore[arg-type]
    try:
        paths = query_paths("claims-about", args.requests, args.size)
        run_load(base, paths[:50], args.clients)  # warm-up
        idle = [run_load(base, paths, args.clients) for _ in range(args.runs)]
        stop, exported = threading.Event(), []
        exporter = threading.Thread(target=exports_until, args=(base, stop, exported))
        exporter.start()
        try:
            busy = [run_load(base, paths, args.clients) for _ in range(args.runs)]
        finally:
            stop.set()
            exporter.join()
    finally:
        stop_server(server)
    p = [[percentile(run["latencies"], q) for q in (50, 99)] for run in idle]
    b = [[percentile(run["latencies"], q) for q in (50, 99)] for run in busy]
    pairs = [median([r[i] for r in p]) for i in (0, 1)], [median([r[i] for r in b]) for i in (0, 1)]
    return pairs[0], pairs[1], len(exported)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", default="postgresql://root@127.0.0.1/test")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        sqlite = copy_store(args.size, Path(folder) / "store.db")
        with postgres_schema(args.postgres) as url:
            migrate(sqlite, url)
            for name, db in (("SQLite", str(sqlite)), ("PostgreSQL", url)):
                idle, busy, exports = measure(db, args)
                rows.append(
                    (
                        name,
                        f"{idle[0]:.1f} / {idle[1]:.1f}",
                        f"{busy[0]:.1f} / {busy[1]:.1f}",
                        f"{busy[1] / idle[1]:.2f}",
                        str(exports),
                    )
                )
    headers = ("store", "idle p50 / p99 ms", "during exports", "p99 ratio", "GEXF exports")
    body = table(headers, rows)
    body += f"\n\n/claims?about= (answer cache off), {args.clients} clients, {args.requests} "
    body += f"requests per run, {args.runs} runs; store of {args.size:,} articles"
    report("Short queries beside whole-graph exports", command_line(), body)


if __name__ == "__main__":
    main()
