"""extract: text -> Extraction (cleaning, spaCy pipeline, entities, claims, resolution).

The spaCy-dependent names are loaded lazily so that `extract.schema` (the contract shared with
graph/ and app/) can be imported without the NLP stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pipeline import (
        ExtractionError,
        Extractor,
        extraction,
        load_pipeline,
        merge_entities,
        shared_extractor,
    )

__all__ = [
    "ExtractionError",
    "Extractor",
    "extraction",
    "load_pipeline",
    "merge_entities",
    "shared_extractor",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'claimgraph.extract' has no attribute {name!r}")
