"""Query latency under concurrent load: a real server, a separate load-generator process.

Usage: python bench/queries.py [--size 10000] [--clients 32] [--requests 1000] [--runs 3]
                               [--graph-requests 200] [--endpoints claims-about ...]
                               [--code DIR] [--profile] [--answer-cache N]

Starts `claimgraph serve --db <store of --size articles> --port <free port>` (127.0.0.1 only)
as one process, waits for /health, then runs a load generator in a second process: --clients
concurrent clients (one kept-alive connection each) share --requests requests per endpoint and
run, each request timed from send to the last byte of the body (a bare asyncio HTTP/1.1
client, so that the client's own CPU use stays small; "client CPU" is its share of one core).
Each endpoint is loaded on its own, --runs times (after a warm-up); the table shows the median
over runs of each percentile. Everything is bounded (a fixed number of requests, a time limit
per run) and the server is stopped at the end. /graph answers are far larger (a depth-2
neighbourhood), so it gets --graph-requests requests per run. --code DIR serves another
checkout's code (e.g. a commit before an optimisation) on the same store; --profile samples the
server with py-spy during one run per endpoint and prints its hottest functions.
The server caches answers by request until the graph changes (app/cache.py): the runs after
the first find the popular questions answered; --answer-cache 0 switches that off, so that every
request is computed afresh (the worst case: nothing asked twice).

Query values are drawn (seeded) from the corpus by how often each entity is named, as users ask
about the people in the news far more than about the rest:
  claims-about    /claims?about=<entity name>
  claims-speaker  /claims?speaker=<person name>
  entities        /entities?q=<a surname or the first letters of a name>
  graph           /graph?entity=<entity id>&depth=2   (node-link JSON)
On a 2-core machine the load generator shares the CPUs with the server, as it would with any
client on the same host; its own cost is part of the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from urllib.parse import quote

import corpus
from common import DATA, REPO, build_store, command_line, median, percentile, report, table

ENDPOINTS = ("claims-about", "claims-speaker", "entities", "graph")
RUN_LIMIT_S = 300


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def query_paths(endpoint: str, n: int, size: int, seed: int = 7) -> list[str]:
    """n request paths for an endpoint, entities drawn by how often the corpus names them."""
    rng = random.Random(f"{seed}:{endpoint}")
    named: Counter[tuple[str, str, str]] = Counter()
    for article in corpus.load_articles(min(size, 2000)):
        for entity in article.entities:
            named[(entity.id, entity.name, entity.type)] += 1
    pool = [key for key in named if endpoint != "claims-speaker" or key[2] == "person"]
    weights = [named[key] for key in pool]
    picks = rng.choices(pool, weights, k=n)
    if endpoint == "claims-about":
        return [f"/claims?about={quote(name)}" for _, name, _ in picks]
    if endpoint == "claims-speaker":
        return [f"/claims?speaker={quote(name)}" for _, name, _ in picks]
    if endpoint == "entities":
        return [f"/entities?q={quote(_search_words(rng, name))}" for _, name, _ in picks]
    # The neighbourhood of an entity picked at random: a user opens the graph around whoever
    # they are reading about; the few hubs every article names would each be half the graph.
    distinct = sorted(named)
    return [f"/graph?entity={quote(rng.choice(distinct)[0])}&depth=2" for _ in range(n)]


def _search_words(rng: random.Random, name: str) -> str:
    words = name.split()
    return words[-1] if rng.random() < 0.6 else name[: max(3, len(name) // 2)]


# -- the load generator (runs in its own process) ----------------------------------------------


async def _get(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str
) -> tuple[int, bytes]:
    """One HTTP/1.1 GET on a kept-alive connection: (status, body)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return status, await reader.readexactly(length)


async def _load(base: str, paths: list[str], clients: int) -> dict[str, object]:
    # A bare asyncio HTTP/1.1 client: httpx spends about a millisecond of CPU per request,
    # which on two cores took as much CPU as the server and measured the client, not the server.
    host, port = base.removeprefix("http://").split(":")
    queue: asyncio.Queue[str] = asyncio.Queue()
    for path in paths:
        queue.put_nowait(path)
    latencies: list[float] = []
    statuses: Counter[int] = Counter()

    async def worker() -> None:
        reader, writer = await asyncio.open_connection(host, int(port), limit=2**26)
        try:
            while not queue.empty():
                path = queue.get_nowait()
                start = time.perf_counter()
                status, _ = await _get(reader, writer, path)
                latencies.append((time.perf_counter() - start) * 1000)
                statuses[status] += 1
        finally:
            writer.close()

    cpu, start = time.process_time(), time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(worker() for _ in range(clients))), RUN_LIMIT_S)
    elapsed = time.perf_counter() - start
    return {
        "latencies": latencies,
        "statuses": dict(statuses),
        "seconds": elapsed,
        "client_cpu": time.process_time() - cpu,
    }


def client_main() -> None:
    job = json.loads(sys.stdin.read())
    result = asyncio.run(_load(job["base"], job["paths"], job["clients"]))
    print(json.dumps(result))


