"""The library's entry points: extract an article from text or files, open a store."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from claimgraph.extract.errors import ExtractionError
from claimgraph.extract.schema import Article
from claimgraph.extract.sources import SourceDocument, SourceError, iter_sources
from claimgraph.graph import ClaimGraph


def extract_text(
    text: str,
    *,
    source: str | None = None,
    format: Literal["auto", "text", "html"] = "auto",
    title: str | None = None,
    published: str | None = None,
    byline: str | None = None,
    outlet: str | None = None,
    model: str | None = None,
) -> Article:
    """Extract one article's entities and attributed claims from its text or HTML.

    `model` names an installed spaCy pipeline (package or path); None uses
    `CLAIMGRAPH_SPACY_MODEL`, else the pipeline bundled with claimgraph. The pipeline loads on
    the first call (a few seconds) and is shared by every later call from any thread.
    `source` (a URL or a path), `title`, `published`, `byline` and `outlet` describe where the
    text was published; a page's own metadata fills in what is not given, and a URL's site
    names the outlet. Every
    claim's `text` is `article.text[claim.start_char:claim.end_char]`.

    Raises `claimgraph.ExtractionError` for what is no article (empty, binary, too long).

    >>> article = extract_text(
    ...     "Mayor Ada Park said the bridge would reopen in May. "
    ...     '"We will not cut corners," she told the Riverton Gazette.',
    ...     title="Bridge to reopen",
    ... )
    >>> [(e.name, e.type) for e in article.entities]
    [('Ada Park', 'person'), ('Riverton Gazette', 'organization')]
    >>> [(c.speaker.name, c.cue, c.kind, c.text) for c in article.claims]
    [('Ada Park', 'said', 'indirect', 'the bridge would reopen in May'), \
('Ada Park', 'told', 'direct', 'We will not cut corners')]
    >>> article.claims[1].addressee.name
    'Riverton Gazette'
    """
    from claimgraph.extract.pipeline import shared_extractor

    document = SourceDocument(
        text=text,
        source=source,
        format=format,
        title=title,
        published=published,
        byline=byline,
        outlet=outlet,
    )
    return shared_extractor(model).extract(document)


def extract_files(
    paths: Iterable[str | os.PathLike[str]], *, model: str | None = None
) -> Iterator[Article]:
    """Extract every article under `paths` (text, HTML, JSON and JSONL files; folders are read
    recursively in sorted order), one Article at a time, as `claimgraph extract` does.

    An input that cannot be read or is no article raises `claimgraph.ExtractionError` naming
    it; articles before it have already been yielded.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "bridge.txt").write_text('"It is safe," said engineer Tom Reyes.')
    >>> for article in extract_files([folder]):
    ...     print(Path(article.source).name, article.claims[0].speaker.name)
    bridge.txt Tom Reyes
    """
    from claimgraph.extract.pipeline import shared_extractor

    extractor = shared_extractor(model)
    for item in iter_sources(Path(path) for path in paths):
        if isinstance(item, SourceError):
            raise ExtractionError(str(item))
        try:
            yield extractor.extract(item)
        except ExtractionError as exc:
            raise ExtractionError(f"{item.source or '<text>'}: {exc}") from exc


def open_store(url: str | os.PathLike[str] = ":memory:") -> ClaimGraph:
    """Open (creating it if needed) a claimgraph store and its graph: a SQLite file's path,
    `sqlite:///path`, or ":memory:" for one that lives as long as the object.

    The returned ClaimGraph answers the same questions as the REST API: `claims(...)`,
    `entities(...)`, `entity(ref)`, `said(ref)`, `mentioned(ref)`, `speakers(about=...)`,
    `paths(a, b)`, `neighbourhood(ref)` and `export(format, ...)`; `ingest(article)` adds an
    article. Use it as a context manager, or call `close()`.

    >>> with open_store(":memory:") as store:
    ...     _ = store.ingest(extract_text("Officials in Riverton said the dam held."))
    ...     store.health()["articles"]
    1
    """
    location = os.fspath(url)
    if location.startswith("sqlite:///"):
        location = location.removeprefix("sqlite:///")
    elif "://" in location:
        scheme = location.split("://", 1)[0]
        raise ValueError(f"unsupported store {scheme!r}: use a SQLite file's path or sqlite:///")
    return ClaimGraph.open(Path(location).expanduser() if location != ":memory:" else location)
