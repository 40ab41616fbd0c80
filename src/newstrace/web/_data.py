"""Queries behind the web pages and the JSON API: paginated lists (cursor, no cap on depth) over a read-only Store.

The claims list is sorted and filtered on per-claim figures (first and last event date, event and article counts,
actions, source types, outlets) that ``Store.replace_claims`` keeps in the ``claims`` table as claims are written
(migration 6): every list page is an indexed query, and a server has nothing to build at start.
"""
from __future__ import annotations

import base64
import json
import sqlite3
from dataclasses import dataclass

from ..store._claims import ACTIONS, SOURCE_TYPES, UNDATED
from ..store._claims import bits as _bits
from ..store._claims import day_number as _date_int

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
# Sort orders over the figures ``Store.replace_claims`` keeps in ``claims`` (migration 6), each served by an index.
# A cursor is the last item's sort key (the same shapes as before the figures moved into the store).
_KEY_SHAPES = {"activity": (int, int, int, str), "first_seen": (int, str), "latest": (int, str)}
_SORT_KEY = {"activity": ("-events", "-event_articles", "first_day", "id"), "first_seen": ("first_day", "id"),
             "latest": ("-last_day", "id")}


def _check_date(name: str, value: str | None) -> int:
    if not value:
        return 0
    day = _date_int(value)
    if not day or len(value) != 10:
        raise BadRequest(f"{name}: expected a date YYYY-MM-DD")
    return day


def claims_count(db: sqlite3.Connection) -> int:
    return db.execute("SELECT COUNT(*) FROM claims").fetchone()[0]


@dataclass
class ClaimFilter:
    q: str | None = None
    outlet: str | None = None
    action: str | None = None
    source_type: str | None = None
    since: str | None = None
    until: str | None = None
    sort: str = "activity"


def claims_page(db: sqlite3.Connection, f: ClaimFilter, limit: int,
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
    key = _SORT_KEY[f.sort]
    where: list[str] = []
    args: list = []
    if after is not None:
        shape = _KEY_SHAPES[f.sort]
        if not (isinstance(after, list) and len(after) == len(shape)
                and all(type(v) is t for v, t in zip(after, shape))):
            raise BadRequest("cursor: not a cursor for this sort order")
        # the leading term alone lets SQLite seek in the index; the row value then picks the exact place
        where.append(f"{key[0]} >= ? AND ({', '.join(key)}) > ({', '.join('?' for _ in key)})")
        args += [after[0]] + list(after)
    if f.q:  # a substring, any case (ASCII, as LIKE); instr: no pattern to escape, and no limit on its length
        where.append("instr(lower(text), lower(?)) > 0")  # (LIKE refused patterns of 50,000+ characters: a 500)
        args.append(f.q)
    if f.action:
        where.append("action_bits & ? != 0")
        args.append(_bits((f.action,), ACTIONS))
    if f.source_type:
        where.append("type_bits & ? != 0")
        args.append(_bits((f.source_type,), SOURCE_TYPES))
    if f.outlet:
        where.append("id IN (SELECT claim FROM claim_outlets WHERE outlet = ?)")
        args.append(f.outlet.casefold())
    if since:
        where.append("last_day >= ?")
        args.append(since)
    if until:
        where.append("first_day <= ?")
        args.append(until)
    sql = (f"SELECT id, text, articles, statements, events, event_articles, first_day, last_day, action_bits, "
           f"type_bits, {', '.join(key)} FROM claims {'WHERE ' + ' AND '.join(where) if where else ''} "
           f"ORDER BY {', '.join(key)} LIMIT ?")
    rows = db.execute(sql, args + [limit + 1]).fetchall()
    items = [{"id": r[0], "text": r[1], "articles": r[5], "statements": r[3], "events": r[4],
              "first_date": _date_str(r[6]), "last_date": _date_str(r[7]), "actions": _names(r[8], ACTIONS),
              "source_types": _names(r[9], SOURCE_TYPES)} for r in rows[:limit]]
    nxt = encode_cursor(list(rows[limit - 1][10:])) if len(rows) > limit else None
    return items, nxt


def outlets(db: sqlite3.Connection, limit: int = 300) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet "
                                     "LIMIT ?", (limit,))]


# -- statements ---------------------------------------------------------------------------------------------
def article_statements_page(db: sqlite3.Connection, article: str, limit: int,
                            cursor: str | None) -> tuple[list[dict], str | None]:
    after = decode_cursor(cursor)
    sql = "SELECT rowid, content_start, data FROM statements WHERE article = ?"
    args: list = [article]
    if after is not None:
        if not (isinstance(after, list) and len(after) == 2 and all(isinstance(v, int) for v in after)):
            raise BadRequest("cursor: not a cursor for this list")
        sql += " AND (content_start, rowid) > (?, ?)"
        args += after
    rows = db.execute(sql + " ORDER BY content_start, rowid LIMIT ?", args + [limit + 1]).fetchall()
    nxt = encode_cursor([rows[limit - 1][1], rows[limit - 1][0]]) if len(rows) > limit else None
    return [json.loads(r[2]) for r in rows[:limit]], nxt


