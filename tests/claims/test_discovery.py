"""Claim discovery, grouping and scoped stance on small corpora written for the tests."""
from __future__ import annotations

import random

import pytest

from newstrace.claims import ClaimBuilder, discover, group_texts, make_similarity
from newstrace.claims._cluster import average_link
from newstrace.claims._stance import own_voice_denial, statement_action
from newstrace.models import Article
from newstrace.store import Store
from newstrace.trail import article_events

RUMOURS = {
    "ferry": [
        "Saltmere ferry line to close in June, council says. The council said the ferry line between Saltmere and "
        "the islands will close in June after forty years, citing falling passenger numbers and fuel costs.",
        "Islanders protest Saltmere ferry closure. The Saltmere ferry service to the islands is set to close in June, "
        "the council announced, blaming passenger numbers. Islanders said they were never consulted about the ferry.",
        "Council confirms end of the Saltmere ferry. After forty years the ferry between Saltmere and the islands "
        "closes in June; fuel costs and passenger numbers are to blame, council member Rita Vance said.",
    ],
    "harbour": [
        "Port authority weighs sale of Kestrel harbour to a private buyer. The Kestrel harbour could be sold to a "
        "private shipping group, two officials familiar with the talks said.",
        "Kestrel harbour sale talks reported. A private shipping group has offered to buy Kestrel harbour from the "
        "port authority, according to officials; the authority denied any offer was on the table.",
        "Mayor says Kestrel harbour is not for sale. The mayor dismissed reports that the port authority would sell "
        "Kestrel harbour to a shipping group, calling the story baseless.",
    ],
    "whale": [
        "A humpback whale swam up the Tarrow river. Residents filmed a humpback whale swimming up the Tarrow river "
        "near the old mill on Sunday; marine biologists said it was probably lost.",
        "Lost humpback whale spotted in the Tarrow river. Marine biologists are monitoring a humpback whale that swam "
        "far up the Tarrow river past the old mill, residents said.",
    ],
}


def _articles() -> list[Article]:
    out = []
    for topic, texts in RUMOURS.items():
        for i, text in enumerate(texts):
            title, body = text.split(". ", 1)
            out.append(Article(id=f"{topic[:2]}{i:02d}" + "0" * 12, source=f"{topic}-{i}.txt", title=title,
                               text=body, published=f"2024-05-0{i + 1}", extractor="test"))
    return out


def _claims(path, order: list[Article]) -> list[tuple[str, str, tuple[str, ...]]]:
    similarity = make_similarity()
    with Store(str(path)) as store:
        for article in order:
            store.add_article(article)
            discover(store, similarity, ClaimBuilder(store, similarity, None))  # one at a time: incremental
        return sorted((c["id"], c["text"], tuple(store.claim_articles(c["id"]))) for c in store.claims())


def test_discovery_groups_articles_by_rumour(tmp_path):
    claims = _claims(tmp_path / "a.db", _articles())
    groups = sorted(members for _, _, members in claims)
    assert len(groups) == 3
    assert all(len({m[:2] for m in g}) == 1 for g in groups)  # no group mixes rumours
    harbour = next(text for _, text, members in claims if members[0].startswith("ha"))
    assert "sold" in harbour or "sale" in harbour or "buy" in harbour  # as first asserted, not the denial
    assert "not for sale" not in harbour and "baseless" not in harbour


def test_discovery_is_independent_of_ingest_order(tmp_path):
    articles = _articles()
    first = _claims(tmp_path / "a.db", articles)
    shuffled = list(articles)
    random.Random(7).shuffle(shuffled)
    assert _claims(tmp_path / "b.db", shuffled) == first
    assert _claims(tmp_path / "c.db", list(reversed(articles))) == first


def test_average_link_is_order_free_and_merges_by_average():
    edges = [(0, 1, 0.9), (1, 2, 0.8), (0, 2, 0.1), (3, 4, 0.7)]
    assert average_link(5, edges, 0.4) == [0, 0, 0, 3, 3]
    assert average_link(5, list(reversed(edges)), 0.4) == [0, 0, 0, 3, 3]
    assert average_link(3, [(0, 1, 0.9), (1, 2, 0.5)], 0.6) == [0, 0, 2]  # (0.5 + 0) / 2 < 0.6


def test_group_texts_meets_paraphrases_and_keeps_unrelated_apart():
    texts = ["Saltmere ferry line will close in June", "Council to shut the Saltmere ferry in June",
             "Humpback whale swims up the Tarrow river", "Whale spotted far up the Tarrow river",
             "Kestrel harbour to be sold to shipping group"]
    labels = group_texts(texts, make_similarity())
    assert labels[0] == labels[1] and labels[2] == labels[3]
    assert len({labels[0], labels[2], labels[4]}) == 3


def test_similarity_ranks_a_paraphrase_above_unrelated_text():
    similarity = make_similarity()
    from newstrace.claims._similarity import Similarity
    dense = Similarity(similarity.weights, similarity.embedder, 0.5)
    rows = dense.texts(["Russia asked China for military aid", "Moscow sought weapons from Beijing",
                        "The harbour will be sold to a private buyer"])
    m = dense.matrix(rows, rows)
    assert m[0, 1] > 2 * m[0, 2]


