"""Generated pages for the web tests: short, distinct text scrapes (no two share a sentence, so no reuse links)."""
from __future__ import annotations

import random
from pathlib import Path

_WORDS = ("harbor ferry council bridge tunnel budget school clinic market river station library museum stadium "
          "orchard factory mill canal airport depot garden plaza tower quarry dock pier reservoir bakery").split()
_NAMES = ("Ada Brook Cyril Dane Elsa Finch Gus Hale Ivy Jonas Kira Lund Mira Noel Orla Pike Quinn Rhea Soren Tova "
          "Uri Vale Wren Xavi Yara Zeno").split()


def write_pages(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        a, b, c = rng.sample(_WORDS, 3)
        who = f"{rng.choice(_NAMES)} {rng.choice(_NAMES)}son"
        day = 1 + n % 28
        text = (f"The {a} plan number {n} for {b} district {n * 37 % 1000}\n\n"
                f"Published {day} May 2024\n\n"
                f"\"The {a} near the {c} will reopen in week {n % 50 + 1},\" said {who}, a spokesperson for the "
                f"{b} board number {n}.\n\n"
                f"Residents of block {n * 13 % 997} asked about the {c} costs for item {n}.\n")
        path = folder / f"page-{n:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
