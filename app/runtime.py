"""Opening the store, loading the pipeline and ingesting files: shared by the API and the CLI."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from claimgraph.extract import ExtractionError, Extractor, shared_extractor
from claimgraph.extract.schema import Article
from claimgraph.extract.sources import SourceDocument, SourceError, iter_sources
from claimgraph.graph import ClaimGraph, Graph, IngestResult, StoreGraph
from claimgraph.graph.errors import ClaimGraphError, StoreError
from claimgraph.graph.store import open_store


def open_graph(
    db: str | Path,
    *,
    pool_size: int = 8,
    timeout: float | None = None,
    reads: str = "auto",
    writes: str = "here",
    write_wait: float = 30.0,
) -> Graph:
    """Open (or create) the store `db` names: a SQLite file (its folder created on first use)
    or a PostgreSQL database (`postgresql://…`, its tables created on first use).

    `reads` says where answers come from: "memory", a graph built in this process; "store",
    the store's graph tables (PostgreSQL only: the process then holds nothing that grows with
    the archive, and builds a graph only if asked to write); "auto", the store's tables on
    PostgreSQL and memory on SQLite. `writes` ("here" or "jobs") and `write_wait` say who
    does the writes of a process that reads from the store (see StoreGraph)."""
    store = open_store(db, pool_size=pool_size, timeout=timeout)
    try:
        if reads == "store" or (reads == "auto" and store.read_model):
            return StoreGraph(
                store,
                writer=lambda: ClaimGraph(store, tune_gc=True),
                writes=writes,
                wait=write_wait,
            )
        if writes == "jobs":
            raise StoreError(
                "writes as jobs need a store the service reads from (PostgreSQL, reads=store)"
            )
    except BaseException:
        store.close()
        raise
    # The service owns its process: its graph is built with the collector paused and frozen.
    return ClaimGraph(store, tune_gc=True)


def load_extractor(model: str | None = None) -> Extractor:
    """The extractor over `model` (a spaCy package name or path), or over the bundled pipeline;
    loaded once per process and shared (see `shared_extractor`)."""
    return shared_extractor(model)


@dataclass
class Failure:
    """An input that produced no article: where it came from and why."""

    source: str
    message: str


@dataclass
class IngestReport:
    results: list[IngestResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    interrupted: bool = False

    def count(self, status: str) -> int:
        return sum(result.status == status for result in self.results)

    def summary(self) -> str:
        summary = (
            f"{self.count('created')} created, {self.count('unchanged')} unchanged, "
            f"{len(self.failures)} failed"
        )
        if self.interrupted:
            summary += " before the interruption (run it again: stored articles are skipped)"
        return summary


def extract_sources(
    extractor: Extractor, sources: Iterable[SourceDocument | SourceError]
) -> Iterator[Article | Failure]:
    """Extract every readable source; unreadable ones and extraction errors become Failures.

    One result per source, in order. Documents go through `extract_many` as one stream so
    that spaCy can batch them.
    """
    items = list(sources)
    documents = [item for item in items if isinstance(item, SourceDocument)]
    extracted = iter(extractor.extract_many(documents))
    for item in items:
        if isinstance(item, SourceError):
            yield Failure(item.source, item.message)
            continue
        result = next(extracted)
        if isinstance(result, ExtractionError):
            yield Failure(item.source or "<text>", str(result))
        else:
            yield result


def read_sources(paths: Iterable[str | Path]) -> list[SourceDocument | SourceError]:
    """Every article (or unreadable item) under `paths`: files, folders, JSON and JSONL."""
    sources: list[SourceDocument | SourceError] = []
    for path in map(Path, paths):
        if path.exists() and not (path.is_file() or path.is_dir()):
            # A pipe or a device named on the command line would block the read or never end.
            sources.append(SourceError(str(path), "not a regular file or folder"))
        else:
            sources.extend(iter_sources([path]))
    return sources


def ingest_sources(
    graph: Graph,
    extractor: Extractor,
    sources: list[SourceDocument | SourceError],
    *,
    progress: bool | None = None,
) -> IngestReport:
    """Extract and store every source, one at a time.

    Each article is stored, whole or not at all, as soon as it is extracted, so an interrupted
    run keeps what it finished and reports it; failures are collected, not raised.
    `progress=None` shows a bar on a terminal.
    """
    report = IngestReport()
    bar = tqdm(
        total=len(sources), unit="article", disable=None if progress is None else not progress
    )
    with bar:
        try:
            for outcome in extract_sources(extractor, sources):
                _store(graph, outcome, report)
                bar.update()
        except KeyboardInterrupt:
            report.interrupted = True
    return report


def _store(graph: Graph, outcome: Article | Failure, report: IngestReport) -> None:
    if isinstance(outcome, Failure):
        report.failures.append(outcome)
        return
    try:
        report.results.append(graph.ingest(outcome))
    except ClaimGraphError as exc:
        report.failures.append(Failure(outcome.source or outcome.id, str(exc)))
