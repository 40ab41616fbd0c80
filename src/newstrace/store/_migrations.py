"""Schema migrations, registered in order with ``@migration``; each runs once, in its own transaction."""
from __future__ import annotations

import json
import sqlite3
from typing import Callable

MIGRATIONS: list[tuple[int, str, Callable[[sqlite3.Connection], None]]] = []


def migration(version: int, name: str):
    def register(func: Callable[[sqlite3.Connection], None]):
        if MIGRATIONS and MIGRATIONS[-1][0] >= version:
            raise RuntimeError(f"migration {version} registered out of order")
        MIGRATIONS.append((version, name, func))
        return func

    return register


@migration(1, "articles, sources, rejects and full-text search")
def _m1(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,            -- content hash of the page bytes
            source TEXT NOT NULL,           -- where it was first read from
            url TEXT, outlet TEXT, title TEXT, standfirst TEXT,
            published TEXT, modified TEXT,
            authors TEXT NOT NULL DEFAULT '[]',   -- JSON lists
            section TEXT,
            labels TEXT NOT NULL DEFAULT '[]',
            language TEXT,
            text TEXT NOT NULL,
            captions TEXT NOT NULL DEFAULT '[]',
            related TEXT NOT NULL DEFAULT '[]',
            comments INTEGER,
            first_seen TEXT,
            date_source TEXT,
            extractor TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_outlet ON articles(outlet);
        -- every place the same page was read from (the same bytes under two names are one article)
        CREATE TABLE sources (
            source TEXT PRIMARY KEY,
            article TEXT NOT NULL REFERENCES articles(id),
            seen_at TEXT NOT NULL
        );
        -- inputs that gave no article, and why: a dropped page is data too
        CREATE TABLE rejects (
            source TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            reason TEXT NOT NULL,
            extractor TEXT NOT NULL,
            seen_at TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, standfirst, text, content='articles', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, standfirst, text) VALUES (new.rowid, new.title, new.standfirst, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, standfirst, text)
            VALUES ('delete', old.rowid, old.title, old.standfirst, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, standfirst, text)
            VALUES ('delete', old.rowid, old.title, old.standfirst, old.text);
            INSERT INTO articles_fts(rowid, title, standfirst, text) VALUES (new.rowid, new.title, new.standfirst, new.text);
        END;
        """
    )


@migration(2, "statements: who said what, per article")
def _m2(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE statements (
            id TEXT PRIMARY KEY,
            article TEXT NOT NULL REFERENCES articles(id),
            kind TEXT NOT NULL,
            date TEXT,
            speaker_name TEXT,
            speaker_type TEXT,
            cue_lemma TEXT,
            content_start INTEGER NOT NULL,
            data TEXT NOT NULL,              -- the whole Statement as JSON (the contract's shape)
            extractor TEXT NOT NULL
        );
        CREATE INDEX statements_article ON statements(article, content_start);
        CREATE INDEX statements_speaker ON statements(speaker_name COLLATE NOCASE);
        CREATE INDEX statements_type ON statements(speaker_type);
        """
    )


@migration(3, "fingerprints and reuse links")
def _m3(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE fingerprints (
            article TEXT PRIMARY KEY REFERENCES articles(id),
            signature BLOB NOT NULL,        -- MinHash values, little-endian uint64
            tokens INTEGER NOT NULL,
            extractor TEXT NOT NULL
        );
        CREATE TABLE reuse_links (
            source TEXT NOT NULL REFERENCES articles(id),   -- the earlier article
            target TEXT NOT NULL REFERENCES articles(id),   -- the later one
            type TEXT NOT NULL,                             -- reprint | shares-passages
            overlap REAL NOT NULL,
            passages TEXT NOT NULL,                         -- JSON list of aligned character spans
            extractor TEXT NOT NULL,
            PRIMARY KEY (source, target)
        );
        CREATE INDEX reuse_links_target ON reuse_links(target);
        """
    )


@migration(4, "claims, their statements, and trail events")
def _m4(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            text TEXT NOT NULL,              -- canonical text: the founding statement's content
            words TEXT NOT NULL,             -- JSON list: normalised words the claim is matched by
            members INTEGER NOT NULL DEFAULT 0,
            extractor TEXT NOT NULL
        );
        CREATE TABLE claim_statements (
            claim TEXT NOT NULL REFERENCES claims(id),
            statement TEXT NOT NULL REFERENCES statements(id),
            article TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (claim, statement)
        );
        CREATE INDEX claim_statements_article ON claim_statements(article);
        CREATE TABLE events (
            claim TEXT NOT NULL REFERENCES claims(id),
            article TEXT NOT NULL REFERENCES articles(id),
            date TEXT,
            action TEXT NOT NULL,
            actor TEXT NOT NULL,
            data TEXT NOT NULL,              -- the whole event as JSON (the Trail contract's shape)
            extractor TEXT NOT NULL
        );
        CREATE INDEX events_claim ON events(claim, date);
        CREATE INDEX events_article ON events(article);
        CREATE INDEX events_actor ON events(actor COLLATE NOCASE);
        """
    )


