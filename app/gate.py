"""Writes without the right API key are refused before their body is read (401)."""

from __future__ import annotations

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Receive, Scope, Send

from claimgraph.app.deps import request_key, require_write_key
from claimgraph.app.errors import error_response, status_code_name
from claimgraph.app.settings import Settings

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class WriteKeyGate:
    """Check the write key of every non-read request first.

    The routes check it too (that is what /docs shows), but FastAPI reads and parses a body
    before it runs a route's dependencies: without the gate a client with no key would be told
    what is wrong with its body (422) instead of 401, and could make the server parse megabytes
    of JSON it was never allowed to send.
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in READ_METHODS:
            try:
                await require_write_key(self.settings, await request_key(Request(scope)))
            except HTTPException as exc:
                response = error_response(
                    exc.status_code,
                    status_code_name(exc.status_code),
                    str(exc.detail),
                    headers=dict(exc.headers) if exc.headers else None,
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
