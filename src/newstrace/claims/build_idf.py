"""Build the fixed term weights (inverse document frequencies) the claims layer compares texts with.

    python -m newstrace.claims.build_idf --texts ../shared/data/polnear/train/text [--out PATH]

Reads every ``*.txt`` file under ``--texts`` (PolNeAR's training articles: 840 US political news articles, 2015-16),
counts in how many documents each term (:func:`newstrace.text.words.terms`) occurs and writes
``claims/models/idf.json.gz``: {"documents": N, "df": {term: count}} for terms in at least MIN_DF documents.
A term absent from the table is weighted as if it occurred in less than MIN_DF documents (rare, so informative).
Fixed weights, not the user's corpus, make claim discovery independent of ingest order. Deterministic: sorted keys,
no timestamps in the gzip header.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
from collections import Counter
from pathlib import Path

from ..text.words import terms

# Terms seen in fewer documents than this are left out (and so weighted as rare).
MIN_DF = 2
DEFAULT_OUT = Path(__file__).resolve().parent / "models" / "idf.json.gz"


def build(folder: Path) -> dict:
    df: Counter[str] = Counter()
    files = sorted(folder.rglob("*.txt"))
    for path in files:
        df.update(set(terms(path.read_text(encoding="utf-8", errors="replace"))))
    return {"documents": len(files), "source": folder.name,
            "df": {t: c for t, c in sorted(df.items()) if c >= MIN_DF}}


def write(table: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(table, sort_keys=True, separators=(",", ":")).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as handle:
        handle.write(raw)
    out.write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", required=True, type=Path, help="a folder of .txt news articles")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.texts.is_dir():
        parser.error(f"{args.texts}: not a folder")
    table = build(args.texts)
    if not table["documents"]:
        parser.error(f"{args.texts}: no .txt files")
    write(table, args.out)
    print(f"{args.out}: {len(table['df'])} terms from {table['documents']} documents")


if __name__ == "__main__":
    main()
