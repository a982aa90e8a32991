"""Rule tables for reported speech and partial quotes on real news (issue 19, point 6): two
sources in one sentence, a writing put out by its speaker, a view or description in quoted
words, a name given in quotes, and phrases that say when someone spoke rather than what; each
row an invented sentence run through the whole shipped pipeline."""

from __future__ import annotations

import pytest

from claimgraph.extract import Extractor, load_pipeline
from claimgraph.extract.sources import SourceDocument


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_pipeline())


def _claims(extractor: Extractor, text: str) -> list[tuple[str | None, str, str]]:
    article = extractor.extract(SourceDocument(text=text))
    return [(c.speaker_text, c.kind, c.text) for c in article.claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "…, while <another source> <cue> …" sets a second source against the first: the
        # first statement stops at the comma, and the second one's cue (here tagged as a noun,
        # "deny", though the parse gives it a subject and an object) has its own speaker, as
        # does the cue joined to it.
        (
            "Meridia said it is committed to the \u201cshared harbour\u201d agreement granting "
            "Port Allan its own council, while the city\u2019s police deny accusations of "
            "brutality and say they show utmost restraint.",
            [
                (
                    "Meridia",
                    "mixed",
                    "it is committed to the \u201cshared harbour\u201d agreement granting Port "
                    "Allan its own council",
                ),
                ("the city\u2019s police", "indirect", "accusations of brutality"),
                ("the city\u2019s police", "indirect", "they show utmost restraint"),
            ],
        ),
        # A statement or letter its subject put out, then a participle of saying: the
        # subject's words (not the time phrase the parse took for the participle's subject).
        (
            "The commission issued a statement warning that \u201cvoters are entitled to "
            "honesty from campaigners.\u201d",
            [
                (
                    "The commission",
                    "mixed",
                    "\u201cvoters are entitled to honesty from campaigners.\u201d",
                )
            ],
        ),
        (
            "The nurses\u2019 union sent a letter to management earlier this month stating that "
            "the wards \u201cwere never staffed for winter.\u201d",
            [
                (
                    "The nurses\u2019 union",
                    "mixed",
                    "the wards \u201cwere never staffed for winter.\u201d",
                )
            ],
        ),
        # … but a statement that is itself the subject, or a letter someone only read, is
        # no one's words put out.
        ("The statement warning that prices would rise was withdrawn.", []),
        ("He read a letter stating that the land was his.", []),
        # To see or regard a thing as something, in quoted words, is to say it is that.
        (
            "Mark Hill, an analyst at a research firm, sees the company's debt as its "
            "\u201cAchilles heel.\u201d",
            [("Mark Hill", "mixed", "the company's debt as its \u201cAchilles heel.\u201d")],
        ),
        (
            "Health officials regard the outbreak as \u201cunder control.\u201d",
            [("Health officials", "mixed", "the outbreak as \u201cunder control.\u201d")],
        ),
        # … unquoted, it is the writer's paraphrase of a view, not a statement.
        ("She sees the game as a hobby.", []),
        # To describe a thing as something says it is that, quoted or not.
        (
            "The mayor described the budget as reckless and unfair.",
            [("The mayor", "indirect", "the budget as reckless and unfair")],
        ),
        ("The mayor described the budget in detail.", []),
        # A quotation right after a cue of naming is the name given; the claim is what the
        # thing is called.
        (
            "Developer Northgate called \u201cWinter Roads\u201d \u201ca flagship racing "
            "game.\u201d",
            [
                (
                    "Developer Northgate",
                    "mixed",
                    "\u201cWinter Roads\u201d \u201ca flagship racing game.\u201d",
                )
            ],
        ),
        # A phrase of when someone spoke ("After hitting …", "Before leaving …") is no
        # statement of theirs, quoted title or not.
        (
            "After hitting \u201cRolling Home,\u201d the singer told the audience, \u201cthat's "
            "really good, maybe we should tour.\u201d",
            [("the singer", "direct", "that's really good, maybe we should tour.")],
        ),
        (
            "Before leaving the stage, Roe told reporters she would run again.",
            [("Roe", "indirect", "she would run again")],
        ),
        # A writing speaks through its verb, though the tagger read the verb as a plural noun
        # after the writing's noun ("The complaint alleges the …") …
        (
            "The complaint alleges the officers used excessive force during the arrest.",
            [("The complaint", "indirect", "the officers used excessive force during the arrest")],
        ),
        # … but not a plural noun after an article ("the claims the insurer refused").
        ("The biggest worry is the claims the insurer refused to pay.", []),
        # A semicolon ends a cue's clause: what follows is no content of it.
        (
            "Roe said the firm would appeal; Smith said it would not.",
            [("Roe", "indirect", "the firm would appeal"), ("Smith", "indirect", "it would not")],
        ),
        # A cue's object holding a quoted fragment (lower case, so no title) is the speaker's
        # words: praise, dismissal, a promise.
        (
            "Roe praised the team\u2019s \u201cincredible effort\u201d in the final minutes.",
            [
                (
                    "Roe",
                    "mixed",
                    "the team\u2019s \u201cincredible effort\u201d in the final minutes",
                )
            ],
        ),
        (
            "Hale dismissed the allegations as \u201cutter nonsense.\u201d",
            [("Hale", "mixed", "the allegations as \u201cutter nonsense.\u201d")],
        ),
        (
            "Roe vowed to \u201cfight this to the very end.\u201d",
            [("Roe", "mixed", "\u201cfight this to the very end.\u201d")],
        ),
        ("Acme announced its \u201cProject Falcon\u201d on Friday.", []),
        # An abbreviation's full stop ends no statement.
        (
            "Roe said the No. 1 priority was to cut waiting lists.",
            [("Roe", "indirect", "the No. 1 priority was to cut waiting lists")],
        ),
        (
            "Smith said the meeting at 10 a.m. Tuesday would decide the matter.",
            [("Smith", "indirect", "the meeting at 10 a.m. Tuesday would decide the matter")],
        ),
        (
            "The No. 1 priority is to cut waiting lists, Roe said.",
            [("Roe", "indirect", "The No. 1 priority is to cut waiting lists")],
        ),
        # A participle that opens a quotation after a comma (", warning: '…'") is the cue of
        # the quote; the cue before it keeps its own reported clause.
        (
            'Roe said that the army could be deployed in the capital, warning: "They are '
            'already there."',
            [
                ("Roe", "indirect", "the army could be deployed in the capital"),
                ("Roe", "direct", "They are already there."),
            ],
        ),
        # A source set off by a comma right before a cue that closes a long sentence is its
        # speaker, whatever subject the parse gave the cue.
        (
            "The official and most consistent way that the Border Agency measures seizures is "
            "by weight, not by value, an agency spokesman told us.",
            [
                (
                    "an agency spokesman",
                    "indirect",
                    "The official and most consistent way that the Border Agency measures "
                    "seizures is by weight, not by value",
                )
            ],
        ),
        # A writing is the source of what it reports, past a relative clause after it.
        (
            "The study, which followed 5,000 adults for a decade, showed that walking lowers "
            "blood pressure.",
            [("The study", "indirect", "walking lowers blood pressure")],
        ),
        ("The report was published on Monday.", []),
        # To find a thing in some state, an object with no clause, is a finding only for a
        # writing or those who study or judge; anyone else found what they came upon.
        (
            "The review found most schools were short of teachers.",
            [("The review", "indirect", "most schools were short of teachers")],
        ),
        ("Police found the car abandoned near the river.", []),
        ("The hikers found the hut empty and the stove cold.", []),
        (
            "Police found that the man had died of natural causes.",
            [("Police", "indirect", "the man had died of natural causes")],
        ),
        # A cue's noun-phrase object whose only verbs are in a relative clause or a "with"
        # phrase is a thing written or shown, not a reported clause …
        ("She wrote hundreds of songs, many of which became hits.", []),
        (
            "Northgate has revealed the second model in its electric range, with the new car "
            "making its debut at the show.",
            [],
        ),
        # … but a clause whose subject holds a relative clause is reported, and so is an
        # infinitive planned.
        (
            "Roe said the people who voted for the plan were misled.",
            [("Roe", "indirect", "the people who voted for the plan were misled")],
        ),
        (
            "Roe said the firm, which employs 500 people, would close in June.",
            [("Roe", "indirect", "the firm, which employs 500 people, would close in June")],
        ),
        # A title quoted in the subject's relative clause, with no speaker after the quote, is
        # no partial quote: the cue reports the clause after it.
        (
            "The actor, who starred in \u201cHome Fires,\u201d said the role changed his life.",
            [("The actor", "indirect", "the role changed his life")],
        ),
        # A stock listing in brackets after a company is no name of the speaker.
        (
            "The company (NYSE: ACME) said revenue rose 5% in the quarter.",
            [("The company", "indirect", "revenue rose 5% in the quarter")],
        ),
        # A verb of appeal or charge joined by "and" after reported words is a second
        # statement of the speaker's, though tagged as a participle.
        (
            "Roe said the move was \u2018completely unacceptable\u2019 and called for an inquiry.",
            [
                ("Roe", "mixed", "the move was \u2018completely unacceptable\u2019"),
                ("Roe", "indirect", "an inquiry"),
            ],
        ),
        (
            "Hale said that investigators examined the files and found no evidence of fraud.",
            [
                (
                    "Hale",
                    "indirect",
                    "investigators examined the files and found no evidence of fraud",
                )
            ],
        ),
        # A cue joined to a verb the parse left without a subject has that verb's subject, the
        # name before a lawmaker's party and state (not the party and state).
        (
            "In October, Rep. Tom Hale, R-W.Va., visited the U.S.-Canada border near Buffalo, "
            "New York, and argued that the country needs stronger border security, including "
            "more agents.",
            [
                (
                    "Tom Hale",
                    "indirect",
                    "the country needs stronger border security, including more agents",
                )
            ],
        ),
        # A cue word that owns the next noun is no verb of a "while" clause.
        (
            "The city said it is committed to the plan, while the Jewish state's premier "
            "cheered on the move.",
            [
                (
                    "The city",
                    "indirect",
                    "it is committed to the plan, while the Jewish state's premier cheered on "
                    "the move",
                )
            ],
        ),
        # "said while visiting …" with no clause after it: when they spoke, not what.
        ("Roe said while visiting the conference in Paris.", []),
        (
            "Roe said while visiting the conference that the plan would fail.",
            [("Roe", "indirect", "the plan would fail")],
        ),
        # A source and its cue that close the sentence after a comma are a second
        # attribution, not words of the first statement.
        (
            "The council said the road would reopen in May after repairs, the mayor's office "
            "confirmed.",
            [("The council", "indirect", "the road would reopen in May after repairs")],
        ),
        # An infinitive of purpose says what the subject of the verb it hangs on said.
        (
            "Roe took to Twitter to slam the decision as \u201ca disgrace.\u201d",
            [("Roe", "mixed", "the decision as \u201ca disgrace.\u201d")],
        ),
        # To quip is to say.
        (
            "Hale quipped that the team \u201cshould have stayed in bed.\u201d",
            [("Hale", "mixed", "the team \u201cshould have stayed in bed.\u201d")],
        ),
    ],
)
def test_reported_statement(
    extractor: Extractor, text: str, expected: list[tuple[str | None, str, str]]
) -> None:
    assert _claims(extractor, text) == expected
