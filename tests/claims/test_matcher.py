"""Claim matching: small claim lists written for these tests (no evaluation data needed)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from newstrace.claims import Matcher, read_tsv, semantic_available
from newstrace.claims._bm25 import BM25
from newstrace.claims._text import clean, numbers, tokens
from newstrace.text.words import stem

CLAIMS = [
    ("c1", "Russia asked China for military aid for its war in Ukraine.", "Did Russia Ask China for Military Aid?"),
    ("c2", "Drinking bleach cures the coronavirus.", "Does Bleach Cure COVID-19?"),
    ("c3", "The city council voted to close the ferry line to Saltmere in June.", None),
    ("c4", "A photograph shows a shark swimming on a flooded highway after the hurricane.", "Shark on a Highway?"),
    ("c5", "The senator said 70 percent of the protesters came from out of state.", None),
    ("c6", "Bananas grown in Ecuador are injected with a dangerous virus.", "Are Bananas Injected With HIV?"),
]


@pytest.fixture(scope="module")
def light():
    return Matcher(CLAIMS, semantic=False)


def test_text_cleaning_spells_out_tags_and_drops_links_and_trailer():
    text = "Being a Christian is an insult @BernieSanders #GodHaveMercy https://t.co/abc — Miss Lin (@misslin) June 11, 2017"
    cleaned = clean(text)
    assert "Bernie Sanders" in cleaned and "God Have Mercy" in cleaned
    assert "t.co" not in cleaned and "misslin" not in cleaned and "2017" not in cleaned
    assert "the" not in tokens("the senators")
    assert stem("senators") == stem("senator")
    assert numbers("1,000 people and 70%") == {"1000", "70"}


def test_bm25_orders_by_score():
    index = BM25([["shark", "highway"], ["shark"], ["ferry"]])
    top = index.top(["shark", "highway"], 3)
    assert [i for i, _ in top] == [0, 1]
    assert top[0][1] > top[1][1] > 0


def test_light_match_ranks_the_repeated_claim_first(light):
    ranked = light.rank("Can't believe people think drinking bleach will cure coronavirus!! https://t.co/x", top=3)
    assert ranked[0][0] == "c2"
    assert len(ranked) <= 3
    scores = [s for _, s in ranked]
    assert scores == sorted(scores, reverse=True)


def test_top_k_and_ids_are_returned_as_given(light):
    assert len(light.rank("shark highway hurricane flooded", top=1)) == 1
    assert light.rank("shark highway hurricane flooded", top=1)[0][0] == "c4"
    assert light.rank("shark", top=0) == []
    numeric = Matcher([(7, "Sharks swim on highways", None), (8, "Ferries close", None)], semantic=False)
    assert numeric.rank("shark on the highway")[0][0] == 7


@pytest.fixture(scope="module")
def lexical():
    return Matcher(CLAIMS, semantic=False, static=False)


def test_empty_and_unmatched_queries(light, lexical):
    for matcher in (light, lexical):
        assert matcher.rank("") == []
        assert matcher.rank("   ") == []
        assert matcher.rank("the of and") == []  # no content word: no candidate from either source
    assert lexical.rank("zzzz qqqq") == []
    # the light path ranks by meaning too, so unknown words still get the nearest claims, scored below a real match
    best = light.rank("Can't believe people think drinking bleach will cure coronavirus!!", top=1)[0][1]
    assert all(score < best for _, score in light.rank("zzzz qqqq"))


def test_light_path_uses_static_embeddings(light, lexical):
    assert light.model_name == "light" and lexical.model_name == "lexical"
    assert light._index.embedder is not None and lexical._index.embedder is None


def test_rank_many_matches_rank(light):
    queries = ["bananas from Ecuador injected with HIV", "", "70% of protesters were from out of state, senator says"]
    many = light.rank_many(queries, top=2)
    assert many == [light.rank(q, top=2) for q in queries]
    assert many[0][0][0] == "c6" and many[1] == [] and many[2][0][0] == "c5"


def test_plain_bm25_without_reranker():
    m = Matcher(CLAIMS, semantic=False, rerank=False)
    assert m.rank("ferry line Saltmere council")[0][0] == "c3"


def test_empty_claim_list():
    m = Matcher([], semantic=False)
    assert len(m) == 0 and m.rank("anything") == []


def test_semantic_required_but_missing_raises_or_works():
    if semantic_available():
        pytest.skip("semantic extra installed")
    with pytest.raises(ImportError):
        Matcher(CLAIMS, semantic=True)


def test_lexical_path_does_not_bridge_paraphrase_without_shared_words(lexical):
    # BM25-only behaviour: no shared content words -> nothing found
    assert lexical.rank("Moscow requested Chinese weapons") == []


def test_light_path_bridges_paraphrase_with_static_embeddings(light):
    assert light.rank("Moscow requested Chinese weapons", top=6)[0][0] == "c1"
    assert light.rank("Beijing was asked by the Kremlin to send arms", top=6)[0][0] == "c1"


@pytest.mark.skipif(not semantic_available(), reason="semantic extra (newstrace[semantic]) not installed")
def test_semantic_paraphrase_ranks_above_unrelated_claims():
    m = Matcher(CLAIMS, semantic=True)
    ranked = m.rank("Moscow requested Chinese weapons", top=6)
    assert ranked[0][0] == "c1"
    assert Matcher(CLAIMS).semantic  # None -> use it when installed


def test_read_tsv_handles_quotes_header_and_titles():
    text = '\tvclaim\ttitle\n1\t"He said ""hi"" twice"\tA title\n2\tplain text\t\n'
    rows = read_tsv(io.StringIO(text))
    assert rows == [("1", 'He said "hi" twice', "A title"), ("2", "plain text", None)]
    with pytest.raises(ValueError):
        read_tsv(io.StringIO("only-an-id\n"))


SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "checkthat2020-t2"


@pytest.mark.skipif(not (SHARED_DATA / "verified_claims.docs.tsv").exists(), reason="shared data absent")
def test_reads_checkthat_claims():
    rows = read_tsv(SHARED_DATA / "verified_claims.docs.tsv")
    assert len(rows) == 10375 and rows[0][0] == "0"
