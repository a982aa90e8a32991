"""Resolution rules: descriptions, ranks and qualifiers, neighbours, and a name's type."""

from __future__ import annotations

import pytest

from claimgraph.extract import Extractor, load_pipeline
from claimgraph.extract.descriptions import role_words
from claimgraph.extract.schema import Article
from claimgraph.extract.sources import SourceDocument
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
            "As long as Raqqa is sitting there, they can plan attacks, Helen Marsh said.\n\n"
            "The group's fighters in Raqqa were told to leave.",
            "Raqqa",
            id="a-city-written-after-in",
        ),
        pytest.param(
            "As long as Kabul is sitting there, they can plan attacks, Helen Marsh said.",
            "Kabul",
            id="a-capital-of-the-gazetteer",
        ),
        pytest.param(
            "As long as Bandar Abbas is sitting there, they can plan attacks, Helen Marsh said.",
            "Bandar Abbas",
            id="a-city-of-two-words-in-the-gazetteer",
        ),
    ],
)
def test_a_place_tagged_as_a_person_is_a_place(rules_nlp, text, name):
    doc = run_rules(rules_nlp, text, {**MARSH, name: "PERSON"})
    types = {e.name: e.type for e in doc._.entities}
    assert types[name] == "place"
    assert types["Helen Marsh"] == "person"


@pytest.mark.parametrize("name", ["George", "Bryan", "Constance"])
def test_a_one_word_city_name_alone_does_not_make_a_person_a_place(rules_nlp, name):
    """Cities of 50,000 are named after people and people after cities: without a country, a
    capital or a locative ("in George"), the model's person stays a person."""
    doc = run_rules(rules_nlp, f"{name} said the plan would work.", {name: "PERSON"})
    assert {e.name: e.type for e in doc._.entities}[name] == "person"


@pytest.mark.parametrize(
    ("text", "tagged", "names"),
    [
        pytest.param(
            "The US National Hurricane Center said the storm was weakening.",
            {"US National Hurricane Center": "ORG"},
            ["US National Hurricane Center"],
            id="a-country-begins-a-body",
        ),
        pytest.param(
            "Floods hit South Australia and New South Wales.",
            {"South Australia": "PLACE", "New South Wales": "PLACE"},
            ["South Australia", "New South Wales"],
            id="a-country-ends-a-state",
        ),
        pytest.param(
            "The UK water regulator said bills would rise.",
            {"UK water regulator": "ORG"},
            ["United Kingdom"],
            id="not-before-a-common-noun",
        ),
        pytest.param(
            "Troops moved into Western Iraq.",
            {"Western Iraq": "PLACE"},
            ["Iraq"],
            id="not-a-region-of-it",
        ),
    ],
)
def test_a_known_place_inside_a_longer_name_is_part_of_it(rules_nlp, text, tagged, names):
    doc = run_rules(rules_nlp, text, tagged)
    assert [e.name for e in doc._.entities] == names


def test_a_person_with_a_title_keeps_being_a_person(rules_nlp):
    """ "Jordan" is a country, but "Mr Jordan" is a man."""
    text = "Mr Jordan said the club would appeal.\n\nJordan said the fine was unfair."
    doc = run_rules(rules_nlp, text, {"Jordan": "PERSON"})
    assert {e.name: e.type for e in doc._.entities}["Jordan"] == "person"


