"""The ASGI app: HTML pages for people and their JSON twins under /api, over one database file, read-only.

Each request opens its own read-only Store (SQLite WAL: readers never wait for the ingest writer); handlers are
plain functions, run in Starlette's thread pool.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import os
import tempfile
import threading
from contextlib import contextmanager
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..store import Store
from ..trail import to_claimreview, to_graphml
from . import _data, _ingest, _render
from ._data import BadRequest, ClaimFilter
from ._hosts import HostCheck, normalise_names
from ._openapi import openapi

HERE = os.path.dirname(os.path.abspath(__file__))
log = logging.getLogger("newstrace.web")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]

CLAIM_COLUMNS = ["id", "text", "articles", "statements", "events", "first_date", "last_date", "actions",
                 "source_types"]
STATEMENT_COLUMNS = ["id", "article", "kind", "date", "date_text", "speaker.name", "speaker.type", "speaker.text",
                     "speaker.role", "speaker.affiliation", "cue.text", "cue.lemma", "content.text", "content.start",
                     "content.end", "via", "confidence"]
SEARCH_COLUMNS = ["id", "title", "published", "outlet", "snippet"]


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


def _flatten(item: dict, columns: list[str]) -> list:
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


def create_app(db: str, *, allow_ingest: bool = False, host: str | None = None,
               allow_hosts: tuple[str, ...] | list[str] = ()) -> Starlette:
    """The web UI and JSON API over the database file ``db`` (read-only unless ``allow_ingest``). Every request must
    name this server in its Host header (DNS rebinding, ``_hosts``): a loopback name or ``host`` (the address given to
    serve on) with the port served, or one of ``allow_hosts`` on any port."""
    db = os.path.abspath(db)
    allowed = normalise_names(allow_hosts)
    env = Environment(loader=FileSystemLoader(os.path.join(HERE, "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(speaker_href=_render.speaker_href, safe_url=_render.safe_url, actions=_data.ACTIONS,
                       source_types=_data.SOURCE_TYPES, sorts=_data.SORTS, allow_ingest=allow_ingest)
    write_lock = threading.Lock()
    spec = openapi(allow_ingest)

    @contextmanager
    def store():
        s = Store(db, readonly=True)
        try:
            yield s
        finally:
            s.close()

    def page(template: str, status: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(**context), status_code=status)

    def render_error(path: str, status: int, message: str) -> Response:
        if path.startswith("/api/") or path == "/api":
            return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)
        return page("error.html", status=status, status_code=status, message=message, title=f"Error {status}")

    # -- parameters ---------------------------------------------------------------------------------------
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
        if fmt not in ("json", "csv", "jsonl"):
            raise BadRequest("format: one of json, csv, jsonl")
        return fmt

    def claim_filter(request: Request) -> ClaimFilter:
        p = request.query_params
        return ClaimFilter(q=p.get("q") or None, outlet=p.get("outlet") or None, action=p.get("action") or None,
                           source_type=p.get("type") or None, since=p.get("since") or None,
                           until=p.get("until") or None, sort=p.get("sort") or "activity")

    def listing(request: Request, fetch, columns: list[str], name: str):
        """A list endpoint: one page in the envelope, or every item from the cursor on as CSV / JSON Lines."""
        fmt = format_of(request)
        cursor = request.query_params.get("cursor")
        limit = limit_of(request)
        with store() as s:  # a first page now, so bad parameters are a 400, not a broken stream
            items, nxt = fetch(s.db, limit if fmt == "json" else _data.MAX_LIMIT, cursor)
        if fmt == "json":
            return JSONResponse({"ok": True, "items": items, "next": nxt})

        def stream():
            out = io.StringIO()
            writer = csv.writer(out)

            def encode(batch):
                for item in batch:
                    if fmt == "csv":
                        writer.writerow(_flatten(item, columns))
                    else:
                        out.write(json.dumps(item, ensure_ascii=False) + "\n")
                data = out.getvalue()
                out.seek(0)
                out.truncate()
                return data.encode("utf-8")

            if fmt == "csv":
                writer.writerow(columns)
            yield encode(items)
            after = nxt
            while after:
                with store() as s2:
                    batch, after = fetch(s2.db, _data.MAX_LIMIT, after)
                yield encode(batch)

        media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
        disposition = f'attachment; filename="{name}.{fmt}"'
        return StreamingResponse(stream(), media_type=media, headers={"content-disposition": disposition})

    # -- claims -------------------------------------------------------------------------------------------
    def claims_fetch(f: ClaimFilter):
        return lambda conn, limit, cursor: _data.claims_page(conn, f, limit, cursor)

    def api_claims(request: Request):
        return listing(request, claims_fetch(claim_filter(request)), CLAIM_COLUMNS, "claims")

    def html_claims(request: Request):
        f = claim_filter(request)
        limit = limit_of(request)
        with store() as s:
            items, nxt = _data.claims_page(s.db, f, limit, request.query_params.get("cursor"))
            outlets = _data.outlets(s.db)
            counts = {"claims": _data.claims_count(s.db)}
        params = {k: v for k, v in request.query_params.items() if k not in ("cursor", "format") and v}
        next_href = "/claims?" + urlencode({**params, "cursor": nxt}) if nxt else None
        export = urlencode(params)
        return page("claims.html", title="Claims", items=items, f=f, next_href=next_href, outlets=outlets,
                    counts=counts, export=export, first_href="/claims?" + urlencode(params),
                    paged=bool(request.query_params.get("cursor")))

    def load_trail(s: Store, cid: str) -> dict:
        found = _data.trail(s.db, cid) if cid else None
        if found is None:
            raise HTTPException(404, f"no claim {cid!r}")
        return found

    def api_claim(request: Request):
        with store() as s:
            return JSONResponse(load_trail(s, request.path_params["id"]))

    def api_claim_graphml(request: Request):
        with store() as s:
            trail = load_trail(s, request.path_params["id"])
        return Response(to_graphml(trail), media_type="application/graphml+xml")

    def api_claimreview(request: Request):
        with store() as s:
            trail = load_trail(s, request.path_params["id"])
            urls = {a: (s.get_article(a).url if s.get_article(a) else None) for a in {e["article"] for e in trail["events"]}}
        return JSONResponse(to_claimreview(trail, urls), media_type="application/ld+json")

    def html_claim(request: Request):
        cid = request.path_params["id"]
        with store() as s:
            trail = load_trail(s, cid)
            arts = {e["article"] for e in trail["events"]} | {a for e in trail["events"]
                                                              for a in e.get("also_reported_in") or []}
            meta = _data.article_titles(s.db, arts)
            wanted = {e.get("statement") for e in trail["events"] if e.get("statement")}
            by_id = {}
            for a in sorted({e["article"] for e in trail["events"] if e.get("statement")}):
                for st in s.statements(article=a):
                    if st["id"] in wanted:
                        by_id[st["id"]] = st
        evidence = []
        for i, e in enumerate(trail["events"]):
            st = by_id.get(e.get("statement"))
            art = meta.get(e["article"], {})
            source = art.get("title") or e["article"]
            extras = [art.get("outlet"), (art.get("published") or "")[:10]]
            evidence.append({
                "i": i, "event": e, "segments": _render.evidence_segments(e, st), "statement": st,
                "when": (f"{e['date_precision']} " if e.get("date_precision") in ("after", "before") else "")
                + (e.get("date") or "undated"),
                "actor_href": _render.speaker_href(e["actor"]["name"]),
                "authority": [(a["name"], a["type"], _render.speaker_href(a["name"])) for a in e.get("authority") or []],
                "source": source, "source_meta": " · ".join(x for x in extras if x),
                "href": f"/articles/{e['article']}" + (f"#st-{e['statement']}" if e.get("statement") else ""),
                "also": [(f"/articles/{a}", (meta.get(a) or {}).get("title") or a) for a in e.get("also_reported_in") or []]})
        return page("claim.html", title=trail["claim"]["text"][:80], trail=trail, evidence=evidence,
                    timeline=_render.timeline(trail["events"]), graph=_render.graph(trail), meta=meta)

    # -- articles -----------------------------------------------------------------------------------------
    def load_article(s: Store, ident: str):
        article = s.get_article(ident) if ident else None
        if article is None:
            raise HTTPException(404, f"no article {ident!r}")
        return article

    def api_article(request: Request):
        with store() as s:
            return JSONResponse(load_article(s, request.path_params["id"]).to_dict())

    def api_article_statements(request: Request):
        with store() as s:
            ident = load_article(s, request.path_params["id"]).id
        return listing(request, lambda conn, limit, cursor: _data.article_statements_page(conn, ident, limit, cursor),
                       STATEMENT_COLUMNS, f"statements-{ident}")

    def html_article(request: Request):
        with store() as s:
            article = load_article(s, request.path_params["id"])
            statements = list(s.statements(article=article.id))
            links = s.reuse_links(article.id)
            claims = _data.article_claims(s.db, article.id)
            others = _data.article_titles(s.db, [l["from"] for l in links] + [l["to"] for l in links])
        return page("article.html", title=article.title or article.id, a=article,
                    paragraphs=_render.article_paragraphs(article.text, statements), statements=statements,
                    links=links, others=others, claims=claims)

    # -- speakers and search ------------------------------------------------------------------------------
    def api_speaker(request: Request):
        name = request.path_params["name"]
        return listing(request, lambda conn, limit, cursor: _data.speaker_statements_page(conn, name, limit, cursor),
                       STATEMENT_COLUMNS, "statements")

    def html_speaker(request: Request):
        name = request.path_params["name"]
        with store() as s:
            items, nxt = _data.speaker_statements_page(s.db, name, limit_of(request), request.query_params.get("cursor"))
            meta = _data.article_titles(s.db, [st["article"] for st in items])
        rows = []
        for st in items:
            content = st.get("content") or {}
            rows.append({"st": st, "article": meta.get(st["article"], {}),
                         "segments": _render.segments(content.get("text") or "", content.get("start") or 0, [])})
        next_href = f"{_render.speaker_href(name)}?" + urlencode({"cursor": nxt}) if nxt else None
        return page("speaker.html", title=name, name=name, rows=rows, next_href=next_href)

    def html_speakers(request: Request):
        with store() as s:
            items, nxt = _data.speakers_page(s.db, limit_of(request), request.query_params.get("cursor"))
        next_href = "/speakers?" + urlencode({"cursor": nxt}) if nxt else None
        return page("speakers.html", title="Speakers", items=items, next_href=next_href)

    def html_speaker_or_index(request: Request):
        if not request.path_params["name"].strip("/ "):  # "/speakers/": the index, not "Statements by" nobody
            return RedirectResponse("/speakers", status_code=308)
        return html_speaker(request)

    def html_articles(request: Request):
        with store() as s:
            items, nxt = _data.articles_page(s.db, limit_of(request), request.query_params.get("cursor"))
        next_href = "/articles?" + urlencode({"cursor": nxt}) if nxt else None
        return page("articles.html", title="Articles", items=items, next_href=next_href)

    def html_api_docs(request: Request):
        return page("apidocs.html", title="JSON API", spec=spec)

    def search_fetch(q: str):
        return lambda conn, limit, cursor: _data.search_page(conn, q, limit, cursor)

    def api_search(request: Request):
        q = request.query_params.get("q") or ""
        if not q.strip():
            raise BadRequest("q: give words to search for")
        return listing(request, search_fetch(q), SEARCH_COLUMNS, "search")

    def html_search(request: Request):
        q = request.query_params.get("q") or ""
        items, nxt = [], None
        if q.strip():
            with store() as s:
                items, nxt = _data.search_page(s.db, q, limit_of(request), request.query_params.get("cursor"))
        next_href = "/search?" + urlencode({"q": q, "cursor": nxt}) if nxt else None
        return page("search.html", title=f"Search: {q}" if q else "Search", q=q, items=items, next_href=next_href)

    def favicon(request: Request):
        with open(os.path.join(HERE, "static", "favicon.svg"), "rb") as fh:
            return Response(fh.read(), media_type="image/svg+xml", headers={"cache-control": "max-age=86400"})

    def api_openapi(request: Request):
        return JSONResponse(spec)

    async def api_ingest(request: Request):
        if not allow_ingest:
            raise HTTPException(404, "ingest is off: start the server with --allow-ingest")
        refusal = _ingest.write_refusal(request.headers, request.scope, host, allowed)
        if refusal:
            raise HTTPException(403, f"ingest refused: {refusal}")
        too_large = f"upload larger than {_ingest.MAX_UPLOAD_BYTES // (1024 * 1024)} MiB"
        declared = request.headers.get("content-length") or ""
        if declared.isdigit() and int(declared) > _ingest.MAX_UPLOAD_BYTES:
            raise HTTPException(413, too_large)
        capped = Request(request.scope, _ingest.capped_receive(request.receive, _ingest.MAX_UPLOAD_BYTES))
        try:  # file parts are spooled to disk past 1 MiB by the form parser, never held whole in memory
            form = await capped.form(max_files=1, max_fields=10)
        except _ingest.UploadTooLarge:
            raise HTTPException(413, too_large) from None
        try:
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                raise BadRequest("file: upload a page as multipart form field 'file'")
            name = _ingest.upload_name(upload.filename)
            given = {k: form.get(k) for k in ("url", "outlet") if isinstance(form.get(k), str) and form.get(k)}

            def run() -> dict:
                from ..pipeline import ingest

                with tempfile.TemporaryDirectory(prefix="newstrace-upload-") as tmp:
                    path = os.path.join(tmp, name)
                    ident = _ingest.save_upload(upload.file, path)
                    with write_lock, Store(db) as writer:
                        summary = ingest([path], writer, **given)
                return {"ok": True, "article": ident, "new": summary.new, "already": summary.already,
                        "rejected": [r.message() for r in summary.rejected]}

            return JSONResponse(await run_in_threadpool(run))
        finally:
            await form.close()

    # -- errors -------------------------------------------------------------------------------------------
    async def on_http_error(request: Request, exc: HTTPException):
        response = render_error(request.url.path, exc.status_code, str(exc.detail))
        for name, value in (exc.headers or {}).items():  # a 405's Allow
            response.headers[name] = value
        return response

    async def on_bad_request(request: Request, exc: BadRequest):
        return render_error(request.url.path, 400, str(exc))

    routes = [
        Route("/", html_claims), Route("/claims", html_claims), Route("/claims/{id}", html_claim),
        Route("/articles", html_articles), Route("/articles/{id}", html_article),
        Route("/speakers", html_speakers), Route("/speakers/{name:path}", html_speaker_or_index),
        Route("/docs", html_api_docs),
        Route("/search", html_search),
        Route("/api/claims", api_claims), Route("/api/claims/{id}.graphml", api_claim_graphml),
        Route("/api/claims/{id}/claimreview", api_claimreview), Route("/api/claims/{id}", api_claim),
        Route("/api/articles/{id}/statements", api_article_statements), Route("/api/articles/{id}", api_article),
        Route("/api/speakers/{name:path}", api_speaker), Route("/api/search", api_search),
        Route("/openapi.json", api_openapi), Route("/favicon.ico", favicon),
        Mount("/static", StaticFiles(directory=os.path.join(HERE, "static")), name="static"),
    ]
    if allow_ingest:
        routes.append(Route("/api/ingest", api_ingest, methods=["POST"]))
    app = Starlette(routes=routes, exception_handlers={HTTPException: on_http_error, BadRequest: on_bad_request})
    # inside Headers: a refused request gets the security headers too. The ingest route makes its own, stricter
    # check (Host, Origin, Sec-Fetch-Site), with its own message.
    app.add_middleware(HostCheck, render_error=render_error, served_host=host, allowed=allowed,
                       exempt=("/api/ingest",) if allow_ingest else ())
    app.add_middleware(Headers, render_error=render_error)
    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, allow_ingest: bool = False,
          allow_hosts: tuple[str, ...] | list[str] = ()) -> None:
    """Serve the web UI and JSON API over ``db`` until interrupted (blocking)."""
    import uvicorn

    uvicorn.run(create_app(db, allow_ingest=allow_ingest, host=host, allow_hosts=allow_hosts), host=host, port=port,
                log_level="warning")
