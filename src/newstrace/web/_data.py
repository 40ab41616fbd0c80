"""Queries behind the web pages and the JSON API: paginated lists (cursor, no cap on depth) over a read-only Store.

The claims list is sorted and filtered on per-claim figures (first and last event date, event and article counts,
actions, source types) that would cost a scan of every event per request; ``ClaimStats`` keeps them in memory,
built once and brought up to date from the rows added since (new events only ever get higher rowids; a deletion is
noticed by the row count and answered by a rebuild).
"""
from __future__ import annotations

import base64
import bisect
import json
import sqlite3
import threading
from dataclasses import dataclass

ACTIONS = ("asserts", "repeats", "denies", "reports")
SOURCE_TYPES = ("person", "organization", "outlet", "anonymous", "document", "unknown")
SORTS = ("activity", "first_seen", "latest")
MAX_LIMIT = 500
DEFAULT_LIMIT = 50


class BadRequest(ValueError):
    """A request parameter that cannot be used (answered with 400)."""


# -- cursors ------------------------------------------------------------------------------------------------
def encode_cursor(value) -> str:
    raw = json.dumps(value, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None):
    if cursor is None or cursor == "":
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return json.loads(raw.decode())
    except Exception as exc:  # noqa: BLE001 - any garbage is the client's
        raise BadRequest("cursor: not a cursor this server gave") from exc


def _date_int(value: str | None) -> int:
    """YYYY-MM-DD... as YYYYMMDD (0 when missing or unreadable)."""
    if not value:
        return 0
    digits = value[:10].replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0


def _date_str(value: int) -> str | None:
    return f"{value // 10000:04d}-{value // 100 % 100:02d}-{value % 100:02d}" if value else None


def _bits(names, universe) -> int:
    mask = 0
    for name in names:
        if name in universe:
            mask |= 1 << universe.index(name)
    return mask


def _names(mask: int, universe) -> list[str]:
    return [name for i, name in enumerate(universe) if mask >> i & 1]


# -- claims -------------------------------------------------------------------------------------------------
_UNDATED = 99_999_999


_KEY_SHAPES = {"activity": (int, int, int, str), "first_seen": (int, str), "latest": (int, str)}


def _sort_key(sort: str, cid: str, row: list):
    first, last, n_events, n_articles = row[0], row[1], row[2], row[3]
    if sort == "first_seen":
        return (first or _UNDATED, cid)
    if sort == "latest":
        return (-last, cid)
    return (-n_events, -n_articles, first or _UNDATED, cid)


class ClaimStats:
    """Per-claim figures for sorting and filtering the claims list: [first, last, events, articles, action bits,
    source-type bits, last article seen, outlets (casefolded: the events' articles' outlets and outlet actors)].
    Shared by every request of one app; thread-safe."""

    _EVENTS_SQL = ("SELECT rowid, claim, article, date, action, json_extract(data, '$.actor.type'), "
                   "(SELECT group_concat(json_extract(value, '$.type'), ' ') FROM json_each(data, '$.authority')), "
                   "actor, (SELECT outlet FROM articles WHERE id = events.article) "
                   "FROM events WHERE rowid > ? ORDER BY rowid")

    def __init__(self):
        self.lock = threading.Lock()
        self.version: tuple | None = None
        self.rows: dict[str, list] = {}
        self.events_seen = 0
        self.max_event = 0
        self.max_claim = 0
        self.orders: dict[str, tuple[list, list]] = {}
        self.names: dict[str, str] = {}  # one string object per outlet name

    def refresh(self, db: sqlite3.Connection) -> None:
        version = tuple(db.execute("SELECT (SELECT MAX(rowid) FROM events), (SELECT MAX(rowid) FROM claims)").fetchone())
        if version == self.version:
            return
        with self.lock:
            if version == self.version:
                return
            if self.version is not None:
                count = db.execute("SELECT COUNT(*) FROM events WHERE rowid <= ?", (self.max_event,)).fetchone()[0]
                if count != self.events_seen:  # events were deleted (an article re-analysed): start again
                    self.rows, self.events_seen, self.max_event, self.max_claim = {}, 0, 0, 0
            rows = self.rows
            for rowid, cid in db.execute("SELECT rowid, id FROM claims WHERE rowid > ? ORDER BY rowid",
                                         (self.max_claim,)):
                rows.setdefault(cid, [0, 0, 0, 0, 0, 0, None, ()])
                self.max_claim = rowid
            names = self.names
            for rowid, cid, article, date, action, actor_type, auth_types, actor, outlet in db.execute(
                    self._EVENTS_SQL, (self.max_event,)):
                row = rows.get(cid)
                if row is None:
                    row = rows[cid] = [0, 0, 0, 0, 0, 0, None, ()]
                for name in (outlet, actor if actor_type == "outlet" else None):
                    if name:
                        key = names.setdefault(name.casefold(), name.casefold())
                        if key not in row[7]:
                            row[7] = row[7] + (key,)
                day = _date_int(date)
                if day:
                    if not row[0] or day < row[0]:
                        row[0] = day
                    if day > row[1]:
                        row[1] = day
                row[2] += 1
                if article != row[6]:  # an article's events are written together, in one transaction
                    row[3] += 1
                    row[6] = article
                row[4] |= _bits((action,), ACTIONS)
                row[5] |= _bits([actor_type or "unknown"] + (auth_types or "").split(), SOURCE_TYPES)
                self.events_seen += 1
                self.max_event = rowid
            self.orders = {}
            self.version = version

    def warm(self, db: sqlite3.Connection) -> None:
        """Build the figures and every sort order now (at startup), not on the first request."""
        self.refresh(db)
        for sort in SORTS:
            self.order(sort)

    def order(self, sort: str) -> tuple[list, list]:
        """(keys, ids) sorted for ``sort``; built on first use after each refresh."""
        with self.lock:
            cached = self.orders.get(sort)
            if cached is None:
                pairs = sorted((_sort_key(sort, cid, row), cid) for cid, row in self.rows.items())
                cached = self.orders[sort] = ([k for k, _ in pairs], [c for _, c in pairs])
            return cached


