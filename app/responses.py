"""JSON responses that pydantic serialises in one step, for the hot read endpoints."""

from __future__ import annotations

from fastapi import Response
from pydantic import BaseModel


def model_json(model: BaseModel) -> Response:
    """The model as JSON, serialised by pydantic-core straight to bytes.

    A route that returns its model leaves FastAPI to validate it again and then serialise it,
    and a sync route pays a second hop to the thread pool for the validation: together more
    than the query itself for a page of claims. Routes using this declare `response_model`, so
    the OpenAPI document still describes the body.
    """
    return Response(content=model.model_dump_json(), media_type="application/json")
