"""Rule tables for speakers on real news (issue 19): whose words are they, and what is no
speaker at all. Invented sentences of the shapes seen on real pages; each row runs the whole
shipped pipeline. Rows with no expected claims must yield none."""

from __future__ import annotations

import pytest

from claimgraph.extract import Extractor, load_pipeline
from claimgraph.extract.sources import SourceDocument


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_pipeline())


def _speakers(extractor: Extractor, text: str) -> list[tuple[str | None, str]]:
    article = extractor.extract(SourceDocument(text=text))
    return [(c.speaker.name if c.speaker else None, c.text) for c in article.claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Possessive speakers: the words of someone's advisers, supporters, lawyers or
        # spokespeople are never that someone's own.
        (
            "Smith's advisers suggested the plan would fail. Smith did not comment.",
            [(None, "the plan would fail")],
        ),
        (
            "The President's spokesman said the visit would go ahead as planned.",
            [(None, "the visit would go ahead as planned")],
        ),
        (
            "Senator Jane Roe's supporters say the vote was stolen from her.",
            [(None, "the vote was stolen from her")],
        ),
        # … but a body's spokesman speaks for the body, and a person named beside them for
        # themselves.
        (
            "The Ministry of Defence's spokesman said the base was safe.",
            [("Ministry of Defence", "the base was safe")],
        ),
        (
            "Acme's lawyer, Jane Roe, said the case had no merit at all.",
            [("Jane Roe", "the case had no merit at all")],
        ),
        # A medium is not a speaker: whoever posted on it is.
        (
            "Mark Jones posted on Twitter accusing the club of lying to its fans.",
            [("Mark Jones", "the club of lying to its fans")],
        ),
        # A kind of company with a nationality is the company of that kind named before, not
        # the country.
        (
            "Volkswagen unveiled the car on Tuesday. The German carmaker said the wagon "
            "would go 300 miles on one charge.",
            [("Volkswagen", "the wagon would go 300 miles on one charge")],
        ),
        (
            "The French government said the tax would stay in place next year.",
            [("France", "the tax would stay in place next year")],
        ),
        # A surname that is also a common word ("Early", "Young") is read as an adverb; after
        # a first name it is the rest of the name, and alone later it is the same person.
        (
            '"The deal widens our reach," says Dana Early, a vice president at Acme. '
            '"Streaming is all or nothing," says Early.',
            [
                ("Dana Early", "The deal widens our reach"),
                ("Dana Early", "Streaming is all or nothing"),
            ],
        ),
        (
            "Mark Young runs the club. Young says the new stand will open in May.",
            [("Mark Young", "the new stand will open in May")],
        ),
        # … but at a sentence's start only before a verb: "Early results" are no one's words.
        ("Jane Early runs the club. Early results show the stand is full.", []),
        # "they said" after a quote: the body in focus before it, never one named inside the
        # quote itself (the speaker talks about that one).
        (
            "Jane Roe wants to sing her old songs, and Northgate Music owns them. "
            '"We never tried to block her Meridian TV special," they said.',
            [("Northgate Music", "We never tried to block her Meridian TV special")],
        ),
        # "it says": the body just named, within a paragraph; none named, no one.
        (
            'Acme Records owns her catalogue. "We have agreed to license the songs," it says.',
            [("Acme Records", "We have agreed to license the songs")],
        ),
        (
            'It was a long year. "We have agreed to the terms," it says.',
            [(None, "We have agreed to the terms")],
        ),
        # A document speaks for the publisher named after it; with none named, for no one.
        (
            '"The market is pricing in a recovery," said a report from Halford Bank.',
            [("Halford Bank", "The market is pricing in a recovery")],
        ),
        (
            '"The market is pricing in a recovery," said a report from the bank.',
            [(None, "The market is pricing in a recovery")],
        ),
        # A spokesman for a kind of body speaks for the one of that kind named last.
        (
            "Acme Corp is based in Leeds. A company spokesperson said the firm would comply "
            "with the order.",
            [("Acme Corp", "the firm would comply with the order")],
        ),
        (
            "Acme Corp is based in Leeds. A spokesperson said the firm would comply with "
            "the order.",
            [(None, "the firm would comply with the order")],
        ),
        # A description with a relative clause, then the name set off by commas: the name.
        (
            "The label that owns most of her songs, Northgate Music, says she will be "
            "allowed to play them.",
            [("Northgate Music", "she will be allowed to play them")],
        ),
        (
            "The company that runs the awards, Meridian Productions, denies that anything "
            "has been agreed.",
            [("Meridian Productions", "anything has been agreed")],
        ),
        # … but a description set off by commas is no name.
        (
            "The man who owns the shop, a local builder, says he will close it soon.",
            [(None, "he will close it soon")],
        ),
        # A role tied to what it serves ("ambassador to Britain") is read before a name, so a
        # description the article uses first finds the person it names later.
        (
            "Norway's ambassador to Britain accused the UK of meddling in its affairs. "
            "Police commander Tom Hale said the rioters were criminals. "
            "Norway's ambassador to Britain Ana Ruiz has said that the talks will go on.",
            [
                ("Ana Ruiz", "the UK of meddling in its affairs"),
                ("Tom Hale", "the rioters were criminals"),
                ("Ana Ruiz", "the talks will go on"),
            ],
        ),
        # People of a place speak for themselves, not for it …
        (
            "Spanish fishermen said the new quota would ruin them.",
            [(None, "the new quota would ruin them")],
        ),
        (
            "US lawyers said the agency should question him again.",
            [(None, "the agency should question him again")],
        ),
        (
            "In the poll, 44 percent of Americans said the economy was getting worse.",
            [(None, "the economy was getting worse")],
        ),
        # … but its officials speak for it.
        ("US officials said the talks had failed.", [("United States", "the talks had failed")]),
        # "led the French manufacturer to announce": the infinitive's "to" is no part of the
        # speaker, which is the kind of company named before.
        (
            "Halford Motors makes vans. But the cutback led the French manufacturer to announce "
            "it would stop making the van.",
            [("Halford Motors", "it would stop making the van")],
        ),
        # A brokerage or an airline is a kind of company too: the one named before.
        (
            "Halford Securities cut its forecast. The brokerage said the market would fall.",
            [("Halford Securities", "the market would fall")],
        ),
        # "he said" after a sentence whose subject is named in apposition ("Her son, the
        # director Sam Roe, visited …") is that person, not the one named before.
        (
            "Jane Roe, 80, has lived in Leeds all her life. Her son, the director Sam Roe, "
            'visited her on Monday. "She is tired but happy," he said.',
            [("Sam Roe", "She is tired but happy")],
        ),
        # … but a participle on a verb of no saying reports no one.
        (
            "Acme's shares jumped 29% by noon, suggesting some investors doubt the deal.",
            [],
        ),
    ],
)
def test_speakers(extractor: Extractor, text: str, expected: list[tuple[str | None, str]]) -> None:
    assert _speakers(extractor, text) == expected
