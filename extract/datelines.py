"""Datelines: where a story was filed ("HANOI, Vietnam (AP) —", "BAAR, SWITZERLAND"), a place
named in the story's text whatever the model makes of a word in capitals."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .extensions import text_of
from .mentions import Mention

# The city in capitals, then its region or country ("Ohio", "N.M.", "SWITZERLAND"), then the
# agency in brackets, then a dash; or the city and its country alone on a line.
_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?:, (?P<region>[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,3})(?! \d))?"
    r"(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([A-Za-z .]{2,30}\))?(?:(?P<dash> [-–—]{1,2} )|$)"
)
# A dateline opens one of the story's first paragraphs.
_FIRST_PARAGRAPHS = 4


# "Hong Kong (CNN Business)A muddled view …", "(Reuters) - The bank …": the outlet credited at
# the head of the story's first paragraph, after where it was filed.
_CREDIT = re.compile(
    r"(?:[A-Z][\w.'’-]*(?:,? [A-Z][\w.'’-]*){0,3} )?\((?P<credit>[A-Z][\w.&]*(?: [\w.&]+){0,3})\)"
    r"\s*(?:[-–—]{1,2}\s*)?(?=[A-Z\"“‘'])"
)


def dateline_credit(doc: Doc) -> tuple[int, int] | None:
    """Where the outlet credited at the head of the story's first paragraph is written (its
    characters), a credit and no name the story mentions."""
    text = text_of(doc)
    body = [p for p in doc._.paragraphs or [] if p.kind != "title"][:1]
    for paragraph in body:
        match = _CREDIT.match(text, paragraph.start_char, paragraph.end_char)
        if match is not None:
            return match.span("credit")
    return None


def dateline_places(doc: Doc) -> list[Span]:
    """The places of the story's dateline, as PLACE spans."""
    text = text_of(doc)
    found: list[Span] = []
    body = [p for p in doc._.paragraphs or [] if p.kind != "title"][:_FIRST_PARAGRAPHS]
    for paragraph in body:
        match = _DATELINE.match(text, paragraph.start_char, paragraph.end_char)
        alone = match is not None and match.end() == paragraph.end_char and match["region"]
        if match is None or not (match["dash"] or alone):
            continue
        for group in ("city", "region"):
            if match.group(group):
                span = doc.char_span(*match.span(group), label="PLACE")
                if span is not None:
                    found.append(span)
        break
    return found


def name_as_written_in_text(doc: Doc, mentions: list[Mention], places: list[Span]) -> None:
    """A dateline's place is a place, under the name as the text writes it ("Hanoi", not
    "HANOI")."""
    starts = {span.start: span for span in places}
    for mention in mentions:
        span = starts.get(mention.start)
        if span is None or span.end != mention.end:
            continue
        mention.label = "PLACE"
        if mention.text.isupper() and len(mention.text) > 3:
            mention.canonical = mention.text.title()
