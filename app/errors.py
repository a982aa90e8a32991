"""The API's one error shape, and the handlers that turn every failure into it.

Every error response is `{"error": {"code": ..., "message": ..., "details": [...] | null}}`
with a 4xx/5xx status: domain errors from graph/ and extract/, request validation, HTTP errors
raised by the framework (unknown route, wrong method, auth, body too large) and bugs alike.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from claimgraph.extract import ExtractionError
from claimgraph.extract.errors import ArticleTooLong
from claimgraph.graph.errors import (
    GraphTooLarge,
    InvalidArticle,
    InvalidQuery,
    NotFoundError,
    StoreUnavailable,
    WritePending,
)

logger = logging.getLogger("claimgraph.app")
ExceptionHandler = Callable[[Request, Exception], Awaitable[JSONResponse]]

# A few validation errors say what is wrong; fifty repeat it.
_MAX_REPORTED_ERRORS = 5
# RFC 9110 renamed these; Python's HTTPStatus phrases depend on the Python version.
_RENAMED_STATUSES = {413: "content_too_large", 422: "unprocessable_content"}


class ErrorInfo(BaseModel):
    code: str
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    """What every non-2xx response carries."""

    error: ErrorInfo


class ApiError(Exception):
    """An error the app itself detects (not the graph or the extractor), already HTTP-shaped."""

    def __init__(
        self, status_code: int, code: str, message: str, *, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code
        self.message = message
        self.headers = headers


def error_response(
    status_code: int,
    code: str,
    message: str,
    *,
    details: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorResponse(error=ErrorInfo(code=code, message=message, details=details))
    return JSONResponse(body.model_dump(mode="json"), status_code=status_code, headers=headers)


def status_code_name(status_code: int) -> str:
    """`404` -> `"not_found"`: the machine-readable code of a plain HTTP error."""
    if status_code in _RENAMED_STATUSES:
        return _RENAMED_STATUSES[status_code]
    try:
        phrase = HTTPStatus(status_code).phrase
    except ValueError:
        return "http_error"
    return phrase.lower().replace(" ", "_").replace("-", "_")


def describe_validation_errors(errors: Sequence[Any]) -> tuple[str, list[dict[str, Any]]]:
    """One readable sentence and a compact list (no echo of the input) for a 422."""
    details = [
        {"loc": list(error.get("loc", ())), "msg": error.get("msg", ""), "type": error.get("type")}
        for error in errors
    ]
    parts = []
    for error in errors[:_MAX_REPORTED_ERRORS]:
        if error.get("type") == "json_invalid":
            reason = (error.get("ctx") or {}).get("error", "")
            parts.append(f"body is not valid JSON ({reason})" if reason else "body is not JSON")
            continue
        where = ".".join(str(part) for part in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    if len(errors) > _MAX_REPORTED_ERRORS:
        parts.append(f"and {len(errors) - _MAX_REPORTED_ERRORS} more")
    return "; ".join(parts) or "invalid request", details


# Domain errors raised by graph/ and extract/, and what the client is told for each.
DOMAIN_ERRORS: dict[type[Exception], tuple[int, str]] = {
    NotFoundError: (404, "not_found"),
    InvalidQuery: (422, "invalid_query"),
    GraphTooLarge: (422, "graph_too_large"),
    InvalidArticle: (422, "invalid_article"),
    ArticleTooLong: (413, "article_too_long"),
    ExtractionError: (422, "extraction_failed"),
    # PostgreSQL away (a restart, a network cut) or SQLite locked past its busy timeout:
    # nothing was changed, and the same request will do once the store is back.
    StoreUnavailable: (503, "store_unavailable"),
}


def domain_status(exc: Exception) -> tuple[int, str]:
    """The (status, code) the API answers a domain error with: its own class's entry in
    DOMAIN_ERRORS, else its nearest base class's (as the exception handlers find them)."""
    for cls in type(exc).__mro__:
        if cls in DOMAIN_ERRORS:
            return DOMAIN_ERRORS[cls]
    return 500, "internal_error"


def _domain_error(status_code: int, code: str) -> ExceptionHandler:
    async def handle(request: Request, exc: Exception) -> JSONResponse:
        retry = getattr(exc, "retry_after", None)
        if retry is None:
            return error_response(status_code, code, str(exc))
        # Where the database is and what it said go to the log, not to the client.
        logger.warning("%s %s: %s", request.method, request.url.path, exc)
        return error_response(
            status_code,
            code,
            f"the store is unavailable just now; nothing was changed: try again in {retry} s",
            headers={"Retry-After": str(retry)},
        )

    return handle


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status_code, exc.code, exc.message, headers=exc.headers)


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    message, details = describe_validation_errors(exc.errors())
    return error_response(422, "invalid_request", message, details=details)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers) if exc.headers else {}
    if exc.status_code == 405:
        # Starlette names the methods of the first route whose path matched; a path served by
        # several routes (GET and DELETE /articles/{id}) allows all of theirs.
        headers["Allow"] = ", ".join(allowed_methods(request))
    return error_response(
        exc.status_code, status_code_name(exc.status_code), str(exc.detail), headers=headers or None
    )


def allowed_methods(request: Request) -> list[str]:
    """Every method the API documents at the request's path (the OpenAPI document is the one
    list of routes that does not depend on how FastAPI nests its routers)."""
    methods: set[str] = set()
    for template, operations in request.app.openapi()["paths"].items():
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, request.url.path):
            methods |= {method.upper() for method in operations}
    return sorted(methods)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The traceback goes to the log, never to the client.
    logger.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", "internal server error")


async def _write_pending(request: Request, exc: Exception) -> JSONResponse:
    """A write queued as a job (CLAIMGRAPH_WRITES=jobs) and not done within the wait: 202,
    answered as `POST /articles?queue=true` answers, each job to be followed at its url."""
    ids = exc.job_ids if isinstance(exc, WritePending) else []
    jobs = [{"id": job_id, "state": "queued", "url": f"/jobs/{job_id}"} for job_id in ids]
    headers = {"Location": jobs[0]["url"]} if len(jobs) == 1 else None
    return JSONResponse({"data": jobs, "count": len(jobs)}, status_code=202, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    for error, (status_code, code) in DOMAIN_ERRORS.items():
        app.add_exception_handler(error, _domain_error(status_code, code))
    app.add_exception_handler(WritePending, _write_pending)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


_ERROR_DESCRIPTIONS = {
    400: "Body could not be read (not UTF-8, or nested too deeply)",
    401: "Missing or invalid API key",
    404: "Not found",
    413: "Request too large",
    422: "Invalid request",
    503: "Busy or shutting down: try again after the Retry-After header's seconds",
}


def error_responses(*status_codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for a route's error statuses, so /docs shows the error shape."""
    return {
        code: {"model": ErrorResponse, "description": _ERROR_DESCRIPTIONS[code]}
        for code in status_codes
    }
