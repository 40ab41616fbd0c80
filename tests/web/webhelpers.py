"""Fixtures for the web tests: a demo database (the bundled examples, ingested for real, plus one hostile article
written directly), and a live server in a background thread."""
from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "newstrace" / "examples"
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"
SEED_CLAIM_TEXT = "Russia had asked China for military equipment"

XSS_ID = "0badc0de0badc0de"
XSS_CLAIM = "c0badc0de0bad"
XSS_TEXT = (
    "Officials found <script>window.__pwned=1</script> pasted into the council page.\n"
    'A reader sent <a href="javascript:window.__pwned=2">click here</a> and javascript:window.__pwned=3 as plain text.\n'
    '"<img src=x onerror="window.__pwned=4"> is </blockquote><script>window.__pwned=5</script> harmless," '
    "said Mallory <b>Bold</b> on Tuesday.\n")


def _xss_article():
    from newstrace.models import Article

    return Article(id=XSS_ID, source="test://hostile", url="javascript:window.__pwned=6",
                   outlet="<i>Hostile</i> Gazette", title="<script>window.__pwned=7</script> Council page defaced",
                   standfirst='"<b>quoted</b>" & <em>markup</em>', published="2024-06-04", authors=["<u>Eve</u>"],
                   labels=["<script>x</script>"], language="en", text=XSS_TEXT, extractor="test")


def _xss_statement() -> dict:
    text = XSS_TEXT
    quote_start = text.index('"<img')
    content_start = quote_start + 1
    content_end = text.index(' harmless,"') + len(" harmless")
    speaker_start = text.index("Mallory")
    speaker_end = text.index("</b>") + 4
    cue_start = text.index("said")
    return {"id": "0badc0de5ta7e001", "article": XSS_ID, "source": "test://hostile", "kind": "direct",
            "date": "2024-06-04", "date_text": "on Tuesday",
            "speaker": {"text": text[speaker_start:speaker_end], "name": "Mallory <b>Bold</b>", "type": "person",
                        "role": None, "affiliation": None, "start": speaker_start, "end": speaker_end},
            "cue": {"text": "said", "lemma": "say", "start": cue_start, "end": cue_start + 4},
            "content": {"text": text[content_start:content_end], "start": content_start, "end": content_end},
            "via": [], "confidence": 0.9}


def add_hostile_article(store) -> None:
    from newstrace.trail import Event

    article = _xss_article()
    statement = _xss_statement()
    store.add_article(article, [statement], "test")
    line_start = XSS_TEXT.index('"<img')
    line_end = XSS_TEXT.index("\n", line_start)
    event = Event(claim=XSS_CLAIM, date="2024-06-04", date_precision="day", action="asserts",
                  actor={"name": "Mallory <b>Bold</b>", "type": "person"},
                  authority=[{"name": "<script>window.__pwned=8</script>", "type": "anonymous"}], article=XSS_ID,
                  evidence={"text": XSS_TEXT[line_start:line_end], "start": line_start, "end": line_end},
                  observed=False, statement=statement["id"])
    claim = {"id": XSS_CLAIM, "text": statement["content"]["text"], "articles": [XSS_ID],
             "statements": [(statement["id"], XSS_ID)], "first_date": "2024-06-04"}
    store.replace_claims([], [claim], [event], "test")
    # the claims step has seen it (an empty profile): a later ingest leaves this hand-made claim as it is
    store.save_profiles([(XSS_ID, {}, b"", [], None)], "test")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> str:
    """The bundled examples ingested with the real pipeline, plus the hostile article; built once per session."""
    from newstrace.pipeline import ingest
    from newstrace.store import Store

    path = tmp_path_factory.mktemp("webdb") / "demo.db"
    with Store(str(path)) as store:
        ingest([str(EXAMPLES)], store)
        add_hostile_article(store)
    return str(path)


@pytest.fixture(scope="session")
def seed_claim(demo_db) -> str:
    from newstrace.store import Store
    from newstrace.trail import find_claim

    with Store(demo_db, readonly=True) as store:
        cid = find_claim(store, SEED_CLAIM_TEXT)
    assert cid, "the seed claim is in the demo database"
    return cid


@pytest.fixture
def db_copy(demo_db, tmp_path) -> str:
    target = tmp_path / "copy.db"
    shutil.copy(demo_db, target)
    return str(target)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """The app under uvicorn on 127.0.0.1 and a free port, in a daemon thread."""

    def __init__(self, db: str, **options):
        import uvicorn

        from newstrace.web import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(db, **options), host="127.0.0.1", port=self.port, log_level="warning",
                                access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started:
            if time.time() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(demo_db):
    with LiveServer(demo_db) as server:
        yield server
