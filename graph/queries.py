"""Queries over the knowledge graph: pure functions of G with keyword-only options."""

from __future__ import annotations

import heapq
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

import networkx as nx

from claimgraph.extract.schema import slug
from claimgraph.graph.build import ENTITY_KINDS, article_node, canonical, is_entity
from claimgraph.graph.claim_index import (
    EDGES,
    ClaimIndex,
    article_claims,
    claim_keys,
    linked_claims,
)
from claimgraph.graph.errors import EntityNotFound, InvalidQuery
from claimgraph.graph.search import EXACT_ALIAS, EXACT_NAME, EntitySearch, text_tier

# Upper bound on search steps in `paths`: dense hubs (an article naming fifty entities) make the
# number of simple paths explode, and a query must answer in bounded time whatever the graph.
MAX_PATH_STEPS = 200_000
_PATH_ORDER = {"claim": 0, "article": 2}  # entities in between


def entities(G: nx.MultiDiGraph, *, type: str | None = None) -> Iterator[str]:
    """Entity nodes, optionally of one type (person, organization, place)."""
    for node, kind in G.nodes(data="kind"):
        if kind in ENTITY_KINDS and (type is None or kind == type):
            yield node


def _match_rank(
    node: str, data: dict[str, Any], needle: str, needle_slug: str | None
) -> int | None:
    name = data["name"].casefold()
    ids = data.get("entity_ids") or [node]
    if (
        name == needle
        or needle in (node, *ids)
        or any(i.split(":", 1)[-1] == needle_slug for i in ids)
    ):
        return EXACT_NAME
    return text_tier(name, [alias.casefold() for alias in data["aliases"]], needle)


def _by_prominence(G: nx.MultiDiGraph, node: str) -> tuple[int, str, str]:
    data = G.nodes[node]
    return (-data["mentions"], data["name"].casefold(), node)


def ranked_entities(
    G: nx.MultiDiGraph,
    *,
    q: str | None = None,
    type: str | None = None,
    search: EntitySearch | None = None,
) -> list[tuple[int, str]]:
    """(match tier, node) of entities matching q, best first; every entity when q is empty.

    `search`, an index kept in step with G, answers the same without walking G.
    """
    if search is not None:
        return search.ranked(q, type=type)
    needle = (q or "").strip().casefold()
    if not needle:
        return [
            (EXACT_NAME, node)
            for node in sorted(entities(G, type=type), key=lambda n: _by_prominence(G, n))
        ]
    # slug() names a string with no letters or digits "unnamed"; such a query matches no id.
    needle_slug = slug(needle) if any(char.isalnum() for char in needle) else None
    ranked = []
    for node in entities(G, type=type):
        rank = _match_rank(node, G.nodes[node], needle, needle_slug)
        if rank is not None:
            ranked.append((rank, node))
    return sorted(ranked, key=lambda item: (item[0], *_by_prominence(G, item[1])))


def find_entities(
    G: nx.MultiDiGraph,
    *,
    q: str | None = None,
    type: str | None = None,
    search: EntitySearch | None = None,
) -> list[str]:
    """Entities whose name or alias contains q (case-insensitive), ranked.

    Exact name first, then exact alias, whole words, the start of a name or of one of its
    words, anywhere; within a tier by mention count.
    """
    return [node for _, node in ranked_entities(G, q=q, type=type, search=search)]


def resolve_entity(G: nx.MultiDiGraph, ref: str, *, search: EntitySearch | None = None) -> str:
    """The node of an entity given its id, a merged id, or its exact name or alias.

    An ambiguous name resolves to the best-ranked entity (most mentioned). Partial names do not
    resolve: a filter on "Will" must not silently mean "Gavin Williamson".
    """
    ref = ref.strip()
    node = canonical(G, ref)
    if is_entity(G, node):
        return node
    if search is not None:
        found = search.best_exact(ref)
        if found is None:
            raise EntityNotFound(ref)
        return found
    ranked = ranked_entities(G, q=ref) if ref else []
    if ranked and ranked[0][0] <= EXACT_ALIAS:
        return ranked[0][1]
    raise EntityNotFound(ref)


def claim_order(G: nx.MultiDiGraph, claim: str) -> tuple[int, int, int, str]:
    """Claims sort by article ingest order, then by where they stand in the article."""
    return claim_keys(G, [claim])[claim]


