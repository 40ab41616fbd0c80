"""Readers for the claim-matching TSV files and TREC qrels (stdlib only)."""
from __future__ import annotations

import csv
import io
import sys
from collections import defaultdict
from pathlib import Path
from typing import IO


def read_tsv(source: str | Path | IO[str], *, header: bool | None = None) -> list[tuple[str, str, str | None]]:
    """Rows ``(id, text, title-or-None)`` of ``id<TAB>text[<TAB>title]``.

    Fields may be quoted CSV-style (``"..."`` with doubled inner quotes), as in CheckThat! files.
    ``header=None`` drops a first row whose text column reads like a column name
    (``text``, ``vclaim``, ``tweet_content``, ...). Raises ValueError on a row without text.
    """
    if hasattr(source, "read"):
        handle, close = source, False
    else:
        handle, close = open(source, encoding="utf-8", newline=""), True
    try:
        limit = csv.field_size_limit()
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        try:
            rows = list(csv.reader(handle, delimiter="\t"))
        finally:
            csv.field_size_limit(limit)
    finally:
        if close:
            handle.close()
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if rows and (header or (header is None and _looks_like_header(rows[0]))):
        rows = rows[1:]
    out = []
    for n, row in enumerate(rows, 1):
        if len(row) < 2:
            raise ValueError(f"row {n}: expected id<TAB>text[<TAB>title], got {len(row)} field(s)")
        title = row[2].strip() if len(row) > 2 and row[2].strip() else None
        out.append((row[0].strip(), row[1].strip(), title))
    return out


def _looks_like_header(row: list[str]) -> bool:
    if len(row) < 2:
        return False
    names = {"text", "vclaim", "claim", "tweet_content", "tweet", "query", "content", "sentence"}
    return row[1].strip().lower() in names and row[0].strip().lower() in {"", "id", "vclaim_id", "tweet_id", "qid"}


def read_qrels(path: str | Path) -> dict[str, set[str]]:
    """TREC qrels ``query 0 doc rel``: the relevant docs of each query."""
    relevant: dict[str, set[str]] = defaultdict(set)
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 4 and parts[3] != "0":
                relevant[parts[0]].add(parts[2])
    return dict(relevant)


def parse_tsv_text(text: str) -> list[tuple[str, str, str | None]]:
    """:func:`read_tsv` over a string."""
    return read_tsv(io.StringIO(text))
