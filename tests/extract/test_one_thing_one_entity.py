"""Rule tables for one thing named two ways in one article (issue 19: "one thing as two
entities in one article … a department and its short name"): the shorter names of a body, a
place's initials, the first place of a pair named with compass words. Invented sentences, the
model's entities given one by one; rows that must stay apart sit beside those that join."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimgraph.extract import Extractor, load_pipeline
from claimgraph.extract.sources import SourceDocument

from .conftest import run_rules_with_spans

ORG = "ORG"

SHORT_NAMES = [
    # Without the body or place it belongs to, once given in full.
    (
        "The Senate Banking Committee met. The Banking Committee said it would vote.",
        [("Senate Banking Committee", 0, ORG), ("Banking Committee", 1, ORG)],
        [("Senate Banking Committee", ["Banking Committee"])],
    ),
    # … not when two bodies of the article could have it.
    (
        "The Senate Banking Committee and the House Banking Committee met. The Banking"
        " Committee said it would vote.",
        [
            ("Senate Banking Committee", 0, ORG),
            ("House Banking Committee", 0, ORG),
            ("Banking Committee", 2, ORG),
        ],
        [
            ("Senate Banking Committee", []),
            ("House Banking Committee", []),
            ("Banking Committee", []),
        ],
    ),
    # … nor when the short name came first: the article had not said which it meant.
    (
        "The Banking Committee met. Later the Senate Banking Committee said it would vote.",
        [("Banking Committee", 0, ORG), ("Senate Banking Committee", 0, ORG)],
        [("Banking Committee", []), ("Senate Banking Committee", [])],
    ),
    # Without its "of …" or "for …".
    (
        "The Harbour Players Guild of Avonlea met. A spokesman for the Harbour Players Guild"
        " said it was full.",
        [("Harbour Players Guild of Avonlea", 0, ORG), ("Harbour Players Guild", 1, ORG)],
        [("Harbour Players Guild of Avonlea", ["Harbour Players Guild"])],
    ),
    (
        "The Cressley Foundation for the Arts gave money. The Cressley Foundation said so.",
        [("Cressley Foundation for the Arts", 0, ORG), ("Cressley Foundation", 1, ORG)],
        [("Cressley Foundation for the Arts", ["Cressley Foundation"])],
    ),
    # Without the trade its name gives.
    (
        "Shares of Vantorq Interactive rose. Vantorq said sales were up.",
        [("Vantorq Interactive", 0, ORG), ("Vantorq", 1, ORG)],
        [("Vantorq Interactive", ["Vantorq"])],
    ),
    (
        "Dellmere Airways ordered jets. Dellmere said the deal was done.",
        [("Dellmere Airways", 0, ORG), ("Dellmere", 1, ORG)],
        [("Dellmere Airways", ["Dellmere"])],
    ),
    # … but a product or a unit is not the company.
    (
        "Vantorq Music grew fast. Vantorq said it was happy.",
        [("Vantorq Music", 0, ORG), ("Vantorq", 1, ORG)],
        [("Vantorq Music", []), ("Vantorq", [])],
    ),
    (
        "Vantorq News reported it. Vantorq said nothing.",
        [("Vantorq News", 0, ORG), ("Vantorq", 1, ORG)],
        [("Vantorq News", []), ("Vantorq", [])],
    ),
    # A party's members as a body ("Democrats" beside "Democratic Party"); a possessive's "'s".
    (
        "The Liberal Democratic Party held a vote. The Liberal Democrats said they would win.",
        [("Liberal Democratic Party", 0, ORG), ("Liberal Democrats", 0, ORG)],
        [("Liberal Democratic Party", ["Liberal Democrats"])],
    ),
    (
        "The Harbour People's Party won seats. A Harbour People Party spokesman was pleased.",
        [("Harbour People's Party", 0, ORG), ("Harbour People Party", 0, ORG)],
        [("Harbour People's Party", ["Harbour People Party"])],
    ),
    # A full name whose short form the alias table knows is that body; its short form,
    # wherever the article uses it, is the well-known body.
    (
        "The Ruritanian Home Office said the rules would change. The Home Office said more.",
        [("Ruritanian Home Office", 0, ORG), ("Home Office", 1, ORG)],
        [("Home Office", ["Ruritanian Home Office"])],
    ),
    (
        "The Security Council met. Members of the UN Security Council said it would vote.",
        [("Security Council", 0, ORG), ("UN Security Council", 0, ORG)],
        [("UN Security Council", ["Security Council"])],
    ),
]


@pytest.mark.parametrize(("text", "ents", "expected"), SHORT_NAMES)
def test_short_names_of_one_body(
    rules_nlp: Language,
    text: str,
    ents: list[tuple[str, int, str]],
    expected: list[tuple[str, list[str]]],
) -> None:
    doc = run_rules_with_spans(rules_nlp, text, ents)
    assert [(e.name, e.aliases) for e in doc._.entities] == expected


PLACES = [
    # A place's initials are the place, not a body named after it.
    (
        "The cost was put at NZ $26 million by officials in New Zealand.",
        [("NZ", 0, ORG), ("New Zealand", 0, "PLACE")],
        [("New Zealand", "place", ["NZ"])],
    ),
    # … and a body's initials the body.
    (
        "The Northern Freedom Front attacked. The NFF said it would fight.",
        [("Northern Freedom Front", 0, ORG), ("NFF", 0, ORG)],
        [("Northern Freedom Front", "organization", ["NFF"])],
    ),
    # "North and South Korea": the first compass word is the other place of the pair.
    (
        "Fire was exchanged after North and South Korea met.",
        [("North", 0, ORG), ("South Korea", 0, "PLACE")],
        [("North Korea", "place", ["North"]), ("South Korea", "place", [])],
    ),
    # … not a compass word of a body's name, nor a pair that is no place.
    (
        "The North and South Korea Herald reported it.",
        [("North", 0, ORG), ("South Korea Herald", 0, ORG)],
        [("North", "organization", []), ("South Korea Herald", "organization", [])],
    ),
]


@pytest.mark.parametrize(("text", "ents", "expected"), PLACES)
def test_initials_and_pairs_of_places(
    rules_nlp: Language,
    text: str,
    ents: list[tuple[str, int, str]],
    expected: list[tuple[str, str, list[str]]],
) -> None:
    doc = run_rules_with_spans(rules_nlp, text, ents)
    assert [(e.name, e.type, e.aliases) for e in doc._.entities] == expected


def test_a_headline_may_use_the_short_name_first() -> None:
    text = (
        "Dellmere orders thirty jets\n\n"
        "The carrier Dellmere Airways finalised a deal on Monday. Dellmere said it was happy."
    )
    article = Extractor(load_pipeline()).extract(SourceDocument(text=text, format="text"))
    bodies = [(e.name, e.aliases) for e in article.entities if e.type == "organization"]
    assert bodies == [("Dellmere Airways", ["Dellmere"])]


def test_a_party_in_lower_case_and_its_members() -> None:
    text = "Vote on Monday\n\nThe Democratic party held a vote. The Democrats said they would win."
    article = Extractor(load_pipeline()).extract(SourceDocument(text=text, format="text"))
    bodies = [(e.name, e.aliases) for e in article.entities if e.type == "organization"]
    assert bodies == [("Democratic party", ["Democrats"])]
