"""Metadata of an HTML news page: meta tags, JSON-LD, canonical URL, captions, related links, comment counts.

Everything here reads the tree and never changes it. No date search happens here (``_dates`` does that), and
nothing is guessed from the domain: a field the page does not state stays None.
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterable
from urllib.parse import urljoin

from lxml.etree import XPath
from lxml.html import HtmlElement

from ..models import Caption, Related

# Article types of schema.org (and common variants) that carry the article's own metadata.
_ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle", "satiricalarticle", "liveblogposting",
    "advertisercontentarticle", "scholarlyarticle", "techarticle", "report", "webpage", "socialmediaposting",
    "posting", "review", "creativework",
}
# schema.org article types that are themselves a label.
_TYPE_LABELS = {
    "opinionnewsarticle": "Opinion",
    "analysisnewsarticle": "Analysis",
    "reviewnewsarticle": "Review",
    "backgroundnewsarticle": "Explainer",
    "liveblogposting": "Live",
    "satiricalarticle": "Satire",
    "advertisercontentarticle": "Sponsored",
}
# The fixed label vocabulary (DESIGN: labels) and the words that name each, matched as whole words.
_LABEL_WORDS = {
    "Opinion": ("opinion", "opinions", "op-ed", "oped", "op ed"),
    "Analysis": ("analysis", "news analysis"),
    "Editorial": ("editorial", "editorials"),
    "Sponsored": ("sponsored", "sponsored content", "paid content", "paid post", "partner content", "advertorial"),
    "Commentary": ("commentary",),
    "Review": ("review", "reviews"),
    "Explainer": ("explainer", "explained", "explainers"),
    "Live": ("live", "live blog", "liveblog", "live updates"),
    "Obituary": ("obituary", "obituaries", "obits"),
    "Satire": ("satire",),
    "Press release": ("press release", "press releases", "pressemitteilung"),
}
_WORD_TO_LABEL = {w: label for label, words in _LABEL_WORDS.items() for w in words}
# class/id tokens that mark a label when they sit on <body> or <article> (a subset: words too common as
# class names, such as "live" or "review", are left out to stay conservative).
_CLASS_LABELS = {
    "opinion": "Opinion", "op-ed": "Opinion", "oped": "Opinion", "editorial": "Editorial",
    "sponsored": "Sponsored", "advertorial": "Sponsored", "obituary": "Obituary", "commentary": "Commentary",
    "liveblog": "Live", "live-blog": "Live", "satire": "Satire", "press-release": "Press release",
}
_CLASS_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Kicker / eyebrow / label elements near the headline: their whole text may be a label word.
_MENU_TAGS = {"nav", "ul", "ol", "footer", "menu", "select", "aside"}
_KICKER_CLASSES = ("kicker", "eyebrow", "label", "flag", "rubric", "overline", "category")
_ALL_TEXT = XPath(".//text()[not(parent::script or parent::style)]")
_ALL_CLASS = XPath(".//@class|.//@id")

_SPACE = re.compile(r"\s+")
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|«|:)\s+")
_BY = re.compile(r"^\s*(?:written\s+|analysis\s+|commentary\s+|opinion\s+|review\s+)?by[:\s]+", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*", re.I)
# Role words: a byline part holding one ("AP Auto Writer", "CNN Editor-at-large") is a role, not a name.
_AUTHOR_NOISE = re.compile(r"\b(?:staff|reporter|correspondent|editor|writer|contributor|columnist|editor-at-large)\b", re.I)

# Caption credits: a trailing "Photo: X" / "Credit: X" / "(AP Photo/X)" / "© X" / "Image via X".
_CREDIT_PATTERNS = [
    re.compile(r"\s*[\(\[]((?:AP|AFP|Reuters|EPA|Getty|[A-Z][\w.&' -]{0,40})\s*(?:Photo|Photograph|Image|Foto)s?\b[^)\]]*)[\)\]]\s*$"),
    re.compile(r"\s*(?:[|/–—-]\s*)?((?:Photo(?:graph)?s?|Image|Picture|Foto|Credit|Credits|Illustration|Video)\s*(?:credit)?\s*(?::|by\b|via\b)\s*.+)$", re.I),
    re.compile(r"\s*(?:[|/–—-]\s*)?(©\s*.+|\(c\)\s*.+|Copyright\s+.+)$", re.I),
    re.compile(r"\s*[|/–—]\s*((?:AP|AFP|Reuters|EPA|Getty Images|Shutterstock|Alamy)\b.*)$"),
]
_CREDIT_CLASSES = ("credit", "copyright", "source", "attribution", "byline", "photographer")

_RELATED_HEADING = re.compile(
    r"^\s*(?:related(?:\s+(?:articles?|stories|content|posts|news|coverage|links|reading))?|read\s+(?:more|also|next)|"
    r"see\s+also|more\s+(?:on\s+this|stories|news|from|like\s+this|in)\b.*|you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?|"
    r"further\s+reading|also\s+read|top\s+stories)\s*:?\s*$",
    re.I,
)
# Short headings that may introduce a related block: filtered in XPath (C) before the Python regex.
_RELATED_CLASSES = ("related", "read-more", "readmore", "more-stories", "recommended")
_RELATED_WORDS = ("related", "read", "more", "see also", "recommended", "top stories", "may also like")
# Related links: a link text needs this many words to count as an article title (menus and tags are shorter).
_HEADING_TAGS = {"h2", "h3", "h4", "h5", "h6", "strong", "b", "p", "span", "div", "header", "em"}
RELATED_MIN_WORDS = 4  # judgement: headline-like link texts in hand-made pages; tags/menus are 1-3 words
RELATED_MAX = 20  # cap per page (a "related" container holding a whole site map is not a related block)

_COMMENT_WORDS = ("comment", "kommentar", "respons", "repl")
_COMMENT_COUNT = re.compile(r"^\s*(\d[\d,.]*)\s*(?:comments?|kommentare?|commentaires?|comentarios?|responses?|replies)\s*$", re.I)
_COMMENT_COUNT_PAREN = re.compile(r"^\s*comments?\s*[\(\[:]\s*(\d[\d,.]*)\s*[\)\]]?\s*$", re.I)


def norm(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def text_of(el: HtmlElement) -> str:
    return norm(el.text_content())


class PageMeta:
    """Meta tags and JSON-LD objects of a page, read once."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self.meta: dict[str, str] = {}
        for el in tree.iter("meta"):
            key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").strip().lower()
            content = el.get("content")
            if key and content and key not in self.meta:
                self.meta[key] = norm(content)
        self._texts: list[Any] | None = None
        self._classes: list[Any] | None = None
        self.jsonld: list[dict[str, Any]] = []
        for script in tree.xpath('.//script[contains(translate(@type,"LDJSON","ldjson"),"ld+json")]'):
            raw = (script.text or "").strip()
            if not raw:
                continue
            try:
                data = json.loads(raw)
            except ValueError:
                try:
                    data = json.loads(re.sub(r"[\x00-\x1f]", " ", raw))
                except (ValueError, RecursionError):
                    continue
            except RecursionError:  # nested deeper than json's decoder recurses: not metadata anyone wrote
                continue
            try:
                self.jsonld.extend(_flatten(data))
            except RecursionError:  # lists inside lists, hundreds deep
                continue
        self.article = next((o for o in self.jsonld if _types(o) & (_ARTICLE_TYPES - {"webpage", "creativework"})), None)
        if self.article is None:
            self.article = next((o for o in self.jsonld if _types(o) & _ARTICLE_TYPES), None)

    @property
    def short_texts(self) -> list[Any]:
        """Short text nodes (lxml smart strings: ``.getparent()`` works), lowercased alongside, read once."""
        if self._texts is None:
            self._texts = [(t, t.lower()) for t in _ALL_TEXT(self.tree) if len(t) < 60 and t.strip()]
        return self._texts

    @property
    def class_attrs(self) -> list[Any]:
        """class/id attribute values (``.getparent()`` is the element), lowercased alongside, read once."""
        if self._classes is None:
            self._classes = [(a, a.lower()) for a in _ALL_CLASS(self.tree)]
        return self._classes

    def first(self, *keys: str) -> str | None:
        for key in keys:
            value = self.meta.get(key)
            if value:
                return value
        return None

    def ld(self, key: str) -> Any:
        if self.article is not None and key in self.article:
            return self.article[key]
        return None


