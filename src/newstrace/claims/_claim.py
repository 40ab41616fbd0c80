"""One claim from a cluster of articles: its canonical text, the statements about it, and its events.

The canonical text is the proposition as first asserted, never its denial: among the cluster's statement contents
(and, for articles without statements, their titles and lead sentences), the ones central to the cluster
(similar to its articles) that do not deny; of those within CENTRAL_SHARE of the most central, the earliest dated,
then the innermost (a relayed statement is nearer the source), then the most central.
"""
from __future__ import annotations

import re
from collections import Counter

from ..models import Article
from ._similarity import Similarity
from ._stance import ArticleStance, pair_probabilities, DENY_LEMMAS, DISPARAGE, NEGATION, own_voice_denial, refers_back, statement_action

# A statement is about a claim when its content's similarity to the claim text reaches this. Tuned on the seed and
# the tune split of the dev rumours (bench/trails.py).
STATEMENT_MIN = 0.2
# Candidates for the canonical text within this share of the most central one compete on date, then nesting.
CENTRAL_SHARE = 0.8
# Fewer content words than this cannot state a claim ("This is false.").
MIN_CLAIM_WORDS = 4
# Articles (by id) whose profiles measure a candidate's centrality; bounds the cost for huge clusters.
CENTRALITY_SAMPLE = 25
_FRAGMENT = re.compile(r"^\W*to\s", re.I)
_LEAD = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def clean_claim_text(text: str) -> str:
    """A statement's content as a claim: without a leading "that", wrapping quotes and final punctuation."""
    text = " ".join(text.split())
    text = re.sub(r"^(that\s+)+", "", text, flags=re.I)
    return text.strip(" \"'“”‘’,.;:").strip()


class ClaimBuilder:
    """Builds claims over a store. ``stance``: the article-level stance model (None: statement evidence only)."""

    def __init__(self, store, similarity: Similarity, stance=None, denial=None) -> None:
        self.store = store
        self.similarity = similarity
        self.stance = stance
        self.denial = denial

    def build(self, claim_id: str, article_ids: list[str]) -> tuple[dict, list]:
        claims, events = self.build_many([(claim_id, article_ids)])
        return claims[0], events

    def build_many(self, groups: list[tuple[str, list[str]]]) -> tuple[list[dict], list]:
        """Claims for (claim id, article ids) groups: canonical texts first, then the stance model once over every
        (claim, article) pair, then each article's events."""
        members = []
        for _claim_id, article_ids in groups:
            articles = {a: self.store.get_article(a) for a in article_ids}
            articles = {a: art for a, art in sorted(articles.items()) if art is not None}
            members.append((articles, {a: list(self.store.statements(article=a)) for a in articles}))
        # the stored profiles of every group's centrality sample, read at once
        profiles = self.store.profiles([a for articles, _ in members for a in sorted(articles)[:CENTRALITY_SAMPLE]])
        texts = [self.canonical(articles, statements, profiles) for articles, statements in members]
        probs = iter(pair_probabilities(self.stance, [(text, art.text) for text, (articles, _) in zip(texts, members)
                                                      for art in articles.values()]))
        claims, events = [], []
        for (claim_id, _ids), text, (articles, statements) in zip(groups, texts, members):
            claim_events, linked = [], []
            for a, art in articles.items():
                art_events, about = events_toward(art, statements[a], claim_id, text, self.similarity,
                                                  next(probs) or None, self.denial)
                claim_events += art_events
                linked += [(s, a) for s in about]
            dates = [e.date for e in claim_events if e.date]
            claims.append({"id": claim_id, "text": text, "articles": list(articles), "statements": linked,
                           "first_date": min(dates) if dates else None})
            events += claim_events
        return claims, events

    def canonical(self, articles: dict[str, Article], statements: dict[str, list[dict]],
                  profiles: dict[str, tuple[dict[str, int], bytes | None]]) -> str:
        """The claim's text: the earliest asserting candidate (statement content, or title and lead of an article
        without statements) among those most central to the articles' profiles (``profiles``: stored profiles
        read beforehand, holding at least the first CENTRALITY_SAMPLE articles')."""
        candidates = []  # (text, date, nesting, denies)
        for a, art in sorted(articles.items()):
            for s in statements[a]:
                content = clean_claim_text((s.get("content") or {}).get("text") or "")
                if sum(self.similarity.counts(content).values()) < MIN_CLAIM_WORDS or _FRAGMENT.match(content):
                    continue
                cue = ((s.get("cue") or {}).get("lemma") or "").lower()
                denies = cue in DENY_LEMMAS or bool(DISPARAGE.search(content)) or bool(NEGATION.search(content))
                candidates.append((content, s.get("date") or art.published or "9999", -len(s.get("via") or []),
                                   denies))
            if not statements[a]:
                for text in (art.title, _lead(art.text)):
                    text = clean_claim_text(text or "")
                    if sum(self.similarity.counts(text).values()) >= MIN_CLAIM_WORDS:
                        candidates.append((text, art.published or "9999", 0, bool(DISPARAGE.search(text))))
        if not candidates:
            first = articles[min(articles)] if articles else None
            return clean_claim_text((first.title or _lead(first.text)) if first else "") or "(untitled)"
        asserting = [c for c in candidates if not c[3]] or candidates
        sample = sorted(articles)[:CENTRALITY_SAMPLE]
        rows = self.similarity.rows([Counter(profiles[a][0]) for a in sample if a in profiles])
        cand_rows = self.similarity.texts([c[0] for c in asserting])
        central = self.similarity.matrix(cand_rows, rows).mean(axis=1) if len(rows) else [0.0] * len(asserting)
        best = max(central)
        pool = [(c, float(score)) for c, score in zip(asserting, central) if score >= CENTRAL_SHARE * best]
        pool.sort(key=lambda x: (x[0][1], x[0][2], -x[1], x[0][0]))
        return pool[0][0][0]


