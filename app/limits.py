"""Request size limits, enforced before anything is parsed (413, 431, in the API's error shape)."""

from __future__ import annotations

from fastapi import HTTPException
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimgraph.app.errors import error_response

MAX_HEADER_BYTES = 16 * 1024


class BodySizeLimit:
    """Refuse request bodies over `max_body_bytes`.

    A declared `Content-Length` over the limit is refused before anything is read; a chunked
    body is counted as it streams in and refused as soon as it passes the limit, so a client
    cannot make the server buffer an unbounded body.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    def _message(self) -> str:
        return f"request body is larger than the limit of {self.max_body_bytes} bytes"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # The HTTP parser refuses an over-long request line itself (app/server.py) but takes
        # headers of any size: they are refused here, before anything else reads them.
        head = sum(len(name) + len(value) for name, value in scope["headers"])
        if head > MAX_HEADER_BYTES:
            message = f"request headers are {head} bytes, over the limit of {MAX_HEADER_BYTES}"
            response = error_response(431, "headers_too_large", message)
            await response(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            response = error_response(413, "content_too_large", self._message())
            await response(scope, receive, send)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    # Raised inside the route's body read; the HTTP error handler renders it.
                    raise HTTPException(413, self._message())
            return message

        await self.app(scope, counted_receive, send)
