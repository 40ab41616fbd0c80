"""The views, one module per resource (claims, articles, speakers, search, ingest, docs). Each module's ``routes(site)``
gives its routes, with handlers bound to the served :class:`~newstrace.web._site.Site`."""
from __future__ import annotations

from starlette.routing import BaseRoute

from .._site import Site
from . import articles, claims, docs, ingest, search, speakers


def routes(site: Site) -> list[BaseRoute]:
    """Every route of the app (the ingest route only when ``site.allow_ingest``)."""
    out: list[BaseRoute] = []
    for views in (claims, articles, speakers, search, docs, ingest):
        out.extend(views.routes(site))
    return out
