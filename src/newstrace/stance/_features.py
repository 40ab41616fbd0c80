"""Features of a (claim, text) pair for the stance model.

Two kinds, all computed from a vocabulary fitted on training text only:

* relatedness: TF-IDF cosine of the claim against the whole text, its lead and its best-matching sentences; latent
  semantic (SVD) cosine; word, bigram and trigram overlap, plain and IDF-weighted.
* stance: refuting / hedging / supporting / negation word counts in the claim, in the whole text, in the lead and in
  the sentences nearest the claim; single cue words there; polarity agreement of claim and nearest sentences;
  question marks and quotes; latent-topic vectors of claim and text (what kind of story it is).

Work is shared per distinct text within one call (FNC-1 pairs reuse bodies and headlines), never across calls.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from ._text import LEXICONS, NEGATIONS, ngrams, sentences, stem, terms, words

# single cue words counted on their own (stemmed with the same stemmer as the lexicons' use)
CUE_WORDS = ("fake", "hoax", "deny", "false", "not", "debunk", "no", "never", "rumor", "rumour", "claim",
             "report", "allegedly", "reportedly", "unconfirm", "unverify", "confirm", "official", "true", "satire",
             "prank", "however", "but", "despite", "although", "may", "could", "appear", "accord", "source")
_CUE_INDEX = {w: i for i, w in enumerate(CUE_WORDS)}
_LEX_NAMES = tuple(LEXICONS)
_LEX_STEMS = {name: frozenset(stem(w) for w in lex) | lex for name, lex in LEXICONS.items()}
LEAD_SENTENCES = 3
TOP_SENTENCES = 3
RELATEDNESS = ("cos_text", "cos_lead", "cos_sent_max", "cos_sent_top", "lsa_cos_text", "lsa_cos_lead", "ov_text",
               "ov_lead", "ov_idf_text", "ov_idf_lead", "jaccard", "bi_text", "bi_lead", "tri_text", "n_claim_terms",
               "log_text_words", "log_sentences", "best_pos", "n_sent_matching")


def _analyzer(text: str) -> list[str]:
    """The TF-IDF analyzer: stemmed content words (a module function so that a fitted model pickles)."""
    return terms(text)


@dataclass
class _Text:
    """What the features need of one distinct text, computed once per call."""
    terms: list[str]
    term_set: set[str]
    bigrams: set[tuple[str, ...]]
    trigrams: set[tuple[str, ...]]
    n_words: int
    lex: np.ndarray            # (n_sentences, n_lexicons) counts per sentence
    cues: np.ndarray           # (n_sentences, n_cues) counts per sentence
    neg: np.ndarray            # (n_sentences,) negation counts
    n_words_sent: np.ndarray   # (n_sentences,) words per sentence
    lead_terms: set[str]
    lead_bigrams: set[tuple[str, ...]]
    questions: int
    quotes: int
    lead: str


def _describe(text: str) -> tuple[_Text, list[str]]:
    sents = sentences(text)
    lex = np.zeros((len(sents), len(_LEX_NAMES)), dtype=np.float32)
    cues = np.zeros((len(sents), len(CUE_WORDS)), dtype=np.float32)
    neg = np.zeros(len(sents), dtype=np.float32)
    nws = np.zeros(len(sents), dtype=np.float32)
    for i, sent in enumerate(sents):
        toks = words(sent)
        nws[i] = len(toks)
        for tok in toks:
            st = stem(tok)
            for j, name in enumerate(_LEX_NAMES):
                if tok in _LEX_STEMS[name] or st in _LEX_STEMS[name]:
                    lex[i, j] += 1
            k = _CUE_INDEX.get(st, _CUE_INDEX.get(tok))
            if k is not None:
                cues[i, k] += 1
            if tok in NEGATIONS or tok.endswith("n't"):
                neg[i] += 1
    all_terms = terms(text)
    lead_text = " ".join(sents[:LEAD_SENTENCES])
    lead = terms(lead_text)
    info = _Text(terms=all_terms, term_set=set(all_terms), bigrams=ngrams(all_terms, 2), trigrams=ngrams(all_terms, 3),
                 n_words=int(nws.sum()), lex=lex, cues=cues, neg=neg, n_words_sent=nws, lead_terms=set(lead),
                 lead_bigrams=ngrams(lead, 2), questions=text.count("?"), quotes=text.count('"') + text.count("\u201c"),
                 lead=lead_text)
    return info, sents


def _frac(part: set, whole: set) -> float:
    return len(part & whole) / len(part) if part else 0.0


class FeatureExtractor:
    """Fitted vocabulary (TF-IDF) and latent topics (SVD); turns (claim, text) pairs into a dense matrix."""

    def __init__(self, max_features: int = 20000, svd_components: int = 50, random_state: int = 0):
        self.max_features = max_features
        self.svd_components = svd_components
        self.random_state = random_state
        self.tfidf: TfidfVectorizer | None = None
        self.svd: TruncatedSVD | None = None
        self.names: list[str] = []

    # -- fitting -----------------------------------------------------------------------------------------------
    def fit(self, claims: list[str], texts: list[str]) -> "FeatureExtractor":
        """Fit on the distinct training claims and texts (pass each text once)."""
        corpus = list(dict.fromkeys(claims)) + list(dict.fromkeys(texts))
        self.tfidf = TfidfVectorizer(analyzer=_analyzer, min_df=2, max_df=0.5, max_features=self.max_features,
                                     sublinear_tf=True, dtype=np.float32)
        matrix = self.tfidf.fit_transform(corpus)
        self.svd = TruncatedSVD(n_components=self.svd_components, algorithm="randomized", n_iter=7,
                                random_state=self.random_state)
        self.svd.fit(matrix)
        self.names = self._names()
        return self

    @property
    def related_columns(self) -> list[int]:
        """Columns of the relatedness block (similarity and overlap), the only input of stage one."""
        return list(range(len(RELATEDNESS)))

    def _names(self) -> list[str]:
        names = list(RELATEDNESS)
        names += [f"claim_{n}" for n in _LEX_NAMES] + ["claim_question", "claim_neg_parity"]
        names += [f"text_{n}_rate" for n in _LEX_NAMES]
        names += [f"lead_{n}" for n in _LEX_NAMES]
        names += [f"top_{n}" for n in _LEX_NAMES]
        names += ["top_neg_parity", "polarity_agree", "text_questions", "text_quotes_rate"]
        names += [f"claim_cue_{w}" for w in CUE_WORDS] + [f"top_cue_{w}" for w in CUE_WORDS]
        names += [f"text_cue_{w}" for w in CUE_WORDS]
        names += [f"claim_lsa_{i}" for i in range(self.svd_components)]
        names += [f"text_lsa_{i}" for i in range(self.svd_components)]
        return names

    # -- features ----------------------------------------------------------------------------------------------
    def transform(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """The feature matrix, one row per (claim, text) pair, columns as in `names`."""
        if self.tfidf is None or self.svd is None:
            raise RuntimeError("FeatureExtractor is not fitted")
        claims = list(dict.fromkeys(c for c, _ in pairs))
        texts = list(dict.fromkeys(t for _, t in pairs))
        claim_index = {c: i for i, c in enumerate(claims)}
        idf = dict(zip(self.tfidf.get_feature_names_out(), self.tfidf.idf_))
        default_idf = float(np.max(self.tfidf.idf_)) if len(self.tfidf.idf_) else 1.0

        claim_info = [_describe(c)[0] for c in claims]
        claim_vec = self.tfidf.transform(claims)
        claim_lsa = _unit(self.svd.transform(claim_vec))

        text_info, text_sents, sent_rows = [], [], []
        for t in texts:
            info, sents = _describe(t)
            text_info.append(info)
            text_sents.append(len(sents))
            sent_rows.extend(sents)
        text_vec = self.tfidf.transform(texts)
        text_lsa = _unit(self.svd.transform(text_vec))
        lead_vec = self.tfidf.transform([info.lead for info in text_info])
        lead_lsa = _unit(self.svd.transform(lead_vec))
        sent_vec = self.tfidf.transform(sent_rows)
        offsets = np.concatenate([[0], np.cumsum(text_sents)])

        # group pairs by text so that each text's sentences meet all its claims in one product
        by_text: dict[int, list[int]] = {}
        text_index = {t: i for i, t in enumerate(texts)}
        for row, (_, t) in enumerate(pairs):
            by_text.setdefault(text_index[t], []).append(row)

        out = np.zeros((len(pairs), len(self.names)), dtype=np.float32)
        for ti, rows in by_text.items():
            ci = [claim_index[pairs[r][0]] for r in rows]
            cv = claim_vec[ci]
            cos_text = (cv @ text_vec[ti].T).toarray().ravel()
            cos_lead = (cv @ lead_vec[ti].T).toarray().ravel()
            sims = (cv @ sent_vec[offsets[ti]:offsets[ti + 1]].T).toarray()  # (claims, sentences)
            lsa_text = claim_lsa[ci] @ text_lsa[ti]
            lsa_lead = claim_lsa[ci] @ lead_lsa[ti]
            info = text_info[ti]
            for k, r in enumerate(rows):
                out[r] = self._pair(claim_info[ci[k]], info, cos_text[k], cos_lead[k], sims[k], lsa_text[k],
                                    lsa_lead[k], claim_lsa[ci[k]], text_lsa[ti], idf, default_idf)
        return out

    def _pair(self, c: _Text, t: _Text, cos_text, cos_lead, sims, lsa_text, lsa_lead, c_lsa, t_lsa, idf,
              default_idf) -> np.ndarray:
        ct = c.term_set
        w_all = sum(idf.get(x, default_idf) for x in ct) or 1.0
        n = len(sims)
        order = np.argsort(-sims, kind="stable")
        top = order[:TOP_SENTENCES]
        weights = np.clip(sims[top], 0.0, None)
        matching = int(np.sum(sims > 0.1))
        feats = [
            cos_text, cos_lead, float(sims.max()) if n else 0.0, float(sims[top].mean()) if n else 0.0,
            lsa_text, lsa_lead,
            _frac(ct, t.term_set), _frac(ct, t.lead_terms),
            sum(idf.get(x, default_idf) for x in ct & t.term_set) / w_all,
            sum(idf.get(x, default_idf) for x in ct & t.lead_terms) / w_all,
            len(ct & t.term_set) / (len(ct | t.term_set) or 1),
            _frac(c.bigrams, t.bigrams), _frac(c.bigrams, t.lead_bigrams), _frac(c.trigrams, t.trigrams),
            len(ct), math.log1p(t.n_words), math.log1p(n), float(order[0]) / max(n - 1, 1) if n else 0.0,
            matching,
        ]
        c_lex = c.lex.sum(axis=0)
        c_neg = float(c.neg.sum())
        feats += list(c_lex) + [float(c.questions > 0), c_neg % 2]
        per100 = 100.0 / max(t.n_words, 1)
        feats += list(t.lex.sum(axis=0) * per100)
        feats += list(t.lex[:LEAD_SENTENCES].sum(axis=0))
        top_lex = (t.lex[top] * (0.5 + weights[:, None])).sum(axis=0)
        feats += list(top_lex)
        top_neg = float(t.neg[top[0]]) if n else 0.0
        feats += [top_neg % 2, float((c_neg % 2) == (top_neg % 2)), float(t.questions), t.quotes * per100]
        feats += list(c.cues.sum(axis=0)) + list(t.cues[top].sum(axis=0)) + list(t.cues.sum(axis=0) * per100)
        feats += list(c_lsa) + list(t_lsa)
        return np.asarray(feats, dtype=np.float32)


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)
