"""Events of one article toward the claims its statements touch.

From an article and its statements (with the claim each statement's content belongs to):
- each statement is an event by its speaker: ``asserts``, or ``denies`` when its cue is a denial verb or its
  content disparages or negates the claim; a relayed statement inside another ("the NYT reported that officials
  said") becomes the authority of the outer event rather than an event of its own;
- a sentence that says the claim was "reproduced by" / "repeated by" outlets gives ``repeats`` events;
- the article's own voice (sentences outside any statement) calling the claim misinformation, false or
  unverified gives a ``denies`` event by the article itself, observed;
- an article with a known outlet whose statements all assert a claim is that outlet's own (observed) assertion.
Events carry the evidence sentence's character span in the article text.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from ..models import Article

DENY_LEMMAS = frozenset({"deny", "reject", "dismiss", "refute", "debunk", "dispute", "contradict", "rebut",
                         "disavow", "repudiate", "discredit", "decry", "slam", "disprove", "counter", "correct"})
# Words by which a speaker or an article calls a claim untrue (without taking a side ourselves).
DISPARAGE = re.compile(r"\b(misinformation|disinformation|false|falsehoods?|fake|unverified|baseless|unfounded|"
                       r"debunked|hoax|propaganda|lies|lying|fabricat\w*|untrue|groundless|smear|bogus|rumou?rs?)\b",
                       re.I)
NEGATION = re.compile(r"\b(not|no|never|nothing|none|n't|neither|nor)\b|n't\b", re.I)
REPEAT = re.compile(r"\b(reproduced|repeated|echoed|picked up|reprinted|republished|relayed|amplified|carried|"
                    r"circulated|spread|shared|cited)\b(?P<rest>.*?)\bby\b(?P<who>.+?)[.;!]*$", re.I)
_BOUNDARY = re.compile(r"(?P<stop>[.!?]+[\"'”’)\]]*)(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n")
# A period after one of these (or after single capitals, as in "U.S.") does not end a sentence.
_ABBREV = re.compile(r"(?:\b[A-Z]\.(?:[A-Z]\.)*|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Lt|Col|Sgt|Capt|Sen|Rep|Gov|Pres|Jr|Sr|"
                     r"Inc|Co|Corp|Ltd|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|ca)\.)$")
_OUTLET_WORDS = re.compile(r"\b(times|post|journal|news|herald|guardian|telegraph|tribune|gazette|courier|wire|"
                           r"press|reuters|bloomberg|agence|agency|bbc|cnn|nbc|cbs|abc|fox|ap|afp|tass|xinhua|"
                           r"chronicle|observer|daily|magazine|radio|tv|television|outlets?|newspapers?|media)\b", re.I)
_AFTER = re.compile(r"\b(shortly )?(thereafter|afterwards|afterward|later|then|soon after|subsequently|since)\b", re.I)


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

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("claim")
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


def statement_action(statement: dict, claim_text: str) -> str:
    cue = (statement.get("cue") or {}).get("lemma") or (statement.get("cue") or {}).get("text") or ""
    content = (statement.get("content") or {}).get("text") or ""
    if cue.lower() in DENY_LEMMAS:
        return "denies"
    if DISPARAGE.search(content) and not DISPARAGE.search(claim_text):
        return "denies"
    if NEGATION.search(content) and not NEGATION.search(claim_text):
        return "denies"
    return "asserts"


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


def article_events(article: Article, statements: list[dict], claim_of: dict[str, tuple[str, str]]) -> list[Event]:
    """Events of ``article``; ``claim_of`` maps a statement id to (claim id, claim text) for grouped statements."""
    text = article.text
    spans = sentences(text)
    events: list[Event] = []
    grouped = [s for s in statements if s["id"] in claim_of]
    by_offset = sorted(grouped, key=lambda s: s["content"]["start"])
    for statement in by_offset:
        outer = next((o for o in grouped if _inside(statement, o) and statement.get("via")), None)
        if outer is not None:
            continue  # a relayed statement: it is the authority of the outer event
        claim, claim_text = claim_of[statement["id"]]
        inner = [s for s in grouped if _inside(s, statement) and s.get("via") and claim_of[s["id"]][0] == claim]
        authority = [_actor(s) for s in inner]
        start = min(statement["content"]["start"], (statement.get("cue") or {}).get("start", 10**12))
        action = statement_action(statement, claim_text)
        if authority and action == "asserts":
            action = statement_action(inner[0], claim_text)
        date, precision = statement.get("date"), "day"
        if not date and article.published:
            # no date in the text: the speech act happened on or before the article's publication
            date, precision = article.published[:10], "before"
        events.append(Event(claim, date, precision if date else "unknown", action, _actor(statement), authority,
                            article.id, _evidence(text, spans, start, statement["content"]["end"]), False,
                            statement["id"]))
    if not events:
        return events
    main_claim = _main_claim(events)
    claimed = {e.claim for e in events}
    covered = [(s["content"]["start"], s["content"]["end"]) for s in statements]
    for start, end in spans:
        sentence = text[start:end]
        if any(a < end and start < b for a, b in covered):
            continue
        repeat = REPEAT.search(sentence)
        if repeat:
            before = [e for e in events if e.statement and e.evidence["start"] < start]
            if before:
                prior = max(before, key=lambda e: e.evidence["start"])
                date, precision = (prior.date, "after") if prior.date else (None, "unknown")
                for name in _split_names(repeat.group("who")):
                    kind = "outlet" if _OUTLET_WORDS.search(name) or _OUTLET_WORDS.search(repeat.group("who")) else "organization"
                    events.append(Event(prior.claim, date, precision, "repeats", {"name": name, "type": kind}, [],
                                        article.id, {"text": sentence, "start": start, "end": end}, False))
            continue
        if DISPARAGE.search(sentence) and main_claim in claimed:
            events.append(Event(main_claim, article.published and article.published[:10],
                                "day" if article.published else "unknown", "denies", _self(article), [], article.id,
                                {"text": sentence, "start": start, "end": end}, True))
    events.extend(_outlet_voice(article, events))
    return events


def _self(article: Article) -> dict:
    if article.outlet:
        return {"name": article.outlet, "type": "outlet"}
    return {"name": f"this article: {article.title or article.source}", "type": "document"}


def _main_claim(events: list[Event]) -> str:
    counts: dict[str, int] = {}
    for event in events:
        counts[event.claim] = counts.get(event.claim, 0) + 1
    return max(counts, key=counts.get)


def _outlet_voice(article: Article, events: list[Event]) -> list[Event]:
    """An article of a known outlet whose sources only assert a claim is the outlet's own, observed assertion."""
    if not article.outlet:
        return []
    out = []
    for claim in {e.claim for e in events}:
        mine = [e for e in events if e.claim == claim]
        if any(e.observed for e in mine) or any(e.actor["name"] == article.outlet for e in mine):
            continue
        actions = {e.action for e in mine}
        action = "asserts" if actions == {"asserts"} else "reports"
        first = mine[0]
        out.append(Event(claim, article.published and article.published[:10],
                         "day" if article.published else "unknown", action, _self(article),
                         [e.actor for e in mine if e.action == "asserts"], article.id, first.evidence, True))
    return out
