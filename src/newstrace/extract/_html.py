"""Main text and metadata of an HTML page (stub: being written)."""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml.html import HtmlElement

from ..models import Caption, Related


@dataclass
class HtmlFields:
    text: str = ""
    title: str | None = None
    standfirst: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None  # site name as the page gives it
    section: str | None = None
    labels: list[str] = field(default_factory=list)  # Opinion / Analysis / Editorial / Sponsored ...
    language: str | None = None
    captions: list[Caption] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    comments: int | None = None
    url: str | None = None  # canonical URL if the page declares one


def extract_html(tree: HtmlElement, url: str | None = None) -> HtmlFields:
    """Main text and metadata. May mutate ``tree`` (the orchestrator finds dates first)."""
    import trafilatura

    text = trafilatura.extract(tree, include_comments=False) or ""
    return HtmlFields(text=text)
