import json
import subprocess
import sys
import xml.etree.ElementTree as ET

from helpers import SHARED, run_cli

from newstrace.claims._stance import statement_action
from newstrace.trail import delay_to_first_denial, edges, merge_events, sentences, to_claimreview, to_graphml, to_text


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


def test_statement_action_needs_scope():
    claim = "Russia asked China for military aid"
    base = {"speaker": {"name": "X"}, "cue": {"lemma": "say"}}
    # a negation about something else the speaker said (low similarity to the claim) is not a denial
    other = {**base, "content": {"text": "the ferry will not run on Sundays"}}
    assert statement_action(other, claim, similarity=0.05) == "asserts"
    # hedges and conditionals report; a negation answered by a contrast is not a denial
    hedged = {**base, "content": {"text": "if the rumours are true, Russia asked China for aid"}}
    assert statement_action(hedged, claim, similarity=0.6) == "reports"
    contrast = {**base, "content": {"text": "Chinese aid isn't so much a pipe dream as a certainty"}}
    assert statement_action(contrast, claim, similarity=0.6) != "denies"
    # a denial verb whose content is unrelated does not deny this claim; one that refers back to a report does
    assert statement_action({**base, "cue": {"lemma": "deny"}, "content": {"text": "that he was at the party"}},
                            claim, similarity=0.0) == "asserts"
    assert statement_action({**base, "cue": {"lemma": "deny"}, "content": {"text": "the reports"}},
                            claim, similarity=0.0) == "denies"


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
    paraphrase = run_cli("trail", "Moscow sought weapons from Beijing", "--db", str(db), "--format", "json")
    assert paraphrase.returncode == 0, paraphrase.stderr
    assert json.loads(paraphrase.stdout)["claim"]["id"] == trail["claim"]["id"]
    missing = run_cli("trail", "penguins colonise the moon", "--db", str(db))
    assert missing.returncode == 1 and len(missing.stderr.decode().strip().splitlines()) == 1


def test_copies_in_a_trail_are_drawn_as_reprints_without_their_cluster_s_first_article(tmp_path):
    """Near-copies are stored as a cluster linked from its earliest article; two copies in a trail without that
    article still show the reprint between their outlets."""
    from newstrace.models import Article
    from newstrace.store import Store
    from newstrace.trail._build import _assemble

    with Store(str(tmp_path / "a.db")) as store:
        for i, (outlet, day) in enumerate((("Wire", "01"), ("Daily", "02"), ("Herald", "03"))):
            store.add_article(Article(id=f"{i:016x}", source=f"{i}.txt", title="t", text=f"copy {i}",
                                      published=f"2024-05-{day}", outlet=outlet, extractor="test"))
        with store.db:
            store.db.executemany("INSERT OR REPLACE INTO reuse_clusters VALUES (?, ?)",
                                 [(f"{i:016x}", f"{0:016x}") for i in range(3)])
        events = [{"claim": "c1", "article": f"{i:016x}", "date": f"2024-05-0{i + 1}", "action": "asserts",
                   "actor": {"name": outlet, "type": "outlet"}, "authority": [], "observed": True}
                  for i, outlet in ((1, "Daily"), (2, "Herald"))]
        trail = _assemble(store, {"id": "c1", "text": "t"}, events)
    assert {"from": "Herald", "to": "Daily", "type": "reprints"} in trail["edges"]
