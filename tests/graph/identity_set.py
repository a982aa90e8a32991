"""A generated stress set for cross-article identity: people who share surnames in unrelated
walks of life, royals who share a style ("King Abdullah") or a given name with them, and true
repeat appearances under variants of their names.

Used by tests/graph/test_identity.py (a small set, asserted) and bench/identity.py (300
articles, reported). Articles are built directly as extractions (no spaCy), so the figures
measure the resolver alone.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import networkx as nx

from claimgraph.extract.schema import Article, Entity, EntityType
from claimgraph.graph import ClaimGraph
from claimgraph.graph.build import canonical, local_ids
from tests.graph.factories import Said, ent, make_article

SURNAMES = (
    "Williamson",
    "Cohen",
    "Johnson",
    "Malik",
    "Morrison",
    "Park",
    "Okafor",
    "Rossi",
    "Novak",
    "Haddad",
)
# (given name, the form it also goes by)
GIVEN = (
    ("Timothy", "Tim"),
    ("William", "Bill"),
    ("Robert", "Bob"),
    ("Elizabeth", "Liz"),
    ("Michael", "Mike"),
    ("Katherine", "Kate"),
    ("Richard", "Rick"),
    ("Samuel", "Sam"),
    ("Alexander", "Alex"),
    ("Jennifer", "Jen"),
    ("Thomas", "Tom"),
    ("Daniel", "Dan"),
)


@dataclass(frozen=True)
class World:
    """A walk of life: the roles, organisations, company and outlets of the people in it."""

    name: str
    roles: tuple[str, ...]
    organizations: tuple[str, ...]
    company: tuple[tuple[EntityType, str], ...]
    outlets: tuple[str, ...]


WORLDS = (
    World(
        "politics",
        ("Defence Secretary", "MP", "Home Secretary"),
        ("Conservative Party", "Labour Party"),
        (
            ("organization", "Ministry of Defence"),
            ("place", "Westminster"),
            ("person", "Keir Starmer"),
        ),
        ("politics.example", "westminster.example"),
    ),
    World(
        "football",
        ("striker", "goalkeeper", "manager"),
        ("Arsenal", "Leeds United"),
        (("organization", "Premier League"), ("place", "Wembley"), ("person", "Pep Guardiola")),
        ("sport.example", "goal.example"),
    ),
    World(
        "technology",
        ("chief executive", "engineer", "founder"),
        ("Acme Robotics", "Nimbus Cloud"),
        (("organization", "Google"), ("place", "Silicon Valley"), ("person", "Satya Nadella")),
        ("tech.example", "gadgets.example"),
    ),
    World(
        "medicine",
        ("surgeon", "epidemiologist", "nurse"),
        ("NHS England", "World Health Organization"),
        (("organization", "Lancet"), ("place", "Geneva"), ("person", "Tedros Ghebreyesus")),
        ("health.example", "clinic.example"),
    ),
    World(
        "music",
        ("singer", "guitarist", "producer"),
        ("Island Records", "Abbey Road Studios"),
        (("organization", "Grammy Awards"), ("place", "Nashville"), ("person", "Taylor Swift")),
        ("music.example", "charts.example"),
    ),
    World(
        "law",
        ("judge", "barrister", "prosecutor"),
        ("Supreme Court", "Crown Prosecution Service"),
        (("organization", "Bar Council"), ("place", "Old Bailey"), ("person", "Amal Clooney")),
        ("law.example", "courts.example"),
    ),
    World(
        "business",
        ("economist", "banker", "analyst"),
        ("Goldman Sachs", "Bank of England"),
        (("organization", "FTSE"), ("place", "Canary Wharf"), ("person", "Andrew Bailey")),
        ("markets.example", "money.example"),
    ),
    World(
        "military",
        ("general", "commander", "colonel"),
        ("British Army", "Royal Navy"),
        (("organization", "Nato"), ("place", "Kabul"), ("person", "Jens Stoltenberg")),
        ("defence.example", "forces.example"),
    ),
    World(
        "science",
        ("physicist", "astronomer", "professor"),
        ("Cern", "Nasa"),
        (("organization", "Royal Society"), ("place", "Cambridge"), ("person", "Brian Cox")),
        ("science.example", "space.example"),
    ),
    World(
        "religion",
        ("imam", "bishop", "rabbi"),
        ("Church of England", "Muslim Council of Britain"),
        (("organization", "Vatican"), ("place", "Canterbury"), ("person", "Justin Welby")),
        ("faith.example", "belief.example"),
    ),
)


# Royals go by a title and a given name. The extractor keeps the title in the name ("Prince
# Andrew", with the role "Prince"); stores built before it did hold the role "Prince" of a
# person named "Andrew"; articles of both kinds are generated. Two royals share a style in two
# worlds, years apart (regnal names come back); the others share a given name with people of the
# surname cast.
ROYALS = (("King", "Abdullah"), ("King", "Abdullah"), ("Prince", "William"), ("Queen", "Elizabeth"))


@dataclass(frozen=True)
class Person:
    key: int
    given: str
    short: str
    surname: str  # empty for a royal
    world: World
    role: str  # a royal's title
    organization: str
    start: date


@dataclass
class Appearance:
    """One article's mention of a person: which person, and the entity that names them."""

    person: Person
    article: Article
    entity: Entity
    form: str  # full, titled, variant, surname; royal (title and given name)


