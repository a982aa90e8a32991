"""Rule tables for the names that say least across articles: a royal style ("Prince Andrew",
which the extractor keeps whole) merges only on corroborating context, and a surname, titled or
not ("President Trump"), is only ever proposed, whichever article came first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest

from claimgraph.extract.schema import Article, Entity
from claimgraph.graph import ClaimGraph
from claimgraph.graph.build import canonical, local_ids
from tests.graph.factories import KABUL, Said, ent, make_article

PALACE = ent("organization", "Buckingham Palace")


def _royal(title: str, name: str, *, roles: Sequence[str], story: str) -> tuple[Entity, Article]:
    """An article naming a royal by title and given name, affiliated with the palace."""
    person = ent("person", name, roles=roles, affiliations=[PALACE])
    said = [Said(f"{story}: a claim", speaker=person)]
    return person, make_article(f"{title}: {story}", [person, PALACE], said, published=None)


def _styled(name: str, day: str, company: Sequence[Entity], **fields: object) -> Article:
    """An article naming a royal as the extractor does, the title kept in the name."""
    words = name.split()
    title = [word for word in words if word.lower() in {"crown", "king", "queen", "prince"}]
    given = words[len(title)]
    royal = ent("person", name, roles=[" ".join(title)], aliases=[given], **fields)
    said = [Said(f"{name} on {day}: a claim", speaker=royal)]
    return make_article(f"{name} on {day}", [royal, *company], said, published=day)


def _node(cg: ClaimGraph, article: Article, name: str) -> str:
    [entity] = [e for e in article.entities if e.name == name]
    return canonical(cg.graph, local_ids(article).get(entity.id, entity.id))


def test_a_royal_style_in_the_name_is_no_full_name(cg: ClaimGraph) -> None:
    # The extractor keeps the title ("King Abdullah"): the two kings of two kingdoms, a decade
    # apart, are still two people until the context says otherwise.
    envoy = ent("person", "Dana Whitfield")
    first = _styled("King Abdullah", "2010-01-04", [envoy])
    second = _styled("King Abdullah", "2022-05-01", [envoy])
    cg.ingest(first)
    cg.ingest(second)
    assert _node(cg, first, "King Abdullah") != _node(cg, second, "King Abdullah")
    [merge] = cg.merges().data
    assert merge.status == "proposed"
    assert merge.evidence == [
        "'King Abdullah' and 'King Abdullah' are both 'King Abdullah'",
        "named beside Dana Whitfield in both",
    ]


def test_a_royal_style_in_the_name_merges_on_context_with_its_evidence(cg: ClaimGraph) -> None:
    first = _styled("Prince Andrew", "2019-11-18", [PALACE], affiliations=[PALACE])
    second = _styled("Prince Andrew", "2019-11-20", [PALACE], affiliations=[PALACE])
    cg.ingest(first)
    cg.ingest(second)
    [merge] = cg.merges().data
    assert merge.status == "applied"
    assert merge.evidence[:2] == [
        "'Prince Andrew' and 'Prince Andrew' are both 'Prince Andrew'",
        "both are affiliated with Buckingham Palace",
    ]
    assert _node(cg, first, "Prince Andrew") == _node(cg, second, "Prince Andrew")


@pytest.mark.parametrize("older_first", [True, False])
def test_a_royal_style_meets_its_older_extraction(cg: ClaimGraph, older_first: bool) -> None:
    # Stores hold both readings: "Andrew" with the role "Prince" (before the extractor kept the
    # title) and "Prince Andrew"; they meet whichever came first.
    _, older = _royal("Prince Andrew", "Andrew", roles=["Prince"], story="Interview")
    newer = _styled("Prince Andrew", "2019-11-20", [PALACE], affiliations=[PALACE])
    for article in (older, newer) if older_first else (newer, older):
        cg.ingest(article)
    [merge] = cg.merges().data
    assert merge.status == "applied"
    assert "are both 'Prince Andrew'" in merge.evidence[0]
    assert _node(cg, newer, "Prince Andrew") == _node(cg, older, "Andrew")


@pytest.mark.parametrize(
    ("one", "other", "merged"),
    [
        ("Queen Elizabeth II", "Queen Elizabeth II", True),  # a regnal number names one monarch
        ("King Charles III", "Ray Charles", False),
        ("Prince Andrew", "Christopher Andrew", False),  # a royal's word is no surname
        ("Crown Prince Mohammed", "Crown Prince Mohammed", False),  # two at once, in the Gulf
        ("Prince William", "King William", False),
    ],
)
def test_royal_styles_without_context(cg: ClaimGraph, one: str, other: str, merged: bool) -> None:
    first, second = _styled(one, "2019-11-18", []), _styled(other, "2019-12-30", [])
    cg.ingest(first)
    cg.ingest(second)
    assert (_node(cg, first, one) == _node(cg, second, other)) is merged
    assert cg.merges(status="applied").count == 0


# A surname stays a surname whatever title stands before it ("President Trump"): the title is
# the only thing that singles the person out, so it cannot also be what corroborates it, and
# offices pass within families (Bush and Bush, Gandhi and Gandhi) or are held by thousands at
# once (coach, spokesman, president of a company). Each row: the lone surname's roles, the
# full name's roles and what else the two articles share; never more than a proposal.
TRUMP, BUSH = ent("person", "Donald Trump", roles=["President"]), ent("person", "George Bush")
POMPEO, CHENEY = ent("person", "Mike Pompeo"), ent("person", "Dick Cheney")
WHITE_HOUSE = ent("organization", "White House")


@pytest.mark.parametrize(
    ("full", "lone", "company", "days"),
    [
        # The real-news case: President and President, one person named beside both, a day
        # apart (0.2 of context beyond the title).
        (TRUMP, ent("person", "Trump", roles=["President"]), [POMPEO], 1),
        # Everything but an affiliation: still the same surname and office, no more.
        (TRUMP, ent("person", "Trump", roles=["President"]), [POMPEO, WHITE_HOUSE, KABUL], 0),
        # Father and son held the office: "President Bush" in 1991 is not the son of 2003,
        # though Cheney stood beside both.
        (
            ent("person", "George W. Bush", roles=["President"]),
            ent("person", "Bush", roles=["President"]),
            [CHENEY, WHITE_HOUSE],
            4400,
        ),
        (BUSH, ent("person", "Bush", roles=["President"]), [CHENEY, WHITE_HOUSE], 0),
        # A generic role corroborates nothing: thousands are coaches or spokesmen.
        (
            ent("person", "Jim Johnson", roles=["coach"]),
            ent("person", "Johnson", roles=["coach"]),
            [WHITE_HOUSE],
            0,
        ),
        (
            ent("person", "Sarah Williamson", roles=["spokeswoman"]),
            ent("person", "Williamson", roles=["spokeswoman"]),
            [POMPEO],
            2,
        ),
        (TRUMP, ent("person", "Trump"), [POMPEO, WHITE_HOUSE], 0),  # a bare surname
    ],
    ids=lambda value: value.name if isinstance(value, Entity) else None,
)
def test_a_titled_surname_is_only_ever_proposed(
    cg: ClaimGraph, full: Entity, lone: Entity, company: list[Entity], days: int
) -> None:
    def story(person: Entity, day: int) -> Article:
        said = [Said(f"{person.name}: a claim {day}", speaker=person)]
        published = (date(1991, 1, 10) + timedelta(days=day)).isoformat()
        return make_article(f"{person.name} {day}", [person, *company], said, published=published)

    for order in ((full, 0), (lone, days)), ((lone, 0), (full, days)):
        with ClaimGraph.open(":memory:") as graph:
            articles = [story(person, day) for person, day in order]
            for article in articles:
                graph.ingest(article)
            assert graph.merges(status="applied").count == 0
            [merge] = graph.merges(status="proposed").data
            assert merge.evidence[0] == f"'{lone.name}' is only a surname, that of '{full.name}'"
            assert _node(graph, articles[0], order[0][0].name) != _node(
                graph, articles[1], order[1][0].name
            )
