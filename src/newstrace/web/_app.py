"""The ASGI app: HTML pages for people and their JSON twins under /api, over one database file, read-only.

Each request opens its own read-only Store (SQLite WAL: readers never wait for the ingest writer); handlers are
plain methods of one views class per resource (``_views/``), run in Starlette's thread pool.
"""
from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request

from ._data import BadRequest
from ._hosts import HostCheck
from ._site import Site
from ._views import routes

log = logging.getLogger("newstrace.web")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]


class Headers:
    """ASGI middleware: security headers on every response, and the last word on unexpected errors (a 500 in the
    error envelope for /api, an HTML page elsewhere), so no traceback ever reaches a client."""

    def __init__(self, app, render_error):
        self.app = app
        self.render_error = render_error

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:  # noqa: BLE001
            log.exception("error serving %s", scope.get("path"))
            if started:
                raise
            response = self.render_error(scope.get("path", ""), 500, "internal error")
            await response(scope, receive, send_with_headers)


def create_app(db: str, *, allow_ingest: bool = False, host: str | None = None,
               allow_hosts: tuple[str, ...] | list[str] = ()) -> Starlette:
    """The web UI and JSON API over the database file ``db`` (read-only unless ``allow_ingest``). Every request must
    name this server in its Host header (DNS rebinding, ``_hosts``): a loopback name or ``host`` (the address given to
    serve on) with the port served, or one of ``allow_hosts`` on any port."""
    site = Site(db, allow_ingest=allow_ingest, host=host, allow_hosts=allow_hosts)

    async def on_http_error(request: Request, exc: HTTPException):
        response = site.render_error(request.url.path, exc.status_code, str(exc.detail))
        for name, value in (exc.headers or {}).items():  # a 405's Allow
            response.headers[name] = value
        return response

    async def on_bad_request(request: Request, exc: BadRequest):
        return site.render_error(request.url.path, 400, str(exc))

    app = Starlette(routes=routes(site),
                    exception_handlers={HTTPException: on_http_error, BadRequest: on_bad_request})
    # inside Headers: a refused request gets the security headers too. The ingest route makes its own, stricter
    # check (Host, Origin, Sec-Fetch-Site), with its own message.
    app.add_middleware(HostCheck, render_error=site.render_error, served_host=site.host, allowed=site.allowed,
                       exempt=("/api/ingest",) if allow_ingest else ())
    app.add_middleware(Headers, render_error=site.render_error)
    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, allow_ingest: bool = False,
          allow_hosts: tuple[str, ...] | list[str] = ()) -> None:
    """Serve the web UI and JSON API over ``db`` until interrupted (blocking)."""
    import uvicorn

    uvicorn.run(create_app(db, allow_ingest=allow_ingest, host=host, allow_hosts=allow_hosts), host=host, port=port,
                log_level="warning")
