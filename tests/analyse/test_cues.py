"""Reporting cues found on real news pages (issue 10): parenthetical "X said" inside a clause, gerund contents,
"claimed responsibility", "hinted". Sentences written for these tests."""
from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from newstrace.analyse import extract_statements  # noqa: E402


def _by_cue(statements: list[dict], cue: str) -> dict:
    """The statement with cue text ``cue``."""
    hits = [s for s in statements if s["cue"]["text"] == cue]
    assert hits, f"no statement with cue {cue!r} in {[s['cue']['text'] for s in statements]}"
    return hits[0]


def test_parenthetical_cue_inside_a_clause_reports_the_whole_clause(nlp):
    text = "The engineers found the fault, Lopez said, and repaired the pumps within hours."
    s = _by_cue(extract_statements(text, nlp), "said")
    assert s["speaker"]["text"] == "Lopez"
    assert s["content"]["text"].startswith("The engineers found the fault")
    assert s["content"]["text"].endswith("within hours")


def test_parenthetical_cue_at_the_end_reports_the_clause_before_it(nlp):
    text = "The engineers found the fault, Lopez said."
    s = _by_cue(extract_statements(text, nlp), "said")
    assert s["content"]["text"] == "The engineers found the fault"


def test_gerund_after_admitted_to_is_the_content(nlp):
    text = "Later that night, Carter admitted to hiding the money in a small shed."
    s = _by_cue(extract_statements(text, nlp), "admitted")
    assert s["speaker"]["text"] == "Carter" and s["content"]["text"] == "hiding the money in a small shed"


def test_reported_with_a_gerund_is_a_statement(nlp):
    text = "Some users reported being locked out of their accounts."
    s = _by_cue(extract_statements(text, nlp), "reported")
    assert s["speaker"]["type"] == "anonymous" and "locked out" in s["content"]["text"]


def test_claimed_responsibility_is_a_statement_but_claimed_lives_is_not(nlp):
    found = extract_statements("The Red Army Faction claimed responsibility for the bombing of the bridge.", nlp)
    assert _by_cue(found, "claimed")["content"]["text"].startswith("responsibility for the bombing")
    assert not extract_statements("The storm claimed the lives of four sailors.", nlp)


def test_hinted_is_a_reporting_cue(nlp):
    s = _by_cue(extract_statements("Lopez hinted that the plant was pleased with the results so far.", nlp), "hinted")
    assert s["speaker"]["text"] == "Lopez"


def test_a_quote_introduced_by_its_own_cue_is_not_the_relayers(nlp):
    text = ('The caller asked about the budget, called the mayor a "liar" and said, "somebody should run her out '
            'of town," the district attorney\'s office said.')
    found = extract_statements(text, nlp)
    quote = [s for s in found if s["content"]["text"].startswith('"somebody should run')]
    assert quote and quote[0]["speaker"]["text"] == "The caller"
    # The office's cue does not take the caller's quote a second time.
    assert not [s for s in found if s["content"]["text"].startswith("somebody should run")]


def test_confessed_to_takes_its_object(nlp):
    s = _by_cue(extract_statements("Carter confessed to the robbery on Monday.", nlp), "confessed")
    assert s["content"]["text"].startswith("the robbery")


def test_ruled_out_is_a_statement_of_its_object(nlp):
    s = _by_cue(extract_statements("The government has ruled out any rebel involvement in the attack.", nlp), "ruled")
    assert s["speaker"]["text"] == "The government" and s["content"]["text"].startswith("any rebel involvement")


def test_reported_hearing_takes_the_gerund_object(nlp):
    s = _by_cue(extract_statements("A reporter in the area also reported hearing gunfire near the plant.", nlp),
                "reported")
    assert s["content"]["text"].startswith("hearing gunfire")
