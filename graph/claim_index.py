"""Each entity's claims, already in claim order, kept in step with the graph.

An entity the corpus names everywhere has thousands of claims by or about it, and they lie all
over memory: collecting them from its edges and sorting them by their articles' places cost
10-50 ms at 10,000 articles, for every first page a client asks for. The index keeps:

- `ranks`: every claim's place in `queries.claim_order` (article ingest order, then position
  in the article) as an integer. A new article is ingested last, so its claims rank last.
- `lists`: for (relation, entity), the entity's claims in that order, where relation is
  "speaker" (SAID), "about" (ABOUT) or "addressee" (TOLD). A new article's claims are
  appended; a list that a delete, a merge or a re-added article changes is dropped and built
  again from the graph when next asked for.

Built once when the graph is loaded (0.3-0.5 s at 10,000 articles); its answers equal those of
`queries.claims` without an index (tests/graph/test_claim_index.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import networkx as nx

from claimgraph.graph.nodes import article_node

# relation -> (edge key, whether the edge leaves the entity)
EDGES = {"speaker": ("SAID", True), "about": ("ABOUT", False), "addressee": ("TOLD", False)}


def linked_claims(G: nx.MultiDiGraph, node: str, key: str, *, outgoing: bool) -> set[str]:
    """Claims joined to `node` by an edge of kind `key` (leaving `node` if `outgoing`)."""
    if node not in G:
        return set()
    # Straight over networkx's own adjacency dicts ({neighbour: {key: data}}; `G._succ` and
    # `G._pred` are what its views wrap): an entity the corpus names everywhere has thousands of
    # MENTIONS edges, and the views cost a wrapper object and a lookup for each.
    adjacency = (G._succ if outgoing else G._pred)[node]
    return {claim for claim, keys in adjacency.items() if key in keys}


def article_claims(G: nx.MultiDiGraph, article_id: str) -> set[str]:
    """The claim nodes of an article."""
    return linked_claims(G, article_node(article_id), "IN", outgoing=False)


def claim_keys(
    G: nx.MultiDiGraph, claims: Iterable[str] | None = None
) -> dict[str, tuple[int, int, int, str]]:
    """The sort key of each claim (every claim in G by default): its article's place in ingest
    order, its start and end in the article, its id. Each article is looked up once."""
    seq: dict[str, int] = {}
    node_data = G._node  # the attribute dicts themselves: NodeView lookups cost a call each
    if claims is None:
        claims = (node for node, data in node_data.items() if data.get("kind") == "claim")
    keys = {}
    for claim in claims:
        data = node_data[claim]
        article = data["article"]
        position = seq.get(article)
        if position is None:
            position = seq[article] = node_data[article_node(article)]["seq"]
        keys[claim] = (position, data["start_char"], data["end_char"], claim)
    return keys


def _links(data: dict) -> Iterator[tuple[str, str]]:
    """(relation, entity) of each entity a claim node's attributes link it to."""
    if "speaker" in data:
        yield "speaker", data["speaker"]
    for entity in data["about"]:
        yield "about", entity
    if "addressee" in data:
        yield "addressee", data["addressee"]


class ClaimIndex:
    def __init__(self, G: nx.MultiDiGraph) -> None:
        keys = claim_keys(G)
        ordered = sorted(keys, key=keys.__getitem__)
        self.ranks: dict[str, int] = {claim: rank for rank, claim in enumerate(ordered)}
        self._next = len(ordered)
        self.lists: dict[tuple[str, str], list[str]] = {}
        node_data = G._node
        for claim in ordered:
            for link in _links(node_data[claim]):
                found = self.lists.get(link)
                if found is None:
                    self.lists[link] = [claim]
                else:
                    found.append(claim)

    def claims_of(self, G: nx.MultiDiGraph, relation: str, entity: str) -> list[str]:
        """The claims linked to `entity` as `relation`, in claim order (do not change it)."""
        found = self.lists.get((relation, entity))
        if found is None:
            key, outgoing = EDGES[relation]
            found = self.sorted(G, linked_claims(G, entity, key, outgoing=outgoing))
            self.lists[(relation, entity)] = found
        return found

    def sorted(self, G: nx.MultiDiGraph, claims: Iterable[str]) -> list[str]:
        """Claims in claim order, by their ranks."""
        claims = list(claims)
        try:
            return sorted(claims, key=self.ranks.__getitem__)
        except KeyError:  # not ranked: not a claim this index has seen; read the graph
            keys = claim_keys(G, claims)
            return sorted(claims, key=keys.__getitem__)

    # -- keeping in step: called by ClaimGraph around every change to the graph ----------------

    def added(self, G: nx.MultiDiGraph, article_id: str) -> None:
        """An article was added. Claims never seen rank after every other claim and go at the
        end of their lists; claims put back by a reload keep their ranks, and their lists are
        dropped (they may now link to other entities)."""
        claims = article_claims(G, article_id)
        keys = claim_keys(G, claims)
        for claim in sorted(claims, key=keys.__getitem__):
            new = claim not in self.ranks
            if new:
                self.ranks[claim] = self._next
                self._next += 1
            for link in _links(G._node[claim]):
                found = self.lists.get(link)
                if found is not None and new:
                    found.append(claim)
                elif found is not None:
                    del self.lists[link]

    def removing(self, G: nx.MultiDiGraph, article_id: str, *, deleted: bool) -> None:
        """An article is about to be taken out of the graph (for good if `deleted`: its claims
        lose their ranks, and an article ingested again ranks last)."""
        for claim in article_claims(G, article_id):
            for link in _links(G._node[claim]):
                self.lists.pop(link, None)
            if deleted:
                self.ranks.pop(claim, None)
