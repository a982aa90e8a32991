"""The custom Doc attributes our components read and write, registered once."""

from __future__ import annotations

from spacy.tokens import Doc

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
