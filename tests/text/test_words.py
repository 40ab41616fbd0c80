"""The shared text normalisation: fold, terms and their stem memo."""
import re
import unicodedata

import pytest

from newstrace.text.words import QUOTES, fold, stem, terms

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _reference_fold(text: str) -> str:
    """fold as it is defined: NFKC, quotes made plain, lowercased, NFKD, combining marks dropped, char by char."""
    if text.isascii():
        return text.replace("`", "'").lower()
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).translate(QUOTES).lower())
    return _NON_ASCII.sub(lambda m: "" if unicodedata.combining(m.group()) else m.group(), text)


@pytest.mark.slow
def test_fold_equals_its_definition_on_every_character_in_context():
    for code in range(0x80, 0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        ch = chr(code)
        for text in (ch, f"A{ch}b", f"{ch}\u0301", f"\u2019{ch}`", f"{ch}\U0001e94a"):
            assert fold(text) == _reference_fold(text), hex(code)


def test_fold_plain_quotes_accents_and_case():
    assert fold("Caf\u00e9 \u201cNa\u00efve\u201d \u2019tis") == "cafe \"naive\" 'tis"
    assert fold("") == ""
    assert fold("\U0001d400BC") == "abc"   # mathematical bold A, folded by NFKC


def test_terms_with_a_memo_equal_terms_without():
    text = "The officials denied reports that the ministers were resigning; officials' statements followed."
    memo: dict[str, str] = {}
    assert terms(text, memo) == terms(text) == terms(text, memo)
    assert memo["officials"] == stem("officials")
