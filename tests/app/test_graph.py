"""GET /graph in every format: each one read back the way its consumer would read it."""

from __future__ import annotations

import io
import json
from typing import get_args

import networkx as nx
import pytest
from networkx.readwrite import json_graph

from claimgraph.app.exports import can_fork
from claimgraph.app.routes.graph import MEDIA_TYPES, ExportFormat
from claimgraph.graph import EXPORT_FORMATS
from tests.app.samples import GARDNER, KABUL_AIRPORT, WILLIAMSON, sample_articles
from tests.app.support import MakeClient, TestClient, assert_error


def export(client: TestClient, **params: str | int) -> str:
    response = client.get("/graph", params=params)
    assert response.status_code == 200, response.text
    media_type = MEDIA_TYPES[str(params.get("format", "node-link"))]
    assert response.headers["content-type"].split(";")[0] == media_type
    return response.text


def test_the_api_offers_every_format_the_graph_writes() -> None:
    assert set(get_args(ExportFormat)) == set(EXPORT_FORMATS) == set(MEDIA_TYPES)


@pytest.mark.parametrize("edges", ["edges", "links"])
def test_node_link_round_trip(populated: TestClient, edges: str) -> None:
    document = json.loads(export(populated, format="node-link", edges=edges))
    assert edges in document
    graph = json_graph.node_link_graph(document, edges=edges)
    assert {WILLIAMSON.id, GARDNER.id, KABUL_AIRPORT.id} <= set(graph.nodes)
    assert graph.number_of_edges() == len(document[edges])


def test_node_link_is_the_default(populated: TestClient) -> None:
    document = json.loads(export(populated))
    assert {"nodes", "edges"} <= set(document)


def test_cytoscape(populated: TestClient) -> None:
    document = json.loads(export(populated, format="cytoscape"))
    assert {"nodes", "edges"} <= set(document["elements"])
    graph = json_graph.cytoscape_graph(document)
    assert WILLIAMSON.id in graph


def test_graphology(populated: TestClient) -> None:
    document = json.loads(export(populated, format="graphology"))
    keys = {node["key"] for node in document["nodes"]}
    assert {WILLIAMSON.id, GARDNER.id} <= keys
    assert document["edges"]
    assert all({"source", "target"} <= set(edge) for edge in document["edges"])
    assert all(edge["source"] in keys and edge["target"] in keys for edge in document["edges"])


def test_gexf(populated: TestClient) -> None:
    graph = nx.read_gexf(io.BytesIO(export(populated, format="gexf").encode()))
    assert WILLIAMSON.id in graph
    assert graph.number_of_edges() > 0


def test_graphml(populated: TestClient) -> None:
    graph = nx.read_graphml(io.BytesIO(export(populated, format="graphml").encode()))
    assert WILLIAMSON.id in graph
    assert graph.number_of_edges() > 0


def test_neighbourhood_of_an_entity(populated: TestClient) -> None:
    whole = json_graph.node_link_graph(json.loads(export(populated)), edges="edges")
    around = json.loads(export(populated, entity=KABUL_AIRPORT.id, depth=1))
    near = json_graph.node_link_graph(around, edges="edges")
    assert KABUL_AIRPORT.id in near
    assert 1 < near.number_of_nodes() < whole.number_of_nodes()
    alone = json.loads(export(populated, entity=KABUL_AIRPORT.id, depth=0))
    assert [node["id"] for node in alone["nodes"]] == [KABUL_AIRPORT.id]


def test_empty_graph_exports(client: TestClient) -> None:
    for export_format in EXPORT_FORMATS:
        assert export(client, format=export_format)


@pytest.mark.parametrize(
    "query", ["format=dot", "depth=6", "depth=-1", "edges=arcs", "format=gexf&depth=x"]
)
def test_bad_parameters_are_422(populated: TestClient, query: str) -> None:
    assert_error(populated.get(f"/graph?{query}"), 422, "invalid_request")


def test_unknown_entity_is_404(populated: TestClient) -> None:
    assert_error(populated.get("/graph?entity=person:nobody"), 404, "not_found")


@pytest.mark.skipif(not can_fork(), reason="exports are forked on Linux only")
def test_large_exports_are_written_in_a_process_of_their_own(make_client: MakeClient) -> None:
    """Past CLAIMGRAPH_EXPORT_PROCESS_NODES an export is written by a forked child (so that it
    never takes the interpreter from short queries): the same bytes as in place."""
    in_place, offloaded = make_client(export_process_nodes=0), make_client(export_process_nodes=1)
    for article in sample_articles():
        in_place.app.state.graph.ingest(article)  # type: ignore[attr-defined]
    for export_format in ("gexf", "graphml", "node-link"):
        path = f"/graph?format={export_format}"
        written = offloaded.get(path)
        assert written.status_code == 200
        assert written.content == in_place.get(path).content
    assert offloaded.app.state.exports.forked == 3  # type: ignore[attr-defined]
    assert in_place.app.state.exports.forked == 0  # type: ignore[attr-defined]
    small = offloaded.get("/graph?format=gexf&entity=Taliban&depth=0")
    assert small.status_code == 200
    assert offloaded.app.state.exports.forked == 4  # type: ignore[attr-defined]
