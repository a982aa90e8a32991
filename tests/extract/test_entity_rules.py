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
