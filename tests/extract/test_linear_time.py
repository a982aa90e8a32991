"""The indexes that keep extraction linear in an article's length answer exactly as the
walks they replaced (each compared with the walk itself, written out here)."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.extract import repeats, sentences
from claimgraph.extract.cleaning import Paragraph
from claimgraph.extract.frames import paragraph_of
from claimgraph.extract.schema import Claim, Span

# Words that make copies, near-copies, stems ("plan"/"planning") and mid-word substrings
# ("ate" in "state", "an" in "iran").
WORDS = [
    "plan",
    "planning",
    "the",
    "minister",
    "said",
    "budget",
    "cuts",
    "fine",
    "was",
    "state",
    "ate",
    "policy",
    "will",
    "be",
    "reviewed",
    "next",
    "year",
    "an",
    "iran",
    "is",
    "here",
    "council",
    "fund",
    "funding",
    "a",
]
NLP = spacy.blank("en")


def _merged_by_walk(claims: list[Claim]) -> list[Claim]:
    """merge_repeats as it was: every claim compared with every claim kept and its copies."""
    kept: list[Claim] = []
    copies: dict[str, list[Claim]] = {}
    for claim in sorted(claims, key=lambda c: -len(c.text)):
        twin = next(
            (k for k in kept if any(repeats._repeats(claim, told) for told in (k, *copies[k.id]))),
            None,
        )
        if twin is None:
            kept.append(claim)
            copies[claim.id] = []
            continue
        copies[twin.id].append(claim)
        twin.occurrences.append(Span(start_char=claim.start_char, end_char=claim.end_char))
    for claim in kept:
        claim.occurrences.insert(0, Span(start_char=claim.start_char, end_char=claim.end_char))
        claim.occurrences.sort(key=lambda s: s.start_char)
    return sorted(kept, key=lambda c: c.start_char)


def _claims(texts: list[list[str]]) -> list[Claim]:
    claims, at = [], 0
    for words in texts:
        text = " ".join(words)
        claims.append(
            Claim(
                id=f"c{at}",
                kind="direct",
                text=text,
                start_char=at,
                end_char=at + len(text),
                confidence=0.9,
            )
        )
        at += len(text) + 1
    return claims


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), max_size=12))
def test_repeats_are_merged_as_by_comparing_every_pair(texts: list[list[str]]) -> None:
    def shape(claims: list[Claim]) -> list[tuple[str, list[int]]]:
        return [(c.text, [o.start_char for o in c.occurrences]) for c in claims]

    assert shape(repeats.merge_repeats(_claims(texts))) == shape(_merged_by_walk(_claims(texts)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=20), st.data())
def test_paragraph_of_finds_the_paragraph_a_walk_finds(
    lengths: list[int], data: st.DataObject
) -> None:
    doc = NLP.make_doc("x")
    paragraphs, at = [], 0
    for length in lengths:
        paragraphs.append(Paragraph(at, at + length, "body"))  # type: ignore[arg-type]
        at += length + 2
    doc._.paragraphs = paragraphs
    for char in data.draw(st.lists(st.integers(min_value=0, max_value=at + 3), max_size=30)):
        walked = next(
            (i for i, p in enumerate(paragraphs) if p.start_char <= char <= p.end_char), 0
        )
        assert paragraph_of(doc, char) == walked


@settings(max_examples=60, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=450))
def test_sentences_from_the_index_are_spacys_cut_to_the_window(starts: list[bool]) -> None:
    doc = NLP.make_doc(" ".join("w" for _ in starts))
    for token, start in zip(doc, starts, strict=True):
        token.is_sent_start = start or token.i == 0
    spacys = [(token.sent.start, token.sent.end) for token in doc]
    sentences.install(doc)
    for token, (start, end) in zip(doc, spacys, strict=True):
        window = sentences.SENTENCE_WINDOW
        assert (token.sent.start, token.sent.end) == (
            max(start, token.i - window),
            min(end, token.i + 1 + window),
        )
