"""Large exports written by a forked copy of the process, so that they never stall short
queries.

networkx's writers are pure Python: a whole-graph GEXF of a 1,000-article store takes ~8 s of
interpreter time, and in a worker thread of the API process it takes the interpreter from the
requests beside it (their p99 four to twelve times what it is on an idle server,
bench/export_load.py); copying the graph for it, or pickling it to another process, still
holds the interpreter for most of a second. A fork costs milliseconds (the child's memory is
the parent's, copied only where either writes) and is taken while the graph is held, so the
child writes exactly the graph of that moment while the parent goes on answering; the
request's thread only reads the text from a pipe.

The child runs nothing but the export (pure Python, no threads, no database) and leaves with
os._exit, so nothing the parent's other threads held at the fork (a database connection, the
extraction pool) is touched in it. On platforms without a safe fork of a threaded process
(anything but Linux), and under `threshold` nodes (a neighbourhood of a few dozen nodes),
the export is written in place.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable

from claimgraph.graph.errors import ClaimGraphError

Waiter = Callable[[], str]


class ExportFailed(ClaimGraphError):
    """The process writing an export died (killed, out of memory)."""


def can_fork() -> bool:
    return sys.platform == "linux" and hasattr(os, "fork")


class ForkedExports:
    """Starts exports of `threshold` nodes or more in a forked child (see the module)."""

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold if can_fork() else 0
        self.forked = 0  # exports written by a child (for tests and benchmarks)

    def wanted(self, nodes: int) -> bool:
        return self.threshold > 0 and nodes >= self.threshold

    def start(self, produce: Callable[[], str]) -> Waiter:
        """Fork a child that writes `produce()` to a pipe (call it while the graph is held);
        returns what waits for the text (call it once the graph is let go)."""
        read_end, write_end = os.pipe()
        with warnings.catch_warnings():
            # Python 3.12+ warns on any fork of a threaded process; the child here runs only
            # the export (see the module).
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # the child
            status = 1
            try:
                os.close(read_end)
                # Below the requests in the scheduler's eyes: on a machine of few cores the
                # export takes what the server leaves, not the other way round.
                os.nice(10)
                data = produce().encode()
                view = memoryview(data)
                while view:
                    view = view[os.write(write_end, view) :]
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self.forked += 1

        def wait() -> str:
            chunks = []
            try:
                while chunk := os.read(read_end, 1 << 20):
                    chunks.append(chunk)
            finally:
                os.close(read_end)
                _, status = os.waitpid(pid, 0)
            if status != 0:
                raise ExportFailed("the process writing the export stopped before it finished")
            return b"".join(chunks).decode()

        return wait
