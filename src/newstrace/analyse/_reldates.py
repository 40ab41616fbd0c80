"""Dates of speech acts: relative and explicit date phrases resolved against the publication date.

Resolution rules (documented here, applied everywhere):
- a weekday ("on Monday", "Sunday") is the most recent such day on or before the publication date;
- "today"/"tonight"/"this morning" is the publication date, "yesterday" the day before;
- "last week" is the Monday of the previous week, "earlier this week" the Monday of the publication week,
  "last month"/"earlier this month" the first day of that month (day precision stands in for a period: the
  phrase is kept in ``date_text`` so a reader sees how coarse it is);
- "March 13" / "13 March" (no year) is the latest such date on or before the publication date; with a year, that date.
A statement without its own phrase in its cue's sentence inherits the date (and phrase) of the statement it
continues: the statement right before it, when that one has the same resolved speaker and its cue is at most
``_extract.INHERIT_CHARS`` characters back (the seed's '"...," Zhao stressed' takes "On Monday" from the paragraph
before); a phrase further away, or about someone else, dates nothing. With neither, a present-tense cue ("says") gets the publication date (news of the day)
and any other cue gets null: a past-tense "said" with no phrase may be days old. See ``_extract._resolve``.
"""
from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
DATE_PHRASE = re.compile(
    r"\b(?:(?:on|last|this|earlier|late|early)\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b(?P<simple>today|tonight|yesterday|this morning|this afternoon|this evening|last night)\b"
    r"|\b(?P<period>(?:last|earlier this|this|late last|early last)\s+(?:week|month))\b"
    r"|\b(?:on\s+)?(?:(?P<m1>" + _MONTH + r")\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{4}))?"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>" + _MONTH + r")(?:,?\s+(?P<y2>\d{4}))?)\b",
    re.IGNORECASE)


def parse_published(published: str | None) -> dt.date | None:
    """The publication date (first YYYY-MM-DD in the string), or None."""
    if not published:
        return None
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", published)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _month_number(name: str) -> int:
    """1-12 for a month name or abbreviation."""
    name = name.lower().rstrip(".")[:3]
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(name))


def resolve(match: re.Match[str], published: dt.date) -> dt.date | None:
    """The day a DATE_PHRASE match stands for, given the publication date."""
    if match.group("weekday"):
        wanted = WEEKDAYS.index(match.group("weekday").lower())
        return published - dt.timedelta(days=(published.weekday() - wanted) % 7)
    simple = (match.group("simple") or "").lower()
    if simple:
        back = 1 if simple in ("yesterday", "last night") else 0
        return published - dt.timedelta(days=back)
    period = (match.group("period") or "").lower()
    if period:
        if period.endswith("week"):
            monday = published - dt.timedelta(days=published.weekday())
            return monday - dt.timedelta(days=7) if "last" in period else monday
        first = published.replace(day=1)
        if "last" in period:
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return first
    month_name, day, year = match.group("m1"), match.group("d1"), match.group("y1")
    if match.group("d2"):
        month_name, day, year = match.group("m2"), match.group("d2"), match.group("y2")
    try:
        month = _month_number(month_name)
        if year:
            return dt.date(int(year), month, int(day))
        candidate = dt.date(published.year, month, int(day))
        return candidate if candidate <= published else dt.date(published.year - 1, month, int(day))
    except (ValueError, StopIteration):
        return None


def find_date(text: str, start: int, end: int, published: dt.date | None,
              skip: tuple[int, int] | None = None) -> tuple[str | None, str | None]:
    """The first date phrase in ``text[start:end]`` outside ``skip``: (YYYY-MM-DD or None, phrase or None)."""
    for match in DATE_PHRASE.finditer(text, start, end):
        if skip and match.start() < skip[1] and match.end() > skip[0]:
            continue
        day = resolve(match, published) if published else None
        return (day.isoformat() if day else None), match.group(0)
    return None, None