def _flatten(data: Any) -> Iterable[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten(data["@graph"])
        main = data.get("mainEntity") or data.get("mainEntityOfPage")
        if isinstance(main, dict) and "@type" in main:
            yield from _flatten(main)


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v).lower() for v in values if v}


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str):
            return [name]
        if isinstance(name, list):
            return [n for n in name if isinstance(n, str)]
        return []
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


# ---------------------------------------------------------------- single fields


def find_outlet(pm: PageMeta) -> str | None:
    site = pm.first("og:site_name")
    if site:
        return site.lstrip("@")
    publisher = pm.ld("publisher")
    names = _names(publisher)
    if not names:
        for obj in pm.jsonld:
            if _types(obj) & {"newsmediaorganization"}:
                names = _names(obj)
                break
    return norm(names[0]) or None if names else None


def find_title(pm: PageMeta, outlet: str | None) -> str | None:
    tree = pm.tree
    h1s = [text_of(h) for h in tree.iter("h1")]
    h1s = [h for h in h1s if 2 <= len(h) <= 300]
    candidates = [pm.first("og:title", "twitter:title")]
    headline = pm.ld("headline")
    candidates.append(norm(headline) if isinstance(headline, str) else None)
    title_el = tree.find(".//title")
    candidates.append(text_of(title_el) if title_el is not None else None)
    for cand in candidates:
        if cand:
            return cut_site_suffix(cand, outlet, h1s)
    return h1s[0] if h1s else None


