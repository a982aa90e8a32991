"""Building the knowledge graph: adding and removing one article's nodes and edges."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from extract.schema import Article, Claim, EntityRef

ENTITY_KINDS = ("person", "organization", "place")
EDGE_KINDS = ("SAID", "ABOUT", "TOLD", "IN", "MENTIONS", "AFFILIATED_WITH")
# G.graph[MERGED_IDS] maps every merged entity id to the id of the node it was folded into.
MERGED_IDS = "merged_ids"
LABEL_CHARS = 80

Record = dict[str, Any]


def new_graph(merged_ids: dict[str, str] | None = None) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(name="claimgraph")
    G.graph[MERGED_IDS] = dict(merged_ids or {})
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


def entity_records(article: Article) -> dict[str, Record]:
    """What the article says about each entity it names, by entity id.

    Entities a claim or affiliation points at but the entity list lacks still get a record, so
    that every edge has both ends and its provenance.
    """
    records: dict[str, Record] = {}
    for entity in article.entities:
        records.setdefault(
            entity.id,
            {
                "id": entity.id,
                "name": entity.name,
                "type": entity.type,
                "aliases": list(entity.aliases),
                "roles": list(entity.roles),
                "mentions": entity.mentions,
                "spans": [[span.start_char, span.end_char] for span in entity.spans],
            },
        )
    for ref in _referenced(article):
        records.setdefault(
            ref.id,
            {"id": ref.id, "name": ref.name, "type": ref.type, "aliases": [], "roles": []}
            | {"mentions": 0, "spans": []},
        )
    return records


def _referenced(article: Article) -> Iterable[EntityRef]:
    for entity in article.entities:
        yield from (affiliation.organization for affiliation in entity.affiliations)
    for claim in article.claims:
        refs = [claim.speaker, *claim.about, claim.addressee]
        yield from (ref for ref in refs if ref is not None)


def add_article(
    G: nx.MultiDiGraph,
    article: Article,
    *,
    seq: int,
    ingested_at: str | None = None,
    refresh: bool = True,
) -> set[str]:
    """Add an article, its entities (through the merges in G.graph) and claims to G.

    `seq` orders articles (ingest order). Returns the entity nodes touched; with refresh=False
    their summary attributes are left for `refresh_entities` (bulk loads refresh once).
    """
    node = article_node(article.id)
    if node in G:
        raise ValueError(f"article {article.id!r} is already in the graph")
    G.add_node(node, **_article_attrs(article, seq, ingested_at))
    by_node: dict[str, list[Record]] = defaultdict(list)
    for record in entity_records(article).values():
        by_node[canonical(G, record["id"])].append(record)
    for node_id, records in by_node.items():
        _add_entity_records(G, node_id, article.id, records)
    for entity in article.entities:
        for affiliation in entity.affiliations:
            organization = canonical(G, affiliation.organization.id)
            _add_affiliation(G, canonical(G, entity.id), organization, article.id, affiliation.role)
    for claim in article.claims:
        _add_claim(G, article.id, claim)
    if refresh:
        refresh_entities(G, by_node)
    return set(by_node)


def _article_attrs(article: Article, seq: int, ingested_at: str | None) -> dict[str, Any]:
    attrs = {
        "kind": "article",
        "type": "article",
        "label": article.title or article.id,
        "title": article.title,
        "source": article.source,
        "published": article.published,
        "byline": article.byline,
        "seq": seq,
        "ingested_at": ingested_at,
        "articles": [article.id],
    }
    return {key: value for key, value in attrs.items() if value is not None}


def _add_entity_records(
    G: nx.MultiDiGraph, entity: str, article_id: str, records: list[Record]
) -> None:
    if entity not in G:
        G.add_node(entity, kind=records[0]["type"], type=records[0]["type"], provenance={})
    G.nodes[entity]["provenance"][article_id] = sorted(records, key=lambda record: record["id"])
    spans = sorted(span for record in records for span in record["spans"])
    G.add_edge(
        article_node(article_id),
        entity,
        key="MENTIONS",
        kind="MENTIONS",
        articles=[article_id],
        mentions=sum(record["mentions"] for record in records),
        spans=spans,
    )


def _add_affiliation(
    G: nx.MultiDiGraph, person: str, organization: str, article_id: str, role: str | None
) -> None:
    if person == organization:
        return
    if not G.has_edge(person, organization, key="AFFILIATED_WITH"):
        G.add_edge(person, organization, key="AFFILIATED_WITH", kind="AFFILIATED_WITH")
        G.edges[person, organization, "AFFILIATED_WITH"]["provenance"] = {}
    roles = G.edges[person, organization, "AFFILIATED_WITH"]["provenance"].setdefault(
        article_id, []
    )
    if role and role not in roles:
        roles.append(role)


def _add_claim(G: nx.MultiDiGraph, article_id: str, claim: Claim) -> None:
    node = claim_node(claim.id)
    if node in G:
        raise ValueError(f"claim id {claim.id!r} is already in the graph")
    speaker = canonical(G, claim.speaker.id) if claim.speaker else None
    about = list(dict.fromkeys(canonical(G, ref.id) for ref in claim.about))
    addressee = canonical(G, claim.addressee.id) if claim.addressee else None
    attrs = {
        "kind": "claim",
        "type": claim.kind,
        "label": _short(claim.text),
        "text": claim.text,
        "cue": claim.cue,
        "cue_class": claim.cue_class,
        "speaker_text": claim.speaker_text,
        "confidence": claim.confidence,
        "occurrences": [[span.start_char, span.end_char] for span in claim.occurrences],
        "article": article_id,
        "speaker": speaker,
        "about": about,
        "addressee": addressee,
    }
    provenance = {
        "articles": [article_id],
        "start_char": claim.start_char,
        "end_char": claim.end_char,
    }
    G.add_node(
        node, **{key: value for key, value in attrs.items() if value is not None}, **provenance
    )
    G.add_edge(node, article_node(article_id), key="IN", kind="IN", **provenance)
    if speaker:
        G.add_edge(speaker, node, key="SAID", kind="SAID", **provenance)
    for entity in about:
        G.add_edge(node, entity, key="ABOUT", kind="ABOUT", **provenance)
    if addressee:
        G.add_edge(node, addressee, key="TOLD", kind="TOLD", **provenance)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def remove_article(G: nx.MultiDiGraph, article_id: str, *, refresh: bool = True) -> set[str]:
    """Remove an article and whatever only it supported; returns the entity nodes touched.

    Entities other articles also name stay, minus this article's provenance.
    """
    node = article_node(article_id)
    if node not in G:
        return set()
    G.remove_nodes_from([claim for claim, _, key in G.in_edges(node, keys=True) if key == "IN"])
    entities = [entity for _, entity, key in G.out_edges(node, keys=True) if key == "MENTIONS"]
    for entity in entities:
        _remove_affiliations(G, entity, article_id)
        del G.nodes[entity]["provenance"][article_id]
    G.remove_node(node)
    G.remove_nodes_from([entity for entity in entities if not G.nodes[entity]["provenance"]])
    if refresh:
        refresh_entities(G, entities)
    return set(entities)


def _remove_affiliations(G: nx.MultiDiGraph, person: str, article_id: str) -> None:
    edges = [(u, v) for u, v, key in G.out_edges(person, keys=True) if key == "AFFILIATED_WITH"]
    for u, v in edges:
        provenance = G.edges[u, v, "AFFILIATED_WITH"]["provenance"]
        provenance.pop(article_id, None)
        if not provenance:
            G.remove_edge(u, v, key="AFFILIATED_WITH")


def build_graph(
    articles: Iterable[tuple[int, str, Article]], merged_ids: dict[str, str] | None = None
) -> nx.MultiDiGraph:
    """A graph of (seq, ingested_at, article) in ingest order; linear in the input size."""
    G = new_graph(merged_ids)
    touched: set[str] = set()
    for seq, ingested_at, article in articles:
        touched |= add_article(G, article, seq=seq, ingested_at=ingested_at, refresh=False)
    refresh_entities(G, touched)
    return G


def refresh_entities(G: nx.MultiDiGraph, entities: Iterable[str]) -> None:
    """Recompute the summary attributes of entity nodes (and their affiliations) from provenance.

    Summaries are a function of provenance and article order only, never of the order articles
    were added or removed in, so a graph rebuilt from the store equals the one updated in place.
    """
    for entity in entities:
        if entity in G:
            _refresh_entity(G, entity)
            for u, v, key in list(G.out_edges(entity, keys=True)):
                if key == "AFFILIATED_WITH":
                    _refresh_affiliation(G, G.edges[u, v, key])


def _seq(G: nx.MultiDiGraph, article_id: str) -> int:
    return int(G.nodes[article_node(article_id)]["seq"])


def _refresh_entity(G: nx.MultiDiGraph, entity: str) -> None:
    data = G.nodes[entity]
    articles = sorted(data["provenance"], key=lambda article_id: _seq(G, article_id))
    records = [record for article_id in articles for record in data["provenance"][article_id]]
    own = next((record for record in records if record["id"] == entity), records[0])
    name = own["name"]
    data.update(
        kind=own["type"],
        type=own["type"],
        label=name,
        name=name,
        aliases=_unique((r["name"], *r["aliases"]) for r in records),
        roles=_unique(r["roles"] for r in records),
        mentions=sum(record["mentions"] for record in records),
        articles=articles,
        entity_ids=sorted({record["id"] for record in records}),
    )
    data["aliases"] = [alias for alias in data["aliases"] if alias.casefold() != name.casefold()]


def _refresh_affiliation(G: nx.MultiDiGraph, data: dict[str, Any]) -> None:
    articles = sorted(data["provenance"], key=lambda article_id: _seq(G, article_id))
    data["articles"] = articles
    data["roles"] = _unique(data["provenance"][article_id] for article_id in articles)
    if data["roles"]:
        data["role"] = data["roles"][0]
    else:
        data.pop("role", None)


def _unique(groups: Iterable[Iterable[str]]) -> list[str]:
    """Strings in first-seen order, without case-insensitive repeats."""
    seen: dict[str, str] = {}
    for group in groups:
        for value in group:
            seen.setdefault(value.casefold(), value)
    return list(seen.values())
