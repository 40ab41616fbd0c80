"""Claims: the filtered list (HTML and /api), one claim's trail with its evidence, and its GraphML and ClaimReview
exports."""
from __future__ import annotations

from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ...store import Store
from ...trail import to_claimreview, to_graphml
from .. import _data, _render
from .._data import ClaimFilter
from .._site import Site, claim_filter, limit_of, next_href

CLAIM_COLUMNS = ["id", "text", "articles", "statements", "events", "first_date", "last_date", "actions",
                 "source_types"]


class ClaimViews:
    def __init__(self, site: Site) -> None:
        self.site = site

    @staticmethod
    def fetch(f: ClaimFilter):
        return lambda store, limit, cursor: _data.claims_page(store, f, limit, cursor)

    def api_list(self, request: Request) -> Response:
        return self.site.listing(request, self.fetch(claim_filter(request)), CLAIM_COLUMNS, "claims")

    def html_list(self, request: Request) -> Response:
        f = claim_filter(request)
        limit = limit_of(request)
        with self.site.store() as s:
            items, nxt = _data.claims_page(s, f, limit, request.query_params.get("cursor"))
            outlets = s.outlet_names()
            counts = {"claims": s.claims_count()}
        params = {k: v for k, v in request.query_params.items() if k not in ("cursor", "format") and v}
        return self.site.page("claims.html", title="Claims", items=items, f=f,
                              next_href=next_href("/claims", params, nxt), outlets=outlets, counts=counts,
                              export=urlencode(params), first_href="/claims?" + urlencode(params),
                              paged=bool(request.query_params.get("cursor")))

    def api_one(self, request: Request) -> Response:
        with self.site.store() as s:
            return JSONResponse(load_trail(s, request.path_params["id"]))

    def api_graphml(self, request: Request) -> Response:
        with self.site.store() as s:
            trail = load_trail(s, request.path_params["id"])
        return Response(to_graphml(trail), media_type="application/graphml+xml")

    def api_claimreview(self, request: Request) -> Response:
        with self.site.store() as s:
            trail = load_trail(s, request.path_params["id"])
            urls = {}
            for a in {e["article"] for e in trail["events"]}:
                article = s.get_article(a)
                urls[a] = article.url if article else None
        return JSONResponse(to_claimreview(trail, urls), media_type="application/ld+json")

    def html_one(self, request: Request) -> Response:
        with self.site.store() as s:
            trail = load_trail(s, request.path_params["id"])
            events = trail["events"]
            arts = {e["article"] for e in events} | {a for e in events for a in e.get("also_reported_in") or []}
            meta = s.article_titles(arts)
            statements = _event_statements(s, events)
        evidence = [_evidence(i, e, statements.get(e.get("statement")), meta) for i, e in enumerate(events)]
        return self.site.page("claim.html", title=trail["claim"]["text"][:80], trail=trail, evidence=evidence,
                              timeline=_render.timeline(events), graph=_render.graph(trail), meta=meta)


def load_trail(s: Store, cid: str) -> dict:
    found = _data.trail(s, cid) if cid else None
    if found is None:
        raise HTTPException(404, f"no claim {cid!r}")
    return found


def _event_statements(s: Store, events: list[dict]) -> dict[str, dict]:
    """The statements the events rest on, by id."""
    wanted = {e.get("statement") for e in events if e.get("statement")}
    by_id = {}
    for a in sorted({e["article"] for e in events if e.get("statement")}):
        for st in s.statements(article=a):
            if st["id"] in wanted:
                by_id[st["id"]] = st
    return by_id


def _evidence(i: int, e: dict, st: dict | None, meta: dict[str, dict]) -> dict:
    """What the claim page shows of one event: who, when, the sentence it rests on, and where."""
    art = meta.get(e["article"], {})
    extras = [art.get("outlet"), (art.get("published") or "")[:10]]
    return {
        "i": i, "event": e, "segments": _render.evidence_segments(e, st), "statement": st,
        "when": (f"{e['date_precision']} " if e.get("date_precision") in ("after", "before") else "")
        + (e.get("date") or "undated"),
        "actor_href": _render.speaker_href(e["actor"]["name"]),
        "authority": [(a["name"], a["type"], _render.speaker_href(a["name"])) for a in e.get("authority") or []],
        "source": art.get("title") or e["article"], "source_meta": " · ".join(x for x in extras if x),
        "href": f"/articles/{e['article']}" + (f"#st-{e['statement']}" if e.get("statement") else ""),
        "also": [(f"/articles/{a}", (meta.get(a) or {}).get("title") or a) for a in e.get("also_reported_in") or []]}


def routes(site: Site) -> list[Route]:
    v = ClaimViews(site)
    return [Route("/", v.html_list), Route("/claims", v.html_list), Route("/claims/{id}", v.html_one),
            Route("/api/claims", v.api_list), Route("/api/claims/{id}.graphml", v.api_graphml),
            Route("/api/claims/{id}/claimreview", v.api_claimreview), Route("/api/claims/{id}", v.api_one)]
