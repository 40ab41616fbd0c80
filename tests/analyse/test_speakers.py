"""Speakers resolved within an article, typed from the whole chain; dates from the cue's own context; the
article's own voice left out (issue 10). Fixtures written for these tests."""
from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from newstrace.analyse import extract_statements  # noqa: E402
from newstrace.text.outlets import is_outlet_name  # noqa: E402


def _find(statements: list[dict], fragment: str) -> dict:
    """The statement whose content contains ``fragment`` (the shortest such content: a statement's own, not that of
    the statement around it)."""
    hits = [s for s in statements if fragment in s["content"]["text"]]
    assert hits, f"no statement with {fragment!r} in {[s['content']['text'] for s in statements]}"
    return min(hits, key=lambda s: len(s["content"]["text"]))


def test_surname_resolves_to_full_name_and_stays_a_person(nlp):
    text = ("Governor Kristi Noem launched the campaign in Pierre on Monday.\n\n"
            "Noem later tweeted that the state's meth epidemic needs to be a dinner table conversation.")
    s = _find(extract_statements(text, nlp), "meth epidemic")
    assert s["speaker"]["text"] == "Noem"
    assert s["speaker"]["name"] == "Kristi Noem" and s["speaker"]["type"] == "person"


def test_shared_surname_goes_to_the_person_introduced_first(nlp):
    text = ("The poet Major Jackson read at the festival with his wife, the poet Didi Jackson.\n\n"
            "Jackson says he feels guilty about the years he spent away from home.")
    s = _find(extract_statements(text, nlp), "feels guilty")
    assert s["speaker"]["name"] == "Major Jackson"


def test_descriptor_before_a_name_resolves_to_that_name(nlp):
    text = "Elizabeth Warren supporter Zainab Dossaji told King she believes the plan will pass."
    s = _find(extract_statements(text, nlp), "believes the plan")
    assert s["speaker"]["name"] == "Zainab Dossaji" and s["speaker"]["type"] == "person"


def test_the_company_resolves_to_the_organisation_named_before(nlp):
    text = ("Acme Robotics laid off 300 workers in Ohio last month.\n\n"
            "The company said that the cuts were needed to stay afloat.")
    s = _find(extract_statements(text, nlp), "cuts were needed")
    assert s["speaker"]["name"] == "Acme Robotics" and s["speaker"]["type"] == "organization"


def test_a_role_resolves_to_the_person_given_that_title(nlp):
    text = ("Ambassador Gordon Sondland met the delegation in Brussels.\n\n"
            "The ambassador said that the aid had been held back on purpose.")
    s = _find(extract_statements(text, nlp), "aid had been held back")
    assert s["speaker"]["name"] == "Gordon Sondland" and s["speaker"]["type"] == "person"


def test_spokesperson_speaks_for_the_organisation(nlp):
    text = '"We are cooperating fully with the inquiry and its staff," said a WeWork spokesperson.'
    s = _find(extract_statements(text, nlp), "cooperating fully")
    assert s["speaker"]["name"] == "WeWork" and s["speaker"]["type"] == "organization"


def test_unnamed_participant_is_a_person_and_keeps_the_description(nlp):
    text = ('A doctor on the scene told reporters that he tried to save one of the wounded men.\n\n'
            '"It was a shot in the heart, and there was nothing more to do," the doctor said.')
    found = extract_statements(text, nlp)
    first, second = _find(found, "tried to save"), _find(found, "shot in the heart")
    assert first["speaker"]["type"] == "person" and first["speaker"]["name"] == "A doctor on the scene"
    assert second["speaker"]["name"] == "A doctor on the scene"


def test_pronoun_agrees_in_gender(nlp):
    text = ("Mary Lutz opened the shelter after she retired. Tom Lutz joined him later.\n\n"
            "Tom Lutz said the roof leaks. She said that the city had promised a new one in May.")
    s = _find(extract_statements(text, nlp), "the city had promised")
    assert s["speaker"]["name"] == "Mary Lutz"


def test_outlets_are_outlets(nlp):
    text = "Deadline reports that Paramount is still working on a second film with the same cast."
    s = _find(extract_statements(text, nlp), "Paramount is still working")
    assert s["speaker"]["type"] == "outlet" and s["speaker"]["name"] == "Deadline"
    assert is_outlet_name("The Washington Post") and is_outlet_name("the newspaper") and is_outlet_name("Reuters")
    assert not is_outlet_name("Ministry of Finance") and not is_outlet_name("WeWork")


def test_no_junk_speaker(nlp):
    text = "None of the residents said that they had been warned about the flood before it came."
    for s in extract_statements(text, nlp):
        assert s["speaker"]["name"] not in ("None", "a statement")


def test_far_relative_date_does_not_date_a_statement(nlp):
    filler = "The council met for hours and discussed the budget in detail. " * 12
    text = (f"On Monday, Mayor Ana Ruiz said that the budget was balanced.\n\n{filler}\n\n"
            "Ruiz said the vote would be close.")
    found = extract_statements(text, nlp, published="2024-05-08")
    assert _find(found, "budget was balanced")["date"] == "2024-05-06"
    assert _find(found, "vote would be close")["date"] is None


def test_close_follow_on_statement_inherits_the_date(nlp):
    text = ('On Monday, spokesperson Zhao Lijian rejected the claims that Russia sought military aid.\n\n'
            '"The allegations on the matter are false information," Zhao stressed.')
    found = extract_statements(text, nlp, published="2022-03-14")
    assert _find(found, "false information")["date"] == "2022-03-14"


def test_the_articles_own_voice_is_not_a_statement(nlp):
    text = ("I have written more than 900 articles about tax policy, and I have argued that rates are too high.\n\n"
            "Sign up for our newsletter and we promise that you will never miss a story.")
    assert extract_statements(text, nlp) == []


# Second round (issue 10): typing and resolution that generalise beyond the tuning pages.

def test_inverted_cue_after_a_participle_takes_the_name_after_it(nlp):
    text = ('"We want a bigger agreement than the small one" signed in May, said Maria Lopez, a trade scholar '
            "with the Hoover Institution.")
    s = _find(extract_statements(text, nlp), "bigger agreement")
    assert s["speaker"]["name"] == "Maria Lopez" and s["speaker"]["type"] == "person"


def test_inverted_cue_the_parse_leaves_without_subject(nlp):
    text = ("Layoffs will be announced next week in divisions that do not support the core business, said "
            "Acme Corp's newly appointed chief executive Jonas Berg in a memo to staff.")
    s = _find(extract_statements(text, nlp), "Layoffs will be announced")
    assert s["speaker"]["name"] == "Jonas Berg" and s["speaker"]["type"] == "person"


def test_it_resolves_to_the_last_organisation_or_document_speaker(nlp):
    text = ("Two workers were hurt in a fire at the plant, the company said in a statement on Tuesday.\n\n"
            '"The cause is under investigation," the statement said.\n\n'
            "It said the plant would stay closed until Friday.")
    s = _find(extract_statements(text, nlp), "stay closed")
    assert s["speaker"]["text"] == "It"
    assert s["speaker"]["type"] == "document" and "statement" in s["speaker"]["name"]


def test_it_in_a_relative_clause_is_the_sentence_subject(nlp):
    text = ("The rebel group claimed responsibility for the attack on the convoy, which it said was carried out "
            "near the border.")
    s = _find(extract_statements(text, nlp), "carried out")
    assert s["speaker"]["type"] == "organization" and "group" in s["speaker"]["name"].lower()


def test_object_of_prompted_is_who_argues(nlp):
    text = ("The advert prompted some Facebook users to argue that the slogan glamorised smoking.")
    s = _find(extract_statements(text, nlp), "glamorised smoking")
    assert s["speaker"]["type"] == "anonymous" and "users" in s["speaker"]["name"]


def test_prosecutors_are_the_prosecuting_office(nlp):
    text = ("A Texas man admitted to fraud on Monday, prosecutors said.\n\n"
            "The man pleaded guilty, the U.S. Attorney's Office for the Southern District of Texas said in a "
            "statement.")
    s = _find(extract_statements(text, nlp), "admitted to fraud")
    assert s["speaker"]["type"] == "organization"
    assert s["speaker"]["name"].startswith("U.S. Attorney")


