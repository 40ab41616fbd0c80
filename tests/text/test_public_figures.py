"""The lexicon of public figures news calls by surname alone."""
from __future__ import annotations

from newstrace.text.public_figures import usual_name


def test_a_listed_surname_gives_the_usual_full_name():
    assert usual_name("Trump") == "Donald Trump"
    assert usual_name("merkel") == "Angela Merkel"


def test_a_shared_or_unlisted_surname_gives_none():
    assert usual_name("Smith") is None
    assert usual_name("Clinton") is None