def claims(
    G: nx.MultiDiGraph,
    *,
    speaker: str | None = None,
    about: str | None = None,
    addressee: str | None = None,
    article: str | None = None,
    kind: str | None = None,
    q: str | None = None,
    cue_class: str | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    outlet: str | None = None,
    index: ClaimIndex | None = None,
) -> list[str]:
    """Claim nodes matching every filter given, in `claim_order`.

    speaker, about and addressee are entity ids (merged ids allowed); article is an article id;
    kind a claim kind; q a case-insensitive substring of the claim's text; cue_class the class
    of its cue. since and until (YYYY-MM-DD, both included) keep claims of articles published
    in that range: an article with no date is outside every range. source is an article's
    source exactly; outlet an outlet's name or domain (see `outlet_matches`). `index`, a
    ClaimIndex kept in step with G, gives the same answer without collecting and sorting an
    entity's claims.
    """
    linked = [
        (relation, canonical(G, node))
        for relation, node in (("speaker", speaker), ("about", about), ("addressee", addressee))
        if node is not None
    ]
    pools: list[set[str]] = []
    if article is not None:
        pools.append(article_claims(G, article))
    ordered: list[str] | None = None
    if index is not None and linked:
        # The shortest of the entities' lists, already in order, filtered by the others.
        lists = sorted((index.claims_of(G, *link) for link in linked), key=len)
        ordered = lists[0]
        pools += [set(found) for found in lists[1:]]
    else:
        pools += [
            linked_claims(G, node, EDGES[relation][0], outgoing=EDGES[relation][1])
            for relation, node in linked
        ]
    needle = q.casefold() if q else None
    nodes = G._node  # the attribute dicts themselves: NodeView lookups cost a call each
    published_in = article_test(G, since=since, until=until, source=source, outlet=outlet)

    def wanted(claim: str) -> bool:
        data = nodes[claim]
        return (
            all(claim in pool for pool in pools)
            and (kind is None or data["type"] == kind)
            and (cue_class is None or data.get("cue_class") == cue_class)
            and (needle is None or needle in data["text"].casefold())
            and (published_in is None or published_in(data["article"]))
        )

    if ordered is not None:
        if (
            not pools
            and kind is None
            and needle is None
            and cue_class is None
            and published_in is None
        ):
            return list(ordered)
        return [claim for claim in ordered if wanted(claim)]
    candidates: Iterable[str]
    if pools:
        candidates = smallest = min(pools, key=len)
        pools.remove(smallest)
    else:
        candidates = (node for node, data in nodes.items() if data.get("kind") == "claim")
    selected = [claim for claim in candidates if wanted(claim)]
    return index.sorted(G, selected) if index is not None else sorted_claims(G, selected)


def article_test(
    G: nx.MultiDiGraph,
    *,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    outlet: str | None = None,
) -> Callable[[str], bool] | None:
    """Whether an article (by id) was published within [since, until], at `source`, by
    `outlet`; None when no such filter is given. Each article is looked at once."""
    if since is None and until is None and source is None and outlet is None:
        return None
    nodes = G._node
    known: dict[str, bool] = {}

    def test(article_id: str) -> bool:
        found = known.get(article_id)
        if found is None:
            data = nodes[article_node(article_id)]
            day = data.get("date")
            found = known[article_id] = (
                (since is None or (day is not None and day >= since))
                and (until is None or (day is not None and day <= until))
                and (source is None or data.get("source") == source)
                and (outlet is None or outlet_matches(data, outlet))
            )
        return found

    return test


def outlet_matches(article: dict[str, Any], outlet: str) -> bool:
    """Whether an article node was published by `outlet`: its outlet's name or its site's
    domain, in any case ("BBC News", "bbc.co.uk"; "bbc.co.uk" also takes "news.bbc.co.uk")."""
    needle = outlet.strip().casefold().removeprefix("www.")
    name = article.get("outlet")
    domain = article.get("domain")
    return bool(
        (name and name.casefold() == needle)
        or (domain and (domain == needle or domain.endswith("." + needle)))
    )