def test_members_of_a_series_speak_and_plural_demonyms_are_anonymous(nlp):
    text = "The advert showed a group of Ohioans declaring that they were not afraid of the storm."
    s = _find(extract_statements(text, nlp), "not afraid")
    assert s["speaker"]["type"] == "anonymous"


def test_a_name_modifying_a_common_noun_is_not_the_speaker(nlp):
    text = ("Senator Tom Kermit visited the school on Friday.\n\n"
            "A Kermit parent said that the new timetable was a mistake.")
    s = _find(extract_statements(text, nlp), "timetable was a mistake")
    assert s["speaker"]["name"] != "Tom Kermit" and s["speaker"]["type"] == "person"


def test_an_honorific_makes_a_mistyped_name_a_person(nlp):
    text = ("Mr. Vindman testified behind closed doors on Tuesday.\n\n"
            "Vindman said that he had reported the call to a lawyer.")
    s = _find(extract_statements(text, nlp), "reported the call")
    assert s["speaker"]["type"] == "person"


def test_told_another_outlet_is_a_relay_but_not_the_pages_own(nlp):
    text = "Mayor Ann Brook told the Springfield Gazette that the bridge would reopen in June."
    s = _find(extract_statements(text, nlp), "bridge would reopen")
    assert [v["name"] for v in s["via"]] == ["Springfield Gazette"] and s["via"][0]["type"] == "outlet"
    own = _find(extract_statements(text, nlp, outlet="Springfield Gazette"), "bridge would reopen")
    assert own["via"] == []


def test_email_to_an_outlet_and_via_an_outlet_are_relays(nlp):
    text = ("Her lawyer, Dana Cole, said in an email to The Associated Press that the charges were unfounded.\n\n"
            "Richardson, via USA Today, said that the fight had been provoked.")
    statements = extract_statements(text, nlp)
    assert [v["name"] for v in _find(statements, "charges were unfounded")["via"]] == ["Associated Press"]
    assert [v["name"] for v in _find(statements, "fight had been provoked")["via"]] == ["USA Today"]


def test_a_negated_object_cue_is_not_a_statement(nlp):
    text = "The army did not reveal the location of the crash."
    assert not [s for s in extract_statements(text, nlp) if "location" in s["content"]["text"]]


def test_same_outlet_ignores_spacing_and_web_suffix():
    from newstrace.text.outlets import same_outlet
    assert same_outlet("CBSSports.com", "CBS Sports") and same_outlet("usatoday", "USA Today")
    assert not same_outlet("CNN", "CNBC") and not same_outlet("", "")


def test_speech_verb_joined_to_a_passive_clause_goes_with_the_outer_speaker(nlp):
    text = ("The ombudsman's office said the injuries were caused by rubber bullets and called on the government "
            "to withdraw the troops.")
    s = _find(extract_statements(text, nlp), "withdraw the troops")
    assert "office" in s["speaker"]["name"] and s["speaker"]["type"] == "organization"


def test_a_group_named_like_a_person_is_not_a_he(nlp):
    text = ("Ohio Democrats won both chambers last year.\n\n"
            "Governor Mike Dunn spoke at the rally on Monday.\n\n"
            "\u201cWe will win again,\u201d he said.")
    s = _find(extract_statements(text, nlp), "win again")
    assert s["speaker"]["name"] == "Mike Dunn"


def test_a_named_organisation_does_not_refer_back_to_another(nlp):
    text = ("The United Nations said that thousands of refugees were stranded at the camp.\n\n"
            "The Pentagon rejected the accusations as false.")
    s = _find(extract_statements(text, nlp), "the accusations")
    assert s["speaker"]["name"] != "United Nations" and s["speaker"]["type"] == "organization"


def test_the_company_never_refers_to_an_outlet(nlp):
    text = ("Harlow Foods cut 200 jobs at its bakery in Leeds, the Xinhua News Agency reported.\n\n"
            "The company said that demand for bread had fallen.")
    s = _find(extract_statements(text, nlp), "demand for bread")
    assert s["speaker"]["name"] == "Harlow Foods"


def test_an_age_description_refers_back_to_the_person(nlp):
    text = ("Birchfield Rovers appointed Tomas Varga as their new manager on Friday.\n\n"
            "The 56-year-old said that he was excited to start work.")
    s = _find(extract_statements(text, nlp), "excited to start")
    assert s["speaker"]["name"] == "Tomas Varga" and s["speaker"]["type"] == "person"


def test_an_organisation_noun_takes_the_name_in_apposition(nlp):
    text = ("The singer's label, Northgate Records, sued a streaming service last week.\n\n"
            "The company that produces the awards show, Harbor Light Productions, denies that any deal was made.")
    s = _find(extract_statements(text, nlp), "any deal was made")
    assert s["speaker"]["name"] == "Harbor Light Productions" and s["speaker"]["type"] == "organization"


def test_a_nationality_modified_government_is_not_the_last_organisation(nlp):
    text = ("The refugees live in a camp run by the Red Crescent near the border.\n\n"
            "The Jordanian government said that it had admitted more refugees than any other country.")
    s = _find(extract_statements(text, nlp), "admitted more refugees")
    assert s["speaker"]["name"] != "Red Crescent" and s["speaker"]["type"] == "organization"


def test_a_name_the_ner_missed_is_a_person_by_its_apposition(nlp):
    from spacy.tokens import Doc

    from newstrace.analyse._names import collect_names

    words = ["Lena", "Marsh", ",", "director", "of", "Orbit", "Ads", ",", "said", "it", "worked", ".",
             "Marsh", "said", "so", "."]
    doc = Doc(nlp.vocab, words=words,
              pos=["PROPN", "PROPN", "PUNCT", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT", "VERB", "PRON", "VERB",
                   "PUNCT", "PROPN", "VERB", "ADV", "PUNCT"],
              deps=["compound", "nsubj", "punct", "appos", "prep", "compound", "pobj", "punct", "ROOT", "nsubj",
                    "ccomp", "punct", "nsubj", "ROOT", "advmod", "punct"],
              heads=[1, 8, 1, 1, 3, 6, 4, 1, 8, 10, 8, 8, 13, 13, 13, 13],
              lemmas=[w.lower() for w in words],
              ents=["O", "O", "O", "O", "O", "B-ORG", "I-ORG", "O", "O", "O", "O", "O", "B-ORG", "O", "O", "O"],
              sent_starts=[True] + [False] * 11 + [True, False, False, False])
    book = collect_names([(0, doc)])
    assert "Lena Marsh" in book.full_names
    assert book.is_person("Marsh") and book.resolve("Marsh") == "Lena Marsh"


def test_a_royal_title_stays_part_of_a_single_given_name(nlp):
    text = ("Prince Edmund gave an interview to the BBC about the charity on Saturday.\n\n"
            "Edmund said that he had no regrets about the visit.")
    s = _find(extract_statements(text, nlp), "no regrets")
    assert s["speaker"]["name"] == "Prince Edmund" and s["speaker"]["type"] == "person"


def test_a_participle_cue_is_said_by_the_passive_clause_subject(nlp):
    text = "The regulator is frustrated with the carriers, saying they failed to share outage data in time."
    s = _find(extract_statements(text, nlp), "failed to share")
    assert s["speaker"]["text"] == "The regulator" and s["speaker"]["type"] == "organization"


def test_a_name_before_its_apposition_speaks_when_the_parse_gives_no_subject(nlp):
    text = ("Why the smog gets worse in winter\n\n"
            "Maria Olsen, a professor of chemistry at the University of Oslo, explained that smog is a function "
            "of weather.")
    s = _find(extract_statements(text, nlp), "function of weather")
    assert s["speaker"]["name"] == "Maria Olsen" and s["speaker"]["type"] == "person"


def test_a_counted_plural_of_an_organisation_word_is_a_group(nlp):
    text = "Two prison guards were charged on Monday with fraud, stating they had checked the cells."
    s = _find(extract_statements(text, nlp), "checked the cells")
    assert s["speaker"]["text"] == "Two prison guards" and s["speaker"]["type"] == "anonymous"


def test_they_with_no_group_before_is_an_unnamed_group(nlp):
    text = "Hundreds of nurses marched through the town centre.\n\nThey said that wards were dangerously short-staffed."
    s = _find(extract_statements(text, nlp), "short-staffed")
    assert s["speaker"]["type"] == "anonymous"


