"""Cross-article resolution: which ids merge, which stay apart, and merges listed and undone."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from claimgraph.extract.schema import Article, Entity
from claimgraph.graph import ClaimGraph, MergeNotFound
from claimgraph.graph.errors import InvalidQuery
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
)

GAVIN = ent("person", "Gavin Williamson", mentions=2)  # no aliases: only the surname rule links
LONE = ent("person", "Williamson")


def local(entity: Entity, article: Article) -> str:
    """The node of a person named by one word in one article."""
    return f"{entity.id}@{article.id}"


def solo(entity: Entity, title: str | None = None) -> Article:
    """An article naming one entity, in which it says one thing; all of them are published on
    one day (the only context they share: what makes a surname worth proposing)."""
    title = title or f"{entity.name} ({entity.type}) in the news"
    said = [Said(f"{title}: a claim", speaker=entity, about=[KABUL])]
    return make_article(title, [entity], said, published="2021-08-26")


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
        (ent("person", "Donald Trump"), ent("person", "Donald Trump Jr.")),  # father and son
        (ent("person", "Ken Griffey Sr."), ent("person", "Ken Griffey Jr.")),
    ],
    ids=lambda entity: entity.id,
)
def test_distinct_things_stay_apart(cg: ClaimGraph, first: Entity, second: Entity) -> None:
    cg.ingest(solo(first))
    cg.ingest(solo(second))
    cg.ingest(solo(first, "Once more"))
    # Nothing joins the two, not even as a question (the two "King Charles" may be asked about:
    # a royal style is shared, see the royal rows below).
    names = {first.name, second.name}
    assert [m for m in cg.merges().data if {m.kept.name, m.merged.name} == names] == []
    assert cg.merges(status="applied").count == 0
    [one] = cg.entities(q=first.name, type=first.type).data[:1]
    [other] = cg.entities(q=second.name, type=second.type).data[:1]
    assert one.id != other.id


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


def test_a_surname_alone_is_proposed_never_merged(cg: ClaimGraph) -> None:
    cg.ingest(solo(GAVIN))
    lone = solo(LONE)
    cg.ingest(lone)
    [merge] = cg.merges().data
    assert (merge.kept.id, merge.merged.id) == (GAVIN.id, local(LONE, lone))
    assert (merge.status, merge.active, merge.decided_by) == ("proposed", False, "claimgraph")
    assert merge.evidence[0] == "'Williamson' is only a surname, that of 'Gavin Williamson'"
    assert 0 < merge.score < 0.7
    # Nothing is merged: each says only what it said.
    assert local(LONE, lone) in cg.graph and LONE.id not in cg.graph
    assert cg.graph.nodes[GAVIN.id]["aliases"] == []
    assert cg.said(GAVIN.id).count == 1
    assert cg.health()["merges"] == 0 and cg.health()["proposals"] == 1


def test_accepting_a_proposal_merges_and_is_kept(cg: ClaimGraph, db_path: Path) -> None:
    cg.ingest(solo(GAVIN))
    lone = solo(LONE)
    cg.ingest(lone)
    proposal = cg.merges(status="proposed").data[0]
    accepted = cg.accept_merge(proposal.id, by="alice")
    assert (accepted.status, accepted.active, accepted.decided_by) == ("applied", True, "alice")
    assert accepted.decided_at is not None
    assert local(LONE, lone) not in cg.graph
    assert cg.graph.nodes[GAVIN.id]["aliases"] == ["Williamson"]
    said = cg.said(GAVIN.id)
    assert said.count == 2 and {c.speaker.id for c in said.data if c.speaker} == {GAVIN.id}
    before = snapshot(cg.graph)
    with ClaimGraph.open(db_path) as reopened:
        assert snapshot(reopened.graph) == before
        assert reopened.health()["merges"] == 1


def test_a_full_name_arriving_later_is_proposed_for_the_lone_surname(cg: ClaimGraph) -> None:
    lone = solo(LONE)
    cg.ingest(lone)
    cg.ingest(solo(GAVIN))
    [merge] = cg.merges().data
    assert (merge.kept.id, merge.merged.id, merge.status) == (
        GAVIN.id,
        local(LONE, lone),
        "proposed",
    )
    assert merge.evidence[0] == "'Williamson' is only a surname, that of 'Gavin Williamson'"


def test_one_word_in_two_articles_is_two_people_until_a_person_says_otherwise(
    cg: ClaimGraph,
) -> None:
    first, second = solo(LONE), solo(LONE, "Williamson again")
    cg.ingest(first)
    cg.ingest(second)
    assert {local(LONE, first), local(LONE, second)} <= set(cg.graph)
    [merge] = cg.merges().data
    assert merge.status == "proposed"
    assert {merge.kept.id, merge.merged.id} == {local(LONE, first), local(LONE, second)}


def test_an_ambiguous_surname_is_proposed_for_each_candidate(cg: ClaimGraph) -> None:
    sarah = ent("person", "Sarah Williamson")
    cg.ingest(solo(GAVIN))
    cg.ingest(solo(sarah))
    cg.ingest(solo(LONE))
    proposals = cg.merges(status="proposed").data
    assert sorted(m.kept.id for m in proposals) == [GAVIN.id, sarah.id]
    assert cg.merges(status="applied").count == 0


def _story(title: str, person: Entity, **fields: object) -> Article:
    said = [Said(f"{title}: a claim", speaker=person, about=[KABUL])]
    return make_article(title, [person], said, **{"published": "2021-08-26", **fields})


def test_a_variant_of_a_name_merges_when_the_context_agrees(cg: ClaimGraph) -> None:
    timothy = ent("person", "Timothy Morrison", roles=["National Security Council official"])
    tim = ent("person", "Tim Morrison", roles=["National Security Council official"])
    cg.ingest(_story("Testimony", timothy))
    cg.ingest(_story("Hearing", tim))
    [merge] = cg.merges().data
    assert (merge.kept.id, merge.merged.id, merge.status) == (timothy.id, tim.id, "applied")
    assert merge.evidence == [
        "'Tim Morrison' and 'Timothy Morrison': the same surname, the given name a nickname",
        "both are called 'national security council official'",
        "published 0 days apart",
    ]
    assert cg.entity("Tim Morrison").id == timothy.id


def test_a_variant_of_a_name_without_context_is_only_proposed(cg: ClaimGraph) -> None:
    timothy = ent("person", "Timothy Morrison", roles=["diplomat"])
    tim = ent("person", "Tim Morrison", roles=["footballer"])
    cg.ingest(_story("Testimony", timothy))
    cg.ingest(_story("Match report", tim))
    [merge] = cg.merges().data
    assert merge.status == "proposed" and cg.entity("Tim Morrison").id == tim.id


def test_another_spelling_merges_with_a_shared_affiliation(cg: ClaimGraph) -> None:
    office = ent("organization", "Office of the President")
    first = ent("person", "Volodymyr Zelensky", affiliations=[office], roles=["President"])
    second = ent("person", "Volodymyr Zelenskiy", affiliations=[office])
    cg.ingest(make_article("Kyiv", [first, office], [Said("we hold", speaker=first)]))
    cg.ingest(make_article("Kiev", [second, office], [Said("we stand", speaker=second)]))
    [merge] = cg.merges().data
    assert merge.status == "applied"
    assert "the surname spelled another way" in merge.evidence[0]
    assert "both are affiliated with Office of the President" in merge.evidence


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("John Smith", "Jane Smith"),
        ("Tom Morrison", "Tim Morrison"),
        ("Ray Charles", "Rita Charles"),
        ("Gavin Williamson", "Gavin Williams"),
    ],
)
def test_different_given_names_are_different_people(cg: ClaimGraph, one: str, other: str) -> None:
    shared = ["Defence Secretary"]
    cg.ingest(_story("One", ent("person", one, roles=shared)))
    cg.ingest(_story("Other", ent("person", other, roles=shared)))
    assert cg.merges().count == 0


def test_a_name_with_nothing_around_it_is_not_even_proposed(cg: ClaimGraph) -> None:
    cg.ingest(_story("One", GAVIN, published=None))
    cg.ingest(_story("Other", LONE, published=None))
    assert cg.merges().count == 0


def test_an_initial_needs_context(cg: ClaimGraph) -> None:
    cg.ingest(_story("One", ent("person", "John Smith")))
    cg.ingest(_story("Other", ent("person", "J. Smith")))
    [merge] = cg.merges().data
    assert merge.status == "proposed" and "an initial" in merge.evidence[0]


def test_rejecting_a_proposal_keeps_the_pair_apart(cg: ClaimGraph) -> None:
    cg.ingest(solo(GAVIN))
    lone = solo(LONE)
    cg.ingest(lone)
    proposal = cg.merges().data[0]
    rejected = cg.reject_merge(proposal.id, by="bob")
    assert (rejected.status, rejected.decided_by) == ("rejected", "bob")
    assert local(LONE, lone) in cg.graph
    # The same article ingested again asks the same question: it is not asked again.
    cg.delete_article(lone.id)
    cg.ingest(lone)
    assert [m.status for m in cg.merges().data] == ["rejected"]
    # Accepting it later is still possible: a person may change their mind.
    assert cg.accept_merge(proposal.id).status == "applied"
    assert local(LONE, lone) not in cg.graph


def test_merging_by_hand_and_undoing(cg: ClaimGraph) -> None:
    cg.ingest(solo(GAVIN))
    lone = solo(LONE)
    cg.ingest(lone)
    merge = cg.merge_entities(GAVIN.id, local(LONE, lone), by="carol", note="same minister")
    assert (merge.status, merge.reason, merge.decided_by) == ("applied", "same minister", "carol")
    assert cg.entity(local(LONE, lone)).id == GAVIN.id
    undone = cg.undo_merge(merge.id, by="carol")
    assert undone.status == "undone" and cg.entity(local(LONE, lone)).id == local(LONE, lone)
    with pytest.raises(InvalidQuery, match="only entities of one type merge"):
        cg.merge_entities(GAVIN.id, KABUL.id)
    with pytest.raises(InvalidQuery, match="already one entity"):
        cg.merge_entities(GAVIN.id, "Gavin Williamson")


def test_the_entities_one_article_keeps_apart_are_never_proposed(cg: ClaimGraph) -> None:
    cg.ingest(solo(GAVIN))
    both = make_article("Two Williamsons", [GAVIN, LONE], [Said("we differ", speaker=LONE)])
    cg.ingest(both)
    assert cg.merges().count == 0
    assert cg.entity(local(LONE, both)).id == local(LONE, both)


def test_undo_separates_and_is_remembered_across_reopen(db_path: Path) -> None:
    isil = solo(ent("organization", "Isil"))
    with ClaimGraph.open(db_path) as cg:
        cg.ingest(solo(ISLAMIC_STATE))
        cg.ingest(isil)
        merge = cg.merges().data[0]
        assert merge.status == "applied" and merge.score == 1.0
        undone = cg.undo_merge(merge.id)
        assert (undone.id, undone.active, undone.status) == (merge.id, False, "undone")
        assert cg.undo_merge(merge.id).active is False  # undoing twice changes nothing
        assert cg.entity("org:isil").id == "org:isil"
        before = snapshot(cg.graph)
    with ClaimGraph.open(db_path) as cg:
        assert snapshot(cg.graph) == before
        assert [m.status for m in cg.merges().data] == ["undone"]
        assert cg.health()["merges"] == 0
        # The same article comes back: the undone merge is not made again.
        cg.delete_article(isil.id)
        cg.ingest(isil)
        assert [m.status for m in cg.merges().data] == ["undone"]
        assert "org:isil" in cg.graph


def test_undo_unknown_merge_raises(cg: ClaimGraph) -> None:
    with pytest.raises(MergeNotFound, match="m-nope"):
        cg.undo_merge("m-nope")
    with pytest.raises(MergeNotFound):
        cg.accept_merge("m-nope")


def test_deleting_the_merging_article_restores_nodes_and_edges(cg: ClaimGraph) -> None:
    cg.ingest(solo(ISLAMIC_STATE))
    before = snapshot(cg.graph)
    isil = solo(ent("organization", "Isil"))
    cg.ingest(isil)
    assert cg.merges().count == 1
    cg.delete_article(isil.id)
    assert snapshot(cg.graph) == before
    # The merge rested on the deleted article alone: it goes with it, and comes back with it.
    assert cg.merges().count == 0
    assert cg.graph.graph["merged_ids"] == {}
    cg.ingest(isil)
    assert "org:isil" not in cg.graph
    assert [m.active for m in cg.merges().data] == [True]


def test_deleting_an_article_withdraws_its_proposals(cg: ClaimGraph) -> None:
    cg.ingest(solo(GAVIN))
    lone = solo(LONE)
    cg.ingest(lone)
    cg.delete_article(lone.id)
    assert cg.merges().count == 0


def test_deleting_the_article_that_named_the_kept_entity_gives_the_old_name_back(
    cg: ClaimGraph,
) -> None:
    isil = ent("organization", "Isil")
    cg.ingest(solo(isil))
    before = snapshot(cg.graph)
    full = solo(ISLAMIC_STATE)
    cg.ingest(full)
    assert isil.id not in cg.graph, "the alias was folded into the full name"
    cg.delete_article(full.id)
    assert snapshot(cg.graph) == before
    assert cg.entity(isil.id).id == isil.id
    assert cg.merges().count == 0


def test_a_merge_other_articles_still_rest_on_stays(cg: ClaimGraph) -> None:
    isil = ent("organization", "Isil")
    cg.ingest(solo(isil))
    full = solo(ISLAMIC_STATE)
    cg.ingest(full)
    cg.ingest(solo(ISLAMIC_STATE, "Islamic State again"))
    cg.delete_article(full.id)
    assert [m.active for m in cg.merges().data] == [True]
    assert isil.id not in cg.graph
    assert len(cg.said(ISLAMIC_STATE.id).data) == 2


def test_merges_page(cg: ClaimGraph) -> None:
    cg.ingest(solo(GAVIN))
    cg.ingest(solo(LONE))
    cg.ingest(solo(ISLAMIC_STATE))
    cg.ingest(solo(ent("organization", "Isil")))
    page = cg.merges(limit=1, offset=1)
    assert page.count == 2
    assert [m.merged.id for m in page.data] == ["org:isil"]
    assert [m.merged.id for m in cg.merges(status="applied").data] == ["org:isil"]
    with pytest.raises(InvalidQuery, match="unknown merge status"):
        cg.merges(status="maybe")


def test_a_separated_candidate_never_hands_the_merge_to_another(cg: ClaimGraph) -> None:
    sir = ent("person", "Sir Gavin Williamson")
    cg.ingest(solo(GAVIN))
    first = solo(sir)
    cg.ingest(first)
    [merge] = cg.merges().data
    assert (merge.kept.id, merge.merged.id) == (GAVIN.id, sir.id)
    cg.undo_merge(merge.id)
    cg.ingest(solo(ent("person", "Gavin Williamson", roles=["MP"]), "Gavin Williamson returns"))
    cg.delete_article(first.id)
    cg.ingest(solo(sir, "Sir Gavin again"))
    # The same-name rule finds only the separated Gavin Williamson; no weaker rule is then
    # asked to offer someone else.
    assert [m.status for m in cg.merges().data] == ["undone"]
    assert cg.entity(sir.id).id == sir.id


def test_splitting_an_entity_moves_the_chosen_articles(cg: ClaimGraph, db_path: Path) -> None:
    first, second, third = (solo(GAVIN, f"Williamson {n}") for n in ("one", "two", "three"))
    for article in (first, second, third):
        cg.ingest(article)
    assert cg.said(GAVIN.id).count == 3
    split = cg.split_entity("Gavin Williamson", [third.id], by="erin")
    assert (split.entity.id, split.articles, split.decided_by) == (GAVIN.id, [third.id], "erin")
    assert split.new.name == "Gavin Williamson" and split.new.id != GAVIN.id
    assert cg.said(GAVIN.id).count == 2
    [moved] = cg.said(split.new.id).data
    assert moved.article_id == third.id
    assert cg.graph.nodes[GAVIN.id]["articles"] == [first.id, second.id]
    before = snapshot(cg.graph)
    with ClaimGraph.open(db_path) as reopened:  # a person's decision: kept in the store
        assert snapshot(reopened.graph) == before
    cg.delete_article(third.id)
    cg.ingest(third)  # the same article again: it is still someone else
    assert cg.said(split.new.id).count == 1
    undone = cg.undo_split(split.id)
    assert undone.active is False and cg.said(GAVIN.id).count == 3
    assert split.new.id not in cg.graph


def test_a_split_must_name_articles_of_the_entity_and_leave_it_some(cg: ClaimGraph) -> None:
    one, other = solo(GAVIN), solo(KABUL)
    cg.ingest(one)
    cg.ingest(other)
    with pytest.raises(InvalidQuery, match="is not named in"):
        cg.split_entity(GAVIN.id, [other.id])
    with pytest.raises(InvalidQuery, match="a split leaves it some"):
        cg.split_entity(GAVIN.id, [one.id])
    with pytest.raises(InvalidQuery, match="name the articles"):
        cg.split_entity(GAVIN.id, [])


def test_splitting_off_a_merged_article_undoes_the_merge_there(cg: ClaimGraph) -> None:
    cg.ingest(solo(GAVIN))
    lone = solo(LONE)
    cg.ingest(lone)
    cg.accept_merge(cg.merges().data[0].id)
    assert cg.said(GAVIN.id).count == 2
    split = cg.split_entity(GAVIN.id, [lone.id])
    assert cg.said(GAVIN.id).count == 1
    assert cg.entity(split.new.id).name == "Williamson"


PALACE = ent("organization", "Buckingham Palace")


def _royal(title: str, name: str, *, roles: Sequence[str], story: str) -> tuple[Entity, Article]:
    """An article naming a royal by title and given name, affiliated with the palace."""
    person = ent("person", name, roles=roles, affiliations=[PALACE])
    said = [Said(f"{story}: a claim", speaker=person)]
    return person, make_article(f"{title}: {story}", [person, PALACE], said, published=None)


def test_a_royal_style_merges_when_the_context_agrees(cg: ClaimGraph) -> None:
    andrew, first = _royal("Prince Andrew", "Andrew", roles=["Prince"], story="Interview")
    _, second = _royal("Prince Andrew", "Andrew", roles=["Prince", "Duke of York"], story="Fall")
    cg.ingest(first)
    cg.ingest(second)
    [merge] = cg.merges().data
    assert merge.status == "applied"
    assert merge.evidence == [
        "'Andrew' and 'Andrew' are both 'Prince Andrew'",
        "both are affiliated with Buckingham Palace",
        "named beside Buckingham Palace in both",
    ]
    assert cg.said(cg.entity(local(andrew, first)).id).count == 2


@pytest.mark.parametrize(
    ("roles", "other_roles"),
    [
        (["Prince"], []),  # a bare "Andrew" is a word, whoever stands beside him
        (["Prince"], ["Mr"]),
        (["Prince"], ["King"]),  # Prince Andrew is not King Andrew
        (["Duke of York"], ["Duke of York"]),  # an office, not a name: only proposed
    ],
)
def test_only_one_royal_style_makes_one_word_a_name(
    cg: ClaimGraph, roles: list[str], other_roles: list[str]
) -> None:
    _, first = _royal("Prince Andrew", "Andrew", roles=roles, story="Interview")
    _, second = _royal("Andrew", "Andrew", roles=other_roles, story="Fall")
    cg.ingest(first)
    cg.ingest(second)
    assert cg.merges(status="applied").count == 0
    assert all("Prince Andrew" not in m.evidence[0] for m in cg.merges().data)


def test_a_royal_style_without_context_is_only_proposed(cg: ClaimGraph) -> None:
    # Regnal names come back: two King Abdullahs, of two kingdoms, a decade apart, both
    # meeting the same envoy.
    envoy = ent("person", "Dana Whitfield")
    for city, day in (("Riyadh", "2010-01-04"), ("Amman", "2022-05-01")):
        king = ent("person", "Abdullah", roles=["King"])
        said = [Said(f"{city}: a claim", speaker=king)]
        cg.ingest(make_article(f"King Abdullah in {city}", [king, envoy], said, published=day))
    [merge] = cg.merges().data
    assert merge.status == "proposed"
    assert merge.evidence == [
        "'Abdullah' and 'Abdullah' are both 'King Abdullah'",
        "named beside Dana Whitfield in both",
    ]  # the shared title is the name: it corroborates nothing


ESA = ent("organization", "ESA")
SPACE_AGENCY = ent("organization", "European Space Agency")
CREW = [ent("person", name) for name in ("Ada Okoye", "Ben Marsh", "Cleo Dunn", "Dev Rao")]


def _agency_story(title: str, agency: Entity, company: Sequence[Entity]) -> Article:
    said = [Said(f"{title}: a claim", speaker=agency)]
    return make_article(title, [agency, *company], said, published=None)


@pytest.mark.parametrize(
    "order",
    [
        (ESA, SPACE_AGENCY),
        (SPACE_AGENCY, ESA),
        (ent("organization", "E.S.A."), SPACE_AGENCY),
        (SPACE_AGENCY, ent("organization", "E.S.A.")),
    ],
    ids=["acronym first", "name first", "dotted first", "dotted after"],
)
def test_an_acronym_merges_with_its_name_in_full_when_the_context_agrees(
    cg: ClaimGraph, order: tuple[Entity, Entity]
) -> None:
    cg.ingest(_agency_story("Hibernation study", order[0], CREW))
    cg.ingest(_agency_story("Sleeping astronauts", order[1], CREW))
    [merge] = cg.merges().data
    assert merge.status == "applied" and merge.kept.name == "European Space Agency"
    short = next(e.name for e in order if e is not SPACE_AGENCY)
    assert merge.evidence[0] == f"{short!r} is the initials of 'European Space Agency'"
    assert cg.entity(short).id == SPACE_AGENCY.id


def test_an_acronym_without_context_is_only_proposed(cg: ClaimGraph) -> None:
    cg.ingest(_agency_story("Hibernation study", ESA, CREW[:1]))
    cg.ingest(_agency_story("Sleeping astronauts", SPACE_AGENCY, CREW[:1]))
    [merge] = cg.merges().data
    assert merge.status == "proposed" and merge.score < 1


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("ESO", "European Space Agency"),  # other letters
        ("ES", "European Space Agency"),  # some of the letters
        ("Esa", "European Space Agency"),  # a word, not an acronym
        ("BBC", "BBC Radio Four"),  # a part, not the initials
    ],
)
def test_letters_that_are_not_the_initials_never_merge(
    cg: ClaimGraph, short: str, full: str
) -> None:
    cg.ingest(_agency_story("One", ent("organization", short), CREW))
    cg.ingest(_agency_story("Other", ent("organization", full), CREW))
    assert cg.merges(status="applied").count == 0
    assert all("initials" not in m.evidence[0] for m in cg.merges().data)


def test_an_acronym_is_never_a_place_or_a_person(cg: ClaimGraph) -> None:
    cg.ingest(_agency_story("One", ent("place", "ESA"), CREW))
    cg.ingest(_agency_story("Other", SPACE_AGENCY, CREW))
    assert cg.merges().count == 0


SATELLITES = ent("organization", "Vantorq Nano-Satellite Systems Inc")
SATELLITES_SHORT = ent("organization", "Vantorq")
BORDER = ent("organization", "U.S. Customs and Border Protection")
BORDER_SHORT = ent("organization", "Customs and Border Protection")


@pytest.mark.parametrize(
    ("full", "short"),
    [(SATELLITES, SATELLITES_SHORT), (BORDER, BORDER_SHORT)],
    ids=["without its trade", "without its country"],
)
@pytest.mark.parametrize("full_first", [True, False], ids=["full first", "short first"])
def test_a_short_name_merges_with_the_full_one_when_the_context_agrees(
    cg: ClaimGraph, full: Entity, short: Entity, full_first: bool
) -> None:
    first, second = (full, short) if full_first else (short, full)
    cg.ingest(_agency_story("Lunar landers", first, CREW))
    cg.ingest(_agency_story("Moon contracts", second, CREW))
    [merge] = cg.merges().data
    assert merge.status == "applied" and merge.kept.name == full.name
    assert merge.evidence[0] == f"{short.name!r} is a short name of {full.name!r}"
    assert cg.entity(short.name).id == full.id


def test_a_short_name_without_context_is_only_proposed(cg: ClaimGraph) -> None:
    cg.ingest(_agency_story("Lunar landers", SATELLITES, CREW[:1]))
    cg.ingest(_agency_story("Moon contracts", SATELLITES_SHORT, CREW[:1]))
    [merge] = cg.merges().data
    assert merge.status == "proposed" and merge.score < 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("BBC", "BBC Radio 4"),  # a unit, not the body's full name
        ("Vantorq", "Vantorq Music"),  # a product
        ("Army", "US Army"),  # a country's army is no short form of any army
    ],
)
def test_a_unit_or_product_is_no_short_name(cg: ClaimGraph, one: str, other: str) -> None:
    cg.ingest(_agency_story("Lunar landers", ent("organization", one), CREW))
    cg.ingest(_agency_story("Moon contracts", ent("organization", other), CREW))
    assert cg.merges().data == []
