"""Rule table for names in headlines (issue 19): the page's title and the other stories'
headlines listed under it name what the story below need not, and title case makes the model
read names into them. A name counts there only where the story writes it too. Invented
text; the model's entities are given, so each row tests the rules alone."""

from __future__ import annotations

import dataclasses

import pytest
from spacy.language import Language

from claimgraph.extract.cleaning import clean
from claimgraph.extract.sources import SourceDocument

from .conftest import annotate

ROWS = [
    # A title-case headline's capitalised verb read into a name, the site's name after a bar:
    # neither is in the story.
    (
        "Brightfield Bets on the Future of Farming | Harvest Weekly\n\n"
        "Brightfield opened a farm in Ohio on Monday.",
        {"Brightfield Bets": "ORG", "Harvest Weekly": "ORG", "Brightfield": "ORG", "Ohio": "PLACE"},
        [("Brightfield", "organization"), ("Ohio", "place")],
    ),
    # Other stories' headlines listed under the title, before the story starts.
    (
        "Quartet Sets Reunion Tour of Europe\n\n"
        "Lena Moss and Dario Quint Lead Award Nominations: See Full List\n\n"
        "The Velvet Quartet will tour again next year, its drummer Sam Ode said.",
        {
            "Europe": "PLACE",
            "Lena Moss": "PERSON",
            "Dario Quint": "PERSON",
            "Velvet Quartet": "ORG",
            "Sam Ode": "PERSON",
        },
        [("Velvet Quartet", "organization"), ("Sam Ode", "person")],
    ),
    # A name the story writes stays, in the headline too, and so do a surname of a person the
    # story names in full and a headline's short form of a body's name.
    (
        "Ode quits Velvet Quartet\n\nSam Ode left the Velvet Quartet on Friday.",
        {"Ode": "PERSON", "Velvet Quartet": "ORG", "Sam Ode": "PERSON"},
        [("Sam Ode", "person"), ("Velvet Quartet", "organization")],
    ),
    (
        "Harwick council sued over parking\n\nHarwick City Council was sued on Friday.",
        {"Harwick council": "ORG", "Harwick City Council": "ORG"},
        [("Harwick council", "organization"), ("Harwick City Council", "organization")],
    ),
    # A line in title case after the story has started is the story's own (a list, a venue).
    (
        "Dates announced\n\nThe band will play these dates.\n\nJune 9 Cedar Bay Music Park",
        {"Cedar Bay Music Park": "PLACE"},
        [("Cedar Bay Music Park", "place")],
    ),
    # A lone line is the story itself.
    (
        "Lena Moss Quits the Velvet Quartet",
        {"Lena Moss": "PERSON", "Velvet Quartet": "ORG"},
        [("Lena Moss", "person"), ("Velvet Quartet", "organization")],
    ),
    # … and so is a first line written as a sentence, in a text given without its title.
    (
        "Lena Moss, who founded the Velvet Quartet, left.\n\nThe band will tour.",
        {"Lena Moss": "PERSON", "Velvet Quartet": "ORG"},
        [("Lena Moss", "person"), ("Velvet Quartet", "organization")],
    ),
    # Rows that must yield nothing.
    ("Storm Warning Issued for Coast\n\nRain fell all week.", {"Coast": "PLACE"}, []),
]


@pytest.mark.parametrize(("text", "ents", "expected"), ROWS)
def test_headline_names(
    rules_nlp: Language, text: str, ents: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    doc = annotate(rules_nlp, text, ents)
    first = doc._.paragraphs[0]
    doc._.paragraphs = [dataclasses.replace(first, kind="title"), *doc._.paragraphs[1:]]
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert [(e.name, e.type) for e in doc._.entities] == expected


def test_a_page_whose_first_line_is_its_title_marks_it_a_title() -> None:
    page = SourceDocument(text="Quartet Sets Reunion Tour\n\nThe band will tour.", title=None)
    given = SourceDocument(
        text="Quartet Sets Reunion Tour\n\nThe band will tour.", title="Quartet Sets Reunion Tour"
    )
    assert [p.kind for p in clean(page).paragraphs] == ["title", "body"]
    assert [p.kind for p in clean(given).paragraphs] == ["title", "body"]
