"""The scale corpus: realistic news articles generated deterministically, with their extraction.

Usage: python bench/corpus.py [--n 10000] [--seed 2024] [--out bench/.data] [--check 20]

Writes (under bench/.data/, which git ignores):
  corpus-N.jsonl    one raw article per line ({"id", "source", "published", "text"}): title,
                    byline and date lines, then the body, as a scraper would deliver it; the input
                    of the extraction benchmark and of `claimgraph ingest`.
  articles-N.jsonl  the same articles as pre-extracted `Article` JSON (the extraction contract),
                    for the store, query, start-up and export benchmarks.

The pre-extracted Articles are NOT produced by the spaCy pipeline: the generator knows what it
wrote, so it emits each article's entities (names, aliases, roles, affiliations, mentions,
character spans) and claims (speaker, cue, kind, text, about, addressee, offsets) directly, in
the shape the real extraction produces (offsets hold: text[start_char:end_char] == claim text).
That makes a 10,000-article store take seconds to describe instead of an hour of parsing, and
keeps it identical from run to run. `--check N` runs the real pipeline over the first N raw
texts and prints both sides' entity and claim counts, to show the two are alike.

Every article is a function of (seed, index) alone: article i is the same whatever --n is.
People, organisations and places are fictional (plus a few real countries and cities); their
popularity is Zipf-like, so a few appear in thousands of articles (the hard case for queries)
and most in a handful. Quote styles: curly, straight and single quotation marks; speaker-first,
quote-first and inverted ("said X"); reported speech, mixed quotes, "according to", addressees
("told Radio Kestria"), continuation paragraphs, pronoun and unnamed sources ("officials").
Lengths run from ~100 to ~1,500 words (median ~330).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from claimgraph.extract.schema import article_id, claim_id, entity_id

from common import DATA

SEED = 2024


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _words(
    "Helen Tom Amira Jonas Priya Marek Sofia Daniel Leila Viktor Grace Omar Ingrid Samuel Nadia "
    "Pavel Chloe Yusuf Elena Kwame Hannah Dmitri Aisha Lucas Mei Rafael Zara Felix Ines Tariq "
    "Olga Martin Fatima Henrik Ruth Emeka Clara Bogdan Lina Arjun Maya Stefan Noor Oscar Irene "
    "Kofi Astrid Malik Vera Julian Simone Idris Petra Hugo Lucia Anton Esther Ravi Greta Karim "
    "Naomi Tobias Selin Bruno Alma Farid Hazel Ibrahim Livia Dara Sergei Rosa Mateo Iris Kenji"
)
LAST = _words(
    "Marsh Okafor Hale Brennan Vasquez Lindqvist Adeyemi Novak Castell Drummond Ferreira Kowalski "
    "Haddad Whitlock Morozov Achebe Tanaka Sorensen Quinlan Obi Renner Mbeki Harcourt Petrov "
    "Ashworth Nakamura Delacroix Osei Fairbanks Ivanova Calloway Mendes Strand Kaplan Orwin "
    "Baptiste "
    "Elwood Sato Lindgren Ogunleye Prescott Varga Hollis Rahimi Dunmore Keane Albescu Thorne "
    "Mwangi Holloway Castillo Berger Nakashima Aldous Farouk Greaves Ionescu Pemberton Salo "
    "Winslow Abara Kestner Lowry Marchetti Oduya Raines Silvestri Tembo Vance Wexford Yilmaz "
    "Zeller Amato Blackwood Cardoso Devlin Engstrom Faber Galloway Hartigan Ilves Jovanovic Kruger "
    "Lacroix Mendoza Nygaard Orloff Pasternak Quarles Rusk Sheridan Toivonen Ulrich Valdez Whitby"
)
SYLLABLES = _words(
    "kes tri ar vo sta mir del an ta ros vel ka dor ren lis ov ma bel sha gor tan ria nia tor "
    "mal ven zar qu ost lan dre fel har ib ol ur em"
)
COUNTRY_ENDINGS = ("ia", "istan", "and", "ova", "ea", "ar")
REAL_PLACES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("United Kingdom", ("Britain", "UK")),
    ("United States", ("US", "America")),
    ("Brussels", ()),
    ("Geneva", ()),
    ("Doha", ()),
    ("London", ()),
    ("Washington", ()),
    ("Paris", ()),
    ("Berlin", ()),
    ("Tokyo", ()),
    ("Nairobi", ()),
    ("Ankara", ()),
)
REAL_ORGS: tuple[tuple[str, str | None], ...] = (
    ("Nato", None),
    ("United Nations", "UN"),
    ("European Union", "EU"),
    ("World Health Organization", "WHO"),
    ("International Monetary Fund", "IMF"),
    ("Red Cross", None),
)
ORG_PATTERNS = (
    "{a} Energy",
    "{a} Holdings",
    "{a} Shipping",
    "{a} Airways",
    "Bank of {c}",
    "{c} Ministry of Defence",
    "{c} Foreign Ministry",
    "{c} Interior Ministry",
    "{c} Police Service",
    "{a} Liberation Front",
    "{a} People's Movement",
    "{a} Institute",
    "University of {c}",
    "{a} Workers' Union",
    "{c} Electoral Commission",
)
MEDIA_PATTERNS = ("Radio {c}", "{c} Herald", "{a} News", "{c} Today", "{a} Broadcasting")
ROLES_BEFORE = (
    "Defence Secretary",
    "Foreign Minister",
    "Interior Minister",
    "Prime Minister",
    "President",
    "Senator",
    "Mayor",
    "Maj Gen",
    "Ambassador",
    "Finance Minister",
)
ROLES_AFTER = (
    "a spokesperson for",
    "the chief executive of",
    "a senior analyst at",
    "the head of",
    "a director at",
    "an adviser to",
    "a researcher at",
    "a commander of",
)
UNNAMED = (
    "officials",
    "one senior official",
    "a diplomat",
    "analysts",
    "residents",
    "a source close to the talks",
    "two people familiar with the matter",
)
JOURNALISTS = tuple(f"{first} {last}" for first, last in zip(FIRST[::3], LAST[1::3], strict=False))
MONTHS = _words(
    "January February March April May June July August September October November December"
)
TOPICS = (
    "ceasefire",
    "budget",
    "election",
    "pipeline deal",
    "border crossing",
    "trade agreement",
    "aid convoy",
    "port closure",
    "strike",
    "inquiry",
    "sanctions package",
    "reform bill",
)

# Claim content: {P} a person, {O} an organisation, {L} a place, {T} a topic word. Direct quotes
# start with a capital; reported speech follows "that".
DIRECT = (
    "We will not allow {O} to decide the future of {L}",
    "The situation in {L} is deteriorating faster than anyone expected",
    "Nobody in {L} wants this {T} to fail, but time is running out",
    "{P} has made it clear that the talks will continue",
    "This is a reckless act and those responsible will be held to account",
    "Our people are there at the invitation of the government and they will stay",
    "We have asked {O} for guarantees and we have not yet received them",
    "I think the {T} is the best chance we have had in a decade",
    "There is no military solution here, only a political one",
    "Families in {L} have waited long enough for answers",
    "The {T} was agreed in good faith and {O} must honour it",
    "We are monitoring the situation closely with our partners in {L}",
    "Frankly, the figures do not add up",
    "It is too early to say what caused it, and we will not speculate",
    "{O} has broken every promise it made in {L}",
    "I spoke to {P} this morning and we agreed on the next steps",
    "The money is there; what is missing is the will to spend it",
    "This {T} will cost jobs in {L}, and people know it",
    "We never negotiated with {O} and we never will",
    "Let me be clear: nobody is above the law",
)
REPORTED = (
    "the {T} would go ahead as planned",
    "{O} had been warned about the risks months ago",
    "the attack on {L} was the work of a small group",
    "talks with {O} would resume in {L} next week",
    "{P} had misled parliament over the {T}",
    "the government had no plans to raise taxes",
    "there was no evidence of wrongdoing by {O}",
    "more troops would be sent to {L} if needed",
    "the {T} could collapse within days",
    "prices in {L} had risen sharply since the spring",
    "{P} would not stand for re-election",
    "the decision had been taken without consulting {O}",
)
FRAGMENTS = (
    "deeply irresponsible",
    "a step in the right direction",
    "unacceptable",
    "long overdue",
)
FILLER = (
    "{L} has been at the centre of the dispute since {Y}.",
    "Talks between {O} and {O2} in {L} broke down last month.",
    "The {T} was first proposed in {Y} but stalled amid disagreement over its cost.",
    "Hundreds of people gathered outside the offices of {O} on Tuesday.",
    "{O} did not respond to a request for comment.",
    "The region around {L} is home to about two million people.",
    "Officials in {L} said the figures would be published later this week.",
    "Earlier this year {O} announced a review of its operations in {L}.",
    "The vote is expected before the end of the month.",
    "Shares in {O} fell four percent in early trading.",
    "Roads into {L} remained closed on Wednesday.",
    "The previous round of negotiations, held in {L2}, ended without agreement.",
)
PADDING = (
    "It was not immediately clear how many people were affected.",
    "The figures could not be independently verified.",
    "A further statement is expected in the coming days.",
    "The decision follows months of pressure from opposition parties.",
    "Similar measures were introduced in neighbouring countries last year.",
    "Critics say the plan does not go far enough.",
)
TITLES = (
    "{O} warns of {T} collapse in {L}",
    "{P} says talks with {O} will continue",
    "{L} {T}: what we know so far",
    "{O} rejects {T} as pressure mounts in {L}",
    "{T} in doubt after {P} quits",
    "Protests spread across {L} over {T}",
)
QUOTE_MARKS = (("\u201c", "\u201d"), ('"', '"'), ("\u2018", "\u2019"), ("'", "'"))
QUOTE_WEIGHTS = (55, 30, 10, 5)
DIRECT_CUES = (("said", "assert"), ("added", "assert"), ("warned", "warn"), ("insisted", "assert"))
REPORTED_CUES = (
    ("said", "assert"),
    ("warned", "warn"),
    ("denied", "deny"),
    ("confirmed", "confirm"),
    ("insisted", "assert"),
    ("admitted", "admit"),
    ("predicted", "predict"),
    ("revealed", "reveal"),
)


@dataclass(frozen=True)
class Thing:
    """A person, organisation or place of the generated world."""

    type: str
    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None  # people: a title before the name, or an apposition after it
    employer: Thing | None = None
    pronoun: str = "it"

    @property
    def id(self) -> str:
        return entity_id(self.type, self.name)

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


def _coined(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


@dataclass
class World:
    """The fixed cast every article draws on, popular ones far more often than the rest."""

    people: list[Thing]
    organizations: list[Thing]
    media: list[Thing]
    places: list[Thing]
    weights: dict[str, list[float]] = field(default_factory=dict)

    @classmethod
    def make(cls, seed: int) -> World:
        rng = random.Random(f"world:{seed}")
        countries = _unique_names(rng, 70, lambda: _coined(rng, 1) + rng.choice(COUNTRY_ENDINGS))
        cities = _unique_names(rng, 330, lambda: _coined(rng, 2))
        places = [Thing("place", name, aliases) for name, aliases in REAL_PLACES]
        places += [Thing("place", name) for name in [*countries, *cities]]
        rng.shuffle(places)
        adjectives = _unique_names(rng, 200, lambda: _coined(rng, rng.choice((2, 3))))
        organizations = [Thing("organization", n, (a,) if a else ()) for n, a in REAL_ORGS]
        for i, pattern in enumerate(itertools.islice(itertools.cycle(ORG_PATTERNS), 420)):
            name = pattern.format(a=adjectives[i % 200], c=rng.choice(countries))
            acronym = "".join(w[0] for w in name.split() if w[0].isupper())
            aliases = (acronym,) if len(acronym) >= 3 and rng.random() < 0.3 else ()
            organizations.append(Thing("organization", name, aliases))
        organizations = list({org.name: org for org in organizations}.values())
        media = [
            Thing("organization", p.format(a=rng.choice(adjectives), c=rng.choice(countries)))
            for p in itertools.islice(itertools.cycle(MEDIA_PATTERNS), 40)
        ]
        people = [_person(rng, first, last, organizations) for first, last in _full_names(rng)]
        world = cls(people, organizations, list({m.name: m for m in media}.values()), places)
        for name in ("people", "organizations", "media", "places"):
            pool = getattr(world, name)
            # Zipf-like popularity, s = 1.05: rank 1 is named ~10x as often as rank 10.
            world.weights[name] = list(
                itertools.accumulate(1 / (r + 1) ** 1.05 for r in range(len(pool)))
            )
        return world

    def pick(self, rng: random.Random, pool: str, k: int) -> list[Thing]:
        """k distinct members of a pool, by popularity."""
        things, cumulative = getattr(self, pool), self.weights[pool]
        chosen: dict[str, Thing] = {}
        while len(chosen) < min(k, len(things)):
            index = bisect.bisect(cumulative, rng.random() * cumulative[-1])
            thing = things[min(index, len(things) - 1)]
            chosen[thing.id] = thing
        return list(chosen.values())


def _unique_names(rng: random.Random, n: int, make: Any) -> list[str]:
    names: dict[str, None] = {}
    while len(names) < n:
        names[make()] = None
    return list(names)


def _full_names(rng: random.Random) -> list[tuple[str, str]]:
    pairs = [(first, last) for first in FIRST for last in LAST]
    rng.shuffle(pairs)
    return pairs[:2500]


def _person(rng: random.Random, first: str, last: str, organizations: list[Thing]) -> Thing:
    pronoun = rng.choice(("he", "she"))
    if rng.random() < 0.35:
        return Thing("person", f"{first} {last}", role=rng.choice(ROLES_BEFORE), pronoun=pronoun)
    if rng.random() < 0.6:
        role, employer = rng.choice(ROLES_AFTER), rng.choice(organizations[:200])
        return Thing("person", f"{first} {last}", role=role, employer=employer, pronoun=pronoun)
    return Thing("person", f"{first} {last}", pronoun=pronoun)


class Writer:
    """Builds an article's text piece by piece, recording where each entity and claim lies."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.spans: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
        self.surfaces: defaultdict[str, list[str]] = defaultdict(list)
        self.things: dict[str, Thing] = {}
        self.roles: defaultdict[str, list[str]] = defaultdict(list)
        self.affiliations: dict[str, tuple[Thing, str]] = {}

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def mention(self, thing: Thing, surface: str | None = None) -> None:
        surface = surface or thing.name
        self.things.setdefault(thing.id, thing)
        self.spans[thing.id].append((self.pos, self.pos + len(surface)))
        if surface not in self.surfaces[thing.id]:
            self.surfaces[thing.id].append(surface)
        self.write(surface)

    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class Generated:
    raw: dict[str, Any]  # the scraper-shaped record (corpus-N.jsonl)
    article: dict[str, Any]  # the Article as JSON-ready dict (articles-N.jsonl)