@pytest.mark.parametrize("sentence, denies", [
    ("This unverified information came shortly before the meeting.", True),
    ("The reports are false, the ministry said in its own words.", True),
    ("A false fire alarm delayed the briefing by an hour.", False),
    ("If the rumours are true, the deal is off.", False),
])
def test_own_voice_denial_is_scoped(sentence, denies):
    assert own_voice_denial(sentence) is denies


def test_repeats_need_a_publishing_agent():
    text = ("Officials said on Sunday that the raid had been ordered by the ministry. "
            "The attack was carried out by Houthi fighters. "
            "The claim was later repeated by the Financial Times.")
    article = Article(id="x" * 16, source="x.txt", text=text, published="2024-05-01", extractor="test")
    start = text.index("the raid")
    statement = {"id": "s1", "kind": "indirect", "date": "2024-05-01",
                 "speaker": {"name": "Officials", "type": "anonymous"}, "cue": {"lemma": "say", "start": 0},
                 "content": {"text": "the raid had been ordered by the ministry", "start": start,
                             "end": start + 40}, "via": []}
    events = article_events(article, [statement], {"s1": ("c1", "the raid had been ordered by the ministry")})
    repeats = [e for e in events if e.action == "repeats"]
    assert [e.actor["name"] for e in repeats] == ["Financial Times"]
    assert all("Houthi" not in e.actor["name"] for e in events)


def test_background_negation_is_not_a_denial():
    claim = "Apple paid 3.2 billion dollars for Beats"
    statement = {"speaker": {"name": "Entrepreneur magazine"}, "cue": {"lemma": "note"},
                 "content": {"text": "the company did not comment on its plans for the next year"}}
    assert statement_action(statement, claim, similarity=0.05) == "asserts"


def _dump(store: Store) -> dict[str, list]:
    tables = {"claims": "id, text, articles, statements, first_date, events", "claim_articles": "claim, article",
              "claim_statements": "*", "events": "claim, article, date, action, actor, data",
              "article_edges": "*", "weak_edges": "*", "claim_keys": "*", "article_profiles": "article, terms",
              "article_vectors": "*"}
    return {t: sorted(map(tuple, store.db.execute(f"SELECT {cols} FROM {t}").fetchall())) for t, cols in tables.items()}


def test_claims_step_on_worker_processes_stores_what_one_process_stores(tmp_path, monkeypatch):
    import newstrace.claims._discover as discovery
    import newstrace.claims._step as step
    from newstrace.claims import run_claims_step

    monkeypatch.setattr(step, "PARALLEL_MIN", 1)  # workers even for this small corpus
    monkeypatch.setattr(discovery, "BATCH", 3)  # several profile batches and claim batches
    monkeypatch.setattr(discovery, "CLAIM_BATCH", 2)
    dumps = []
    for jobs, name in ((1, "one.db"), (2, "two.db")):
        with Store(str(tmp_path / name)) as store:
            for article in _articles():
                store.add_article(article)
            found = run_claims_step(store, jobs=jobs)
            assert found.articles == len(_articles()) and found.claims == 3
            dumps.append(_dump(store))
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["claims"]) == 3 and dumps[0]["events"]


def test_articles_profiled_by_a_killed_run_get_their_claims_next_time(tmp_path):
    import newstrace.claims._discover as discovery
    from newstrace.claims import run_claims_step

    similarity = make_similarity()
    with Store(str(tmp_path / "a.db")) as store:
        for article in _articles():
            store.add_article(article)
        # a run killed after its profiles and links were committed, before any claim was stored
        discovery._profile_and_link(store, similarity, store.articles_without_profile())
        assert not store.articles_without_profile() and len(store.articles_without_claim()) == len(_articles())
        found = run_claims_step(store, similarity=similarity)
        assert found.claims == 3 and not store.articles_without_claim()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_killed_between_profiles_and_their_edges_is_made_whole_by_the_next(tmp_path, monkeypatch, jobs):
    import newstrace.claims._discover as discovery
    import newstrace.claims._step as step
    from newstrace.claims import run_claims_step

    monkeypatch.setattr(step, "PARALLEL_MIN", 1)
    monkeypatch.setattr(discovery, "BATCH", 3)  # profiles of a later batch are stored before an earlier's edges

    class Killed(Exception):
        pass

    def fresh(name: str) -> Store:
        store = Store(str(tmp_path / name))
        for article in _articles():
            store.add_article(article)
        return store

    with fresh("clean.db") as store:
        run_claims_step(store, jobs=jobs)
        clean = _dump(store) | {"term_df": sorted(map(tuple, store.db.execute("SELECT * FROM term_df").fetchall()))}
    with fresh("killed.db") as store:
        calls = []

        def add_edges(edges, linked=(), strong=0.0):
            calls.append(len(calls))
            if len(calls) == 2:  # the second batch's profiles (and the first's with jobs=2) stored, edges not
                raise Killed
            Store.add_edges(store, edges, linked, strong)

        monkeypatch.setattr(store, "add_edges", add_edges)
        with pytest.raises(Killed):
            run_claims_step(store, jobs=jobs)
        monkeypatch.undo()
        assert store.unlinked_profiles()
        run_claims_step(store, jobs=jobs)
        assert not store.unlinked_profiles()
        assert _dump(store) | {"term_df": sorted(map(tuple, store.db.execute("SELECT * FROM term_df").fetchall()))} == clean


