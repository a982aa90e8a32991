"""Ingest speed: pre-extracted Articles into the store and graph, and the cost of one more.

Usage: python bench/ingest.py [--runs 3] [--batch 1000] [--probe 100] [--sizes 1000 10000]
                              [--profile]

1. Throughput: `ClaimGraph.ingest` of the corpus's first --batch Articles into a fresh store,
   one transaction each (as `claimgraph ingest` and `POST /articles` do); median of --runs.
2. The cost of one more article as the store grows: on a copy of the store of each size, the
   time to ingest each of --probe further articles (the corpus's articles N.., generated past
   its end), median and p90 per article. Flat means the cost does not grow with the store.

Articles come from bench/corpus.py (generated with their extraction: no spaCy here), so this
measures graph/ alone: SQLite writes (WAL, synchronous=FULL), merge proposals, graph updates.
--profile runs pyinstrument over one throughput run and prints where the time goes.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from claimgraph.graph import ClaimGraph

import corpus
from common import DATA, command_line, copy_store, median, percentile, report, table


def throughput(articles: list, folder: Path, *, profile: bool = False) -> float:
    """Articles per second into a fresh store."""
    db = folder / "throughput.db"
    for stale in folder.glob("throughput.db*"):
        stale.unlink()
    with ClaimGraph.open(db) as graph:
        profiler = _profiler() if profile else None
        start = time.perf_counter()
        for article in articles:
            graph.ingest(article)
        elapsed = time.perf_counter() - start
        if profiler is not None:
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False, show_all=False))
    return len(articles) / elapsed


def _profiler():  # type: ignore[no-untyped-def]
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    return profiler


def marginal(size: int, probes: list, folder: Path) -> list[float]:
    """Milliseconds to ingest each probe article into a copy of the store of `size` articles."""
    db = copy_store(size, folder / f"store-{size}.db")
    times = []
    with ClaimGraph.open(db) as graph:
        for article in probes:
            start = time.perf_counter()
            graph.ingest(article)
            times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=1000, help="articles per throughput run")
    parser.add_argument("--probe", type=int, default=100, help="articles timed at each size")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    articles = corpus.load_articles(max(args.batch, *args.sizes))
    batch = articles[: args.batch]
    probes = corpus.extra_articles(max(args.sizes), args.probe)
    DATA.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=DATA) as tmp:
        folder = Path(tmp)
        if args.profile:
            throughput(batch, folder, profile=True)
            return
        rates = [throughput(batch, folder) for _ in range(args.runs)]
        rows = [
            (
                f"ingest {len(batch)} articles into an empty store",
                f"{median(rates):.0f} articles/s",
                f"{1000 / median(rates):.2f} ms/article",
                " / ".join(f"{r:.0f}" for r in rates),
            )
        ]
        for size in args.sizes:
            times = marginal(size, probes, folder)
            rows.append(
                (
                    f"one more article, store of {size:,}",
                    f"{1000 / median(times):.0f} articles/s",
                    f"{median(times):.2f} ms (p90 {percentile(times, 90):.2f})",
                    f"{len(times)} articles",
                )
            )
    body = table(("measure", "throughput", "per article (median)", "runs"), rows)
    report("Ingest (pre-extracted Articles -> SQLite + graph)", command_line(), body)


if __name__ == "__main__":
    main()