class ArticleWriter:
    """One article: its cast, its paragraphs and its claims."""

    def __init__(self, world: World, index: int, seed: int) -> None:
        self.rng = random.Random(f"article:{seed}:{index}")
        self.index = index
        self.out = Writer()
        self.claims: list[dict[str, Any]] = []
        rng = self.rng
        self.people = world.pick(rng, "people", rng.choice((1, 2, 3, 3, 4, 5, 6)))
        self.orgs = world.pick(rng, "organizations", rng.choice((1, 2, 3, 4, 5, 6)))
        self.places = world.pick(rng, "places", rng.choice((1, 2, 3, 4, 5)))
        self.media = world.pick(rng, "media", 1)[0]
        self.introduced: set[str] = set()
        self.last_speaker: Thing | None = None
        # A few articles name a minor figure by surname alone: the extractor then yields a
        # one-word person, which cross-article resolution has to merge (or find ambiguous).
        if rng.random() < 0.05:
            extra = world.pick(rng, "people", 1)[0]
            self.people.append(Thing("person", extra.surname, pronoun=extra.pronoun))

    # -- words ---------------------------------------------------------------------------

    def fill(self, template: str) -> None:
        """Write a template, turning its slots into entity mentions."""
        rng, out = self.rng, self.out
        for piece in _slots(template):
            if piece == "{P}":
                self.person_mention(rng.choice(self.people), short=True)
            elif piece in ("{O}", "{O2}"):
                orgs = self.orgs if piece == "{O}" else self.orgs[::-1]
                out.mention(orgs[0] if rng.random() < 0.4 else rng.choice(orgs))
            elif piece in ("{L}", "{L2}"):
                place = rng.choice(self.places)
                out.mention(place, rng.choice((place.name, *place.aliases)))
            elif piece == "{T}":
                out.write(rng.choice(TOPICS))
            elif piece == "{Y}":
                out.write(str(rng.randint(1998, 2022)))
            else:
                out.write(piece)

    def person_mention(self, person: Thing, *, short: bool = False) -> None:
        """First mention: full name with role; later ones: surname or title and surname."""
        out = self.out
        if person.id not in self.introduced and not short:
            self.introduced.add(person.id)
            if person.role and person.employer is None:
                out.write(person.role + " ")
                out.roles[person.id].append(person.role)
            out.mention(person)
            if person.employer is not None and person.role:
                out.write(f", {person.role} ")
                out.mention(person.employer)
                out.write(",")
                role = person.role.split(" ", 1)[1].rsplit(" ", 1)[0]
                out.roles[person.id].append(role)
                out.affiliations[person.id] = (person.employer, role)
            return
        if person.id not in self.introduced:
            out.mention(person)
            return
        honorific = "Mr" if person.pronoun == "he" else "Ms"
        if " " in person.name and self.rng.random() < 0.3:
            out.mention(person, f"{honorific} {person.surname}")
        else:
            out.mention(person, person.surname)

    def content(self, template: str, *, capital: bool) -> tuple[int, int, list[str]]:
        """Write claim content; returns its offsets and the entities it names."""
        start, before = self.out.pos, {k: len(v) for k, v in self.out.spans.items()}
        text = template[0].upper() + template[1:] if capital else template
        self.fill(text)
        about = [k for k, v in self.out.spans.items() if len(v) > before.get(k, 0)]
        return start, self.out.pos, about

    def claim(
        self,
        span: tuple[int, int, list[str]],
        kind: str,
        speaker: Thing | None,
        speaker_text: str | None,
        cue: tuple[str, str] | None,
        addressee: Thing | None = None,
    ) -> None:
        start, end, about = span
        things = self.out.things
        self.claims.append(
            {
                "speaker": _ref(speaker) if speaker else None,
                "speaker_text": speaker_text,
                "cue": cue[0] if cue else None,
                "cue_class": cue[1] if cue else None,
                "kind": kind,
                "start_char": start,
                "end_char": end,
                "about": [_ref(things[i]) for i in about if speaker is None or i != speaker.id],
                "addressee": _ref(addressee) if addressee else None,
                "confidence": {"direct": 0.95, "mixed": 0.9, "indirect": 0.85}.get(kind, 0.8),
            }
        )
        self.last_speaker = speaker

    # -- paragraphs ----------------------------------------------------------------------

    def speaker(self) -> Thing:
        rng = self.rng
        if rng.random() < 0.8:
            return rng.choice(self.people)
        return rng.choice(self.orgs)

    def name_speaker(self, speaker: Thing, *, first: bool) -> str:
        """Write the speaker's name (or pronoun) and return the words used."""
        start = self.out.pos
        if speaker.type == "person":
            if not first and speaker.id in self.introduced and self.rng.random() < 0.25:
                self.out.write(speaker.pronoun)
            else:
                self.person_mention(speaker)
        else:
            self.out.write("the " if first and self.rng.random() < 0.3 else "")
            self.out.mention(speaker)
        # The name alone, without an apposition ("Irene Orwin, a director at …,").
        return self.out.text()[start:].split(",")[0]

    def direct(self) -> None:
        rng, out = self.rng, self.out
        speaker, (open_, close) = self.speaker(), rng.choices(QUOTE_MARKS, QUOTE_WEIGHTS)[0]
        cue = rng.choice(DIRECT_CUES)
        addressee = self.media if rng.random() < 0.15 else None
        if cue[0] != "said" or addressee:
            cue = ("told", "assert") if addressee else cue
        template = rng.choice(DIRECT)
        style = rng.random()
        if style < 0.45:  # quote first: “…,” Marsh said.
            out.write(open_)
            span = self.content(template, capital=True)
            out.write("," + close + " ")
            words = self.name_speaker(speaker, first=False)
            out.write(f" {cue[0]}")
            if addressee:
                out.write(" ")
                out.mention(addressee)
            out.write(".")
        elif style < 0.65 and not addressee:  # inverted: “…,” said Helen Marsh.
            out.write(open_)
            span = self.content(template, capital=True)
            out.write(f",{close} {cue[0]} ")
            words = self.name_speaker(speaker, first=True)
            if out.parts[-1] == ",":  # the apposition's closing comma gives way to the full stop
                out.parts[-1] = ""
                out.pos -= 1
            out.write(".")
        else:  # speaker first: Marsh said: “…”
            words = self.name_speaker(speaker, first=True)
            out.write(f" {cue[0]}")
            if addressee:
                out.write(" ")
                out.mention(addressee)
            out.write(": " + open_)
            span = self.content(template, capital=True)
            out.write("." + close)
        self.claim(span, "direct", speaker, words, cue, addressee)
        if rng.random() < 0.25:  # the speaker goes on in the next paragraph, with no cue
            out.write("\n\n" + open_)
            span = self.content(rng.choice(DIRECT), capital=True)
            out.write("." + close)
            self.claim(span, "direct", speaker, None, None)

    def reported(self) -> None:
        rng, out = self.rng, self.out
        speaker, cue = self.speaker(), rng.choice(REPORTED_CUES)
        words = self.name_speaker(speaker, first=True)
        out.write(f" {cue[0]} {'that ' if rng.random() < 0.6 else ''}")
        span = self.content(rng.choice(REPORTED), capital=False)
        out.write(".")
        self.claim(span, "indirect", speaker, words, cue)

    def mixed(self) -> None:
        rng, out = self.rng, self.out
        speaker = self.speaker()
        open_, close = rng.choices(QUOTE_MARKS[:2], QUOTE_WEIGHTS[:2])[0]
        words = self.name_speaker(speaker, first=True)
        out.write(" said ")
        start = out.pos
        out.write(f"the {rng.choice(TOPICS)} was {open_}{rng.choice(FRAGMENTS)}{close} and that ")
        _, end, about = self.content(rng.choice(REPORTED), capital=False)
        out.write(".")
        self.claim((start, end, about), "mixed", speaker, words, ("said", "assert"))

    def according_to(self) -> None:
        out, source = self.out, self.rng.choice(self.orgs)
        out.write("According to ")
        out.mention(source)
        out.write(", ")
        span = self.content(self.rng.choice(REPORTED), capital=False)
        out.write(".")
        self.claim(span, "according_to", source, source.name, ("according to", "assert"))

    def unnamed(self) -> None:
        rng, out = self.rng, self.out
        source, (open_, close) = rng.choice(UNNAMED), rng.choices(QUOTE_MARKS, QUOTE_WEIGHTS)[0]
        out.write(open_)
        span = self.content(rng.choice(DIRECT), capital=True)
        out.write(f",{close} {source} said.")
        self.claim(span, "direct", None, source, ("said", "assert"))

    def filler(self) -> None:
        for i in range(self.rng.choice((1, 2, 2, 3))):
            self.out.write(" " if i else "")
            if self.rng.random() < 0.6:
                self.fill(self.rng.choice(FILLER))
            else:
                self.out.write(self.rng.choice(PADDING))

    def body(self) -> None:
        rng = self.rng
        paragraphs = rng.choice((3, 5, 7, 9, 11, 13, 15, 18, 22, 28, 36, 44))
        kinds = (self.direct, self.reported, self.mixed, self.according_to, self.unnamed)
        for _ in range(paragraphs):
            self.out.write("\n\n")
            if rng.random() < 0.45:
                self.filler()
            else:
                rng.choices(kinds, (40, 30, 8, 10, 12))[0]()

    def generate(self, when: date) -> Generated:
        rng, out = self.rng, self.out
        self.fill(rng.choice(TITLES))
        title = out.text()
        capital = rng.choice(self.places)
        out.write("\n\n")
        out.mention(capital, capital.name.upper())
        out.write(f", {MONTHS[when.month - 1]} {when.day} - ")
        self.fill(rng.choice(FILLER))
        self.body()
        return self.result(title, when)

    def result(self, title: str, when: date) -> Generated:
        text = self.out.text()
        aid = article_id(text)
        byline = self.rng.choice(JOURNALISTS)
        published = when.isoformat()
        hour, minute = self.rng.randint(6, 22), self.rng.randint(0, 59)
        dateline = f"{MONTHS[when.month - 1]} {when.day}, {when.year} {hour}:{minute:02d} GMT"
        _, body = text.split("\n\n", 1)
        raw = {
            "id": f"gen-{self.index:05d}",
            "source": f"bench-corpus/{self.index:05d}",
            "published": published,
            "text": f"{title}\n\nBy {byline}\n\n{dateline}\n\n{body}\n",
        }
        claims = [
            c
            | {
                "id": claim_id(aid, c["start_char"], c["end_char"]),
                "text": text[c["start_char"] : c["end_char"]],
                "occurrences": [{"start_char": c["start_char"], "end_char": c["end_char"]}],
            }
            for c in self.claims
        ]
        article = {
            "id": aid,
            "source": raw["source"],
            "title": title,
            "published": published,
            "byline": byline,
            "text": text,
            "entities": [self.entity(thing_id) for thing_id in self.out.things],
            "claims": list({c["id"]: c for c in claims}.values()),
        }
        return Generated(raw, article)

    def entity(self, thing_id: str) -> dict[str, Any]:
        out, thing = self.out, self.out.things[thing_id]
        affiliation = out.affiliations.get(thing_id)
        return {
            **_ref(thing),
            "aliases": sorted({s for s in out.surfaces[thing_id] if s != thing.name}),
            "mentions": len(out.spans[thing_id]),
            "roles": list(dict.fromkeys(out.roles[thing_id])),
            "affiliations": (
                [{"organization": _ref(affiliation[0]), "role": affiliation[1]}]
                if affiliation
                else []
            ),
            "spans": [{"start_char": s, "end_char": e} for s, e in out.spans[thing_id]],
        }


