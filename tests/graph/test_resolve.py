"""Cross-article resolution: which ids merge, which stay apart, and merges listed and undone."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.extract.schema import Article, Entity
from claimgraph.graph import ClaimGraph, MergeNotFound
from claimgraph.graph.resolve import core_name
from tests.graph.factories import (
    BBC,
    ISIS_K,
    ISLAMIC_STATE,
    KABUL,
    KABUL_AIRPORT,
    RADIO_4,
    Said,
    ent,
    make_article,
    snapshot,
    threat_article,
)

GAVIN = ent("person", "Gavin Williamson", mentions=2)  # no aliases: only the surname rule links
LONE = ent("person", "Williamson")


def solo(entity: Entity, title: str | None = None) -> Article:
    """An article naming one entity, in which it says one thing."""
    title = title or f"{entity.name} ({entity.type}) in the news"
    return make_article(title, [entity], [Said(f"{title}: a claim", speaker=entity, about=[KABUL])])


@pytest.mark.parametrize(
    ("name", "entity_type", "core"),
    [
        ("Sir Gavin Williamson", "person", "gavin-williamson"),
        ("Maj Gen Rupert Jones", "person", "rupert-jones"),
        ("Mr. Williamson", "person", "williamson"),
        ("Tobias Ellwood MP", "person", "tobias-ellwood"),
        ("Martin Luther King Jr", "person", "martin-luther-king-jr"),
        ("King Charles", "person", "king-charles"),
        ("Sir", "person", "sir"),
        ("The Taliban", "organization", "taliban"),
        ("The Hague", "place", "hague"),
        ("Mr Bean", "organization", "mr-bean"),
    ],
)
def test_core_name_drops_titles_and_leading_articles(
    name: str, entity_type: str, core: str
) -> None:
    assert core_name(name, entity_type) == core


def test_surname_only_person_merges_into_the_one_full_name(cg: ClaimGraph) -> None:
    cg.ingest(solo(GAVIN))
    cg.ingest(solo(LONE))
    merges = cg.merges()
    assert merges.count == 1
    merge = merges.data[0]
    assert (merge.kept.id, merge.merged.id, merge.active) == (GAVIN.id, LONE.id, True)
    assert "surname" in merge.reason
    assert LONE.id not in cg.graph
    node = cg.graph.nodes[GAVIN.id]
    assert node["aliases"] == ["Williamson"]
    assert node["entity_ids"] == [GAVIN.id, LONE.id]
    assert cg.entity(LONE.id).id == GAVIN.id
    said = cg.said(LONE.id)
    assert said.count == 2
    assert {claim.speaker.id for claim in said.data if claim.speaker} == {GAVIN.id}


def test_full_name_arriving_later_absorbs_the_surname(cg: ClaimGraph, db_path: Path) -> None:
    lone, full = solo(LONE), solo(GAVIN)
    cg.ingest(lone)
    cg.ingest(full)
    merge = cg.merges().data[0]
    assert (merge.kept.id, merge.merged.id) == (GAVIN.id, LONE.id)
    node = cg.graph.nodes[GAVIN.id]
    assert (node["label"], node["articles"]) == ("Gavin Williamson", [lone.id, full.id])
    assert LONE.id not in cg.graph
    claims = cg.claims(speaker="Williamson")
    assert [claim.article_id for claim in claims.data] == [lone.id, full.id]
    before = snapshot(cg.graph)
    with ClaimGraph.open(db_path) as reopened:
        assert snapshot(reopened.graph) == before


def test_titled_and_bare_names_merge_keeping_the_bare_one(cg: ClaimGraph) -> None:
    cg.ingest(solo(ent("person", "Sir Gavin Williamson")))
    cg.ingest(solo(GAVIN))
    merge = cg.merges().data[0]
    assert (merge.kept.id, merge.merged.id) == (GAVIN.id, "person:sir-gavin-williamson")
    assert "titles" in merge.reason
    cg.ingest(solo(ent("organization", "The Taliban")))
    cg.ingest(solo(ent("organization", "Taliban")))
    assert "'the'" in cg.merges().data[-1].reason
    assert cg.graph.nodes[GAVIN.id]["aliases"] == ["Sir Gavin Williamson"]


def test_an_alias_naming_another_entity_merges_them(cg: ClaimGraph) -> None:
    isil = ent("organization", "Isil")
    cg.ingest(solo(isil))
    cg.ingest(solo(ISLAMIC_STATE))
    merge = cg.merges().data[0]
    assert (merge.kept.id, merge.merged.id) == (ISLAMIC_STATE.id, isil.id)
    cg.ingest(solo(ent("organization", "IS")))
    assert cg.merges().count == 2
    assert cg.entity("org:is").id == ISLAMIC_STATE.id


def test_ambiguous_surname_merges_nothing(cg: ClaimGraph) -> None:
    cg.ingest(solo(GAVIN))
    cg.ingest(solo(ent("person", "Sarah Williamson")))
    cg.ingest(solo(LONE))
    assert cg.merges().count == 0
    assert LONE.id in cg.graph


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (BBC, RADIO_4),
        (KABUL, KABUL_AIRPORT),
        (ISLAMIC_STATE, ISIS_K),
        (ent("place", "Jordan"), ent("person", "Jordan")),
        (ent("person", "Michael Jordan"), ent("organization", "Jordan")),
        (GAVIN, ent("person", "Gavin")),
        (ent("person", "King Charles"), ent("person", "Ray Charles")),
    ],
    ids=lambda entity: entity.id,
)
def test_distinct_things_stay_apart(cg: ClaimGraph, first: Entity, second: Entity) -> None:
    cg.ingest(solo(first))
    cg.ingest(solo(second))
    cg.ingest(solo(first, "Once more"))
    assert cg.merges().count == 0
    assert first.id in cg.graph and second.id in cg.graph


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (BBC, ent("organization", "BBC Radio 4", aliases=["BBC", "Radio 4"])),
        (KABUL, ent("place", "Kabul Airport", aliases=["Kabul"])),
        (ent("organization", "BBC Radio 4", aliases=["BBC"]), BBC),
    ],
    ids=lambda entity: entity.id,
)
def test_an_alias_naming_a_part_or_a_parent_does_not_merge(
    cg: ClaimGraph, first: Entity, second: Entity
) -> None:
    cg.ingest(solo(first))
    cg.ingest(solo(second))
    assert cg.merges().count == 0


def test_entities_one_article_keeps_apart_are_not_merged(cg: ClaimGraph) -> None:
    cg.ingest(solo(GAVIN))
    both = make_article("Two Williamsons", [GAVIN, LONE], [Said("we differ", speaker=LONE)])
    cg.ingest(both)
    assert cg.merges().count == 0
    assert cg.entity(LONE.id).id == LONE.id


def test_undo_separates_and_is_remembered_across_reopen(db_path: Path) -> None:
    lone = solo(LONE)
    with ClaimGraph.open(db_path) as cg:
        cg.ingest(solo(GAVIN))
        cg.ingest(lone)
        merge = cg.merges().data[0]
        undone = cg.undo_merge(merge.id)
        assert (undone.id, undone.active) == (merge.id, False)
        assert cg.undo_merge(merge.id).active is False  # undoing twice changes nothing
        assert cg.entity(LONE.id).id == LONE.id
        assert cg.graph.nodes[GAVIN.id]["aliases"] == []
        assert [c.speaker.id for c in cg.said(LONE.id).data if c.speaker] == [LONE.id]
        before = snapshot(cg.graph)
    with ClaimGraph.open(db_path) as cg:
        assert snapshot(cg.graph) == before
        assert [m.active for m in cg.merges().data] == [False]
        assert cg.health()["merges"] == 0
        # The surname comes back in a new article: the undone merge is not made again.
        cg.delete_article(lone.id)
        cg.ingest(solo(LONE, "Williamson returns"))
        assert cg.merges().count == 1
        assert LONE.id in cg.graph


def test_undo_unknown_merge_raises(cg: ClaimGraph) -> None:
    with pytest.raises(MergeNotFound, match="m-nope"):
        cg.undo_merge("m-nope")


def test_deleting_the_merging_article_restores_nodes_and_edges(cg: ClaimGraph) -> None:
    cg.ingest(threat_article())
    before = snapshot(cg.graph)
    lone = solo(LONE)
    cg.ingest(lone)
    assert cg.merges().count == 1
    cg.delete_article(lone.id)
    assert snapshot(cg.graph) == before
    # The merge rested on the deleted article alone: it goes with it, and comes back with it.
    assert cg.merges().count == 0
    assert cg.graph.graph["merged_ids"] == {}
    cg.ingest(lone)
    assert LONE.id not in cg.graph
    assert [m.active for m in cg.merges().data] == [True]


def test_deleting_the_article_that_named_the_kept_entity_gives_the_old_name_back(
    cg: ClaimGraph,
) -> None:
    cg.ingest(solo(LONE))
    before = snapshot(cg.graph)
    full = solo(GAVIN)
    cg.ingest(full)
    assert LONE.id not in cg.graph, "the one-word name was folded into the full name"
    cg.delete_article(full.id)
    assert snapshot(cg.graph) == before
    assert cg.entity(LONE.id).id == LONE.id
    assert cg.merges().count == 0


def test_a_merge_other_articles_still_rest_on_stays(cg: ClaimGraph) -> None:
    cg.ingest(solo(LONE))
    full = solo(GAVIN)
    cg.ingest(full)
    cg.ingest(solo(GAVIN, "Gavin Williamson again"))
    cg.delete_article(full.id)
    assert [m.active for m in cg.merges().data] == [True]
    assert LONE.id not in cg.graph
    assert len(cg.said(GAVIN.id).data) == 2


def test_merges_page(cg: ClaimGraph) -> None:
    cg.ingest(solo(GAVIN))
    cg.ingest(solo(LONE))
    cg.ingest(solo(ISLAMIC_STATE))
    cg.ingest(solo(ent("organization", "Isil")))
    page = cg.merges(limit=1, offset=1)
    assert page.count == 2
    assert [m.merged.id for m in page.data] == ["org:isil"]


def test_a_separated_candidate_never_hands_the_merge_to_another(cg: ClaimGraph) -> None:
    mister = ent("person", "Mr Williamson")
    cg.ingest(make_article("Two of them", [GAVIN, LONE], [Said("we differ", speaker=LONE)]))
    first = solo(mister)
    cg.ingest(first)
    [merge] = cg.merges().data
    assert (merge.kept.id, merge.merged.id) == (LONE.id, mister.id)
    cg.undo_merge(merge.id)
    cg.delete_article(first.id)
    cg.ingest(solo(mister, "Mr Williamson again"))
    # The same-name rule finds only the separated "Williamson"; the surname rule must not then
    # offer Gavin Williamson instead.
    assert cg.merges().count == 1
    assert cg.entity(mister.id).id == mister.id
