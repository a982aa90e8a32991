"""Attribution rules as a table: sentence -> (speaker words, cue, kind, content)."""

from __future__ import annotations

import pytest

from tests.extract.conftest import run_rules

MARSH = {"Helen Marsh": "PERSON", "Marsh": "PERSON"}
OKAFOR = {"Tom Okafor": "PERSON", "Okafor": "PERSON"}

# (text, entities, expected claims as (speaker_text, cue, kind, content))
CASES = [
    pytest.param(
        "Helen Marsh said: “We will not be intimidated by these threats.”",
        MARSH,
        [("Helen Marsh", "said", "direct", "We will not be intimidated by these threats.")],
        id="speaker-first-colon",
    ),
    pytest.param(
        "“We will not be intimidated,” Marsh said.",
        MARSH,
        [("Marsh", "said", "direct", "We will not be intimidated")],
        id="quote-first",
    ),
    pytest.param(
        "“The airport is secure,” said Tom Okafor.",
        OKAFOR,
        [("Tom Okafor", "said", "direct", "The airport is secure")],
        id="quote-first-inverted",
    ),
    pytest.param(
        "‘We don’t know who carried out the attack,’ she said.",
        {},
        [("she", "said", "direct", "We don’t know who carried out the attack")],
        id="single-curly-with-apostrophe",
    ),
    pytest.param(
        '"The threat is real and growing," he warned.',
        {},
        [("he", "warned", "direct", "The threat is real and growing")],
        id="straight-double",
    ),
    pytest.param(
        "Helen Marsh warned that the group was planning further attacks on the base.",
        MARSH,
        [
            (
                "Helen Marsh",
                "warned",
                "indirect",
                "the group was planning further attacks on the base",
            )
        ],
        id="reported-that",
    ),
    pytest.param(
        "The group was planning further attacks on the base, Marsh said.",
        MARSH,
        [("Marsh", "said", "indirect", "The group was planning further attacks on the base")],
        id="content-first",
    ),
    pytest.param(
        "Marsh said the attack was “a clear escalation” by the militants.",
        MARSH,
        [("Marsh", "said", "mixed", "the attack was “a clear escalation” by the militants")],
        id="mixed",
    ),
    pytest.param(
        "The convoy was hit by two rockets, according to Tom Okafor.",
        OKAFOR,
        [("Tom Okafor", "according to", "according_to", "The convoy was hit by two rockets")],
        id="according-to-after",
    ),
    pytest.param(
        "He rejected Donald Trump’s campaign suggestion that the coalition was too timid.",
        {"Donald Trump": "PERSON"},
        [("Donald Trump", "suggestion", "indirect", "the coalition was too timid")],
        id="owned-statement-noun",
    ),
    pytest.param(
        "The minister’s warning that cuts would follow was ignored.",
        {},
        [],
        id="owned-statement-needs-a-name",
    ),
    pytest.param(
        "According to Tom Okafor, the convoy was hit by two rockets.",
        OKAFOR,
        [("Tom Okafor", "according to", "according_to", "the convoy was hit by two rockets")],
        id="according-to-before",
    ),
    pytest.param(
        "Officials said the ceasefire would hold until the end of the month.",
        {},
        [("Officials", "said", "indirect", "the ceasefire would hold until the end of the month")],
        id="unnamed-source",
    ),
    pytest.param(
        "Marsh warned that the group would strike again, but insisted the base would stay open.",
        MARSH,
        [
            ("Marsh", "warned", "indirect", "the group would strike again"),
            ("Marsh", "insisted", "indirect", "the base would stay open"),
        ],
        id="two-cues-one-speaker",
    ),
    pytest.param(
        "Marsh said on Tuesday in a statement that the base would stay open.",
        MARSH,
        [("Marsh", "said", "indirect", "the base would stay open")],
        id="phrase-before-that",
    ),
    pytest.param(
        "Marsh said the attack that wounded four soldiers had been planned for weeks.",
        MARSH,
        [
            (
                "Marsh",
                "said",
                "indirect",
                "the attack that wounded four soldiers had been planned for weeks",
            )
        ],
        id="relative-that-is-content",
    ),
    pytest.param(
        "Britain and Japan will hold drills this summer, Marsh said on Tuesday, insisting the "
        "drills were not aimed at any country.",
        MARSH,
        [
            ("Marsh", "said", "indirect", "Britain and Japan will hold drills this summer"),
            ("Marsh", "insisting", "indirect", "the drills were not aimed at any country"),
        ],
        id="participle-cue",
    ),
    pytest.param("The so-called “peace dividend” never arrived.", {}, [], id="scare-quote"),
    pytest.param("She starred in the film “Desert Line” last year.", {}, [], id="film-title"),
    pytest.param(
        "The word “victory” appeared on every poster in the city.", {}, [], id="quoted-word"
    ),
    pytest.param("The minister arrived in Riga on Monday for talks.", {}, [], id="no-cue"),
]


