"""The SQLite store: one file, WAL, FTS5, migrations; one writer, many readers."""
from ._db import Store, IngestResult

__all__ = ["IngestResult", "Store"]
