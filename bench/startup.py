"""Start-up: the time to open a store and build its graph, and the memory the process then holds.

Usage: python bench/startup.py [--sizes 1000 10000] [--runs 3] [--profile] [--code DIR]

Each run is a fresh Python process that imports graph/ and then times `ClaimGraph.open(db)`
(read every article from SQLite, validate it against the contract, build the graph, apply the
merges, index the names): the start-up of `claimgraph serve`, less loading the spaCy pipeline.
RSS is the process's resident memory once the graph is built (VmRSS) and its peak (VmHWM);
"imports" is the RSS before opening. Table: medians over --runs.
--profile runs pyinstrument over one open of the largest store; --code DIR runs another
checkout's graph/ (e.g. a commit before an optimisation) on the same stores.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

from common import build_store, command_line, median, report, rss_mb, table


def child(db: str, profile: bool) -> None:
    from claimgraph.graph import ClaimGraph

    before, _ = rss_mb()
    profiler = None
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
    start = time.perf_counter()
    graph = ClaimGraph.open(db)
    seconds = time.perf_counter() - start
    if profiler is not None:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False), file=sys.stderr)
    rss, peak = rss_mb()
    G = graph.graph
    result = {"seconds": seconds, "imports_mb": before, "rss_mb": rss, "peak_mb": peak}
    result |= {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    # "graph" in checkouts from before the one package (issue 13), "claimgraph.graph" since
    module = sys.modules.get("graph") or sys.modules["claimgraph.graph"]
    result |= {"code": os.path.dirname(os.path.dirname(module.__file__ or ""))}
    print(json.dumps(result))


def run_child(db: str, *, code: str | None, profile: bool = False) -> dict:
    env = dict(os.environ)
    if code:
        env["PYTHONPATH"] = code
    done = subprocess.run(
        [sys.executable, __file__, "--child", db, *(["--profile"] if profile else [])],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=code or None,
        timeout=600,
    )
    if profile:
        print(done.stderr)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--code", help="a checkout whose graph/ to run instead of this one")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.profile)
        return
    stores = {size: str(build_store(size)) for size in args.sizes}
    if args.profile:
        run_child(stores[max(args.sizes)], code=args.code, profile=True)
        return
    rows = []
    for size, db in stores.items():
        runs = [run_child(db, code=args.code) for _ in range(args.runs)]
        rows.append(
            (
                f"{size:,}",
                f"{runs[0]['nodes']:,} / {runs[0]['edges']:,}",
                f"{median([r['seconds'] for r in runs]):.2f}",
                " / ".join(f"{r['seconds']:.2f}" for r in runs),
                f"{median([r['rss_mb'] for r in runs]):.0f}",
                f"{median([r['peak_mb'] for r in runs]):.0f}",
                f"{median([r['imports_mb'] for r in runs]):.0f}",
            )
        )
    headers = ("articles", "nodes / edges", "open s", "runs s", "RSS MiB", "peak MiB", "imports")
    body = table(headers, rows)
    body += f"\n\ncode: graph/ of {runs[0]['code']}"
    report("Start-up (database -> graph) and memory", command_line(), body)


if __name__ == "__main__":
    main()