def test_the_country_refers_back_to_the_state_last_named(nlp):
    text = ("Refugees have crossed into Jordan for years.\n\n"
            "The country said that it had taken in more than a million people.")
    s = _find(extract_statements(text, nlp), "more than a million")
    assert s["speaker"]["name"] == "Jordan" and s["speaker"]["type"] == "organization"


def test_an_office_title_is_a_person(nlp):
    text = ("The United Nations High Commissioner for Human Rights said that the decision broke "
            "international law.")
    s = _find(extract_statements(text, nlp), "broke international law")
    assert s["speaker"]["type"] == "person"


def test_a_bare_some_takes_the_group_named_before(nlp):
    text = ("Dozens of deportees landed in Amritsar on Friday after months in detention.\n\n"
            "Some said that they had spent their savings on the journey.")
    s = _find(extract_statements(text, nlp), "spent their savings")
    assert s["speaker"]["type"] == "anonymous" and s["speaker"]["name"] == "some deportees"


def test_one_word_outlets_are_outlets_even_without_their_words(nlp):
    assert is_outlet_name("Politico", by_words=False) and is_outlet_name("Reuters", by_words=False)
    assert not is_outlet_name("Bloomberg", by_words=False)  # also a person's name


def test_an_outlet_the_ner_tagged_a_person_is_an_outlet(nlp):
    text = "The aid had been paused for weeks. After Politico reported the aid had been paused, the White House moved."
    s = _find(extract_statements(text, nlp), "aid had been paused")
    assert s["speaker"]["name"] == "Politico" and s["speaker"]["type"] == "outlet"


def test_a_person_speaking_with_their_team_keeps_the_team(nlp):
    text = ('Astronomer Lena Vasquez led the survey.\n\n'
            '"We found no trace of the gas at all," Vasquez and her colleagues wrote in the paper.')
    s = _find(extract_statements(text, nlp), "no trace of the gas")
    assert s["speaker"]["name"] == "Lena Vasquez and her colleagues" and s["speaker"]["type"] == "person"


def test_a_gendered_predicate_noun_sets_the_gender(nlp):
    from newstrace.analyse._pipeline import parse
    from newstrace.analyse._names import collect_names

    text = ("Prosecutors said a man threatened Rep. Dana Whitfield and Tom Brandt in March. Dana Whitfield is one "
            "of the first two Muslim women elected to the state senate.")
    book = collect_names(parse(text, nlp))
    assert book.gender.get("Dana Whitfield") == "f"


def test_a_person_named_like_an_outlet_stays_a_person(nlp):
    text = ("Fiona Hill, a former White House adviser, testified on Thursday.\n\n"
            "Hill said that the aid had been frozen on purpose.")
    s = _find(extract_statements(text, nlp), "frozen on purpose")
    assert s["speaker"]["name"] == "Fiona Hill" and s["speaker"]["type"] == "person"


def test_after_a_quote_the_name_after_a_row_of_titles_speaks(nlp):
    text = '"Sales were below our expectations," chairman, CEO and president Craig Menear said in the release.'
    s = _find(extract_statements(text, nlp), "below our expectations")
    assert s["speaker"]["name"] == "Craig Menear" and s["speaker"]["type"] == "person"


def test_a_title_case_dateline_before_a_dash_is_not_the_speaker(nlp):
    from spacy.tokens import Doc

    from newstrace.analyse._indirect import subject_of

    words = ["Springfield", "–", "Several", "teachers", "said", "they", "were", "underpaid", "."]
    doc = Doc(nlp.vocab, words=words,
              pos=["PROPN", "PUNCT", "ADJ", "NOUN", "VERB", "PRON", "AUX", "ADJ", "PUNCT"],
              deps=["nsubj", "punct", "amod", "appos", "ROOT", "nsubj", "ccomp", "acomp", "punct"],
              heads=[4, 0, 3, 0, 4, 6, 4, 6, 4])
    assert subject_of(doc[4]).text == "teachers"


def test_a_name_with_a_figure_is_no_persons_full_name(nlp):
    from newstrace.analyse._names import NameBook

    book = NameBook()
    book.add("Thunderbolt 3 Apple")
    book.add("Tim Cook")
    assert book.full_names == ["Tim Cook"] and not book.is_person("Apple")


def test_a_description_does_not_reach_across_a_line_break(nlp):
    text = "4:14 p.m.\n\nA California transit chief says a man has been stabbed to death on a train."
    s = _find(extract_statements(text, nlp), "stabbed to death")
    assert "p.m." not in s["speaker"]["name"] and "transit chief" in s["speaker"]["name"]


def test_a_counted_study_is_a_document(nlp):
    text = "Another study in 84 women found that the diet reduced cravings, the authors said."
    found = extract_statements(text, nlp)
    studies = [s for s in found if s["speaker"]["text"] and "study" in s["speaker"]["text"]]
    assert studies and studies[0]["speaker"]["type"] == "document"


def test_a_long_description_keeps_its_head(nlp):
    from newstrace.analyse._speakers import _with_rights

    doc = nlp("Officials from the regional health commission of the northern province of Inner Mongolia and its "
              "capital city said it was fine.")
    head = [t for t in doc if t.text == "Officials"][0]
    assert _with_rights(head, document=True, relative=True).startswith("Officials from")


def test_a_mention_does_not_reach_back_across_a_spaced_dash(nlp):
    from spacy.tokens import Doc

    from newstrace.analyse._speakers import mention_span

    words = ["Hilo", "(", "KHNL", ")", "-", "Ocean", "scientists", "said", "so", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, False, False, True, True, True, True, True, False, False],
              pos=["PROPN", "PUNCT", "PROPN", "PUNCT", "PUNCT", "PROPN", "NOUN", "VERB", "ADV", "PUNCT"],
              deps=["compound", "punct", "appos", "punct", "punct", "compound", "nsubj", "ROOT", "advmod", "punct"],
              heads=[6, 0, 0, 0, 6, 6, 7, 7, 7, 7])
    assert mention_span(doc[6]).text == "Ocean scientists"


def test_an_insider_is_an_anonymous_source_not_the_outlet(nlp):
    text = 'The singer has been quiet for weeks.\n\n"He is tired of the fight," an insider told the magazine.'
    s = _find(extract_statements(text, nlp), "tired of the fight")
    assert s["speaker"]["type"] == "anonymous"


def test_an_organisation_noun_takes_the_name_in_apposition(nlp):
    text = ("The label that owns her early albums, Blue Harbor, says the concert can go ahead.\n\n"
            "The firm that films the show, Lantern Peak Productions, denies that a deal was made.")
    s = _find(extract_statements(text, nlp), "concert can go ahead")
    assert s["speaker"]["name"] == "Blue Harbor" and s["speaker"]["type"] == "organization"
    s = _find(extract_statements(text, nlp), "a deal was made")
    assert s["speaker"]["name"] == "Lantern Peak Productions" and s["speaker"]["type"] == "organization"


def test_a_description_refers_to_the_organisation_whose_name_has_its_words(nlp):
    text = ("The Northern Valley Utilities Commission met on Tuesday with the Harbor Transit Agency.\n\n"
            "The utilities commission said that the outages had lasted too long.")
    s = _find(extract_statements(text, nlp), "outages had lasted")
    assert s["speaker"]["name"] == "Northern Valley Utilities Commission"


def test_a_name_after_envoy_to_a_place_is_a_person(nlp):
    text = ("Another diplomat, former special envoy to Freedonia Peter Kalmar, changed his account.\n\n"
            '"We did not discuss it," Kalmar said.')
    s = _find(extract_statements(text, nlp), "did not discuss it")
    assert s["speaker"]["name"] == "Peter Kalmar" and s["speaker"]["type"] == "person"


def test_a_company_described_as_a_contractor_is_no_person(nlp):
    text = ("The agency's suppliers include Orbitek, prime contractor for the booster.\n\n"
            "Orbitek said that its design uses the new engine.")
    s = _find(extract_statements(text, nlp), "its design uses")
    assert s["speaker"]["type"] == "organization"


