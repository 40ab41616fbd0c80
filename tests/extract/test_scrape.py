import json
import subprocess
import sys

from helpers import SHARED

from newstrace import Document, extract_document

SCRAPE = """  • Home
  • World
  • facebook
  • twitter
News > Science

Glacier in the north lost a tenth of its ice in one summer, survey finds

By Ana Ribeiro
Updated 3 September 2023
Published 2 September 2023
Analysis

A survey published on Friday found the glacier lost a tenth of its volume in a single summer.

    The glacier seen from the survey plane, August 30, 2023. | Photo: Survey Office / K. Lund

"We have never measured a loss this fast," lead author Tomas Berg said.

READ MORE: Northern rivers run high after record heat

The team will repeat the flights next year.

Share this article
12 Comments
Add a comment
"""


def extract(text):
    return extract_document(Document(source="scrape.txt", content=text.encode(), kind="text"))


def test_line_classes_become_fields():
    a = extract(SCRAPE)
    assert a.title == "Glacier in the north lost a tenth of its ice in one summer, survey finds"
    assert a.section == "Science"
    assert a.published == "2023-09-02" and a.modified == "2023-09-03"
    assert a.labels == ["Analysis"]
    assert a.standfirst.startswith("A survey published on Friday")
    assert a.captions[0].text.startswith("The glacier seen from the survey plane")
    assert a.captions[0].credit == "Photo: Survey Office / K. Lund"
    assert [r.title for r in a.related] == ["Northern rivers run high after record heat"]
    assert a.comments == 12
    for kept in ("We have never measured a loss this fast", "repeat the flights next year"):
        assert kept in a.text
    for dropped in ("facebook", "News > Science", "Published", "Photo:", "READ MORE", "Share this", "Comments"):
        assert dropped not in a.text


def test_outlet_is_never_guessed():
    assert extract(SCRAPE).outlet is None


def test_seed_article_checks_hold(seed_path, tmp_path):
    out = tmp_path / "a.json"
    # the command the seed checker documents: one page in, one Article object out
    run = subprocess.run([sys.executable, "-m", "newstrace", "extract", str(seed_path), "--format", "json"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    out.write_text(run.stdout)
    check = subprocess.run([sys.executable, str(SHARED / "seed" / "check_seed.py"), "--article", str(out)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert json.loads(run.stdout)["outlet"] is None
