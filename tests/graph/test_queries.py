"""Queries through the facade (filters by id, name and alias; ranking; pages) and the pure ones."""

from __future__ import annotations

import time

import networkx as nx
import pytest

from claimgraph.graph import ArticleNotFound, ClaimGraph, EntityNotFound, InvalidQuery
from claimgraph.graph import queries as q
from tests.graph.factories import (
    TALIBAN,
    WILLIAMSON,
    Said,
    bbc_article,
    make_article,
    threat_article,
)


@pytest.fixture
def loaded(cg: ClaimGraph) -> ClaimGraph:
    cg.ingest(threat_article())
    cg.ingest(bbc_article())
    return cg


@pytest.mark.parametrize(
    "ref",
    [
        "person:gavin-williamson",
        "Gavin Williamson",
        "gavin williamson",
        "Mr Williamson",
        "Williamson",
    ],
)
def test_speaker_by_id_name_or_alias(loaded: ClaimGraph, ref: str) -> None:
    page = loaded.claims(speaker=ref)
    assert page.count == 2
    assert {claim.speaker.id for claim in page.data if claim.speaker} == {"person:gavin-williamson"}


@pytest.mark.parametrize(
    ("about", "count"),
    [("UK", 1), ("Britain", 1), ("place:united-kingdom", 1), ("Kabul", 1), ("Taliban", 2)],
)
def test_about_by_id_name_or_alias(loaded: ClaimGraph, about: str, count: int) -> None:
    assert loaded.claims(about=about).count == count


def test_addressee_article_kind_and_text_filters(loaded: ClaimGraph) -> None:
    assert [c.addressee.id for c in loaded.claims(addressee="Sky News").data if c.addressee] == [
        "org:sky-news"
    ]
    assert loaded.claims(article=bbc_article().id).count == 2
    [unattributed] = loaded.claims(kind="according_to").data
    assert (unattributed.speaker, unattributed.speaker_text) == (None, "officials")
    assert [c.text for c in loaded.claims(q="THREAT").data] == [threat_article().claims[0].text]
    assert loaded.claims(speaker="Williamson", about="UK").count == 1
    assert loaded.claims(speaker="Frank Gardner", about="UK").count == 0


def test_claims_come_in_ingest_then_text_order_with_total_counts(loaded: ClaimGraph) -> None:
    everything = loaded.claims()
    expected = [(a.id, c.id) for a in (threat_article(), bbc_article()) for c in a.claims]
    assert [(c.article_id, c.id) for c in everything.data] == expected
    page = loaded.claims(limit=2, offset=1)
    assert page.count == 4
    assert [c.id for c in page.data] == [c for _, c in expected[1:3]]
    assert loaded.claims(limit=0).data == []


def test_claims_match_the_contract(loaded: ClaimGraph) -> None:
    article = threat_article()
    served = loaded.claims(article=article.id).data
    assert [
        c.model_copy(update={"article_id": None, "article": None}) for c in served
    ] == article.claims


def test_bad_filters_raise(loaded: ClaimGraph) -> None:
    with pytest.raises(EntityNotFound, match="Nobody"):
        loaded.claims(speaker="Nobody")
    with pytest.raises(EntityNotFound):
        loaded.claims(speaker="Willi")  # partial names never resolve silently
    with pytest.raises(ArticleNotFound):
        loaded.claims(article="a-missing")
    with pytest.raises(InvalidQuery, match="claim kind"):
        loaded.claims(kind="rumour")
    with pytest.raises(InvalidQuery):
        loaded.claims(limit=-1)


def test_entity_search_ranks_exact_name_alias_prefix_substring(loaded: ClaimGraph) -> None:
    assert [e.id for e in loaded.entities(q="kabul").data] == ["place:kabul", "place:kabul-airport"]
    assert [e.id for e in loaded.entities(q="BBC").data] == ["org:bbc", "org:bbc-radio-4"]
    assert loaded.entities(q="is").data[0].id == "org:islamic-state"  # exact alias "IS"
    assert [e.id for e in loaded.entities(q="radio").data] == ["org:bbc-radio-4"]
    assert [e.id for e in loaded.entities(q="isil").data] == ["org:islamic-state"]


def test_entity_listing_by_type_and_pages(loaded: ClaimGraph) -> None:
    places = loaded.entities(type="place")
    assert places.count == 3
    assert places.data[0].id == "place:kabul"  # most mentioned first
    assert loaded.entities(limit=2).count == 11
    assert len(loaded.entities(limit=2).data) == 2
    with pytest.raises(InvalidQuery, match="entity type"):
        loaded.entities(type="animal")


def test_entity_is_the_merged_view(loaded: ClaimGraph) -> None:
    kabul = loaded.entity("Kabul")
    assert (kabul.mentions, kabul.articles) == (4, [threat_article().id, bbc_article().id])
    gardner = loaded.entity("person:frank-gardner")
    assert [(a.organization.id, a.role) for a in gardner.affiliations] == [
        ("org:bbc", "Security Correspondent")
    ]
    with pytest.raises(EntityNotFound):
        loaded.entity("person:nobody")


def test_said_mentioned_and_speakers(loaded: ClaimGraph) -> None:
    assert loaded.said("Frank Gardner").count == 1
    assert loaded.mentioned("Taliban").count == 2
    loaded.ingest(
        make_article(
            "Williamson on the Taliban",
            [WILLIAMSON, TALIBAN],
            [
                Said("the Taliban cannot be trusted", speaker=WILLIAMSON, about=[TALIBAN]),
                Said("the Taliban will be judged by deeds", speaker=WILLIAMSON, about=[TALIBAN]),
            ],
        )
    )
    speakers = loaded.speakers(about="Taliban")
    assert [(s.entity.id, s.claims) for s in speakers.data] == [
        ("person:gavin-williamson", 2),
        ("person:frank-gardner", 1),
    ]
    assert loaded.speakers(about="Taliban", limit=1, offset=1).count == 2