def test_it_after_a_named_organisation_subject_is_that_organisation(nlp):
    text = ("As of March, Skyline Airways had a fleet of 80 aircraft.\n\n"
            "In addition to its order of ten jets on Tuesday, it said that it would buy twelve more next year.")
    s = _find(extract_statements(text, nlp), "buy twelve more")
    assert s["speaker"]["type"] == "organization" and "Skyline" in s["speaker"]["name"]


def test_a_name_tagged_an_organisation_throughout_is_no_first_name(nlp):
    text = ("Stadia, Google's streaming platform, launches today. Google Stadia costs $10 a month.\n\n"
            "Google's big promises have not arrived yet.\n\nGoogle says the controller will work with phones next year.")
    s = _find(extract_statements(text, nlp), "controller will work")
    assert s["speaker"]["name"] == "Google" and s["speaker"]["type"] == "organization"


def test_the_president_is_the_person_titled_president_not_an_apposition(nlp):
    text = ("President Walter Brandt raised tariffs again on Monday.\n\n"
            "Mary Olsen, president of the Dairy Growers Federation, said farmers were losing money.\n\n"
            "The president says his approach has created leverage.")
    s = _find(extract_statements(text, nlp), "created leverage")
    assert s["speaker"]["name"] == "Walter Brandt"


def test_a_participle_with_a_clause_is_not_part_of_the_description(nlp):
    text = "Schools closed across the region this week, with forecasters warning that the smog would get worse."
    s = _find(extract_statements(text, nlp), "smog would get worse")
    assert s["speaker"]["name"] == "forecasters"


def test_the_agency_is_the_organisation_that_spoke_last(nlp):
    text = ("Thousands of nurses marched on Tuesday. The Lakeside Police Department reported that 4,000 people entered the "
            "Capitol Annex, but the agency said that it could not count the crowd outside.")
    s = _find(extract_statements(text, nlp), "could not count the crowd")
    assert s["speaker"]["name"] == "Lakeside Police Department"


def test_an_abbreviated_title_gives_the_role_and_a_title_word_is_no_part_of_the_name(nlp):
    text = ("Republican Gov. Eric Holden met the teachers.\n\n"
            "State schools Superintendent Jane Marlow has cited a study on pay.\n\n"
            "The governor said that he was waiting for a pay commission to report.\n\n"
            "Marlow said that teachers deserve more.")
    statements = extract_statements(text, nlp)
    assert _find(statements, "waiting for a pay commission")["speaker"]["name"] == "Eric Holden"
    assert _find(statements, "teachers deserve more")["speaker"]["name"] == "Jane Marlow"


def test_a_given_name_says_the_gender_the_article_does_not(nlp):
    text = ("U.S. Attorney Robert Vance Jr. said the case was closed. Linda Ostrow, the man's attorney, "
            "answered questions on Monday.\n\n"
            '"My client regrets what he wrote," she said in an email.')
    s = _find(extract_statements(text, nlp), "regrets what he wrote")
    assert s["speaker"]["name"] == "Linda Ostrow"


def test_they_in_a_statement_is_the_organisation_that_spoke(nlp):
    text = ("The singer said the label had blocked her concert.\n\n"
            "Harbor Lane Records has twice denied doing anything wrong.\n\n"
            '"At no point did we block the concert," they said in a statement on their website.')
    s = _find(extract_statements(text, nlp), "At no point did we block")
    assert s["speaker"]["name"] == "Harbor Lane Records" and s["speaker"]["type"] == "organization"


def test_a_thing_said_to_speak_is_a_document_and_the_public_a_group(nlp):
    text = ("The two sides signed a deal on Friday.\n\n"
            "The agreement maintained that the songs could be played on approved platforms.\n\n"
            "The public has said that the delays are unacceptable.")
    statements = extract_statements(text, nlp)
    assert _find(statements, "songs could be played")["speaker"]["type"] == "document"
    assert _find(statements, "delays are unacceptable")["speaker"]["type"] == "anonymous"


def test_an_apposition_naming_someone_else_by_of_is_not_the_speaker(nlp):
    text = ("The retired analyst, a protégé of Walter Brandt and Dana Kemp, would then have claimed that the call "
            "was improper.")
    s = _find(extract_statements(text, nlp), "call was improper")
    assert s["speaker"]["name"] != "Walter Brandt"


def test_an_anonymous_description_is_anonymous_whatever_it_names(nlp):
    text = "He said that he was told by an anonymous NSC leaker that the call had been recorded."
    statements = [s for s in extract_statements(text, nlp) if "leaker" in (s["speaker"]["text"] or "")]
    assert statements and statements[0]["speaker"]["type"] == "anonymous"


def test_a_pronoun_without_an_agreeing_antecedent_stays_a_person(nlp):
    text = ('John Ostrow, the owner, opened the shop in 1990.\n\n"It was a good year," she said.')
    s = _find(extract_statements(text, nlp), "good year")
    assert s["speaker"]["name"] != "John Ostrow" and s["speaker"]["type"] == "person"


def test_images_are_a_document(nlp):
    text = "Images of bullet casings left on the ground indicate that the police used live ammunition."
    s = _find(extract_statements(text, nlp), "used live ammunition")
    assert s["speaker"]["type"] == "document"


def test_a_countrys_role_description_is_the_person_given_that_title(nlp):
    text = ("Ruritania's interior minister said on Tuesday that the house would become a police station.\n\n"
            '"It must not become a shrine," Interior Minister Karl Brenner said in the statement.')
    s = _find(extract_statements(text, nlp), "police station")
    assert s["speaker"]["name"] == "Karl Brenner"


def test_the_news_organization_is_the_outlet_named_before(nlp):
    text = ("Stocks fell after CNBC reported that talks had stalled. The news organization, citing an official, "
            "reported that the deal might slip to next year.")
    s = _find(extract_statements(text, nlp), "slip to next year")
    # (the official it cites said it, relayed by the outlet: the speakers guidelines' nesting)
    assert s["speaker"]["type"] == "anonymous" and [v["name"] for v in s["via"]] == ["CNBC"]


def test_said_the_actor_is_the_person_the_article_tells_of(nlp):
    text = ("James Corbin and his wife lost a baby over the weekend, he revealed on the show.\n\n"
            '"It deepens your appreciation," said the actor.')
    s = _find(extract_statements(text, nlp), "deepens your appreciation")
    assert s["speaker"]["name"] == "James Corbin"


def test_the_reader_addressed_is_no_speaker(nlp):
    text = ("If you have ever tried to fix a leaking tap, you know the feeling.\n\n"
            "You might wonder why the plumber never calls back.")
    assert not [s for s in extract_statements(text, nlp) if (s["speaker"]["text"] or "").lower() == "you"]


def test_a_name_in_apposition_to_a_role_is_the_speaker_and_keeps_its_hyphen(nlp):
    text = ("\u201cThe evidence is not strong enough to form the basis for an indictment,\u201d Sweden\u2019s deputy "
            "director of public prosecutions, Eva-Marie Persson, said on Tuesday. "
            "Persson explained that the evidence had weakened.")
    statements = extract_statements(text, nlp)
    assert _find(statements, "not strong enough")["speaker"]["name"] == "Eva-Marie Persson"
    assert _find(statements, "evidence had weakened")["speaker"]["name"] == "Eva-Marie Persson"


def test_the_writers_own_findings_are_no_statements(nlp):
    statements = extract_statements("Our initial testing suggests that the laptop runs cool under load.", nlp)
    assert not [s for s in statements if "runs cool" in s["content"]["text"]]


def test_a_short_name_spelled_from_an_organisation_named_before_is_that_organisation(nlp):
    """'VW' takes the one-word organisation whose letters spell it in order (Volkswagen); an outlet's short name
    and a short name with a later vowel ('GE' beside Google) do not."""
    text = ("Volkswagen will sell the new wagon in the spring.\n\n"
            "VW said the car would cost less than its rivals.")
    s = _find(extract_statements(text, nlp), "cost less")
    assert s["speaker"]["name"] == "Volkswagen" and s["speaker"]["type"] == "organization"
    text = "Google sells ads. GE said the turbine plan was sound."
    assert _find(extract_statements(text, nlp), "turbine")["speaker"]["name"] == "GE"