def cut_site_suffix(title: str, outlet: str | None, h1s: list[str]) -> str:
    """Drop the site name from "Headline | Site" (or "Site - Headline")."""
    for h in h1s:
        if h and h != title and h in title and len(h) >= len(title) / 3:
            return h
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    low_outlet = (outlet or "").lower()
    if low_outlet:
        kept = [p for p in parts if p.lower() != low_outlet and low_outlet not in p.lower()]
        if kept and len(kept) < len(parts):
            return _rejoin(title, kept)
    # no outlet named: cut a short last part (a site name) only after a long first part
    if len(parts[-1].split()) <= 3 and len(" ".join(parts[:-1]).split()) >= 4 and "|" in title:
        return _rejoin(title, parts[:-1])
    return title


def _rejoin(title: str, kept: list[str]) -> str:
    start = title.find(kept[0])
    end = title.find(kept[-1], start) + len(kept[-1])
    return title[start:end].strip() if start >= 0 and end > start else kept[0]


def find_authors(pm: PageMeta, outlet: str | None = None) -> list[str]:
    names: list[str] = []
    author = pm.ld("author") or pm.ld("creator")
    names.extend(_names(author))
    if not names:
        for key in ("author", "article:author", "sailthru.author", "parsely-author", "dc.creator", "byl"):
            value = pm.meta.get(key)
            if value and not value.startswith("http"):
                names.append(value)
                break
    if not names:
        for el in pm.tree.xpath('.//a[@rel="author"]|.//*[@itemprop="author"]|.//*[contains(@class,"byline") or contains(@class,"author-name")]'):
            value = text_of(el)
            if value and len(value) < 80:
                names.append(value)
                break
    return clean_authors(names, outlet)


AUTHOR_MAX_WORDS = 5  # judgement: longer "names" are bylines with dates or roles glued on
# A byline's agency or outlet is not an author: "JILL LAWLESSAssociated Press", "Finian Cunningham. Sputnik
# International", "Mary Jones, Reuters". Known agencies, and parts holding a word names of people do not.
_AGENCIES = {"ap", "associated press", "reuters", "afp", "agence france-presse", "agence france presse", "bloomberg",
             "dpa", "efe", "ansa", "xinhua", "tass", "ria novosti", "sputnik", "upi", "pa", "pa media", "anadolu",
             "kyodo", "yonhap", "cnn", "bbc", "bbc news", "al jazeera"}
