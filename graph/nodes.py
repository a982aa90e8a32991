"""The vocabulary of the knowledge graph: node ids, node and edge kinds, merged-id lookup."""

from __future__ import annotations

import networkx as nx

ENTITY_KINDS = ("person", "organization", "place")
NODE_KINDS = (*ENTITY_KINDS, "claim", "article")
EDGE_KINDS = ("SAID", "ABOUT", "TOLD", "IN", "MENTIONS", "AFFILIATED_WITH")
# G.graph[MERGED_IDS] maps every merged entity id to the id of the node it was folded into.
MERGED_IDS = "merged_ids"
# G.graph[SPLITS] maps an article id to {entity id in that article: the id it was split off to}.
SPLITS = "splits"


def new_graph(
    merged_ids: dict[str, str] | None = None, splits: dict[str, dict[str, str]] | None = None
) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(name="claimgraph")
    G.graph[MERGED_IDS] = dict(merged_ids or {})
    G.graph[SPLITS] = {article: dict(moved) for article, moved in (splits or {}).items()}
    return G


def article_node(article_id: str) -> str:
    return f"article:{article_id}"


def claim_node(claim_id: str) -> str:
    return f"claim:{claim_id}"


def canonical(G: nx.MultiDiGraph, entity_id: str) -> str:
    """The node an entity id lives in once merges are applied."""
    return str(G.graph.get(MERGED_IDS, {}).get(entity_id, entity_id))


def is_entity(G: nx.MultiDiGraph, node: str) -> bool:
    return node in G and G.nodes[node].get("kind") in ENTITY_KINDS
