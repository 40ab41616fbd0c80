"""Reading: paths, folders, globs and stdin become Documents (or Rejects that say why not).

Formats are told by their bytes, not only their names: gzip, WARC (plain or gzipped), JSON Lines
``{url, html|text, fetched_at}``, HTML, and plain-text scrapes.
"""
from ._sources import ReadStats, Reject, iter_documents

__all__ = ["ReadStats", "Reject", "iter_documents"]
