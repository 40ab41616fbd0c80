"""Absolute dates written in prose: "14 March 2022", "March 14, 2022", "2022-03-14", "14.03.2022".

Used on visible text (datelines of text scrapes); returns ISO dates. Day-first is assumed for numeric forms with
dots or slashes where the day is > 12 is impossible otherwise; ambiguous d/m/y reads day-first (the
European and Commonwealth order most news sites outside the US use for numeric dates).
"""
from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1)
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_DAY}[./](?P<mnum>[01]?\d)[./]{_YEAR}\b"),
]


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first absolute date in ``text`` as (ISO date, start, end), or None."""
    best = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            parsed = _to_date(match)
            if parsed and (best is None or match.start() < best[1]):
                best = (parsed.isoformat(), match.start(), match.end())
                break
    return best


def _to_date(match: re.Match) -> date | None:
    groups = match.groupdict()
    month = MONTHS.get(groups["month"].lower().rstrip(".")) if groups.get("month") else int(groups["mnum"])
    try:
        return date(int(groups["year"]), month, int(groups["day"]))
    except (TypeError, ValueError):
        return None
