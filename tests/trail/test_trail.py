import json
import subprocess
import sys
import xml.etree.ElementTree as ET

from helpers import SHARED, run_cli

from newstrace.trail import (ClaimIndex, delay_to_first_denial, edges, merge_events, normalise, sentences,
                             statement_action, to_claimreview, to_graphml, to_text)


def test_normalise_meets_paraphrases():
    a = set(normalise("Russia asked China for military aid"))
    b = set(normalise("Moscow requested Chinese weapons"))
    assert {"russia", "ask", "china", "aid"} <= a & b


def test_grouping_joins_paraphrase_and_keeps_unrelated_apart():
    index = ClaimIndex()
    first = index.add("that Russia had asked China for military equipment and financial aid")
    same = index.add("Moscow requested Chinese weapons and money")
    other = index.add("the ferry line to the islands will close in June after forty years")
    assert first.id == same.id != other.id
    assert first.text == "Russia had asked China for military equipment and financial aid"
    assert index.add("This is false.") is None  # too vague to found a claim


def test_sentences_respect_abbreviations():
    text = "Officials in the U.S. said so. Mr. Li denied it! \"No,\" he said.\nNext line"
    assert [text[a:b] for a, b in sentences(text)] == [
        "Officials in the U.S. said so.", "Mr. Li denied it!", "\"No,\" he said.", "Next line"]


def test_statement_action():
    claim = "Russia asked China for military aid"
    base = {"speaker": {"name": "X"}, "content": {"text": "Russia asked China for aid"}, "cue": {"lemma": "say"}}
    assert statement_action(base, claim) == "asserts"
    assert statement_action({**base, "cue": {"lemma": "deny"}}, claim) == "denies"
    assert statement_action({**base, "content": {"text": "the reports are false information"}}, claim) == "denies"
    assert statement_action({**base, "content": {"text": "Russia did not ask China for aid"}}, claim) == "denies"


def event(actor, action, date, article, observed=False, start=0, authority=()):
    return {"date": date, "date_precision": "day", "action": action, "actor": {"name": actor, "type": "outlet"},
            "authority": list(authority), "article": article, "evidence": {"text": "x", "start": start, "end": 1},
            "observed": observed}


def test_merge_reported_and_observed_accounts_of_one_event():
    events = merge_events([
        event("Zhao Lijian", "denies", "2022-03-14", "a2"),
        event("the New York Times", "asserts", "2022-03-13", "a1",
              authority=[{"name": "anonymous U.S. officials", "type": "anonymous"}]),
        event("New York Times", "asserts", "2022-03-13", "nyt", observed=True),
    ])
    assert [e["actor"]["name"] for e in events] == ["New York Times", "Zhao Lijian"]
    nyt = events[0]
    assert nyt["observed"] and nyt["also_reported_in"] == ["a1"]
    assert nyt["authority"] == [{"name": "anonymous U.S. officials", "type": "anonymous"}]
    assert delay_to_first_denial(events) == 1
    graph = edges(events)
    assert {"from": "Zhao Lijian", "to": "New York Times", "type": "denies"} in graph
    assert {"from": "New York Times", "to": "anonymous U.S. officials", "type": "cites"} in graph
    trail = {"claim": {"id": "c1", "text": "Russia asked China for aid"}, "events": events, "edges": graph,
             "delay_to_first_denial": 1}
    root = ET.fromstring(to_graphml(trail))
    assert len(root.findall(".//{http://graphml.graphdrawing.org/xmlns}node")) == 3
    review = to_claimreview(trail, {"nyt": "https://nyt.example/a"})
    assert review["@type"] == "Claim" and review["firstAppearance"]["url"] == "https://nyt.example/a"
    assert "reviewRating" not in review  # newstrace never rules on truth
    assert "Zhao Lijian (outlet) denies" in to_text(trail)


def test_seed_trail_checks_hold(seed_path, tmp_path):
    db = tmp_path / "seed.db"
    assert run_cli("ingest", str(seed_path), "--db", str(db), "--quiet").returncode == 0
    run = run_cli("trail", "Russia asked China for military aid", "--db", str(db), "--format", "json")
    assert run.returncode == 0, run.stderr
    (tmp_path / "t.json").write_bytes(run.stdout)
    check = subprocess.run([sys.executable, str(SHARED / "seed" / "check_seed.py"), "--trail", str(tmp_path / "t.json")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    trail = json.loads(run.stdout)
    assert trail["delay_to_first_denial"] == 1
    for fmt in ("text", "graphml", "claimreview"):
        assert run_cli("trail", trail["claim"]["id"], "--db", str(db), "--format", fmt).returncode == 0
    missing = run_cli("trail", "penguins colonise the moon", "--db", str(db))
    assert missing.returncode == 1 and len(missing.stderr.decode().strip().splitlines()) == 1
