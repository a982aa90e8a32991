"""/graph: the whole graph, or an entity's neighbourhood, in the formats visualisers read."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from claimgraph.app.cache import cached
from claimgraph.app.deps import GraphDep, ReadAuth, SettingsDep
from claimgraph.app.errors import error_responses
from claimgraph.graph.service import DEFAULT_MAX_NODES, MAX_NODES

ExportFormat = Literal["node-link", "cytoscape", "graphology", "gexf", "graphml"]

MEDIA_TYPES: dict[str, str] = {
    "node-link": "application/json",  # d3
    "cytoscape": "application/json",  # Cytoscape.js
    "graphology": "application/json",  # sigma.js
    "gexf": "application/gexf+xml",  # Gephi
    "graphml": "application/graphml+xml",  # Gephi, yEd, Cytoscape desktop
}
MAX_DEPTH = 5

router = APIRouter(
    prefix="/graph",
    tags=["graph"],
    dependencies=[ReadAuth],
    responses=error_responses(401, 404, 422),
)


@router.get(
    "",
    response_class=Response,
    responses={
        200: {
            "description": "the graph in the requested format",
            "content": {media_type: {} for media_type in sorted(set(MEDIA_TYPES.values()))},
        }
    },
)
def export_graph(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    export_format: Annotated[ExportFormat, Query(alias="format")] = "node-link",
    entity: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=300,
            description="only the neighbourhood of this entity (id, name or alias) or of "
            'a claim\'s or an article\'s node id ("claim:c-…", "article:a-…")',
        ),
    ] = None,
    depth: Annotated[int, Query(ge=0, le=MAX_DEPTH, description="hops around `entity`")] = 1,
    edges: Annotated[
        Literal["edges", "links"],
        Query(description='the key of the edge list in node-link JSON ("links" for d3)'),
    ] = "edges",
    max_nodes: Annotated[
        int,
        Query(
            ge=1,
            le=MAX_NODES,
            description="most nodes in a neighbourhood: the nearest and best connected are "
            "kept, and the graph's `truncated` attribute says when some were left out",
        ),
    ] = DEFAULT_MAX_NODES,
) -> Response:
    """The graph (or the neighbourhood of `entity`) as node-link JSON (d3), Cytoscape.js JSON,
    graphology JSON (sigma.js), GEXF or GraphML (Gephi).

    A whole graph of more than `CLAIMGRAPH_MAX_EXPORT_NODES` nodes (20,000 by default) is
    refused (422 `graph_too_large`): export an entity's neighbourhood, or the whole graph with
    `claimgraph export`."""
    # A sync route: a whole-graph export takes seconds, and must not hold up the event loop.
    return cached(
        request,
        graph,
        lambda: graph.export(
            export_format,
            entity=entity,
            depth=depth,
            edges_key=edges,
            max_nodes=max_nodes,
            max_graph_nodes=settings.max_export_nodes,
            offload=request.app.state.exports,
        ),
        MEDIA_TYPES[export_format],
    )