def test_paths_between_entities(loaded: ClaimGraph) -> None:
    direct = loaded.paths("Gavin Williamson", "Sky News")
    assert [step.id for step in direct.data[0].nodes][::2] == [
        "person:gavin-williamson",
        "org:sky-news",
    ]
    assert direct.data[0].edges == ["SAID", "TOLD"]
    found = loaded.paths("Frank Gardner", "Williamson", max_length=5, limit=5)
    assert 1 <= found.count <= 5
    lengths = [len(path.edges) for path in found.data]
    assert lengths == sorted(lengths)
    for path in found.data:
        assert (path.nodes[0].id, path.nodes[-1].id) == (
            "person:frank-gardner",
            "person:gavin-williamson",
        )
        assert len(path.edges) == len(path.nodes) - 1 <= 5
    assert loaded.paths("Frank Gardner", "Williamson", max_length=1).count == 0
    for bad in (0, 99):
        with pytest.raises(InvalidQuery):
            loaded.paths("Kabul", "BBC", max_length=bad)


def test_health_counts(loaded: ClaimGraph) -> None:
    assert loaded.health() == {
        "articles": 2,
        "entities": 11,
        "claims": 4,
        "nodes": 17,
        "edges": loaded.graph.number_of_edges(),
        "merges": 0,
        "proposals": 0,
    }
    loaded.delete_article(bbc_article().id)
    health = loaded.health()
    assert (health["articles"], health["entities"], health["claims"]) == (1, 6, 2)


def test_articles_and_article(loaded: ClaimGraph) -> None:
    page = loaded.articles(limit=1)
    assert page.count == 2
    first = page.data[0]
    assert (first.title, first.source, first.published, first.entities, first.claims) == (
        "Williamson warns of IS-K threat",
        "seeds/threat.txt",
        "2021-08-26",
        6,
        2,
    )
    article = loaded.article(first.id)
    assert {claim.article_id for claim in article.claims} == {first.id}
    with pytest.raises(ArticleNotFound):
        loaded.article("a-missing")
    with pytest.raises(ArticleNotFound):
        loaded.delete_article("a-missing")


def test_paths_stay_bounded_on_dense_graphs() -> None:
    # Every one of 300 middle nodes joins both ends: 300 paths of length 2 and a huge number of
    # longer ones; the search must return the few asked for at once.
    G = nx.MultiDiGraph()
    for i in range(300):
        G.add_edge("s", f"m{i}", key="X")
        G.add_edge(f"m{i}", "t", key="X")
        G.add_edge(f"m{i}", f"m{(i + 1) % 300}", key="X")
    started = time.perf_counter()
    found = q.paths(G, "s", "t", max_length=8, limit=400)
    assert time.perf_counter() - started < 10
    assert len(found) == 400
    assert all(len(path) == 3 for path in found[:300])
    assert found[0] == ["s", "m0", "t"]


def test_neighbourhood_is_local() -> None:
    G = nx.MultiDiGraph()
    nx.add_path(G, range(10_000))
    near = q.neighbourhood(G, 5000, depth=2)
    assert set(near) == {4998, 4999, 5000, 5001, 5002}
    assert q.neighbourhood(G, 0, depth=0).number_of_nodes() == 1


def test_a_query_of_punctuation_matches_nothing(loaded: ClaimGraph) -> None:
    assert loaded.entities(q="!!!").count == 0
    with pytest.raises(EntityNotFound):
        loaded.entity("--")


def test_a_neighbourhood_keeps_the_nearest_and_says_when_it_is_cut() -> None:
    G = nx.MultiDiGraph()
    G.add_node("person:hub", kind="person")
    for i in range(50):
        G.add_node(f"claim:{i}", kind="claim")
        G.add_edge("person:hub", f"claim:{i}", key="SAID")
        G.add_node(f"article:{i}", kind="article")
        G.add_edge(f"claim:{i}", f"article:{i}", key="IN")
    whole = q.neighbourhood(G, "person:hub", depth=2)
    assert whole.number_of_nodes() == 101 and whole.graph["truncated"] is False
    cut = q.neighbourhood(G, "person:hub", depth=2, max_nodes=60)
    assert cut.number_of_nodes() == 60 and cut.graph["truncated"] is True
    # the hub and every claim (one hop) before any article (two hops)
    assert sum(1 for n in cut if n.startswith("claim:")) == 50


def test_a_neighbourhood_shows_only_its_own_articles_provenance() -> None:
    G = nx.MultiDiGraph()
    articles = [f"a-{i}" for i in range(100)]
    G.add_node(
        "org:nato",
        kind="organization",
        articles=articles,
        provenance={a: [{"mentions": 1}] for a in articles},
    )
    G.add_node("article:a-7", kind="article")
    G.add_edge("org:nato", "article:a-7", key="MENTIONS", articles=["a-7"])
    H = q.neighbourhood(G, "article:a-7", depth=1)
    nato = H.nodes["org:nato"]
    assert nato["articles"] == ["a-7"] and nato["articles_total"] == 100
    assert list(nato["provenance"]) == ["a-7"]
    assert len(G.nodes["org:nato"]["articles"]) == 100  # the live graph is untouched
