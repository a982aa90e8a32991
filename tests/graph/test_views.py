"""The API's JSON views (graph.views.claim_json, entity_json, page_json) are the contract's
models' own JSON, byte for byte, whatever the graph went through: the models stay the contract,
the fast path only skips building them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimgraph.extract.schema import Article
from claimgraph.graph import ClaimGraph
from claimgraph.graph.build import ENTITY_KINDS
from claimgraph.graph.views import claim_json, entity_json, to_claim, to_entity
from tests.graph.factories import BBC, GARDNER, KABUL, WILLIAMSON, Said, make_article
from tests.graph.test_properties import articles, fixed_examples, histories, replay


def assert_json_views_match_models(cg: ClaimGraph) -> None:
    G = cg.graph
    for node, kind in G.nodes(data="kind"):
        if kind == "claim":
            assert claim_json(G, node) == to_claim(G, node).model_dump_json().encode()
        elif kind in ENTITY_KINDS:
            assert entity_json(G, node) == to_entity(G, node).model_dump_json().encode()
    for limit, offset in ((1000, 0), (2, 1), (5, 1000)):
        page = {"limit": limit, "offset": offset}
        assert cg.claims_json(**page) == cg.claims(**page).model_dump_json().encode()
        assert cg.entities_json(**page) == cg.entities(**page).model_dump_json().encode()
    for node in [n for n, kind in G.nodes(data="kind") if kind in ENTITY_KINDS][:4]:
        for role in ("speaker", "about", "addressee"):
            filters = {role: G.nodes[node]["name"]}
            assert cg.claims_json(**filters) == cg.claims(**filters).model_dump_json().encode()
        assert cg.entity_json(node) == cg.entity(node).model_dump_json().encode()


@fixed_examples(40)
@given(pool=st.lists(articles(), min_size=1, max_size=6), steps=histories)
def test_json_views_are_the_models_json(pool: list[Article], steps: list[tuple[bool, int]]) -> None:
    with ClaimGraph.open(":memory:") as cg:
        # Ask after every step (lazily built views exist), then change the graph again.
        replay(cg, pool, steps, after_each=assert_json_views_match_models)


def test_json_views_of_a_hand_built_graph(cg: ClaimGraph) -> None:
    cg.ingest(
        make_article(
            "Kabul « évacuation »",
            [WILLIAMSON, GARDNER, KABUL, BBC],
            [
                Said("« Nous partons » — 100%", speaker=WILLIAMSON, about=[KABUL], addressee=BBC),
                Said('the airport was "unsafe"\n', speaker=GARDNER, kind="indirect"),
            ],
        )
    )
    assert_json_views_match_models(cg)


def test_a_claim_ingested_again_sorts_by_its_new_place(cg: ClaimGraph) -> None:
    first = make_article("First", [WILLIAMSON], [Said("one", speaker=WILLIAMSON)])
    second = make_article("Second", [WILLIAMSON], [Said("two", speaker=WILLIAMSON)])
    cg.ingest_many([first, second])
    assert [c.text for c in cg.claims(speaker=WILLIAMSON.id).data] == ["one", "two"]
    cg.delete_article(first.id)
    cg.ingest(first)  # the same claim ids, now after the second article
    assert [c.text for c in cg.claims(speaker=WILLIAMSON.id).data] == ["two", "one"]