def day_bound(value: str, *, last: bool = False) -> str:
    """A date filter as YYYY-MM-DD: "2021", "2021-08" or "2021-08-26"; a year or a month
    stands for its first day, or with `last` for its last ("until=2021-08" takes all August).

    >>> day_bound("2021-08"), day_bound("2021-08", last=True), day_bound("2020", last=True)
    ('2021-08-01', '2021-08-31', '2020-12-31')
    """
    text = value.strip()
    try:
        if re.fullmatch(r"[0-9]{4}", text):
            return f"{text}-12-31" if last else f"{text}-01-01"
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}", text):
            year, month = int(text[:4]), int(text[5:])
            first = date(year, month, 1)
            if not last:
                return first.isoformat()
            following = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1).isoformat()
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise InvalidQuery(f"{value!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY")


def sorted_claims(G: nx.MultiDiGraph, claims: Iterable[str]) -> list[str]:
    """Claims in `claim_order`."""
    keys = claim_keys(G, claims)
    return sorted(keys, key=keys.__getitem__)


def claims_by(G: nx.MultiDiGraph, entity_id: str) -> list[str]:
    return claims(G, speaker=entity_id)


def claims_about(G: nx.MultiDiGraph, entity_id: str) -> list[str]:
    return claims(G, about=entity_id)


def speakers_about(
    G: nx.MultiDiGraph, entity_id: str, *, index: ClaimIndex | None = None, **filters: Any
) -> list[tuple[str, int]]:
    """Who made claims about the entity, with how many; most claims first. `filters` are
    those of `claims` (since, until, cue_class, …)."""
    counts: Counter[str] = Counter()
    for claim in claims(G, about=entity_id, index=index, **filters):
        counts.update(speaker for speaker, _, key in G.in_edges(claim, keys=True) if key == "SAID")
    return sorted(
        counts.items(), key=lambda item: (-item[1], G.nodes[item[0]]["name"].casefold(), item[0])
    )


INTERVALS = ("day", "week", "month", "year")
# A timeline longer than this many periods is refused: the caller asks for a longer interval.
MAX_PERIODS = 3660
UNCLASSIFIED = "unclassified"  # the cue class of a claim whose cue has none ("according to")


def period(day: str, interval: str) -> date:
    """The first day of the period (of `interval`) that holds `day`; weeks start on Monday."""
    when = date.fromisoformat(day)
    if interval == "day":
        return when
    if interval == "week":
        return date.fromordinal(when.toordinal() - when.weekday())
    if interval == "month":
        return when.replace(day=1)
    return when.replace(month=1, day=1)


def _next_period(start: date, interval: str) -> date:
    if interval == "day":
        return date.fromordinal(start.toordinal() + 1)
    if interval == "week":
        return date.fromordinal(start.toordinal() + 7)
    if interval == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def period_label(start: date, interval: str) -> str:
    """ "2021-08-26" (day), "2021-W34" (ISO week), "2021-08" (month), "2021" (year)."""
    if interval == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.isoformat()[: {"day": 10, "month": 7, "year": 4}[interval]]


def timeline(
    G: nx.MultiDiGraph, claims: Iterable[str], *, interval: str = "month"
) -> tuple[list[dict[str, Any]], int]:
    """Claims counted per period of their articles' publication dates, by cue class: every
    period from the first to the last, empty ones included (a chart's x axis), and the
    number of claims whose article has no date. Raises InvalidQuery past MAX_PERIODS."""
    if interval not in INTERVALS:
        raise InvalidQuery(f"unknown interval {interval!r}; use one of {', '.join(INTERVALS)}")
    nodes = G._node
    counts: dict[date, Counter[str]] = {}
    undated = 0
    for claim in claims:
        data = nodes[claim]
        day = nodes[article_node(data["article"])].get("date")
        if day is None:
            undated += 1
            continue
        counts.setdefault(period(day, interval), Counter())[
            data.get("cue_class") or UNCLASSIFIED
        ] += 1
    buckets: list[dict[str, Any]] = []
    if counts:
        start, last = min(counts), max(counts)
        while start <= last:
            if len(buckets) == MAX_PERIODS:
                raise InvalidQuery(
                    f"the timeline would have more than {MAX_PERIODS} periods of a {interval}: "
                    "ask for a longer interval or a shorter range (since, until)"
                )
            following = _next_period(start, interval)
            found = counts.get(start, Counter())
            buckets.append(
                {
                    "period": period_label(start, interval),
                    "start": start.isoformat(),
                    "end": date.fromordinal(following.toordinal() - 1).isoformat(),
                    "claims": sum(found.values()),
                    "cue_classes": dict(sorted(found.items())),
                }
            )
            start = following
    return buckets, undated


