"""The records newstrace passes between stages: a raw Document (what was read) and an Article (what was extracted).

Field names and meanings follow the Article contract in DESIGN.md; ``Article.to_dict`` is the JSON form.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Document:
    """One page as read, before extraction.

    ``content`` is bytes as stored on disk or in the WARC record (decoding is extraction's job, so the
    charset cascade lives in one place); ``kind`` is ``html`` or ``text`` (a plain-text scrape).
    """

    source: str
    content: bytes
    kind: str = "html"
    url: str | None = None
    outlet: str | None = None
    fetched_at: str | None = None
    http_charset: str | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


#: Languages the statement analyser reads (spaCy's English pipeline). Pages in other languages get no statements
#: for now, and their record says so (``Article.notes``) rather than showing an unexplained zero.
STATEMENT_LANGUAGES = ("en",)


#: Statements are read in the first STATEMENT_CHARS characters of an article's text, and in no more than its first
#: STATEMENT_TOKENS words and punctuation marks (what spaCy's parse costs: about 4,000 a second on one loaded core).
#: A long feature is under 100,000 characters and 20,000 words and marks; a page of megabytes (or of 100,000
#: ampersands) would hold an ingest for minutes.
STATEMENT_CHARS = 100_000
STATEMENT_TOKENS = 20_000
_UNIT = re.compile(r"\w+|[^\w\s]")


def statement_extent(text: str) -> int:
    """How many leading characters of ``text`` statements are read in: all of them, or (past STATEMENT_CHARS
    characters or STATEMENT_TOKENS words and marks) up to the last paragraph, line, sentence or word break before."""
    limit = min(len(text), STATEMENT_CHARS)
    if limit > STATEMENT_TOKENS:  # (fewer characters cannot hold more words and marks)
        for count, unit in enumerate(_UNIT.finditer(text, 0, limit)):
            if count == STATEMENT_TOKENS:
                limit = unit.start()
                break
    if limit >= len(text):
        return len(text)
    low = max(1, limit - STATEMENT_CHARS // 5)
    for mark in ("\n\n", "\n", ". ", " "):
        found = text.rfind(mark, low, limit)
        if found > 0:
            return found + len(mark)
    return limit


def reads_statements(language: str | None) -> bool:
    """Whether statements are read for a page in ``language`` (unknown counts as English, as before)."""
    return language is None or language in STATEMENT_LANGUAGES


@dataclass
class Caption:
    text: str
    credit: str | None = None


@dataclass
class Related:
    title: str
    url: str | None = None


@dataclass
class Article:
    id: str
    source: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    standfirst: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    labels: list[str] = field(default_factory=list)
    language: str | None = None
    text: str = ""
    captions: list[Caption] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    comments: int | None = None
    first_seen: str | None = None
    # Provenance beyond the contract: which rule gave the date, and which extractor version made the record.
    date_source: str | None = None
    extractor: str | None = None

    def notes(self) -> list[str]:
        """What a reader of the record should know that no field says (derived, so stored records say it too)."""
        if not reads_statements(self.language):
            return [f"statements are English-only for now: none were read in this page (language: {self.language})"]
        read = statement_extent(self.text)
        if read < len(self.text):
            return [f"statements were read in the first {read:,} characters of the text only (of {len(self.text):,})"]
        return []

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["notes"] = self.notes()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        data = dict(data)
        data["captions"] = [Caption(**c) for c in data.get("captions") or []]
        data["related"] = [Related(**r) for r in data.get("related") or []]
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in known})


def article_id(content: bytes) -> str:
    """Content-hash id: the same page bytes always get the same id, so re-ingesting is idempotent."""
    return hashlib.sha256(content).hexdigest()[:16]