@pytest.mark.parametrize(
    ("text", "tagged", "name", "role"),
    [
        pytest.param(
            "L/Cpl Ishab Ahmed said he had felt the explosion.",
            "Ishab Ahmed",
            "Ishab Ahmed",
            "L/Cpl",
            id="a-slash-title-is-one-token-and-a-role",
        ),
        # The title rule stops at a word it cannot read as a name ("O'Brien" is not
        # alphabetic); the model's span holding the whole name is kept.
        pytest.param(
            "Sheikh Ali O'Brien said the talks had failed.",
            "Ali O'Brien",
            "Ali O'Brien",
            "Sheikh",
            id="the-models-longer-name-beats-a-title-rule-that-stops-short",
        ),
    ],
)
def test_a_titled_person_and_their_role(rules_nlp, text, tagged, name, role):
    doc = run_rules(rules_nlp, text, {tagged: "PERSON"})
    (person,) = [e for e in doc._.entities if e.type == "person"]
    assert person.name == name
    assert person.roles == [role]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "Doug Brandt, a hardware store owner and former alderman, told supporters at a "
            "rally that the agreement was “a giveaway to a trillion-dollar company.”",
            ["Doug Brandt"],
            id="no-sentence-starts-at-a-comma",
        ),
        pytest.param(
            "Wendle Valley Police arrested him in May.\n\n"
            "Police said only £41,000 had been recovered so far.",
            ["Wendle Valley Police"],
            id="bare-group-noun-names-the-force",
        ),
        pytest.param(
            "A European delegate, who asked not to be named, said the announcement was "
            "“a way of buying a year”.",
            [None],
            id="a-region-has-no-spokesman",
        ),
        pytest.param(
            "A senior manager at the hospital said agency nurses had been booked.\n\n"
            "“We won’t get through a month of this,” she said.",
            [None, None],
            id="she-after-an-unnamed-source",
        ),
        pytest.param(
            "Dr Fiona Marlowe, chief executive of the Alderbridge Hospitals Trust, warned that "
            "the walkout would set back waiting lists.\n\n"
            "Alderbridge council leader Joanne Pryce joined the picket line.\n\n"
            "“Every operation we cancel is a person who has waited too long,” the hospital "
            "boss said.",
            ["Fiona Marlowe", "Fiona Marlowe"],
            id="boss-is-the-chief-executive-not-the-council-leader",
        ),
        pytest.param(
            "In mitigation, Kell’s barrister, Jonathan Pike KC, said his client had been "
            "“drowning in debt” after his business collapsed.",
            ["Jonathan Pike"],
            id="post-nominal-letters-are-no-name",
        ),
        pytest.param(
            "“I’m not going to apologize for bringing 400 jobs to the county,” Jimenez-Holt "
            "said in an interview.",
            ["Jimenez-Holt"],
            id="hyphenated-surname",
        ),
    ],
)
def test_speakers_with_the_shipped_pipeline(extractor, text, speakers):
    assert _said_by(_extract(extractor, text)) == speakers


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The company’s so-called “air-gapped” backups were not separate.", id="so"),
        pytest.param(
            "The attack was claimed by a ransomware group calling itself BlackTarn, which "
            "posted stolen data online.",
            id="calling-itself",
        ),
        pytest.param(
            "Lindahl endorsed Brandt in August but has said little about the data center.",
            id="said-little",
        ),
    ],
)
def test_words_that_report_nothing(extractor, text):
    assert _extract(extractor, text).claims == []


def test_a_place_is_the_first_word_of_its_institutions(rules_nlp):
    text = (
        "Alderbridge City Council asked for money.\n\n"
        "Alderbridge lost more than 300 homes, Joanne Pryce said."
    )
    ents = {"Alderbridge City Council": "ORG", "Alderbridge": "PERSON", "Joanne Pryce": "PERSON"}
    doc = run_rules(rules_nlp, text, ents)
    assert {e.name: e.type for e in doc._.entities}["Alderbridge"] == "place"


def test_a_company_with_and_without_its_suffix_is_one(rules_nlp):
    text = "Marrowby Group bought the firm.\n\nMarrowby said the deal was done."
    doc = run_rules(rules_nlp, text, {"Marrowby Group": "ORG", "Marrowby": "ORG"})
    assert [e.name for e in doc._.entities if e.type == "organization"] == ["Marrowby Group"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sheikh Abdul Wahhab al-Janabi said the talks had failed.", "Abdul Wahhab al-Janabi"),
        ("Mr van Rompuy said the summit would go ahead.", "van Rompuy"),
        ("President Abdel Fattah el-Sisi said the crossing would open.", "Abdel Fattah el-Sisi"),
    ],
)
def test_a_titled_name_runs_over_its_particles(rules_nlp, text, name):
    doc = run_rules(rules_nlp, text)
    assert [e.name for e in doc._.entities if e.type == "person"] == [name]


def test_a_particle_with_no_name_after_it_ends_the_titled_name(rules_nlp):
    doc = run_rules(rules_nlp, "Gen Smith de facto ran the base, officials said.")
    assert [e.name for e in doc._.entities if e.type == "person"] == ["Smith"]


@pytest.mark.parametrize(
    ("text", "tagged", "name"),
    [
        ("Moody's said the outlook was stable.", "Moody's", "Moody's"),
        ("The best steaks are at Del Frisco's.", "Del Frisco's", "Del Frisco's"),
        ("Acme's shares fell sharply, analysts said.", "Acme's", "Acme"),
    ],
)
def test_s_is_part_of_a_business_name_unless_something_possessed_follows(
    rules_nlp, text, tagged, name
):
    doc = run_rules(rules_nlp, text, {tagged: "ORG"})
    assert [e.name for e in doc._.entities if e.type == "organization"] == [name]