def cue_class_counts(G: nx.MultiDiGraph, claims: Iterable[str]) -> dict[str, int]:
    """How many of the claims have each cue class, dated or not, most frequent first."""
    nodes = G._node
    found = Counter(nodes[claim].get("cue_class") or UNCLASSIFIED for claim in claims)
    return dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))


def _neighbours(G: nx.MultiDiGraph, node: str) -> list[str]:
    # Sorted so that results do not depend on the order edges were added in; among paths of one
    # length, those through claims (who said what) come before mere co-mention in an article.
    def order(neighbour: str) -> tuple[int, str]:
        return (_PATH_ORDER.get(G.nodes[neighbour].get("kind"), 1), neighbour)

    return sorted(set(G.succ[node]) | set(G.pred[node]), key=order)


def edge_kinds(G: nx.MultiDiGraph, u: str, v: str) -> str:
    """The kinds of the edges joining two nodes either way, e.g. "ABOUT" or "ABOUT|TOLD"."""
    return "|".join(sorted(set(G.succ[u].get(v, {})) | set(G.pred[u].get(v, {}))))


def paths(
    G: nx.MultiDiGraph, source: str, target: str, *, max_length: int = 4, limit: int = 10
) -> list[list[str]]:
    """Up to `limit` shortest simple paths (as node lists) between two nodes, ignoring direction.

    Paths are found by increasing length up to `max_length` edges; the search is pruned by the
    distance to the target and stops after MAX_PATH_STEPS steps, so it is bounded on any graph.
    """
    if source not in G or target not in G or limit < 1:
        return []
    if source == target:
        return [[source]]
    distance = distances(G, target, cutoff=max_length)
    if source not in distance:
        return []
    found: list[list[str]] = []
    budget = [MAX_PATH_STEPS]
    for length in range(distance[source], max_length + 1):
        for path in _paths_of_length(G, [source], target, length, distance, budget):
            found.append(path)
            if len(found) == limit:
                return found
        if budget[0] <= 0:
            break
    return found


def _paths_of_length(
    G: nx.MultiDiGraph,
    path: list[str],
    target: str,
    length: int,
    distance: dict[str, int],
    budget: list[int],
) -> Iterator[list[str]]:
    left = length - (len(path) - 1)
    for neighbour in _neighbours(G, path[-1]):
        budget[0] -= 1
        if budget[0] <= 0:
            return
        if neighbour in path or distance.get(neighbour, length + 1) > left - 1:
            continue
        if neighbour == target:
            if left == 1:
                yield [*path, neighbour]
            continue
        yield from _paths_of_length(G, [*path, neighbour], target, length, distance, budget)


def neighbourhood(
    G: nx.MultiDiGraph, node: str, *, depth: int = 1, max_nodes: int | None = None
) -> nx.MultiDiGraph:
    """The subgraph of nodes within `depth` edges of a node, either direction (a copy).

    Breadth-first up to `depth` only: the rest of the graph is never visited. At most
    `max_nodes` nodes: nearer hops first and, within the hop that overflows, people,
    organisations and places before claims before articles, the best connected first; the
    graph's `truncated` attribute then says so. Provenance is cut to the articles in the
    neighbourhood: an entity the whole corpus names ("Nato") brings the list of the articles
    shown here, not of thousands elsewhere; `articles_total` keeps the count.
    """
    within = distances(G, node, cutoff=depth, enough=max_nodes)
    within, truncated = bounded(within, max_nodes, lambda n, hops: _keep_first(G, n, hops))
    H = G.subgraph(within).copy()
    merged = H.graph.get("merged_ids")
    if isinstance(merged, dict):  # the merges that concern what is shown, not all of them
        H.graph["merged_ids"] = {old: new for old, new in merged.items() if new in H}
    return trimmed(H, truncated=truncated, max_nodes=max_nodes)


def bounded(
    within: dict[str, int],
    max_nodes: int | None,
    order: Callable[[str, int], tuple[int, int, int, str]],
) -> tuple[dict[str, int], bool]:
    """A neighbourhood's nodes (node -> hops) cut to `max_nodes`: whole hops while they fit,
    and of the hop that overflows those first in `order` (see `_keep_first`)."""
    truncated = max_nodes is not None and len(within) > max_nodes
    if max_nodes is None or not truncated:
        return within, False
    last = max(within.values())
    kept = {n: hops for n, hops in within.items() if hops < last}
    overflow = [n for n, hops in within.items() if hops == last]
    best = heapq.nsmallest(max_nodes - len(kept), overflow, key=lambda n: order(n, last))
    return {**kept, **dict.fromkeys(best, last)}, True