def _lead(text: str) -> str:
    first = (text or "").strip().split("\n", 1)[0]
    return _LEAD.split(first, 1)[0][:400]


def about_claim(statements: list[dict], claim_text: str, similarity: Similarity) -> dict[str, float]:
    """The statements about the claim (id -> content similarity to the claim): content similar to the claim text,
    or a denial that refers back to a claim ("denied the reports") in an article about it."""
    if not statements:
        return {}
    contents = [(s.get("content") or {}).get("text") or "" for s in statements]
    sims = similarity.to_one(contents, claim_text)
    out = {}
    for s, content, sim in zip(statements, contents, sims):
        cue = ((s.get("cue") or {}).get("lemma") or "").lower()
        if sim >= STATEMENT_MIN or (cue in DENY_LEMMAS and refers_back(content)):
            out[s["id"]] = float(sim)
    return out


def events_toward(article: Article, statements: list[dict], claim_id: str, claim_text: str,
                  similarity: Similarity, probs: dict[str, float] | None, denial=None) -> tuple[list, set[str]]:
    """The article's events toward one claim and the ids of its statements about it. ``probs``: the article-level
    stance model's probabilities (None: statements only); ``denial``: the :class:`DenialModel` that weighs them
    with the article's own evidence."""
    from ..trail._events import OwnVoice, article_events

    about = about_claim(statements, claim_text, similarity)
    claim_of = {s["id"]: (claim_id, claim_text) for s in statements if s["id"] in about}
    voice = OwnVoice(article.text, statements)
    stance = decide_stance(article, statements, about, claim_text, probs, denial, similarity, voice)
    gate = denial.gate if denial is not None else 0.0
    return article_events(article, statements, claim_of, claim=claim_id, claim_text=claim_text,
                          article_stance=stance, similarity=similarity, scope=about, quoted_gate=gate,
                          voice=voice), set(about)


def decide_stance(article: Article, statements: list[dict], about: dict[str, float], claim_text: str,
                  probs: dict[str, float] | None, denial, similarity=None, voice=None) -> ArticleStance | None:
    """The article's own stance: ``denies`` when the denial model says so, else the stance model's most probable
    other label. ``voice``: the article's ``trail._events.OwnVoice`` over these statements, when made already."""
    from ..trail._events import OwnVoice
    from ._denial import features

    if not probs:
        return None
    if denial is None:
        p_denies = probs.get("denies", 0.0)
        threshold = 0.5
    else:
        voice = voice if voice is not None else OwnVoice(article.text, statements)
        x = features(article.text, statements, about, claim_text, any(voice.denials), probs, similarity)
        p_denies, threshold = denial.probability(x), denial.threshold
    if p_denies >= threshold:
        return ArticleStance("denies", p_denies)
    others = {k: v for k, v in probs.items() if k != "denies"}
    return ArticleStance(max(others, key=lambda k: (others[k], k)), p_denies)


__all__ = ["ClaimBuilder", "about_claim", "decide_stance", "events_toward", "clean_claim_text", "own_voice_denial",
           "statement_action"]