def _ref(thing: Thing) -> dict[str, str]:
    return {"id": thing.id, "name": thing.name, "type": thing.type}


def _slots(template: str) -> Iterator[str]:
    """A template split into literal text and {X} slots, in order."""
    rest = template
    while "{" in rest:
        before, _, after = rest.partition("{")
        name, _, rest = after.partition("}")
        if before:
            yield before
        yield "{" + name + "}"
    if rest:
        yield rest


def generate(n: int, seed: int = SEED, *, start: int = 0) -> Iterator[Generated]:
    """Articles start..start+n-1 of the corpus for `seed`."""
    world = World.make(seed)
    first_day = date(2023, 1, 1)
    for index in range(start, start + n):
        when = first_day + timedelta(days=index % 730)
        yield ArticleWriter(world, index, seed).generate(when)


def extra_articles(start: int, n: int) -> list[Any]:
    """Articles start..start+n-1 as Articles, generated in memory (probes beyond a corpus)."""
    from claimgraph.extract.schema import Article

    return [Article.model_validate(item.article) for item in generate(n, start=start)]


def paths(n: int, out: Path = DATA) -> tuple[Path, Path]:
    return out / f"corpus-{n}.jsonl", out / f"articles-{n}.jsonl"


def write(n: int, seed: int = SEED, out: Path = DATA) -> tuple[Path, Path]:
    """Write corpus-N.jsonl and articles-N.jsonl (atomically: temp files, then rename)."""
    out.mkdir(parents=True, exist_ok=True)
    raw_path, articles_path = paths(n, out)
    raw_tmp, articles_tmp = raw_path.with_suffix(".tmp"), articles_path.with_suffix(".tmp")
    seen: set[str] = set()
    with raw_tmp.open("w") as raw_file, articles_tmp.open("w") as articles_file:
        for item in generate(n, seed):
            if item.article["id"] in seen:
                print(f"warning: duplicate article text at {item.raw['id']}", file=sys.stderr)
            seen.add(item.article["id"])
            raw_file.write(json.dumps(item.raw, ensure_ascii=False) + "\n")
            articles_file.write(json.dumps(item.article, ensure_ascii=False) + "\n")
    raw_tmp.replace(raw_path)
    articles_tmp.replace(articles_path)
    return raw_path, articles_path