@dataclass
class IdentitySet:
    people: list[Person]
    appearances: list[Appearance] = field(default_factory=list)

    @property
    def articles(self) -> list[Article]:
        return [appearance.article for appearance in self.appearances]


def people(n_people: int = 40) -> list[Person]:
    """`n_people` people, four to a surname, those of a surname in four different worlds."""
    found = []
    for key in range(n_people):
        surname = SURNAMES[key % len(SURNAMES)]
        nth = key // len(SURNAMES)  # which of the people of that surname
        given, short = GIVEN[(key + 3 * nth) % len(GIVEN)]
        world = WORLDS[(key + 3 * nth) % len(WORLDS)]
        found.append(
            Person(
                key,
                given,
                short,
                surname,
                world,
                world.roles[nth % len(world.roles)],
                world.organizations[nth % len(world.organizations)],
                date(2019, 1, 1) + timedelta(days=90 * key),
            )
        )
    return found


def royals(first_key: int) -> list[Person]:
    """The royals of ROYALS, each in a world of its own, those of one style years apart."""
    found = []
    for n, (title, given) in enumerate(ROYALS):
        key = first_key + n
        world = WORLDS[(3 * n + 1) % len(WORLDS)]
        start = date(2012, 1, 1) + timedelta(days=900 * n)
        found.append(Person(key, given, given, "", world, title, world.organizations[0], start))
    return found


FORMS = (("full", 0.5), ("titled", 0.15), ("variant", 0.2), ("surname", 0.15))


def _name(person: Person, form: str, styled: bool = False) -> str:
    """The person's name as an article of that form writes it (a royal: the given name, after
    the title when `styled`)."""
    if not person.surname:
        return f"{person.role} {person.given}" if styled else person.given
    return {
        "full": f"{person.given} {person.surname}",
        "titled": f"Dr {person.given} {person.surname}",
        "variant": f"{person.short} {person.surname}",
        "surname": person.surname,
    }[form]


def generate(n_articles: int = 300, n_people: int = 40, seed: int = 7) -> IdentitySet:
    """Articles each naming one person of the cast, in one of the forms news copy uses."""
    rng = random.Random(seed)
    cast = people(n_people)
    cast += royals(len(cast))
    found = IdentitySet(cast)
    for n in range(n_articles):
        person = rng.choice(cast)
        form = rng.choices([f for f, _ in FORMS], weights=[w for _, w in FORMS])[0]
        form = form if person.surname else "royal"
        # Every other article names a royal as the extractor does now, title first (by the
        # article's number, so the random draws, and the rest of the set, stay as they were).
        name = _name(person, form, styled=n % 2 == 1)
        world = person.world
        organization = ent("organization", person.organization)
        roles = [person.role] if rng.random() < 0.6 or form == "royal" else []
        affiliated = [organization] if rng.random() < 0.5 else []
        who = ent("person", name, roles=roles, affiliations=affiliated)
        company = [ent(kind, other) for kind, other in rng.sample(world.company, 2)]
        entities = [who, *affiliated, *company]
        day = person.start + timedelta(days=rng.randrange(60))
        outlet = world.outlets[0] if rng.random() < 0.7 else rng.choice(WORLDS).outlets[1]
        article = make_article(
            f"Story {n} from the {world.name} desk",
            entities,
            [Said(f"claim {n} of {name}", speaker=who, about=company[:1])],
            published=day.isoformat(),
            source=f"https://{outlet}/story/{n}",
            outlet=outlet,
        )
        found.appearances.append(Appearance(person, article, who, form))
    return found