def speaker_statements_page(db: sqlite3.Connection, name: str, limit: int,
                            cursor: str | None) -> tuple[list[dict], str | None]:
    after = decode_cursor(cursor)
    if after is not None and not isinstance(after, int):
        raise BadRequest("cursor: not a cursor for this list")
    rows = db.execute("SELECT rowid, data FROM statements WHERE speaker_name = ? COLLATE NOCASE AND rowid > ? "
                      "ORDER BY rowid LIMIT ?", (name, after or 0, limit + 1)).fetchall()
    nxt = encode_cursor(rows[limit - 1][0]) if len(rows) > limit else None
    return [json.loads(r[1]) for r in rows[:limit]], nxt


def article_titles(db: sqlite3.Connection, ids) -> dict[str, dict]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    marks = ",".join("?" for _ in ids)
    return {r[0]: {"title": r[1], "published": r[2], "outlet": r[3], "url": r[4]} for r in db.execute(
        f"SELECT id, title, published, outlet, url FROM articles WHERE id IN ({marks})", ids)}


def article_claims(db: sqlite3.Connection, article: str) -> list[dict]:
    return [dict(r) for r in db.execute(
        "SELECT DISTINCT c.id, c.text FROM events e JOIN claims c ON c.id = e.claim WHERE e.article = ? "
        "ORDER BY c.id", (article,))]


# -- search -------------------------------------------------------------------------------------------------
OPEN, CLOSE = "\ue000", "\ue001"  # private-use marks around matches: cannot be confused with the text's brackets
_SEARCH_SQL = (
    "SELECT a.id, a.title, a.published, a.outlet, "
    f"snippet(articles_fts, -1, '{OPEN}', '{CLOSE}', '…', 20) AS snippet "
    "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
    "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 2.0, 1.0), a.id LIMIT ? OFFSET ?")


def search_page(db: sqlite3.Connection, q: str, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    """Full-text search (FTS5 syntax; anything FTS5 cannot parse is searched as a phrase). Items carry ``snippet``
    with matches marked [ ] (as the CLI prints it) and ``marked``: the snippet as [text, is_match] pieces."""
    after = decode_cursor(cursor)
    if after is not None and not (isinstance(after, int) and after >= 0):
        raise BadRequest("cursor: not a cursor for this list")
    offset = after or 0
    rows = None
    for query in (q, '"' + q.replace('"', '""') + '"'):
        try:
            rows = db.execute(_SEARCH_SQL, (query, limit + 1, offset)).fetchall()
            break
        except sqlite3.OperationalError:
            continue
    rows = rows or []
    items = []
    for r in rows[:limit]:
        item = {k: r[k] for k in ("id", "title", "published", "outlet")}
        raw = r["snippet"] or ""
        item["snippet"] = raw.replace(OPEN, "[").replace(CLOSE, "]")
        item["marked"] = _split_marks(raw)
        items.append(item)
    return items, (encode_cursor(offset + limit) if len(rows) > limit else None)


def _split_marks(raw: str) -> list[list]:
    out: list[list] = []
    inside = False
    buf = ""
    for ch in raw:
        if ch in (OPEN, CLOSE):
            if buf:
                out.append([buf, inside])
            buf, inside = "", ch == OPEN
        else:
            buf += ch
    if buf:
        out.append([buf, inside])
    return out


# -- trails -------------------------------------------------------------------------------------------------
def trail(db: sqlite3.Connection, claim_id: str) -> dict | None:
    """The claim's Trail (None when there is no such claim): the same function the CLI uses."""
    from ..trail import trail_from_db

    return trail_from_db(db, claim_id)


def _offset_of(cursor: str | None) -> int:
    after = decode_cursor(cursor)
    if after is not None and (not isinstance(after, int) or isinstance(after, bool) or after < 0):
        raise BadRequest("cursor: not a cursor for this list")
    return after or 0


def speakers_page(db: sqlite3.Connection, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    """Speakers by how many statements they made: {name, type, statements, articles}."""
    offset = _offset_of(cursor)
    rows = db.execute(
        "SELECT speaker_name, MAX(speaker_type), COUNT(*) AS n, COUNT(DISTINCT article) FROM statements "
        "WHERE speaker_name IS NOT NULL AND speaker_name != '' GROUP BY speaker_name COLLATE NOCASE "
        "ORDER BY n DESC, speaker_name LIMIT ? OFFSET ?", (limit + 1, offset)).fetchall()
    nxt = encode_cursor(offset + limit) if len(rows) > limit else None
    return [{"name": r[0], "type": r[1], "statements": r[2], "articles": r[3]} for r in rows[:limit]], nxt


def articles_page(db: sqlite3.Connection, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    """Stored articles, newest first (undated last): {id, title, published, outlet, labels, language}."""
    offset = _offset_of(cursor)
    rows = db.execute(
        "SELECT id, title, published, outlet, labels, language FROM articles "
        "ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?", (limit + 1, offset)).fetchall()
    nxt = encode_cursor(offset + limit) if len(rows) > limit else None
    return [{"id": r[0], "title": r[1], "published": r[2], "outlet": r[3], "labels": json.loads(r[4] or "[]"),
             "language": r[5]} for r in rows[:limit]], nxt