def ensure(n: int, seed: int = SEED) -> tuple[Path, Path]:
    """The corpus files for n articles, generated on first use."""
    raw_path, articles_path = paths(n)
    if seed != SEED or not (raw_path.exists() and articles_path.exists()):
        return write(n, seed)
    return raw_path, articles_path


def load_articles(n: int) -> list[Any]:
    """The first n pre-extracted Articles (validated against the contract)."""
    from claimgraph.extract.schema import Article

    _, articles_path = ensure(n)
    with articles_path.open() as lines:
        return [Article.model_validate_json(line) for line in itertools.islice(lines, n)]


def load_raw(n: int) -> list[dict[str, Any]]:
    raw_path, _ = ensure(n)
    with raw_path.open() as lines:
        return [json.loads(line) for line in itertools.islice(lines, n)]


def check(n: int) -> None:
    """Entity and claim counts of the generator against the real pipeline on n raw texts."""
    from claimgraph.extract import Extractor, load_pipeline
    from claimgraph.extract.sources import SourceDocument

    raw = load_raw(n)
    truth = load_articles(n)
    extractor = Extractor(load_pipeline())
    docs = [SourceDocument(text=r["text"], source=r["source"]) for r in raw]
    real = list(extractor.extract_many(docs))
    rows = []
    for label, articles in (("generated", truth), ("real pipeline", real)):
        good = [a for a in articles if not isinstance(a, Exception)]
        ents = sum(len(a.entities) for a in good) / max(len(good), 1)
        claims = sum(len(a.claims) for a in good) / max(len(good), 1)
        kinds = defaultdict(int)
        for a in good:
            for c in a.claims:
                kinds[c.kind] += 1
        rows.append(
            f"{label:14} entities/article {ents:5.1f}  claims/article {claims:5.1f}  {dict(kinds)}"
        )
    print("\n".join(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="how many articles")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=DATA)
    parser.add_argument("--check", type=int, default=0, help="compare with the real pipeline on N")
    args = parser.parse_args()
    raw_path, articles_path = write(args.n, args.seed, args.out)
    words = sum(len(json.loads(line)["text"].split()) for line in raw_path.open())
    print(f"{args.n} articles, {words} words: {raw_path}, {articles_path}")
    if args.check:
        check(args.check)


if __name__ == "__main__":
    main()
