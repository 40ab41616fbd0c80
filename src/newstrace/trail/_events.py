"""Events of one article toward the claims its statements touch.

From an article and its statements (with the claim each statement's content belongs to):
- each statement about a claim is an event by its speaker, its action from scoped evidence
  (:func:`newstrace.claims._stance.statement_action`); a relayed statement inside another ("the NYT reported that
  officials said") becomes the authority of the outer event rather than an event of its own;
- a sentence that says the claim was "reproduced by" / "repeated by" outlets gives ``repeats`` events (only for
  publishing agents: outlets, agencies, sites);
- the article's own voice is one observed event by the article itself: ``denies`` when its own sentence calls the
  claim untrue (scoped), else the article-level stance.
Events carry the evidence sentence's character span in the article text.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import cached_property

from ..claims._stance import CLAIM_REFERENCE, own_voice_denials, statement_action
from ..models import Article
from ..text.outlets import is_outlet_name

# The article's own sentence denying a claim must be about it: this similarity to the claim text, or a reference
# back to a claim ("this unverified information"), or the article's first sentence (its standfirst or lead).
OWN_VOICE_MIN = 0.1
REPEAT = re.compile(r"\b(reproduced|repeated|echoed|picked up|reprinted|republished|relayed|amplified|carried(?! out)|"
                    r"circulated|spread|shared|cited)\b(?P<rest>.*?)\bby\b(?P<who>.+?)[.;!]*$", re.I)
_BOUNDARY = re.compile(r"(?P<stop>[.!?]++[\"'”’)\]]*)(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n")
# A period after one of these (or after single capitals, as in "U.S.") does not end a sentence.
_ABBREV = re.compile(r"(?:\b[A-Z]\.(?:[A-Z]\.)*|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Lt|Col|Sgt|Capt|Sen|Rep|Gov|Pres|Jr|Sr|"
                     r"Inc|Co|Corp|Ltd|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|ca)\.)$")


@dataclass
class Event:
    claim: str
    date: str | None
    date_precision: str  # day | after | before | unknown
    action: str  # asserts | repeats | denies | reports
    actor: dict
    authority: list[dict]
    article: str
    evidence: dict
    observed: bool
    statement: str | None = None
    also_reported_in: list[str] = field(default_factory=list)
    reported_denials: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("claim")
        if not data["reported_denials"]:
            data.pop("reported_denials")
        return data


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of ``text``: ends at . ! ? (and closing quotes) before a capital or a line end,
    never after an abbreviation ("U.S.", "Mr.", "Gen."); a newline always ends a sentence."""
    spans = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group("stop") and _ABBREV.search(text[max(0, match.start() - 12) : match.start() + 1]):
            continue
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _covering(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The smallest run of sentences covering [start, end)."""
    first = next((s for s in spans if s[1] > start), (start, end))
    last = next((s for s in reversed(spans) if s[0] < end), (start, end))
    return min(first[0], start), max(last[1], end)


def _evidence(text: str, spans, start: int, end: int) -> dict:
    s, e = _covering(spans, start, end)
    return {"text": text[s:e], "start": s, "end": e}


def _actor(statement: dict) -> dict:
    speaker = statement.get("speaker") or {}
    return {"name": speaker.get("name") or speaker.get("text") or "unknown", "type": speaker.get("type") or "unknown"}


def _inside(inner: dict, outer: dict) -> bool:
    a, b = inner["content"], outer["content"]
    return inner is not outer and a["start"] >= b["start"] and a["end"] <= b["end"]


def _split_names(who: str) -> list[str]:
    who = re.split(r"\b(?:such as|including|like|notably|among them)\b", who, maxsplit=1, flags=re.I)[-1]
    names = []
    for part in re.split(r",|\band\b|\bas well as\b", who):
        name = re.sub(r"^\s*(the|other|several|many)\s+", "", part.strip(), flags=re.I).strip(" .\"'")
        if name and name[0].isupper():
            names.append(name)
    return names


def article_events(article: Article, statements: list[dict], claim_of: dict[str, tuple[str, str]], *,
                   claim: str | None = None, claim_text: str = "", article_stance=None,
                   similarity=None, scope: dict[str, float] | None = None, quoted_gate: float = 0.0,
                   voice: OwnVoice | None = None) -> list[Event]:
    """Events of ``article``: ``claim_of`` maps the ids of its statements about a claim to (claim id, claim text).
    With ``claim`` given, the article's own voice toward it is an observed event too: ``denies`` when one of its own
    sentences calls the claim untrue (scoped: "this unverified information", not "a false fire alarm"), else the
    article-level ``article_stance`` (an :class:`ArticleStance`; ``unrelated`` or none: ``reports``). A quoted denial
    in an article judged not to deny at all (its P(denies) below ``quoted_gate``) is not an event of its own: it is
    listed in the article's own event as ``reported_denials`` (the article reports that X denied). ``voice``: the
    article's :class:`OwnVoice` over these statements, when the caller has made it."""
    text = article.text
    voice = voice if voice is not None else OwnVoice(text, statements)
    spans = voice.spans
    events: list[Event] = []
    grouped = [s for s in statements if s["id"] in claim_of]
    by_offset = sorted(grouped, key=lambda s: s["content"]["start"])
    for statement in by_offset:
        outer = next((o for o in grouped if _inside(statement, o) and statement.get("via")), None)
        if outer is not None:
            continue  # a relayed statement: it is the authority of the outer event
        cid, ctext = claim_of[statement["id"]]
        inner = [s for s in grouped if _inside(s, statement) and s.get("via") and claim_of[s["id"]][0] == cid]
        authority = [_actor(s) for s in inner]
        start = min(statement["content"]["start"], (statement.get("cue") or {}).get("start", 10**12))
        scope = scope or {}
        action = statement_action(statement, ctext, scope.get(statement["id"], 1.0), text)
        if authority and action == "asserts":
            action = statement_action(inner[0], ctext, scope.get(inner[0]["id"], 1.0), text)
        date, precision = statement.get("date"), "day"
        if not date and article.published:
            # no date in the text: the speech act happened on or before the article's publication
            date, precision = article.published[:10], "before"
        events.append(Event(cid, date, precision if date else "unknown", action, _actor(statement), authority,
                            article.id, _evidence(text, spans, start, statement["content"]["end"]), False,
                            statement["id"]))
    own = voice.own
    for start, end in own:
        repeat = REPEAT.search(text[start:end])
        before = [e for e in events if e.statement and e.evidence["start"] < start]
        if not repeat or not before:
            continue
        prior = max(before, key=lambda e: e.evidence["start"])
        date, precision = (prior.date, "after") if prior.date else (None, "unknown")
        for name in _split_names(repeat.group("who")):
            if is_outlet_name(name):  # repeats need a publishing agent: "carried out by Houthi fighters" is not one
                events.append(Event(prior.claim, date, precision, "repeats", {"name": name, "type": "outlet"}, [],
                                    article.id, {"text": text[start:end], "start": start, "end": end}, False))
    if claim is not None:
        reported = []
        if article_stance is not None and article_stance.denies < quoted_gate:
            reported = [e for e in events if e.action == "denies" and not e.observed]
            events = [e for e in events if e not in reported]
        events.append(_own_voice(article, text, voice, events, claim, claim_text, article_stance, similarity,
                                 reported))
    return events


class OwnVoice:
    """An article's sentence spans, those outside every statement (its own voice), and which of those call something
    untrue (:func:`newstrace.claims._stance.own_voice_denials`, read when first asked): made once per article and
    claim, for both its stance decision and its events."""

    def __init__(self, text: str, statements: list[dict]) -> None:
        self.text = text
        self.spans = sentences(text)
        covered = [(s["content"]["start"], s["content"]["end"]) for s in statements]
        self.own = [(a, b) for a, b in self.spans if not any(x < b and a < y for x, y in covered)]

    @property
    def own_texts(self) -> list[str]:
        return [self.text[a:b] for a, b in self.own]

    @cached_property
    def denials(self) -> list[bool]:
        """Whether each own-voice sentence calls something untrue (not yet scoped to a claim)."""
        return own_voice_denials(self.text, self.own_texts)


def _own_voice(article: Article, text: str, voice: OwnVoice, events: list[Event], claim: str,
               claim_text: str, stance, similarity, reported: list[Event]) -> Event:
    """The article's own observed event toward the claim."""
    own = voice.own
    denials = [span for span, denies in zip(own, voice.denials) if denies]
    if similarity is not None and own:
        sims = similarity.to_one([text[a:b] for a, b in own], claim_text)
        best = own[int(sims.argmax())]
        denials = [(a, b) for (a, b), s in zip(own, sims) if (a, b) in denials and
                   (s >= OWN_VOICE_MIN or CLAIM_REFERENCE.search(text[a:b]) or a == own[0][0])]
    else:
        best = own[0] if own else (0, min(len(text), 300))
    label = getattr(stance, "label", None)
    if denials and (stance is None or label == "denies"):
        action, (start, end) = "denies", denials[0]
    elif label == "denies":
        action, (start, end) = "denies", best
    else:
        action = label if label in ("asserts", "reports") else "reports"
        start, end = best
    authority = [e.actor for e in events if e.claim == claim and e.action == "asserts" and not e.observed]
    return Event(claim, article.published and article.published[:10], "day" if article.published else "unknown",
                 action, _self(article), authority if action == "asserts" else [], article.id,
                 {"text": text[start:end], "start": start, "end": end}, True,
                 reported_denials=[{**e.actor, "date": e.date, "evidence": e.evidence} for e in reported])


def _self(article: Article) -> dict:
    if article.outlet:
        return {"name": article.outlet, "type": "outlet"}
    return {"name": f"this article: {article.title or article.source}", "type": "document"}
