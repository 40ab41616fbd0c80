"""newstrace's exceptions: one root, each raised with the input it concerns.

    NewstraceError
    ├── InputError            an input cannot be read or is not a news page
    │   ├── EmptyInput        nothing in it (0 bytes, or only whitespace)
    │   ├── BinaryInput       not text: an image, an archive, random bytes
    │   ├── TruncatedInput    a .gz or WARC stream that ends early
    │   └── TooLarge          over the size limit
    └── StoreError            the SQLite store cannot be opened or written

Third-party errors (zlib, warcio, sqlite3, lxml) are translated at the boundary with ``raise ... from exc``
so that callers handle one tree and users read one line: ``<input>: <reason>``.
"""
from __future__ import annotations


class NewstraceError(Exception):
    """Root of every error newstrace raises on purpose."""


class InputError(NewstraceError):
    """An input that cannot be read as a news page; ``source`` names it, ``reason`` says why."""

    kind = "unreadable"

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class EmptyInput(InputError):
    kind = "empty"


class BinaryInput(InputError):
    kind = "binary"


class TruncatedInput(InputError):
    kind = "truncated"


class TooLarge(InputError):
    kind = "too-large"


class StoreError(NewstraceError):
    """The store cannot be opened, migrated or written."""
