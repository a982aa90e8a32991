"""StoreGraph, which answers from the store's graph tables and holds no graph, gives the
answers the in-memory ClaimGraph gives on the same store: lists, searches, views,
neighbourhoods, paths, timelines and exports."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

import networkx as nx
import pytest

from claimgraph.graph import ClaimGraph
from claimgraph.graph.errors import ClaimGraphError
from claimgraph.graph.reader import StoreGraph
from claimgraph.graph.store import open_store
from tests.backends import postgres_schema
from tests.graph.factories import bbc_article, threat_article
from tests.graph.identity_set import generate


@pytest.fixture(scope="module")
def both() -> Iterator[tuple[ClaimGraph, StoreGraph]]:
    with postgres_schema() as url, ClaimGraph(open_store(url)) as graph:
        data = generate(n_articles=60, n_people=20, seed=41)
        for article in [threat_article(), bbc_article(), *data.articles]:
            graph.ingest(article)
        rng = random.Random(41)
        for merge in graph.merges(status="proposed", limit=1000).data[:8]:
            if rng.random() < 0.5:
                graph.accept_merge(merge.id, by="test")
        reader = StoreGraph(open_store(url))
        yield graph, reader
        reader.close()


def _same(call: Any) -> None:
    """The call gives the same on both, an answer or an error of the same kind."""
    graph, reader = call.both
    results = []
    for side in (graph, reader):
        try:
            results.append(("ok", call(side)))
        except ClaimGraphError as error:
            results.append((type(error).__name__, str(error)))
    assert results[0] == results[1]


class Call:
    def __init__(self, both: tuple[ClaimGraph, StoreGraph], method: str, *args: Any, **kw: Any):
        self.both, self.method, self.args, self.kw = both, method, args, kw

    def __call__(self, side: Any) -> Any:
        found = getattr(side, self.method)(*self.args, **self.kw)
        if self.method == "export":  # nodes and edges in any order
            return _unordered(json.loads(found))
        if isinstance(found, bytes):
            return json.loads(found)
        if isinstance(found, nx.MultiDiGraph):
            return _graph(found)
        return found.model_dump() if hasattr(found, "model_dump") else found


def _unordered(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _unordered(item) for key, item in value.items()}
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return sorted(
            (_unordered(item) for item in value), key=lambda x: json.dumps(x, sort_keys=True)
        )
    return value


def _graph(G: nx.MultiDiGraph) -> Any:
    return (
        {node: json.dumps(data, sort_keys=True) for node, data in G.nodes(data=True)},
        {(u, v, k): json.dumps(d, sort_keys=True) for u, v, k, d in G.edges(keys=True, data=True)},
        json.dumps(G.graph, sort_keys=True),
    )


def _names(graph: ClaimGraph) -> list[str]:
    people = sorted(
        (n for n, kind in graph.graph.nodes(data="kind") if kind in ("person", "organization")),
        key=lambda n: -graph.graph.nodes[n]["mentions"],
    )
    return people[:6] + people[-3:]


def test_entity_lists_and_searches(both: tuple[ClaimGraph, StoreGraph]) -> None:
    graph, _ = both
    refs = _names(graph)
    needles = ["", "a", "on", "Kabul", "william", "IS", "isis-k", "bbc", "zzz", "%", "_"]
    needles += [graph.graph.nodes[n]["name"] for n in refs]
    needles += [graph.graph.nodes[n]["name"].split()[-1].lower() for n in refs]
    for q in needles:
        for type_ in (None, "person", "organization", "place"):
            _same(Call(both, "entities_json", q=q, type=type_, limit=20))
    _same(Call(both, "entities_json", limit=7, offset=5))
    _same(Call(both, "entities", type="spaceship"))
    for ref in [*refs, "Mr Williamson", "williamson", "nobody", "person:gavin-williamson"]:
        _same(Call(both, "entity_json", ref))
        _same(Call(both, "entity", ref))
        _same(Call(both, "entity_articles", ref, limit=3, offset=1))
    merged = next(iter(graph.graph.graph["merged_ids"]), None)
    if merged:
        _same(Call(both, "entity_json", merged))


def test_claim_lists(both: tuple[ClaimGraph, StoreGraph]) -> None:
    graph, _ = both
    refs = _names(graph)
    filters: list[dict[str, Any]] = [
        {},
        {"kind": "indirect"},
        {"kind": "nonsense"},
        {"cue_class": "warn"},
        {"q": "claim 1"},
        {"q": "%"},
        {"since": "2021"},
        {"until": "2021-08"},
        {"since": "2020-13"},
        {"source": "seeds/threat.txt"},
        {"outlet": "example.com"},
        {"article": threat_article().id},
        {"article": "a-missing"},
        {"addressee": "Sky News"},
    ]
    for ref in refs:
        filters += [{"speaker": ref}, {"about": ref}, {"speaker": ref, "since": "2020-06"}]
    for given in filters:
        _same(Call(both, "claims_json", **given, limit=10))
        _same(Call(both, "claims_json", **given, limit=3, offset=2))
        _same(Call(both, "claims_csv", **given))
    _same(Call(both, "claims", speaker=refs[0]))
    for ref in refs:
        _same(Call(both, "speakers", about=ref))
        _same(Call(both, "speakers", about=ref, until="2020", limit=2, offset=1))
        for interval in ("day", "month", "year"):
            _same(Call(both, "timeline", ref, interval=interval))
        _same(Call(both, "timeline", ref, role="about", cue_class="assert"))


def test_counts_articles_and_merges(both: tuple[ClaimGraph, StoreGraph]) -> None:
    _same(Call(both, "health"))
    _same(Call(both, "articles", limit=5, offset=3))
    _same(Call(both, "article", threat_article().id))
    _same(Call(both, "merges", status="proposed"))
    _same(Call(both, "splits"))


def test_neighbourhoods_paths_and_exports(both: tuple[ClaimGraph, StoreGraph]) -> None:
    graph, _ = both
    refs = _names(graph)
    for ref in refs:
        for depth, max_nodes in ((0, None), (1, None), (2, 40), (2, 2000), (3, 15)):
            _same(Call(both, "neighbourhood", ref, depth=depth, max_nodes=max_nodes))
    for source, target in zip(refs, reversed(refs), strict=False):
        for max_length in (2, 4, 5):
            _same(Call(both, "paths", source, target, max_length=max_length, limit=5))
    for fmt in ("node-link", "cytoscape", "graphology"):
        _same(Call(both, "export", fmt, entity=refs[0], depth=2))
    _same(Call(both, "export", "node-link"))
    _same(Call(both, "export", "gexf", max_graph_nodes=10))


def test_writes_go_to_a_writer_made_on_first_use(both: tuple[ClaimGraph, StoreGraph]) -> None:
    _, reader = both
    assert reader._writer is None
