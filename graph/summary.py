"""Summaries of entity nodes and affiliation edges (names, aliases, counts) from provenance.

A summary is a function of the per-article provenance and of article order only, never of the
order articles were added or removed in, so a graph rebuilt from the store equals the one updated
in place. Ingest extends summaries instead of recomputing them: a node named in thousands of
articles must not make every new article cost thousands of steps.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from claimgraph.graph.nodes import article_node


def _seq(G: nx.MultiDiGraph, article_id: str) -> int:
    return int(G.nodes[article_node(article_id)]["seq"])


def _date(G: nx.MultiDiGraph, article_id: str) -> str | None:
    """The article's publication date (YYYY-MM-DD), when it has one."""
    return G.nodes[article_node(article_id)].get("date")


def _is_latest(G: nx.MultiDiGraph, summarised: list[str] | None, article_id: str) -> bool:
    """Whether an article comes after every article a summary already covers."""
    if not summarised:
        return False
    return _seq(G, summarised[-1]) < _seq(G, article_id)


def refresh_entities(G: nx.MultiDiGraph, entities: Iterable[str]) -> None:
    """Recompute the summaries of entity nodes and of their affiliation edges."""
    for entity in entities:
        if entity in G:
            _refresh_entity(G, entity)
            # Straight to the affiliations: a prolific speaker has thousands of SAID edges.
            for edges in G.succ[entity].values():
                if "AFFILIATED_WITH" in edges:
                    _refresh_affiliation(G, edges["AFFILIATED_WITH"])


def update_entity(G: nx.MultiDiGraph, entity: str, article_id: str) -> None:
    """Bring an entity's summary up to date after one article's records were added to it."""
    data = G.nodes[entity]
    records = data["provenance"][article_id]
    if not _is_latest(G, data.get("articles"), article_id) or (
        entity not in data["entity_ids"] and any(r["id"] == entity for r in records)
    ):
        _refresh_entity(G, entity)  # an earlier article, or the node's own name arrives
        return
    name = data["name"]
    aliases = _unique([[name], data["aliases"], *((r["name"], *r["aliases"]) for r in records)])
    data["articles"].append(article_id)  # in place: a hub's list has thousands of ids
    data.update(
        aliases=aliases[1:],
        roles=_unique([data["roles"], *(r["roles"] for r in records)]),
        mentions=data["mentions"] + sum(r["mentions"] for r in records),
        entity_ids=sorted({*data["entity_ids"], *(r["id"] for r in records)}),
    )
    day = _date(G, article_id)
    if day is not None:
        first, last = data.get("first_seen"), data.get("last_seen")
        data["first_seen"] = day if first is None else min(first, day)
        data["last_seen"] = day if last is None else max(last, day)


def update_affiliation(G: nx.MultiDiGraph, edge: dict[str, Any], article_id: str) -> None:
    """Bring an affiliation's summary up to date after one article's roles were added to it."""
    if not _is_latest(G, edge.get("articles"), article_id):
        _refresh_affiliation(G, edge)
        return
    edge["articles"].append(article_id)
    _set_roles(edge, _unique([edge["roles"], edge["provenance"][article_id]]))


def _refresh_entity(G: nx.MultiDiGraph, entity: str) -> None:
    data = G.nodes[entity]
    articles = sorted(data["provenance"], key=lambda article_id: _seq(G, article_id))
    records = [record for article_id in articles for record in data["provenance"][article_id]]
    own = next((record for record in records if record["id"] == entity), records[0])
    name = own["name"]
    aliases = _unique([[name], *((r["name"], *r["aliases"]) for r in records)])
    data.update(
        kind=own["type"],
        type=own["type"],
        label=name,
        name=name,
        aliases=aliases[1:],
        roles=_unique(r["roles"] for r in records),
        mentions=sum(record["mentions"] for record in records),
        articles=articles,
        entity_ids=sorted({record["id"] for record in records}),
    )
    days = [day for article_id in articles if (day := _date(G, article_id)) is not None]
    if days:
        data.update(first_seen=min(days), last_seen=max(days))
    else:
        data.pop("first_seen", None)
        data.pop("last_seen", None)


def _refresh_affiliation(G: nx.MultiDiGraph, edge: dict[str, Any]) -> None:
    articles = sorted(edge["provenance"], key=lambda article_id: _seq(G, article_id))
    edge["articles"] = articles
    _set_roles(edge, _unique(edge["provenance"][article_id] for article_id in articles))


def _set_roles(edge: dict[str, Any], roles: list[str]) -> None:
    edge["roles"] = roles
    if roles:
        edge["role"] = roles[0]
    else:
        edge.pop("role", None)


def _unique(groups: Iterable[Iterable[str]]) -> list[str]:
    """Strings in first-seen order, without case-insensitive repeats."""
    seen: dict[str, str] = {}
    for group in groups:
        for value in group:
            seen.setdefault(value.casefold(), value)
    return list(seen.values())
