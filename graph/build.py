"""Building the knowledge graph: adding and removing one article's nodes and edges."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

import networkx as nx

from claimgraph.extract.schema import Article, Claim, EntityRef, domain_of
from claimgraph.graph.names import is_single_name
from claimgraph.graph.nodes import (
    EDGE_KINDS,
    ENTITY_KINDS,
    MERGED_IDS,
    SPLITS,
    article_node,
    canonical,
    claim_node,
    is_entity,
    new_graph,
)
from claimgraph.graph.summary import refresh_entities, update_affiliation, update_entity

__all__ = [
    "EDGE_KINDS",
    "ENTITY_KINDS",
    "MERGED_IDS",
    "SPLITS",
    "add_article",
    "article_node",
    "build_graph",
    "canonical",
    "claim_node",
    "clash",
    "entity_records",
    "is_entity",
    "iso_date",
    "local_ids",
    "new_graph",
    "outlet_of",
    "refresh_entities",
    "remove_article",
]

LABEL_CHARS = 80

Record = dict[str, Any]


# Joins an entity id and the article it is scoped to: "person:williamson@a-3f2c…".
SCOPE = "@"


def local_ids(article: Article, splits: dict[str, dict[str, str]] | None = None) -> dict[str, str]:
    """The ids that stand in the graph for some of one article's entity ids:

    - a person named by a single word ("Williamson", "Mr Park"): such a name says nothing
      about who it is in another article, so each article's gets its own node (`id@article`),
      which only a merge (proposed to a person, or made by one) joins to anyone else's;
    - an entity a person split off in this article (`splits`, as G.graph[SPLITS] holds them).

    Every other id stands as it is."""
    found = {
        ref.id: f"{ref.id}{SCOPE}{article.id}"
        for ref in _all_refs(article)
        if ref.type == "person" and SCOPE not in ref.id and is_single_name(ref.name)
    }
    moved = (splits or {}).get(article.id)
    if moved:
        for ref in _all_refs(article):
            local = found.get(ref.id, ref.id)
            seen = {local}
            while local in moved and moved[local] not in seen:  # split again, later
                local = moved[local]
                seen.add(local)
            if local != ref.id:
                found[ref.id] = local
    return found


def _all_refs(article: Article) -> Iterable[EntityRef]:
    yield from article.entities
    yield from _referenced(article)


def entity_records(article: Article, ids: dict[str, str] | None = None) -> dict[str, Record]:
    """What the article says about each entity it names, by entity id in the graph (see
    `local_ids`, computed when not given).

    Entities a claim or affiliation points at but the entity list lacks still get a record, so
    that every edge has both ends and its provenance.
    """
    ids = local_ids(article) if ids is None else ids
    records: dict[str, Record] = {}
    for entity in article.entities:
        records.setdefault(
            ids.get(entity.id, entity.id),
            {
                "id": ids.get(entity.id, entity.id),
                "name": entity.name,
                "type": entity.type,
                "aliases": list(entity.aliases),
                "roles": list(entity.roles),
                "mentions": entity.mentions,
                "spans": [[span.start_char, span.end_char] for span in entity.spans],
            },
        )
    for ref in _referenced(article):
        local = ids.get(ref.id, ref.id)
        records.setdefault(
            local,
            {"id": local, "name": ref.name, "type": ref.type, "aliases": [], "roles": []}
            | {"mentions": 0, "spans": []},
        )
    return records


def _referenced(article: Article) -> Iterable[EntityRef]:
    for entity in article.entities:
        yield from (affiliation.organization for affiliation in entity.affiliations)
    for claim in article.claims:
        refs = [claim.speaker, *claim.about, claim.addressee]
        yield from (ref for ref in refs if ref is not None)


def clash(G: nx.MultiDiGraph, article: Article) -> str | None:
    """Why the article cannot join G, if it cannot: its claim or entity ids would collide."""
    repeated = [claim for claim, n in Counter(c.id for c in article.claims).items() if n > 1]
    if repeated:
        return f"article {article.id!r} repeats claim ids {repeated}"
    taken = [claim.id for claim in article.claims if claim_node(claim.id) in G]
    if taken:
        return f"claim ids {taken} of {article.id!r} belong to another article"
    reserved = [e.id for e in article.entities if e.id.startswith(("claim:", "article:"))]
    return f"entity ids {reserved} use a reserved prefix" if reserved else None


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
    ids = local_ids(article, G.graph.get(SPLITS))
    by_node: dict[str, list[Record]] = defaultdict(list)
    for record in entity_records(article, ids).values():
        by_node[canonical(G, record["id"])].append(record)
    for node_id, records in by_node.items():
        _add_entity_records(G, node_id, article.id, records)
    affiliations = _add_affiliations(G, article, ids)
    for claim in article.claims:
        _add_claim(G, article.id, claim, ids)
    if refresh:
        for node_id in by_node:
            update_entity(G, node_id, article.id)
        for person, organization in sorted(affiliations):
            update_affiliation(G, G.edges[person, organization, "AFFILIATED_WITH"], article.id)
    return set(by_node)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(published: str | None) -> str | None:
    """The calendar date (YYYY-MM-DD) of an article's publication, when it states a valid one:
    what date filters and timelines read ("2021-08-26T14:05:00Z" -> "2021-08-26")."""
    if not published or not _ISO_DATE.match(published):
        return None
    try:
        return date.fromisoformat(published[:10]).isoformat()
    except ValueError:
        return None


def outlet_of(article: Article) -> str | None:
    """Who published an article: the outlet it names, else its source URL's site (articles
    stored before outlets were read name none)."""
    return article.outlet or domain_of(article.source)


def _article_attrs(article: Article, seq: int, ingested_at: str | None) -> dict[str, Any]:
    attrs = {
        "kind": "article",
        "type": "article",
        "label": article.title or article.id,
        "title": article.title,
        "source": article.source,
        "published": article.published,
        "byline": article.byline,
        "outlet": outlet_of(article),
        "domain": domain_of(article.source),
        "date": iso_date(article.published),
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


def _add_affiliations(
    G: nx.MultiDiGraph, article: Article, ids: dict[str, str]
) -> set[tuple[str, str]]:
    """AFFILIATED_WITH edges for the article's affiliations; returns the edges touched."""
    touched = set()
    for entity in article.entities:
        person = canonical(G, ids.get(entity.id, entity.id))
        for affiliation in entity.affiliations:
            organization = canonical(G, affiliation.organization.id)
            if person == organization:
                continue
            if not G.has_edge(person, organization, key="AFFILIATED_WITH"):
                G.add_edge(
                    person,
                    organization,
                    key="AFFILIATED_WITH",
                    kind="AFFILIATED_WITH",
                    provenance={},
                )
            edge = G.edges[person, organization, "AFFILIATED_WITH"]
            roles = edge["provenance"].setdefault(article.id, [])
            if affiliation.role and affiliation.role not in roles:
                roles.append(affiliation.role)
            touched.add((person, organization))
    return touched


