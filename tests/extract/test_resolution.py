"""Resolution rules: descriptions, ranks and qualifiers, neighbours, and a name's type."""

from __future__ import annotations

import pytest

from extract import Extractor, load_pipeline
from extract.resolution import role_words
from extract.schema import Article
from extract.sources import SourceDocument
from tests.extract.conftest import run_rules

MARSH = {"Helen Marsh": "PERSON", "Marsh": "PERSON"}
HALE = {"Owen Hale": "PERSON"}
OKAFOR = {"Tom Okafor": "PERSON", "Okafor": "PERSON"}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """The shipped pipeline: these rules read the parse (heads of descriptions, clauses)."""
    return Extractor(load_pipeline())


def _speakers(doc) -> list[str | None]:
    return [c.speaker.name if c.speaker else None for c in doc._.claims]


def _extract(extractor: Extractor, text: str) -> Article:
    return extractor.extract(SourceDocument(text=text, format="text"))


def _said_by(article: Article) -> list[str | None]:
    return [c.speaker.name if c.speaker else None for c in article.claims]


def test_abbreviated_ranks_are_written_out():
    assert role_words("Maj Gen") == ["major", "general"]
    assert role_words("L/Cpl") == ["lance", "corporal"]
    assert role_words("Defence Secretary") == ["defence", "secretary"]


def test_a_description_is_not_an_office_with_a_qualifier(rules_nlp):
    """ "the defence secretary" is not the shadow defence secretary named later: with no
    role to match, it is the person who spoke just before."""
    text = (
        "Helen Marsh warned that the group would try again.\n\n"
        "The defence secretary said the attack had been planned for weeks.\n\n"
        "Owen Hale, the shadow defence secretary, said the government had been warned."
    )
    doc = run_rules(rules_nlp, text, {**MARSH, **HALE})
    assert _speakers(doc) == ["Helen Marsh", "Helen Marsh", "Owen Hale"]


def test_a_lede_description_is_the_person_named_next(rules_nlp):
    text = (
        "Britain’s defence secretary told allies that the airports needed protection.\n\n"
        "Helen Marsh said the country was now the front line."
    )
    doc = run_rules(rules_nlp, text, MARSH)
    assert _speakers(doc) == ["Helen Marsh", "Helen Marsh"]
    assert doc._.claims[0].confidence <= 0.7  # a guess from position, and it says so


def test_the_general_is_the_person_titled_maj_gen(rules_nlp):
    text = (
        "Maj Gen Tom Okafor visited the base on Monday.\n\n"
        "The general said the rockets were hidden in farms across the north."
    )
    doc = run_rules(rules_nlp, text, OKAFOR)
    assert _speakers(doc) == ["Tom Okafor"]


def test_a_former_commander_is_the_retired_one(extractor):
    article = _extract(
        extractor,
        "Graham Pell, a retired brigadier who commanded British forces in Kestria, advised "
        "the film-makers.\n\n"
        "The current commander in Kestria, Maj Gen Tom Okafor, has not seen the film.\n\n"
        "Speaking on Thursday, the former commander said the night scenes were accurate.",
    )
    assert _said_by(article) == ["Graham Pell"]


def test_an_unnamed_source_stays_unnamed(extractor):
    """ "A senior diplomat … the diplomat said": no name, whoever spoke before."""
    article = _extract(
        extractor,
        "Helen Marsh said the allies should act quickly.\n\n"
        "A senior European diplomat was blunter.\n\n"
        "“Nobody in that room has spare launchers,” the diplomat said.",
    )
    assert _said_by(article) == ["Helen Marsh", None]


def test_absolute_clause_speakers_are_the_group(extractor):
    article = _extract(
        extractor,
        "The leader of the splinter cell became the Taliban’s most wanted enemy, with their "
        "soldiers saying they would destroy the group.",
    )
    assert _said_by(article) == ["Taliban"]


def test_a_reply_after_a_relative_clause_is_the_main_speaker(extractor):
    article = _extract(
        extractor,
        "Host Martha Kearney picked up on what Mr Heappey said and responded: “So you are "
        "relying on the Taliban to protect the people at the airport?”",
    )
    assert _said_by(article)[0] == "Martha Kearney"


def test_a_description_that_fits_nobody_else_stays_with_its_body(rules_nlp):
    text = "The talks were closer than ever, the United Nations envoy said."
    doc = run_rules(rules_nlp, text, {"United Nations": "ORG"})
    assert _speakers(doc) == ["United Nations"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param(
            "Kestria was not a Nato mission, Helen Marsh said.\n\n"
            "Nato had no plans to take on a role in Kestria.",
            "Kestria",
            id="written-after-in",
        ),
        pytest.param(
            "As long as Raqqa is sitting there, they can plan attacks, Helen Marsh said.",
            "Raqqa",
            id="a-city-of-the-gazetteer",
        ),
    ],
)
def test_a_place_tagged_as_a_person_is_a_place(rules_nlp, text, name):
    doc = run_rules(rules_nlp, text, {**MARSH, name: "PERSON"})
    types = {e.name: e.type for e in doc._.entities}
    assert types[name] == "place"
    assert types["Helen Marsh"] == "person"


def test_a_person_with_a_title_keeps_being_a_person(rules_nlp):
    """ "Jordan" is a country, but "Mr Jordan" is a man."""
    text = "Mr Jordan said the club would appeal.\n\nJordan said the fine was unfair."
    doc = run_rules(rules_nlp, text, {"Jordan": "PERSON"})
    assert {e.name: e.type for e in doc._.entities}["Jordan"] == "person"


def test_slash_titles_are_one_token_and_a_role(rules_nlp):
    text = "L/Cpl Ishab Ahmed said he had felt the explosion."
    doc = run_rules(rules_nlp, text, {"Ishab Ahmed": "PERSON"})
    (person,) = [e for e in doc._.entities if e.type == "person"]
    assert person.name == "Ishab Ahmed"
    assert person.roles == ["L/Cpl"]
