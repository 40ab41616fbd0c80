"""Plain-text scrapes: a line classifier that recovers an Article from text alone.

A scrape is what copy-paste or a text crawler keeps of a page: menu items, share buttons, breadcrumbs, the
headline, image alt text and captions, a dateline, labels, "RELATED:" inserts and a comment footer, all as lines.
Each line gets one class (rules in ``_classify``, applied in order); the Article is assembled from the classes:

    nav / share      dropped              breadcrumb  -> section (its last part)
    headline         -> title             dateline    -> published / modified (kept out of text)
    label            -> labels            caption     -> captions (text and credit split)
    related marker   -> related (the title lines after it)
    comment footer   -> comments count (everything from it on is dropped)
    prose            -> text; the first prose paragraph after the headline is also the standfirst
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Article, Caption, Related
from ._datetext import find_date

LABELS = ("Opinion", "Analysis", "Editorial", "Sponsored", "Commentary", "Review", "Explainer", "Live",
          "Obituary", "Satire", "Press release", "Fact check", "Interview", "Column", "Letters")
_LABEL_LOOKUP = {label.lower(): label for label in LABELS}
# Share and menu words that appear alone on a line in scrapes of news pages.
_NAV_WORDS = {
    "facebook", "twitter", "x", "google plus", "google+", "whatsapp", "telegram", "linkedin", "reddit", "pinterest",
    "email", "e-mail", "print", "share", "share this", "share this article", "tweet", "copy link", "live",
    "audio only", "video", "menu", "home", "search", "subscribe", "sign in", "log in", "login", "register",
    "advertisement", "skip to content", "skip to main content", "newsletter", "sign up", "close", "more",
    "listen", "watch live", "podcasts", "follow us", "back to top", "top", "next", "previous", "sections",
}
_BULLET = re.compile(r"^\s*[•·*▪◦‣–—-]\s+")
_BREADCRUMB = re.compile(r"^[\w][\w&',. -]{0,40}(\s*(?:>|»|›|/|\\)\s*[\w][\w&',. -]{0,40}){1,5}$")
_DATELINE = re.compile(r"^(?P<word>published|updated|last updated|first published|posted|date|modified|"
                       r"veröffentlicht|aktualisiert)\b[:\s]*(?:on\s+)?", re.I)
_RELATED = re.compile(r"^(related|related articles?|related stories|read more|read also|also read|see also|"
                      r"recommended|more on this|you may also like|more stories)\s*:?\s*(?P<rest>.*)$", re.I)
# A credit closes a caption line after a separator ("| Photo: X", " - REUTERS/Name", "(AP Photo/Name)", ". Getty
# Images"): "Photo:"-style words, or an agency name with at most a photographer before or after it. An agency
# named inside a sentence ("the minister told Reuters.") is prose, not a credit.
_CREDIT_SEP = r"(?:\s*[|—–]\s*|\s+-\s+|\s*\(|(?<=[.!?])\s+)"
_CREDIT_WORDS = r"(?:photo|image|picture|credit|source|foto|video|illustration|graphic)s?\s*(?:by|:|/)\s*[^|]+?"
_AGENCY = r"(?:getty images|reuters|afp|ap photo|shutterstock|epa(?:-efe)?|anadolu agency|xinhua)"
_AGENCY_CREDIT = (rf"(?:[\w.'-]+(?:\s[\w.'-]+){{0,3}}\s*/\s*)?{_AGENCY}"
                  r"(?:\s*/\s*[\w.' -]{1,40}|\s+via\s+[\w.' -]{1,30})?")
_CREDIT = re.compile(rf"(?:{_CREDIT_SEP}(?P<credit>{_CREDIT_WORDS}|{_AGENCY_CREDIT})|"
                     r"\s+(?P<credit_word>(?-i:Photo|Image|Picture|Credit|Foto)s?\s*(?:by|:)\s*[^|]+?))\)?\s*$", re.I)
# Above the headline, prose lines about the site rather than the story (consent banners, subscription asks).
_SITE_PROSE = re.compile(r"\b(cookies?|javascript|your browser|subscribe|subscription|sign up|newsletter|"
                         r"privacy policy|terms of (?:use|service)|ad ?blocker)\b", re.I)
_COMMENT_WORDS = re.compile(r"^(\d+\s+)?(comments?|leave a comment|add a comment|post a comment|join the discussion|"
                            r"post with no comments\.?|no comments( yet)?\.?|show comments|view comments)\s*(\(\d+\))?$",
                            re.I)
_COUNT = re.compile(r"^\d{1,6}$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# A headline has at least this many words: one- and two-word lines above it are menus and section names.
MIN_HEADLINE_WORDS = 3
# Headlines are rarely longer than this; longer unpunctuated lines are prose that lost its full stop.
MAX_HEADLINE_WORDS = 30
# Prose above the first headline-like line is kept (a teaser, or a scrape that starts in the story). Once this many
# words of it are in, the story has begun without a headline: a later headline-like line is a subhead, not the
# title. Judgement (a teaser or standfirst above a headline is one or two sentences), checked on the test scrapes.
PREAMBLE_MAX_WORDS = 40


@dataclass
class _Line:
    raw: str
    text: str
    bullet: bool


def _words(text: str) -> int:
    return len(text.split())


def _is_prose(text: str) -> bool:
    return bool(_SENTENCE_END.search(text)) or _words(text) > MAX_HEADLINE_WORDS


# A credit is looked for in a line's last this-many characters only: _CREDIT tries every start position and scans
# to the end of the line from each, so a whole 96 KB line of repeated "a. Photo: x" took 111 s. 300 is five times
# the longest credit in FNC-1's 20,416 body lines (60 characters; no line split differently there, nor in AEB's).
MAX_CREDIT_CHARS = 300


def _split_caption(text: str) -> Caption | None:
    match = _CREDIT.search(text, max(0, len(text) - MAX_CREDIT_CHARS))  # lookbehinds still see the text before
    if not match or match.start() == 0:
        return None
    caption = text[: match.start()].strip(" |—–-(")
    if _words(caption) < 2:
        return None
    return Caption(text=caption, credit=(match.group("credit") or match.group("credit_word")).strip(" ()"))


def extract_scrape(text: str, source: str) -> Article:
    """Classify the lines of a text scrape and assemble an Article (id and source are set by the caller)."""
    lines = [_Line(raw, _BULLET.sub("", raw).strip(), bool(_BULLET.match(raw))) for raw in text.splitlines()]
    lines = [line for line in lines if line.text]
    article = Article(id="", source=source)
    body: list[str] = []
    title_seen = False
    preamble = 0  # words of prose kept above the headline
    related_open = False
    i = 0
    while i < len(lines):
        line, low = lines[i], lines[i].text.lower()
        following = lines[i + 1].text if i + 1 < len(lines) else ""
        i += 1
        if _COMMENT_WORDS.match(low):
            article.comments = _comment_count(lines[i - 1 : i + 4])
            break
        if low.rstrip(":") in _NAV_WORDS:
            continue
        related = _RELATED.match(line.text)
        if related and (related.group("rest") == "" or not _is_prose(related.group("rest"))):
            if related.group("rest"):
                article.related.append(Related(title=related.group("rest").strip()))
            related_open = not related.group("rest")
            continue
        if related_open and not _is_prose(line.text):
            article.related.append(Related(title=line.text))
            continue
        related_open = False
        if low in _LABEL_LOOKUP:
            article.labels.append(_LABEL_LOOKUP[low])
            continue
        dateline = _DATELINE.match(line.text)
        if dateline or (not title_seen and _mostly_date(line.text)):
            found = find_date(line.text)
            if found and _words(line.text) <= 12:
                word = (dateline.group("word").lower() if dateline else "published")
                if word in ("updated", "last updated", "modified", "aktualisiert"):
                    article.modified = article.modified or found[0]
                else:
                    article.published = article.published or found[0]
                    article.date_source = article.date_source or "dateline"
                continue
        caption = _split_caption(line.text)
        if caption:
            article.captions.append(caption)
            continue
        if following and line.text != following and following.startswith(line.text.rstrip(".")) and _split_caption(following):
            continue  # alt text repeated by the caption line that follows
        if not title_seen:
            if _BREADCRUMB.match(line.text) and not _is_prose(line.text):
                article.section = re.split(r"\s*(?:>|»|›|/|\\)\s*", line.text)[-1].strip() or None
                continue
            if MIN_HEADLINE_WORDS <= _words(line.text) <= MAX_HEADLINE_WORDS and not _SENTENCE_END.search(line.text):
                article.title = line.text
                title_seen = True
                continue
            if _is_prose(line.text) and _words(line.text) >= MIN_HEADLINE_WORDS and not _SITE_PROSE.search(line.text):
                body.append(line.text)  # the story (or its teaser) before any headline: kept, never dropped
                preamble += _words(line.text)
                if preamble >= PREAMBLE_MAX_WORDS:
                    title_seen = True  # the story began without a headline
                    article.standfirst = ""  # and so without a standfirst (set back to None below)
            continue  # menu items and the like above the headline
        if line.bullet and _words(line.text) <= 3:
            continue
        if article.standfirst is None and _is_prose(line.text):
            article.standfirst = line.text
        body.append(line.text)
    article.text = "\n".join(body)
    article.standfirst = article.standfirst or None
    return article


def _mostly_date(text: str) -> bool:
    found = find_date(text)
    return bool(found) and (found[2] - found[1]) >= 0.5 * len(text.strip())


def _comment_count(window: list[_Line]) -> int | None:
    """The count shown beside a comment footer: "12 Comments", "Comments (3)", or a bare number line next to it."""
    for line in window:
        match = re.match(r"^(\d{1,9})\s+comments?$", line.text, re.I) or re.search(r"\((\d{1,9})\)$", line.text)
        if match:  # at most nine digits: a longer number is no comment count (and past 2^63 SQLite cannot store it)
            return int(match.group(1))
        if _COUNT.match(line.text):
            return int(line.text)
        if re.match(r"^(post with )?no comments", line.text, re.I):
            return 0
    return None
