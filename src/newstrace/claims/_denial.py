"""Does an article deny a claim? The article-level stance model's probabilities combined with the article's own
scoped evidence (its statements that deny the claim, its own sentences calling it untrue, a negated sentence near the
top that restates the claim, disparaging and hedging words), by a logistic model (``models/denial.json``, trained on
the tune split of the dev rumours by ``python -m newstrace.claims.train_denial``). The stance model alone finds
denials poorly on claims it never saw; the evidence features carry across claims.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Sequence

import numpy as np

from .._errors import NewstraceError
from ._stance import CONTRAST, DISPARAGE, HEDGE, NEGATION, statement_action

MODEL_PATH = Path(__file__).resolve().parent / "models" / "denial.json"
FEATURES = ("p_denies", "p_asserts", "p_reports", "negated_lead_similarity", "denial_similarity", "own_voice_denial",
            "lead_disparage", "disparage_rate", "hedge_rate", "denial_sentence_similarity", "denial_sentence_position")
# Words that make a sentence a denial candidate (its similarity to the claim then says whether it is about it).
_DENIAL_WORDS = re.compile(r"\b(?:den(?:y|ies|ied|ying|ial)|reject\w*|dismiss\w*|refut\w*|debunk\w*|disput\w*|"
                           r"not true|no truth|no evidence|untrue|false|fake|hoax|baseless|unfounded|bogus|rumou?r)",
                           re.I)
# Tried and not kept (commit 1eb911a): an article-wide rate of debunking words ("turns out", "set the record
# straight", pranksters, dispel, doctored, "shot down the claims", "pushing back against", ...) as a twelfth feature.
# On the tune split it raised the out-of-fold denial F1 from 0.700 to 0.765 (tune part rescored: recall 0.635 -> 0.721,
# precision 0.776 -> 0.794), but on the held-out rumours precision fell 0.584 -> 0.515 (recall 0.591 -> 0.602, assert
# recall 0.836 -> 0.812), measured in one run. The same words counted only in or next to sentences similar to the
# claim did worse on tune (out-of-fold F1 0.71-0.74).
# Tried and not kept (issue 9): paraphrase-aware similarity for the denial sentences and the negated lead, the
# lexical cosine blended with the packaged static embedding's cosine (claims._embed.load_static, the few candidate
# sentences and the claim encoded in one batch), as a replacement of denial_sentence_similarity/position and
# negated_lead_similarity or as two added features. Out-of-fold denial F1 on the tune split (train_denial, 911 rows,
# 208 gold denies; base 0.700, P 0.773, R 0.639): blends with dense weight 0.25-1.0 and max(lexical, w * dense)
# gave 0.695-0.710 as replacements, 0.698-0.704 as added features; the best, max(lexical, dense) replacing both,
# 0.710 at P 0.746, R 0.678 (8 more true denies for 10 more false ones; a by-rumour bootstrap of the F1 gain,
# -0.017..+0.039 at 90%); dense cosines shifted and rescaled ((d - c) / (1 - c), c 0.2-0.4) 0.695-0.702. Within
# noise and lower precision, so not run on the held-out rumours. The static embedding lifts unrelated sentences too
# (median dense cosine of the best denial sentence 0.40 on non-denying rows vs 0.53 on denying ones).
# Tried and not kept (issue 9): claim-relative evidence, each article's features set against the other articles
# retrieved for the same claim (the trail holds them all). Out-of-fold on the tune split (train_denial's rows, 911,
# 200 denying of 208 gold; base on these rows F1 0.702, P 0.778, R 0.639; 90% by-rumour bootstrap of the F1 gain):
# p_denies minus the claim's median 0.700 (-0.010..+0.006), minus its mean 0.702 at P 0.746, p_denies' rank within
# the claim 0.700, denial_sentence_similarity minus the claim's median 0.701, every feature minus its claim median
# 0.694, the claim's share of articles with any denial evidence 0.685; claim-level levels rather than differences
# raise recall at lower precision: the claim's median p_denies 0.711 (P 0.725), its 75th percentile 0.712 (P 0.750,
# -0.018..+0.040), the mean over the claim's other articles 0.708 (P 0.730), the first-stage out-of-fold logit minus
# the claim's median 0.707 (P 0.712). The premise does not hold on tune: denying articles are the majority of the
# retrieved articles in a quarter of the rumours (share per rumour: median 0, 75th percentile 0.38, 90th 0.76), and
# the false positives are not in rumours whose articles all score high (median p_denies of the worst rumours
# 0.03-0.22). Of 105 out-of-fold errors 67 are missed denials, a third of them in four rumours voiced as doubt or a
# negated restatement ("NASA cast doubt on whether...", "no suspected cases of Ebola have been found in Iraq",
# "remains ... are not those of the students"). Also within noise or at lower precision: doubt words ("raised
# doubts", "questioned whether", "ruled out") added to the denial-sentence words 0.707, as a sentence feature 0.711
# (P 0.753); the negated restatement read in the first 10/20/60 sentences instead of 5, added 0.700-0.706, replacing
# 0.687-0.697; "rumour" in the first 600 characters 0.727 at P 0.744 (-0.006..+0.058, the best of some 40 variants);
# C 0.1-3 0.694-0.697; pairwise products 0.665-0.670; gradient boosting 0.711 (P 0.793). No rumour in tune has a
# negated claim, so an interaction of statement denials with a negated claim cannot be fitted there. None reached
# the bar (F1 +0.03 at no lower precision), so none was run on the held-out rumours.
# The lead: the article's first characters, where its own take on a claim usually is.
LEAD_CHARS = 600
# The lead's sentences read for a negated restatement of the claim ("No cases of the virus have been found", "X is not
# asking customers to stop"): the negation scopes over the claim when the sentence is similar to it.
LEAD_SENTENCES = 5
# Conditionals and questions of whether: a negation inside them asserts nothing.
_CONDITIONAL = re.compile(r"\b(?:if|whether|unless)\b", re.I)


class DenialModel:
    def __init__(self, coef: Sequence[float], intercept: float, threshold: float, gate: float,
                 features: Sequence[str]) -> None:
        if list(features) != list(FEATURES):
            raise NewstraceError("claims/models/denial.json was trained on other features; retrain it "
                                 "(python -m newstrace.claims.train_denial)")
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = float(intercept)
        self.threshold = float(threshold)  # P at which the article denies
        self.gate = float(gate)  # P below which a quoted denial is folded into the article's own event

    @classmethod
    def load(cls, path: str | Path | None = None) -> "DenialModel":
        path = Path(path or MODEL_PATH)
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
            return cls(d["coef"], d["intercept"], d["threshold"], d["gate"], d["features"])
        except (OSError, ValueError, KeyError) as exc:
            raise NewstraceError(f"{path}: cannot read the denial model ({exc}); reinstall newstrace") from exc

    def probability(self, x: Sequence[float]) -> float:
        z = float(np.dot(self.coef, np.asarray(x, dtype=np.float64)) + self.intercept)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def features(text: str, statements: list[dict], scope: dict[str, float], claim_text: str,
             own_denial: bool, probs: dict[str, float], similarity=None) -> list[float]:
    """The feature row of one (article, claim): ``scope`` maps the ids of statements about the claim to their
    similarity; ``own_denial``: whether one of the article's sentences outside statements calls something untrue
    (``OwnVoice.denials``); ``probs`` the stance model's."""
    denials = statement_denials(text, statements, scope, claim_text)
    size = max(len(text), 1) / 1000.0
    lead = text[:LEAD_CHARS]
    sim, position = _denial_sentences(text, claim_text, similarity)
    return [probs.get("denies", 0.0), probs.get("asserts", 0.0), probs.get("reports", 0.0),
            _negated_lead(text, claim_text, similarity),
            max((scope.get(s["id"], 0.0) for s in denials), default=0.0),
            float(own_denial),
            float(len(DISPARAGE.findall(lead)) > 0),
            len(DISPARAGE.findall(text)) / size,
            len(HEDGE.findall(text)) / size, sim, position]


