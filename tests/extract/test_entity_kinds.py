"""Rule table for the kinds of names on real news (issue 19): what the words around a name say
it is outweighs the model's guess (a company read as a place or a person, a settlement as a
body), and one name keeps one kind. Invented sentences; the model's entities are given, so
each row tests the rules alone."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .conftest import run_rules, run_rules_with_spans

ROWS = [
    # A name right after the kind of organisation it is, wherever else it recurs.
    (
        "Police raided the energy company Vantor. Investigators looked into Vantor again.",
        {"Vantor": "PLACE"},
        [("Vantor", "organization")],
    ),
    (
        "The deal was struck by the retailer Marrowby Foods.",
        {"Marrowby Foods": "PERSON"},
        [("Marrowby Foods", "organization")],
    ),
    # … but not a person named by first name after a noun that ends a phrase, nor a place the
    # gazetteer knows.
    (
        "He sold the company Jane Roe founded.",
        {"Jane Roe": "PERSON"},
        [("Jane Roe", "person")],
    ),
    (
        "It is a bank Glasgow trusts.",
        {"Glasgow": "PLACE"},
        [("Glasgow", "place")],
    ),
    # Where a person just named works is an organisation …
    (
        "Matt Ode, equity strategist at Harwick Tabor, said shares fell.",
        {"Matt Ode": "PERSON", "Harwick Tabor": "PLACE"},
        [("Matt Ode", "person"), ("Harwick Tabor", "organization")],
    ),
    # … unless it is a site by its last word, or a known place.
    (
        "Ann Lee, a surgeon at Alderbridge Infirmary, said beds ran out.",
        {"Ann Lee": "PERSON", "Alderbridge Infirmary": "PLACE"},
        [("Ann Lee", "person"), ("Alderbridge Infirmary", "place")],
    ),
    (
        "Ann Lee, a lecturer at Leeds, said fees rose.",
        {"Ann Lee": "PERSON", "Leeds": "PLACE"},
        [("Ann Lee", "person"), ("Leeds", "place")],
    ),
    # A name before the kind of place it is …
    (
        "Ministers visited the Gush Hadar settlement bloc on Monday.",
        {"Gush Hadar": "ORG"},
        [("Gush Hadar", "place")],
    ),
    # … but not before a body of that place.
    (
        "The Harwick district council met.",
        {"Harwick": "ORG"},
        [("Harwick", "organization")],
    ),
    # The portfolio of an office before a person's name is no name of its own …
    (
        "Energy Secretary Tom Vale and National Security Adviser Ann Lee met.",
        {"Energy": "PERSON", "Tom Vale": "PERSON", "National Security": "ORG", "Ann Lee": "PERSON"},
        [("Tom Vale", "person"), ("Ann Lee", "person")],
    ),
    # … but the known name it starts with is, and so is a name the article writes on its own
    # or an employer before a job ("Acme CEO").
    (
        "White House Press Secretary Ann Lee spoke.",
        {"White House Press": "ORG", "Ann Lee": "PERSON"},
        [("White House", "organization"), ("Ann Lee", "person")],
    ),
    (
        "Harwick adviser Ann Lee quit. Harwick said it would hire again.",
        {"Harwick": "ORG", "Ann Lee": "PERSON"},
        [("Harwick", "organization"), ("Ann Lee", "person")],
    ),
    (
        "Marrowby CEO Ann Lee quit.",
        {"Marrowby": "ORG", "Ann Lee": "PERSON"},
        [("Marrowby", "organization"), ("Ann Lee", "person")],
    ),
    # A capitalised "The" tagged alone before a name is part of it, and such a name is no
    # person.
    (
        "Ann Lee told The Harbour in a statement that she would stay.",
        {"Ann Lee": "PERSON", "The": "PERSON", "Harbour": "PERSON"},
        [("Ann Lee", "person"), ("Harbour", "organization")],
    ),
    # A dateline's places are places, named as the text writes them.
    (
        "BAAR, SWITZERLAND\n\nAscom signed a deal on Monday.",
        {"BAAR": "ORG", "SWITZERLAND": "PLACE", "Ascom": "ORG"},
        [("Baar", "place"), ("Switzerland", "place"), ("Ascom", "organization")],
    ),
    (
        "TARVOS, Ohio – The band said it would play.",
        {"TARVOS": "ORG", "Ohio": "PLACE"},
        [("Tarvos", "place"), ("Ohio", "place")],
    ),
    # A title word opening a body's name ("Justice") makes no person of the body.
    (
        "The Justice Department said he fled.",
        {"Justice Department": "ORG"},
        [("Justice Department", "organization")],
    ),
    # One body under the other names it goes by in one article.
    (
        "The U.S. Department of Labor sued. The Labor Department said it would appeal.",
        {"U.S. Department of Labor": "ORG", "Labor Department": "ORG"},
        [("U.S. Department of Labor", "organization")],
    ),
    (
        "The Reform Party won. The Reformists lost, and the Reforms said it was close.",
        {"Reform Party": "ORG", "Reforms": "ORG", "Reformists": "ORG"},
        [("Reform Party", "organization"), ("Reformists", "organization")],
    ),
    # A title of a work in quotation marks names no one …
    (
        "The band played “Harold Goes to Dover” and “Kestria Nights,” then left.",
        {"Harold": "PERSON", "Dover": "PLACE", "Kestria": "PLACE"},
        [],
    ),
    # … unlike words quoted from a speaker.
    (
        "She wanted help “from Kestria to the sea” for the port.",
        {"Kestria": "PLACE"},
        [("Kestria", "place")],
    ),
    # A thing named after a person is no person, nor is its short name …
    (
        "The Tom Kessler Space Telescope took the image. Kessler has orbited since 2021.",
        {"Tom Kessler": "PERSON", "Kessler": "PERSON"},
        [],
    ),
    (
        "She won the Harwick Prize. Harwick judges praised her.",
        {"Harwick": "PERSON"},
        [],
    ),
    # … unless the article names the person too.
    (
        "Dr. Ann Harwick founded the Harwick Institute. Harwick said it would grow.",
        {"Ann Harwick": "PERSON", "Harwick": "PERSON"},
        [("Ann Harwick", "person"), ("Harwick Institute", "organization")],
    ),
    # A code in brackets after what is no entity (an index, a share) or a ticker is nothing …
    (
        "The Harbour Composite Index (HCI) fell, and Ascom shares (ASCN) rose.",
        {"HCI": "ORG", "Ascom": "ORG", "ASCN": "ORG"},
        [("Ascom", "organization")],
    ),
    (
        "Marrowby (NYSE: MRW) fell.",
        {"Marrowby": "ORG", "MRW": "ORG"},
        [("Marrowby", "organization")],
    ),
    # … but after a body's name it is that body's short name.
    (
        "The United Care Workers union (UCW) struck. The UCW said talks failed.",
        {"United Care Workers": "ORG", "UCW": "ORG"},
        [("United Care Workers", "organization")],
    ),
    # A lawmaker's party label holds the state, a place, with its abbreviation's full stop.
    (
        "Rep. Ann Lee, R-W.Va., visited the port.",
        {"Ann Lee": "PERSON", "R-W.Va": "ORG"},
        [("Ann Lee", "person"), ("W.Va.", "place")],
    ),
    # What a company has and a place does not, or what one invests in, makes a company …
    (
        "Investors bought a stake in Varlo, and Quandor plants closed in Ohio.",
        {"Varlo": "PLACE", "Quandor": "PLACE", "Ohio": "PLACE"},
        [("Varlo", "organization"), ("Quandor", "organization"), ("Ohio", "place")],
    ),
    # … but not of a place the gazetteer or the list of regions knows.
    (
        "Jobs at Leeds factories and South Dakota shares of the market fell.",
        {"Leeds": "PLACE", "South Dakota": "PLACE"},
        [("Leeds", "place"), ("South Dakota", "place")],
    ),
    # A title written after the kind of work it is names no one …
    (
        "The film Harold and Maude opens on Friday, and Jane Roe stars in it.",
        {"Harold": "PERSON", "Maude": "PERSON", "Jane Roe": "PERSON"},
        [("Jane Roe", "person")],
    ),
    # … unlike a name after a lower-case word that follows the kind of work.
    (
        "The game against Chelsea ended 2-1.",
        {"Chelsea": "ORG"},
        [("Chelsea", "organization")],
    ),
    # A one-word "person" someone told something, or whose survey is cited, is an outlet or
    # a firm …
    (
        "Ann Lee told Gizmag by email. A survey from Statlix agreed.",
        {"Ann Lee": "PERSON", "Gizmag": "PERSON", "Statlix": "PERSON"},
        [("Ann Lee", "person"), ("Gizmag", "organization"), ("Statlix", "organization")],
    ),
    # … unless the article names a person of that name in full.
    (
        "Ann Lee told Dempsey. Tom Dempsey agreed.",
        {"Ann Lee": "PERSON", "Dempsey": "PERSON", "Tom Dempsey": "PERSON"},
        [("Ann Lee", "person"), ("Tom Dempsey", "person")],
    ),
    # A nationality word opening a longer name is a word of that name …
    (
        "The show moved the American Music Awards to Leeds.",
        {"Leeds": "PLACE"},
        [("Leeds", "place")],
    ),
    # … and the country where it stands for the country.
    (
        "The show hired American dancers.",
        {},
        [("United States", "place")],
    ),
    # Rows that must yield nothing.
    ("THE END\n\nIt was over by noon.", {}, []),
    ("The R-rated film and the D-Day film both opened.", {}, []),
    ("The company said at noon that the town was calm.", {}, []),
    ("Prices of energy would fall, the secretary of the club said.", {}, []),
]


@pytest.mark.parametrize(("text", "ents", "expected"), ROWS)
def test_kinds(
    rules_nlp: Language, text: str, ents: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    doc = run_rules(rules_nlp, text, ents)
    assert [(e.name, e.type) for e in doc._.entities] == expected


def test_a_tie_between_person_and_body_goes_to_the_first_mention(rules_nlp: Language) -> None:
    text = "Dexa grew fast last year.\n\nDexa bought a stake in a mill."
    doc = run_rules_with_spans(rules_nlp, text, [("Dexa", 0, "ORG"), ("Dexa", 1, "PERSON")])
    assert [(e.name, e.type) for e in doc._.entities] == [("Dexa", "organization")]


def test_a_tie_between_place_and_body_stays(rules_nlp: Language) -> None:
    text = "The Kestra franchise grew.\n\nFighters left Kestra in May."
    doc = run_rules_with_spans(rules_nlp, text, [("Kestra", 0, "ORG"), ("Kestra", 1, "PLACE")])
    assert sorted((e.name, e.type) for e in doc._.entities) == [
        ("Kestra", "organization"),
        ("Kestra", "place"),
    ]


def test_a_speaker_the_model_missed_keeps_the_kind_the_article_gave_it(
    rules_nlp: Language,
) -> None:
    text = "Shares of Dexa fell on Monday.\n\nDexa said it would cut prices."
    doc = run_rules_with_spans(rules_nlp, text, [("Dexa", 0, "ORG")])
    assert [(e.name, e.type) for e in doc._.entities] == [("Dexa", "organization")]
