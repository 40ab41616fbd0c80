"""Speakers: the index, and each speaker's statements (HTML and /api)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from .. import _data, _render
from .._site import Site, limit_of, next_href
from .articles import STATEMENT_COLUMNS


class SpeakerViews:
    def __init__(self, site: Site) -> None:
        self.site = site

    def api_statements(self, request: Request) -> Response:
        name = request.path_params["name"]
        return self.site.listing(
            request, lambda store, limit, cursor: _data.speaker_statements_page(store, name, limit, cursor),
            STATEMENT_COLUMNS, "statements")

    def html_one(self, request: Request) -> Response:
        name = request.path_params["name"]
        if not name.strip("/ "):  # "/speakers/": the index, not "Statements by" nobody
            return RedirectResponse("/speakers", status_code=308)
        with self.site.store() as s:
            items, nxt = _data.speaker_statements_page(s, name, limit_of(request),
                                                       request.query_params.get("cursor"))
            meta = s.article_titles([st["article"] for st in items])
        rows = []
        for st in items:
            content = st.get("content") or {}
            rows.append({"st": st, "article": meta.get(st["article"], {}),
                         "segments": _render.segments(content.get("text") or "", content.get("start") or 0, [])})
        return self.site.page("speaker.html", title=name, name=name, rows=rows,
                              next_href=next_href(_render.speaker_href(name), {}, nxt))

    def html_list(self, request: Request) -> Response:
        with self.site.store() as s:
            items, nxt = _data.speakers_page(s, limit_of(request), request.query_params.get("cursor"))
        return self.site.page("speakers.html", title="Speakers", items=items,
                              next_href=next_href("/speakers", {}, nxt))


def routes(site: Site) -> list[Route]:
    v = SpeakerViews(site)
    return [Route("/speakers", v.html_list), Route("/speakers/{name:path}", v.html_one),
            Route("/api/speakers/{name:path}", v.api_statements)]
