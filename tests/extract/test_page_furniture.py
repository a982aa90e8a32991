"""Rule table for page furniture on real news (issue 19): lines a page pastes around a story
(an outlet's credit, its promos, a teaser heading, a name's hover card) are no text of the
story, and their names no mentions. Invented lines."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimgraph.extract.cleaning import clean, is_boilerplate
from claimgraph.extract.sources import SourceDocument

from .conftest import run_rules


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("SOURCE: Harbour Daily News", True),
        ("Listen to Morning Brief live at 07:30 weekdays - or listen back here.", True),
        ('Get the app for Rs 99 a month. Use the code "SAVE". It gives you more.', True),
        ("DON'T MISS", True),
        ("Minister furious at rival over port plan [INSIGHT]|", True),
        # Rows of the story itself: these must stay.
        ("Sources said the talks had failed, and the minister left.", False),
        ("Listen to the people, the mayor said.", False),
        ("She did not miss a single meeting.", False),
    ],
)
def test_furniture_lines(line: str, furniture: bool) -> None:
    assert is_boilerplate(line) is furniture


def test_a_hover_card_pasted_after_a_name_leaves_the_name() -> None:
    text = (
        "Bridge Deal\n\nA man threatened Rep. Jane RoeJane RoeSenate passes bill | Mayor "
        "quits MORE (D-Ohio), prosecutors said."
    )
    cleaned = clean(SourceDocument(text=text, title="Bridge Deal"))
    assert "Rep. Jane Roe (D-Ohio), prosecutors said." in cleaned.text
    assert "Mayor" not in cleaned.text


def test_a_name_written_twice_without_a_card_stays() -> None:
    text = "Bridge Deal\n\nThe band Duran Duran played. Jane Roe said MORE was coming."
    cleaned = clean(SourceDocument(text=text, title="Bridge Deal"))
    assert "The band Duran Duran played. Jane Roe said MORE was coming." in cleaned.text


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # A prompt to follow the outlet, inside a paragraph of the story.
        (
            "Prices rose on Monday. Follow us on Chirper and like us on Facebook for more.",
            {"Chirper": "ORG", "Facebook": "ORG"},
            [],
        ),
        (
            "Lena Moss sang. Follow her on Instagram.",
            {"Lena Moss": "PERSON", "Instagram": "ORG"},
            [("Lena Moss", "person")],
        ),
        # The story's own sentence about a network stays.
        (
            "Regulators said Facebook would follow the rules.",
            {"Facebook": "ORG"},
            [("Facebook", "organization")],
        ),
    ],
)
def test_prompts_to_follow_name_nothing(
    rules_nlp: Language, text: str, ents: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    doc = run_rules(rules_nlp, text, ents)
    assert [(e.name, e.type) for e in doc._.entities] == expected
