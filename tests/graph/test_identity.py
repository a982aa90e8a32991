"""Cross-article identity on a generated stress set: people sharing surnames in unrelated walks
of life are never merged, whatever the order articles arrive in; true repeat appearances under
their full names are one node, and what is only plausible is proposed to a person."""

from __future__ import annotations

import doctest
import random
from collections import defaultdict

import pytest

from claimgraph.extract.schema import Article
from claimgraph.graph import ClaimGraph, names
from claimgraph.graph.build import local_ids
from tests.graph.factories import snapshot
from tests.graph.identity_set import IdentitySet, generate, node_of, score


def _ingested(seed: int, n_articles: int = 120, shuffle: bool = False) -> tuple:  # type: ignore[type-arg]
    data = generate(n_articles=n_articles, n_people=40, seed=seed)
    articles = data.articles
    if shuffle:
        random.Random(seed).shuffle(articles)
    graph = ClaimGraph.open(":memory:")
    for article in articles:
        graph.ingest(article)
    return graph, data


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_two_people_are_ever_one_node(seed: int) -> None:
    graph, data = _ingested(seed, shuffle=seed > 1)
    found = score(graph, data)
    assert found.wrong_merges == 0, found.errors
    assert found.applied_wrong == 0


def test_full_names_are_one_node_and_variants_mostly_too() -> None:
    graph, data = _ingested(5)
    found = score(graph, data)
    assert found.split_rate_named <= 0.10
    # A surname alone is never merged: those appearances stay apart until a person decides,
    # and what is proposed to that person is nearly always right.
    assert found.proposals > 0
    assert found.proposals_right / found.proposals >= 0.9


def test_a_royal_style_joins_its_royal_and_never_a_namesake() -> None:
    graph, data = _ingested(5, n_articles=300)
    found = score(graph, data)
    assert found.wrong_merges == 0, found.errors  # the two King Abdullahs, William Cohen, …
    # The same style merges where the context corroborates it, not everywhere.
    assert 0 < found.splits_royal < found.links_royal


def test_accepting_the_right_proposals_joins_what_was_split() -> None:
    graph, data = _ingested(5)
    before = score(graph, data)
    # The right ones, as a person who knows who is who would judge them.
    person_of = {
        local_ids(a.article).get(a.entity.id, a.entity.id): a.person.key for a in data.appearances
    }
    right = [
        merge
        for merge in graph.merges(status="proposed", limit=1000).data
        if person_of.get(merge.kept.id) is not None
        and person_of.get(merge.kept.id) == person_of.get(merge.merged.id)
    ]
    assert right
    for merge in right:
        graph.accept_merge(merge.id, by="test")
    after = score(graph, data)
    assert after.wrong_merges == 0
    assert after.splits < before.splits


def test_name_rules_as_documented() -> None:
    assert doctest.testmod(names).failed == 0


@pytest.mark.parametrize("seed", [11, 12, 13, 14, 15, 16])
def test_resolving_again_gives_what_the_ingests_and_decisions_gave(seed: int) -> None:
    graph, _ = _ingested(seed, n_articles=80, shuffle=True)
    rng = random.Random(seed)
    for merge in graph.merges(status="proposed", limit=1000).data:
        choice = rng.random()
        if choice < 0.3:
            graph.accept_merge(merge.id, by="test")
        elif choice < 0.5:
            graph.reject_merge(merge.id, by="test")
    for merge in graph.merges(status="applied", limit=1000).data:
        if merge.decided_by == "claimgraph" and rng.random() < 0.3:
            graph.undo_merge(merge.id, by="test")
    before = snapshot(graph.graph)
    merges = {(m.id, m.status, m.decided_by, m.score) for m in graph.merges(limit=1000).data}
    graph.resolve_again()
    # The same nodes, merges and proposals, and every decision a person took as it was.
    assert snapshot(graph.graph) == before
    assert {(m.id, m.status, m.decided_by, m.score) for m in graph.merges(limit=1000).data} == (
        merges
    )


def _partition(data: IdentitySet, articles: list[Article]) -> set[frozenset[int]]:
    """Which appearances share a node, after ingesting the articles in that order."""
    graph = ClaimGraph.open(":memory:")
    for article in articles:
        graph.ingest(article)
    nodes: defaultdict[str, set[int]] = defaultdict(set)
    for n, appearance in enumerate(data.appearances):
        nodes[node_of(graph.graph, appearance)].add(n)
    return {frozenset(appearances) for appearances in nodes.values()}


@pytest.mark.xfail(
    strict=True,
    reason="a variant or royal style is judged on the context in the store when it arrives: "
    "a candidate's later articles, or a rival's, are not taken into account afterwards, so which "
    "true links are made depends on the order (never a wrong merge: see above)",
)
def test_the_same_nodes_whatever_the_ingest_order(seed: int = 11) -> None:
    data = generate(n_articles=80, n_people=40, seed=seed)
    shuffled = list(data.articles)
    random.Random(seed).shuffle(shuffled)
    assert _partition(data, shuffled) == _partition(data, data.articles)


def test_resolving_again_keeps_splits(seed: int = 21) -> None:
    graph, _ = _ingested(seed, n_articles=60, shuffle=True)
    node = max(
        (n for n, kind in graph.graph.nodes(data="kind") if kind == "person"),
        key=lambda n: len(graph.graph.nodes[n]["articles"]),
    )
    articles = graph.graph.nodes[node]["articles"]
    split = graph.split_entity(node, articles[-1:], by="test")
    later = graph.split_entity(node, articles[:1], by="test")
    graph.undo_split(later.id)
    before = snapshot(graph.graph)
    graph.resolve_again()
    assert snapshot(graph.graph) == before
    assert split.new.id in graph.graph
