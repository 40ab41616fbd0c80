"""Articles: the list, one article with its statements marked in its text, its reuse links and claims, and its
statements as a list endpoint."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ...store import Store
from .. import _data, _render
from .._site import Site, limit_of, next_href

STATEMENT_COLUMNS = ["id", "article", "kind", "date", "date_text", "speaker.name", "speaker.type", "speaker.text",
                     "speaker.role", "speaker.affiliation", "cue.text", "cue.lemma", "content.text", "content.start",
                     "content.end", "via", "confidence"]


class ArticleViews:
    def __init__(self, site: Site) -> None:
        self.site = site

    def html_list(self, request: Request) -> Response:
        with self.site.store() as s:
            items, nxt = _data.articles_page(s, limit_of(request), request.query_params.get("cursor"))
        return self.site.page("articles.html", title="Articles", items=items,
                              next_href=next_href("/articles", {}, nxt))

    def api_one(self, request: Request) -> Response:
        with self.site.store() as s:
            return JSONResponse(load_article(s, request.path_params["id"]).to_dict())

    def api_statements(self, request: Request) -> Response:
        with self.site.store() as s:
            ident = load_article(s, request.path_params["id"]).id
        return self.site.listing(
            request, lambda store, limit, cursor: _data.article_statements_page(store, ident, limit, cursor),
            STATEMENT_COLUMNS, f"statements-{ident}")

    def html_one(self, request: Request) -> Response:
        with self.site.store() as s:
            article = load_article(s, request.path_params["id"])
            statements = list(s.statements(article=article.id))
            links = s.reuse_links(article.id)
            claims = s.article_claims(article.id)
            others = s.article_titles([link["from"] for link in links] + [link["to"] for link in links])
        return self.site.page("article.html", title=article.title or article.id, a=article,
                              paragraphs=_render.article_paragraphs(article.text, statements), statements=statements,
                              links=links, others=others, claims=claims)


def load_article(s: Store, ident: str):
    article = s.get_article(ident) if ident else None
    if article is None:
        raise HTTPException(404, f"no article {ident!r}")
    return article


def routes(site: Site) -> list[Route]:
    v = ArticleViews(site)
    return [Route("/articles", v.html_list), Route("/articles/{id}", v.html_one),
            Route("/api/articles/{id}/statements", v.api_statements), Route("/api/articles/{id}", v.api_one)]
