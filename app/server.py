"""uvicorn as `claimgraph serve` runs it: even the HTTP layer's own errors in our JSON shape.

A request uvicorn cannot parse (a request line or headers over the parser's limits, a
malformed request) never reaches the app; uvicorn answers it with a plain-text 400 of its own.
The protocol classes here answer it as every other error is answered (`{"error": {...}}`).
"""

from __future__ import annotations

import logging
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from claimgraph.app.errors import ErrorInfo, ErrorResponse
from claimgraph.app.limits import MAX_HEADER_BYTES

# Seconds a request may still run after SIGTERM before it is cancelled.
SHUTDOWN_GRACE_S = 10
# How often `claimgraph serve`'s threads hand the GIL over (Python's default is 5 ms).
SWITCH_INTERVAL_S = 0.001


def quiet_libraries() -> None:
    """Silence what trafilatura logs about pages it cannot read ("discarding data: None",
    "empty HTML tree"): it names no input, and claimgraph reports every input that yields no
    article itself, by name. For the processes claimgraph owns (the CLI, the server and its
    workers); a library caller's logging is left as it is."""
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def _bad_request(message: str) -> bytes:
    error = ErrorInfo(
        code="bad_request",
        message=f"the request could not be read as HTTP ({message.rstrip('.')}); an over-long "
        "request line or header is the usual cause",
    )
    return ErrorResponse(error=error).model_dump_json().encode()


def _response(default_headers: list[tuple[bytes, bytes]], message: str) -> bytes:
    body = _bad_request(message)
    head = [b"HTTP/1.1 400 Bad Request\r\n"]
    head += [name + b": " + value + b"\r\n" for name, value in default_headers]
    head += [
        b"content-type: application/json\r\n",
        b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
        b"connection: close\r\n\r\n",
    ]
    return b"".join(head) + body


class JsonHttpToolsProtocol(HttpToolsProtocol):
    def send_400_response(self, msg: str) -> None:
        self.transport.write(_response(self.server_state.default_headers, msg))
        self.transport.close()


class JsonH11Protocol(H11Protocol):
    def send_400_response(self, msg: str) -> None:
        self.transport.write(_response(self.server_state.default_headers, msg))
        self.transport.close()


def server_options() -> dict[str, Any]:
    """uvicorn.run's options for the HTTP layer: our error shape and limits."""
    try:
        import httptools  # noqa: F401  (uvicorn[standard]'s faster parser, when installed)

        protocol: type = JsonHttpToolsProtocol
    except ImportError:  # pragma: no cover - httptools is a dependency
        protocol = JsonH11Protocol
    return {
        "http": protocol,
        # The most bytes of request line and headers h11 buffers before refusing the request:
        # the same bound as on headers (app/limits.py), whichever parser serves.
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
        "timeout_graceful_shutdown": SHUTDOWN_GRACE_S,
    }
