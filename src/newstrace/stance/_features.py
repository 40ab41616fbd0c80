"""Features of a (claim, text) pair for the stance model.

Two kinds, all computed from a vocabulary fitted on training text only:

* relatedness: TF-IDF cosine of the claim against the whole text, its lead and its best-matching sentences; latent
  semantic (SVD) cosine; word, bigram, trigram and 4-gram overlap, plain and IDF-weighted.
* stance, built to carry over to claims never seen in training (no claim- or topic-specific words, no topic
  vectors): refuting / hedging / supporting / negation words and deny / discuss phrases counted in the claim, in
  the whole text, in the lead, in the sentences *about the claim* (weighted by their similarity to it; best,
  top-k and all sentences over a similarity floor) and in a window of words around the claim's own terms; single
  cue words there; polarity of claim and nearest sentences and their interaction; question marks and quotes.

Work is shared per distinct text within one call (FNC-1 pairs reuse bodies and headlines); across calls only each word's
token facts are remembered (a pure function of the word).
Every sum is order-independent (math.fsum or fixed order), so features do not depend on PYTHONHASHSEED.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from ._text import LEXICONS, NEGATIONS, PHRASE_LISTS, is_term, ngrams, phrase_counts, sentences, stem, terms, words

# single cue words counted on their own (stemmed with the same stemmer as the lexicons' use)
CUE_WORDS = ("fake", "hoax", "deny", "false", "not", "debunk", "no", "never", "rumor", "rumour", "claim",
             "report", "allegedly", "reportedly", "unconfirm", "unverify", "confirm", "official", "true", "satire",
             "prank", "however", "but", "despite", "although", "may", "could", "appear", "accord", "source")
_CUE_INDEX = {w: i for i, w in enumerate(CUE_WORDS)}
_LEX_NAMES = tuple(LEXICONS) + tuple(PHRASE_LISTS)   # word lexicons, then phrase lists
_N_WORD_LEX = len(LEXICONS)
_LEX_STEMS = {name: frozenset(stem(w) for w in lex) | lex for name, lex in LEXICONS.items()}
LEAD_SENTENCES = 3
TOP_SENTENCES = 3
#: a sentence is "about the claim" when its TF-IDF cosine to the claim reaches this share of the best sentence's
#: (set a priori, not tuned: half the best keeps the few sentences that restate the claim)
ABOUT_SHARE = 0.5
#: words either side of a claim term that count as "near" it (set a priori, not tuned: about a clause)
WINDOW = 6
RELATEDNESS = ("cos_text", "cos_lead", "cos_sent_max", "cos_sent_top", "lsa_cos_text", "lsa_cos_lead", "ov_text",
               "ov_lead", "ov_idf_text", "ov_idf_lead", "jaccard", "bi_text", "bi_lead", "tri_text", "quad_text",
               "n_claim_terms", "log_text_words", "log_sentences", "best_pos", "n_sent_matching", "cos_first",
               "ov_idf_top", "claim_hits_rate")


def _analyzer(text: str) -> list[str]:
    """The TF-IDF analyzer: stemmed content words (a module function so that a fitted model pickles)."""
    return terms(text)


@dataclass
class _Text:
    """What the features need of one distinct text, computed once per call."""
    terms: list[str]
    term_set: set[str]
    positions: dict[str, list[int]]   # term -> where it stands in ``terms``
    n_words: int
    lex: np.ndarray            # (n_sentences, n_lexicons) counts per sentence (words, then phrases)
    cues: np.ndarray           # (n_sentences, n_cues) counts per sentence
    neg: np.ndarray            # (n_sentences,) negation counts
    n_words_sent: np.ndarray   # (n_sentences,) words per sentence
    tok_stems: list[str]       # every word token's stem, in order
    tok_lex: np.ndarray        # (n_tokens, n_word_lexicons) 0/1: the token is in the lexicon
    lead_terms: set[str]
    sent_terms: list[set[str]]
    lead_list: list[str]         # terms(lead), in order
    sent_lists: list[list[str]]  # terms(sentence) per sentence, in order
    questions: int
    quotes: int
    lead: str

    def ngrams(self, n: int) -> set[tuple[str, ...]]:
        """The text's n-grams of terms (made for the claims only: a text's are looked up, :meth:`share`)."""
        return ngrams(self.terms, n)

    def share(self, grams: set[tuple[str, ...]], n: int, within: int | None = None) -> float:
        """The share of ``grams`` (n-grams of terms) found in this text's terms (in its first ``within`` terms):
        ``_frac(grams, ngrams(terms[:within], n))`` without building the text's n-grams."""
        if not grams:
            return 0.0
        end = len(self.terms) if within is None else min(within, len(self.terms))
        found = 0
        for gram in grams:
            for i in self.positions.get(gram[0], ()):
                if i + n > end:
                    break
                if tuple(self.terms[i:i + n]) == gram:
                    found += 1
                    break
        return found / len(grams)


