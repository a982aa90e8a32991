"""Extractions -> knowledge graph: cross-article merges, storage, queries and exports."""

from claimgraph.graph.errors import (
    ArticleNotFound,
    ClaimGraphError,
    EntityNotFound,
    GraphTooLarge,
    InvalidArticle,
    InvalidQuery,
    MergeNotFound,
    NotFoundError,
    SplitNotFound,
    StoreError,
    StoreUnavailable,
)
from claimgraph.graph.export import EXPORT_FORMATS
from claimgraph.graph.models import (
    ArticleSummary,
    GraphPath,
    IngestResult,
    Merge,
    Page,
    PathStep,
    SpeakerCount,
    Split,
    Timeline,
    TimelineBucket,
)
from claimgraph.graph.reader import StoreGraph
from claimgraph.graph.service import ClaimGraph

# What app/ serves from: the in-memory graph, or the store's graph tables (graph/reader.py).
Graph = ClaimGraph | StoreGraph

__all__ = [
    "EXPORT_FORMATS",
    "ArticleNotFound",
    "ArticleSummary",
    "ClaimGraph",
    "ClaimGraphError",
    "EntityNotFound",
    "Graph",
    "GraphPath",
    "GraphTooLarge",
    "IngestResult",
    "InvalidArticle",
    "InvalidQuery",
    "Merge",
    "MergeNotFound",
    "NotFoundError",
    "Page",
    "PathStep",
    "SpeakerCount",
    "Split",
    "SplitNotFound",
    "StoreError",
    "StoreGraph",
    "StoreUnavailable",
    "Timeline",
    "TimelineBucket",
]
