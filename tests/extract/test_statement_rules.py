"""Rule tables for what a claim's statement is on real news (issue 19): which cues report a
statement, where its words start and stop, when two tellings are two claims, and what the
words are about; invented sentences of the shapes seen on real pages, each row run through the
whole shipped pipeline."""

from __future__ import annotations

import pytest

from claimgraph.extract import Extractor, load_pipeline
from claimgraph.extract.sources import SourceDocument


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_pipeline())


def _claims(extractor: Extractor, text: str) -> list[tuple[str | None, str, str]]:
    article = extractor.extract(SourceDocument(text=text))
    return [(c.speaker.name if c.speaker else None, c.kind, c.text) for c in article.claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A lede's paraphrase with a quoted phrase and the full quote further down are two
        # tellings, each a claim (not a headline's copy of the body).
        (
            "Jane Roe accused the council of waste and warned that the city \u201cwill not sit "
            "on its hands\u201d if the strike \u201cgets out of control\u201d.\n\n"
            "\u201cIf the strike gets out of control, the city certainly would not sit on its "
            "hands and watch,\u201d Roe said.",
            [
                ("Jane Roe", "indirect", "the council of waste"),
                (
                    "Jane Roe",
                    "mixed",
                    "the city \u201cwill not sit on its hands\u201d if the strike \u201cgets out "
                    "of control\u201d",
                ),
                (
                    "Jane Roe",
                    "direct",
                    "If the strike gets out of control, the city certainly would not sit on its "
                    "hands and watch",
                ),
            ],
        ),
        # "per" and an acronym the tagger did not read as a name (the alias table knows it).
        (
            "The virus, per the WHO, is often found in bats and their fleas.",
            [
                (
                    "World Health Organization",
                    "according_to",
                    "The virus, per the WHO, is often found in bats and their fleas",
                )
            ],
        ),
        # To threaten, promise or vow to do a thing is to say one will do it …
        (
            "Officers had earlier threatened to use live fire if petrol bombs were thrown again.",
            [(None, "indirect", "use live fire if petrol bombs were thrown again")],
        ),
        # What someone calls for is what they say must be; a name before an aside set off by
        # dashes is the cue's subject.
        (
            "The Meridian Council - which has rejected the mayor as a mediator - called for an "
            "emergency meeting of the board.",
            [("Meridian Council", "indirect", "an emergency meeting of the board")],
        ),
        ("The weather - which was cold - called for coats.", []),
        # … and to tell someone to do a thing is to say they should.
        (
            "Because Dr Tom Hale suspected the duvet, he told the man to remove the bedding from "
            "his home at once.",
            [("Tom Hale", "indirect", "remove the bedding from his home at once")],
        ),
        # … but a thing that threatens says nothing.
        ("The storm threatened to flood the town.", []),
        # A charge in the passive: its words are the "of" phrase, its speaker the agent or no
        # one named …
        (
            "The party was accused on Wednesday of trying to deceive voters with a fake account.",
            [(None, "indirect", "trying to deceive voters with a fake account")],
        ),
        # … but a charge laid in court is no one's statement.
        ("He was accused of murder in 2010.", []),
        # A comma, then a cue with a subject of its own: a second statement.
        (
            "Though the Meridian Health Agency has said there is no need to worry, it has also "
            "acknowledged that remote regions are vulnerable to outbreaks.",
            [
                ("Meridian Health Agency", "indirect", "there is no need to worry"),
                (
                    "Meridian Health Agency",
                    "indirect",
                    "remote regions are vulnerable to outbreaks",
                ),
            ],
        ),
        (
            "Tom Hale said the payments were legal, but Jane Roe has said she never saw the "
            "accounts.",
            [
                ("Tom Hale", "indirect", "the payments were legal"),
                ("Jane Roe", "indirect", "she never saw the accounts"),
            ],
        ),
        # A semicolon ends a reported statement: what follows is a clause of its own.
        (
            "Tom Hale said the firm would close; Jane Roe said it would not.",
            [
                ("Tom Hale", "indirect", "the firm would close"),
                ("Jane Roe", "indirect", "it would not"),
            ],
        ),
        # A phrase of when the words were said is no part of them …
        (
            "Tom Hale told reporters while visiting the plant that the payments were legal.",
            [("Tom Hale", "indirect", "the payments were legal")],
        ),
        # … nor is a trailing source and its cue.
        (
            "The money was moved to a private account in 2018, Tom Hale testified on Tuesday.",
            [("Tom Hale", "indirect", "The money was moved to a private account in 2018")],
        ),
        # … but not a clause the "that" before the comma still governs.
        (
            "Jane Roe reiterated that she saw the two inquiries as separate but that in "
            "retrospect, she understood how officials could be confused.",
            [
                (
                    "Jane Roe",
                    "indirect",
                    "she saw the two inquiries as separate but that in retrospect, she "
                    "understood how officials could be confused",
                )
            ],
        ),
        # An inverted cue after a partial quote that holds the comma.
        (
            'Three visits to the clinic failed to find the cause, which was "deeply upsetting," '
            "wrote Jane Roe, who had never smoked.",
            [
                (
                    "Jane Roe",
                    "mixed",
                    'Three visits to the clinic failed to find the cause, which was "deeply '
                    'upsetting,"',
                )
            ],
        ),
        # The parsed subject of a cue that takes a clause is its source, whatever its words …
        (
            "Those in favour of a ban have said that the coach started the fight on the pitch.",
            [(None, "indirect", "the coach started the fight on the pitch")],
        ),
        (
            "The study found the mass of the craft could be cut by a third.",
            [(None, "indirect", "the mass of the craft could be cut by a third")],
        ),
        # … with the clause after a phrase of when, or read by the parse as an object and a
        # second verb …
        (
            "Both men claimed at the time that they were being treated well.",
            [(None, "indirect", "they were being treated well")],
        ),
        (
            "The study found the spacecraft mass could be reduced by a third.",
            [(None, "indirect", "the spacecraft mass could be reduced by a third")],
        ),
        # … but not an object with no clause after it.
        ("Officials found the body in a river near the town where he lived.", []),
        # … nor "this" or "it" with no one named before.
        ("This shows that the plan has worked.", []),
        # A reporting noun owned by a possessive pronoun, with modifiers, a phrase of where
        # it was said before its "that", and a pair of dashes setting off an aside …
        (
            "Tom Hale spoke for an hour. The most telling moment was his claim that he "
            "visited the club in 2010 \u2013 after the owner was released from prison \u2013 "
            "in order to end the friendship.",
            [
                (
                    "Tom Hale",
                    "indirect",
                    "he visited the club in 2010 \u2013 after the owner was released from prison "
                    "\u2013 in order to end the friendship",
                )
            ],
        ),
        (
            "Tom Hale is under fire for failing to deliver on his often-repeated vow that the "
            "city would leave the league by May.",
            [("Tom Hale", "indirect", "the city would leave the league by May")],
        ),
        (
            "Tom Hale spoke for an hour. The effort contradicts his claim in the same interview "
            "that the pair had never met.",
            [("Tom Hale", "indirect", "the pair had never met")],
        ),
        # … but not a relative clause after the phrase.
        ("Her claim in the book that was published last year sold well.", []),
        # A charge's content stops at a dash, where another source's clause begins.
        (
            "In 2003, the authorities were accused of hiding the true extent of the outbreak"
            "\u2014and city officials later admitted that there had been ten times as many cases.",
            [
                (None, "indirect", "hiding the true extent of the outbreak"),
                (None, "indirect", "there had been ten times as many cases"),
            ],
        ),
        # A clause inside a charge's object is no second predicate of the cue …
        (
            "Jane Roe and Ann Lee spoke on Monday. They criticised the label and the effect big "
            "firms can have when they buy up smaller ones.",
            [
                (
                    None,
                    "indirect",
                    "the label and the effect big firms can have when they buy up smaller ones",
                )
            ],
        ),
        # … and a participle after "after" says what the sentence's subject said.
        (
            "Jane Roe won support last week, after accusing the label of trying to stop her "
            "singing her old songs.",
            [
                (
                    "Jane Roe",
                    "indirect",
                    "the label of trying to stop her singing her old songs",
                )
            ],
        ),
        ("The shares fell on Monday, after falling sharply last week.", []),
        # A document speaks in a relative clause after it …
        (
            "The Meridian Trust published a blog post that said members could now listen to "
            "music for free.",
            [("Meridian Trust", "indirect", "members could now listen to music for free")],
        ),
        (
            'The inspector released two critical reports that depicted "technical problems, '
            'cost increases and delays".',
            [
                (
                    None,
                    "mixed",
                    '"technical problems, cost increases and delays"',
                )
            ],
        ),
        ("The film depicted the war in great detail.", []),
        # … but not one the sentence describes as its subject.
        ("The report that said prices would rise was wrong.", []),
        # An organisation speaking as "it" with a phrasal cue.
        (
            "The Electoral Board said voters deserve honest campaigns. Critically, however, it "
            "pointed out that it does not police what campaigns say.",
            [
                ("Electoral Board", "indirect", "voters deserve honest campaigns"),
                ("Electoral Board", "indirect", "it does not police what campaigns say"),
            ],
        ),
        # A plea entered in court, a threat a charge describes, and the writer's advice to the
        # reader are no one's statement.
        (
            "A man from Leeds pleaded guilty on Monday to charges that he threatened to kill a "
            "councillor.",
            [],
        ),
        (
            "Of the two, only Tom Hale will be on stage, but expect the debate to generate "
            "passionate arguments about wealth.",
            [],
        ),
        # A cue the content's own subject governs goes on with the content …
        (
            "The agency said Monday that its researchers examined how sleep would affect the "
            "design of a mission and concluded that it could shrink the craft.",
            [
                (
                    None,
                    "indirect",
                    "its researchers examined how sleep would affect the design of a mission and "
                    "concluded that it could shrink the craft",
                )
            ],
        ),
        # … but a speaker saying again is a second statement.
        (
            "The ministry said it viewed the move as a mistake and said it would likely "
            "heighten tensions.",
            [
                (None, "indirect", "it viewed the move as a mistake"),
                (None, "indirect", "it would likely heighten tensions"),
            ],
        ),
        # A paragraph that is one quotation, with no cue, goes on in the voice of the reported
        # speech just before it …
        (
            "Saeb Erekat said it was the latest move to force the city to give in.\n\n"
            '"They wanted us on our knees and they used every trick to put pressure on us. We '
            'stand tall."',
            [
                ("Saeb Erekat", "indirect", "it was the latest move to force the city to give in"),
                (
                    "Saeb Erekat",
                    "direct",
                    "They wanted us on our knees and they used every trick to put pressure on "
                    "us. We stand tall.",
                ),
            ],
        ),
        # … but not a paragraph after the writer's own.
        (
            "Saeb Erekat said it was the latest move to force the city to give in.\n\n"
            "The talks collapsed in 2014.\n\n"
            '"They wanted us on our knees."',
            [("Saeb Erekat", "indirect", "it was the latest move to force the city to give in")],
        ),
        # A quotation opened in reported speech runs on to its closing mark, past full stops.
        (
            'Tom Hale said that the coach "cannot start a fight and then cry foul. He was '
            'asking for it, he kept pushing me. Just leave it at that."',
            [
                (
                    "Tom Hale",
                    "mixed",
                    'the coach "cannot start a fight and then cry foul. He was asking for it, he '
                    'kept pushing me. Just leave it at that."',
                )
            ],
        ),
        # To attribute a thing to a cause is to say it has that cause …
        (
            "Bank stocks led the gains. Jane Roe attributed the rally in bank stocks to the "
            "court's ruling on the steel case.",
            [
                (
                    "Jane Roe",
                    "indirect",
                    "the rally in bank stocks to the court's ruling on the steel case",
                )
            ],
        ),
        # … but what is attributed to someone is not their attributing.
        ("The quote was attributed to Churchill.", []),
        # A participle after a comma is no inverted cue ("…, said X"): it says what the
        # sentence's subject does.
        (
            "The service, which costs $10 a month, is centred on game streaming, allowing "
            "players to reach big titles on the go.",
            [],
        ),
        # A participle after the aside ("…, Graham said, offering …") is the speaker's doing,
        # not the rest of the statement.
        (
            "Targeting audiences is key in making money go further, Jane Roe said, offering the "
            "example of a recent campaign.",
            [("Jane Roe", "indirect", "Targeting audiences is key in making money go further")],
        ),
        # A sentence does not start after a comma, wherever the parser cut it.
        (
            "The company would pay the fine in full, Jane Roe said on Monday.",
            [("Jane Roe", "indirect", "The company would pay the fine in full")],
        ),
        # "this" is the object of a cue unless a time word follows it ("this week") …
        (
            'Jane Roe wrote a post on Monday. In it she described this as the "worst case '
            'scenario".',
            [("Jane Roe", "mixed", 'this as the "worst case scenario"')],
        ),
        # … and a "that" after a phrase of when opens the content, though a noun precedes it.
        (
            "Tom Hale said after the game that the team saw the win as the most important step.",
            [("Tom Hale", "indirect", "the team saw the win as the most important step")],
        ),
        # A view joined by "and" to reported words goes on with them.
        (
            "Jane Roe said she did not want to judge the campaign, and thinks it could still "
            "work for its audience.",
            [
                (
                    "Jane Roe",
                    "indirect",
                    "she did not want to judge the campaign, and thinks it could still work for "
                    "its audience",
                )
            ],
        ),
        # What someone will, may or could say has not been said; "would" is the narrative past.
        ("Lawyers for the victims will find the interview a treasure trove for prosecutors.", []),
        ("The city's leaders may still believe all this is a price worth paying.", []),
        (
            "He would later say that the deal was a mistake.",
            [(None, "indirect", "the deal was a mistake")],
        ),
        (
            "Police can confirm that a man was arrested on Monday.",
            [(None, "indirect", "a man was arrested on Monday")],
        ),
        # A refusal to say says nothing.
        ("His refusal to say which side he would back was met with laughter.", []),
        # What was added or posted is a statement only as a clause or a quotation.
        ("The stock added more than 2% to begin the week after the deal.", []),
        (
            "On Tuesday, he posted photos from the campaign on the wall of the kitchen, where he "
            "posts new findings for his staff to ponder.",
            [],
        ),
        (
            "Jane Roe added that the plan would fail.",
            [("Jane Roe", "indirect", "the plan would fail")],
        ),
        # To call in or call off is to summon or cancel.
        (
            "The design team has called in the Concurrent Design Facility to assess the "
            "advantages of the plan.",
            [],
        ),
        # Words that lead into the cue's own clause are not what was said …
        (
            "The video had been cut to show the minister failing to answer a question, when, in "
            "fact, he responded quickly.",
            [],
        ),
        # … nor a relative clause after a cue's object.
        (
            "Nurses can then focus on patients rather than responding to alerts that need no "
            "action.",
            [],
        ),
    ],
)
def test_statements(
    extractor: Extractor, text: str, expected: list[tuple[str | None, str, str]]
) -> None:
    assert _claims(extractor, text) == expected


