"""Language detection (``extract._lang``) against the languages pages declare, on the dates set (htmldate's pages:
German, English and others). Declared languages are weak labels (template defaults are the very errors detection
is for), so agreement is a floor on accuracy. Split by ``bench/_split.py``: constants were set on ``tune``.

    python bench/language.py [--data ../shared/data/dates]
"""
from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _split import part_of  # noqa: E402

from lxml import html as lxml_html  # noqa: E402

from newstrace.extract._lang import detect_language  # noqa: E402


def page(path: Path) -> tuple[str | None, str]:
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    tree = lxml_html.fromstring(raw)
    declared = (tree.get("lang") or tree.get("xml:lang") or "").strip().lower()[:2] or None
    text = "\n".join(p.text_content() for p in tree.iter("p"))
    return declared, text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data" / "dates"))
    args = parser.parse_args()
    folder = Path(args.data) / "html"
    if not folder.is_dir():
        sys.exit(f"language: no data at {folder}")
    stats = {part: Counter() for part in ("tune", "held-out")}
    confusions = {part: Counter() for part in ("tune", "held-out")}
    for path in sorted(folder.iterdir()):
        declared, text = page(path)
        part = part_of(path.name)
        found = detect_language(text)
        stats[part]["pages"] += 1
        if declared is None:
            continue
        stats[part]["declared"] += 1
        if found is None:
            stats[part]["undecided"] += 1
        elif found == declared:
            stats[part]["agree"] += 1
        else:
            stats[part]["disagree"] += 1
            confusions[part][f"{declared}->{found}"] += 1
    print("| part | pages | with declared lang | detected, agrees | detected, disagrees | undecided (declared kept) |")
    print("|---|---|---|---|---|---|")
    for part, s in stats.items():
        decided = s["agree"] + s["disagree"]
        print(f"| {part} | {s['pages']} | {s['declared']} | {s['agree']} ({s['agree'] / max(decided, 1):.3f}) | "
              f"{s['disagree']} | {s['undecided']} |")
    for part, c in confusions.items():
        print(f"{part} disagreements (declared->detected): {dict(c.most_common(10))}")


if __name__ == "__main__":
    main()
