"""SQLite store for articles and rejects.

One writer, many readers: WAL journal, a busy timeout, and one short transaction per page, so a killed ingest
leaves every committed page intact and a re-run skips them (ids are content hashes).
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import urllib.parse
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Iterator

from .._errors import StoreError
from ..models import Article
from ._claims import ClaimsSQL
from ._migrations import MIGRATIONS
from ._pages import PagesSQL

# Readers wait this long for a writer's lock before giving up; ingest transactions are one page, milliseconds.
BUSY_TIMEOUT_MS = 30_000
_JSON_FIELDS = ("authors", "labels", "captions", "related")
_COLUMNS = ("id", "source", "url", "outlet", "title", "standfirst", "published", "modified", "authors", "section",
            "labels", "language", "text", "captions", "related", "comments", "first_seen", "date_source", "extractor")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class IngestResult:
    article_id: str
    new: bool


class _InTransaction:
    """The connection as migrations see it: ``executescript`` runs statement by statement inside the migration's
    transaction (sqlite3's own executescript commits first, which would let a second process run the same
    migration: two ingests opening a new database at once)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def executescript(self, sql: str) -> None:
        buffer = ""
        for part in sql.split(";"):
            buffer += part + ";"
            if sqlite3.complete_statement(buffer):
                if buffer.strip(" \n\t;"):
                    self._db.execute(buffer)
                buffer = ""

    def __getattr__(self, name: str):
        return getattr(self._db, name)


