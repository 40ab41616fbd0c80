"""The SQLite store: one file, WAL, FTS5, migrations; one writer, many readers."""
from ._db import CorpusLock, IngestResult, Store

__all__ = ["CorpusLock", "IngestResult", "Store"]