@pytest.mark.parametrize(("text", "ents", "expected"), CASES)
def test_attribution_table(rules_nlp, text, ents, expected):
    doc = run_rules(rules_nlp, text, ents)
    found = [(c.speaker_text, c.cue, c.kind, c.text) for c in doc._.claims]
    assert found == expected
    for claim in doc._.claims:
        assert doc.text[claim.start_char : claim.end_char] == claim.text


def test_continuation_paragraph_keeps_speaker(rules_nlp):
    text = (
        "Helen Marsh said: “The threat is severe.”\n\n"
        "“We will do our best to protect those who are there.”"
    )
    doc = run_rules(rules_nlp, text, MARSH)
    assert [(c.speaker and c.speaker.name, c.kind) for c in doc._.claims] == [
        ("Helen Marsh", "direct"),
        ("Helen Marsh", "direct"),
    ]


def test_multi_paragraph_quote_is_one_claim(rules_nlp):
    text = (
        "Marsh said: “The first part of the plan is complete.\n\n"
        "“The second part will take longer than we hoped.”"
    )
    doc = run_rules(rules_nlp, text, MARSH)
    assert [(c.speaker.name, c.kind) for c in doc._.claims] == [("Marsh", "direct")]
    assert doc._.claims[0].text.endswith("longer than we hoped.")


def test_pronoun_speaker_resolves_to_last_person(rules_nlp):
    text = "Helen Marsh visited the base.\n\nShe said: “The troops are ready for anything.”"
    doc = run_rules(rules_nlp, text, MARSH)
    assert doc._.claims[0].speaker.name == "Helen Marsh"


def test_addressee_from_told(rules_nlp):
    text = "“The base is secure,” Marsh told Sky News."
    doc = run_rules(rules_nlp, text, {**MARSH, "Sky News": "ORG"})
    assert doc._.claims[0].addressee.id == "org:sky-news"


@pytest.mark.xfail(strict=True, reason="relative clause between subject and cue: needs syntax")
def test_speaker_with_relative_clause(rules_nlp):
    text = (
        "One sniper, who has served three tours in Iraq said he would relish the chance "
        "to go to Mosul."
    )
    doc = run_rules(rules_nlp, text, {"Iraq": "PLACE", "Mosul": "PLACE"})
    assert [c.speaker_text for c in doc._.claims] == ["One sniper"]


def test_about_follows_a_description_back_to_its_entity(rules_nlp):
    text = (
        "The Northern Freedom Front fired rockets at Riverton Airport.\n\n"
        "Marsh said the group would be held to account for the attack on the airport."
    )
    ents = {**MARSH, "Northern Freedom Front": "ORG", "Riverton Airport": "PLACE"}
    doc = run_rules(rules_nlp, text, ents)
    about = [ref.name for ref in doc._.claims[0].about]
    assert about == ["Northern Freedom Front", "Riverton Airport"]


def test_indefinite_description_is_not_a_reference(rules_nlp):
    text = (
        "The Northern Freedom Front fired rockets.\n\n"
        "Marsh said a group of soldiers had been wounded in the attack."
    )
    doc = run_rules(rules_nlp, text, {**MARSH, "Northern Freedom Front": "ORG"})
    assert doc._.claims[0].about == []


def test_bullet_copy_of_a_body_claim_is_one_claim(rules_nlp):
    text = (
        "Marsh warns base poses a risk to British troops\n\n"
        "Helen Marsh said the airport base posed a growing risk to British troops in the north "
        "of the country."
    )
    doc = run_rules(rules_nlp, text, MARSH, verbs=frozenset({"poses"}))
    assert len(doc._.claims) == 1
    claim = doc._.claims[0]
    assert claim.text.startswith("the airport base posed")
    assert len(claim.occurrences) == 2


@pytest.mark.parametrize(
    ("text", "role", "affiliation"),
    [
        (
            "Jonas Wehrle, a spokesman for the Bundeswehr, said the stocks were low.",
            "spokesman",
            "Bundeswehr",
        ),
        ("Kestria's foreign minister, Irena Koval, said talks would resume.", None, None),
        ("BBC Security Correspondent Frank Gardner said the threat was severe.", None, "BBC"),
    ],
)
def test_roles_and_affiliations(rules_nlp, text, role, affiliation):
    ents = {
        "Jonas Wehrle": "PERSON",
        "Bundeswehr": "ORG",
        "Irena Koval": "PERSON",
        "Frank Gardner": "PERSON",
        "BBC": "ORG",
        "Kestria": "PLACE",
    }
    doc = run_rules(rules_nlp, text, ents)
    person = next(m for m in doc._.mentions if m.label == "PERSON")
    if role is not None:
        assert person.role == role
    else:
        assert person.role
    assert person.affiliation == affiliation


