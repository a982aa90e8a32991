"""claimgraph: who said what, to whom, about whom, read from news articles.

The public API is what this module exports (`__all__`); everything else, including the
subpackages `claimgraph.extract`, `claimgraph.graph` and `claimgraph.app`, is private by
convention and may change between releases.

In three lines, what `claimgraph ingest` and `claimgraph query` do:

    >>> import claimgraph
    >>> store = claimgraph.open_store(":memory:")
    >>> text = '"We will rebuild the bridge," said Mayor Ada Park.'
    >>> store.ingest(claimgraph.extract_text(text, title="Bridge"))
    IngestResult(article_id='a-...', status='created', title='Bridge', entities=1, claims=1)
    >>> [(c.speaker.name, c.text) for c in store.claims(speaker="Ada Park").data]
    [('Ada Park', 'We will rebuild the bridge')]

The library never prints (it logs through `logging`, under the "claimgraph" logger) and leaves
process-wide settings (warnings filters, the garbage collector) as it found them.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from claimgraph._api import extract_files, extract_text, open_store
from claimgraph.extract.errors import ExtractionError
from claimgraph.extract.schema import Article, Claim, Entity, EntityRef, Extraction
from claimgraph.graph import ClaimGraph, ClaimGraphError, IngestResult, Page

try:
    __version__ = version("claimgraph")
except PackageNotFoundError:  # a source checkout that was never installed
    __version__ = "0+unknown"

__all__ = [
    "Article",
    "Claim",
    "ClaimGraph",
    "ClaimGraphError",
    "Entity",
    "EntityRef",
    "Extraction",
    "ExtractionError",
    "IngestResult",
    "Page",
    "__version__",
    "extract_files",
    "extract_text",
    "open_store",
]
