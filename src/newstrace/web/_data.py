"""The web pages' and JSON API's lists: paginated (cursor, no cap on depth) over a read-only Store's page reads
(``store/_pages``); here the client's parameters and cursors are checked (a bad one is a 400) and rows made items.

The claims list is sorted and filtered on per-claim figures (first and last event date, event and article counts,
actions, source types, outlets) that ``Store.replace_claims`` keeps in the ``claims`` table as claims are written
(migration 6): every list page is an indexed query, and a server has nothing to build at start.
"""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from ..store import Store
from ..store._claims import ACTIONS, SOURCE_TYPES, UNDATED
from ..store._claims import bits as _bits
from ..store._claims import day_number as _date_int
from ..store._pages import CLAIM_SORT_KEYS, MATCH_CLOSE, MATCH_OPEN

SORTS = ("activity", "first_seen", "latest")
MAX_LIMIT = 500
DEFAULT_LIMIT = 50


class BadRequest(ValueError):
    """A request parameter that cannot be used (answered with 400)."""


# -- cursors ------------------------------------------------------------------------------------------------
def encode_cursor(value) -> str:
    raw = json.dumps(value, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# Integers in a cursor are SQLite integers (64-bit): a larger one (10^30) raised OverflowError, a 500.
_INT64 = (-(1 << 63), (1 << 63) - 1)
MAX_CURSOR_CHARS = 4096


def decode_cursor(cursor: str | None):
    if cursor is None or cursor == "":
        return None
    if len(cursor) > MAX_CURSOR_CHARS:
        raise BadRequest("cursor: not a cursor this server gave")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw.decode())
    except Exception as exc:  # noqa: BLE001 - any garbage is the client's
        raise BadRequest("cursor: not a cursor this server gave") from exc
    if not _fits(value):
        raise BadRequest("cursor: not a cursor this server gave (a number out of range)")
    return value


def _fits(value) -> bool:
    """Whether a decoded cursor has a shape this server gives (a scalar, or a short flat list of them) and every
    integer in it is one SQLite can take."""
    if isinstance(value, list):
        return len(value) <= 8 and all(not isinstance(v, (list, dict)) and _fits(v) for v in value)
    return not isinstance(value, int) or _INT64[0] <= value <= _INT64[1]


def _date_str(value: int) -> str | None:
    return f"{value // 10000:04d}-{value // 100 % 100:02d}-{value % 100:02d}" if value and value != UNDATED else None


def _names(mask: int, universe) -> list[str]:
    return [name for i, name in enumerate(universe) if mask >> i & 1]


# -- claims -------------------------------------------------------------------------------------------------
# A cursor is the last item's sort key (``store._pages.CLAIM_SORT_KEYS``), of these types.
_KEY_SHAPES = {"activity": (int, int, int, str), "first_seen": (int, str), "latest": (int, str)}


def _check_date(name: str, value: str | None) -> int:
    if not value:
        return 0
    day = _date_int(value)
    if not day or len(value) != 10:
        raise BadRequest(f"{name}: expected a date YYYY-MM-DD")
    return day


@dataclass
class ClaimFilter:
    q: str | None = None
    outlet: str | None = None
    action: str | None = None
    source_type: str | None = None
    since: str | None = None
    until: str | None = None
    sort: str = "activity"


def claims_page(store: Store, f: ClaimFilter, limit: int,
                cursor: str | None) -> tuple[list[dict], str | None]:
    """One page of claims matching ``f``, in ``f.sort`` order, after ``cursor`` (indexed: no scan of the events)."""
    if f.sort not in SORTS:
        raise BadRequest(f"sort: one of {', '.join(SORTS)}")
    if f.action and f.action not in ACTIONS:
        raise BadRequest(f"action: one of {', '.join(ACTIONS)}")
    if f.source_type and f.source_type not in SOURCE_TYPES:
        raise BadRequest(f"type: one of {', '.join(SOURCE_TYPES)}")
    since, until = _check_date("since", f.since), _check_date("until", f.until)
    after = decode_cursor(cursor)
    if after is not None:
        shape = _KEY_SHAPES[f.sort]
        if not (isinstance(after, list) and len(after) == len(shape)
                and all(type(v) is t for v, t in zip(after, shape))):
            raise BadRequest("cursor: not a cursor for this sort order")
    rows = store.claim_rows(f.sort, after, limit + 1, q=f.q,
                            action_bits=_bits((f.action,), ACTIONS) if f.action else 0,
                            type_bits=_bits((f.source_type,), SOURCE_TYPES) if f.source_type else 0,
                            outlet=f.outlet, since_day=since, until_day=until)
    items = [{"id": r[0], "text": r[1], "articles": r[5], "statements": r[3], "events": r[4],
              "first_date": _date_str(r[6]), "last_date": _date_str(r[7]), "actions": _names(r[8], ACTIONS),
              "source_types": _names(r[9], SOURCE_TYPES)} for r in rows[:limit]]
    nxt = encode_cursor(list(rows[limit - 1][10:])) if len(rows) > limit else None
    return items, nxt


