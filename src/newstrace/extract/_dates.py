"""Publication-date cascade for HTML pages.

Order:

1. ``url``: a full date in the page URL (``/2019/10/16/``, ``2019-10-16``) wins outright; web-archive prefixes
   are skipped.
2. Otherwise the cheap rules vote, one vote each, by calendar day (ties go to the earlier rule in this list):
   ``meta:article:published_time``, ``json-ld:datePublished``, ``itemprop:datePublished``, ``text`` (a visible
   date in a byline-like element, weight ``TEXT_WEIGHT``; computed only when it could change the outcome),
   ``time-element`` (first ``<time>`` outside navigation, teasers and footers), ``json-ld:dateCreated`` and the
   first other publication meta tag present (``PUBLISHED_META``: ``date``, ``pubdate``, ``dc.date.issued``,
   ``parsely-pub-date``, ``sailthru.date``, ...).
3. ``htmldate``: htmldate's extensive search (``original_date=True``) when no rule above found a date.

Modified dates (``dateModified``, ``article:modified_time``, ...) go to ``modified`` and never vote. A UTC stamp is
moved to the page's local day when the page language has one dominant time zone (``LANG_ZONES``). Dates before
``MIN_YEAR`` or more than ``MAX_FUTURE_DAYS`` ahead are rejected. ``find_dates`` never mutates its tree.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from itertools import islice
from typing import Iterable, Iterator
from zoneinfo import ZoneInfo

from lxml.html import HtmlElement


@dataclass
class DateResult:
    published: str | None = None  # ISO 8601 date or datetime
    modified: str | None = None
    source: str | None = None  # which rule gave ``published``, e.g. "json-ld", "meta:article:published_time", "url"


# Oldest plausible year for a web page's publication (the brief's bound; the earliest gold date is 2008).
MIN_YEAR = 1995
# Days ahead of today still accepted: one day covers time-zone skew; further ahead is a schedule or an error.
MAX_FUTURE_DAYS = 1
# Longest text of a byline-like element searched for a visible date; longer ones are containers, not bylines.
# 200 characters fits "Von X und Y, aktualisiert am ..., 12:30 Uhr" lines; picked by eye on the dev pages.
MAX_BYLINE_CHARS = 200
# How many byline-like elements to try before giving up on visible text (keeps the worst case fast).
MAX_BYLINE_ELEMENTS = 30

# Meta tags giving the publication date, in priority order (property/name/itemprop, lower-cased).
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "article:published",
    "datepublished", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued",
    "cxenseparse:publishtime", "shareaholic:article_published_time", "article_date_original",
    "original-publish-date", "publish-date", "publish_date", "publishdate", "pub_date", "pubdate", "og:pubdate",
    "citation_publication_date", "citation_date", "dc.date.created", "dcterms.created", "datecreated",
    "vr:published-time", "article.published", "date", "dc.date", "dcterms.date", "og:release_date",
)
MODIFIED_META = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
    "dc.date.modified", "last-modified", "lastmod", "article.updated", "shareaholic:article_modified_time",
)
# Languages whose pages are almost always written in one time zone: UTC stamps are moved to that zone's day.
# US English is left out on purpose: its sites span four zones, and New York time mis-dated West Coast pages.
LANG_ZONES = {
    "de": "Europe/Berlin", "fr": "Europe/Paris", "it": "Europe/Rome", "es": "Europe/Madrid", "nl": "Europe/Amsterdam",
    "pl": "Europe/Warsaw", "cs": "Europe/Prague", "da": "Europe/Copenhagen", "sv": "Europe/Stockholm",
    "nb": "Europe/Oslo", "no": "Europe/Oslo", "hu": "Europe/Budapest", "sk": "Europe/Bratislava",
    "sl": "Europe/Ljubljana", "hr": "Europe/Zagreb", "ja": "Asia/Tokyo", "ko": "Asia/Seoul",
}

_MONTHS = {
    # English, German, French, Italian, Spanish, Dutch, Portuguese: full names and common abbreviations
    **{m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                   "september", "october", "november", "december"), 1)},
    **{m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                   "dec"), 1)},
    "sept": 9, "januar": 1, "jänner": 1, "jän": 1, "februar": 2, "märz": 3, "mär": 3, "maerz": 3, "mai": 5, "juni": 6,
    "juli": 7, "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "agosto": 8,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    "enero": 1, "febrero": 2, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "septiembre": 9, "setiembre": 9,
    "octubre": 10, "noviembre": 11, "diciembre": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8, "juni ": 6,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9, "outubro": 10,
    "dezembro": 12,
}
_MONTH_RE = "|".join(sorted((re.escape(m.strip()) for m in _MONTHS), key=len, reverse=True))

_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d?)-(\d\d?)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?"
                  r"\s*(Z|UTC|GMT|[+-]\d\d:?\d\d)?)?(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d\d?)\.\s?(\d\d?)\.\s?((?:19|20)\d\d)(?!\d)")
_SLASH = re.compile(r"(?<!\d)(\d\d?)/(\d\d?)/((?:19|20)\d\d)(?!\d)")
_D_MONTH_Y = re.compile(rf"(?<![\w])(\d\d?)(?:\.|er|st|nd|rd|th)?\s*(?:de\s+)?({_MONTH_RE})\.?,?\s*(?:de\s+)?"
                        r"((?:19|20)\d\d)(?!\d)", re.I)
_MONTH_D_Y = re.compile(rf"(?<![\w])({_MONTH_RE})\.?\s+(\d\d?)(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?!\d)", re.I)
# "Tue Jul 30 09:35:14 CEST 2019" (Java's Date.toString) and RFC 2822 "Wed, 02 Feb 2022 09:12:22 +0100"
_JAVA = re.compile(rf"({_MONTH_RE})\s+(\d\d?)\s+\d\d:\d\d:\d\d\s+\w+\s+((?:19|20)\d\d)", re.I)
_COMPACT = re.compile(r"^((?:19|20)\d\d)(\d\d)(\d\d)(?:\d{4,6})?$")

_URL_FULL = re.compile(r"(?<![\d])((?:19|20)\d\d)([/_.-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![\d])")
_ARCHIVE = re.compile(r"^https?://web\.archive\.org/web/\d+\w*/", re.I)
# A date as whole path segments without zero padding: "/2017/7/12/" (Squarespace and other blog engines)
_URL_SEGMENTS = re.compile(r"/((?:19|20)\d\d)/(\d\d?)/(\d\d?)(?=/)")

_DATE_KEYS = re.compile(r'"(datePublished|dateCreated|dateModified)"\s*:\s*"([^"]{6,40})"')
# Elements whose class (or id) marks a byline or date area, searched for a visible date.
_BYLINE_TAGS = ("div", "span", "p", "li", "small", "em", "abbr", "header", "dd", "td")
_BYLINE_HINTS = re.compile(r"date|datum|time|publish|byline|meta|posted|dateline|info|author", re.I)
_SKIP_ANCESTORS = ("nav", "footer", "aside")
_SKIP_HINTS = re.compile(r"teaser|related|comment|sidebar|footer|widget|recommend|navigation|breadcrumb|cookie|"
                         r"promo|latest|popular|trending", re.I)
_DIGIT = re.compile(r"\d")
_PUBLISHED_WORDS = re.compile(r"ver[öo]ffentlicht|published|posted|publié|erstellt|publicado|pubblicato", re.I)
_MODIFIED_WORDS = re.compile(r"aktualisiert|updated|update:|geändert|modifié|mis à jour|actualizado|aggiornato|"
                             r"stand:", re.I)


def _valid(d: date) -> bool:
    return MIN_YEAR <= d.year and d <= date.today() + timedelta(days=MAX_FUTURE_DAYS)


def _mk(year: str | int, month: str | int, day: str | int) -> date | None:
    try:
        d = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return d if _valid(d) else None


def parse_date(text: str | None, zone: ZoneInfo | None = None, dayfirst: bool = False) -> str | None:
    """One date or datetime out of ``text`` as ISO 8601, or None. UTC stamps are moved into ``zone``'s day."""
    if not text:
        return None
    text = text.strip()
    if not text or len(text) > 400:
        return None
    m = _ISO.search(text)
    if m:
        d = _mk(m.group(1), m.group(2), m.group(3))
        if d is None:
            return None
        if m.group(4) is None:
            return d.isoformat()
        tz = m.group(7)
        second = int(m.group(6) or 0)
        try:
            stamp = datetime(d.year, d.month, d.day, int(m.group(4)), int(m.group(5)), second)
        except ValueError:
            return d.isoformat()
        if tz and tz not in ("Z", "UTC", "GMT"):
            sign = 1 if tz[0] == "+" else -1
            offset = timedelta(hours=int(tz[1:3]), minutes=int(tz[-2:])) * sign
            if not -timedelta(hours=24) < offset < timedelta(hours=24):  # "+99:99": no zone, the date stands
                return d.isoformat()
            stamp = stamp.replace(tzinfo=timezone(offset))
            if offset:
                return stamp.isoformat()
        elif tz:
            stamp = stamp.replace(tzinfo=timezone.utc)
        else:
            return stamp.isoformat()
        # a UTC stamp: midnight means "a date without time"; otherwise move it to the page's zone if known
        if zone is not None and (stamp.hour, stamp.minute, stamp.second) != (0, 0, 0):
            local = stamp.astimezone(zone)
            if _valid(local.date()):
                return local.isoformat()
        return stamp.isoformat()
    for rx, order in ((_JAVA, (3, 1, 2)), (_MONTH_D_Y, (3, 1, 2)), (_D_MONTH_Y, (3, 2, 1))):
        m = rx.search(text)
        if m:
            year, month, day = (m.group(i) for i in order)
            return _as_iso(_mk(year, _MONTHS[month.lower().rstrip(".")], day))
    m = _DMY.search(text)
    if m:
        return _as_iso(_mk(m.group(3), m.group(2), m.group(1)))
    m = _SLASH.search(text)
    if m:
        first, second = int(m.group(1)), int(m.group(2))
        if first > 12 or (dayfirst and second <= 12):
            first, second = second, first
        return _as_iso(_mk(m.group(3), first, second))
    m = _COMPACT.match(text)
    if m:
        return _as_iso(_mk(*m.groups()))
    return None