_ORG_WORDS = re.compile(r"\b(?:press|news|international|agency|agencies|media|times|herald|tribune|newswire|wire|"
                        r"network|newsroom|gazette|journal|telegraph|broadcasting|corporation|inc|ltd)\b", re.I)
# "LAWLESSAssociated": an upper-case name run into a capitalised word (a lost space or line break).
_GLUED = re.compile(r"(?<=[A-Z]{2})(?=[A-Z][a-z])")
# "Cunningham. Sputnik": a full stop after a word (not an initial, "John F. Kennedy") ends a name.
_NAME_END = re.compile(r"(?<=[^\W\d_]{2})\.\s+(?=[A-Z])")


def _name_case(name: str) -> str:
    """An all-capitals name in name case ("JILL LAWLESS" -> "Jill Lawless", "O'NEIL-SMITH" -> "O'Neil-Smith");
    names with any lower case letter are left as written ("DAVID McHUGH" too)."""
    if name != name.upper():
        return name
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name)


def _is_agency(part: str) -> bool:
    return part.lower() in _AGENCIES or bool(_ORG_WORDS.search(part))
_MONTH = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)


def clean_authors(raw: list[str], outlet: str | None = None) -> list[str]:
    out: list[str] = []
    skip: set[str] = set()
    if outlet:
        skip.add(outlet.lower())
    for value in raw:
        value = _BY.sub("", norm(value))
        value = _NAME_END.sub(" | ", _GLUED.sub(" | ", value))
        for part in _AUTHOR_SPLIT.split(value):
            part = _BY.sub("", part).strip(" .-–—")
            if _is_agency(part):
                continue
            part = _name_case(part)
            if not part or "@" in part or part.startswith("http") or len(part) > 60:
                continue
            if _AUTHOR_NOISE.search(part) or part.lower() in skip or not re.search(r"[^\W\d_]", part) or re.search(r"\d", part):
                continue
            if len(part.split()) > AUTHOR_MAX_WORDS or _MONTH.match(part):
                continue
            if part.lower() not in {o.lower() for o in out}:
                out.append(part)
    return out


def find_section(pm: PageMeta) -> str | None:
    value = pm.first("article:section", "section", "parsely-section", "sailthru.section")
    if value:
        return value
    ld = pm.ld("articleSection")
    if isinstance(ld, list):
        ld = next((x for x in ld if isinstance(x, str) and x.strip()), None)
    if isinstance(ld, str) and norm(ld):
        return norm(ld)
    crumbs = breadcrumb(pm)
    return crumbs[-1] if crumbs else None


