import sqlite3

import pytest
from helpers import ARTICLE_HTML, numbered_page

from newstrace import Document, StoreError, extract_document
from newstrace.pipeline import ingest
from newstrace.store import Store
from newstrace.store._migrations import MIGRATIONS


def test_migrations_apply_once(tmp_path):
    db = tmp_path / "n.db"
    with Store(str(db)) as store:
        assert store.schema_version == MIGRATIONS[-1][0]
    with Store(str(db)) as store:  # reopening applies nothing twice
        rows = store.db.execute("SELECT COUNT(*) FROM migrations").fetchone()[0]
        assert rows == len(MIGRATIONS)
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_same_page_twice_is_stored_once(tmp_path):
    (tmp_path / "a.html").write_text(ARTICLE_HTML)
    (tmp_path / "copy-of-a.html").write_text(ARTICLE_HTML)
    with Store(str(tmp_path / "n.db")) as store:
        first = ingest([str(tmp_path / "a.html")], store)
        again = ingest([str(tmp_path)], store)
        assert (first.new, first.already) == (1, 0)
        assert (again.new, again.already) == (0, 2)
        counts = store.counts()
        assert (counts["articles"], counts["sources"], counts["rejects"]) == (1, 2, 0)
        assert counts["statements"] >= 1  # "We kept it running as long as we could," council member Rita Vance told


def test_filters_and_search(tmp_path):
    with Store(str(tmp_path / "n.db")) as store:
        for n, (outlet, date) in enumerate([("Harbor Times", "2024-01-05"), ("Bay Wire", "2024-02-10")]):
            article = extract_document(Document(source=f"{n}.html", content=numbered_page(n).encode(), outlet=outlet))
            article.published = date
            article.labels = ["Opinion"] if n else []
            store.add_article(article)
        assert [a.outlet for a in store.articles()] == ["Harbor Times", "Bay Wire"]
        assert [a.outlet for a in store.articles(outlet="bay wire")] == ["Bay Wire"]
        assert [a.outlet for a in store.articles(since="2024-02-01")] == ["Bay Wire"]
        assert [a.outlet for a in store.articles(until="2024-01-31")] == ["Harbor Times"]
        assert [a.outlet for a in store.articles(label="opinion")] == ["Bay Wire"]
        hits = store.search("witness 8")
        assert hits and "[witness]" in hits[0]["snippet"]
        assert store.search('unbalanced "quote') == []  # bad FTS syntax is not an error


def test_get_by_prefix(tmp_path):
    with Store(str(tmp_path / "n.db")) as store:
        article = extract_document(Document(source="a.html", content=ARTICLE_HTML.encode()))
        store.add_article(article)
        assert store.get_article(article.id[:8]).id == article.id
        assert store.get_article("zzzzzzzz") is None


def test_rejects_are_stored_with_reasons(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 10)
    with Store(str(tmp_path / "n.db")) as store:
        summary = ingest([str(tmp_path)], store)
        kinds = {r["source"].rsplit("/", 1)[-1]: r["kind"] for r in store.rejects()}
    assert kinds == {"empty.html": "empty", "junk.bin": "binary"}
    assert len(summary.rejected) == 2


def test_readonly_open_of_missing_or_foreign_db(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        Store(str(tmp_path / "missing.db"), readonly=True)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.commit()
    with pytest.raises(StoreError, match="not a newstrace database"):
        Store(str(other), readonly=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store(str(junk))
