"""One APIRouter per resource; `ROUTERS` is the order they appear in /docs."""

from fastapi import APIRouter

from claimgraph.app.routes import (
    articles,
    claims,
    entities,
    graph,
    health,
    jobs,
    merges,
    paths,
    speakers,
)

ROUTERS: list[APIRouter] = [
    articles.router,
    jobs.router,
    entities.router,
    claims.router,
    speakers.router,
    paths.router,
    graph.router,
    merges.router,
    merges.split_router,
    health.router,
]
