"""Sentences as our rules read them: found in O(log n) and never longer than a window.

spaCy's `Token.sent` checks the whole document for sentence annotation and then walks to the
sentence's ends on every call: linear in the document, so rules that ask it once per quote or
cue were quadratic in an article's length (a text of nothing but quotation marks took 80 s at
40,000 characters). The hooks installed here answer from sentence starts collected once, and
cut a sentence to SENTENCE_WINDOW tokens either side of the token that asks: no real sentence is
that long (a news sentence runs to a few dozen tokens), but a text with no sentence breaks at
all would otherwise make every rule that scans "its sentence" scan the whole text.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

SENTENCE_WINDOW = 200
_STARTS = "claimgraph_sentence_starts"


def install(doc: Doc) -> None:
    """Collect `doc`'s sentence starts (once its parse is done) and answer `.sent` from them."""
    # A pipeline that sets no sentence boundaries reads as one sentence, cut to windows.
    marked = len(doc) and doc.has_annotation("SENT_START")
    doc.user_data[_STARTS] = [sent.start for sent in doc.sents] if marked else [0]
    doc.user_token_hooks["sent"] = _token_sentence
    doc.user_span_hooks["sent"] = _span_sentence


def sentence_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The sentence around tokens [start, end), cut to the window around them."""
    starts: list[int] = doc.user_data[_STARTS]
    k = bisect_right(starts, start) - 1
    first = starts[max(k, 0)]
    last = starts[k + 1] if k + 1 < len(starts) else len(doc)
    while k + 1 < len(starts) and starts[k + 1] < end:  # a span running over a boundary
        k += 1
        last = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return max(first, start - SENTENCE_WINDOW), min(last, end + SENTENCE_WINDOW)


def _token_sentence(token: Token) -> Span:
    doc = token.doc
    return doc[slice(*sentence_bounds(doc, token.i, token.i + 1))]


def _span_sentence(span: Span) -> Span:
    doc = span.doc
    return doc[slice(*sentence_bounds(doc, span.start, max(span.end, span.start + 1)))]
