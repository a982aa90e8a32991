"""Graph nodes as the contract's models (EntityRef, Entity, Claim), the shapes callers get."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import networkx as nx
import orjson

from claimgraph.extract.schema import (
    Affiliation,
    ArticleRef,
    Claim,
    Context,
    Entity,
    EntityRef,
    Span,
)
from claimgraph.graph.models import GraphPath, PathStep
from claimgraph.graph.nodes import article_node
from claimgraph.graph.queries import edge_kinds


def entity_ref(G: nx.MultiDiGraph, node: str) -> EntityRef:
    data = G.nodes[node]
    return EntityRef(id=node, name=data["name"], type=data["type"])


def to_entity(G: nx.MultiDiGraph, node: str) -> Entity:
    """The merged view of an entity across articles.

    `spans` stays empty: offsets only mean something within one article, and per-article spans
    are kept in the node's provenance and on its MENTIONS edges.
    """
    data = G.nodes[node]
    affiliations = [
        Affiliation(organization=entity_ref(G, organization), role=edge.get("role"))
        for organization, edge in _affiliations(G, node)
    ]
    return Entity(
        id=node,
        name=data["name"],
        type=data["type"],
        aliases=list(data["aliases"]),
        mentions=data["mentions"],
        roles=list(data["roles"]),
        affiliations=affiliations,
        articles=list(data["articles"]),
        first_seen=data.get("first_seen"),
        last_seen=data.get("last_seen"),
    )


def _affiliations(G: nx.MultiDiGraph, node: str) -> list[tuple[str, dict]]:
    """(organization, AFFILIATED_WITH edge data) of an entity, by organization id."""
    # Straight to the AFFILIATED_WITH edges: a prolific speaker has thousands of SAID edges,
    # and walking (let alone sorting) them all for each entity shown made search slow.
    return sorted(
        (organization, edges["AFFILIATED_WITH"])
        for organization, edges in G._succ[node].items()
        if "AFFILIATED_WITH" in edges
    )


def to_claim(G: nx.MultiDiGraph, node: str) -> Claim:
    """A claim with its article id, pointing at the entities it is linked to after merges."""
    data = G.nodes[node]
    speaker, addressee = data.get("speaker"), data.get("addressee")
    return Claim(
        id=node.removeprefix("claim:"),
        speaker=entity_ref(G, speaker) if speaker else None,
        speaker_text=data.get("speaker_text"),
        cue=data.get("cue"),
        cue_class=data.get("cue_class"),
        kind=data["type"],
        text=data["text"],
        about=[entity_ref(G, entity) for entity in data["about"]],
        addressee=entity_ref(G, addressee) if addressee else None,
        start_char=data["start_char"],
        end_char=data["end_char"],
        confidence=data["confidence"],
        occurrences=[Span(start_char=start, end_char=end) for start, end in data["occurrences"]],
        context=Context.model_validate(_context(data)) if "context" in data else None,
        article_id=data["article"],
        article=ArticleRef.model_validate(article_ref(G, data["article"])),
    )


def _context(data: dict) -> dict[str, object] | None:
    text = data.get("context")
    if text is None:
        return None
    start = data["context_start"]
    return {"start_char": start, "end_char": start + len(text), "text": text}


def article_ref(G: nx.MultiDiGraph, article_id: str) -> dict[str, str | None]:
    """Where a claim was published, as the API shows it beside each claim (an ArticleRef)."""
    data = G._node[article_node(article_id)]
    return {
        "id": article_id,
        "title": data.get("title"),
        "source": data.get("source"),
        "published": data.get("published"),
        "outlet": data.get("outlet"),
    }


def cite_claims(H: nx.MultiDiGraph, G: nx.MultiDiGraph) -> None:
    """Give each claim node of H (a copy of part of G) its article's title, source,
    publication date and outlet, so that an export cites every claim even where the article's
    node is not in it (a neighbourhood cut at some depth)."""
    cited: dict[str, dict[str, str]] = {}
    for data in H._node.values():
        if data.get("kind") != "claim":
            continue
        article = data["article"]
        found = cited.get(article)
        if found is None:
            ref = article_ref(G, article)
            found = cited[article] = {
                ("article_title" if name == "title" else name): value
                for name, value in ref.items()
                if name != "id" and value is not None
            }
        data.update(found)


def to_path(G: nx.MultiDiGraph, nodes: list[str]) -> GraphPath:
    steps = [
        PathStep(id=node, kind=G.nodes[node]["kind"], label=G.nodes[node]["label"])
        for node in nodes
    ]
    return GraphPath(nodes=steps, edges=[edge_kinds(G, u, v) for u, v in pairwise(nodes)])


# -- the same views as JSON, without building the models ---------------------------------------
#
# A page of fifty claims cost 1.3 ms as models (pydantic validation, then serialisation) and
# 0.3 ms as dicts handed to orjson; the bytes are the same (tests/graph/test_views.py compares
# them with the models' own JSON over whole graphs), so the contract stays the models'.


def _ref(G: nx.MultiDiGraph, node: str) -> dict[str, str]:
    data = G._node[node]
    return {"id": node, "name": data["name"], "type": data["type"]}


def claim_json(G: nx.MultiDiGraph, node: str) -> bytes:
    """`to_claim(G, node).model_dump_json()`, as bytes, several times faster."""
    data = G._node[node]
    speaker, addressee = data.get("speaker"), data.get("addressee")
    return orjson.dumps(
        {
            "id": node.removeprefix("claim:"),
            "speaker": _ref(G, speaker) if speaker else None,
            "speaker_text": data.get("speaker_text"),
            "cue": data.get("cue"),
            "cue_class": data.get("cue_class"),
            "kind": data["type"],
            "text": data["text"],
            "about": [_ref(G, entity) for entity in data["about"]],
            "addressee": _ref(G, addressee) if addressee else None,
            "start_char": data["start_char"],
            "end_char": data["end_char"],
            "confidence": data["confidence"],
            "occurrences": [
                {"start_char": start, "end_char": end} for start, end in data["occurrences"]
            ],
            "context": _context(data),
            "article_id": data["article"],
            "article": article_ref(G, data["article"]),
        }
    )


def entity_json(G: nx.MultiDiGraph, node: str) -> bytes:
    """`to_entity(G, node).model_dump_json()`, as bytes, several times faster."""
    data = G._node[node]
    return orjson.dumps(
        {
            "id": node,
            "name": data["name"],
            "type": data["type"],
            "aliases": list(data["aliases"]),
            "mentions": data["mentions"],
            "roles": list(data["roles"]),
            "affiliations": [
                {"organization": _ref(G, organization), "role": edge.get("role")}
                for organization, edge in _affiliations(G, node)
            ],
            "spans": [],
            "articles": list(data["articles"]),
            "first_seen": data.get("first_seen"),
            "last_seen": data.get("last_seen"),
        }
    )


def page_json(items: Sequence[bytes], count: int) -> bytes:
    """`Page(data=..., count=count).model_dump_json()` from its items' JSON."""
    return b'{"data":[' + b",".join(items) + b'],"count":' + str(count).encode() + b"}"