def _about(extractor: Extractor, text: str) -> list[tuple[str, list[str]]]:
    article = extractor.extract(SourceDocument(text=text))
    return [(c.text, [ref.name for ref in c.about]) for c in article.claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A claim is about the body it calls "the label", "the league" or "the band": the one
        # of that kind named before.
        (
            "Jane Roe signed with Meridian Records in 2005. She claimed the label thought the "
            "show would amount to a re-recording.",
            [("the label thought the show would amount to a re-recording", ["Meridian Records"])],
        ),
        (
            "The Doobie Brothers will tour next year. Tom Hale said the band would play songs "
            "from its whole catalogue.",
            [("the band would play songs from its whole catalogue", ["Doobie Brothers"])],
        ),
        # The aside that names the speaker is not what the claim is about.
        (
            "The key to the service's success, says Tom Hale, is the Meridian Trust's network.",
            [
                (
                    "The key to the service's success, says Tom Hale, is the Meridian Trust's "
                    "network",
                    ["Meridian Trust"],
                )
            ],
        ),
        # A charge in the passive is about whom it accuses.
        (
            "Jane Roe, a veteran councillor, is accused by critics of hiding the cost of the "
            "new bridge.",
            [("hiding the cost of the new bridge", ["Jane Roe"])],
        ),
        # … but not "a label" of no one named.
        (
            "Jane Roe signed with Meridian Records in 2005. She said a label should never own "
            "an artist's songs.",
            [("a label should never own an artist's songs", [])],
        ),
    ],
)
def test_about(extractor: Extractor, text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert _about(extractor, text) == expected
