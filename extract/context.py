"""Context: the sentences a reader quotes to cite a claim, with its speaker and cue."""

from __future__ import annotations

from spacy.tokens import Doc

from .attribution import Attribution
from .extensions import text_of
from .frames import paragraph_of
from .schema import Context
from .sentences import sentence_bounds

_MAX_JOINED = 2  # pieces of a sentence cut short joined to it, either side


_FINAL = frozenset(".!?…")


def _ends_sentence(doc: Doc, i: int) -> bool:
    """Whether token i ends a sentence: a paragraph ends after it, or it is a full stop,
    question or exclamation mark, perhaps followed by closing quotation marks or brackets."""
    if "\n" in doc[i].text_with_ws or doc[i].is_space:
        return True
    while i > 0 and (doc[i].is_quote or doc[i].is_right_punct) and doc[i].text not in _FINAL:
        i -= 1
    return doc[i].text[-1:] in _FINAL


_OPENING_MARKS = frozenset("\"'\u201c\u2018\u00ab\u201e")


_CLOSING_MARKS = frozenset("\"'\u201d\u2019\u00bb")


def claim_context(doc: Doc, attribution: Attribution) -> Context | None:
    """The sentences holding a claim's words, and its speaker and cue where they stand in the
    claim's own paragraphs ("…,” he said." ends the sentence a reader quotes); a speaker named
    a paragraph earlier (a quote that goes on with no cue) is left out, as the article leaves it.
    """
    content = doc.char_span(attribution.start_char, attribution.end_char, alignment_mode="expand")
    if content is None or not len(content):
        return None
    first, last = content.start, content.end
    paragraphs = {
        paragraph_of(doc, attribution.start_char),
        paragraph_of(doc, attribution.end_char),
    }
    around = [attribution.cue_token] if attribution.cue_token is not None else []
    if attribution.speaker is not None:
        around += [attribution.speaker[0], attribution.speaker[1] - 1]
    for i in around:
        if 0 <= i < len(doc) and paragraph_of(doc, doc[i].idx) in paragraphs:
            first, last = min(first, i), max(last, i + 1)
    start, end = sentence_bounds(doc, first, last)
    # The parser cuts a sentence short now and then ("Mayor" | "Ada Park said …"): a piece
    # that does not end a sentence joins the next one, within the paragraph.
    for _ in range(_MAX_JOINED):
        if start == 0 or _ends_sentence(doc, start - 1):
            break
        start = sentence_bounds(doc, start - 1, start)[0]
    for _ in range(_MAX_JOINED):
        if end >= len(doc) or _ends_sentence(doc, end - 1):
            break
        end = sentence_bounds(doc, end, end + 1)[1]
    text = text_of(doc)
    start_char = doc[start].idx
    end_char = doc[end - 1].idx + len(doc[end - 1].text)
    while end_char > start_char and text[end_char - 1].isspace():
        end_char -= 1
    # The parser may leave a sentence's opening quotation mark at the end of the one before.
    while start_char > 0 and text[start_char - 1] in _OPENING_MARKS:
        start_char -= 1
    # … and its closing mark at the start of the next ('… not safe." Reyes said').
    while (
        end_char < len(text)
        and text[end_char] in _CLOSING_MARKS
        and (end_char + 1 == len(text) or not text[end_char + 1].isalnum())
    ):
        end_char += 1
    return Context(start_char=start_char, end_char=end_char, text=text[start_char:end_char])
