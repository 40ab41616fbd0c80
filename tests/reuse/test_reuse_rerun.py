"""A killed ingest's rerun finds the reuse links the killed run never looked for."""
from __future__ import annotations

from newstrace.pipeline import REUSE_VERSION, ingest
from newstrace.store import Store

BASE = ("The council said on Thursday that the ferry line between Saltmere and the islands will close in June after "
        "forty years of service, citing falling passenger numbers and rising fuel costs. Islanders said they had not "
        "been consulted and would petition the regional government to keep the service running through the winter. "
        "Council member Rita Vance told reporters that the decision had been taken with a heavy heart.")


def _page(title: str, body: str, day: int) -> str:
    paragraphs = "".join(f"<p>{s}.</p>" for s in body.split(". "))
    return (f"<html><head><title>{title}</title><meta property='article:published_time' content='2024-03-0{day}'>"
            f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>")


def test_rerun_finds_links_a_killed_run_never_looked_for(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_text(_page("Ferry to close", BASE, 1))
    (pages / "b.html").write_text(_page("Wire copy: ferry to close", BASE.replace("Thursday", "Thursday morning"), 2))
    clean = tmp_path / "clean.db"
    with Store(str(clean)) as store:
        ingest([str(pages)], store, analyse=False)
        want = store.reuse_links()
    assert want, "the reprint is linked in a clean run"
    killed = tmp_path / "killed.db"
    with Store(str(killed)) as store:
        ingest([str(pages)], store, analyse=False)
        # what a run killed after storing the pages but before its reuse step leaves behind
        store.db.execute("DELETE FROM reuse_links")
        store.db.execute("DELETE FROM reuse_checked")
        store.db.commit()
    with Store(str(killed)) as store:
        summary = ingest([str(pages)], store, analyse=False)  # every page already stored
        assert summary.new == 0
        assert [(l["from"], l["to"], l["type"]) for l in store.reuse_links()] == \
               [(l["from"], l["to"], l["type"]) for l in want]
        assert store.update_reuse([], REUSE_VERSION) == 0  # nothing left unchecked
