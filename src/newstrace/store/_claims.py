"""The claims layer's SQL: article profiles, similarity edges, claims and their articles, statements and events.

Mixed into :class:`newstrace.store.Store`; nothing outside ``store/`` writes SQL for claims.
"""
from __future__ import annotations

import json
import re
import sqlite3
from typing import Iterable

# FTS5 query terms are quoted words; anything else in them is dropped.
_FTS_WORD = re.compile(r"\w+")

# The claims list's figures per claim (columns of ``claims`` from migration 6; the web sorts and filters on them).
# Bit i of ``action_bits`` / ``type_bits`` is ACTIONS[i] / SOURCE_TYPES[i]: append only, never reorder.
ACTIONS = ("asserts", "repeats", "denies", "reports")
SOURCE_TYPES = ("person", "organization", "outlet", "anonymous", "document", "unknown")
# ``first_day`` of a claim without a dated event: sorts after every real YYYYMMDD day.
UNDATED = 99_999_999


def day_number(value: str | None) -> int:
    """YYYY-MM-DD... as YYYYMMDD (0 when missing or unreadable)."""
    if not value:
        return 0
    digits = value[:10].replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0


def bits(names: Iterable[str], universe: tuple[str, ...]) -> int:
    mask = 0
    for name in names:
        if name in universe:
            mask |= 1 << universe.index(name)
    return mask


class ClaimFigures:
    """One claim's figures for the claims list, added up event by event."""

    __slots__ = ("first_day", "last_day", "events", "articles", "action_bits", "type_bits", "outlets")

    def __init__(self) -> None:
        self.first_day, self.last_day, self.events, self.action_bits, self.type_bits = UNDATED, 0, 0, 0, 0
        self.articles: set[str] = set()
        self.outlets: set[str] = set()

    def add(self, article: str, date: str | None, action: str, actor: dict, authority: list[dict],
            outlet: str | None) -> None:
        day = day_number(date)
        if day:
            self.first_day, self.last_day = min(self.first_day, day), max(self.last_day, day)
        self.events += 1
        self.articles.add(article)
        self.action_bits |= bits((action,), ACTIONS)
        types = [actor.get("type") or "unknown"] + [a.get("type") or "" for a in authority]
        self.type_bits |= bits(types, SOURCE_TYPES)
        for name in (outlet, actor.get("name") if actor.get("type") == "outlet" else None):
            if name:
                self.outlets.add(name.casefold())


def _save_figures(db: sqlite3.Connection, figures: dict[str, ClaimFigures]) -> None:
    db.executemany("UPDATE claims SET events = ?, first_day = ?, last_day = ?, event_articles = ?, action_bits = ?, "
                   "type_bits = ? WHERE id = ?",
                   [(f.events, f.first_day, f.last_day, len(f.articles), f.action_bits, f.type_bits, cid)
                    for cid, f in sorted(figures.items())])
    db.executemany("INSERT OR IGNORE INTO claim_outlets VALUES (?, ?)",
                   [(o, cid) for cid, f in sorted(figures.items()) for o in sorted(f.outlets)])


def backfill_claim_figures(db: sqlite3.Connection, claims: Iterable[str] | None = None) -> None:
    """Compute the claims list's figures from the stored events, for ``claims`` (default: every claim), inside the
    caller's transaction. Used by migration 6 and by benchmarks that write events directly."""
    where, args = "", ()
    if claims is not None:
        where, args = "WHERE e.claim IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(claims))),)
    scope = where.replace("e.claim", "id")
    db.execute(f"UPDATE claims SET events = 0, first_day = {UNDATED}, last_day = 0, event_articles = 0, "
               f"action_bits = 0, type_bits = 0 {scope}", args)  # a claim without events keeps these
    db.execute(f"DELETE FROM claim_outlets {where.replace('e.claim', 'claim')}", args)
    figures: dict[str, ClaimFigures] = {}
    for cid, article, date, action, data, outlet in db.execute(
            "SELECT e.claim, e.article, e.date, e.action, e.data, a.outlet FROM events e "
            f"LEFT JOIN articles a ON a.id = e.article {where} ORDER BY e.rowid", args):
        event = json.loads(data)
        figures.setdefault(cid, ClaimFigures()).add(article, date, action, event.get("actor") or {},
                                                    event.get("authority") or [], outlet)
    _save_figures(db, figures)