@pytest.mark.parametrize(
    ("text", "tagged", "name", "entity_type"),
    [
        pytest.param(
            "Shelling hit east Alderbridge overnight.",
            {"east Alderbridge": "PLACE"},
            "Alderbridge",
            "place",
            id="no-lower-case-word-first",
        ),
        pytest.param(
            "Drones struck Nangarhar province overnight.",
            {"Nangarhar province": "PLACE"},
            "Nangarhar",
            "place",
            id="a-place-without-the-word-for-it",
        ),
        pytest.param(
            "The plant in Stoke-on-Trent will close.",
            {"Stoke": "PLACE"},
            "Stoke-on-Trent",
            "place",
            id="a-hyphenated-name-whole",
        ),
        pytest.param(
            "Jobs will go in Stoke-on-Trent, the company said.",
            {"Stoke-on-Trent": "ORG"},
            "Stoke-on-Trent",
            "place",
            id="a-known-place-of-several-words-is-a-place",
        ),
    ],
)
def test_names_are_trimmed_and_typed(rules_nlp, text, tagged, name, entity_type):
    doc = run_rules(rules_nlp, text, tagged)
    assert [(e.name, e.type) for e in doc._.entities] == [(name, entity_type)]


def test_a_lower_case_span_is_no_name_in_edited_text_only(rules_nlp):
    edited = run_rules(rules_nlp, "Troops moved north. They crossed the river.", {"north": "PLACE"})
    assert edited._.entities == []
    typed = run_rules(rules_nlp, "we went to kerala. it was great.", {"kerala": "PLACE"})
    assert [e.name for e in typed._.entities] == ["kerala"]


def test_a_sentence_that_starts_with_i_says_nothing_about_editing(rules_nlp):
    doc = run_rules(rules_nlp, "I can get certified in delaware?", {"delaware": "PLACE"})
    assert [e.name for e in doc._.entities] == ["delaware"]


def test_typed_text_keeps_a_lower_case_first_word_of_a_name(rules_nlp):
    text = "wanna meet girls from san francisco. any tips?"
    doc = run_rules(rules_nlp, text, {"san francisco": "PLACE"})
    assert [e.name for e in doc._.entities] == ["san francisco"]


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        (
            "Please write to Kevin.A.Boone@accenture.com today.",
            {"Kevin.A.Boone@accenture.com": "PERSON"},
        ),
        ("I attach Lisa_resume.doc for you.", {"Lisa_resume.doc": "PERSON"}),
        ("The story ran on Seattlepi.com today.", {"Seattlepi.com": "PLACE"}),
        ("Read it at www.example.org/news today.", {"www.example.org/news": "ORG"}),
    ],
)
def test_an_address_or_a_file_names_nobody(rules_nlp, text, tagged):
    assert run_rules(rules_nlp, text, tagged)._.entities == []


def test_a_quoted_name_before_an_address_is_the_senders(rules_nlp):
    text = 'Email: "Ryan Reynolds" <rreynolds@example.ca> Groups: news'
    doc = run_rules(rules_nlp, text, {"Ryan Reynolds": "PERSON"})
    assert [(e.name, e.type) for e in doc._.entities] == [("Ryan Reynolds", "person")]


def test_a_storm_is_no_entity_wherever_it_is_named(rules_nlp):
    text = "Hurricane Rita hit Texas. Officials said Rita was dangerous."
    tagged = {"Rita": "PERSON", "Texas": "PLACE"}
    doc = run_rules(rules_nlp, text, tagged)
    assert [(e.name, e.type) for e in doc._.entities] == [("Texas", "place")]
    upheaval = run_rules(rules_nlp, "It was the storm Johnson faced.", {"Johnson": "PERSON"})
    assert [e.name for e in upheaval._.entities] == ["Johnson"]
    headline = run_rules(rules_nlp, "After The Storm, Johnson", {"Johnson": "PERSON"})
    assert [e.name for e in headline._.entities] == ["Johnson"]
    headline = run_rules(rules_nlp, "After The Storm Johnson Won", {"Johnson": "PERSON"})
    assert [e.type for e in headline._.entities] == ["person"]
    named = run_rules(rules_nlp, "Trees fell as Storm Ciara hit.", {"Ciara": "PERSON"})
    assert named._.entities == []


