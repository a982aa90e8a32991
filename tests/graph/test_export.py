"""Every export format, read back with the reader its users have."""

from __future__ import annotations

import io
import json
import re

import networkx as nx
import pytest
from networkx.readwrite import json_graph

from claimgraph.graph import EXPORT_FORMATS, ClaimGraph, EntityNotFound, InvalidQuery
from claimgraph.graph.export import flat_attrs
from claimgraph.graph.views import cite_claims
from tests.graph.factories import Said, bbc_article, ent, make_article, snapshot, threat_article


@pytest.fixture
def loaded(cg: ClaimGraph) -> ClaimGraph:
    cg.ingest(threat_article())
    cg.ingest(bbc_article())
    return cg


def test_every_format_is_a_string(loaded: ClaimGraph) -> None:
    assert EXPORT_FORMATS == ("node-link", "cytoscape", "graphology", "gexf", "graphml")
    for export_format in EXPORT_FORMATS:
        assert isinstance(loaded.export(export_format), str)


@pytest.mark.parametrize("edges_key", ["edges", "links"])
def test_node_link_round_trips(loaded: ClaimGraph, edges_key: str) -> None:
    document = json.loads(loaded.export("node-link", edges_key=edges_key))
    assert edges_key in document
    H = json_graph.node_link_graph(document, edges=edges_key)
    assert H.is_directed() and H.is_multigraph()
    # The graph itself, its claims citing their articles (title, source, date, outlet).
    cited = loaded.graph.copy()
    cite_claims(cited, loaded.graph)
    assert snapshot(H) == snapshot(cited)


def test_gexf_reads_back(loaded: ClaimGraph) -> None:
    H = nx.read_gexf(io.BytesIO(loaded.export("gexf").encode()))
    G = loaded.graph
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    person = H.nodes["person:gavin-williamson"]
    assert person["label"] == "Gavin Williamson"
    assert person["aliases"] == "Mr Williamson; Williamson"
    assert person["mentions"] == 3
    kinds = sorted(data["kind"] for _, _, data in H.edges(data=True))
    assert kinds == sorted(key for _, _, key in G.edges(keys=True))


def test_graphml_reads_back(loaded: ClaimGraph) -> None:
    text = loaded.export("graphml")
    H = nx.read_graphml(io.BytesIO(text.encode()))
    G = loaded.graph
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    claim = f"claim:{threat_article().claims[0].id}"
    assert H.nodes[claim]["text"] == G.nodes[claim]["text"]
    assert H.nodes[claim]["confidence"] == pytest.approx(0.9)
    assert json.loads(H.nodes["place:kabul"]["provenance"]) == G.nodes["place:kabul"]["provenance"]
    edge_ids = re.findall(r'<edge [^>]*\bid="([^"]+)"', text)
    assert len(edge_ids) == len(set(edge_ids)) == G.number_of_edges()


def test_cytoscape_shape(loaded: ClaimGraph) -> None:
    document = json.loads(loaded.export("cytoscape"))
    nodes, edges = document["elements"]["nodes"], document["elements"]["edges"]
    assert {n["data"]["id"] for n in nodes} == set(loaded.graph)
    assert next(n for n in nodes if n["data"]["id"] == "place:kabul")["data"]["name"] == "Kabul"
    ids = [e["data"]["id"] for e in edges]
    assert len(ids) == len(set(ids)) == loaded.graph.number_of_edges()
    assert all({"source", "target", "kind"} <= set(e["data"]) for e in edges)
    H = json_graph.cytoscape_graph(document)
    assert (H.number_of_nodes(), H.number_of_edges()) == (
        loaded.graph.number_of_nodes(),
        loaded.graph.number_of_edges(),
    )


def test_graphology_shape(loaded: ClaimGraph) -> None:
    document = json.loads(loaded.export("graphology"))
    assert document["options"] == {"type": "directed", "multi": True, "allowSelfLoops": True}
    keys = {node["key"] for node in document["nodes"]}
    assert keys == set(loaded.graph)
    assert all(set(node) == {"key", "attributes"} for node in document["nodes"])
    edge_keys = [edge["key"] for edge in document["edges"]]
    assert len(edge_keys) == len(set(edge_keys)) == loaded.graph.number_of_edges()
    for edge in document["edges"]:
        assert edge["source"] in keys and edge["target"] in keys
        assert edge["attributes"]["kind"] in {
            "SAID",
            "ABOUT",
            "TOLD",
            "IN",
            "MENTIONS",
            "AFFILIATED_WITH",
        }


def test_neighbourhood_export_holds_only_nearby_nodes(loaded: ClaimGraph) -> None:
    document = json.loads(loaded.export("node-link", entity="Frank Gardner", depth=1))
    nodes = {node["id"] for node in document["nodes"]}
    claim = f"claim:{bbc_article().claims[0].id}"
    assert nodes == {"person:frank-gardner", claim, f"article:{bbc_article().id}", "org:bbc"}
    wider = json.loads(loaded.export("graphology", entity="Frank Gardner", depth=2))
    within = nx.single_source_shortest_path_length(
        loaded.graph.to_undirected(), "person:frank-gardner", 2
    )
    assert {node["key"] for node in wider["nodes"]} == set(within)
    alone = json.loads(loaded.export("cytoscape", entity="person:frank-gardner", depth=0))
    assert [n["data"]["id"] for n in alone["elements"]["nodes"]] == ["person:frank-gardner"]


def test_bad_export_arguments_raise(loaded: ClaimGraph) -> None:
    with pytest.raises(InvalidQuery, match="export format"):
        loaded.export("dot")
    with pytest.raises(InvalidQuery, match="edges_key"):
        loaded.export("node-link", edges_key="arcs")
    with pytest.raises(InvalidQuery, match="depth"):
        loaded.export("gexf", entity="Kabul", depth=-1)
    with pytest.raises(EntityNotFound):
        loaded.export("gexf", entity="Atlantis")


def test_control_characters_do_not_break_xml(cg: ClaimGraph) -> None:
    speaker = ent("person", "Ann Other")
    cg.ingest(
        make_article(
            "Odd\x0btext", [speaker], [Said("a quote\x0c with\x00 controls", speaker=speaker)]
        )
    )
    for export_format in ("gexf", "graphml"):
        text = cg.export(export_format)
        reader = nx.read_gexf if export_format == "gexf" else nx.read_graphml
        assert reader(io.BytesIO(text.encode())).number_of_nodes() == cg.graph.number_of_nodes()


def test_flat_attrs() -> None:
    assert flat_attrs(
        {"a": None, "b": ["x", "y"], "c": [[1, 2]], "d": {"k": 1}, "e": 3, "f": []}
    ) == {
        "b": "x; y",
        "c": "[[1, 2]]",
        "d": '{"k": 1}',
        "e": 3,
        "f": "",
    }