def _chunks(items: list, size: int = 900):
    for start in range(0, len(items), size):
        yield items[start:start + size]


class ClaimsSQL:
    db: sqlite3.Connection

    # -- profiles -----------------------------------------------------------------------------------------
    def articles_without_profile(self) -> list[str]:
        """Stored articles the claims step has not profiled yet (new, or left by a killed run), in id order."""
        return [r[0] for r in self.db.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article FROM article_profiles) ORDER BY id")]

    def articles_without_claim(self) -> list[str]:
        """Stored articles in no claim (new, or profiled by a run killed before their claims were stored), by id."""
        return [r[0] for r in self.db.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article FROM claim_articles) ORDER BY id")]

    def article_texts(self, ids: Iterable[str]) -> dict[str, tuple[str | None, str, str | None, str | None]]:
        """id -> (title, text, published, outlet)."""
        out = {}
        for chunk in _chunks(sorted(set(ids))):
            for r in self.db.execute(
                    "SELECT id, title, text, published, outlet FROM articles WHERE id IN "
                    "(SELECT value FROM json_each(?))", (json.dumps(chunk),)):
                out[r[0]] = (r[1], r[2] or "", r[3], r[4])
        return out

    def save_profiles(self, rows: list[tuple[str, dict[str, int], bytes, list[tuple[str, float]], bytes | None]],
                      version: str) -> None:
        """Store profiles (article, term counts, packed lexical row, key terms with weights, dense vector), index
        their keys and count their terms into the corpus document frequencies, in one transaction."""
        with self.db:
            fresh = []
            for article, terms, lexical, keys, vector in rows:
                cur = self.db.execute("INSERT OR IGNORE INTO article_profiles (article, terms, vector, version, linked) "
                                      "VALUES (?, ?, ?, ?, 0)", (article, json.dumps(terms, sort_keys=True), vector,
                                                                 version))
                if cur.rowcount == 1:
                    fresh.append(terms)
                    self.db.execute("INSERT OR REPLACE INTO article_vectors VALUES (?, ?, ?)", (article, lexical, vector))
                    self.db.executemany("INSERT OR IGNORE INTO claim_keys (term, weight, article) VALUES (?, ?, ?)",
                                        [(term, weight, article) for term, weight in keys])
            counts: dict[str, int] = {}
            for terms in fresh:
                for term in terms:
                    counts[term] = counts.get(term, 0) + 1
            self.db.executemany("INSERT INTO term_df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                                sorted(counts.items()))

    def lexical_profiles(self, ids: Iterable[str]) -> dict[str, tuple[bytes, bytes | None]]:
        """id -> (packed lexical row, dense vector or None)."""
        out = {}
        for chunk in _chunks(sorted(set(ids))):
            for r in self.db.execute("SELECT article, lexical, dense FROM article_vectors WHERE article IN "
                                     "(SELECT value FROM json_each(?))", (json.dumps(chunk),)):
                out[r[0]] = (r[1] or b"", r[2])
        return out

    def key_candidates(self, keys: list[tuple[str, float]], per_key: int, limit: int) -> list[tuple[str, float]]:
        """Articles sharing key terms with ``keys`` (term, weight), looked up in the ``per_key`` articles that weigh
        each term most; best first by the sum of weight products over the shared keys (a cosine over key terms):
        at most ``limit`` (id, score), ties by id. Reads at most len(keys) x per_key index rows."""
        if not keys:
            return []
        part = "SELECT * FROM (SELECT article, weight * ? AS s FROM claim_keys WHERE term = ? " \
               "ORDER BY weight DESC, article LIMIT ?)"
        sql = (f"SELECT article, SUM(s) AS score FROM ({' UNION ALL '.join([part] * len(keys))}) "
               "GROUP BY article ORDER BY score DESC, article LIMIT ?")
        args = [x for term, weight in keys for x in (weight, term, int(per_key))] + [int(limit)]
        return [(r[0], float(r[1])) for r in self.db.execute(sql, args)]

    def profiles(self, ids: Iterable[str]) -> dict[str, tuple[dict[str, int], bytes | None]]:
        out = {}
        for chunk in _chunks(sorted(set(ids))):
            for r in self.db.execute("SELECT article, terms, vector FROM article_profiles WHERE article IN "
                                     "(SELECT value FROM json_each(?))", (json.dumps(chunk),)):
                out[r[0]] = (json.loads(r[1]), r[2])
        return out

    def document_frequencies(self, terms: Iterable[str]) -> tuple[int, dict[str, int]]:
        """(profiled articles, {term: documents holding it}) for query-time weights."""
        n = self.db.execute("SELECT COUNT(*) FROM article_profiles").fetchone()[0]
        out = {}
        for chunk in _chunks(sorted(set(terms))):
            out.update(self.db.execute("SELECT term, df FROM term_df WHERE term IN (SELECT value FROM json_each(?))",
                                       (json.dumps(chunk),)).fetchall())
        return n, out

    # -- candidates ---------------------------------------------------------------------------------------
    def fts_rank(self, words: list[str], limit: int) -> list[tuple[str, float]]:
        """Articles matching any of ``words`` (FTS5, English stemming), best BM25 first: (id, score >= 0)."""
        clean = sorted({w.lower() for word in words for w in _FTS_WORD.findall(word)})
        if not clean:
            return []
        query = " OR ".join(f'"{w}"' for w in clean)
        sql = ("SELECT a.id, -bm25(articles_fts, 2.0, 1.5, 1.0) FROM articles_fts JOIN articles a "
               "ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 2.0, 1.5, 1.0) "
               "LIMIT ?")
        return [(r[0], float(r[1])) for r in self.db.execute(sql, (query, int(limit)))]

    # -- edges and components -----------------------------------------------------------------------------
    def add_edges(self, edges: list[tuple[str, str, float]], linked: Iterable[str] = (), strong: float = 0.0) -> None:
        """Store ``edges`` (finder, candidate, similarity) and mark the ``linked`` articles' profiles linked, in one
        transaction; a pair given twice keeps its last similarity. Edges of at least ``strong`` go to article_edges,
        looked up from either end (:meth:`edges_of`); weaker ones to weak_edges under the article that found them,
        read only among a cluster's members (:meth:`edges_among`). Most edges are weak, and a run's new articles
        write theirs as runs of rows in their own order rather than into two indexes at random places (at 100k
        articles, 8 million edges: the random writes were most of this process's time)."""
        last: dict[tuple[str, str], tuple[str, str, float]] = {}
        for a, b, s in edges:
            if a != b:
                last[(min(a, b), max(a, b))] = (a, b, s)
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO article_edges VALUES (?, ?, ?)",
                                [(a, b, edge[2]) for (a, b), edge in last.items() if edge[2] >= strong])
            self.db.executemany("INSERT OR REPLACE INTO weak_edges VALUES (?, ?, ?)",
                                [edge for edge in last.values() if edge[2] < strong])
            for chunk in _chunks(sorted(set(linked))):
                self.db.execute("UPDATE article_profiles SET linked = 1 WHERE article IN "
                                "(SELECT value FROM json_each(?))", (json.dumps(chunk),))

    def unlinked_profiles(self) -> list[str]:
        """Profiled articles whose edges were never stored (a run killed between the two), in id order."""
        return [r[0] for r in self.db.execute("SELECT article FROM article_profiles WHERE linked = 0 ORDER BY article")]

    def drop_profiles(self, ids: Iterable[str]) -> None:
        """Undo :meth:`save_profiles` for ``ids`` (profile, packed row, key terms, their counts in the document
        frequencies, any edge touching them) in one transaction, so that they are profiled again as new."""
        with self.db:
            counts: dict[str, int] = {}
            for chunk in _chunks(sorted(set(ids))):
                arg = (json.dumps(chunk),)
                for (terms,) in self.db.execute("SELECT terms FROM article_profiles WHERE article IN "
                                                "(SELECT value FROM json_each(?))", arg).fetchall():
                    for term in json.loads(terms):
                        counts[term] = counts.get(term, 0) + 1
                # weak edges by their finder only: an edge is stored with its finder's link mark, and a batch links
                # to profiles stored before it, so no stored edge was found by a linked article toward an unlinked one
                for table, column in (("article_profiles", "article"), ("article_vectors", "article"),
                                      ("claim_keys", "article"), ("article_edges", "a"), ("article_edges", "b"),
                                      ("weak_edges", "finder")):
                    self.db.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))", arg)
            self.db.executemany("UPDATE term_df SET df = df - ? WHERE term = ?",
                                [(n, term) for term, n in sorted(counts.items())])
            self.db.execute("DELETE FROM term_df WHERE df <= 0")

    def edges_of(self, ids: Iterable[str], min_sim: float) -> list[tuple[str, str, float]]:
        """Stored edges touching ``ids`` (a, b, similarity) of at least ``min_sim``, which must be at least the
        ``strong`` they were stored with (weaker edges are read among members only: :meth:`edges_among`)."""
        out = []
        for chunk in _chunks(sorted(set(ids))):
            arg = json.dumps(chunk)
            out += self.db.execute("SELECT a, b, sim FROM article_edges WHERE a IN (SELECT value FROM json_each(?)) "
                                   "AND sim >= ? UNION SELECT a, b, sim FROM article_edges WHERE b IN "
                                   "(SELECT value FROM json_each(?)) AND sim >= ?", (arg, min_sim, arg, min_sim)).fetchall()
        return [(r[0], r[1], r[2]) for r in out]

    def edges_among(self, ids: Iterable[str]) -> list[tuple[str, str, float]]:
        """Every stored edge between two of ``ids`` (a, b, similarity; a < b), strong and weak: a weak edge is
        stored under its finder, which is one of ``ids`` when both ends are."""
        inside = set(ids)
        found: dict[tuple[str, str], float] = {}
        for chunk in _chunks(sorted(inside)):
            arg = (json.dumps(chunk),)
            for a, b, s in self.db.execute("SELECT finder, other, sim FROM weak_edges WHERE finder IN "
                                           "(SELECT value FROM json_each(?))", arg):
                if b in inside:
                    found[(min(a, b), max(a, b))] = s
        for a, b, s in self.edges_of(inside, float("-inf")):
            if a in inside and b in inside:
                found[(a, b)] = s
        return [(a, b, s) for (a, b), s in sorted(found.items())]

    # -- claims -------------------------------------------------------------------------------------------
    def claims_of_articles(self, ids: Iterable[str]) -> dict[str, str]:
        out = {}
        for chunk in _chunks(sorted(set(ids))):
            out.update(self.db.execute("SELECT article, claim FROM claim_articles WHERE article IN "
                                       "(SELECT value FROM json_each(?))", (json.dumps(chunk),)).fetchall())
        return out

    def claim_articles(self, claim: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT article FROM claim_articles WHERE claim = ? ORDER BY article",
                                              (claim,))]

    def replace_claims(self, old: Iterable[str], claims: list[dict], events: list, version: str) -> None:
        """Drop the ``old`` claims (with their articles, statements and events) and store ``claims`` in one
        transaction. Each claim: {id, text, articles: [ids], statements: [(statement, article)], first_date}."""
        old = sorted(set(old))
        with self.db:
            for chunk in _chunks(old):
                arg = (json.dumps(chunk),)
                for table, column in (("events", "claim"), ("claim_statements", "claim"),
                                      ("claim_articles", "claim"), ("claims", "id")):
                    self.db.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))", arg)
            events_of: dict[str, int] = {}
            for e in events:
                events_of[e.claim] = events_of.get(e.claim, 0) + 1
            self.db.executemany(
                "INSERT OR REPLACE INTO claims (id, text, words, members, extractor, articles, first_date, statements, "
                "events) VALUES (?, ?, '[]', ?, ?, ?, ?, ?, ?)",
                [(c["id"], c["text"], len(c["articles"]), version, len(c["articles"]), c.get("first_date"),
                  len(c["statements"]), events_of.get(c["id"], 0)) for c in claims])
            self.db.executemany("INSERT OR IGNORE INTO claim_articles VALUES (?, ?)",
                                [(c["id"], a) for c in claims for a in c["articles"]])
            self.db.executemany("INSERT OR IGNORE INTO claim_statements VALUES (?, ?, ?)",
                                [(c["id"], s, a) for c in claims for s, a in c["statements"]])
            self.db.executemany(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(e.claim, e.article, e.date, e.action, e.actor["name"], json.dumps(e.to_dict(), ensure_ascii=False),
                  version) for e in events])
            for chunk in _chunks(sorted(set(old) | {c["id"] for c in claims})):
                self.db.execute("DELETE FROM claim_outlets WHERE claim IN (SELECT value FROM json_each(?))",
                                (json.dumps(chunk),))
            outlet_of = self.article_outlets({e.article for e in events})
            figures: dict[str, ClaimFigures] = {}
            for e in events:
                figures.setdefault(e.claim, ClaimFigures()).add(e.article, e.date, e.action, e.actor, e.authority,
                                                                outlet_of.get(e.article))
            _save_figures(self.db, figures)

    def reuse_links_from(self, ids: Iterable[str]) -> list[tuple[str, str, str]]:
        """(from, to, type) of the stored reuse links from any of ``ids``."""
        return [tuple(r) for r in self.db.execute(  # one JSON parameter: no limit on how many ids
            "SELECT source, target, type FROM reuse_links WHERE source IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(ids))),))]

    def reuse_cluster_members(self, ids: Iterable[str]) -> list[tuple[str, str | None, str]]:
        """(article, published, cluster) of those of ``ids`` that are in a reprint cluster."""
        return [tuple(r) for r in self.db.execute(
            "SELECT c.article, a.published, c.cluster FROM reuse_clusters c JOIN articles a ON a.id = c.article "
            "WHERE c.article IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(ids))),))]

    def article_outlets(self, ids: Iterable[str]) -> dict[str, str | None]:
        """{id: outlet} of the stored articles among ``ids``."""
        out = {}
        for chunk in _chunks(sorted(set(ids))):
            out.update(self.db.execute("SELECT id, outlet FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                                       (json.dumps(chunk),)).fetchall())
        return out

    def claim_texts(self, ids: Iterable[str]) -> dict[str, str]:
        out = {}
        for chunk in _chunks(sorted(set(ids))):
            out.update(self.db.execute("SELECT id, text FROM claims WHERE id IN (SELECT value FROM json_each(?))",
                                       (json.dumps(chunk),)).fetchall())
        return out

    def reset_claims(self) -> None:
        """Forget every claim, profile, edge and event, so the next claims step rebuilds them all (after a model
        or version change)."""
        with self.db:
            for table in ("events", "claim_statements", "claim_articles", "claim_outlets", "claims", "article_edges",
                          "weak_edges", "term_df", "claim_keys", "article_vectors", "article_profiles"):
                self.db.execute(f"DELETE FROM {table}")
