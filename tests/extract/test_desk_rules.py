"""Rule tables for what a second real-news development set showed (issue 19): first names the
model reads apart from their surname, known bodies inside capitals or a product's name,
someone a body's name only qualifies, statements made together, a sentence ended by a quoted
title, and a closing cue followed by where it was said. Invented sentences; rows that must
yield nothing or stay as they were sit beside the rows each rule changes."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimgraph.extract import Extractor, load_pipeline
from claimgraph.extract.sources import SourceDocument

from .conftest import run_rules, run_rules_with_spans


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_pipeline())


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # The model read only the surname: a first name just before it is part of the name.
        (
            "Retired teacher Wade Holloway suggests saving a fifth of your pay.",
            {"Holloway": "PERSON"},
            [("Wade Holloway", "person")],
        ),
        (
            "Senate Majority Leader Mitch Calloway said the bill would pass.",
            {"Calloway": "PERSON"},
            [("Mitch Calloway", "person")],
        ),
        # Not a title ("Leader"), a place ("Georgia"), a month, nor a word that is no first
        # name; nor when the name already starts with a first name.
        (
            "The club signed Leader Calloway on Monday.",
            {"Calloway": "PERSON"},
            [("Calloway", "person")],
        ),
        (
            "Voters in Georgia Calloway country turned out.",
            {"Calloway": "PERSON"},
            [("Calloway", "person")],
        ),
        (
            "The plan was shelved in June Calloway said.",
            {"Calloway": "PERSON"},
            [("Calloway", "person")],
        ),
        (
            "The coach Grant Mary Holloway spoke.",
            {"Mary Holloway": "PERSON"},
            [("Mary Holloway", "person")],
        ),
    ],
)
def test_a_first_name_joins_the_surname(
    rules_nlp: Language, text: str, ents: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    doc = run_rules(rules_nlp, text, ents)
    assert [(e.name, e.type) for e in doc._.entities] == expected


def test_a_first_name_read_as_a_person_of_its_own_joins_the_surname(rules_nlp: Language) -> None:
    doc = run_rules_with_spans(
        rules_nlp,
        "Millionaire Wade Holloway suggests saving more.",
        [("Wade", 0, "PERSON"), ("Holloway", 0, "PERSON")],
    )
    assert [(e.name, e.type) for e in doc._.entities] == [("Wade Holloway", "person")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A known body's acronym in a heading in capitals is an ordinary word.
        ("WHO IS THE FRONT-RUNNER?\n\nNobody knows yet.", []),
        # … but the same acronym in running text is the body.
        (
            "The plague is always fatal, the WHO said.",
            [("World Health Organization", "organization")],
        ),
        # A known company followed by a capitalised word names a product or unit of it …
        ("Her favourite apps are Uber Eats and Snapchat.", [("Snapchat", "organization")]),
        # … but not before a title or a corporate suffix.
        (
            "Facebook Chief Executive Mark Zuckerberg spoke.",
            [("Facebook", "organization"), ("Mark Zuckerberg", "person")],
        ),
    ],
)
def test_known_bodies_in_capitals_and_products(
    rules_nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    ents = {"Mark Zuckerberg": "PERSON"} if "Zuckerberg" in text else {}
    doc = run_rules(rules_nlp, text, ents)
    assert [(e.name, e.type) for e in doc._.entities] == expected


def _claims(extractor: Extractor, text: str) -> list[tuple[str | None, str]]:
    article = extractor.extract(SourceDocument(text=text))
    return [(c.speaker.name if c.speaker else None, c.text) for c in article.claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Someone a body's name only qualifies speaks for themselves …
        (
            '"Do not hide things like this," one Weibo commenter said.',
            [(None, "Do not hide things like this")],
        ),
        ("Toyota dealers said sales were slow.", [(None, "sales were slow")]),
        ("Pentagon sources said the strike was lawful.", [(None, "the strike was lawful")]),
        # … but its spokespeople, officials and statements speak for it.
        (
            '"We are reviewing the policy," a Google spokesman said.',
            [("Google", "We are reviewing the policy")],
        ),
        (
            "Senior Pentagon officials said the strike was lawful.",
            [("Pentagon", "the strike was lawful")],
        ),
        ("A Toyota statement said sales were slow.", [("Toyota", "sales were slow")]),
        # ", with <a named source> <participle of saying>" is a statement of its own, and the
        # one before it stops at the comma …
        (
            "Talks stalled.\n\nEgypt and Jordan criticised the policy shift, with Jordanian "
            'Foreign Minister Ayman Safadi warning of "dangerous consequences".',
            [
                ("Egypt", "the policy shift"),
                ("Ayman Safadi", 'of "dangerous consequences"'),
            ],
        ),
        # … not a "with" phrase of what happened.
        ("Talks stalled.\n\nThe firm cut jobs, with sales falling for a third year.", []),
        # A statement made together is the first speaker's, and "they" after it no
        # organisation's; a cue may be followed by a long phrase of where it was said, even
        # one that ends in a quoted title and a full stop.
        (
            "Sole traders use the LeanPlan method. Eric Roberge is a planner. You can make a "
            "bigger difference by raising your income, he and his wife Kali explained on an "
            'episode of their podcast "Beyond Budgets." Cutting costs is a short-term '
            "solution, they said.",
            [
                ("Eric Roberge", "You can make a bigger difference by raising your income"),
                (None, "Cutting costs is a short-term solution"),
            ],
        ),
        (
            "Smith and Jones said the plan was sound.",
            [("Smith", "the plan was sound")],
        ),
    ],
)
def test_who_speaks(
    extractor: Extractor, text: str, expected: list[tuple[str | None, str]]
) -> None:
    assert _claims(extractor, text) == expected


def test_a_verb_shares_makes_no_company(extractor: Extractor) -> None:
    article = extractor.extract(
        SourceDocument(
            text="Early retiree Grant Holloway wrote a book. In his book, Holloway shares the "
            "formula he used."
        )
    )
    kinds = {e.name: e.type for e in article.entities}
    assert kinds["Grant Holloway"] == "person"
    assert "Holloway" not in kinds  # the surname again, not a company


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # After "according to" comes a source, whatever the tagger made of its first word
        # ("court" read as a verb after an infinitive's "to"), and a source that opens the
        # sentence runs over a participle's phrase to its comma.
        (
            "Webb was arrested.\n\nAccording to court documents, Webb grabbed the girl.",
            [(None, "court documents", "Webb grabbed the girl")],
        ),
        (
            "Webb was arrested.\n\nAccording to evidence presented at trial, Webb grabbed "
            "the girl as she walked home.",
            [
                (
                    None,
                    "evidence presented at trial",
                    "Webb grabbed the girl as she walked home",
                )
            ],
        ),
        # A described source followed by a name in apposition: the name is the source.
        (
            "The team did well.\n\nAccording to the team's coach, Ali Mehraban, in their "
            "first match the robot scored two points for the alliance.",
            [
                (
                    "Ali Mehraban",
                    "Ali Mehraban",
                    "in their first match the robot scored two points for the alliance",
                )
            ],
        ),
        # An outlet that carried a named person's reported words is not their speaker …
        (
            "The flag is old.\n\nAccording to the Herald, Professor John Burrows said the "
            "flag has never been open to public choice.",
            [
                (
                    "John Burrows",
                    "Professor John Burrows",
                    "the flag has never been open to public choice",
                )
            ],
        ),
        (
            "The flag is old.\n\nAccording to the Herald, Emeritus Professor John Burrows, "
            "the chairman of the panel, said the flag has never been open to public choice.",
            [
                (
                    "John Burrows",
                    "John Burrows",
                    "the flag has never been open to public choice",
                )
            ],
        ),
        # … but what a source says polling shows stays the source's.
        (
            "The race is close.\n\nInternal polling shows the race within three points, "
            "according to two people who have seen the numbers.",
            [
                (
                    None,
                    "two people",
                    "Internal polling shows the race within three points",
                )
            ],
        ),
        # "According to plan" is "as planned": no source.
        ("Webb was arrested.\n\nAccording to plan, the convoy left at noon.", []),
        ("Webb was arrested.\n\nThe convoy left at noon, according to the schedule.", []),
        # A participle of speaking after a comma is the words of the sentence's subject …
        (
            "Webb was arrested.\n\nThe mother spoke for an hour, describing the plan as "
            '"a disaster" for the town.',
            [(None, "The mother", 'the plan as "a disaster" for the town')],
        ),
        # … not a participle of what the subject did or what came of it.
        ("Webb was arrested.\n\nThe firm cut 400 jobs, allowing the carmaker to save money.", []),
        ("Webb was arrested.\n\nPolice arrived at noon, finding the car abandoned.", []),
    ],
)
def test_sources_after_according_to_and_participles(
    extractor: Extractor, text: str, expected: list[tuple[str | None, str | None, str]]
) -> None:
    article = extractor.extract(SourceDocument(text=text))
    got = [(c.speaker.name if c.speaker else None, c.speaker_text, c.text) for c in article.claims]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # A given name of two syllables joined by a hyphen, cut by the model at the hyphen …
        (
            "Leader Kim Jong-un put the army on alert.",
            {"Kim Jong": "PERSON"},
            [("Kim Jong-un", "person")],
        ),
        # … but not a word joined to a one-word name ("Bush-era").
        ("The Bush-era rules stay.", {"Bush": "PERSON"}, [("Bush", "person")]),
        # A portfolio after "<office> of" is no part of the name that follows it.
        (
            "Minister of Education Stefania Giannini said a reflection is needed.",
            {"Education Stefania Giannini": "PERSON"},
            [("Stefania Giannini", "person")],
        ),
        # An office the model read as a person is the office, not someone.
        (
            "Labour's Shadow Home Secretary Yvette Cooper said her party agreed.",
            {"Shadow Home Secretary": "PERSON", "Yvette Cooper": "PERSON", "Labour": "ORG"},
            [("Labour", "organization"), ("Yvette Cooper", "person")],
        ),
        # A person's name ends at its comma, and a generation alone is no one.
        (
            '"It is misguided," said John Cornyn, U.S. Senator.',
            {"John Cornyn, U.S. Senator": "PERSON"},
            [("John Cornyn", "person"), ("United States", "place")],
        ),
        (
            "Martin Luther King, Jr. spoke.",
            {"Martin Luther King": "PERSON", "Jr.": "PERSON"},
            [("Martin Luther King", "person")],
        ),
        # A compass word after a place the model read apart is the district's name; the
        # known "West" is "the West" only.
        (
            "She won in Kowloon West on Sunday.",
            {"Kowloon": "PLACE", "West": "PLACE"},
            [("Kowloon West", "place")],
        ),
        ("She won in the New Territories West seat.", {}, []),
        ("Russia blamed the West.", {"Russia": "PLACE"}, [("Russia", "place"), ("West", "place")]),
        # A region named with a compass word is the region when the country's divisions know
        # it ("Western Australia"), else a part of the place it names ("Western Iraq").
        (
            "Children in Western Australia were tested.",
            {"Western Australia": "PLACE"},
            [("Western Australia", "place")],
        ),
        ("Troops moved into Western Iraq.", {"Western Iraq": "PLACE"}, [("Iraq", "place")]),
        # … while a name that ends in a name stays.
        (
            "Secretary Mike Pompeo said the talks went well.",
            {"Mike Pompeo": "PERSON"},
            [("Mike Pompeo", "person")],
        ),
    ],
)
def test_names_cut_or_run_on(
    rules_nlp: Language, text: str, ents: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    doc = run_rules(rules_nlp, text, ents)
    assert [(e.name, e.type) for e in doc._.entities] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The parse made the capitalised office the subject and the name its apposition: the
        # speaker is the person; and a shadow secretary is never the secretary.
        (
            "Home Secretary Suella Marsh spoke first.\n\nLabour's Shadow Home Secretary "
            "Yvette Cooper said her party has supported the idea for months.",
            [("Yvette Cooper", "her party has supported the idea for months")],
        ),
        (
            "Home Secretary Suella Marsh spoke first.\n\nThe shadow home secretary said "
            "the plan would fail.",
            [(None, "the plan would fail")],
        ),
        # A quotation alone right after the sentence in which someone put out a statement
        # is the statement's words …
        (
            "The centre lost the bid.\n\nSenator John Cornyn issued a statement on the "
            'choice. "Like many Texans, I am disappointed with the decision."',
            [("John Cornyn", "Like many Texans, I am disappointed with the decision.")],
        ),
        # … not after a sentence that only mentions a statement, nor across a paragraph.
        (
            "The centre lost the bid.\n\nSenator John Cornyn read the statement twice. "
            '"Like many Texans, I am disappointed with the decision."',
            [],
        ),
        (
            "Senator John Cornyn issued a statement on the choice.\n\n"
            '"Like many Texans, I am disappointed with the decision."',
            [],
        ),
    ],
)
def test_offices_and_announced_statements(
    extractor: Extractor, text: str, expected: list[tuple[str | None, str]]
) -> None:
    assert _claims(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A quotation right after reported speech, nothing but its full stop between, goes
        # on in the same voice …
        (
            "Ozone fell.\n\nAs Heald told the Post, ozone has dropped since 1980. "
            '"Despite more driving, surface ozone has declined by a quarter."',
            [
                ("Heald", "ozone has dropped since 1980"),
                ("Heald", "Despite more driving, surface ozone has declined by a quarter."),
            ],
        ),
        # … not after another sentence of the writer's.
        (
            "Ozone fell.\n\nHeald said ozone has dropped since 1980. Critics disagreed. "
            '"It is a waste of money."',
            [("Heald", "ozone has dropped since 1980")],
        ),
    ],
)
def test_a_quotation_after_reported_speech(
    extractor: Extractor, text: str, expected: list[tuple[str | None, str]]
) -> None:
    assert _claims(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # A body's formal name runs on over "for", "of" and "the" where the model stopped …
        (
            "The Joint Council for the Welfare of Immigrants objected.",
            {"Joint Council for": "ORG"},
            [("Joint Council for the Welfare of Immigrants", "organization")],
        ),
        # … but not a name without a body's head word, nor into a name of its own.
        (
            "Fans of the Beatles of Liverpool sang.",
            {"Fans of": "ORG", "Liverpool": "PLACE"},
            [("Fans", "organization"), ("Liverpool", "place")],
        ),
    ],
)
def test_formal_names_of_bodies(
    rules_nlp: Language, text: str, ents: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    doc = run_rules(rules_nlp, text, ents)
    assert [(e.name, e.type) for e in doc._.entities] == expected


A_COUNTRY_READ_AS_A_BODY_IS_A_PLACE = [
    # A country the model read as a body (its national team, its government) is the
    # country, a place, as the article names it.
    (
        "Sweden beat Tunisia two goals to one in the opening match.",
        {"Sweden": "ORG", "Tunisia": "ORG"},
        [("Sweden", "place"), ("Tunisia", "place")],
    ),
    # A body whose name only holds a country's name stays a body.
    (
        "Volvo Sweden said the plant would reopen.",
        {"Volvo Sweden": "ORG"},
        [("Volvo Sweden", "organization")],
    ),
]


RULINGS_THEORIES_AND_RELATIVE_CLAUSES = [
    # A court's ruling and a theory put forward are statements of their source.
    (
        "Judge Amy Lin ruled that the ban on public worship was unlawful.",
        [("Amy Lin", "the ban on public worship was unlawful")],
    ),
    (
        "Analyst Joe Blake theorised that the firm had run out of cash.",
        [("Joe Blake", "the firm had run out of cash")],
    ),
    (
        "Columnist Joe Blake opined that the mayor had lost his way.",
        [("Joe Blake", "the mayor had lost his way")],
    ),
    # … but ruling a country, ruling out a tax rise and ruling on a motion say nothing.
    ("King Amir Lin ruled the country for thirty years.", []),
    ("Minister Joe Blake ruled out any tax rises before the election.", []),
    ("Judge Amy Lin ruled on the motion last week.", []),
    # A cue in a relative clause set off by commas: what was said ends at its comma …
    (
        "The plant, which Acme Corp says will create 400 jobs, was approved on Monday.",
        [("Acme Corp", "will create 400 jobs")],
    ),
    # … and "on which the court ruled" reports nothing: the verb after it is the sentence's.
    ("The case on which Judge Amy Lin ruled was heard in May by a jury of nine.", []),
]


A_BODY_NAMED_ONE_WORD_SHORT = [
    # The model stopped a body's name one capitalised word short, mid-sentence.
    (
        "The dossier was compiled by Fusion GPS for the campaign.",
        {"Fusion": "ORG"},
        [("Fusion GPS", "organization")],
    ),
    (
        "A study by Blue Ridge Analytics found the opposite.",
        {"Blue Ridge": "ORG"},
        [("Blue Ridge Analytics", "organization")],
    ),
    # Not a title or office, a postnominal, a weekday, a letter, nor a word before
    # another capitalised one.
    (
        "The Pentagon Tuesday said the drills would go ahead.",
        {"Pentagon": "ORG"},
        [("Pentagon", "organization")],
    ),
    (
        "Acme President said profits rose.",
        {"Acme": "ORG"},
        [("Acme", "organization")],
    ),
    (
        "The party's New Democrat MP spoke first.",
        {"New Democrat": "ORG"},
        [("New Democrat", "organization")],
    ),
    (
        "ACME ID BUZZ ARRIVES IN TIME FOR SUMMER",
        {"ACME": "ORG"},
        [("ACME", "organization")],
    ),
    (
        "He wore a NASA T-shirt to school.",
        {"NASA": "ORG"},
        [("NASA", "organization")],
    ),
]


A_PHRASE_AFTER_THAT_OPENS_THE_STATEMENT = [
    # After "that", a phrase of when or where opens what was said.
    (
        "Steve Whitmore told reporters that on October 6 the suspect walked into the station.",
        [("Steve Whitmore", "on October 6 the suspect walked into the station")],
    ),
    (
        "Mayor Ann Lee said that for the first time, the council would meet in public.",
        [("Ann Lee", "for the first time, the council would meet in public")],
    ),
    # … but a phrase with no clause after it is when the cue was spoken, and "warned of"
    # takes an object.
    ("Mayor Ann Lee said that while visiting the conference.", []),
    ("Mayor Ann Lee warned of dangers ahead.", []),
]


AN_APPOSITION_BETWEEN_THE_CUE_AND_THAT = [
    # A medium with an apposition between the cue's object and "that".
    (
        "Acme Corp assured the public on Weibo, a social media site, that the risks were low.",
        [("Acme Corp", "the risks were low")],
    ),
]


A_SOURCE_WITHOUT_ITS_COMMA = [
    # With no comma after it, a source opening its sentence ends with the last name in it.
    (
        "Crowds gathered.\n\nAccording to the Saudi Interior Ministry over 300 pilgrims "
        "have been killed in the crush.",
        [("Saudi Interior Ministry", "over 300 pilgrims have been killed in the crush")],
    ),
    # … but words that go on naming it stay with it.
    (
        "Crowds gathered.\n\nAccording to a report by the BBC the talks had failed.",
        [("BBC", "the talks had failed")],
    ),
]


def test_a_document_whose_clause_the_parse_hangs_on_its_day(extractor: Extractor) -> None:
    # "a report on Tuesday, which accuses …": the report accuses, not the day.
    claims = _claims(
        extractor,
        "Regulators acted.\n\nThe watchdog issued a report on Tuesday, which accuses the bank "
        "of misleading customers.",
    )
    assert claims == [(None, "the bank of misleading customers")]


SHORT_STATEMENTS = [
    # Two short statements set side by side: each says something of its own.
    (
        "Sales slowed.\n\nApex Motors said its profits fell, but Delta Cars said they rose.",
        [("Apex Motors", "its profits fell"), ("Delta Cars", "they rose")],
    ),
    # … while a source and its cue alone report nothing of their own.
    ("Sales slowed.\n\nHe would appeal, his lawyers said.", [(None, "He would appeal")]),
    ("Sales slowed.\n\nApex Motors said so.", []),
]


INSTITUTIONS_ARE_BODIES = [
    # A museum, a gallery, a planetarium or a school district is an institution, a body,
    # though the model read a place.
    (
        "The Harwick Planetarium and the Irving Independent School District joined in.",
        {"Harwick Planetarium": "PLACE", "Irving Independent School District": "PLACE"},
        [
            ("Harwick Planetarium", "organization"),
            ("Irving Independent School District", "organization"),
        ],
    ),
    # … but a district is a place, and so is an arena.
    (
        "Voters in the Harwick District packed the Harwick Arena.",
        {"Harwick District": "PLACE", "Harwick Arena": "PLACE"},
        [("Harwick District", "place"), ("Harwick Arena", "place")],
    ),
]


INTERVIEW_QUESTIONS_ARE_NO_CLAIMS = [
    # An interview's question lines are the interviewer's: no claims.
    ("Our interview.\n\nQ: So far, tell me one thing that has surprised you the most?", []),
    ("Our interview.\n\nQuestion: Did Mayor Ann Lee say that the plan would work?", []),
    # … but a line that only begins with a Q is no question line.
    (
        "Our interview.\n\nQatar's envoy Ali Nasser said that the plan would work.",
        [("Ali Nasser", "the plan would work")],
    ),
]


A_PARTICIPLE_OF_DOING = [
    # A participle after a comma, joined to a verb of no saying: what the subject does.
    (
        "Monitors improved.\n\nSurgeons gain visibility on ward status, highlighting "
        "alarms and warnings occurring on any linked monitor.",
        [],
    ),
    # … but after a verb of saying or writing, or itself a verb of saying, it reports.
    (
        "Monitors improved.\n\nNurse Ann Lee spoke to reporters, stressing that the alarms worked.",
        [("Ann Lee", "the alarms worked")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The outlet credited at the head of the first paragraph is no name the story mentions.
        (
            "Markets fall.\n\nHong Kong (Daily Wire Business)A muddled view of trade talks "
            "weighs on Acme Corp shares.",
            [("Hong Kong", "place"), ("Acme Corp", "organization")],
        ),
        (
            "Markets fall.\n\n(Harbour Wire) - Acme Corp cut 300 jobs.",
            [("Acme Corp", "organization")],
        ),
        # … but a code or a party in brackets after a name, or a later mention, stays.
        (
            "Markets fall.\n\nAcme Corp (ACME) cut 300 jobs on Monday.",
            [("Acme Corp", "organization")],
        ),
    ],
)
def test_an_outlet_credited_at_the_head(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    article = extractor.extract(SourceDocument(text=text))
    assert [(e.name, e.type) for e in article.entities] == expected


LETTERS_AFTER_A_NAME = [
    # Letters after a name set off by commas are no aside: the name speaks.
    (
        "The trial went on.\n\nSpeaking in the parents' defence, Tom Molloy, SC, said that "
        "the parents should be declared not guilty.",
        [("Tom Molloy", "the parents should be declared not guilty")],
    ),
    # … and a party and state after a lawmaker's name stay what they were.
    (
        "The vote neared.\n\nRep. Tom Hale, R-S.C., said that the bill would pass.",
        [("Tom Hale", "the bill would pass")],
    ),
]


A_CUE_IN_A_CONTACT_RELATIVE_CLAUSE = [
    # A cue in a relative clause with no pronoun to open it reports words with a gap.
    ("The sale closed.\n\nAnn Lee sold the house she said she loved.", []),
    (
        "Courses boomed.\n\nMany people were sidetracked by books they felt they "
        '"needed" to master.',
        [],
    ),
    # … not a phrase that opens the sentence.
    (
        "The sale closed.\n\nIn an interview she said the house was too big.",
        [(None, "the house was too big")],
    ),
]


ADMITTED_TO_A_DEED = [
    # A deed admitted as a gerund after "to" is what was admitted.
    (
        "Police arrived.\n\nJohn Webb admitted to hiding the girl in a basket.",
        [("John Webb", "hiding the girl in a basket")],
    ),
    # … a crime named is not a statement, and other cues with "to" take an object.
    ("Police arrived.\n\nJohn Webb confessed to the crime.", []),
    ("Police arrived.\n\nJohn Webb warned to avoid the area.", []),
]


WHAT_A_DOCUMENT_READS = [
    # What a document reads, and what a court reasoned, are statements.
    (
        'Letters went out.\n\nThe Acme Corp letter reads "we may extend the scheme to '
        'other claimants in due course".',
        [("Acme Corp", '"we may extend the scheme to other claimants in due course"')],
    ),
    (
        "The case closed.\n\nJudge Amy Lin reasoned that the law did not apply.",
        [("Amy Lin", "the law did not apply")],
    ),
    # … but reading a book says nothing.
    ("The case closed.\n\nJudge Amy Lin read a book about the war.", []),
]


IN_THE_WORDS_OF = [
    # "In the words of X" names the source of the words after it.
    (
        "The trial went on.\n\nThe girl suffered, and in the words of the prosecutor, Mark "
        'Tedman, QC, "the child spent her last months in pain."',
        [("Mark Tedman", "the child spent her last months in pain")],
    ),
    # … not someone choosing their words.
    ("The trial went on.\n\nJudge Amy Lin chose her words with care.", []),
]


def test_letters_after_a_name_are_no_entity(extractor: Extractor) -> None:
    article = extractor.extract(
        SourceDocument(
            text="The trial went on.\n\nThe prosecutor, Mark Tedman, QC, told the jury that "
            "the child had suffered."
        )
    )
    assert [(e.name, e.type) for e in article.entities] == [("Mark Tedman", "person")]


WHO_CLAUSES_AND_QUOTED_OBJECTS = [
    # What a named person says in a "who" clause is theirs, to the clause's comma.
    (
        'The vote neared.\n\nCouncillor Tom Hale, who called the move "reckless," said he '
        "would fight it.",
        [("Tom Hale", 'the move "reckless,"'), ("Tom Hale", "he would fight it")],
    ),
    (
        "The trial ended.\n\nJohn Smithers, who said he was innocent, was jailed for six years.",
        [("John Smithers", "he was innocent")],
    ),
    # … not a description's ("the man who said …").
    ("The trial ended.\n\nThe man who said he saw the crash was never found.", []),
    # Warned of something in the speaker's own quoted words, and expressed it.
    (
        'The bill passed.\n\nProfessor Jane Fox warned of "catastrophic consequences" for '
        "the poor.",
        [("Jane Fox", 'of "catastrophic consequences" for the poor')],
    ),
    (
        'The attack shocked many.\n\nForeign Minister Ali Reza expressed "deep concern" '
        "over the attack.",
        [("Ali Reza", '"deep concern" over the attack')],
    ),
    # … but not without quoted words.
    ("The bill passed.\n\nProfessor Jane Fox warned of catastrophic consequences.", []),
    ("The attack shocked many.\n\nAli Reza expressed concern over the attack.", []),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "The company" is the last business named, not a public body named after it.
        (
            "Recalls grew.\n\nAcme Corp declined to comment. The White House did not respond. "
            "The lawsuit, filed in federal court, claims the company knew about the defect.",
            ["Acme Corp"],
        ),
        # "The agency" is the body named an agency, though a company was named after it …
        (
            "Recalls grew.\n\nThe Highway Safety Agency opened an inquiry. Acme Corp declined "
            "to comment. Mayor Ann Lee said the agency had acted late.",
            ["Highway Safety Agency"],
        ),
    ],
)
def test_the_company_is_a_business(extractor: Extractor, text: str, expected: list[str]) -> None:
    article = extractor.extract(SourceDocument(text=text))
    assert [r.name for r in article.claims[-1].about] == expected


def test_they_after_people_named_by_a_plural_is_no_body(extractor: Extractor) -> None:
    # "they" after "two Democratic politicians: A and B" is not the party an adjective named.
    claims = _claims(
        extractor,
        "The post spread.\n\nIt got the attention of two Democratic politicians: Senator Ann "
        "Warrick and congresswoman Maria Ortez.\n\nThey criticised the label's owner and the "
        "effect big firms can have.",
    )
    assert [speaker for speaker, _ in claims] == [None]


A_SOURCE_BEFORE_ACCORDING_TO = [
    # Words with their own source and cue before "according to X" are that source's; the
    # outlet only carried them.
    (
        "Talks resumed.\n\nThe talks had failed, Minister Ann Lee said, according to the "
        "Harbour Times.",
        [("Ann Lee", "The talks had failed")],
    ),
    # … while words with no source of their own are the outlet's account.
    (
        "Talks resumed.\n\nThe talks had failed, according to the Harbour Times.",
        [("Harbour Times", "The talks had failed")],
    ),
]


A_NAMED_REPORT_CARRIED_BY_AN_OUTLET = [
    # A named body's own report before "according to X" is the body's, and who carried
    # it is no part of the words.
    (
        "Cases rose.\n\nThe couple was quarantined, and the Harbour Health Agency said it "
        "had traced their contacts, according to Lee Wen of the Harbour Times.",
        [("Harbour Health Agency", "it had traced their contacts")],
    ),
    (
        "Cases rose.\n\nAcme Corp denied any wrongdoing, according to the Harbour Times.",
        [("Acme Corp", "any wrongdoing")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A person the pronoun's own sentence named before it, over an earlier speaker.
        (
            'Ads ran.\n\n"We were trying to reach young people," said Michelle Hegg, the '
            "agency's chief.\n\nWhile the campaign did not appeal to Julie Gramm, a health "
            "officer, she said she did not want to judge it.",
            ["Michelle Hegg", "Julie Gramm"],
        ),
        # … its subject first when it names two.
        (
            'Ads ran.\n\n"We were trying to reach young people," said Michelle Hegg, the '
            "agency's chief.\n\nAfter Julie Gramm wrote to Ann Bell, she said the ads had "
            "failed.",
            ["Michelle Hegg", "Julie Gramm"],
        ),
    ],
)
def test_a_pronoun_after_a_person_of_its_sentence(
    extractor: Extractor, text: str, expected: list[str | None]
) -> None:
    assert [speaker for speaker, _ in _claims(extractor, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An abbreviation's full stop and a hyphen join two names, or a name and a word.
        (
            "Crossings fell.\n\nMigrants gathered at the U.S.-Mexico border on Monday.",
            [("United States", "place"), ("Mexico", "place")],
        ),
        ("Crossings fell.\n\nU.S.-based firms cut jobs.", [("United States", "place")]),
    ],
)
def test_two_names_joined_after_an_abbreviation(
    extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    article = extractor.extract(SourceDocument(text=text))
    assert [(e.name, e.type) for e in article.entities] == expected


def test_a_hyphen_after_an_abbreviation_splits(extractor: Extractor) -> None:
    # ("U.S.-based" as "London-based" is; not a hyphen inside a word, "X-ray".)
    doc = extractor.nlp.make_doc("the U.S.-Mexico border, U.S.-based firms, an X-ray")
    assert [t.text for t in doc] == [
        *("the", "U.S.", "-", "Mexico", "border", ","),
        *("U.S.", "-", "based", "firms", ",", "an", "X", "-", "ray"),
    ]


# This pass's rule tables, one test for each kind of table: a row is a case of one rule, its
# id the table's name.
_CLAIM_TABLES = {
    "rulings_theories_and_relative_clauses": RULINGS_THEORIES_AND_RELATIVE_CLAUSES,
    "a_phrase_after_that_opens_the_statement": A_PHRASE_AFTER_THAT_OPENS_THE_STATEMENT,
    "an_apposition_between_the_cue_and_that": AN_APPOSITION_BETWEEN_THE_CUE_AND_THAT,
    "a_source_without_its_comma": A_SOURCE_WITHOUT_ITS_COMMA,
    "short_statements": SHORT_STATEMENTS,
    "interview_questions_are_no_claims": INTERVIEW_QUESTIONS_ARE_NO_CLAIMS,
    "a_participle_of_doing": A_PARTICIPLE_OF_DOING,
    "letters_after_a_name": LETTERS_AFTER_A_NAME,
    "a_cue_in_a_contact_relative_clause": A_CUE_IN_A_CONTACT_RELATIVE_CLAUSE,
    "admitted_to_a_deed": ADMITTED_TO_A_DEED,
    "what_a_document_reads": WHAT_A_DOCUMENT_READS,
    "in_the_words_of": IN_THE_WORDS_OF,
    "who_clauses_and_quoted_objects": WHO_CLAUSES_AND_QUOTED_OBJECTS,
    "a_source_before_according_to": A_SOURCE_BEFORE_ACCORDING_TO,
    "a_named_report_carried_by_an_outlet": A_NAMED_REPORT_CARRIED_BY_AN_OUTLET,
}
_KIND_TABLES = {
    "a_country_read_as_a_body_is_a_place": A_COUNTRY_READ_AS_A_BODY_IS_A_PLACE,
    "a_body_named_one_word_short": A_BODY_NAMED_ONE_WORD_SHORT,
    "institutions_are_bodies": INSTITUTIONS_ARE_BODIES,
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(*row, id=f"{name}-{i}")
        for name, rows in _CLAIM_TABLES.items()
        for i, row in enumerate(rows)
    ],
)
def test_third_pass_claims(
    extractor: Extractor, text: str, expected: list[tuple[str | None, str]]
) -> None:
    assert _claims(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        pytest.param(*row, id=f"{name}-{i}")
        for name, rows in _KIND_TABLES.items()
        for i, row in enumerate(rows)
    ],
)
def test_third_pass_entity_kinds(
    rules_nlp: Language, text: str, ents: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    doc = run_rules(rules_nlp, text, ents)
    assert [(e.name, e.type) for e in doc._.entities] == expected