@migration(5, "claims found over articles: term profiles, similarity edges, claim articles, corpus term counts")
def _m5(db: sqlite3.Connection) -> None:
    # Claims were statement groups (quote-sized); they are now groups of articles about one rumour or event, found by
    # meaning. The old rows cannot be converted: they are dropped, and the next ingest rebuilds claims for every
    # stored article (articles without a profile are pending for the claims step).
    db.executescript(
        """
        DELETE FROM events;
        DELETE FROM claim_statements;
        DELETE FROM claims;
        ALTER TABLE claims ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE claims ADD COLUMN first_date TEXT;
        ALTER TABLE claims ADD COLUMN statements INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE claims ADD COLUMN events INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX claims_order ON claims(articles DESC, statements DESC, first_date, id);
        CREATE TABLE article_profiles (
            article TEXT PRIMARY KEY REFERENCES articles(id),
            terms TEXT NOT NULL,             -- JSON {term: count}: what the claims step compares articles by
            vector BLOB,                     -- dense sentence-embedding vector (float16), when a model made one
            version TEXT NOT NULL
        );
        CREATE TABLE article_edges (         -- candidate pairs above the edge floor, a < b
            a TEXT NOT NULL,
            b TEXT NOT NULL,
            sim REAL NOT NULL,
            PRIMARY KEY (a, b)
        ) WITHOUT ROWID;
        CREATE INDEX article_edges_b ON article_edges(b);
        CREATE TABLE claim_articles (
            claim TEXT NOT NULL,
            article TEXT NOT NULL,
            PRIMARY KEY (claim, article)
        ) WITHOUT ROWID;
        CREATE INDEX claim_articles_article ON claim_articles(article);
        CREATE TABLE term_df (               -- documents per term over the stored articles (query-time weights)
            term TEXT PRIMARY KEY,
            df INTEGER NOT NULL
        ) WITHOUT ROWID;
        """
    )


@migration(6, "claim figures for the claims list kept in the store: event dates, actions, source types, outlets")
def _m6(db: sqlite3.Connection) -> None:
    # The web's claims list sorts and filters on these; they used to be rebuilt from every event by each server at
    # start (40 s at 100k articles). ``Store.replace_claims`` fills them as claims are written; existing claims get
    # them from their stored events here.
    from ._claims import UNDATED, backfill_claim_figures

    db.executescript(
        f"""
        ALTER TABLE claims ADD COLUMN first_day INTEGER NOT NULL DEFAULT {UNDATED};  -- earliest event day, YYYYMMDD
        ALTER TABLE claims ADD COLUMN last_day INTEGER NOT NULL DEFAULT 0;           -- latest event day (0: none)
        ALTER TABLE claims ADD COLUMN event_articles INTEGER NOT NULL DEFAULT 0;     -- articles with an event
        ALTER TABLE claims ADD COLUMN action_bits INTEGER NOT NULL DEFAULT 0;        -- one bit per action
        ALTER TABLE claims ADD COLUMN type_bits INTEGER NOT NULL DEFAULT 0;          -- one bit per actor/authority type
        CREATE INDEX claims_activity ON claims(-events, -event_articles, first_day, id);
        CREATE INDEX claims_first_day ON claims(first_day, id);
        CREATE INDEX claims_last_day ON claims(-last_day, id);
        CREATE TABLE claim_outlets (         -- outlets of a claim's events (articles' outlets, outlet actors), casefolded
            outlet TEXT NOT NULL,
            claim TEXT NOT NULL,
            PRIMARY KEY (outlet, claim)
        ) WITHOUT ROWID;
        CREATE INDEX claim_outlets_claim ON claim_outlets(claim);
        """
    )
    backfill_claim_figures(db)


@migration(7, "articles whose reuse links have been looked for (a killed ingest's rerun finds the rest)")
def _m7(db: sqlite3.Connection) -> None:
    # Articles stored before this migration went through reuse in the run that stored them, unless that run was
    # killed: those few are not recoverable from the old schema and keep what they have.
    db.executescript(
        """
        CREATE TABLE reuse_checked (article TEXT PRIMARY KEY REFERENCES articles(id)) WITHOUT ROWID;
        INSERT INTO reuse_checked SELECT article FROM fingerprints;
        """
    )