def _token(tok: str) -> tuple[str, list[int], int | None, bool, bool]:
    """(stem, word-lexicon flags, cue index or None, negation, content term) of one word token."""
    st = stem(tok)
    flags = [int(tok in _LEX_STEMS[name] or st in _LEX_STEMS[name]) for name in LEXICONS]
    # a cue word is matched as itself before its stem: "reportedly" stems to "report", another cue
    cue = _CUE_INDEX.get(tok, _CUE_INDEX.get(st))
    return st, flags, cue, tok in NEGATIONS or tok.endswith("n't"), is_term(tok)


def _describe(text: str, memo: dict[str, tuple]) -> tuple[_Text, list[str]]:
    """Tokens, lexicon and cue counts per sentence; `memo`: word -> :func:`_token`, kept by the caller."""
    sents = sentences(text)
    lex = np.zeros((len(sents), len(_LEX_NAMES)), dtype=np.float32)
    cues = np.zeros((len(sents), len(CUE_WORDS)), dtype=np.float32)
    neg = np.zeros(len(sents), dtype=np.float32)
    nws = np.zeros(len(sents), dtype=np.float32)
    tok_stems: list[str] = []
    tok_lex: list[list[int]] = []
    sent_term_lists: list[list[str]] = []
    ends = np.zeros(len(sents), dtype=np.int64)   # each sentence's end in the token list
    cue_at: list[tuple[int, int]] = []            # (sentence, cue index) per cue token
    for i, sent in enumerate(sents):
        toks = words(sent, normalised=True)
        nws[i] = len(toks)
        known = list(map(memo.get, toks))
        if None in known:
            known = [k if k is not None else memo.setdefault(tok, _token(tok)) for k, tok in zip(known, toks)]
        tok_stems.extend(k[0] for k in known)
        tok_lex.extend(k[1] for k in known)
        ends[i] = len(tok_stems)
        cue_at.extend((i, k[2]) for k in known if k[2] is not None)
        neg[i] = sum(1 for k in known if k[3])
        sent_term_lists.append([k[0] for k in known if k[4]])   # the same tokens and stems as terms(sent)
        lex[i, _N_WORD_LEX:] = phrase_counts(sent, normalised=True)
    flags = np.asarray(tok_lex, dtype=np.float32).reshape(-1, _N_WORD_LEX)
    # word-lexicon counts per sentence: differences of the running sums at the sentences' ends (whole numbers, exact)
    running = np.vstack([np.zeros((1, _N_WORD_LEX), dtype=np.float32), np.cumsum(flags, axis=0, dtype=np.float32)])
    lex[:, :_N_WORD_LEX] = running[ends] - running[np.concatenate([[0], ends[:-1]])]
    for i, k in cue_at:
        cues[i, k] += 1
    # sentences() cuts only at whitespace, so the sentences' tokens are the text's tokens, in order
    all_terms = [term for part in sent_term_lists for term in part]
    lead = [term for part in sent_term_lists[:LEAD_SENTENCES] for term in part]
    lead_text = " ".join(sents[:LEAD_SENTENCES])
    positions: dict[str, list[int]] = {}
    for i, term in enumerate(all_terms):
        positions.setdefault(term, []).append(i)
    info = _Text(terms=all_terms, term_set=set(all_terms), positions=positions, n_words=int(nws.sum()), lex=lex,
                 cues=cues, neg=neg, n_words_sent=nws, tok_stems=tok_stems, tok_lex=flags,
                 lead_terms=set(lead), sent_terms=[set(p) for p in sent_term_lists],
                 lead_list=lead, sent_lists=sent_term_lists,
                 questions=text.count("?"), quotes=text.count('"') + text.count("\u201c"), lead=lead_text)
    return info, sents


#: distinct words whose token facts (:func:`_token`) a FeatureExtractor remembers across transform calls before it
#: starts again (a few hundred bytes each: tens of megabytes at most; a corpus's common words fit)
MAX_TOKENS = 200_000
# Attributes a FeatureExtractor makes for itself while it transforms (memos), left out when it is pickled.
_RUN_STATE = ("_tokens", "_idf_table")
#: pairs whose sentence rows are stacked in one sparse product (bounds its memory when training on every pair)
COSINE_CHUNK = 1024


