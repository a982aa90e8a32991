"""The claim index (graph.claim_index) answers as the graph does: whatever ingests, deletes,
merges and reloads ran, every entity's claims through the index equal those collected and
sorted from the graph itself, for each filter and their combinations."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimgraph.extract.schema import Article
from claimgraph.graph import ClaimGraph, queries
from claimgraph.graph.build import ENTITY_KINDS
from claimgraph.graph.claim_index import ClaimIndex
from tests.graph.factories import WILLIAMSON, Said, make_article
from tests.graph.test_properties import articles, fixed_examples, histories, replay


def assert_index_answers_as_the_graph(cg: ClaimGraph) -> None:
    G = cg.graph
    index = cg._claim_index
    entities = [node for node, kind in G.nodes(data="kind") if kind in ENTITY_KINDS]
    article_ids = [
        node.removeprefix("article:") for node, k in G.nodes(data="kind") if k == "article"
    ]
    questions: list[dict[str, str]] = [{}, {"kind": "direct"}, {"q": "1"}]
    for entity in entities:
        questions += [{"speaker": entity}, {"about": entity}, {"addressee": entity}]
        questions.append({"speaker": entity, "about": entities[-1], "kind": "indirect"})
        questions += [{"about": entity, "article": article} for article in article_ids[:2]]
    for filters in questions:
        assert queries.claims(G, index=index, **filters) == queries.claims(G, **filters)
    # ...and the index, kept in step, equals one built afresh from the graph.
    fresh = ClaimIndex(G)
    assert sorted(index.ranks, key=index.ranks.__getitem__) == sorted(
        fresh.ranks, key=fresh.ranks.__getitem__
    )
    for link, found in index.lists.items():
        assert found == fresh.lists.get(link, []), link


@fixed_examples(60)
@given(pool=st.lists(articles(), min_size=1, max_size=6), steps=histories)
def test_the_index_answers_as_the_graph(pool: list[Article], steps: list[tuple[bool, int]]) -> None:
    with ClaimGraph.open(":memory:") as cg:
        # Ask after every step (lazily built views exist), then change the graph again.
        replay(cg, pool, steps, after_each=assert_index_answers_as_the_graph)


def test_new_claims_go_last_and_a_reingested_article_ranks_last(cg: ClaimGraph) -> None:
    first = make_article("First", [WILLIAMSON], [Said("one", speaker=WILLIAMSON)])
    second = make_article("Second", [WILLIAMSON], [Said("two", speaker=WILLIAMSON)])
    cg.ingest(first)
    assert [c.text for c in cg.said(WILLIAMSON.id).data] == ["one"]  # the list now exists
    cg.ingest(second)
    assert [c.text for c in cg.said(WILLIAMSON.id).data] == ["one", "two"]
    cg.delete_article(first.id)
    cg.ingest(first)
    assert [c.text for c in cg.said(WILLIAMSON.id).data] == ["two", "one"]
    assert_index_answers_as_the_graph(cg)