@dataclass
class ClaimFilter:
    q: str | None = None
    outlet: str | None = None
    action: str | None = None
    source_type: str | None = None
    since: str | None = None
    until: str | None = None
    sort: str = "activity"


def _check_date(name: str, value: str | None) -> int:
    if not value:
        return 0
    day = _date_int(value)
    if not day or len(value) != 10:
        raise BadRequest(f"{name}: expected a date YYYY-MM-DD")
    return day


def claims_page(db: sqlite3.Connection, stats: ClaimStats, f: ClaimFilter, limit: int,
                cursor: str | None) -> tuple[list[dict], str | None]:
    """One page of claims matching ``f``, in ``f.sort`` order, after ``cursor``."""
    if f.sort not in SORTS:
        raise BadRequest(f"sort: one of {', '.join(SORTS)}")
    if f.action and f.action not in ACTIONS:
        raise BadRequest(f"action: one of {', '.join(ACTIONS)}")
    if f.source_type and f.source_type not in SOURCE_TYPES:
        raise BadRequest(f"type: one of {', '.join(SOURCE_TYPES)}")
    since, until = _check_date("since", f.since), _check_date("until", f.until)
    after = decode_cursor(cursor)
    stats.refresh(db)
    keys, ids = stats.order(f.sort)
    start = 0
    if after is not None:
        shape = _KEY_SHAPES[f.sort]
        if not (isinstance(after, list) and len(after) == len(shape)
                and all(type(v) is t for v, t in zip(after, shape))):
            raise BadRequest("cursor: not a cursor for this sort order")
        start = bisect.bisect_right(keys, tuple(after))
    allowed: set[str] | None = None
    outlet = f.outlet.casefold() if f.outlet else None
    if f.q:
        like = "%" + f.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        found = {r[0] for r in db.execute("SELECT id FROM claims WHERE text LIKE ? ESCAPE '\\'", (like,))}
        allowed = found
    action_bit = _bits((f.action,), ACTIONS) if f.action else 0
    type_bit = _bits((f.source_type,), SOURCE_TYPES) if f.source_type else 0
    rows = stats.rows
    if allowed is not None and len(allowed) * 8 < len(ids):  # few candidates: sort those, not the whole list
        pairs = sorted((_sort_key(f.sort, cid, rows[cid]), cid) for cid in allowed if cid in rows)
        first = bisect.bisect_right(pairs, (tuple(after), "\uffff")) if after is not None else 0
        keys, ids = [k for k, _ in pairs[first:]], [c for _, c in pairs[first:]]
        start, allowed = 0, None
    picked: list[str] = []
    last_key = None
    for i in range(start, len(ids)):
        cid = ids[i]
        if allowed is not None and cid not in allowed:
            continue
        row = rows[cid]
        if action_bit and not row[4] & action_bit:
            continue
        if type_bit and not row[5] & type_bit:
            continue
        if outlet and outlet not in row[7]:
            continue
        if since and (not row[1] or row[1] < since):
            continue
        if until and (not row[0] or row[0] > until):
            continue
        if len(picked) == limit:
            return _claim_items(db, stats, picked), encode_cursor(list(last_key))
        picked.append(cid)
        last_key = keys[i]
    return _claim_items(db, stats, picked), None


def _claim_items(db: sqlite3.Connection, stats: ClaimStats, ids: list[str]) -> list[dict]:
    if not ids:
        return []
    marks = ",".join("?" for _ in ids)
    texts = dict(db.execute(f"SELECT id, text FROM claims WHERE id IN ({marks})", ids).fetchall())
    counts = dict(db.execute(f"SELECT claim, COUNT(*) FROM claim_statements WHERE claim IN ({marks}) GROUP BY claim",
                             ids).fetchall())
    out = []
    for cid in ids:
        row = stats.rows[cid]
        out.append({"id": cid, "text": texts.get(cid, ""), "articles": row[3], "statements": counts.get(cid, 0),
                    "events": row[2], "first_date": _date_str(row[0]), "last_date": _date_str(row[1]),
                    "actions": _names(row[4], ACTIONS), "source_types": _names(row[5], SOURCE_TYPES)})
    return out


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