def test_the_possessor_of_a_passive_subject_is_what_the_next_pronoun_refers_to(nlp):
    """'Anna Berg's first novels were published by a firm owned by Tim Ross. She said ...': Anna Berg speaks
    (the possessor of the passive's subject), not the last person named."""
    text = ("Anna Berg's first novels were published by a firm owned by the banker Kit Ross last year.\n\n"
            "At the time she said the sale was the worst case for her books.")
    s = _find(extract_statements(text, nlp), "worst case")
    assert s["speaker"]["name"] == "Anna Berg"


# (case, text, a fragment of the statement's content, what its speaker must be): one resolution rule each
RESOLVED = [
    ('an_unnamed_journalist_of_an_outlet_is_the_outlet',
     "A Reuters journalist in the town also reported hearing explosions near the port.",
     'explosions', {'name': 'Reuters', 'type': 'outlet'}),
    ('a_public_figure_called_by_surname_alone_takes_the_usual_full_name',
     "President Trump spoke to reporters on the lawn before leaving for Florida.\n\n"
     "Trump said that the talks with Beijing were going very well.",
     'talks with Beijing', {'name': 'Donald Trump', 'type': 'person'}),
    ('the_full_name_the_article_gives_wins_over_the_usual_one',
     "Ivanka Trump visited the factory in Ohio on Tuesday.\n\n"
     "Trump said that the new jobs would go to local workers.",
     'new jobs', {'name': 'Ivanka Trump'}),
    ('a_given_name_outweighs_one_stray_pronoun_after_it',
     "Tom Baker has run the bakery on Main Street since 1980.\n\n"
     "Jane Porter says that the story about the bakery he wrote is true.\n\n"
     '"It was a hard time for everyone," he said.',
     'hard time', {'name': 'Tom Baker'}),
    ('a_report_in_an_outlet_of_a_place_is_the_outlet',
     "According to a report in the Argus Leader of Sioux Falls, the campaign cost more than planned.",
     'campaign cost', {'name': 'Argus Leader', 'type': 'outlet'}),
    ('an_unnamed_journalist_of_an_outlet_is_the_outlet',
     "An Associated Press photographer at the scene said the crowd was calm.",
     'crowd was calm', {'name': 'Associated Press', 'type': 'outlet'}),
    ('press_reports_are_an_outlet',
     "According to media reports, the minister resigned on Friday.",
     'resigned', {'type': 'outlet'}),
    ('agency_officials_speak_for_the_agency_named_before',
     "NASA launched the probe in 2018. Agency officials said the mission would last two years.",
     'mission would last', {'name': 'NASA', 'type': 'organization'}),
    ('officials_of_another_kind_of_body_stay_unnamed',
     "Acme Corp makes tools. Police officials said the man was arrested.",
     'man was arrested', {'type': 'anonymous'}),
    ('a_plural_of_unnamed_bodies_is_an_unspecified_group',
     "Retailers said they raised prices as a result of the tariffs.",
     'raised prices', {'type': 'anonymous'}),
    ('state_authorities_stand_for_one_institution',
     "State authorities said the man was arrested near the border.",
     'was arrested', {'type': 'organization'}),
    ('an_object_pronoun_of_a_named_subject_is_not_their_gender',
     "Alex Carter ran the shop for years.\n\n"
     "Sam Reed found him in the kitchen.\n\n"
     '"He looked surprised," she wrote in an email.',
     'looked surprised', {'name': 'Sam Reed'}),
    ('a_short_outlet_name_takes_the_full_one_named_before',
     "The San Francisco Chronicle says police are looking into the case. The man ran from the station.\n\n"
     "The Chronicle says he was arrested a block away.",
     'arrested a block away', {'name': 'San Francisco Chronicle', 'type': 'outlet'}),
    ('a_pronoun_before_a_no_break_space_is_resolved',
     'Tom Baker runs the shop on Main Street. "It is fine," he\u00a0said.',
     'It is fine', {'text': 'he', 'name': 'Tom Baker'}),
    ('an_honorific_without_a_full_stop_is_not_part_of_the_name',
     "Transport Secretary Chris Grayling visited the depot on Monday.\n\n"
     "Mr Grayling said the trains would run on time.",
     'trains would run', {'name': 'Chris Grayling'}),
    ('a_persons_spokesperson_speaks_for_that_person',
     "Joe Biden spoke in Iowa on Monday. A spokesman for Mr. Biden said the campaign would respond.",
     'campaign would respond', {'name': 'Joe Biden', 'type': 'person'}),
    ('the_pm_is_the_person_titled_prime_minister',
     "Prime Minister Boris Johnson visited Leeds on Friday. The PM said the plan would work.",
     'plan would work', {'name': 'Boris Johnson', 'type': 'person'}),
    ('a_described_organisation_refers_back_to_the_one_named',
     "Amazon hired 1,000 workers in Ohio. The Seattle-based retailer said the jobs were permanent.",
     'jobs were permanent', {'name': 'Amazon', 'type': 'organization'}),
    ('a_name_with_an_age_in_apposition_is_a_person',
     "Smith, 45, said the fire started in the kitchen.",
     'fire started', {'type': 'person'}),
    ('a_definite_role_refers_back_to_the_person_given_it',
     "Elon Musk, Tesla's chief executive, visited Berlin. The executive said the factory would open.",
     'factory would open', {'name': 'Elon Musk', 'type': 'person'}),
    ('a_definite_role_given_only_later_stays_a_source',
     "The official said the runway was closed.\n\n"
     "Another official, Mark Reed, said the flights were delayed.",
     'runway was closed', {'type': 'anonymous'}),
    ('a_split_compound_subject_gives_way_to_the_named_one',
     "The moon is cold. Rainfall occurs everywhere on Titan, but the poles are wetter, said study co-author "
     "Anezina Solomonidou, a European Space Agency research fellow.",
     'Rainfall occurs', {'name': 'Anezina Solomonidou', 'type': 'person'}),
    ('a_relation_after_his_or_her_is_the_person_given_it_before',
     "Tom Hill ran the farm with his wife Ann Hill. His wife said the farm was sold.",
     'farm was sold', {'name': 'Ann Hill', 'type': 'person'}),
    ('they_after_a_chain_of_they_is_the_joined_subject_before_it',
     "Mayor Lena Ortiz and members of the city council have avoided the strikers. They seem keen not to anger "
     "them. However, they said they would not raise wages before 2022.",
     'not raise wages', {'name': 'Mayor Lena Ortiz and members of the city council', 'type': 'anonymous'}),
    ('they_is_the_people_a_quantity_of_them_before_it_names',
     "Most of the witnesses at the hearing were vague. They said the plant was safe.",
     'plant was safe', {'name': 'Most of the witnesses at the hearing', 'type': 'anonymous'}),
    ('the_speaker_before_an_aside_between_dashes_speaks',
     "The vote was close. In Vermont, the Democratic candidate, Paul Okafor — whose father, also as governor, "
     "implemented the health law in the state — promised to protect Medicaid.",
     'protect Medicaid', {'name': 'Paul Okafor', 'type': 'person'}),
    ('his_office_is_the_office_of_the_man_named_just_before',
     "House Speaker Tom Reyes said the budget would pass. Teachers did not see Gov. Carl Boyd at the rally on "
     "Tuesday. His office said he was traveling to Florida.",
     'traveling to Florida', {'name': "Carl Boyd's office", 'type': 'organization'}),
    ('of_two_subjects_the_one_after_a_dateline_dash_speaks',
     "BUFFALO, N.Y. — Hours before Dan Morrow’s two-goal performance Tuesday, Wild coach Tim Boyd expressed "
     "confidence in the veteran winger, saying he always finds a way to start scoring.",
     'always finds a way', {'name': 'Tim Boyd', 'type': 'person'}),
    ('of_two_subjects_the_named_person_speaks_not_the_organisation',
     "In a letter calling for the meeting, CPUC President Mary Batt said that the outages endanger lives.",
     'outages endanger lives', {'name': 'Mary Batt', 'type': 'person'}),
    ('with_x_announcing_is_said_by_x',
     "Since Diwali the air quality has plunged to alarming levels with the monitoring agency announcing an air "
     "emergency.",
     'air emergency', {'type': 'organization'}),
    ('names_joined_by_and_speak_together',
     "Ann Corder and Tim Ruiz testified on Tuesday. Corder and Ruiz said that the call was not in line with policy.",
     'not in line with policy', {'name': 'Ann Corder and Tim Ruiz', 'type': 'person'}),
    ('they_after_two_who_spoke_together_is_the_two',
     "Ann Corder and Tim Ruiz testified on Tuesday. Corder and Ruiz said that the call was not in line with policy. "
     "They added that the aid was held up.",
     'aid was held up', {'name': 'Ann Corder and Tim Ruiz', 'type': 'person'}),
    ('organisations_joined_by_and_speak_together',
     "The move drew fire. The United Nations and European Union stressed the decision would not change the law.",
     'not change the law', {'name': 'United Nations and European Union', 'type': 'organization'}),
    ('a_person_and_a_description_of_a_named_one_speak_together',
     "The family spoke. Martha Fry and her brother Dale Ford agreed that the books should be reprinted.",
     'books should be', {'name': 'Martha Fry and Dale Ford', 'type': 'person'}),
    ('a_stars_rep_speaks_for_the_star',
     "Singer Dana Holt cancelled the tour. Holt's rep told reporters that the singer was unwell.",
     'singer was unwell', {'name': 'Dana Holt', 'type': 'person'}),
    ('a_surname_subject_the_ner_left_untagged_is_the_he_after_it',
     "The label was bought by a firm owned by talent manager Rufus Braun. Braun has worked with Kanye West and "
     "Kim Kardashian. He has said that the deal was fair.",
     'deal was fair', {'name': 'Rufus Braun', 'type': 'person'}),
    ('an_organisation_in_apposition_to_a_description_is_the_speaker',
     "The semiofficial National Energy Commission said Sunday that the grid will be repaired.",
     'grid will be repaired', {'name': 'National Energy Commission', 'type': 'organization'}),
    ('a_named_news_source_in_apposition_is_an_outlet',
     "A Mexican news source, Monitor Central, stated that the fire had spread to the port.",
     'fire had spread', {'name': 'Monitor Central', 'type': 'outlet'}),
    ('the_short_form_of_an_organisation_named_before_is_that_organisation',
     "The figures were published by the Syrian Observatory for Human Rights, a monitoring group. "
     "The Observatory said the pilots were trained at the airbase.",
     'pilots were trained', {'name': 'Syrian Observatory for Human Rights', 'type': 'organization'}),
    ('an_outlets_article_is_the_outlet_and_the_article_later_too',
     "A detailed Washington Post article claims the suspect grew up in London. "
     "The article claims he left for Syria in 2012.",
     'left for Syria', {'name': 'Washington Post', 'type': 'outlet'}),
    ('a_hyphenated_known_outlet_is_an_outlet',
     "Stills from the video were shown on Monday. Al-Jazeera reported that the group had left the town.",
     'left the town', {'type': 'outlet'}),
    ('a_social_media_handle_is_not_part_of_the_name',
     'Maria Lopez \u200f@marialopez22 said: "This is a sad day for the town."',
     'sad day', {'name': 'Maria Lopez'}),
    ('a_country_before_a_title_is_not_part_of_the_name',
     "Photos showed a smiling Jordan King Abdullah II in uniform. He said the army would respond.",
     'army would respond', {'name': 'Abdullah II', 'type': 'person'}),
    ('the_name_before_an_aside_the_parse_took_for_a_clause_speaks',
     "Jordan's King Abdullah II, visibly shaken and angered over the death of one of his pilots, has vowed to "
     "punish the attackers.",
     'punish the attackers', {'name': 'King Abdullah II', 'type': 'person'}),
    ('which_after_those_of_an_organisation_is_the_organisation',
     "Their claims match those of the Britain-based Syrian Observatory for Human Rights, which said the "
     "militants had seized a weapons cache.",
     'weapons cache', {'name': 'Syrian Observatory for Human Rights', 'type': 'organization'}),
    ('a_police_force_is_an_organisation',
     "The Metropolitan Police force said the men were charged with preparing acts of terrorism.",
     'charged with preparing', {'type': 'organization'}),
    ('an_unnamed_person_kept_unnamed_on_purpose_is_an_anonymous_source',
     "A nurse at the clinic, who spoke on condition of anonymity, said the ward had run out of oxygen.",
     'run out of oxygen', {'type': 'anonymous'}),
    ('an_unnamed_participant_is_a_person',
     "The driver said the road had been closed since noon.",
     'road had been closed', {'type': 'person'}),
    ('a_nationality_before_a_role_is_no_organisation',
     "King Omar II met the pilots' families on Monday. The Jordanian leader said the country would respond.",
     'country would respond', {'type': 'person'}),
    ('a_description_after_a_quote_holds_neither_the_quote_nor_the_cue',
     '\u201cYour raids have killed civilians,\u201d the figure in black says.',
     'raids have killed', {'name': 'the figure in black'}),
    ('a_one_word_name_that_reports_with_no_given_name_is_an_outlet',
     "The talks ended on Friday. Haaretz reports that the delegation left without a deal.",
     'left without a deal', {'name': 'Haaretz', 'type': 'outlet'}),
    ('a_web_address_that_reports_is_an_outlet',
     "Naij.com reported that the ceasefire held through the night.",
     'ceasefire held', {'type': 'outlet'}),
    ('a_person_named_in_full_who_reports_stays_a_person',
     "Mary Smith covers the city council. Smith reported that the road was closed.",
     'road was closed', {'name': 'Mary Smith', 'type': 'person'}),
    ('a_company_that_reports_stays_an_organisation',
     "Apple reported that sales of the watch rose in the quarter.",
     'sales of the watch', {'type': 'organization'}),
    ('a_newspaper_of_any_country_is_an_outlet',
     "The Israeli newspaper reported that the minister had resigned.",
     'minister had resigned', {'type': 'outlet'}),
    ('unnamed_news_outlets_are_outlets',
     "Iraqi media outlets reported that the dam had been retaken.",
     'dam had been retaken', {'type': 'outlet'}),
    ('an_article_on_a_named_site_is_that_outlets',
     "The article on Daily Buzz Live claims that the actor died in March.",
     'actor died', {'name': 'Daily Buzz Live', 'type': 'outlet'}),
    ('a_soft_hyphen_is_not_part_of_a_name',
     "According to Global\u00adPost, the factory had closed in May.",
     'factory had closed', {'name': 'GlobalPost', 'type': 'outlet'}),
    ('a_focus_adverb_is_not_part_of_a_pronoun_mention',
     "Carl Vest started the campaign in May. But even he admits it got out of hand.",
     'got out of hand', {'text': 'he', 'type': 'person'}),
    ('a_cue_opening_its_sentence_takes_the_words_before_the_colon',
     "One reader wrote in the forum that the plan was sound.\n\nAdded another: \u201cThe plan will never work.\u201d",
     'never work', {'text': 'another', 'type': 'anonymous'}),
    ('the_day_a_body_spoke_is_not_part_of_its_mention',
     "The Ministry of Transport on Wednesday denied that the bridge would close.",
     'bridge would close', {'text': 'The Ministry of Transport', 'type': 'organization'}),
    ('a_title_before_an_apposed_name_is_not_the_name',
     "Government spokeswoman, First Lady Anna Morales, said the airport would reopen on Monday.",
     'airport would reopen', {'name': 'Anna Morales', 'type': 'person'}),
    ('a_participle_hung_inside_what_was_argued_is_the_arguers',
     "Paul Grant argued that it did not amount to fraud, saying instead that he had made an error.",
     'made an error', {'name': 'Paul Grant', 'type': 'person'}),
    ('a_definite_description_opening_a_sentence_is_the_named_subject_before',
     "Vladimir Petrov spoke at the opening of a new bridge in Kazan on Friday. "
     "The Russian minister said that the bridge would carry trains by May.",
     'carry trains', {'name': 'Vladimir Petrov', 'type': 'person'}),
    ('a_description_after_a_sentence_about_another_person_stays_a_description',
     "Laura Dempsey talked with the man over the phone. The man said that he had switched pillows.",
     'switched pillows', {'name': 'The man'}),
    ('an_acronym_after_an_organisations_full_name_is_that_organisation',
     "Israel's Coordinator of Government Activities in the Territories (COGAT) maintained that the claim was "
     "false.\n\n\"There are no dams in the south,\" COGAT said.",
     'no dams', {'name': 'Coordinator of Government Activities in the Territories', 'type': 'organization'}),
    ('a_places_possessive_is_not_part_of_an_organisations_proper_name',
     "India's Central Bureau of Investigation said that the files were missing.",
     'files were missing', {'name': 'Central Bureau of Investigation', 'type': 'organization'}),
    ('a_companys_named_employee_is_a_person',
     "Acme's Jason Miller wrote that the service would not change.",
     'would not change', {'name': 'Jason Miller', 'type': 'person'}),
    ('a_forecast_is_a_statement_and_adjectives_are_not_part_of_the_name',
     "The conservative-leaning Tax Foundation projected in May that the tariffs would cut wages.",
     'tariffs would cut', {'name': 'Tax Foundation', 'type': 'organization'}),
    ('a_nominal_cue_owned_by_a_pronoun_is_that_persons_statement',
     "Prime Minister Tom Hale spoke in Leeds on Monday.\n\n"
     "Nobody believed his vow that the railway would open by 2030.",
     'railway would open', {'name': 'Tom Hale', 'type': 'person'}),
    ('an_acronym_and_a_hyphenated_name_after_an_inverted_cue_are_one_speaker',
     "More homes could flood if the dams open, warned Gaza Civil Defense Services (CDD) spokesman Ali al-Masri.",
     'homes could flood', {'name': 'Ali al-Masri', 'type': 'person'}),
    ('a_he_after_a_subjects_apposed_name_is_that_person',
     "Ann Kemp said the video was staged.\n\nThe boy's brother, Carl Rowe, reached out to the station.\n\n"
     '"This is wrong," he said.',
     'This is wrong', {'name': 'Carl Rowe'}),
    ('a_description_owned_by_a_definite_noun_takes_the_name_given_that_role_later',
     "The homeless man's brother said that the video was a scam.\n\n"
     "The man's brother, Kevin Dale, later spoke to reporters.",
     'was a scam', {'name': 'Kevin Dale', 'type': 'person'}),
    ('what_someone_tells_a_listener_is_a_statement_even_when_parsed_as_a_relative_clause',
     "Employee Steve Castro tells the paper that he fought with the shirtless man.",
     'fought with', {'name': 'Steve Castro', 'type': 'person'}),
    ('the_words_a_statement_reads_are_the_statements',
     'Big Machine issued a statement on Friday.\n\n"We were shocked to see the claims on Tumblr yesterday," the '
     'statement read. "At no point did we say that."',
     'shocked to see', {'text': 'the statement', 'type': 'document'}),
    ('a_threat_is_a_statement',
     "Hong Kong police threatened to use live ammunition on the students.",
     'live ammunition', {'type': 'organization'}),
    ('an_indefinite_description_is_the_one_person_named_later_with_that_role',
     "A California transit chief says a man has been stabbed to death on a train.\n\n"
     "The train was stopped at the station, transit chief Ed Alvarez told the paper.",
     'stabbed to death', {'name': 'Ed Alvarez', 'type': 'person'}),
    ('a_second_holder_of_a_role_is_not_the_one_named',
     "A second patient told doctors that he had been in contact with the first patient, Tom Hale.",
     'in contact', {'name': 'A second patient'}),
    ('reports_qualified_only_by_how_many_or_how_sure_are_press_reports',
     "Multiple unconfirmed reports say that the actor died on Tuesday.",
     'actor died', {'type': 'outlet'}),
    ('reports_of_a_named_kind_stay_documents',
     "Parliamentary reports say that the bridge cost twice the estimate.",
     'bridge cost', {'type': 'document'}),
    ('a_statement_as_the_subject_is_a_document',
     "A statement attributed to the Islamic State of Iraq and Syria (ISIS) claimed that the hostage was killed.",
     'hostage was killed', {'name': 'A statement attributed to the Islamic State of Iraq and Syria',
                            'type': 'document'}),
    ('a_surname_spelled_a_little_differently_is_the_same_person',
     "Nenad Babici, a doctor in Sarajevo, spoke to the paper on Monday.\n\n"
     "Babic said that the early start led to a series of problems.",
     'series of problems', {'name': 'Nenad Babici', 'type': 'person'}),
    ('a_surname_a_name_ends_with_is_that_person',
     "Rami Abdulrahman runs the monitoring group from Coventry.\n\n"
     "Rahman said that the jets were flying low over the area.",
     'flying low', {'name': 'Rami Abdulrahman', 'type': 'person'}),
    ('a_spokesman_for_a_titled_person_speaks_for_that_person',
     "A spokesman for Prime Minister Stephen Harper said that the House would sit on Thursday.",
     'House would sit', {'name': 'Stephen Harper', 'type': 'person'}),
    ('a_spokesman_of_a_kind_of_body_speaks_for_that_body_not_the_last_one_named',
     "The boy was taken to St Mary's. Nearby, Acme Corp closed its gates.\n\n"
     "A hospital spokesman said that the boy was in a stable condition.",
     'stable condition', {'name': 'hospital', 'type': 'organization'}),
    ('a_noun_for_a_person_by_its_ending_is_a_person',
     "The hoaxer said that the story had been invented for fun.",
     'invented for fun', {'type': 'person'}),
    ('a_thing_with_a_persons_ending_stays_a_thing',
     "The newsletter said that the shop would close in May.",
     'shop would close', {'type': 'document'}),
    ('who_after_a_date_is_the_person_before_it',
     "He finally saw a dermatologist on Monday, who told him that it was a spider bite.",
     'spider bite', {'name': 'a dermatologist', 'type': 'person'}),
    ('blaming_someone_for_something_is_a_statement',
     "Local officials blamed the utility for the long outage.",
     'utility for the long outage', {'type': 'anonymous'}),
    ('complaining_of_something_is_a_statement',
     "Businesses and residents also have complained of poor communications.",
     'poor communications', {'type': 'anonymous'}),
    ('an_unquoted_characterisation_is_a_statement',
     "Tayyip Erdogan described the weapons drop as a mistake.",
     'as a mistake', {'name': 'Tayyip Erdogan', 'type': 'person'}),
    ('a_passive_denial_is_its_agents',
     "A photo of the meeting was denied by Prince Andrew in the interview.",
     'photo of the meeting', {'name': 'Prince Andrew', 'type': 'person'}),
    ('a_possessive_claim_of_a_gerund_is_a_statement',
     "Analysts doubted his repeated claims of having no memory of the events.",
     'having no memory', {'type': 'person'}),
    ('a_name_apposed_to_a_name_at_the_end_of_a_description_is_the_describeds',
     "A senior aide to President Goodluck Jonathan, Hassan Tukur, told AFP that an agreement had been reached.",
     'agreement had been reached', {'name': 'Hassan Tukur', 'type': 'person'}),
    ('a_name_glued_onto_another_by_the_ner_is_no_ones',
     "Boko Haram Abubakar Shekau Archiv\n\nBoko Haram leader Abubakar Shekau made the announcement in a video. "
     "Shekau said that no ceasefire had been agreed.",
     'no ceasefire', {'name': 'Abubakar Shekau'}),
    ('a_relative_that_after_a_date_is_the_noun_before_the_date',
     "Speculation was fuelled by a North Korean TV report late last month that said he was suffering from discomfort.",
     'suffering from', {'name': 'a North Korean TV report', 'type': 'document'}),
    ('a_claim_made_by_someone_that_is_their_statement',
     "Jeh Johnson is pushing back against a claim made by Rep. Duncan Hunter that ten fighters were caught.",
     'ten fighters', {'name': 'Duncan Hunter', 'type': 'person'}),
    ('a_quoted_word_praised_is_a_statement',
     'Opposition leader Tom Mulcair praised his "heroism" on Thursday.',
     'heroism', {'name': 'Tom Mulcair', 'type': 'person'}),
    ('a_name_before_a_description_after_an_inverted_cue_is_the_speaker',
     '"He is a calm man," said Erin, Vickers\u2019 niece.',
     'calm man', {'name': 'Erin', 'type': 'person'}),
    ('whom_is_never_the_speaker_beside_a_subject',
     "Analysts doubted a man called Danladi Ahmadu, whom Tukur claimed represented the group at the talks.",
     'represented the group', {'name': 'Tukur'}),
    ('a_subject_the_parse_hung_on_the_auxiliary_speaks',
     "Shekau has in a series of video messages since 2012 ruled out talks with the government.",
     'talks with the government', {'text': 'Shekau'}),
    ('a_participle_after_a_persons_act_inside_a_report_stays_that_persons',
     "Police say Tom Hale stopped the van near the bridge, asking the driver to step out.",
     'to step out', {'name': 'Tom Hale'}),
    ('a_lead_description_is_the_person_the_next_sentence_opens_with',
     "A retired ferry captain says the harbour bridge was closed for a week without notice.\n\n"
     "Walter Brennick, 67, who piloted the night ferry for thirty years, told the council the closure cost him "
     "his savings.",
     'bridge was closed', {'name': 'Walter Brennick', 'type': 'person'}),
    ('a_lead_description_is_not_a_person_named_after_a_scene_setting_phrase',
     "A local fisherman says the harbour bridge was closed for a week without notice.\n\n"
     "In a video posted last week, harbour master Walter Brennick showed the locked gates.",
     'bridge was closed', {'name': 'A local fisherman'}),
    ('a_lead_description_of_a_woman_is_not_a_man_named_next',
     "A woman says the harbour bridge was closed for a week without notice.\n\n"
     "Walter Brennick, 67, who piloted the night ferry for thirty years, was not told either.",
     'bridge was closed', {'name': 'A woman'}),
    ('a_relative_called_by_given_name_takes_the_persons_surname',
     "Pilot Aaron Delacroix was held for a week. It came as Mr Delacroix's brother Michael urged officials to act. "
     "He said: 'We need him home.'",
     'need him home', {'name': 'Michael Delacroix', 'type': 'person'}),
    ('a_given_name_before_a_surname_the_ner_missed_makes_a_person',
     "It was the first time Sergeant at Arms Kevin Vickers had fired a gun. Vickers immediately called his family. "
     "\"I am doing okay,\" he said.",
     'doing okay', {'name': 'Kevin Vickers', 'type': 'person'}),
    ('an_outlet_citing_a_source_relays_the_sources_statement',
     "The Korea Herald reported, citing an unnamed port official, that the ferry service will end in May.",
     'ferry service will end', {'name': 'an unnamed port official', 'type': 'anonymous'}),
    ('the_paper_after_a_newspaper_named_is_that_newspaper',
     "The pilot was named this morning by the Washington Post. The paper said he had grown up in West London.",
     'grown up in West London', {'name': 'Washington Post', 'type': 'outlet'}),
    ('the_paper_after_a_study_is_the_study',
     "The Washington Post covered a study published in Nature. The paper said the reef had grown by a tenth.",
     'reef had grown', {'type': 'document'}),
    ('a_long_surname_misspelt_twice_is_the_person_named',
     "Analyst Steven Milunovich expects strong sales. \"It will sell,\" Mulinovich said.",
     'It will sell', {'name': 'Steven Milunovich'}),
    ('a_hyphen_inside_a_word_is_no_datelines_dash',
     "The company's CEO and co-founder, Philip Balboni, says the reporters had been working to learn more.",
     'working to learn more', {'name': 'Philip Balboni', 'type': 'person'}),
    ('the_spokesman_after_a_named_spokesman_is_that_person',
     "\"It was not done,\" the Vatican's deputy spokesman, Father Ciro Benedettini, said on Saturday. "
     "The spokesman said he received a number of calls.",
     'number of calls', {'name': 'Ciro Benedettini', 'type': 'person'}),
    ('a_proper_name_after_the_is_no_person',
     "The Islamic State also says it is holding another American journalist.",
     'holding another American', {'type': 'organization'}),
    ('a_broadcaster_named_by_its_medium_is_an_outlet',
     "Iranian state television reported that the ferry had sunk near the port.",
     'ferry had sunk', {'type': 'outlet'}),
    ('a_name_the_text_calls_a_site_is_an_outlet',
     "In an interview posted on the site Vocativ on Tuesday, Kadalim called it fake. "
     "Vocativ said its reporters corroborated the story.",
     'reporters corroborated', {'name': 'Vocativ', 'type': 'outlet'}),
    ('the_government_is_the_government_of_the_country_told_of',
     "The insurgents have killed thousands in Nigeria. Schools in northern Nigeria were closed. Talks began in "
     "Chad. The government said it had negotiated with two of the group's leaders.",
     'negotiated with two', {'name': 'government of Nigeria', 'type': 'organization'}),
    ('the_administration_is_the_one_named_by_its_leader',
     "The Obama administration traded five detainees for him. Republicans were angry. "
     "The administration said the deal was legal.",
     'deal was legal', {'name': 'Obama administration', 'type': 'organization'}),
    ('bare_authorities_are_unnamed_officials',
     "The ferry sank near the port. Authorities said that the cause was not yet known.",
     'cause was not yet known', {'type': 'anonymous'}),
    ('he_right_after_an_unnamed_speaker_continues_that_speaker',
     "Abu Bakr al-Baghdadi leads the group.\n\n\"Your strikes have caused casualties,\" the masked man says.\n\n"
     "He then addresses the president directly, saying \"any attempt will fail.\"",
     'any attempt will fail', {'name': 'the masked man'}),
    ('he_after_a_named_person_mentioned_since_is_that_person',
     "\"We will stay,\" the masked man says.\n\nAbu Bakr al-Baghdadi leads the group. He said the war would go on.",
     'war would go on', {'name': 'Abu Bakr al-Baghdadi'}),
    ('a_statement_issued_says_what_its_issuer_says',
     "In the video, Foley delivers a statement condemning the air strikes in the north.",
     'air strikes', {'name': 'Foley', 'type': 'person'}),
    ('a_nationality_deep_in_a_description_is_no_body',
     "In the video, a masked man with a British accent read a statement warning the allies not to intervene.",
     'not to intervene', {'type': 'person'}),
    ('a_country_tagged_a_place_elsewhere_speaks_as_a_state',
     "Nigeria has been fighting the insurgency for years. Troops from Nigeria and Chad met in Nigeria on Monday. "
     "Nigeria for its part maintains that it is conducting talks to release the girls.",
     'conducting talks', {'name': 'Nigeria', 'type': 'organization'}),
]