def run_load(base: str, paths: list[str], clients: int) -> dict:
    """One load run in a separate process; its measurements."""
    job = json.dumps({"base": base, "paths": paths, "clients": clients})
    done = subprocess.run(
        [sys.executable, __file__, "--client"],
        input=job,
        capture_output=True,
        text=True,
        timeout=RUN_LIMIT_S + 60,
    )
    if done.returncode != 0:
        raise SystemExit(f"the load client failed on {base}: {done.stderr[-2000:]}")
    return dict(json.loads(done.stdout))


# -- the server ---------------------------------------------------------------------------------


def start_server(
    db: Path,
    port: int,
    code: str | None = None,
    answer_cache: int | None = None,
    settings: dict[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    """`claimgraph serve` on 127.0.0.1 (from the checkout `code`, if given), once it answers;
    `settings` are CLAIMGRAPH_* variables to set."""
    serve = ["serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    env = dict(os.environ) | (settings or {})
    if answer_cache is not None:
        env["CLAIMGRAPH_ANSWER_CACHE_ENTRIES"] = str(answer_cache)
    if code:
        env["PYTHONPATH"] = code
        # Checkouts from before the one package (issue 13) import their CLI as app.cli.
        cli = "claimgraph.app.cli" if (Path(code) / "claimgraph").is_dir() else "app.cli"
        command = [sys.executable, "-c", f"from {cli} import main; main()", *serve]
    else:
        command = [str(Path(sys.executable).parent / "claimgraph"), *serve]
    server = subprocess.Popen(
        command,
        cwd=code or REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_until_up(f"http://127.0.0.1:{port}", server)
    return server


def wait_until_up(base: str, server: subprocess.Popen[bytes], limit_s: float = 180) -> None:
    import httpx

    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    stop_server(server)
    raise SystemExit(f"the server did not answer within {limit_s} s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="articles in the store")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=1000, help="per endpoint and run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--graph-requests", type=int, default=200, help="per run, for /graph")
    parser.add_argument("--code", help="a checkout whose code to serve instead of this one")
    parser.add_argument("--endpoints", nargs="+", choices=ENDPOINTS, default=list(ENDPOINTS))
    parser.add_argument(
        "--profile", action="store_true", help="py-spy the server during one run per endpoint"
    )
    parser.add_argument(
        "--answer-cache",
        type=int,
        default=None,
        help="CLAIMGRAPH_ANSWER_CACHE_ENTRIES for the server (0: every answer computed afresh)",
    )
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        client_main()
        return

    db = build_store(args.size)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(db, port, args.code, args.answer_cache)
    rows = []
    try:
        for endpoint in args.endpoints:
            n = args.graph_requests if endpoint == "graph" else args.requests
            paths = query_paths(endpoint, n, args.size)
            run_load(base, paths[: max(args.clients, 50)], args.clients)  # warm-up
            if args.profile:
                profile(server.pid, endpoint, partial(run_load, base, paths, args.clients))
                continue
            runs = [run_load(base, paths, args.clients) for _ in range(args.runs)]
            rows.append(_row(endpoint, paths[0], runs))
    finally:
        stop_server(server)
    if args.profile:
        return
    headers = ("endpoint", "example", "p50 ms", "p95 ms", "p99 ms", "req/s", "non-200")
    body = table((*headers, "client CPU"), rows)
    body += f"\n\n{args.clients} concurrent clients, {args.requests} requests per run, "
    body += f"({args.graph_requests} for graph), {args.runs} runs, store of {args.size:,} articles"
    body += f"; code: {args.code or REPO}"
    if args.answer_cache is not None:
        body += f"; CLAIMGRAPH_ANSWER_CACHE_ENTRIES={args.answer_cache}"
    report("Query latency under concurrent load", command_line(), body)


def profile(pid: int, endpoint: str, load: Callable[[], object]) -> None:
    """Sample the server with py-spy while `load` runs; print its hottest functions."""
    import stacks

    raw = DATA / f"profile-{endpoint}.txt"
    spy = stacks.record(pid, RUN_LIMIT_S, raw)
    time.sleep(1)  # py-spy attaches
    load()
    spy.send_signal(signal.SIGINT)
    spy.wait(timeout=60)
    print(f"\n### {endpoint} (server profile, py-spy; {raw})\n")
    print(stacks.top(raw, limit=35))


def _row(endpoint: str, example: str, runs: list[dict]) -> tuple[str, ...]:
    def over_runs(q: float) -> str:
        return f"{median([percentile(run['latencies'], q) for run in runs]):.1f}"

    rate = median([len(run["latencies"]) / run["seconds"] for run in runs])
    errors = sum(n for run in runs for code, n in run["statuses"].items() if code != "200")
    return (
        endpoint,
        f"`{example}`",
        over_runs(50),
        over_runs(95),
        over_runs(99),
        f"{rate:.0f}",
        str(errors),
        f"{median([run['client_cpu'] / run['seconds'] for run in runs]):.0%}",
    )


if __name__ == "__main__":
    main()