def breadcrumb(pm: PageMeta) -> list[str]:
    """Breadcrumb trail without "Home" and without the article itself."""
    items: list[str] = []
    for obj in pm.jsonld:
        if "breadcrumblist" in _types(obj):
            elems = obj.get("itemListElement") or []
            elems = elems if isinstance(elems, list) else [elems]
            for el in sorted((e for e in elems if isinstance(e, dict)), key=lambda e: _int(e.get("position"))):
                item = el.get("item")
                name = el.get("name") or (item.get("name") if isinstance(item, dict) else None)
                if isinstance(name, str) and norm(name):
                    items.append(norm(name))
            break
    if not items:
        for nav in pm.tree.xpath('.//*[contains(@class,"breadcrumb") or contains(@id,"breadcrumb")][not(self::body)]'):
            items = [text_of(a) for a in nav.iter("a") if text_of(a)]
            if items:
                break
    headline = pm.ld("headline")
    title = norm(pm.first("og:title") or (headline if isinstance(headline, str) else ""))
    items = [i for i in items if i.lower() not in {"home", "homepage", "start", "startseite", "accueil", "inicio"}]
    items = [i for i in items if len(i.split()) <= 5 and (not title or i not in title)]
    return items


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def find_labels(pm: PageMeta, section: str | None) -> list[str]:
    found: list[str] = []

    def add(label: str | None) -> None:
        if label and label not in found:
            found.append(label)

    if pm.article is not None:
        for t in _types(pm.article):
            add(_TYPE_LABELS.get(t))
    sources = [section, pm.first("article:section"), "opinion" if (pm.first("article:opinion") or "").lower() == "true" else None]
    for key in ("genre", "articleSection"):
        v = pm.ld(key)
        sources.extend(v if isinstance(v, list) else [v])
    for value in sources:
        if isinstance(value, str):
            add(_WORD_TO_LABEL.get(norm(value).lower()))
    for name in _names(pm.ld("author"))[:3] + [pm.meta.get("author") or ""]:
        m = re.match(r"^\s*(analysis|commentary|opinion|review)\s+by\b", name, re.I)
        if m:
            add(_WORD_TO_LABEL.get(m.group(1).lower()))
    for el in [pm.tree.find(".//body"), *pm.tree.iter("article")][:3]:
        if el is None:
            continue
        for token in _CLASS_TOKEN.findall((el.get("class") or "").lower()):
            add(_CLASS_LABELS.get(token))
    checked = 0
    for attr, low in pm.class_attrs:
        if checked >= 10:
            break
        if any(c in low for c in _KICKER_CLASSES):
            el = attr.getparent()
            if el is None or el.tag in ("body", "html", "label", "input", "select", "li", "a", "option"):
                continue
            if any(anc.tag in _MENU_TAGS for anc in el.iterancestors()):
                continue  # a menu entry named "Opinion" labels the site, not this article
            checked += 1
            value = el.text_content()
            if len(value) <= 40:
                add(_WORD_TO_LABEL.get(norm(value).lower()))
    return found


def find_language(pm: PageMeta) -> str | None:
    candidates = [pm.tree.get("lang"), pm.tree.get("xml:lang"), pm.first("og:locale", "content-language", "language", "dc.language")]
    inlang = pm.ld("inLanguage")
    candidates.append(inlang if isinstance(inlang, str) else None)
    for value in candidates:
        if value:
            m = re.match(r"\s*([A-Za-z]{2})(?:[-_]|\s*$)", value)
            if m:
                return m.group(1).lower()
    return None


def find_url(pm: PageMeta, given: str | None) -> str | None:
    for link in pm.tree.xpath('.//link[@href]'):
        if "canonical" in (link.get("rel") or "").lower().split():
            href = link.get("href").strip()
            if href:
                return urljoin(given, href) if given else href
    og = pm.first("og:url")
    if og:
        return urljoin(given, og) if given else og
    return given


def find_standfirst(pm: PageMeta) -> str | None:
    for value in (pm.first("og:description", "description", "twitter:description"),
                  pm.ld("description") if isinstance(pm.ld("description"), str) else None):
        if value and len(value.split()) >= 4:
            return norm(value)
    for el in pm.tree.xpath('.//*[contains(@class,"standfirst") or contains(@class,"dek") or contains(@class,"subtitle") '
                            'or contains(@class,"subhead") or contains(@class,"lede") or contains(@class,"summary")]'
                            '[self::p or self::div or self::h2 or self::span]')[:5]:
        value = text_of(el)
        if 6 <= len(value.split()) <= 80:
            return value
    return None


def find_comments(pm: PageMeta) -> int | None:
    for obj in [pm.article, *pm.jsonld]:
        if obj and "commentCount" in obj:
            n = _count(str(obj["commentCount"]))
            if n is not None:
                return n
    for key in ("comment_count", "comments", "commentcount"):
        n = _count(pm.meta.get(key, ""))
        if n is not None:
            return n
    for node, low in pm.short_texts:
        if not any(w in low for w in _COMMENT_WORDS):
            continue
        el = node.getparent()
        if el is None or el.tag in ("script", "style", "title", "option", "textarea"):
            continue
        value = norm(el.text_content())
        if len(value) > 40:
            value = norm(node)
        m = _COMMENT_COUNT.match(value) or _COMMENT_COUNT_PAREN.match(value)
        if m:
            return _count(m.group(1))
    return None