class Store(ClaimsSQL, PagesSQL):
    """A newstrace database file. Use as a context manager or call ``close()``."""

    def __init__(self, path: str, *, readonly: bool = False):
        self.path = path
        try:
            if readonly:
                if not os.path.exists(path):
                    raise StoreError(f"{path}: no such database (run 'newstrace ingest' first)")
                self.db = self._connect_readonly(path)
            else:
                self.db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.row_factory = sqlite3.Row
            self.db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            if not readonly:
                self._migrate()
            else:
                self._check_schema()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open as a newstrace database ({exc})") from exc

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- schema -------------------------------------------------------------------------------------------
    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
        done = {row[0] for row in self.db.execute("SELECT version FROM migrations")}
        for version, name, func in MIGRATIONS:
            if version in done:
                continue
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                # another writer may have applied it while we waited for the lock
                if self.db.execute("SELECT 1 FROM migrations WHERE version=?", (version,)).fetchone():
                    continue
                func(_InTransaction(self.db))
                self.db.execute("INSERT INTO migrations VALUES (?, ?, ?)", (version, name, _now()))

    @staticmethod
    def _connect_readonly(path: str, immutable: bool = False) -> sqlite3.Connection:
        # the path quoted: a "?", "#" or "%" in a file name would end or change the URI
        uri = f"file:{urllib.parse.quote(os.path.abspath(path))}?mode=ro" + ("&immutable=1" if immutable else "")
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)

    def _check_schema(self) -> None:
        try:
            have = {row[0] for row in self.db.execute("SELECT version FROM migrations")}
        except sqlite3.OperationalError as exc:
            # A WAL database in a folder this user cannot write: SQLite cannot make the shared-memory file a reader
            # needs. With no write-ahead log beside it (no writer at work: the file holds everything), it is read
            # as immutable; it is a newstrace database all the same.
            cannot_open = "unable to open" in str(exc) or "readonly" in str(exc)
            if cannot_open and not os.path.exists(self.path + "-wal"):
                self.db.close()
                self.db = self._connect_readonly(self.path, immutable=True)
                self.db.row_factory = sqlite3.Row
                try:
                    have = {row[0] for row in self.db.execute("SELECT version FROM migrations")}
                except sqlite3.OperationalError as again:
                    raise StoreError(f"{self.path}: not a newstrace database") from again
            elif cannot_open:
                raise StoreError(f"{self.path}: cannot be read ({exc}; a write-ahead log beside it needs a "
                                 "folder this user may write)") from exc
            else:
                raise StoreError(f"{self.path}: not a newstrace database") from exc
        missing = [v for v, _, _ in MIGRATIONS if v not in have]
        if missing:
            raise StoreError(f"{self.path}: database needs migrations {missing}; open it once for writing")

    @property
    def schema_version(self) -> int:
        row = self.db.execute("SELECT MAX(version) FROM migrations").fetchone()
        return row[0] or 0

    # -- writing ------------------------------------------------------------------------------------------
    def add_article(self, article: Article, statements: list[dict] | None = None,
                    analyser: str | None = None, fingerprint=None) -> IngestResult:
        """Store an article once, with its statements in the same transaction (a killed ingest never leaves an
        article without its statements); a second copy (same bytes) only records the extra source."""
        row = article.to_dict()
        for name in _JSON_FIELDS:
            row[name] = json.dumps(row[name], ensure_ascii=False)
        now = _now()
        with self.db:
            cursor = self.db.execute(
                f"INSERT OR IGNORE INTO articles ({', '.join(_COLUMNS)}, ingested_at) "
                f"VALUES ({', '.join('?' for _ in _COLUMNS)}, ?)",
                [row[c] for c in _COLUMNS] + [now],
            )
            self.db.execute("INSERT OR IGNORE INTO sources VALUES (?, ?, ?)", (article.source, article.id, now))
            self.db.execute("DELETE FROM rejects WHERE source=?", (article.source,))
            if cursor.rowcount == 1 and statements:
                self.db.executemany(
                    "INSERT OR IGNORE INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(s["id"], article.id, s["kind"], s.get("date"), s["speaker"].get("name"), s["speaker"].get("type"),
                      (s.get("cue") or {}).get("lemma"), s["content"]["start"], json.dumps(s, ensure_ascii=False),
                      analyser or "") for s in statements])
            if cursor.rowcount == 1 and fingerprint is not None:
                self.db.execute("INSERT OR REPLACE INTO fingerprints VALUES (?, ?, ?, ?)",
                                (article.id, fingerprint.to_bytes(), fingerprint.tokens, article.extractor or ""))
        return IngestResult(article.id, cursor.rowcount == 1)

    def update_reuse(self, new_ids: list[str], version: str) -> int:
        """Find reuse links that involve ``new_ids``, and any stored article whose links were never looked for (a
        killed run's), against everything stored; returns how many links were written. Near-copies are linked as a
        cluster (``reuse.update_links``): a new copy of a stored cluster is one more link, not one per member."""
        from ..reuse import update_links

        unchecked = [r[0] for r in self.db.execute(
            "SELECT article FROM fingerprints WHERE article NOT IN (SELECT article FROM reuse_checked)")]
        new_ids = sorted(set(new_ids) | set(unchecked))
        if not new_ids:
            return 0
        # texts are read only for the few candidates that need aligning
        update = update_links(self.fingerprints(), self.article_text, self.reuse_meta(), focus=new_ids,
                              articles_with=self.count_phrase, clusters=self.reuse_clusters(),
                              links_touching=self.reuse_links_touching)
        return self.apply_reuse(update, version, checked=new_ids)

    def fingerprints(self, ids: Iterable[str] | None = None) -> list:
        """The stored ``reuse.Fingerprint`` of every article, or of those among ``ids``."""
        from ..reuse import Fingerprint

        sql, args = "SELECT article, signature, tokens FROM fingerprints", ()
        if ids is not None:  # one JSON parameter: a big load has more ids than SQL variables
            sql, args = sql + " WHERE article IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(ids))),)
        return [Fingerprint.from_bytes(r[0], r[1], r[2]) for r in self.db.execute(sql, args)]

    def reuse_meta(self, ids: Iterable[str] | None = None) -> dict[str, dict]:
        """{id: {id, published, first_seen, outlet}} of every article, or of those among ``ids``: what reuse links
        are oriented and grouped by."""
        sql, args = "SELECT id, published, first_seen, outlet FROM articles", ()
        if ids is not None:
            sql, args = sql + " WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(ids))),)
        return {r["id"]: dict(r) for r in self.db.execute(sql, args)}

    def apply_reuse(self, update, version: str, checked: Iterable[str] = ()) -> int:
        """Write a ``reuse.ReuseUpdate`` and mark ``checked`` as looked for, in one transaction (a killed run leaves
        either all of it or none); returns how many links were written."""
        with self.db:
            self.db.executemany("DELETE FROM reuse_links WHERE source = ? AND target = ?", update.drop)
            self.db.executemany(
                "INSERT OR REPLACE INTO reuse_links VALUES (?, ?, ?, ?, ?, ?)",
                [(l.source, l.target, l.type, l.overlap, json.dumps([p.__dict__ for p in l.passages]), version)
                 for l in update.links])
            self.db.executemany("INSERT OR REPLACE INTO reuse_clusters VALUES (?, ?)", sorted(update.clusters.items()))
            self.db.executemany("INSERT OR IGNORE INTO reuse_checked VALUES (?)", [(a,) for a in checked])
        return len(update.links)

    def reuse_clusters(self) -> dict[str, str]:
        """Every article in a reprint cluster -> the cluster's representative (its earliest article)."""
        return dict(self.db.execute("SELECT article, cluster FROM reuse_clusters").fetchall())

    def reuse_links_touching(self, ids: list[str]) -> list[tuple[str, str, str]]:
        """(from, to, type) of the stored links from or to any of ``ids``."""
        ids_json = json.dumps(sorted(set(ids)))
        return [tuple(r) for r in self.db.execute(
            "SELECT source, target, type FROM reuse_links WHERE source IN (SELECT value FROM json_each(?)) "
            "UNION SELECT source, target, type FROM reuse_links WHERE target IN (SELECT value FROM json_each(?))",
            (ids_json, ids_json))]

    def mark_reuse_checked(self, ids: Iterable[str]) -> None:
        """Record that these articles' reuse links have been looked for."""
        with self.db:
            self.db.executemany("INSERT OR IGNORE INTO reuse_checked VALUES (?)", [(a,) for a in ids])

    def article_text(self, ident: str) -> str:
        row = self.db.execute("SELECT text FROM articles WHERE id=?", (ident,)).fetchone()
        return row[0] if row else ""

    def add_reuse_links(self, links: list, version: str) -> int:
        """Store verified reuse links (replacing older ones between the same two articles); returns how many."""
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO reuse_links VALUES (?, ?, ?, ?, ?, ?)",
                [(l.source, l.target, l.type, l.overlap, json.dumps([p.__dict__ for p in l.passages]), version)
                 for l in links])
        return len(links)

    def count_phrase(self, passage: str, limit: int = 10) -> int:
        """How many articles hold ``passage`` (its first 12 words as an FTS phrase), counting up to ``limit``."""
        words = re.findall(r"\w+", passage)[:12]
        if not words:
            return 0
        phrase = '"' + " ".join(words) + '"'
        sql = "SELECT COUNT(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)"
        return self.db.execute(sql, (f"text : {phrase}", limit)).fetchone()[0]

    def reuse_links(self, article: str | None = None) -> list[dict]:
        sql = "SELECT source, target, type, overlap, passages FROM reuse_links"
        args: tuple = ()
        if article:
            sql += " WHERE source = ? OR target = ?"
            args = (article, article)
        return [{"from": r[0], "to": r[1], "type": r[2], "overlap": round(r[3], 3), "passages": json.loads(r[4])}
                for r in self.db.execute(sql + " ORDER BY source, target", args)]

    def add_reject(self, source: str, kind: str, reason: str, extractor: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO rejects VALUES (?, ?, ?, ?, ?)", (source, kind, reason, extractor, _now()))

    # -- claims and events -------------------------------------------------------------------------------
    def claim(self, ident: str) -> dict | None:
        row = self.db.execute("SELECT id, text, members, articles, statements, events, first_date FROM claims "
                              "WHERE id = ?", (ident,)).fetchone()
        return dict(row) if row else None

    def claims(self, limit: int | None = None) -> list[dict]:
        """Claims with their article and statement counts and first event date, most-discussed first."""
        sql = """
            SELECT c.id, c.text, c.articles, c.statements, c.first_date
            FROM claims c ORDER BY c.articles DESC, c.statements DESC, c.first_date, c.id"""
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) for r in self.db.execute(sql)]

    def article_urls(self, ids: Iterable[str]) -> dict[str, str | None]:
        ids = sorted(ids)
        out: dict[str, str | None] = {}
        for i in range(0, len(ids), 900):
            chunk = ids[i:i + 900]
            out.update(self.db.execute(f"SELECT id, url FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                                       chunk).fetchall())
        return out

    def events(self, claim: str) -> list[dict]:
        return [json.loads(r[0]) for r in self.db.execute("SELECT data FROM events WHERE claim = ?", (claim,))]

    def note_copy(self, article_id: str, source: str) -> bool:
        """If ``article_id`` is stored, record ``source`` as another place it was read from and return True."""
        if self.db.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone() is None:
            return False
        with self.db:
            self.db.execute("INSERT OR IGNORE INTO sources VALUES (?, ?, ?)", (source, article_id, _now()))
        return True

    # -- reading ------------------------------------------------------------------------------------------
    @staticmethod
    def _article(row: sqlite3.Row) -> Article:
        data = {k: row[k] for k in row.keys() if k != "ingested_at"}
        for name in _JSON_FIELDS:
            data[name] = json.loads(data[name] or "[]")
        return Article.from_dict(data)

    def get_article(self, ident: str) -> Article | None:
        """An article by id, or by a unique id prefix of at least 6 characters."""
        row = self.db.execute("SELECT * FROM articles WHERE id=?", (ident,)).fetchone()
        if row is None and 6 <= len(ident) <= 64:  # a prefix, its "%" and "_" taken as they are (not wildcards)
            prefix = ident.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            rows = self.db.execute("SELECT * FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                                   (prefix + "%",)).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return self._article(row) if row else None

    def articles(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                 label: str | None = None, limit: int | None = None) -> Iterator[Article]:
        where, args = [], []
        if outlet:
            where.append("outlet = ? COLLATE NOCASE")
            args.append(outlet)
        if since:
            where.append("published >= ?")
            args.append(since)
        if until:
            where.append("substr(published, 1, 10) <= ?")
            args.append(until)
        if label:
            where.append("EXISTS (SELECT 1 FROM json_each(articles.labels) WHERE value = ? COLLATE NOCASE)")
            args.append(label)
        sql = "SELECT * FROM articles" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY published IS NULL, published, id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        for row in self.db.execute(sql, args):
            yield self._article(row)

    def statements(self, *, article: str | None = None, speaker: str | None = None, speaker_type: str | None = None,
                   since: str | None = None, until: str | None = None) -> Iterator[dict]:
        """Stored statements in article and text order; ``speaker`` matches the resolved name, case-insensitive."""
        where, args = [], []
        for clause, value in (("article = ?", article), ("speaker_name = ? COLLATE NOCASE", speaker),
                              ("speaker_type = ?", speaker_type), ("date >= ?", since), ("date <= ?", until)):
            if value:
                where.append(clause)
                args.append(value)
        sql = "SELECT data FROM statements" + (" WHERE " + " AND ".join(where) if where else "")
        for row in self.db.execute(sql + " ORDER BY article, content_start", args):
            yield json.loads(row[0])

    def rejects(self) -> list[dict]:
        return [dict(r) for r in self.db.execute("SELECT * FROM rejects ORDER BY source")]

    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Full-text search; ``snippet`` marks matches with [ ]. Bad FTS syntax falls back to a phrase search."""
        sql = (
            "SELECT a.id, a.title, a.published, a.outlet, "
            "snippet(articles_fts, 2, '[', ']', '…', 16) AS snippet, bm25(articles_fts, 5.0, 2.0, 1.0) AS rank "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            rows = self.db.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            phrase = '"' + query.replace('"', '""') + '"'
            rows = self.db.execute(sql, (phrase, limit)).fetchall()
        return [dict(r) for r in rows]

    def counts(self) -> dict[str, int]:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {"articles": one("SELECT COUNT(*) FROM articles"), "sources": one("SELECT COUNT(*) FROM sources"),
                "rejects": one("SELECT COUNT(*) FROM rejects"),
                "statements": one("SELECT COUNT(*) FROM statements"),
                "claims": one("SELECT COUNT(*) FROM claims")}


class CorpusLock:
    """One process at a time runs the corpus steps (reuse, claims) on a database: an exclusive lock on a file beside
    it (``DB.corpus-lock``), held for the steps only, so page writes of other processes go on. A second ingest waits,
    saying so through ``notify``; the result is that of a serial run. Where the platform has no ``fcntl`` (Windows),
    no lock is taken."""

    def __init__(self, path: str, notify=None) -> None:
        self.path = None if path in ("", ":memory:") else path + ".corpus-lock"
        self.notify = notify
        self._handle = None

    def __enter__(self) -> "CorpusLock":
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on this platform
            return self
        if self.path is None:
            return self
        self._handle = open(self.path, "a+b")  # noqa: SIM115 - held until __exit__
        try:
            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if self.notify:
                self.notify("waiting for another newstrace process to finish its corpus steps on this database")
            fcntl.flock(self._handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc) -> None:
        if self._handle is not None:
            import fcntl

            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None
