"""The store's paginated reads behind the web pages and the JSON API: claims by their kept figures (migration 6),
statements of an article or a speaker, speakers, articles, full-text search. Each takes the place after which a page
starts (the last row's sort key, or an offset) and returns one row more than asked for, so the caller knows whether
a next page exists. Validating what a client sent is the caller's (``web/_data``)."""
from __future__ import annotations

import sqlite3
from typing import Iterable, Sequence

# Claim sort orders: the columns of ``claims`` each is ordered by ("-x" is a descending figure kept negated), each
# served by an index (migration 6).
CLAIM_SORT_KEYS = {"activity": ("-events", "-event_articles", "first_day", "id"), "first_seen": ("first_day", "id"),
                   "latest": ("-last_day", "id")}
# Full-text search: FTS5 matches wrapped in these private-use marks (cannot be confused with the text's brackets).
MATCH_OPEN, MATCH_CLOSE = "\ue000", "\ue001"
_SEARCH_SQL = (
    "SELECT a.id, a.title, a.published, a.outlet, "
    f"snippet(articles_fts, -1, '{MATCH_OPEN}', '{MATCH_CLOSE}', '…', 20) AS snippet "
    "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
    "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 2.0, 1.0), a.id LIMIT ? OFFSET ?")


class PagesSQL:
    """Mixed into :class:`~newstrace.store.Store` (``self.db``: its connection)."""

    db: sqlite3.Connection

    def claims_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM claims").fetchone()[0]

    def claim_rows(self, sort: str, after: Sequence | None, limit: int, *, q: str | None = None,
                   action_bits: int = 0, type_bits: int = 0, outlet: str | None = None, since_day: int = 0,
                   until_day: int = 0) -> list[tuple]:
        """Up to ``limit`` claims in ``sort`` order after the sort key ``after``: (id, text, articles, statements,
        events, event_articles, first_day, last_day, action_bits, type_bits, *sort key). Filters: ``q`` a substring
        of the text (any case), claims with any of ``action_bits`` / ``type_bits``, an event from ``outlet``
        (case-folded), events on or after ``since_day`` / on or before ``until_day`` (day numbers)."""
        key = CLAIM_SORT_KEYS[sort]
        where: list[str] = []
        args: list = []
        if after is not None:
            # the leading term alone lets SQLite seek in the index; the row value then picks the exact place
            where.append(f"{key[0]} >= ? AND ({', '.join(key)}) > ({', '.join('?' for _ in key)})")
            args += [after[0]] + list(after)
        filters = (  # (value, condition on it); instr: no pattern to escape, no limit on its length (LIKE refused
            (q, "instr(lower(text), lower(?)) > 0"),  # patterns of 50,000+ characters)
            (action_bits, "action_bits & ? != 0"), (type_bits, "type_bits & ? != 0"),
            (outlet.casefold() if outlet else None, "id IN (SELECT claim FROM claim_outlets WHERE outlet = ?)"),
            (since_day, "last_day >= ?"), (until_day, "first_day <= ?"))
        for value, condition in filters:
            if value:
                where.append(condition)
                args.append(value)
        sql = (f"SELECT id, text, articles, statements, events, event_articles, first_day, last_day, action_bits, "
               f"type_bits, {', '.join(key)} FROM claims {'WHERE ' + ' AND '.join(where) if where else ''} "
               f"ORDER BY {', '.join(key)} LIMIT ?")
        return self.db.execute(sql, args + [limit]).fetchall()

    def outlet_names(self, limit: int = 300) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL "
                                              "ORDER BY outlet LIMIT ?", (limit,))]

    def article_statement_rows(self, article: str, after: Sequence[int] | None, limit: int) -> list[tuple]:
        """(rowid, content_start, data JSON) of the article's statements in text order after (content_start,
        rowid) ``after``."""
        sql = "SELECT rowid, content_start, data FROM statements WHERE article = ?"
        args: list = [article]
        if after is not None:
            sql += " AND (content_start, rowid) > (?, ?)"
            args += list(after)
        return self.db.execute(sql + " ORDER BY content_start, rowid LIMIT ?", args + [limit]).fetchall()

    def speaker_statement_rows(self, name: str, after: int, limit: int) -> list[tuple]:
        """(rowid, data JSON) of the statements whose speaker is ``name`` (any case), after rowid ``after``."""
        return self.db.execute("SELECT rowid, data FROM statements WHERE speaker_name = ? COLLATE NOCASE "
                               "AND rowid > ? ORDER BY rowid LIMIT ?", (name, after, limit)).fetchall()

    def article_titles(self, ids: Iterable[str]) -> dict[str, dict]:
        """{id: {title, published, outlet, url}} of the stored articles among ``ids``."""
        ids = sorted(set(ids))
        if not ids:
            return {}
        marks = ",".join("?" for _ in ids)
        return {r[0]: {"title": r[1], "published": r[2], "outlet": r[3], "url": r[4]} for r in self.db.execute(
            f"SELECT id, title, published, outlet, url FROM articles WHERE id IN ({marks})", ids)}

    def article_claims(self, article: str) -> list[dict]:
        """{id, text} of the claims with an event in the article."""
        return [{"id": r[0], "text": r[1]} for r in self.db.execute(
            "SELECT DISTINCT c.id, c.text FROM events e JOIN claims c ON c.id = e.claim WHERE e.article = ? "
            "ORDER BY c.id", (article,))]

    def search_rows(self, query: str, limit: int, offset: int) -> list[tuple] | None:
        """(id, title, published, outlet, snippet) of the articles matching the FTS5 ``query`` by BM25 (title
        first), the snippet's matches between MATCH_OPEN and MATCH_CLOSE; None when FTS5 cannot parse ``query``."""
        try:
            return self.db.execute(_SEARCH_SQL, (query, limit, offset)).fetchall()
        except sqlite3.OperationalError:
            return None

    def speaker_rows(self, limit: int, offset: int) -> list[tuple]:
        """(name, type, statements, articles) of the speakers, most statements first."""
        return self.db.execute(
            "SELECT speaker_name, MAX(speaker_type), COUNT(*) AS n, COUNT(DISTINCT article) FROM statements "
            "WHERE speaker_name IS NOT NULL AND speaker_name != '' GROUP BY speaker_name COLLATE NOCASE "
            "ORDER BY n DESC, speaker_name LIMIT ? OFFSET ?", (limit, offset)).fetchall()

    def article_rows(self, limit: int, offset: int) -> list[tuple]:
        """(id, title, published, outlet, labels JSON, language) of the articles, newest first, undated last."""
        return self.db.execute(
            "SELECT id, title, published, outlet, labels, language FROM articles "
            "ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?", (limit, offset)).fetchall()
