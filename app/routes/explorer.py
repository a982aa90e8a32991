"""The web explorer: its page at `/` and its files under `/explorer/`, outside the API schema.

The page is a plain client of the public JSON API (it needs nothing the API does not offer);
its files ship in the wheel (app/explorer/), built or vendored in frontend/, so serving it needs
no Node and no network.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response
from starlette.types import Scope

EXPLORER_DIR = Path(__file__).resolve().parent.parent / "explorer"
ASSETS_PATH = "/explorer"

# Everything from this server and nothing else: no inline script or style, no other origin
# (the page must work offline, and a claim's text is never run as code). Blob and data images
# are the PNG export of the graph.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

router = APIRouter(include_in_schema=False)


@router.api_route("/", methods=["GET", "HEAD"])
async def explorer_page() -> Response:
    """The explorer's one page; it finds its way (#/entity/…, #/claims?…) by the URL's hash."""
    return FileResponse(
        EXPLORER_DIR / "index.html",
        media_type="text/html; charset=utf-8",
        headers={**SECURITY_HEADERS, "Cache-Control": "no-cache"},
    )


class ExplorerFiles(StaticFiles):
    """The page's scripts, styles and vendored bundle, with the page's security headers."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers.update(SECURITY_HEADERS)
        response.headers.setdefault("Cache-Control", "no-cache")
        return response


def mount_explorer(app: FastAPI) -> None:
    """Serve the explorer from `app`: the page at `/`, its files under `/explorer/`."""
    app.include_router(router)
    app.mount(ASSETS_PATH, ExplorerFiles(directory=EXPLORER_DIR), name="explorer")
