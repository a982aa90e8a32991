"""The custom Doc attributes our components read and write, registered once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from spacy.tokens import Doc

T = TypeVar("T")

_DOC_ATTRS = (
    "paragraphs",  # list[cleaning.Paragraph]: set by the Extractor before the pipeline runs
    "quotes",  # list[quotes.Quote]
    "mentions",  # list[entities.Mention]
    "attributions",  # list[attribution.Attribution]
    "entities",  # list[schema.Entity]: resolved within the article
    "claims",  # list[schema.Claim]
)


def register() -> None:
    for attr in _DOC_ATTRS:
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)


register()


def text_of(doc: Doc) -> str:
    """`doc.text`, built once: spaCy joins every token's text again on each `doc.text`."""
    text = doc.user_data.get("claimgraph_text")
    if text is None:
        text = doc.user_data["claimgraph_text"] = doc.text
    return str(text)


def starts_of(doc: Doc, key: str, items: list[T], start: Callable[[T], int]) -> list[int]:
    """`[start(item) for item in items]`, kept in the doc while `items` is the same list: for
    finding a position among sorted paragraphs or mentions by bisection, once per document
    rather than by a walk per question (quadratic in the article's length)."""
    cached = doc.user_data.get(key)
    if cached is None or cached[0] is not items:
        cached = doc.user_data[key] = (items, [start(item) for item in items])
    starts: list[int] = cached[1]
    return starts
