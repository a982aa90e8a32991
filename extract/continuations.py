"""Continuations: a quotation paragraph with no cue after a paragraph that reports its speaker."""

from __future__ import annotations

from spacy.tokens import Doc

from . import frames
from .attribution import Attribution, continued
from .quotes import Quote


def after_reported_speech(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """'Erekat said it was the latest move to force them to give in. ¶ "They wanted us on
    our knees."': a paragraph that is one quotation, with no cue of its own, right after a
    paragraph whose last statement is reported speech of a named speaker, goes on in that
    speaker's voice (as a quote after a quote does)."""
    results: list[Attribution] = []
    claimed = [(a.start_char, a.end_char) for a in found]
    for quote in doc._.quotes or []:
        if quote.continues or any(s <= quote.start_char < e for s, e in claimed):
            continue
        previous = _last_in_paragraph(found, quote.paragraph - 1)
        if previous is None or previous.kind not in {"indirect", "mixed"}:
            continue
        if previous.speaker is None or previous.embedded or not _whole_paragraph(doc, quote):
            continue
        frame = frames.quote_frame(doc, quote)
        if frame is None or not frame.standalone:
            continue
        results.append(continued(quote, previous, confidence=0.8))
    return results


def _last_in_paragraph(found: list[Attribution], paragraph: int) -> Attribution | None:
    inside = [a for a in found if a.paragraph == paragraph]
    return max(inside, key=lambda a: a.end_char) if inside else None


def _whole_paragraph(doc: Doc, quote: Quote) -> bool:
    """Whether a quotation is its paragraph: it opens it, and nothing but a full stop
    follows its closing mark."""
    paragraphs = doc._.paragraphs or []
    if quote.paragraph >= len(paragraphs):
        return False
    paragraph = paragraphs[quote.paragraph]
    if quote.open_char != paragraph.start_char:
        return False
    end = quote.close_char + 1 if quote.close_char is not None else quote.end_char
    return not doc.text[end : paragraph.end_char].strip(" .\n")