def _add_claim(G: nx.MultiDiGraph, article_id: str, claim: Claim, ids: dict[str, str]) -> None:
    node = claim_node(claim.id)
    if node in G:
        raise ValueError(f"claim id {claim.id!r} is already in the graph")
    attrs = _claim_attrs(G, article_id, claim, ids)
    provenance = {
        "articles": [article_id],
        "start_char": claim.start_char,
        "end_char": claim.end_char,
    }
    G.add_node(node, **attrs, **provenance)
    G.add_edge(node, article_node(article_id), key="IN", kind="IN", **provenance)
    if "speaker" in attrs:
        G.add_edge(attrs["speaker"], node, key="SAID", kind="SAID", **provenance)
    for entity in attrs["about"]:
        G.add_edge(node, entity, key="ABOUT", kind="ABOUT", **provenance)
    if "addressee" in attrs:
        G.add_edge(node, attrs["addressee"], key="TOLD", kind="TOLD", **provenance)


def _claim_attrs(
    G: nx.MultiDiGraph, article_id: str, claim: Claim, ids: dict[str, str]
) -> dict[str, Any]:
    """A claim node's attributes, its speaker, about and addressee mapped through the article's
    local ids and the merges."""

    def node(ref: EntityRef) -> str:
        return canonical(G, ids.get(ref.id, ref.id))

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
        # The sentence(s) holding it, by text and start (its end is the start plus the length).
        "context": claim.context.text if claim.context else None,
        "context_start": claim.context.start_char if claim.context else None,
        "article": article_id,
        "speaker": node(claim.speaker) if claim.speaker else None,
        "about": list(dict.fromkeys(node(ref) for ref in claim.about)),
        "addressee": node(claim.addressee) if claim.addressee else None,
    }
    return {key: value for key, value in attrs.items() if value is not None}


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
    articles: Iterable[tuple[int, str, Article]],
    merged_ids: dict[str, str] | None = None,
    splits: dict[str, dict[str, str]] | None = None,
) -> nx.MultiDiGraph:
    """A graph of (seq, ingested_at, article) in ingest order; linear in the input size."""
    G = new_graph(merged_ids, splits)
    touched: set[str] = set()
    for seq, ingested_at, article in articles:
        touched |= add_article(G, article, seq=seq, ingested_at=ingested_at, refresh=False)
    refresh_entities(G, touched)
    return G
