"""Neighbourhoods and path distances walk out from a node, and agree with networkx's own."""

from __future__ import annotations

import networkx as nx
import pytest

from claimgraph.graph.build import build_graph
from claimgraph.graph.queries import distances, neighbourhood
from tests.graph.factories import bbc_article, threat_article


@pytest.mark.parametrize("cutoff", [0, 1, 2, 3, 8])
def test_distances_equal_networkx_on_the_undirected_view(cutoff: int) -> None:
    G = build_graph((i, "", a) for i, a in enumerate([threat_article(), bbc_article()], start=1))
    undirected = G.to_undirected(as_view=True)
    for node in G:
        expected = nx.single_source_shortest_path_length(undirected, node, cutoff=cutoff)
        assert distances(G, node, cutoff=cutoff) == expected


def test_neighbourhood_is_the_induced_subgraph() -> None:
    G = build_graph((1, "", a) for a in [threat_article()])
    near = neighbourhood(G, "place:kabul", depth=2)
    assert set(near) == set(distances(G, "place:kabul", cutoff=2))
    assert set(near.edges(keys=True)) == set(G.subgraph(near).edges(keys=True))
