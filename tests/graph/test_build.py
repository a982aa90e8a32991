"""Building the graph: node and edge shapes, provenance, removal, rebuild from the store."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from claimgraph.graph import ClaimGraph
from claimgraph.graph.build import add_article, article_node, claim_node, new_graph, remove_article
from tests.graph.factories import (
    BBC,
    GARDNER,
    KABUL,
    WILLIAMSON,
    Said,
    bbc_article,
    ent,
    make_article,
    snapshot,
    threat_article,
)


def graph_of(*articles) -> nx.MultiDiGraph:
    G = new_graph()
    for seq, article in enumerate(articles, start=1):
        add_article(G, article, seq=seq)
    return G


def test_nodes_have_kind_label_type_and_provenance() -> None:
    article = threat_article()
    G = graph_of(article)
    person = G.nodes["person:gavin-williamson"]
    assert (person["kind"], person["type"], person["label"]) == (
        "person",
        "person",
        "Gavin Williamson",
    )
    assert person["articles"] == [article.id]
    assert person["aliases"] == ["Mr Williamson", "Williamson"]
    assert person["roles"] == ["Defence Secretary"]
    assert person["provenance"][article.id][0]["mentions"] == 3
    assert G.nodes["org:sky-news"]["kind"] == "organization"
    assert G.nodes["place:kabul"]["kind"] == "place"
    node = G.nodes[article_node(article.id)]
    assert (node["kind"], node["label"], node["seq"]) == ("article", article.title, 1)
    claim = article.claims[0]
    data = G.nodes[claim_node(claim.id)]
    assert (data["kind"], data["type"], data["text"]) == ("claim", "direct", claim.text)
    assert (data["start_char"], data["end_char"], data["articles"]) == (
        claim.start_char,
        claim.end_char,
        [article.id],
    )
    assert article.text[data["start_char"] : data["end_char"]] == claim.text


def test_edges_link_speaker_claim_entities_and_article() -> None:
    article = threat_article()
    G = graph_of(article)
    claim = claim_node(article.claims[0].id)
    kinds = {(u, v, k) for u, v, k in G.edges(keys=True)}
    assert ("person:gavin-williamson", claim, "SAID") in kinds
    assert (claim, "place:united-kingdom", "ABOUT") in kinds
    assert (claim, "org:isis-k", "ABOUT") in kinds
    assert (claim, "org:sky-news", "TOLD") in kinds
    assert (claim, article_node(article.id), "IN") in kinds
    assert (article_node(article.id), "place:kabul", "MENTIONS") in kinds
    for _, _, key, data in G.edges(keys=True, data=True):
        assert data["kind"] == key
        assert data["articles"] == [article.id] or key == "AFFILIATED_WITH"
    said = G.edges["person:gavin-williamson", claim, "SAID"]
    assert (said["start_char"], said["end_char"]) == (
        article.claims[0].start_char,
        article.claims[0].end_char,
    )
    assert G.edges[article_node(article.id), "person:gavin-williamson", "MENTIONS"]["mentions"] == 3


def test_affiliation_edge_carries_role_and_articles() -> None:
    article = bbc_article()
    G = graph_of(article)
    edge = G.edges["person:frank-gardner", "org:bbc", "AFFILIATED_WITH"]
    assert edge["role"] == "Security Correspondent"
    assert edge["articles"] == [article.id]


def test_unattributed_claims_have_no_speaker_edge() -> None:
    article = bbc_article()
    G = graph_of(article)
    claim = claim_node(article.claims[1].id)
    assert not any(k == "SAID" for _, _, k in G.in_edges(claim, keys=True))
    assert G.nodes[claim]["speaker_text"] == "officials"
    assert "speaker" not in G.nodes[claim]


def test_one_entity_in_two_articles_is_one_node() -> None:
    first, second = threat_article(), bbc_article()
    G = graph_of(first, second)
    kabul = G.nodes["place:kabul"]
    assert kabul["articles"] == [first.id, second.id]
    assert kabul["mentions"] == 4
    assert sum(1 for node in G if node == "place:kabul") == 1


def test_entities_named_only_in_claims_still_get_nodes() -> None:
    ghost = GARDNER.model_copy(update={"id": "person:ghost-writer", "name": "Ghost Writer"})
    article = make_article("Quote", [], [Said("something", speaker=ghost, about=[KABUL])])
    G = graph_of(article)
    assert G.nodes["person:ghost-writer"]["mentions"] == 0
    assert G.nodes["place:kabul"]["articles"] == [article.id]


def test_remove_article_restores_the_graph_exactly() -> None:
    first, second = threat_article(), bbc_article()
    G = graph_of(first)
    before = snapshot(G)
    add_article(G, second, seq=2)
    assert snapshot(G) != before
    remove_article(G, second.id)
    assert snapshot(G) == before


def test_remove_keeps_shared_entities_with_the_rest_of_their_provenance() -> None:
    first, second = threat_article(), bbc_article()
    G = graph_of(first, second)
    remove_article(G, first.id)
    assert G.nodes["place:kabul"]["articles"] == [second.id]
    assert G.nodes["place:kabul"]["mentions"] == 2
    assert "person:gavin-williamson" not in G
    assert not any(data.get("article") == first.id for _, data in G.nodes(data=True))


def test_shared_affiliation_loses_only_the_removed_articles_role() -> None:
    first = bbc_article()
    gardner = ent("person", "Frank Gardner", roles=["Journalist"], affiliations=[BBC])
    second = make_article("Gardner again", [gardner, BBC], [Said("more", speaker=gardner)])
    G = graph_of(first, second)
    edge = G.edges["person:frank-gardner", "org:bbc", "AFFILIATED_WITH"]
    assert edge["roles"] == ["Security Correspondent", "Journalist"]
    remove_article(G, first.id)
    edge = G.edges["person:frank-gardner", "org:bbc", "AFFILIATED_WITH"]
    assert (edge["roles"], edge["articles"]) == (["Journalist"], [second.id])


def test_ingest_then_delete_leaves_the_graph_as_before(cg: ClaimGraph) -> None:
    cg.ingest(threat_article())
    before = snapshot(cg.graph)
    added = bbc_article()
    cg.ingest(added)
    cg.delete_article(added.id)
    assert snapshot(cg.graph) == before


def test_graph_rebuilt_on_reopen_equals_the_graph_before_close(db_path: Path) -> None:
    with ClaimGraph.open(db_path) as cg:
        cg.ingest(threat_article())
        cg.ingest(bbc_article())
        cg.ingest(make_article("Solo", [WILLIAMSON], [Said("again", speaker=WILLIAMSON)]))
        cg.delete_article(bbc_article().id)
        before = snapshot(cg.graph)
        graph_attrs = dict(cg.graph.graph)
    with ClaimGraph.open(db_path) as cg:
        assert snapshot(cg.graph) == before
        assert cg.graph.graph == graph_attrs
