"""A deterministic tune / held-out split of an evaluation set, shared by the benchmarks.

A page goes to the held-out part when the SHA-256 of its id (the file name without folders and ``.gz``/``.html``
endings) falls in the lowest ``HELD_OUT_PERCENT`` of the hash range. The split depends on the id alone: adding or
removing pages never moves another page between parts, and every machine and run sees the same split.
Rules and constants of the extractor are tuned on the ``tune`` part only; ``held-out`` is reported, never tuned on.
"""
from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

# Half the pages held out: enough held-out pages (about 90 of AEB's 181, 400 of the 799 date pages) that a
# difference of one or two points is more than one page's noise.
HELD_OUT_PERCENT = 50
PARTS = ("tune", "held-out", "all")


def page_id(name: str) -> str:
    """The id a page is split by: its file name without folders or ``.gz``, ``.html``, ``.htm`` endings."""
    name = name.rsplit("/", 1)[-1]
    for ending in (".gz", ".html", ".htm"):
        if name.endswith(ending):
            name = name[: -len(ending)]
    return name


def part_of(name: str) -> str:
    """``held-out`` or ``tune`` for a page (file name or id)."""
    digest = hashlib.sha256(page_id(name).encode("utf-8")).hexdigest()
    return "held-out" if int(digest[:8], 16) % 100 < HELD_OUT_PERCENT else "tune"


def in_part(name: str, part: str) -> bool:
    return part == "all" or part_of(name) == part


def gold_subsets(gold: dict, key_of, workdir: Path | None = None) -> dict[str, Path]:
    """Write the gold entries of each part to a temporary JSON file (the scorers take a gold path).

    ``key_of(key, entry)`` gives the page name an entry is split by. The files live in a temporary folder
    (evaluation data is never copied into the repository).
    """
    folder = Path(workdir or tempfile.mkdtemp(prefix="newstrace-split-"))
    paths = {}
    for part in PARTS:
        subset = {key: entry for key, entry in gold.items() if in_part(key_of(key, entry), part)}
        paths[part] = folder / f"gold-{part}.json"
        paths[part].write_text(json.dumps(subset), encoding="utf-8")
    return paths
