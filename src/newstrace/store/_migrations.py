"""Schema migrations, registered in order with ``@migration``; each runs once, in its own transaction."""
from __future__ import annotations

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