def test_a_name_keeps_one_label_in_an_article(rules_nlp):
    text = "Kestria was quiet. Troops left Kestria. Kestria said nothing new about the talks."
    doc = run_rules(rules_nlp, text, {"Kestria": "PLACE"})
    doc.ents = [
        *(e for e in doc.ents if e.start != 0),
        doc.char_span(0, 7, label="PERSON"),
    ]
    for _, component in rules_nlp.pipeline[1:2]:
        doc = component(doc)
    assert {m.label for m in doc._.mentions if m.text == "Kestria"} == {"PLACE"}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "BBC Security Correspondent Frank Gardner said it was grim.",
            "Frank Gardner",
            "Security Correspondent",
        ),
        ("Maj Gen Rupert Jones warned of a long fight.", "Rupert Jones", "Maj Gen"),
        ("U.S. Navy spokesman William Urban confirmed the strike.", "William Urban", None),
        ("Mr Heappey said the airport was under threat.", "Heappey", None),
    ],
)
def test_names_after_titles_are_people(rules_nlp, text, name, role):
    doc = run_rules(rules_nlp, text, {"BBC": "ORG"})
    people = [m for m in doc._.mentions if m.label == "PERSON"]
    assert [m.text for m in people] == [name]
    if role is not None:
        assert people[0].role == role


@pytest.mark.parametrize(
    ("text", "ents", "name", "alias"),
    [
        (
            "The Northern Freedom Front (NFF) fired rockets. The NFF said it would fight on.",
            {"Northern Freedom Front": "ORG", "NFF": "ORG"},
            "Northern Freedom Front",
            "NFF",
        ),
        (
            "The Harbour Watch Brigade, also known as HWB, denied it. HWB said nothing more.",
            {"Harbour Watch Brigade": "ORG", "HWB": "ORG"},
            "Harbour Watch Brigade",
            "HWB",
        ),
    ],
)
def test_defined_acronyms_are_one_entity(rules_nlp, text, ents, name, alias):
    doc = run_rules(rules_nlp, text, ents)
    organisations = [e for e in doc._.entities if e.type == "organization"]
    assert [(e.name, e.aliases) for e in organisations] == [(name, [alias])]


@pytest.mark.parametrize(
    ("text", "ents", "places"),
    [
        # A country or region in brackets after a place says where it is: two places.
        (
            "The firm is based in Baar (Switzerland). Switzerland taxes it lightly.",
            {"Baar": "PLACE", "Switzerland": "PLACE"},
            [("Baar", []), ("Switzerland", [])],
        ),
        (
            "The plant in Springfield (Illinois) closed. Illinois lost jobs.",
            {"Springfield": "PLACE", "Illinois": "PLACE"},
            [("Springfield", []), ("Illinois", [])],
        ),
        # A short form in capitals still is another name of it.
        (
            "The Republic of Dorvania (RD) voted. RD counted.",
            {"Republic of Dorvania": "PLACE", "RD": "PLACE"},
            [("Republic of Dorvania", ["RD"])],
        ),
    ],
)
def test_a_place_in_brackets_says_where(rules_nlp, text, ents, places):
    doc = run_rules(rules_nlp, text, ents)
    found = [(e.name, e.aliases) for e in doc._.entities if e.type == "place"]
    assert found == places


@pytest.mark.parametrize(
    ("text", "ents", "places"),
    [
        (
            "North American sales rose. Exports from North America fell.",
            {"North American": "PLACE", "North America": "PLACE"},
            [("North America", ["North American"])],
        ),
        (
            "South Dakotans voted. South Dakota counted.",
            {"South Dakotans": "PLACE", "South Dakota": "PLACE"},
            [("South Dakota", ["South Dakotans"])],
        ),
        # A place whose name happens to end so is a place ("Lebanon" is no "Lebano" person).
        (
            "Lebanon voted. Berlin counted.",
            {"Lebanon": "PLACE", "Berlin": "PLACE"},
            [("Lebanon", []), ("Berlin", [])],
        ),
    ],
)
def test_the_people_of_a_place_are_no_place_of_their_own(rules_nlp, text, ents, places):
    doc = run_rules(rules_nlp, text, ents)
    assert [(e.name, e.aliases) for e in doc._.entities if e.type == "place"] == places


def test_quoted_titles_and_derived_demonyms(rules_nlp):
    text = "Kestrian troops watched the film “Desert Line” in Kestria. Marsh said it was good."
    ents = {"Kestrian": "PLACE", "Desert Line": "PLACE", "Kestria": "PLACE", **MARSH}
    doc = run_rules(rules_nlp, text, ents)
    assert [(m.text, m.label, m.canonical) for m in doc._.mentions if m.label != "PERSON"] == [
        ("Kestrian", "NORP", "Kestria"),
        ("Kestria", "PLACE", None),
    ]