def test_an_oversized_component_is_clustered_in_pieces_cut_by_stronger_edges(tmp_path, monkeypatch):
    import newstrace.claims._discover as discovery

    ids = [f"{i:016x}" for i in range(7)]
    with Store(str(tmp_path / "a.db")) as store:
        for a in ids:
            store.add_article(Article(id=a, source=f"{a}.txt", title="t", text="x", extractor="test"))
        # one chain at the clustering threshold: strong pairs joined by weak bridges, one article alone at 0.31
        store.add_edges([(ids[0], ids[1], 0.9), (ids[1], ids[2], 0.27), (ids[2], ids[3], 0.9),
                         (ids[3], ids[4], 0.31), (ids[4], ids[5], 0.9), (ids[5], ids[6], 0.26), (ids[0], ids[6], 0.1)])
        assert discovery._components(store, [ids[3]]) == [ids]
        assert discovery._pieces(store, ids, discovery.CLUSTER_THRESHOLD) == [ids]  # small: one piece
        monkeypatch.setattr(discovery, "MAX_COMPONENT", 3)
        # at 0.30: {0,1}, {2,3,4,5} (still too large: cut again at 0.35), {6}
        assert discovery._pieces(store, ids, discovery.CLUSTER_THRESHOLD) == [
            ids[0:2], ids[2:4], ids[4:6], ids[6:7]]


def test_key_lookup_reads_a_bounded_number_of_articles_per_term(tmp_path):
    with Store(str(tmp_path / "a.db")) as store:
        rows = []
        for i in range(50):
            article = Article(id=f"{i:016x}", source=f"{i}.txt", title="t", text="x", extractor="test")
            store.add_article(article)
            rows.append((article.id, {"ferry": 1}, b"", [("ferry", round(0.01 * (i + 1), 6))], None))
        store.save_profiles(rows, "test")
        found = store.key_candidates([("ferry", 1.0)], per_key=5, limit=100)
        # the five articles that weigh the term most, best first
        assert [a for a, _ in found] == [f"{i:016x}" for i in range(49, 44, -1)]


def test_weak_edges_are_kept_under_their_finder_and_read_among_members(tmp_path):
    ids = [f"{i:016x}" for i in range(4)]
    with Store(str(tmp_path / "a.db")) as store:
        for a in ids:
            store.add_article(Article(id=a, source=f"{a}.txt", title="t", text="x", extractor="test"))
        # (finder, candidate, similarity); the pair 1-2 found twice: its last similarity is kept (here, strong)
        store.add_edges([(ids[1], ids[0], 0.9), (ids[2], ids[0], 0.1), (ids[1], ids[2], 0.2), (ids[2], ids[1], 0.3),
                         (ids[3], ids[2], 0.12)], strong=0.25)
        assert store.edges_of(ids, 0.25) == [(ids[0], ids[1], 0.9), (ids[1], ids[2], 0.3)]
        assert sorted(map(tuple, store.db.execute("SELECT finder, other FROM weak_edges"))) == [
            (ids[2], ids[0]), (ids[3], ids[2])]
        assert store.edges_among(ids) == [(ids[0], ids[1], 0.9), (ids[0], ids[2], 0.1), (ids[1], ids[2], 0.3),
                                          (ids[2], ids[3], 0.12)]
        assert store.edges_among(ids[:2]) == [(ids[0], ids[1], 0.9)]
        assert store.edges_among([ids[0], ids[2]]) == [(ids[0], ids[2], 0.1)]  # read from either end's side
        store.drop_profiles([ids[3]])
        assert store.edges_among(ids) == [(ids[0], ids[1], 0.9), (ids[0], ids[2], 0.1), (ids[1], ids[2], 0.3)]


def test_migration_moves_stored_weak_edges_apart(tmp_path):
    ids = [f"{i:016x}" for i in range(3)]
    db = str(tmp_path / "a.db")
    with Store(db) as store:
        with store.db:  # a store as version 10 left it: every edge in article_edges
            store.db.execute("DROP TABLE weak_edges")
            store.db.execute("DELETE FROM migrations WHERE version = 11")
            store.db.executemany("INSERT INTO article_edges VALUES (?, ?, ?)",
                                 [(ids[0], ids[1], 0.9), (ids[0], ids[2], 0.1), (ids[1], ids[2], 0.25)])
    with Store(db) as store:
        assert store.edges_of(ids, 0.25) == [(ids[0], ids[1], 0.9), (ids[1], ids[2], 0.25)]
        assert store.edges_among(ids) == [(ids[0], ids[1], 0.9), (ids[0], ids[2], 0.1), (ids[1], ids[2], 0.25)]