@migration(8, "claim keys: each article's weighted terms stored packed, and its key terms indexed for candidates")
def _m8(db: sqlite3.Connection) -> None:
    # Candidates for claim discovery come from an index of each article's key terms (near-linear) instead of a
    # full-text query per article (whose cost grew with the corpus); each candidate's packed row is read from a
    # table of its own (small rows: the profile's JSON terms made every read walk overflow pages). Profiles made
    # before have neither: they are dropped, and the next ingest profiles every article again and rebuilds its claims.
    db.executescript(
        """
        DELETE FROM article_edges;
        DELETE FROM term_df;
        DELETE FROM article_profiles;
        CREATE TABLE article_vectors (       -- what candidates are compared by, apart from the profile's terms
            article TEXT PRIMARY KEY REFERENCES articles(id),
            lexical BLOB NOT NULL,           -- packed tf-idf row (claims/_lexical.pack)
            dense BLOB                       -- dense vector (float16), when the similarity uses one
        );
        CREATE TABLE claim_keys (            -- each profiled article's most weighted terms (candidates index)
            term TEXT NOT NULL,
            weight REAL NOT NULL,            -- the term's value in the article's normalised tf-idf row
            article TEXT NOT NULL,
            PRIMARY KEY (term, weight DESC, article)
        ) WITHOUT ROWID;
        """
    )


@migration(9, "reprint clusters: each near-copy's cluster (its earliest article), linked as a star")
def _m9(db: sqlite3.Connection) -> None:
    # Reprints were linked pair by pair (n copies of one story: n(n-1)/2 links); a cluster is now one link from its
    # earliest article to each member. The clusters are filled here from the stored reprint links; a cluster whose
    # links are not yet that star is left for the next ingest's reuse step to rewrite (its members are marked
    # unchecked), so no link is lost in between.
    from ..reuse import order_key

    db.executescript(
        """
        CREATE TABLE reuse_clusters (
            article TEXT PRIMARY KEY REFERENCES articles(id),
            cluster TEXT NOT NULL           -- the cluster's earliest article (its representative)
        ) WITHOUT ROWID;
        CREATE INDEX reuse_clusters_cluster ON reuse_clusters(cluster);
        """
    )
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        parent.setdefault(a, a)
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    links = db.execute("SELECT source, target FROM reuse_links WHERE type = 'reprint'").fetchall()
    for source, target in links:
        parent[find(source)] = find(target)
    groups: dict[str, list[str]] = {}
    for article in list(parent):
        groups.setdefault(find(article), []).append(article)
    meta = {}
    for row in db.execute("SELECT id, published, first_seen FROM articles WHERE id IN "
                          "(SELECT value FROM json_each(?))", (json.dumps(sorted(parent)),)):
        meta[row[0]] = {"id": row[0], "published": row[1], "first_seen": row[2]}
    rep_of: dict[str, str] = {}
    for group in groups.values():
        rep = min(group, key=lambda a: order_key(meta.get(a) or {"id": a}))
        rep_of.update((a, rep) for a in group)
    db.executemany("INSERT INTO reuse_clusters VALUES (?, ?)", sorted(rep_of.items()))
    not_star = {rep_of[s] for s, t in links if s != rep_of[s]}
    db.executemany("DELETE FROM reuse_checked WHERE article = ?",
                   [(a,) for a, rep in sorted(rep_of.items()) if rep in not_star])


@migration(10, "profiles marked linked: a profile whose edges a killed run never stored is made again")
def _m10(db: sqlite3.Connection) -> None:
    # A profile and its article's edges are stored in two transactions (a batch's edges are found against the
    # profiles stored before them, by worker processes reading their own connections). A run killed in between left
    # profiled articles without edges, and the next run linked only unprofiled ones. A profile is now stored
    # unlinked (0) and marked linked (1) in the transaction that stores its edges; profiles stored before this
    # migration were linked by the runs that made them.
    db.execute("ALTER TABLE article_profiles ADD COLUMN linked INTEGER NOT NULL DEFAULT 1")


@migration(11, "weak edges stored apart, under the article that found them")
def _m11(db: sqlite3.Connection) -> None:
    # Edges below the clustering threshold (0.25, claims/_discover.CLUSTER_THRESHOLD) only weigh in the averages
    # inside a component, read among its members; written into article_edges and its second index they cost random
    # page writes all over a large table. Stored edges keep (a, b) with a < b: the finder of an old weak edge is
    # taken to be b, the later of the two in the id order a claims run profiles articles in (either end is right
    # for reading among members).
    db.executescript(
        """
        CREATE TABLE weak_edges (            -- edges below the clustering threshold, under their finder
            finder TEXT NOT NULL,
            other TEXT NOT NULL,
            sim REAL NOT NULL,
            PRIMARY KEY (finder, other)
        ) WITHOUT ROWID;
        INSERT INTO weak_edges SELECT b, a, sim FROM article_edges WHERE sim < 0.25;
        DELETE FROM article_edges WHERE sim < 0.25;
        """
    )
