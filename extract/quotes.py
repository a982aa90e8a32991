"""Quotes: find quoted passages in every quotation-mark style, across paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .cleaning import Paragraph

# Opening mark -> the marks that may close it. Curly marks are unambiguous in direction except
# ’, which is also the apostrophe; straight marks get their direction from their neighbours.
_CLOSERS = {"“": '”"', "‘": "’'", '"': '"”', "'": "'’", "«": "»"}
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Quote:
    """A quoted passage: `start_char:end_char` is its content, without the marks."""

    start_char: int
    end_char: int
    open_char: int
    close_char: int | None  # None: the paragraph ended with the quote still open
    paragraph: int
    continues: bool = False  # reopens a quote left open at the end of the previous paragraph

    @property
    def closed(self) -> bool:
        return self.close_char is not None


def _opens(text: str, i: int) -> bool:
    mark = text[i]
    if mark in "“«":
        return True
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return False
    # ‘ ' " open a quote only at the start of a word: after space, an opening bracket or a dash.
    return before.isspace() or before in "([{—–-:“‘\"'"


def _closes(text: str, i: int, opener: str) -> bool:
    mark = text[i]
    if mark not in _CLOSERS[opener]:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if mark in "’'" and _WORD.match(before) and _WORD.match(after):
        return False  # an apostrophe inside a word: don’t, it’s, O’Brien
    if mark in "’'\"" and before.isspace():
        return False
    return not _WORD.match(after)


def _is_possessive(text: str, i: int, end: int, opener: str) -> bool:
    """’ after a plural noun ("the soldiers’ families") when a later mark can close the quote."""
    if text[i - 1 : i] != "s" or not re.match(r"’ [a-z]", text[i : i + 3]):
        return False
    return any(_closes(text, j, opener) for j in range(i + 1, end))


def find_quotes(text: str, paragraphs: list[Paragraph]) -> list[Quote]:
    """Every top-level quoted passage, paragraph by paragraph.

    A paragraph that opens a quote and never closes it runs to its end; if the next paragraph
    opens with a quotation mark it continues the same speaker's quote (the journalistic
    convention for multi-paragraph quotes), which the Quote records as `continues`.
    """
    quotes: list[Quote] = []
    left_open = False
    for index, para in enumerate(paragraphs):
        found = _paragraph_quotes(text, para.start_char, para.end_char, index)
        if found and left_open and found[0].open_char == para.start_char:
            first = found[0]
            found[0] = Quote(
                first.start_char,
                first.end_char,
                first.open_char,
                first.close_char,
                index,
                continues=True,
            )
        left_open = bool(found) and not found[-1].closed
        quotes.extend(found)
    return quotes


def _paragraph_quotes(text: str, start: int, end: int, index: int) -> list[Quote]:
    quotes: list[Quote] = []
    i = start
    while i < end:
        if text[i] in _CLOSERS and _opens(text, i):
            close = _find_close(text, i, end)
            quote = _make_quote(text, i, close, end, index)
            if quote is not None:
                quotes.append(quote)
            if close is None:
                break
            i = close + 1
            continue
        i += 1
    return quotes


def _find_close(text: str, open_at: int, end: int) -> int | None:
    opener = text[open_at]
    nested: str | None = None
    for j in range(open_at + 1, end):
        mark = text[j]
        if nested is not None:
            if _closes(text, j, nested):
                nested = None
            continue
        if _closes(text, j, opener) and not _is_possessive(text, j, end, opener):
            return j
        # “…’’: two single marks typed for a closing double one.
        if opener == "“" and text[j : j + 2] in {"’’", "''"} and _closes(text, j + 1, "‘"):
            return j
        # A quote inside a quote uses the other family of marks: skip over it whole.
        if mark in _CLOSERS and mark != opener and _opens(text, j) and mark not in _CLOSERS[opener]:
            nested = mark
    return None


def _make_quote(text: str, open_at: int, close: int | None, end: int, index: int) -> Quote | None:
    start = open_at + 1
    stop = close if close is not None else end
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and (text[stop - 1].isspace() or text[stop - 1] == ","):
        stop -= 1
    if stop <= start or not _WORD.search(text[start:stop]):
        return None
    return Quote(start, stop, open_at, close, index)


@Language.factory("claimgraph_quotes")
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()


class QuoteFinder:
    """Pipeline component: sets `doc._.quotes` from the text and `doc._.paragraphs`."""

    def __call__(self, doc: Doc) -> Doc:
        paragraphs = doc._.paragraphs or whole_text_paragraphs(doc.text)
        doc._.quotes = find_quotes(doc.text, paragraphs)
        return doc


def whole_text_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of a text given without cleaning metadata: split at blank lines."""
    paragraphs = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        if match.group().strip():
            paragraphs.append(Paragraph(match.start(), match.end(), "body"))
    return paragraphs