def _row_dots(a: sparse.csr_matrix, b: sparse.csr_matrix) -> np.ndarray:
    """Dot product of each row of ``a`` with the same row of ``b`` (products summed in column order, as a sparse
    matrix product sums them: one after another, in the matrices' dtype; ``.sum(axis=1)`` would not)."""
    return sparse.csr_matrix(a.multiply(b)) @ np.ones(a.shape[1], dtype=a.dtype)


def _pair_cosines(claim_vec, text_vec, lead_vec, sent_vec, offsets: np.ndarray, ci: np.ndarray, ti: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Per pair (claim row ``ci``, text row ``ti``): cosine with the text, with its lead, and with each of its
    sentences (``offsets``: the texts' first rows in ``sent_vec``)."""
    cos_text = np.zeros(len(ci), dtype=np.float32)
    cos_lead = np.zeros(len(ci), dtype=np.float32)
    sims: list[np.ndarray] = []
    for start in range(0, len(ci), COSINE_CHUNK):
        c, t = ci[start:start + COSINE_CHUNK], ti[start:start + COSINE_CHUNK]
        claims = claim_vec[c]
        cos_text[start:start + len(c)] = _row_dots(claims, text_vec[t])
        cos_lead[start:start + len(c)] = _row_dots(claims, lead_vec[t])
        lengths = offsets[t + 1] - offsets[t]
        rows = np.concatenate([np.arange(offsets[k], offsets[k + 1]) for k in t])
        flat = _row_dots(claim_vec[np.repeat(c, lengths)], sent_vec[rows])
        sims += np.split(flat, np.cumsum(lengths)[:-1])
    return cos_text, cos_lead, sims


def _frac(part: set, whole: set) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _idf_sum(items: set[str], idf: dict[str, float], default: float) -> float:
    """Sum of IDF weights, independent of set iteration order (and so of PYTHONHASHSEED)."""
    return math.fsum(idf.get(x, default) for x in items)


class FeatureExtractor:
    """Fitted vocabulary (TF-IDF) and latent topics (SVD); turns (claim, text) pairs into a dense matrix."""

    def __init__(self, max_features: int = 20000, svd_components: int = 50, random_state: int = 0):
        self.max_features = max_features
        self.svd_components = svd_components
        self.random_state = random_state
        self.tfidf: TfidfVectorizer | None = None
        self.svd: TruncatedSVD | None = None
        self.names: list[str] = []

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        for name in _RUN_STATE:  # made by this process's run, never part of the model
            state.pop(name, None)
        return state

    def _idf(self) -> tuple[dict[str, float], float]:
        """term -> fitted idf and the idf of an unseen term, made once (the fitted vectorizer does not change)."""
        if "_idf_table" not in self.__dict__:
            idf = dict(zip(self.tfidf.get_feature_names_out(), self.tfidf.idf_.tolist()))
            self._idf_table = (idf, float(np.max(self.tfidf.idf_)) if len(self.tfidf.idf_) else 1.0)
        return self._idf_table

    def _token_memo(self) -> dict[str, tuple]:
        """word -> :func:`_token` (a pure function of the word), kept across calls, emptied past MAX_TOKENS."""
        memo = self.__dict__.setdefault("_tokens", {})
        if len(memo) > MAX_TOKENS:
            memo.clear()
        return memo

    # -- fitting -----------------------------------------------------------------------------------------------
    def fit(self, claims: list[str], texts: list[str]) -> "FeatureExtractor":
        """Fit on the distinct training claims and texts (pass each text once)."""
        self.__dict__.pop("_idf_table", None)  # of an earlier fit
        corpus = list(dict.fromkeys(claims)) + list(dict.fromkeys(texts))
        self.tfidf = TfidfVectorizer(analyzer=_analyzer, min_df=2, max_df=0.5, max_features=self.max_features,
                                     sublinear_tf=True, dtype=np.float32)
        matrix = self.tfidf.fit_transform(corpus)
        # introspection only; a set, so its pickled order would follow PYTHONHASHSEED (and it is most of the size)
        self.tfidf.stop_words_ = None
        # at most one component fewer than terms (a tiny training set); the feature names do not depend on it
        components = max(1, min(self.svd_components, matrix.shape[1] - 1))
        self.svd = TruncatedSVD(n_components=components, algorithm="randomized", n_iter=7,
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
        names += [f"first_{n}" for n in _LEX_NAMES]
        names += [f"top_{n}" for n in _LEX_NAMES]
        names += [f"best_{n}" for n in _LEX_NAMES]
        names += [f"about_{n}_rate" for n in _LEX_NAMES]
        names += [f"about_{n}_share" for n in _LEX_NAMES]
        names += [f"near_{n}_rate" for n in LEXICONS]
        names += [f"x_claimrefute_{w}" for w in ("about_refute", "about_deny", "near_refute", "about_neg")]
        names += ["about_n", "about_neg_rate", "top_neg_parity", "polarity_agree", "text_questions",
                  "text_quotes_rate"]
        names += [f"claim_cue_{w}" for w in CUE_WORDS] + [f"top_cue_{w}" for w in CUE_WORDS]
        names += [f"text_cue_{w}" for w in CUE_WORDS]
        return names

    # -- features ----------------------------------------------------------------------------------------------
    def transform(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """The feature matrix, one row per (claim, text) pair, columns as in `names`."""
        if self.tfidf is None or self.svd is None:
            raise RuntimeError("FeatureExtractor is not fitted")
        claims = list(dict.fromkeys(c for c, _ in pairs))
        texts = list(dict.fromkeys(t for _, t in pairs))
        claim_index = {c: i for i, c in enumerate(claims)}
        idf, default_idf = self._idf()

        memo = self._token_memo()
        claim_info = [_describe(c, memo)[0] for c in claims]
        claim_vec = self.tfidf.transform(claims)
        claim_lsa = _unit(self.svd.transform(claim_vec))

        text_info, text_sents, sent_rows = [], [], []
        for t in texts:
            info, sents = _describe(t, memo)
            text_info.append(info)
            text_sents.append(len(sents))
            sent_rows.extend(sents)
        text_vec = self._tfidf_rows(texts, [info.terms for info in text_info])
        text_lsa = _unit(self.svd.transform(text_vec))
        lead_vec = self._tfidf_rows([info.lead for info in text_info], [info.lead_list for info in text_info])
        lead_lsa = _unit(self.svd.transform(lead_vec))
        sent_vec = self._tfidf_rows(sent_rows, [terms for info in text_info for terms in info.sent_lists])
        offsets = np.concatenate([[0], np.cumsum(text_sents)])

        # pairs grouped by text: each text's LSA rows and token stems are taken once for all its claims
        by_text: dict[int, list[int]] = {}
        text_index = {t: i for i, t in enumerate(texts)}
        for row, (_, t) in enumerate(pairs):
            by_text.setdefault(text_index[t], []).append(row)

        # the sparse cosines of every pair at once (row by row dot products: the same sums, in the same order, as the
        # products per text)
        ci_all = np.fromiter((claim_index[c] for c, _ in pairs), dtype=np.int64, count=len(pairs))
        ti_all = np.fromiter((text_index[t] for _, t in pairs), dtype=np.int64, count=len(pairs))
        cos_text, cos_lead, sims = _pair_cosines(claim_vec, text_vec, lead_vec, sent_vec, offsets, ci_all, ti_all)

        out = np.zeros((len(pairs), len(self.names)), dtype=np.float32)
        for ti, rows in by_text.items():
            ci = ci_all[rows]
            lsa_text = claim_lsa[ci] @ text_lsa[ti]
            lsa_lead = claim_lsa[ci] @ lead_lsa[ti]
            info = text_info[ti]
            stems = np.asarray(info.tok_stems, dtype=object)
            for k, r in enumerate(rows):
                out[r] = self._pair(claim_info[ci[k]], info, stems, float(cos_text[r]), float(cos_lead[r]),
                                    sims[r].astype(np.float64), float(lsa_text[k]), float(lsa_lead[k]), idf,
                                    default_idf)
        return out

    def _tfidf_rows(self, raw: list[str], tokens: list[list[str]]):
        """``self.tfidf.transform(raw)`` from the texts' analyzer output ``tokens`` (already made by
        :func:`_describe`), without analysing the texts again: the same counts go through the fitted vectorizer's
        own TF-IDF weighting, so the rows are identical."""
        weighting = getattr(self.tfidf, "_tfidf", None)
        if weighting is None:  # a scikit-learn without the attribute: analyse again
            return self.tfidf.transform(raw)
        vocab = self.tfidf.vocabulary_
        indptr, indices, values = [0], [], []
        for toks in tokens:
            counts: dict[int, int] = {}
            for tok in toks:
                j = vocab.get(tok)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            cols = sorted(counts)
            indices.extend(cols)
            values.extend(counts[j] for j in cols)
            indptr.append(len(indices))
        counts = sparse.csr_matrix((np.asarray(values, dtype=self.tfidf.dtype), np.asarray(indices, dtype=np.int32),
                                    np.asarray(indptr, dtype=np.int32)), shape=(len(tokens), len(vocab)),
                                   dtype=self.tfidf.dtype)
        return weighting.transform(counts, copy=False)

    def _pair(self, c: _Text, t: _Text, stems: np.ndarray, cos_text: float, cos_lead: float, sims: np.ndarray,
              lsa_text: float, lsa_lead: float, idf: dict[str, float], default_idf: float) -> np.ndarray:
        ct = c.term_set
        c2 = c.ngrams(2)
        w_all = _idf_sum(ct, idf, default_idf) or 1.0
        n = len(sims)
        order = np.argsort(-sims, kind="stable")
        top = order[:TOP_SENTENCES]
        weights = np.clip(sims[top], 0.0, None)
        best = int(order[0])
        best_sim = float(sims[best])
        about = np.flatnonzero(sims >= max(ABOUT_SHARE * best_sim, 1e-6)) if best_sim > 0 else np.zeros(0, int)
        # claim terms' positions in the text, and the tokens within WINDOW of one of them
        hits = np.isin(stems, list(ct)) if len(stems) and ct else np.zeros(len(stems), dtype=bool)
        if hits.any():
            csum = np.concatenate([[0], np.cumsum(hits)])
            idx = np.arange(len(hits))
            near = csum[np.minimum(idx + WINDOW + 1, len(hits))] - csum[np.maximum(idx - WINDOW, 0)] > 0
            near_lex = t.tok_lex[near & ~hits].sum(axis=0) / float(hits.sum())
        else:
            near_lex = np.zeros(_N_WORD_LEX, dtype=np.float32)
        top_terms = set().union(*(t.sent_terms[i] for i in top)) if n else set()
        feats = [
            cos_text, cos_lead, best_sim, float(sims[top].mean()) if n else 0.0,
            lsa_text, lsa_lead,
            _frac(ct, t.term_set), _frac(ct, t.lead_terms),
            _idf_sum(ct & t.term_set, idf, default_idf) / w_all,
            _idf_sum(ct & t.lead_terms, idf, default_idf) / w_all,
            len(ct & t.term_set) / (len(ct | t.term_set) or 1),
            t.share(c2, 2), t.share(c2, 2, len(t.lead_list)), t.share(c.ngrams(3), 3), t.share(c.ngrams(4), 4),
            len(ct), math.log1p(t.n_words), math.log1p(n), float(best) / max(n - 1, 1) if n else 0.0,
            int(np.sum(sims > 0.1)), float(sims[0]) if n else 0.0,
            _idf_sum(ct & top_terms, idf, default_idf) / w_all,
            float(hits.sum()) * 100.0 / max(t.n_words, 1),
        ]
        c_lex = c.lex.sum(axis=0)
        c_neg = float(c.neg.sum())
        feats += list(c_lex) + [float(c.questions > 0), c_neg % 2]
        per100 = 100.0 / max(t.n_words, 1)
        feats += list(t.lex.sum(axis=0) * per100)
        feats += list(t.lex[:LEAD_SENTENCES].sum(axis=0))
        feats += list(t.lex[0])
        feats += list((t.lex[top] * (0.5 + weights[:, None])).sum(axis=0))
        feats += list(t.lex[best])
        if len(about):
            about_words = float(t.n_words_sent[about].sum()) or 1.0
            about_lex = t.lex[about].sum(axis=0) * 100.0 / about_words
            about_share = (t.lex[about] > 0).mean(axis=0)
            about_neg = float(t.neg[about].sum()) * 100.0 / about_words
        else:
            about_lex = about_share = np.zeros(len(_LEX_NAMES), dtype=np.float32)
            about_neg = 0.0
        feats += list(about_lex) + list(about_share) + list(near_lex)
        refute, deny = _LEX_NAMES.index("refute"), _LEX_NAMES.index("deny_phrase")
        claim_refutes = float(c_lex[refute] + c_lex[deny] > 0)
        feats += [claim_refutes * about_lex[refute], claim_refutes * about_lex[deny],
                  claim_refutes * near_lex[refute], claim_refutes * about_neg]
        top_neg = float(t.neg[best]) if n else 0.0
        feats += [float(len(about)), about_neg, top_neg % 2, float((c_neg % 2) == (top_neg % 2)), float(t.questions),
                  t.quotes * per100]
        feats += list(c.cues.sum(axis=0)) + list(t.cues[top].sum(axis=0)) + list(t.cues.sum(axis=0) * per100)
        return np.asarray(feats, dtype=np.float32)


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)