@dataclass
class IdentityScores:
    """Wrong merges and splits of a graph against the people who really appear."""

    appearances: int
    people_seen: int
    wrong_merges: int  # gold people over one per node, summed over nodes
    splits: int  # nodes over one per gold person, summed over people
    links: int  # appearances beyond the first of each person: what splits are out of
    splits_named: int  # the same, counting only appearances with a given name and surname
    links_named: int
    splits_royal: int  # the same, counting only royals' appearances (title and given name)
    links_royal: int
    proposals: int
    proposals_right: int
    applied: int
    applied_wrong: int
    errors: list[str]

    @property
    def split_rate(self) -> float:
        return self.splits / self.links if self.links else 0.0

    @property
    def split_rate_named(self) -> float:
        return self.splits_named / self.links_named if self.links_named else 0.0


def node_of(G: nx.MultiDiGraph, appearance: Appearance) -> str:
    ids = local_ids(appearance.article)
    return canonical(G, ids.get(appearance.entity.id, appearance.entity.id))


def score(graph: ClaimGraph, data: IdentitySet) -> IdentityScores:
    G = graph.graph
    nodes_of: dict[int, set[str]] = defaultdict(set)
    named_nodes_of: dict[int, set[str]] = defaultdict(set)
    held: dict[str, set[int]] = defaultdict(set)
    seen: Counter[int] = Counter()
    named: Counter[int] = Counter()
    royal: Counter[int] = Counter()
    person_of_id: dict[str, int] = {}
    for appearance in data.appearances:
        key = appearance.person.key
        node = node_of(G, appearance)
        nodes_of[key].add(node)
        held[node].add(key)
        seen[key] += 1
        local = local_ids(appearance.article).get(appearance.entity.id, appearance.entity.id)
        person_of_id[local] = key
        if appearance.form == "royal":
            royal[key] += 1
        elif appearance.form != "surname":
            named[key] += 1
            named_nodes_of[key].add(node)
    errors = [
        f"wrong merge: {node} holds {sorted(_label(data, k) for k in keys)}"
        for node, keys in sorted(held.items())
        if len(keys) > 1
    ]
    merges = graph.merges(limit=100_000).data
    proposals = [m for m in merges if m.status == "proposed"]
    applied = [m for m in merges if m.status == "applied"]

    def same(merge_kept: str, merge_merged: str) -> bool:
        one, other = person_of_id.get(merge_kept), person_of_id.get(merge_merged)
        return one is not None and one == other

    return IdentityScores(
        appearances=len(data.appearances),
        people_seen=len(seen),
        wrong_merges=sum(len(keys) - 1 for keys in held.values()),
        splits=sum(len(nodes) - 1 for nodes in nodes_of.values()),
        links=sum(n - 1 for n in seen.values()),
        splits_named=sum(len(nodes) - 1 for nodes in named_nodes_of.values()),
        links_named=sum(n - 1 for n in named.values() if n),
        splits_royal=sum(len(nodes_of[key]) - 1 for key in royal),
        links_royal=sum(n - 1 for n in royal.values()),
        proposals=len(proposals),
        proposals_right=sum(same(m.kept.id, m.merged.id) for m in proposals),
        applied=len(applied),
        applied_wrong=sum(
            not same(m.kept.id, m.merged.id)
            for m in applied
            if m.kept.id in person_of_id and m.merged.id in person_of_id
        ),
        errors=errors,
    )


def _label(data: IdentitySet, key: int) -> str:
    person = data.people[key]
    name = f"{person.given} {person.surname}" if person.surname else f"{person.role} {person.given}"
    return f"{name} ({person.world.name})"
