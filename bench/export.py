"""Graph exports: the whole graph per format, and an entity's neighbourhood as the store grows.

Usage: python bench/export.py [--size 10000] [--runs 3] [--formats ...] [--profile FORMAT]
                              [--code DIR]

1. Full graph: `ClaimGraph.export(format)` of the store of --size articles, per format (the
   string `GET /graph?format=…` and `claimgraph export` return), median of --runs, with the
   document's size.
2. Neighbourhood: `export("node-link", entity=…, depth=1 and 2)` of --sample entities named
   only by the first 1,000 articles (drawn, seeded), on the stores of 1,000 and --size
   articles. Their depth-1 neighbourhoods are the same in both stores, so the times should
   match unless something walks the whole graph; at depth 2 they grow with the store (an
   organisation a person is affiliated with at depth 1 gains articles), so compare the time
   per node returned.
One process (graph/ in memory, no HTTP). --code DIR times another checkout's graph/.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time

from common import build_store, command_line, median, report, table

FORMATS = ("node-link", "cytoscape", "graphology", "gexf", "graphml")
DEPTHS = (1, 2)


def _entities(graph, n: int, seed: int = 11) -> list[str]:  # type: ignore[no-untyped-def]
    """n entities that only the first 1,000 articles name, picked uniformly (seeded).

    Their depth-1 neighbourhoods are the same in the 1,000- and the 10,000-article store, so
    any difference in time there is the cost of the graph around them.
    """
    kinds = ("person", "organization", "place")
    nodes = sorted(
        node
        for node, data in graph.graph.nodes(data=True)
        if data.get("kind") in kinds and all(_seq(graph, a) <= 1000 for a in data["articles"])
    )
    return random.Random(seed).sample(nodes, min(n, len(nodes)))


def _seq(graph, article_id: str) -> int:  # type: ignore[no-untyped-def]
    return int(graph.graph.nodes[f"article:{article_id}"]["seq"])


def child(db: str, job: dict) -> None:
    from claimgraph.graph import ClaimGraph

    result: dict[str, object] = {}
    with ClaimGraph.open(db) as graph:
        if job.get("profile"):
            from pyinstrument import Profiler

            with Profiler(interval=0.001) as profiler:
                graph.export(job["profile"])
            print(profiler.output_text(unicode=True, color=False), file=sys.stderr)
            return
        for fmt in job["formats"]:
            times, size = [], 0
            for _ in range(job["runs"]):
                start = time.perf_counter()
                size = len(graph.export(fmt).encode())
                times.append(time.perf_counter() - start)
            result[fmt] = {"times": times, "bytes": size}
        entities = job.get("entities") or _entities(graph, job["sample"])
        result["entities"] = entities
        result["code"] = os.path.dirname(os.path.dirname(sys.modules["graph"].__file__ or ""))
        for depth in DEPTHS:
            times, nodes = [], 0
            for entity in entities:
                start = time.perf_counter()
                document = graph.export("node-link", entity=entity, depth=depth)
                times.append(time.perf_counter() - start)
                nodes += len(json.loads(document)["nodes"])
            result[f"depth{depth}"] = {"times": times, "nodes": nodes}
    print(json.dumps(result))


def run_child(db: str, job: dict, code: str | None) -> dict:
    env = dict(os.environ)
    if code:
        env["PYTHONPATH"] = code
    done = subprocess.run(
        [sys.executable, __file__, "--child", db],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=code or None,
        timeout=3000,
    )
    if job.get("profile"):
        print(done.stderr)
        return {}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    parser.add_argument("--sample", type=int, default=30, help="entities for the neighbourhood")
    parser.add_argument("--profile", choices=FORMATS, help="pyinstrument one full export")
    parser.add_argument("--code", help="a checkout whose graph/ to run instead of this one")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, json.loads(sys.stdin.read()))
        return
    big, small = str(build_store(args.size)), str(build_store(1000))
    if args.profile:
        run_child(big, {"profile": args.profile}, args.code)
        return
    job = {"formats": args.formats, "runs": args.runs, "sample": args.sample}
    at_big = run_child(big, job, args.code)
    at_small = run_child(small, job | {"formats": [], "entities": at_big["entities"]}, args.code)
    rows = [
        (fmt, f"{median(at_big[fmt]['times']):.2f}", f"{at_big[fmt]['bytes'] / 2**20:.1f}")
        for fmt in args.formats
    ]
    body = f"Whole graph, store of {args.size:,} articles (median of {args.runs}):\n\n"
    body += table(("format", "seconds", "MiB"), rows)
    rows = []
    for depth in DEPTHS:
        for label, result in (("1,000", at_small), (f"{args.size:,}", at_big)):
            part = result[f"depth{depth}"]
            n = len(part["times"])
            rows.append(
                (
                    f"depth {depth}",
                    label,
                    f"{median(part['times']) * 1000:.1f}",
                    f"{part['nodes'] / n:.0f}",
                    f"{sum(part['times']) * 1e6 / max(part['nodes'], 1):.1f}",
                )
            )
    n = len(at_big["entities"])
    body += f"\n\nNeighbourhood (node-link) of the same {n} entities in both stores:\n\n"
    body += table(("depth", "store", "median ms", "nodes (mean)", "µs per node"), rows)
    body += f"\n\ncode: graph/ of {at_big['code']}"
    report("Graph export", command_line(), body)


if __name__ == "__main__":
    main()
