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


@pytest.mark.parametrize("text, speaker, first, last", [
    # inside a clause: the whole clause
    ("The engineers found the fault, Lopez said, and repaired the pumps within hours.", "Lopez",
     "The engineers found the fault", "within hours"),
    # before the verb of its clause: the clause
    ("The new turbines, Okafor said, could power the whole valley by next winter.", "Okafor", "The new turbines",
     "by next winter"),
])
def test_parenthetical_cue_reports_its_clause(nlp, text, speaker, first, last):
    s = _by_cue(extract_statements(text, nlp), "said")
    assert s["speaker"]["text"] == speaker
    assert s["content"]["text"].startswith(first) and s["content"]["text"].endswith(last)


def test_parenthetical_cue_at_the_end_reports_the_clause_before_it(nlp):
    text = "The engineers found the fault, Lopez said."
    s = _by_cue(extract_statements(text, nlp), "said")
    assert s["content"]["text"] == "The engineers found the fault"


def test_a_cue_between_commas_that_reports_nothing_is_not_parenthetical(nlp):
    text = "The mayor, who said nothing at the hearing, left early."
    assert not [s for s in extract_statements(text, nlp) if s["cue"]["text"] == "said"
                and s["content"]["text"].startswith("The mayor")]


def test_that_clause_after_a_prepositional_phrase_is_the_content(nlp):
    text = "Warden Lisa Okafor told reporters at a news conference that the east wing would reopen in March."
    s = _by_cue(extract_statements(text, nlp), "told")
    assert s["speaker"]["name"] == "Lisa Okafor"
    assert s["content"]["text"].endswith("the east wing would reopen in March")


def test_blamed_on_gives_the_charge_as_content(nlp):
    text = "The harbour board has blamed the flooding on the city's broken pumps."
    s = _by_cue(extract_statements(text, nlp), "blamed")
    assert "broken pumps" in s["content"]["text"]


def test_said_that_before_a_fronted_clause_is_still_the_content(nlp):
    text = "Earnest said that while there is limited insight into the fighters, they are working hard."
    s = _by_cue(extract_statements(text, nlp), "said")
    assert "limited insight" in s["content"]["text"]


def test_a_denial_before_a_quoting_participle_keeps_its_own_content(nlp):
    text = ("Paler Lin, however, adamantly denied faking any part of the viral video, telling Vocativ, "
            "\u201cThere is no way we\u2019re making any of this up. This is real.\u201d")
    found = extract_statements(text, nlp)
    assert "faking any part" in _by_cue(found, "denied")["content"]["text"]
    assert "no way" in _by_cue(found, "telling")["content"]["text"]


def test_blasted_for_and_applaud_as_give_the_charge_or_praise(nlp):
    found = extract_statements("Harbour Republicans blasted the mayor for failing to warn them. "
                               "Reform advocates applaud the plan as a step toward safer streets.", nlp)
    assert "failing to warn" in _by_cue(found, "blasted")["content"]["text"]
    assert "step toward safer streets" in _by_cue(found, "applaud")["content"]["text"]


def test_an_object_underlined_by_someone_is_content_but_not_by_a_thing(nlp):
    found = extract_statements("Mrs Lowe also underlined changes to the harbour law that take effect in May.", nlp)
    assert "changes to the harbour law" in _by_cue(found, "underlined")["content"]["text"]
    found = extract_statements("That decision by the court emphasizes the stakes in this struggle.", nlp)
    assert not [s for s in found if s["cue"]["text"] == "emphasizes"]


def test_that_clause_after_a_time_clause_is_the_content(nlp):
    text = "But he said when the trade occurred that the senior commanders were dangerous people."
    s = _by_cue(extract_statements(text, nlp), "said")
    assert s["content"]["text"].endswith("the senior commanders were dangerous people")


def test_a_that_clause_of_a_cue_inside_a_time_clause_stays_with_that_cue(nlp):
    text = "The mayor spoke after the governor claimed that the bridge would close."
    claims = [s for s in extract_statements(text, nlp) if "bridge would close" in s["content"]["text"]]
    assert claims and all(s["cue"]["text"] == "claimed" for s in claims)


def test_that_clause_after_a_relative_clause_on_the_listeners_is_the_content(nlp):
    text = "Union leader Tom Reyes told the nurses who filled the lobby that the strike would go on."
    s = _by_cue(extract_statements(text, nlp), "told")
    assert s["speaker"]["name"] == "Tom Reyes" and s["content"]["text"].endswith("the strike would go on")


