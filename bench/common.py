"""Helpers shared by the speed benchmarks: the machine, medians, tables, data and stores."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
# Generated corpora and stores live here, never in git (.gitignore lists bench/.data/).
DATA = BENCH / ".data"


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "-"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def other_load() -> list[str]:
    """Other CPU-heavy jobs we know of (model training) that would skew the figures."""
    found = subprocess.run(
        ["pgrep", "-af", "encoder_ner|extract.training"], capture_output=True, text=True
    ).stdout
    return [line for line in found.splitlines() if str(os.getpid()) != line.split(" ", 1)[0]]


def machine() -> str:
    """One paragraph saying what the figures were measured on."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [
        f"machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu_model()}",
        f"Python {platform.python_version()}, spaCy {_version('spacy')}, "
        f"networkx {_version('networkx')}, pydantic {_version('pydantic')}, "
        f"fastapi {_version('fastapi')}, SQLite {_sqlite_version()}; {platform.platform()}",
        f"load average at start: {load}",
    ]
    busy = other_load()
    if busy:
        lines.append(f"WARNING: other CPU-heavy jobs running ({len(busy)}): figures are skewed")
    return "\n".join(lines)


def _sqlite_version() -> str:
    import sqlite3

    return sqlite3.sqlite_version


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between closest ranks."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def timed(call: Callable[[], object]) -> float:
    """Seconds one call takes (wall clock)."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table (it pastes into the README as is)."""
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(headers)]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(list(headers)), rule, *(line(row) for row in cells)])


def rss_mb(pid: int | str = "self") -> tuple[float, float]:
    """(current, peak) resident set size of a process in MiB, from /proc."""
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    fields = {line.split(":")[0]: line.split()[1] for line in status if line.startswith("Vm")}
    return int(fields["VmRSS"]) / 1024, int(fields["VmHWM"]) / 1024


def report(title: str, command: str, body: str) -> None:
    """Print a benchmark's result: what, how to reproduce it, on what, the table."""
    print(f"\n## {title}\n\n`{command}`\n\n{machine()}\n\n{body}\n", flush=True)


def command_line() -> str:
    return "python " + " ".join([os.path.relpath(sys.argv[0], REPO), *sys.argv[1:]])


def store_path(n: int) -> Path:
    return DATA / f"store-{n}.db"


def build_store(n: int, *, rebuild: bool = False) -> Path:
    """A store of the corpus's first n articles (ingested through ClaimGraph), built once."""
    from claimgraph.graph import ClaimGraph

    import corpus

    path = store_path(n)
    if path.exists() and not rebuild:
        return path
    tmp = path.with_suffix(".building.db")
    for stale in DATA.glob(tmp.name + "*"):
        stale.unlink()
    start = time.perf_counter()
    with ClaimGraph.open(tmp) as graph:
        graph.ingest_many(corpus.load_articles(n))
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    tmp.replace(path)
    print(f"built {path.name} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return path


def copy_store(n: int, to: Path) -> Path:
    """A private copy of the n-article store (benchmarks that write must not change it)."""
    import shutil

    shutil.copyfile(build_store(n), to)
    return to