def trimmed(
    H: nx.MultiDiGraph,
    *,
    truncated: bool,
    max_nodes: int | None,
    done: frozenset[str] = frozenset(),
) -> nx.MultiDiGraph:
    """A neighbourhood H (a copy) marked as cut or not, its provenance cut to the articles it
    shows (`done`: nodes whose provenance the caller already cut)."""
    H.graph["truncated"] = truncated
    if max_nodes is not None:
        H.graph["max_nodes"] = max_nodes
    shown = shown_articles(H)
    if shown:
        place = {article: i for i, article in enumerate(shown)}
        for node, attrs in H.nodes(data=True):
            if node not in done:
                _trim_provenance(attrs, shown, place)
        for _, _, attrs in H.edges(data=True):
            _trim_provenance(attrs, shown, place)
    return H


def shown_articles(H: nx.MultiDiGraph) -> list[str]:
    """The ids of the articles whose nodes H holds, in ingest order."""
    return sorted(
        (n.removeprefix("article:") for n in H if str(n).startswith("article:")),
        key=lambda article: (H.nodes[article_node(article)].get("seq", 0), article),
    )


_KIND_ORDER = {"person": 0, "organization": 0, "place": 0, "claim": 1, "article": 2}


def _keep_first(G: nx.MultiDiGraph, node: str, hops: int) -> tuple[int, int, int, str]:
    kind = G.nodes[node].get("kind", "")
    return hops, _KIND_ORDER.get(kind, 3), -G.degree(node), node


def _trim_provenance(attrs: dict[str, Any], shown: list[str], place: dict[str, int]) -> None:
    """Keep the provenance of the `shown` articles only, in article order (new objects: G's
    stay as they are). `shown` is in article order and `place` gives each one's index.

    Whichever is shorter is walked: a hub's thousands of articles, or the articles shown.
    """
    articles = attrs.get("articles")
    provenance = attrs.get("provenance")
    if isinstance(provenance, dict) and len(provenance) > 1:
        if len(provenance) <= len(shown):
            kept = sorted((a for a in provenance if a in place), key=place.__getitem__)
        else:
            kept = [a for a in shown if a in provenance]
        attrs["provenance"] = {a: provenance[a] for a in kept}
        # An entity's or affiliation's `articles` are its provenance's, in article order.
        if isinstance(articles, list) and len(articles) == len(provenance):
            attrs["articles_total"] = len(articles)
            attrs["articles"] = kept
            return
    if isinstance(articles, list) and len(articles) > 1:
        attrs["articles_total"] = len(articles)
        attrs["articles"] = [a for a in articles if a in place]


def distances(
    G: nx.MultiDiGraph, source: str, *, cutoff: int, enough: int | None = None
) -> dict[str, int]:
    """Hops from `source` to every node within `cutoff` of it, edge direction ignored; if
    `enough` is given, the search stops after the first hop that takes the count beyond it
    (a neighbourhood cut to `enough` nodes needs no farther node).

    Breadth-first over successors and predecessors. networkx's undirected view of G would do
    the same, but building that view costs time in proportion to the whole graph (50 ms at
    10,000 articles), which a neighbourhood query must not pay.
    """

    def neighbours(frontier: list[str]) -> Iterator[Iterable[str]]:
        for node in frontier:
            yield itertools.chain(G.succ[node], G.pred[node])

    return breadth_first(source, neighbours, cutoff=cutoff, enough=enough)


def breadth_first(
    source: str,
    neighbours: Callable[[list[str]], Iterable[Iterable[str]]],
    *,
    cutoff: int,
    enough: int | None = None,
) -> dict[str, int]:
    """`distances` over any graph: `neighbours(frontier)` gives the neighbours of each node
    of a hop at once (the graph's tables answer a hop in one query)."""
    seen = {source: 0}
    frontier = [source]
    for hops in range(1, cutoff + 1):
        next_frontier = []
        for found in neighbours(frontier):
            for neighbour in found:
                if neighbour not in seen:
                    seen[neighbour] = hops
                    next_frontier.append(neighbour)
        if not next_frontier or (enough is not None and len(seen) > enough):
            break
        frontier = next_frontier
    return seen