def _as_iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def url_date(url: str | None) -> str | None:
    """A full date in the URL path (``/2019/10/16/``, ``2019-10-16``, ``20191016``, ``/2017/7/12/``), skipping
    archive prefixes."""
    if not url:
        return None
    url = _ARCHIVE.sub("", url)
    m = _URL_FULL.search(url)
    if m:
        return _as_iso(_mk(m.group(1), m.group(3), m.group(4)))
    m = _URL_SEGMENTS.search(url)
    if m:
        return _as_iso(_mk(m.group(1), m.group(2), m.group(3)))
    return None


def _zone(tree: HtmlElement) -> ZoneInfo | None:
    lang = (tree.get("lang") or tree.get("xml:lang") or "").strip().lower().replace("_", "-")
    if not lang:
        for meta in tree.iterfind(".//meta[@property='og:locale']"):
            lang = (meta.get("content") or "").lower().replace("_", "-")
            break
    name = LANG_ZONES.get(lang) or LANG_ZONES.get(lang.split("-")[0])
    return ZoneInfo(name) if name else None


def _walk_json(node: object) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("datePublished", "dateCreated", "dateModified") and isinstance(value, str):
                yield key, value
            elif isinstance(value, (dict, list)):
                yield from _walk_json(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk_json(item)


def _json_ld(tree: HtmlElement) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        text = script.text or ""
        if "date" not in text:
            continue
        try:
            pairs: Iterable[tuple[str, str]] = list(_walk_json(json.loads(text)))
        except (ValueError, RecursionError):  # RecursionError: JSON nested deeper than json's decoder recurses
            pairs = ((m.group(1), m.group(2)) for m in _DATE_KEYS.finditer(text))
        for key, value in pairs:
            found.setdefault(key, []).append(value)
    return found


def _metas(tree: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        content = meta.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                found.setdefault(key.strip().lower(), content)
    return found


def _skipped(element: HtmlElement) -> bool:
    """Is ``element`` inside navigation, footers, asides, teasers, related-links or comment blocks?"""
    for anc in element.iterancestors():
        if anc.tag in _SKIP_ANCESTORS:
            return True
        hint = (anc.get("class") or "") + " " + (anc.get("id") or "")
        if hint.strip() and _SKIP_HINTS.search(hint):
            return True
    return False


def _itemprop(tree: HtmlElement, zone: ZoneInfo | None) -> str | None:
    for prop in tree.xpath("//@itemprop"):  # attribute strings scan faster than an element predicate
        if prop != "datePublished" or prop.getparent().tag == "meta":
            continue
        el = prop.getparent()
        value = parse_date(el.get("content") or el.get("datetime") or el.text_content(), zone)
        if value:
            return value
    return None


def _time_element(tree: HtmlElement, zone: ZoneInfo | None) -> str | None:
    for el in tree.iterfind(".//time"):
        hint = (el.get("class") or "") + " " + (el.get("itemprop") or "")
        if _MODIFIED_WORDS.search(hint) or "modified" in hint.lower():
            continue
        if _skipped(el):
            continue
        value = parse_date(el.get("datetime") or el.text_content(), zone, dayfirst=True)
        if value:
            return value
    return None


def _visible_text(tree: HtmlElement, zone: ZoneInfo | None, dayfirst: bool) -> str | None:
    tried = 0
    # XPath's attribute strings are far cheaper to scan than element proxies; only matches become elements
    for hint in tree.xpath("//@class"):
        if not _BYLINE_HINTS.search(hint):
            continue
        el = hint.getparent()
        if el.tag not in _BYLINE_TAGS:
            continue
        text = " ".join(el.text_content().split())
        if not text or len(text) > MAX_BYLINE_CHARS or not _DIGIT.search(text):
            continue
        if _skipped(el):
            continue
        tried += 1
        if tried > MAX_BYLINE_ELEMENTS:
            break
        if _MODIFIED_WORDS.search(text) and not _PUBLISHED_WORDS.search(text):
            continue
        value = parse_date(text, zone, dayfirst)
        if value:
            return value
    return None


# htmldate's page-wide search is superlinear in page size: on a 20 MB page (100,000 elements) it ran 52 s and
# found a wrong date. Real article pages have 1,000-10,000 elements; above this, the fallback is skipped.
MAX_FALLBACK_ELEMENTS = 30_000


def _htmldate(tree: HtmlElement, url: str | None) -> str | None:
    if sum(1 for _ in islice(tree.iter(), MAX_FALLBACK_ELEMENTS + 1)) > MAX_FALLBACK_ELEMENTS:
        return None
    try:
        from htmldate import find_date

        # htmldate deep-copies an HtmlElement before pruning it, so ``tree`` stays untouched
        return find_date(tree, url=url, extensive_search=True, original_date=True)
    except Exception:  # htmldate raises on odd markup; a missing date is the right answer then
        return None


def _first(values: Iterable[str | None], zone: ZoneInfo | None) -> str | None:
    for value in values:
        parsed = parse_date(value, zone)
        if parsed:
            return parsed
    return None


# Weight of one vote from the visible byline date; structured rules weigh 1 each. The date a reader sees is what
# people annotate (and cite), so it breaks 1-1 ties against metadata that lags behind an edit or a re-publication.
# 1.5 chosen on the tune part of data/dates (bench/_split.py, 402 pages): 0.920 at 1.0 (equal weights), 0.925 at 1.5
# and at 2.0. A cascade that trusts structured metadata outright (URL, then article:published_time, JSON-LD,
# itemprop; the vote only without them) was tried there too: 0.915, as was htmldate as one more voter: 0.920.
TEXT_WEIGHT = 1.5


def _candidates(tree: HtmlElement, zone: ZoneInfo | None, ld: dict[str, list[str]],
                metas: dict[str, str]) -> list[tuple[str, str]]:
    """(rule, date) for every cheap rule that found a date, in priority order; one vote per rule.

    The visible-text rule (the slowest) runs only when its vote could change the outcome.
    """
    found: list[tuple[str, str | None]] = [
        ("meta:article:published_time", parse_date(metas.get("article:published_time"), zone)),
        ("json-ld:datePublished", _first(ld.get("datePublished", []), zone)),
        ("itemprop:datePublished", _itemprop(tree, zone)),
        ("time-element", _time_element(tree, zone)),
        ("json-ld:dateCreated", _first(ld.get("dateCreated", []), zone)),
    ]
    for key in PUBLISHED_META[1:]:  # the first other publication meta tag present votes as "meta"
        value = parse_date(metas.get(key), zone)
        if value:
            found.append((f"meta:{key}", value))
            break
    result = [(rule, value) for rule, value in found if value]
    scores = sorted(_scores(result).values(), reverse=True) + [0.0, 0.0]
    if scores[0] - scores[1] <= TEXT_WEIGHT:
        lang = (tree.get("lang") or "").lower()
        text = _visible_text(tree, zone, dayfirst=not lang.startswith("en-us"))
        if text:
            # the text rule sits after itemprop in the tie-break order
            result.insert(sum(1 for rule, _ in result if rule in ("meta:article:published_time",
                                                                   "json-ld:datePublished",
                                                                   "itemprop:datePublished")), ("text", text))
    return result


def _scores(candidates: list[tuple[str, str]]) -> dict[str, float]:
    score: dict[str, float] = {}
    for rule, value in candidates:
        score[value[:10]] = score.get(value[:10], 0.0) + (TEXT_WEIGHT if rule == "text" else 1.0)
    return score


def _vote(candidates: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The day most rules agree on (ties: the highest-priority rule); returns that rule's (rule, value)."""
    if not candidates:
        return None
    score = _scores(candidates)
    best = max(score.values())
    return next((rule, value) for rule, value in candidates if score[value[:10]] == best)


def find_dates(tree: HtmlElement, url: str | None = None) -> DateResult:
    """Find the publication (and last-modified) date of a page. Must not mutate ``tree``.

    A full URL date wins outright (it is set once, at publication). Otherwise the cheap rules vote, and
    htmldate's extensive search runs only when none of them found a date.
    """
    if url is None:
        link = tree.find(".//link[@rel='canonical']")
        url = link.get("href") if link is not None else None
    zone = _zone(tree)
    ld = _json_ld(tree)
    metas = _metas(tree)
    modified = _first(ld.get("dateModified", []), zone) or _first((metas.get(k) for k in MODIFIED_META), zone)
    published = url_date(url)
    if published:
        return DateResult(published, modified, "url")
    winner = _vote(_candidates(tree, zone, ld, metas))
    if winner:
        return DateResult(winner[1], modified, winner[0])
    published = _htmldate(tree, url)
    return DateResult(published, modified, "htmldate" if published else None)
