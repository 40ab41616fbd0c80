"""What every view shares: the database file, the templates, one read-only Store per request, error pages in the
JSON envelope or as HTML, the common query parameters, and list endpoints (a page in the envelope, or every item as
CSV / JSON Lines)."""
from __future__ import annotations

import csv
import io
import json
import os
import threading
from typing import Callable
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse

from ..store import Store
from . import _data, _render
from ._data import BadRequest, ClaimFilter
from ._hosts import normalise_names
from ._openapi import openapi

HERE = os.path.dirname(os.path.abspath(__file__))
FORMATS = ("json", "csv", "jsonl")

# fetch(store, limit, cursor) -> (items, next cursor or None): one page of a list endpoint
Fetch = Callable[[Store, int, "str | None"], "tuple[list[dict], str | None]"]


class Site:
    """One served database: ``db`` (read-only unless ``allow_ingest``), the address served on (``host``) and the
    other names it answers to (``allowed``), the templates, the OpenAPI document, and the lock writers take."""

    def __init__(self, db: str, *, allow_ingest: bool = False, host: str | None = None,
                 allow_hosts: tuple[str, ...] | list[str] = ()) -> None:
        self.db = os.path.abspath(db)
        self.allow_ingest = allow_ingest
        self.host = host
        self.allowed = normalise_names(allow_hosts)
        self.spec = openapi(allow_ingest)
        self.write_lock = threading.Lock()
        self.static_dir = os.path.join(HERE, "static")
        self.env = Environment(loader=FileSystemLoader(os.path.join(HERE, "templates")),
                               autoescape=select_autoescape(default=True, default_for_string=True))
        self.env.globals.update(speaker_href=_render.speaker_href, safe_url=_render.safe_url, actions=_data.ACTIONS,
                                source_types=_data.SOURCE_TYPES, sorts=_data.SORTS, allow_ingest=allow_ingest)

    def store(self) -> Store:
        """A read-only Store for one request, closed by its ``with`` (SQLite WAL: readers never wait for the ingest
        writer)."""
        return Store(self.db, readonly=True)

    def page(self, template: str, status: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(template).render(**context), status_code=status)

    def render_error(self, path: str, status: int, message: str) -> Response:
        """The error in the JSON envelope under /api, else as an HTML page."""
        if path.startswith("/api/") or path == "/api":
            return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)
        return self.page("error.html", status=status, status_code=status, message=message, title=f"Error {status}")

    def listing(self, request: Request, fetch: Fetch, columns: list[str], name: str) -> Response:
        """A list endpoint: one page in the envelope, or every item from the cursor on as CSV / JSON Lines."""
        fmt = format_of(request)
        cursor = request.query_params.get("cursor")
        limit = limit_of(request)
        with self.store() as s:  # a first page now, so bad parameters are a 400, not a broken stream
            items, nxt = fetch(s, limit if fmt == "json" else _data.MAX_LIMIT, cursor)
        if fmt == "json":
            return JSONResponse({"ok": True, "items": items, "next": nxt})
        media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
        disposition = f'attachment; filename="{name}.{fmt}"'
        return StreamingResponse(self._stream(fetch, fmt, columns, items, nxt), media_type=media,
                                 headers={"content-disposition": disposition})

    def _stream(self, fetch: Fetch, fmt: str, columns: list[str], items: list[dict], after: str | None):
        """The export's bytes: ``items`` (the first page), then the following pages, each read in its own Store."""
        out = io.StringIO()
        writer = csv.writer(out)

        def encode(batch: list[dict]) -> bytes:
            for item in batch:
                if fmt == "csv":
                    writer.writerow(flatten(item, columns))
                else:
                    out.write(json.dumps(item, ensure_ascii=False) + "\n")
            data = out.getvalue()
            out.seek(0)
            out.truncate()
            return data.encode("utf-8")

        if fmt == "csv":
            writer.writerow(columns)
        yield encode(items)
        while after:
            with self.store() as s:
                batch, after = fetch(s, _data.MAX_LIMIT, after)
            yield encode(batch)


def limit_of(request: Request) -> int:
    raw = request.query_params.get("limit")
    if raw is None or raw == "":
        return _data.DEFAULT_LIMIT
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest("limit: expected an integer") from None
    if not 1 <= value <= _data.MAX_LIMIT:
        raise BadRequest(f"limit: between 1 and {_data.MAX_LIMIT}")
    return value


def format_of(request: Request) -> str:
    fmt = request.query_params.get("format") or "json"
    if fmt not in FORMATS:
        raise BadRequest("format: one of " + ", ".join(FORMATS))
    return fmt


def claim_filter(request: Request) -> ClaimFilter:
    p = request.query_params
    return ClaimFilter(q=p.get("q") or None, outlet=p.get("outlet") or None, action=p.get("action") or None,
                       source_type=p.get("type") or None, since=p.get("since") or None,
                       until=p.get("until") or None, sort=p.get("sort") or "activity")


def flatten(item: dict, columns: list[str]) -> list:
    """One CSV row of ``item``: dotted columns read nested fields; lists of words joined, other values as JSON."""
    row = []
    for col in columns:
        value = item
        for part in col.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, (list, dict)):
            value = " ".join(value) if isinstance(value, list) and all(isinstance(v, str) for v in value) \
                else json.dumps(value, ensure_ascii=False)
        row.append("" if value is None else value)
    return row


def next_href(path: str, params: dict, cursor: str | None) -> str | None:
    """The link to the next page (None on the last)."""
    return f"{path}?" + urlencode({**params, "cursor": cursor}) if cursor else None
