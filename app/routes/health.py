"""/health: is the service up, which model does it run, how much does it hold."""

from __future__ import annotations

from functools import partial
from typing import Any, Literal

import anyio.to_thread
from fastapi import APIRouter, Request
from pydantic import BaseModel

from claimgraph.app.deps import GraphDep

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    model: str
    counts: dict[str, Any]


# Open even when reads need a key: container and load-balancer probes carry no credentials.
# On the event loop, and never waiting for the graph: a probe must answer while an export or an
# ingest holds it (the counts are then those of the last probe that found it free).
@router.get("/health")
async def health(request: Request, graph: GraphDep) -> Health:
    """Liveness and a summary of the store (503 while the store cannot be reached)."""
    counts = (
        graph.health(wait=False)
        if graph.store.quick_version
        # A database across a network is asked from a worker thread, not the event loop.
        else await anyio.to_thread.run_sync(partial(graph.health, wait=False))
    )
    return Health(
        status="ok", version=request.app.version, model=request.app.state.model_name, counts=counts
    )
