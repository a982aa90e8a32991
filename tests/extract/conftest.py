"""Fixtures for rule tests: small docs built inline, with no trained model."""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from claimgraph.extract import lexicon
from claimgraph.extract.cleaning import Paragraph
from claimgraph.extract.pipeline import add_components
from claimgraph.extract.quotes import whole_text_paragraphs

_PRONOUNS = {"he", "she", "they", "i", "we", "it", "you"}


@pytest.fixture(scope="session")
def rules_nlp() -> Language:
    """A blank English pipeline with our rule components and a sentencizer."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return add_components(nlp)


def annotate(
    nlp: Language, text: str, ents: dict[str, str], verbs: frozenset[str] = frozenset()
) -> Doc:
    """Tokenise `text`, tag cue words as verbs and mark the given entities (name -> label).

    This stands in for the statistical model so that rules are tested on their own.
    """
    doc = nlp.make_doc(text)
    cues = lexicon.cues()
    for token in doc:
        if token.lower_ in cues or token.lower_ in verbs or token.lower_.endswith("ed"):
            token.pos_ = "VERB"
        elif token.lower_ in {"is", "was", "were", "are", "will", "would", "has", "had", "be"}:
            token.pos_ = "AUX"
        elif token.lower_ in {"that", "if", "whether"}:
            token.pos_ = "SCONJ"
        elif token.lower_ in _PRONOUNS:
            token.pos_ = "PRON"
        elif token.is_alpha:
            token.pos_ = "PROPN" if token.is_title else "NOUN"
    spans = []
    for name, label in ents.items():
        for match in re.finditer(re.escape(name), text):
            span = doc.char_span(match.start(), match.end(), label=label)
            if span is not None:
                spans.append(span)
    doc.ents = spacy.util.filter_spans(spans)
    doc._.paragraphs = whole_text_paragraphs(text)
    for token in doc[1:]:
        doc[token.i].is_sent_start = "\n" in doc[token.i - 1].text_with_ws or None
    return doc


def run_rules(
    nlp: Language,
    text: str,
    ents: dict[str, str] | None = None,
    verbs: frozenset[str] = frozenset(),
) -> Doc:
    doc = annotate(nlp, text, ents or {}, verbs)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def run_rules_with_spans(nlp: Language, text: str, ents: list[tuple[str, int, str]]) -> Doc:
    """Run the rules on `text` with the model's entities given one by one: (name, which
    occurrence of it, label), so one name may carry two labels, or two names the model read
    apart stand side by side ("Wade" | "Holloway")."""
    doc = annotate(nlp, text, {})
    spans = []
    for name, nth, label in ents:
        start = -1
        for _ in range(nth + 1):
            start = text.index(name, start + 1)
        span = doc.char_span(start, start + len(name), label=label)
        assert isinstance(span, Span)
        spans.append(span)
    doc.ents = spans
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


__all__ = ["Paragraph", "Span", "annotate", "run_rules", "run_rules_with_spans"]
