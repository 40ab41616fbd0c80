"""Robustness: hostile inputs never raise and never yield a statement without a content span."""
from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from newstrace.analyse import extract_statements  # noqa: E402
from newstrace.analyse._pipeline import chunk_bounds  # noqa: E402
from newstrace.analyse._quotes import find_quotes  # noqa: E402


def _valid(text: str, statements: list[dict]) -> None:
    for s in statements:
        c = s["content"]
        assert c["end"] > c["start"] and text[c["start"]:c["end"]] == c["text"] and c["text"].strip()


@pytest.mark.parametrize("text", [
    "",
    "   \n\n  ",
    '"He said it was over, the mayor said. And then "more',
    "” closing first,” Ana Ruiz said “and an opener never closed",
    "no sentence here just words without any end or verb of saying",
    "...!!!???,,,;;;",
])
def test_odd_texts(nlp, text):
    _valid(text, extract_statements(text, nlp))


def test_five_thousand_quote_marks(nlp):
    text = ('"' * 5000) + ' the minister said "yes" ' + ("“”" * 100)
    _valid(text, extract_statements(text, nlp))
    assert all(q.end > q.start for q in find_quotes(text))


def test_one_megabyte_without_newline(nlp):
    sentence = "The council said that the budget was balanced and Ana Ruiz said it would pass. "
    text = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000]
    assert "\n" not in text
    found = extract_statements(text, nlp)
    _valid(text, found)
    assert len(found) > 1000
    assert max(s["content"]["end"] for s in found) > 900_000


def test_chunk_bounds_cover_text():
    text = ("word " * 50_000) + ("x" * 250_000)
    bounds = chunk_bounds(text, 100_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a < b <= a + 100_000 for a, b in bounds)
    assert all(bounds[i][1] == bounds[i + 1][0] for i in range(len(bounds) - 1))