# -- statements ---------------------------------------------------------------------------------------------
def article_statements_page(store: Store, article: str, limit: int,
                            cursor: str | None) -> tuple[list[dict], str | None]:
    after = decode_cursor(cursor)
    if after is not None and not (isinstance(after, list) and len(after) == 2
                                  and all(isinstance(v, int) for v in after)):
        raise BadRequest("cursor: not a cursor for this list")
    rows = store.article_statement_rows(article, after, limit + 1)
    nxt = encode_cursor([rows[limit - 1][1], rows[limit - 1][0]]) if len(rows) > limit else None
    return [json.loads(r[2]) for r in rows[:limit]], nxt


def speaker_statements_page(store: Store, name: str, limit: int,
                            cursor: str | None) -> tuple[list[dict], str | None]:
    after = decode_cursor(cursor)
    if after is not None and not isinstance(after, int):
        raise BadRequest("cursor: not a cursor for this list")
    rows = store.speaker_statement_rows(name, after or 0, limit + 1)
    nxt = encode_cursor(rows[limit - 1][0]) if len(rows) > limit else None
    return [json.loads(r[1]) for r in rows[:limit]], nxt


# -- search -------------------------------------------------------------------------------------------------
def search_page(store: Store, q: str, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    """Full-text search (FTS5 syntax; anything FTS5 cannot parse is searched as a phrase). Items carry ``snippet``
    with matches marked [ ] (as the CLI prints it) and ``marked``: the snippet as [text, is_match] pieces."""
    after = decode_cursor(cursor)
    if after is not None and not (isinstance(after, int) and after >= 0):
        raise BadRequest("cursor: not a cursor for this list")
    offset = after or 0
    rows = store.search_rows(q, limit + 1, offset)
    if rows is None:  # not FTS5 syntax: the words as one phrase
        rows = store.search_rows('"' + q.replace('"', '""') + '"', limit + 1, offset)
    rows = rows or []
    items = []
    for r in rows[:limit]:
        item = {k: r[k] for k in ("id", "title", "published", "outlet")}
        raw = r["snippet"] or ""
        item["snippet"] = raw.replace(MATCH_OPEN, "[").replace(MATCH_CLOSE, "]")
        item["marked"] = _split_marks(raw)
        items.append(item)
    return items, (encode_cursor(offset + limit) if len(rows) > limit else None)


def _split_marks(raw: str) -> list[list]:
    out: list[list] = []
    inside = False
    buf = ""
    for ch in raw:
        if ch in (MATCH_OPEN, MATCH_CLOSE):
            if buf:
                out.append([buf, inside])
            buf, inside = "", ch == MATCH_OPEN
        else:
            buf += ch
    if buf:
        out.append([buf, inside])
    return out


# -- trails -------------------------------------------------------------------------------------------------
def trail(store: Store, claim_id: str) -> dict | None:
    """The claim's Trail (None when there is no such claim): the same function the CLI uses."""
    from ..trail import trail_from_db

    return trail_from_db(store, claim_id)


def _offset_of(cursor: str | None) -> int:
    after = decode_cursor(cursor)
    if after is not None and (not isinstance(after, int) or isinstance(after, bool) or after < 0):
        raise BadRequest("cursor: not a cursor for this list")
    return after or 0


def speakers_page(store: Store, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    """Speakers by how many statements they made: {name, type, statements, articles}."""
    offset = _offset_of(cursor)
    rows = store.speaker_rows(limit + 1, offset)
    nxt = encode_cursor(offset + limit) if len(rows) > limit else None
    return [{"name": r[0], "type": r[1], "statements": r[2], "articles": r[3]} for r in rows[:limit]], nxt


def articles_page(store: Store, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    """Stored articles, newest first (undated last): {id, title, published, outlet, labels, language}."""
    offset = _offset_of(cursor)
    rows = store.article_rows(limit + 1, offset)
    nxt = encode_cursor(offset + limit) if len(rows) > limit else None
    return [{"id": r[0], "title": r[1], "published": r[2], "outlet": r[3], "labels": json.loads(r[4] or "[]"),
             "language": r[5]} for r in rows[:limit]], nxt