def test_a_company_may_go_by_its_domain(rules_nlp):
    doc = run_rules(rules_nlp, "Shares in Amazon.com rose.", {"Amazon.com": "ORG"})
    assert [(e.name, e.type) for e in doc._.entities] == [("Amazon.com", "organization")]


def test_police_ranks_are_titles(rules_nlp):
    doc = run_rules(rules_nlp, '"This will not be quick," DI Vose said.')
    (person,) = doc._.entities
    assert (person.name, person.roles) == ("Vose", ["DI"])


def test_a_pictures_credit_is_not_a_name_in_the_story(rules_nlp):
    text = "© Getty Soldiers pose with a flag, the army said."
    doc = run_rules(rules_nlp, text, {"Getty": "ORG"})
    assert doc._.entities == []


@pytest.mark.parametrize(
    ("text", "ents", "people"),
    [
        # A headline in capitals names the person the text below introduces.
        (
            "WHERE NOW FOR MARSH?\n\nFormer minister Helen Marsh spoke. Marsh left.",
            {"MARSH": "PERSON", "Helen Marsh": "PERSON", "Marsh": "PERSON"},
            ["Helen Marsh"],
        ),
        # Not a part of her name, in any case: two people.
        (
            "WHERE NOW FOR MARSHALL?\n\nFormer minister Helen Marsh spoke.",
            {"MARSHALL": "PERSON", "Helen Marsh": "PERSON"},
            ["MARSHALL", "Helen Marsh"],
        ),
    ],
)
def test_a_name_in_capitals_is_the_same_name(rules_nlp, text, ents, people):
    doc = run_rules(rules_nlp, text, ents)
    assert [e.name for e in doc._.entities if e.type == "person"] == people


@pytest.mark.parametrize(
    ("text", "ents", "people"),
    [
        # Father and son, in either order: a generational suffix is part of who someone is.
        (
            "Donald Trump spoke. Donald Trump Jr. replied.",
            {"Donald Trump": "PERSON", "Donald Trump Jr.": "PERSON"},
            ["Donald Trump", "Donald Trump Jr."],
        ),
        (
            "Donald Trump Jr. spoke. Donald Trump replied.",
            {"Donald Trump Jr.": "PERSON", "Donald Trump": "PERSON"},
            ["Donald Trump Jr.", "Donald Trump"],
        ),
        (
            "Ken Griffey Sr. spoke. Ken Griffey Jr. replied.",
            {"Ken Griffey Sr.": "PERSON", "Ken Griffey Jr.": "PERSON"},
            ["Ken Griffey Sr.", "Ken Griffey Jr."],
        ),
        # One man: the same suffix however written, and his surname alone.
        (
            "Owen Hale Jr. spoke. Owen Hale Jr replied. Hale left.",
            {"Owen Hale Jr.": "PERSON", "Owen Hale Jr": "PERSON", "Hale": "PERSON"},
            ["Owen Hale Jr."],
        ),
        # A suffix the model cut off its name is no one of its own, in either order.
        (
            "Owen Hale Jr. won, Jr. said.",
            {"Owen Hale": "PERSON", "Jr.": "PERSON", "Owen Hale Jr.": "PERSON"},
            ["Owen Hale Jr."],
        ),
    ],
)
def test_a_generational_suffix_tells_father_from_son(rules_nlp, text, ents, people):
    doc = run_rules(rules_nlp, text, ents)
    found = [e.name.rstrip(".") for e in doc._.entities if e.type == "person"]
    assert found == [name.rstrip(".") for name in people]


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        # A surname alone opening a sentence is the person named in full: before a verb …
        ("Dan Buser runs Acme.\nBuser says the service will grow.", 2),
        # … or, a proper noun, set off by a comma.
        ("Dan Buser runs Acme.\nBuser, however, is counting on the service.", 2),
        # … but not a common word before a noun ("Early results").
        ("Dan Early runs Acme.\nEarly results show the service will grow.", 1),
    ],
)
def test_a_surname_alone_opening_a_sentence(rules_nlp, text, mentions):
    first = text.split(" runs")[0]
    doc = run_rules(rules_nlp, text, {first: "PERSON"})
    assert [(e.name, e.mentions) for e in doc._.entities if e.type == "person"] == [
        (first, mentions)
    ]