@pytest.mark.parametrize("text, fragment, want", [case[1:] for case in RESOLVED], ids=[case[0] for case in RESOLVED])
def test_speaker_resolved(nlp, text, fragment, want):
    speaker = _find(extract_statements(text, nlp), fragment)["speaker"]
    assert {key: speaker[key] for key in want} == want


def test_a_one_word_name_tagged_an_organisation_far_more_often_than_a_person_is_the_organisation(nlp):
    from spacy.tokens import Span

    from newstrace.analyse._names import collect_names

    doc = nlp("Comcast raised prices. Comcast owns NBC. Comcast told customers. Comcast confirmed the fee.")
    where = [t.i for t in doc if t.text == "Comcast"]
    labels = ["ORG", "ORG", "ORG", "PERSON"]  # one stray PERSON tag among organisation tags
    doc.ents = [Span(doc, i, i + 1, label=label) for i, label in zip(where, labels)]
    book = collect_names([(0, doc)])
    assert not book.is_person("Comcast") and "Comcast" in book.org_words
    labels = ["ORG", "PERSON", "ORG", "PERSON"]  # no clear majority: the person tags stand
    doc.ents = [Span(doc, i, i + 1, label=label) for i, label in zip(where, labels)]
    assert collect_names([(0, doc)]).is_person("Comcast")


def test_an_outlet_citing_its_source_is_the_relay(nlp):
    text = "Yonhap, citing an unnamed government official, reported that the talks will resume in May."
    s = _find(extract_statements(text, nlp), "talks will resume")
    assert s["speaker"]["type"] == "anonymous" and [v["name"] for v in s["via"]] == ["Yonhap"]


def test_quoted_as_saying_is_the_quoted_persons_statement_relayed(nlp):
    text = "Reuters quoted Harbour Minister Ann Lowe as saying that the talks had failed."
    s = _find(extract_statements(text, nlp), "talks had failed")
    assert s["speaker"]["name"] == "Ann Lowe" and [v["name"] for v in s["via"]] == ["Reuters"]
