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
from claimgraph.graph.service import ClaimGraph

__all__ = [
    "EXPORT_FORMATS",
    "ArticleNotFound",
    "ArticleSummary",
    "ClaimGraph",
    "ClaimGraphError",
    "EntityNotFound",
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
    "StoreUnavailable",
    "Timeline",
    "TimelineBucket",
]
