"""Rule table for name spans on real news (issue 19): what the model joined wrongly comes
apart, what a list line names comes whole, and junk comes to nothing. Invented sentences;
the model's entities are given, so each row tests the rules alone."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .conftest import run_rules

ROWS = [
    # Two bodies joined by "and", each known on its own, are two entities …
    (
        "The United Nations and European Union condemned the move.",
        {"United Nations and European Union": "ORG"},
        [("United Nations", "organization"), ("European Union", "organization")],
    ),
    (
        "Ascom and Dräger signed a deal. Ascom makes pagers and Dräger makes monitors.",
        {"Ascom and Dräger": "ORG", "Ascom": "ORG", "Dräger": "ORG"},
        [("Ascom", "organization"), ("Dräger", "organization")],
    ),
    # … but one company whose name holds "and" stays one.
    (
        "Marks and Spencer cut prices in the spring.",
        {"Marks and Spencer": "ORG"},
        [("Marks and Spencer", "organization")],
    ),
    # A verb read inside a name ends one name and starts the next.
    (
        "The deal helps Microsoft woo VMware customers.",
        {"Microsoft woo VMware": "ORG"},
        [("Microsoft", "organization"), ("VMware", "organization")],
    ),
    (
        "The Bank of America fined no one.",
        {"Bank of America": "ORG"},
        [("Bank of America", "organization")],
    ),
    # A list line of dates, venues and places: the venue whole, as the line writes it.
    (
        "The tour dates:\n\nJune 9 -- Harbor Lights Music Park at Cedar Bay, Cedar Bay, FL\n\n"
        "June 10 -- Northgate Union Amphitheatre (Formerly Verizon Amphitheatre), Tampa, FL",
        {"Harbor Lights Music Park": "PLACE", "Cedar Bay": "PLACE", "Northgate Union": "ORG"},
        [
            ("Harbor Lights Music Park at Cedar Bay", "place"),
            ("Cedar Bay", "place"),
            ("Northgate Union Amphitheatre", "place"),
        ],
    ),
    # Names glued together by a page's markup, or cut inside a bracket, are no entity.
    (
        "He threatened Rep. Ilhan OmarIlhan OmarHillicon Valley today.",
        {"Ilhan OmarIlhan": "PERSON", "OmarHillicon Valley": "PLACE"},
        [],
    ),
    ("Hong Kong (CNN Business)A muddled view.", {"CNN Business)A": "ORG"}, []),
    # A royal is named with the title ("Queen Elizabeth II"), unlike a minister.
    (
        "Prince Andrew is Queen Elizabeth II's third child.",
        {"Andrew": "PERSON", "Elizabeth II": "PERSON"},
        [("Prince Andrew", "person"), ("Queen Elizabeth II", "person")],
    ),
    # The state before a representative's title is a place, not a body "Hawaii Rep." …
    (
        "Hawaii Rep. Tulsi Gabbard spoke first.",
        {"Hawaii Rep.": "ORG", "Tulsi Gabbard": "PERSON"},
        [("Hawaii", "place"), ("Tulsi Gabbard", "person")],
    ),
    # … but a title that ends a body's name stays in it.
    (
        "The Office of the Inspector General opened an inquiry.",
        {"Office of the Inspector General": "ORG"},
        [("Office of the Inspector General", "organization")],
    ),
    # A reporter "of" an outlet at a cue is the reporter and the outlet …
    (
        "Mei-Ling Soo covers health. Soo of the Times reports that clinics were shut.",
        {"Mei-Ling Soo": "PERSON", "Soo of the Times": "ORG"},
        [("Mei-Ling Soo", "person"), ("Times", "organization")],
    ),
    # … and a body named "X of the Y" elsewhere is one body.
    (
        "Ann West runs it. West of the Downs owns the land.",
        {"Ann West": "PERSON", "West of the Downs": "ORG"},
        [("Ann West", "person"), ("West of the Downs", "organization")],
    ),
    # A lower-case head some names carry is part of the name, and says its kind …
    (
        "The Democratic Progressive party said it met in Hoa Binh prison.",
        {"Democratic Progressive": "ORG", "Hoa Binh": "PLACE"},
        [("Democratic Progressive party", "organization"), ("Hoa Binh prison", "place")],
    ),
    (
        "The Inner Mongolia health commission said more.",
        {"Inner Mongolia": "PLACE"},
        [("Inner Mongolia health commission", "organization")],
    ),
    # … but not a lower-case word that goes on into the sentence.
    (
        "The Labour party leaders met.",
        {"Labour": "ORG"},
        [("Labour", "organization")],
    ),
    # A known place's possession is a name of its own.
    (
        "They played Cleveland's Public Auditorium in 1972.",
        {"Cleveland's Public Auditorium": "PLACE"},
        [("Cleveland", "place"), ("Public Auditorium", "place")],
    ),
    (
        "They ate at McDonald's Diner in 1972.",
        {"McDonald's Diner": "ORG"},
        [("McDonald's Diner", "organization")],
    ),
    # Kinds the words around a name show: a hometown after a person's age …
    (
        "Ryan Holt, 31, of Hope was hurt.",
        {"Ryan Holt": "PERSON", "Hope": "PERSON"},
        [("Ryan Holt", "person"), ("Hope", "place")],
    ),
    # … (not a name after "of" with no age before it) …
    (
        "The wife of Hope was hurt.",
        {"Hope": "PERSON"},
        [("Hope", "person")],
    ),
    # … a city before the kind of business it is the city of …
    (
        "The Minneapolis ad agency Broadline made the ads.",
        {"Minneapolis": "ORG", "Broadline": "ORG"},
        [("Minneapolis", "place"), ("Broadline", "organization")],
    ),
    # … and the capital written with its district.
    (
        "Washington, DC, United States: the moon is far.",
        {"Washington": "PLACE", "DC": "PLACE", "United States": "PLACE"},
        [("Washington, DC", "place"), ("United States", "place")],
    ),
    # A name written with a title is a person wherever it recurs; a job's initials are no
    # name.
    (
        "Harwick CEO Mina Sato left. Mina Sato will stay on as COO until May.",
        {"Harwick": "ORG", "Mina Sato": "ORG", "COO": "ORG"},
        [("Harwick", "organization"), ("Mina Sato", "person")],
    ),
    # A venue's name may hold an abbreviation ("St. Louis") …
    (
        "Dates:\n\nAug. 14 -- Harbor Casino Amphitheatre – St. Louis, St. Louis, MO",
        {"Harbor Casino Amphitheatre": "PLACE", "St. Louis": "PLACE"},
        [("Harbor Casino Amphitheatre – St. Louis", "place"), ("St. Louis", "place")],
    ),
    # … a family by the plural of a surname is no person named …
    (
        "Hunter Vale sat on the board. Critics attacked the company and the Vales.",
        {"Hunter Vale": "PERSON", "Vales": "PERSON"},
        [("Hunter Vale", "person")],
    ),
    # … and a country no longer in the gazetteer is still a place.
    (
        "The Soviet Union fell in 1991.",
        {"Soviet Union": "ORG"},
        [("Soviet Union", "place")],
    ),
    # Rows that must yield nothing.
    ("Prices rose and fell all week.", {}, []),
    ("June 9 -- sold out, call ahead, OK", {}, []),
]


@pytest.mark.parametrize(("text", "ents", "expected"), ROWS)
def test_entities(
    rules_nlp: Language, text: str, ents: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    doc = run_rules(rules_nlp, text, ents)
    assert [(e.name, e.type) for e in doc._.entities] == expected
