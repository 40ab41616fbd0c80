"""The API's own description (/openapi.json and its HTML page /docs), the favicon and the static files."""
from __future__ import annotations

import os

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from .._site import Site


class DocViews:
    def __init__(self, site: Site) -> None:
        self.site = site

    def html_api_docs(self, request: Request) -> Response:
        return self.site.page("apidocs.html", title="JSON API", spec=self.site.spec)

    def api_openapi(self, request: Request) -> Response:
        return JSONResponse(self.site.spec)

    def favicon(self, request: Request) -> Response:
        with open(os.path.join(self.site.static_dir, "favicon.svg"), "rb") as fh:
            return Response(fh.read(), media_type="image/svg+xml", headers={"cache-control": "max-age=86400"})


def routes(site: Site) -> list[BaseRoute]:
    v = DocViews(site)
    return [Route("/docs", v.html_api_docs), Route("/openapi.json", v.api_openapi), Route("/favicon.ico", v.favicon),
            Mount("/static", StaticFiles(directory=site.static_dir), name="static")]