def test_a_relative_that_on_the_object_is_no_content(nlp):
    assert not [s for s in extract_statements("She told the story that her father loved on every holiday.", nlp)
                if s["cue"]["text"] == "told"]
    text = "She came to co-write the euphoric power-ballad that Jessie Buckley performs at the end of the film."
    assert not [s for s in extract_statements(text, nlp) if s["cue"]["text"] == "write"]


def test_reported_with_an_event_object_is_a_statement(nlp):
    text = "The county health department reported its second case of measles on Friday."
    s = _by_cue(extract_statements(text, nlp), "reported")
    assert s["speaker"]["type"] == "organization" and s["content"]["text"].startswith("its second case of measles")


def test_accused_x_of_y_is_a_statement_but_was_accused_is_not(nlp):
    text = "The mayor, Ana Ruiz, accused the council of hiding the audit from voters."
    s = _by_cue(extract_statements(text, nlp), "accused")
    assert s["speaker"]["name"] == "Ana Ruiz" and s["content"]["text"] == "the council of hiding the audit from voters"
    assert not extract_statements("The council has been accused of hiding the audit.", nlp)


def test_lobbied_for_is_a_statement(nlp):
    text = "The Vikings' captain Ola Berg, who openly lobbied for the league to ban the tackle, did not play."
    s = _by_cue(extract_statements(text, nlp), "lobbied")
    assert s["speaker"]["name"] == "Ola Berg" and s["content"]["text"].endswith("to ban the tackle")


def test_participle_hung_on_a_verbs_place_is_said_by_the_verbs_subject(nlp):
    text = "Then, last week, Dana Holt posted on Twitter accusing the label of blocking her new album."
    s = _by_cue(extract_statements(text, nlp), "accusing")
    assert s["speaker"]["name"] == "Dana Holt"


def test_pointed_out_is_a_cue_but_pointed_is_not(nlp):
    s = _by_cue(extract_statements("Mira Stone, an analyst at Kelso Bank, pointed out that rates were still low.",
                                   nlp), "pointed")
    assert s["speaker"]["name"] == "Mira Stone" and s["content"]["text"].endswith("rates were still low")
    assert not extract_statements("The guard pointed a flashlight at the door.", nlp)


def test_disputed_and_slammed_as_quoted_are_statements(nlp):
    s = _by_cue(extract_statements("The envoy disputed the notion that he had run a private channel.", nlp),
                "disputed")
    assert s["content"]["text"].endswith("he had run a private channel")
    s = _by_cue(extract_statements('The senator slammed the hearings as a "circus."', nlp), "slammed")
    assert "circus" in s["content"]["text"]


def test_quote_cue_after_a_long_apposition(nlp):
    text = ("The talks stalled.\n\n“Without rolling back some of the tariffs, what is the incentive for the deal?” "
            "Li Wenhua, the former executive director for China at the International Monetary Fund, said at an "
            "event in Washington.")
    s = _by_cue(extract_statements(text, nlp), "said")
    assert s["speaker"]["name"] == "Li Wenhua" and s["content"]["text"].startswith("“Without rolling back")


def test_a_quote_in_parentheses_takes_no_cue_after_it(nlp):
    text = ("After claiming that neither he nor his staff had met the witness (“We have not spoken to him”) — the "
            "senator now assumes that neither his staff nor the witness will testify under oath.")
    assert not [s for s in extract_statements(text, nlp) if s["cue"]["text"] == "testify"]


def test_as_x_put_it_introduces_a_quote(nlp):
    text = "The book sold well.\n\nAs Okafor put it, “Had he written five more books, he would be famous.” He did not."
    s = _by_cue(extract_statements(text, nlp), "put")
    assert s["speaker"]["text"] == "Okafor" and s["content"]["text"].startswith("“Had he written")
    assert not extract_statements("Please put it in a gift basket before the party starts.", nlp)


def test_that_said_is_the_writers_set_phrase(nlp):
    text = ("If you just want a console, the service is not a bad choice. That said, the company promised more, "
            "and for whatever reason, it is not delivering yet.")
    assert not [s for s in extract_statements(text, nlp) if s["cue"]["text"] == "said"]


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
