"""The Host check on every request of ``newstrace serve`` (DNS rebinding).

A web page the user visits can make its own name (``evil.example``) resolve to 127.0.0.1 and then read this server as
"same origin": everything the API serves. The browser still sends the page's name in the Host header, so a request is
answered only when its Host names this server: a loopback name (127.0.0.1, localhost, ::1) or the address it is
bound to or was given to serve on (``--host``), on the port it serves; or a name the user allows (``--allow-host``),
on any port (a reverse proxy in front may use its own). Anything else, a missing Host included, gets a 403 in the
error envelope. The ingest route checks more (Origin, Sec-Fetch-Site): ``_ingest.write_refusal``.
"""
from __future__ import annotations

from typing import Callable, Iterable
from urllib.parse import urlsplit

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def host_and_port(value: str, default_port: int | None) -> tuple[str, int | None] | None:
    """(name, port) of a Host header or an Origin's netloc, the name lower-case and without IPv6 brackets;
    None when it cannot be parsed."""
    try:
        parts = urlsplit("//" + value)
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname or parts.username is not None or parts.path or parts.query or parts.fragment:
        return None
    return parts.hostname.lower(), port if port is not None else default_port


def normalise_names(names: Iterable[str]) -> frozenset[str]:
    """Allowed names as the Host check compares them: lower-case, without IPv6 brackets."""
    return frozenset(n.strip().strip("[]").lower() for n in names if n and n.strip())


def host_refusal(host: str | None, scope: dict, served_host: str | None = None,
                 allowed: frozenset[str] = frozenset()) -> str | None:
    """Why a request whose Host header is ``host`` is not for this server, or None when it is."""
    server = scope.get("server") or (None, None)
    bound, port = server[0], server[1]
    parsed = host_and_port(host or "", 443 if scope.get("scheme") in ("https", "wss") else 80)
    if parsed is not None and parsed[0] in allowed:
        return None
    own = normalise_names(n for n in (bound, served_host) if n) | set(LOOPBACK_NAMES)
    if parsed is None or parsed[0] not in own or (port is not None and parsed[1] != port):
        return (f"Host {(host or '')[:100]!r} is not this server (serve --allow-host NAME answers to another name)"
                if host else "no Host header, or more than one")
    return None


class HostCheck:
    """ASGI middleware: a request whose Host is not this server gets a 403 (``render_error``: the error envelope under
    /api, a short HTML page elsewhere) before any route sees it. ``exempt`` paths check Host themselves."""

    def __init__(self, app, render_error: Callable, served_host: str | None = None, allowed: Iterable[str] = (),
                 exempt: Iterable[str] = ()):
        self.app = app
        self.render_error = render_error
        self.served_host = served_host
        self.allowed = normalise_names(allowed)
        self.exempt = frozenset(exempt)

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket") or scope.get("path") in self.exempt:
            return await self.app(scope, receive, send)
        hosts = [v for k, v in scope.get("headers") or [] if k.lower() == b"host"]
        host = hosts[0].decode("latin-1") if len(hosts) == 1 else None
        refusal = host_refusal(host, scope, self.served_host, self.allowed)
        if refusal is None:
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":  # none are served; refuse the handshake all the same
            await send({"type": "websocket.close", "code": 1008})
            return
        response = self.render_error(scope.get("path", ""), 403, f"refused: {refusal}")
        await response(scope, receive, send)
