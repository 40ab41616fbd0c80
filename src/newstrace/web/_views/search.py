"""Full-text search over the articles (HTML and /api)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import _data
from .._data import BadRequest
from .._site import Site, limit_of, next_href

SEARCH_COLUMNS = ["id", "title", "published", "outlet", "snippet"]


class SearchViews:
    def __init__(self, site: Site) -> None:
        self.site = site

    def api_search(self, request: Request) -> Response:
        q = request.query_params.get("q") or ""
        if not q.strip():
            raise BadRequest("q: give words to search for")
        return self.site.listing(request, lambda store, limit, cursor: _data.search_page(store, q, limit, cursor),
                                 SEARCH_COLUMNS, "search")

    def html_search(self, request: Request) -> Response:
        q = request.query_params.get("q") or ""
        items, nxt = [], None
        if q.strip():
            with self.site.store() as s:
                items, nxt = _data.search_page(s, q, limit_of(request), request.query_params.get("cursor"))
        return self.site.page("search.html", title=f"Search: {q}" if q else "Search", q=q, items=items,
                              next_href=next_href("/search", {"q": q}, nxt))


def routes(site: Site) -> list[Route]:
    v = SearchViews(site)
    return [Route("/search", v.html_search), Route("/api/search", v.api_search)]
