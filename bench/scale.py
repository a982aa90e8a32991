"""Scaling out on PostgreSQL beside SQLite: start-up and memory of an API process at each
size, query latency at 32 clients with one and two API processes, ingest rate with 1, 2 and 4
workers.

    python bench/scale.py [--sizes 10000 100000] [--sqlite-sizes 10000] [--runs 3]
                          [--postgres postgresql://root@127.0.0.1:5432/test]
                          [--ingest 48] [--workers 1 2 4]

At each size the PostgreSQL store is a copy of the SQLite scale store (`claimgraph migrate`,
which also builds the graph's tables) in a schema of its own, dropped at the end. API
processes are `claimgraph serve`: on SQLite with the graph in memory (CLAIMGRAPH_READS=memory,
the default there), on PostgreSQL answering from the graph's tables (CLAIMGRAPH_READS=store,
the default there). Start-up is the time from launch to the first answer of /health (the
spaCy pipeline's load in its own process included); RSS is the API process's own, when it
first answers and after the query runs. Queries are those of bench/queries.py (the answer
cache on, as served). The ingest rate is of raw articles (`corpus-N.jsonl`: extraction
included) queued on an empty store and taken by N `claimgraph worker` processes at once:
articles over the time from the first job taken to the last one finished. Run it on an
otherwise idle machine: on two cores, more than two workers can only share them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from queries import ENDPOINTS, free_port, query_paths, run_load, start_server, stop_server

from common import DATA, build_store, command_line, median, percentile, report, rss_mb, table

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests import backends  # noqa: E402

CLAIMGRAPH = str(Path(sys.executable).parent / "claimgraph")
READS = {"SQLite": "memory", "PostgreSQL": "store"}


def postgres_schema(base: str):  # type: ignore[no-untyped-def]
    """A fresh schema on `base`, dropped afterwards (the tests' helper)."""
    return backends.postgres_schema(base, prefix="bench_")


@contextmanager
def postgres_store(
    base: str, size: int, sqlite: Path, reuse: bool
) -> Iterator[tuple[str, float | None]]:
    """(URL, seconds `claimgraph migrate` took) of a PostgreSQL copy of the size-article store:
    a fresh schema dropped afterwards, or with `reuse` the schema bench_scale_SIZE, kept, and
    migrated only when it is not a whole copy yet (seconds None)."""
    if not reuse:
        with postgres_schema(base) as url:
            yield url, migrate(sqlite, url)
        return
    import psycopg

    from claimgraph.graph.store import open_store

    schema = f"bench_scale_{size}"
    url = f"{base}{'&' if '?' in base else '?'}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    with open_store(url) as store:
        whole = store.read_model_built() and store.count_articles() == size
    if whole:
        yield url, None
        return
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{schema}"')
    yield url, migrate(sqlite, url)


def migrate(sqlite: Path, url: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [CLAIMGRAPH, "migrate", "--db", str(sqlite), "--to", url],
        check=True,
        capture_output=True,
        timeout=3600,
    )
    return time.perf_counter() - start


def startup(db: str, reads: str, runs: int) -> tuple[float, float]:
    """Median seconds from launching `claimgraph serve` to its first /health answer, and its
    RSS then (MiB)."""
    seconds, rss = [], []
    for _ in range(runs):
        start = time.perf_counter()
        server = start_server(db, free_port(), settings={"CLAIMGRAPH_READS": reads})  # type: ignore[arg-type]
        seconds.append(time.perf_counter() - start)
        rss.append(rss_mb(server.pid)[0])
        stop_server(server)
    return median(seconds), median(rss)


def latency(
    db: str,
    reads: str,
    processes: int,
    size: int,
    requests: int,
    clients: int,
    runs: int,
    endpoints: tuple[str, ...] = ENDPOINTS,
):  # type: ignore[no-untyped-def]
    """p50/p99 per endpoint with `processes` API processes on one store, the load shared;
    and the largest RSS of an API process after the runs (under "rss")."""
    ports = [free_port() for _ in range(processes)]
    servers = []
    try:
        for port in ports:
            servers.append(start_server(db, port, settings={"CLAIMGRAPH_READS": reads}))  # type: ignore[arg-type]
        rows = {}
        for endpoint in endpoints:
            print(f"[scale] {db[:60]} x{processes}: {endpoint}", file=sys.stderr, flush=True)
            n = max(50, requests // 5) if endpoint == "graph" else requests
            paths = query_paths(endpoint, n, size)
            per = [paths[i::processes] for i in range(processes)]
            share = max(1, clients // processes)
            for i, port in enumerate(ports):  # warm-up
                run_load(f"http://127.0.0.1:{port}", per[i][:50], share)
            p50s, p99s = [], []
            for _ in range(runs):
                done = _parallel(
                    [(f"http://127.0.0.1:{port}", per[i], share) for i, port in enumerate(ports)]
                )
                latencies = [value for result in done for value in result["latencies"]]
                p50s.append(percentile(latencies, 50))
                p99s.append(percentile(latencies, 99))
            rows[endpoint] = (median(p50s), median(p99s))
        rows["rss"] = max(rss_mb(server.pid)[0] for server in servers)
        return rows
    finally:
        for server in servers:
            stop_server(server)


def _parallel(jobs: list[tuple[str, list[str], int]]) -> list[dict]:
    """bench/queries.py's load client, one process per API process, all at once."""
    procs = [
        subprocess.Popen(
            [sys.executable, str(REPO / "bench" / "queries.py"), "--client"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in jobs
    ]
    for proc, (base, paths, clients) in zip(procs, jobs, strict=True):
        assert proc.stdin is not None
        proc.stdin.write(json.dumps({"base": base, "paths": paths, "clients": clients}))
        proc.stdin.close()
    results = []
    for proc in procs:
        assert proc.stdout is not None
        results.append(json.loads(proc.stdout.read()))
        proc.wait()
    return results


def ingest_rate(base: str, texts: list[dict], workers: int) -> float:
    """Articles per second of `workers` worker processes on an empty PostgreSQL store."""
    from claimgraph.graph.store import open_store

    with postgres_schema(base) as url:
        with open_store(url) as store:
            store.enqueue(texts)
        env = {**os.environ, "CLAIMGRAPH_DB": url}
        procs = [
            subprocess.Popen(
                [CLAIMGRAPH, "worker", "--drain", "--poll", "0.05"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(workers)
        ]
        for proc in procs:
            proc.wait(timeout=3600)
        with open_store(url) as store:
            rows = store._query("SELECT started_at, finished_at, state FROM jobs")
    assert all(state == "done" for _, _, state in rows), "some jobs were not done"
    first = min(_when(started) for started, _, _ in rows)
    last = max(_when(finished) for _, finished, _ in rows)
    return len(rows) / (last - first)


def writer_at(url: str, size: int, n: int) -> tuple[float, float, float, float]:
    """A worker's graph on a store of `size` articles: start-up seconds and RSS (MiB), then
    ms per article to store n more, already extracted (resolution, store, graph tables), and
    of that the graph tables' ms; the articles are deleted again."""
    from claimgraph.graph import ClaimGraph
    from claimgraph.graph.store import open_store

    import corpus

    articles = corpus.extra_articles(size, n)
    start = time.perf_counter()
    graph = ClaimGraph(open_store(url))
    seconds = time.perf_counter() - start
    rss = rss_mb()[0]
    tables = [0.0]
    write = graph.store.write_read_model

    def timed(G, dirty):  # type: ignore[no-untyped-def]
        began = time.perf_counter()
        write(G, dirty)
        tables[0] += time.perf_counter() - began

    graph.store.write_read_model = timed  # type: ignore[method-assign]
    start = time.perf_counter()
    for article in articles:
        graph.ingest(article)
    per = (time.perf_counter() - start) / n * 1000
    graph.store.write_read_model = write  # type: ignore[method-assign]
    for article in articles:
        graph.delete_article(article.id)
    graph.close()
    return seconds, rss, per, tables[0] / n * 1000


def _pair(p50_p99: tuple[float, float]) -> str:
    return f"{p50_p99[0]:.1f} / {p50_p99[1]:.1f}"


def _when(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def raw_articles(n: int) -> list[dict]:
    path = DATA / "corpus-10000.jsonl"
    if not path.exists():
        subprocess.run([sys.executable, str(REPO / "bench" / "corpus.py")], check=True)
    with path.open() as lines:
        records = [json.loads(line) for _, line in zip(range(n), lines, strict=False)]
    fields = ("text", "source", "published", "title")  # what POST /articles takes of them
    return [{key: record[key] for key in fields if key in record} for record in records]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--sqlite-sizes", type=int, nargs="*", default=[10_000], help="sizes also run on SQLite"
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("CLAIMGRAPH_TEST_POSTGRES", backends.POSTGRES),
        help="a PostgreSQL server to make schemas on",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="keep the PostgreSQL copies (bench_scale_SIZE)"
    )
    parser.add_argument("--endpoints", nargs="+", default=list(ENDPOINTS), choices=ENDPOINTS)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=500, help="per endpoint and run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ingest", type=int, default=48, help="raw articles per worker run")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument(
        "--writer", type=int, default=40, help="articles a worker stores at each size"
    )
    parser.add_argument(
        "--skip", nargs="*", default=[], choices=["startup", "queries", "writer", "ingest"]
    )
    args = parser.parse_args()

    lines: list[str] = []
    starts: list[tuple[str, ...]] = []
    answers: dict[tuple[str, int, int], dict] = {}
    writers: list[tuple[str, ...]] = []
    for size in args.sizes:
        sqlite = build_store(size)
        with postgres_store(args.postgres, size, sqlite, args.reuse) as (url, copied):
            if copied is not None:
                lines.append(
                    f"`claimgraph migrate` of the {size:,}-article store (graph tables"
                    f" included): {copied:.1f} s"
                )
            if "writer" not in args.skip:
                seconds, rss, per, tables = writer_at(url, size, args.writer)
                writers.append(
                    (f"{size:,}", f"{seconds:.1f}", f"{rss:.0f}", f"{per:.1f}", f"{tables:.1f}")
                )
            stores = [("PostgreSQL", url)]
            if size in args.sqlite_sizes:
                stores.insert(0, ("SQLite", str(sqlite)))
            for name, db in stores:
                if "startup" not in args.skip:
                    seconds, rss = startup(db, READS[name], args.runs)
                    starts.append((name, READS[name], f"{size:,}", f"{seconds:.1f}", f"{rss:.0f}"))
                if "queries" in args.skip:
                    continue
                for processes in (1, 2) if name == "PostgreSQL" else (1,):
                    answers[(name, size, processes)] = latency(
                        db,
                        READS[name],
                        processes,
                        size,
                        args.requests,
                        args.clients,
                        args.runs,
                        tuple(args.endpoints),
                    )
    if starts:
        headers = ("store", "reads", "articles", "start-up s", "RSS MiB at start")
        lines += ["", table(headers, starts)]
    if writers:
        headers = ("articles", "start-up s", "RSS MiB", "ms / article stored", "of it, tables")
        lines += ["", "A worker's graph on PostgreSQL:", "", table(headers, writers)]
    if answers:
        setups = list(answers)
        rows = [
            (endpoint, *(_pair(answers[setup][endpoint]) for setup in setups))
            for endpoint in args.endpoints
        ]
        rows.append(("RSS MiB after", *(f"{answers[setup]['rss']:.0f}" for setup in setups)))
        headers = (
            "p50 / p99 ms",
            *(f"{name} {size // 1000}k, {p} API proc." for name, size, p in setups),
        )
        lines += ["", table(headers, rows), "", f"{args.clients} clients in all"]
    if "ingest" not in args.skip:
        texts = raw_articles(args.ingest)
        rows = [(str(n), f"{ingest_rate(args.postgres, texts, n):.2f}") for n in args.workers]
        lines += ["", table(("workers", "articles/s (extraction included)"), rows)]
        lines.append(f"{args.ingest} raw articles of the scale corpus, on an empty store")
    report("Scaling out: PostgreSQL beside SQLite", command_line(), "\n".join(lines))


if __name__ == "__main__":
    main()