def statement_denials(text: str, statements: list[dict], scope: dict[str, float], claim_text: str) -> list[dict]:
    """The article's statements about the claim (``scope``) that deny it (scoped: :func:`statement_action`)."""
    return [s for s in statements if s["id"] in scope and
            statement_action(s, claim_text, scope[s["id"]], text) == "denies"]


def _negated_lead(text: str, claim_text: str, similarity) -> float:
    """The highest similarity to the claim of a lead sentence with a negation (not one answered by a contrast, not a
    conditional), when the claim itself is not negated: how closely the article's top negates the claim."""
    from ._retrieve import split_sentences

    if similarity is None or NEGATION.search(claim_text):
        return 0.0
    negated = [s for s in split_sentences(text, LEAD_SENTENCES)
               if NEGATION.search(s) and not CONTRAST.search(s) and not _CONDITIONAL.search(s)]
    return float(max(similarity.to_one(negated, claim_text))) if negated else 0.0


def _denial_sentences(text: str, claim_text: str, similarity) -> tuple[float, float]:
    """(highest similarity to the claim of a sentence with a denial word, 1 - its relative position)."""
    from ._retrieve import split_sentences

    if similarity is None:
        return 0.0, 0.0
    sentences = [s for s in split_sentences(text, 60) if _DENIAL_WORDS.search(s)]
    if not sentences:
        return 0.0, 0.0
    sims = similarity.to_one(sentences, claim_text)
    best = int(np.argmax(sims))
    return float(sims[best]), 1.0 - text.find(sentences[best]) / max(len(text), 1)
