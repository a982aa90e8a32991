"""The entity search index answers exactly as a walk over the graph would, after every write."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.graph import ClaimGraph, EntityNotFound
from claimgraph.graph.build import build_graph
from claimgraph.graph.queries import ranked_entities, resolve_entity
from claimgraph.graph.search import EntitySearch
from tests.graph.factories import Said, bbc_article, ent, make_article, threat_article

WILL = ent("person", "Will Hale", aliases=["Hale"], mentions=4)
SIR_GAVIN = ent("person", "Sir Gavin Williamson", mentions=1)


def _graph() -> nx.MultiDiGraph:
    extra = make_article("Hale on Williamson", [WILL, SIR_GAVIN], [Said("x", speaker=WILL)])
    articles = [threat_article(), bbc_article(), extra]
    return build_graph((i, "", a) for i, a in enumerate(articles, start=1))


def _needles(G: nx.MultiDiGraph) -> list[str]:
    needles = ["", " ", "-", "?", "zzz", "a\0b", "isis k", "ISIS-K", "person:"]
    for node, data in G.nodes(data=True):
        if data.get("kind") in ("person", "organization", "place"):
            for name in (data["name"], *data["aliases"], node, *data["entity_ids"]):
                needles += [name, name.upper(), name[:3], name[1:-1], f" {name} "]
    return needles


def test_ranked_equals_the_walk_over_the_graph() -> None:
    G = _graph()
    search = EntitySearch.of(G)
    for needle in _needles(G):
        for entity_type in (None, "person", "organization", "place"):
            assert search.ranked(needle, type=entity_type) == ranked_entities(
                G, q=needle, type=entity_type
            ), (needle, entity_type)


@given(st.text(max_size=8))
def test_any_text_ranks_alike(needle: str) -> None:
    G = _graph()
    assert EntitySearch.of(G).ranked(needle) == ranked_entities(G, q=needle)


def test_resolve_equals_the_walk_over_the_graph() -> None:
    G = _graph()
    search = EntitySearch.of(G)
    for needle in _needles(G):
        try:
            expected: str | None = resolve_entity(G, needle)
        except EntityNotFound:
            expected = None
        try:
            found: str | None = resolve_entity(G, needle, search=search)
        except EntityNotFound:
            found = None
        assert found == expected, needle


@pytest.mark.parametrize("write", ["ingest", "delete", "undo_merge"])
def test_the_service_index_follows_writes(cg: ClaimGraph, write: str) -> None:
    cg.ingest(threat_article())
    cg.ingest(bbc_article())
    surname = make_article("Williamson again", [ent("person", "Williamson")], [Said("y")])
    cg.ingest(surname)
    if write == "delete":
        cg.delete_article(threat_article().id)
    elif write == "undo_merge":
        for merge in cg.merges().data:
            cg.undo_merge(merge.id)
    fresh = EntitySearch.of(cg.graph)
    for needle in _needles(cg.graph):
        assert (
            cg._search.ranked(needle) == fresh.ranked(needle) == ranked_entities(cg.graph, q=needle)
        )


def _store_of(*entities: object) -> nx.MultiDiGraph:
    article = make_article("Names", list(entities))  # type: ignore[arg-type]
    return build_graph([(1, "2021-01-01T00:00:00Z", article)])


@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        # Whole words (by mentions within the tier) before the start of a longer word, however
        # often that one is mentioned.
        ("Hill", ["place:hill-street", "person:fred-hill", "person:hillary-clinton"]),
        # An acronym that is an entity's alias before a name that merely starts with it.
        ("AP", ["org:associated-press", "org:apple"]),
        # The start of a later word (a surname) before letters inside a word.
        ("clin", ["person:hillary-clinton", "person:pat-mcclinton"]),
    ],
)
def test_entity_search_ranks_whole_words_then_prefixes(needle: str, expected: list[str]) -> None:
    G = _store_of(
        ent("person", "Hillary Clinton", mentions=50),
        ent("person", "Fred Hill", mentions=1),
        ent("place", "Hill Street", mentions=2),
        ent("organization", "Apple", mentions=40),
        ent("organization", "Associated Press", aliases=["AP"], mentions=1),
        ent("person", "Pat McClinton", mentions=9),
    )
    walked = [node for _, node in ranked_entities(G, q=needle)]
    indexed = [node for _, node in ranked_entities(G, q=needle, search=EntitySearch.of(G))]
    assert walked == indexed == expected