# A comment count above this is not one (and past 2^63 SQLite cannot store it; past 4,300 digits Python will not
# even read it).
MAX_COMMENTS = 10**9


def _count(value: str) -> int | None:
    digits = re.sub(r"[,.\s]", "", value or "")
    if not digits.isdigit() or not digits.isascii() or len(digits) > len(str(MAX_COMMENTS)):
        return None
    return int(digits) if int(digits) <= MAX_COMMENTS else None


# ---------------------------------------------------------------- captions and related links


def split_credit(text: str) -> Caption:
    text = norm(text)
    for pattern in _CREDIT_PATTERNS:
        m = pattern.search(text)
        if m and m.start() > 0:
            body = text[: m.start()].rstrip(" |/–—-,;")
            credit = _strip_credit_word(m.group(1).strip().rstrip(")]").strip())
            if body and credit:
                return Caption(text=body, credit=credit)
    return Caption(text=text, credit=None)


_CREDIT_WORD = re.compile(r"^(?:photo(?:graph)?s?|image|picture|credit|credits|foto)\s*(?:credit)?\s*(?::|by\b|via\b)\s*", re.I)


def _strip_credit_word(credit: str) -> str:
    """"Photo: Reuters" -> "Reuters" (but "AP Photo/John Smith" stays whole)."""
    return _CREDIT_WORD.sub("", credit).strip() or credit


def find_captions(tree: HtmlElement) -> list[Caption]:
    captions: list[Caption] = []
    seen: set[str] = set()
    for fig in tree.iter("figcaption"):
        credit_parts = []
        for child in fig.xpath('.//*[@class]'):
            cls = (child.get("class") or "").lower()
            if any(c in cls for c in _CREDIT_CLASSES):
                value = text_of(child)
                if value:
                    credit_parts.append(value)
        full = text_of(fig)
        if not full:
            continue
        if credit_parts:
            body = full
            for part in credit_parts:
                body = body.replace(part, " ")
            body = norm(body).rstrip(" |/–—-,;")
            credit = norm(" ".join(credit_parts))
            credit = _strip_credit_word(credit)
            cap = Caption(text=body, credit=credit) if body else split_credit(full)
        else:
            cap = split_credit(full)
        key = cap.text.lower()
        if key not in seen:
            seen.add(key)
            captions.append(cap)
    return captions


def find_related(pm: PageMeta, base: str | None) -> list[Related]:
    containers: list[HtmlElement] = []
    for attr, low in pm.class_attrs:
        if any(c in low for c in _RELATED_CLASSES):
            el = attr.getparent()
            if el is not None and el.tag not in ("body", "html", "a", "main"):
                containers.append(el)
    for node, low in pm.short_texts:
        if not any(w in low for w in _RELATED_WORDS):
            continue
        heading = node.getparent()
        if heading is None or heading.tag not in _HEADING_TAGS or len(heading.text_content()) > 60:
            continue
        if _RELATED_HEADING.match(norm(heading.text_content())):
            parent = heading.getparent()
            # the block is the heading's next sibling (a list of links), or its parent
            nxt = heading.getnext()
            if nxt is not None and nxt.tag in ("ul", "ol", "div", "section"):
                containers.append(nxt)
            elif parent is not None:
                containers.append(parent)
    out: list[Related] = []
    seen: set[str] = set()
    for box in containers:
        if box.tag in ("body", "html", "main"):
            continue
        links = [a for a in box.iter("a") if a.get("href")]
        if len(links) > 3 * RELATED_MAX:
            continue
        for a in links:
            title = text_of(a)
            href = a.get("href").strip()
            if len(title.split()) < RELATED_MIN_WORDS or href.startswith(("#", "javascript:", "mailto:")):
                continue
            url = urljoin(base, href) if base else href
            if url in seen:
                continue
            seen.add(url)
            out.append(Related(title=title, url=url))
            if len(out) >= RELATED_MAX:
                return out
    return out
