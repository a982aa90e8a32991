"""Rule table for what reading the blind real-news set showed, once the rest of issue 19 was
done (its figures were taken first): a name after "but" with an aside is its cue's subject,
not the first clause's; a word for a trade written as a name is the surname of the person the
article names by it; a refusal to speak frames no quotation. Invented sentences; rows that
must stay as they were sit beside the rows each rule changes."""

from __future__ import annotations

import pytest

from claimgraph.extract import Extractor, load_pipeline
from claimgraph.extract.sources import SourceDocument


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_pipeline())


def _claims(extractor: Extractor, text: str) -> list[tuple[str | None, str]]:
    article = extractor.extract(SourceDocument(text="Plans on hold\n\n" + text))
    return [(c.speaker.name if c.speaker else None, c.text) for c in article.claims]


CLAIMS = [
    # A name after "but", set off with its aside, is the subject of the cue after it: the
    # parse had joined the cue to the first clause's verb and credited its subject.
    (
        "Tom Hale has been eager to leave, but General Ana Ruiz, chairman of the council,"
        " told reporters this month that the plan was dead.",
        [("Ana Ruiz", "the plan was dead")],
    ),
    # … as it was with an aside the old rule knew, and as a pair is still the first's.
    (
        "Tom Hale wanted to leave, but General Ana Ruiz, the council's chairman, said the plan"
        " was dead.",
        [("Ana Ruiz", "the plan was dead")],
    ),
    (
        "Tom Hale and Ana Ruiz, both senators, said the plan was dead.",
        [("Tom Hale", "the plan was dead")],
    ),
    # A word for a trade written as a name is the surname of the one person it ends.
    (
        "Ken Doctor is an analyst. Dr. Pat Soon wrote a book. Indeed, Doctor asserts that"
        " talks have resumed.",
        [("Ken Doctor", "talks have resumed")],
    ),
    (
        'Ken Doctor is an analyst. "Players are making money," says Doctor.',
        [("Ken Doctor", "Players are making money")],
    ),
    # … but "the doctor" is still whoever the article described so.
    (
        "Ken Doctor is an analyst. Dr. Pat Soon wrote a book. The doctor said the patient was"
        " well.",
        [("Pat Soon", "the patient was well")],
    ),
    # A refusal to speak after a quotation frames none of it: the quotation goes on in the
    # voice of the one before it.
    (
        "Marco Villa spoke on Monday. \u201cWe will start small,\u201d he said. \u201cOur"
        " flexibility will lead us to harder missions.\u201d He declined to say when.",
        [
            ("Marco Villa", "We will start small"),
            ("Marco Villa", "Our flexibility will lead us to harder missions."),
        ],
    ),
    # … and a refusal with an adverb before its "to" reports nothing either.
    (
        "Brent Sherwood spoke on Monday. He declined later to state when the lander would be"
        " ready.",
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CLAIMS)
def test_rules_from_the_blind_set(
    extractor: Extractor, text: str, expected: list[tuple[str | None, str]]
) -> None:
    assert _claims(extractor, text) == expected
