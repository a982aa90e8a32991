"""Sampling profiles with py-spy: record a running process, print where its time goes.

Usage: python bench/stacks.py RAW_FILE [--top 30] [--match graph/,app/]

`record(pid, seconds, out)` attaches py-spy to a process (the benchmarks' --profile options use
it on the API server while it is under load) and writes collapsed stacks ("raw" format); `top`
reads them back as a table of functions by inclusive share (time in the function and what it
calls) and self share (time in the function's own lines).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

# Leaf functions of threads that wait for work (the thread pool's idle workers, the event loop
# polling its sockets): py-spy samples them as running, but they use no CPU.
IDLE = frozenset({"Condition.wait", "EpollSelector.select", "select", "Event.wait"})


def record(pid: int, seconds: int, out: Path, *, rate: int = 200) -> subprocess.Popen[bytes]:
    """Start py-spy on `pid` for `seconds` in the background (all threads, idle ones excluded)."""
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    return subprocess.Popen(
        [
            *(py_spy, "record", "--pid", str(pid), "--duration", str(seconds)),
            *("--rate", str(rate), "--format", "raw", "--output", str(out), "--nonblocking"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _frame(frame: str) -> str:
    # py-spy writes "function (path/to/file.py:line)"; keep function and file, drop the line so
    # that one function is one row.
    name, _, where = frame.partition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    for marker in ("site-packages/", "/work/main/", "lib/python3"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{name} ({path})"


def top(raw: Path, *, limit: int = 30, match: tuple[str, ...] = ()) -> str:
    """The functions taking the largest share of samples, as a Markdown table."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        samples = int(count)
        frames = [_frame(frame) for frame in stack.split(";") if "(" in frame]
        if not frames or frames[-1].split(" ")[0] in IDLE:
            continue
        total += samples
        own[frames[-1]] += samples
        for name in set(frames):
            inclusive[name] += samples
    rows = [
        f"| {inclusive[name] / total:6.1%} | {own[name] / total:6.1%} | `{name}` |"
        for name, _ in inclusive.most_common()
        if not match or any(m in name for m in match)
    ][:limit]
    head = "| inclusive | self | function |\n|---|---|---|"
    return f"{total} busy samples (threads waiting for work left out)\n\n" + "\n".join(
        [head, *rows]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("raw", type=Path)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--match", default="", help="comma-separated parts of names to keep")
    args = parser.parse_args()
    match = tuple(m for m in args.match.split(",") if m)
    print(top(args.raw, limit=args.top, match=match))


if __name__ == "__main__":
    main()
