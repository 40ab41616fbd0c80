"""Statement extraction: direct quotes first (their cues are then taken), then indirect and "according to"
statements over the parse; then speakers, dates and relays are resolved over the whole article in text order.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from types import MappingProxyType

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..text.outlets import same_outlet
from . import _indirect as ind
from ._pipeline import parse
from ._quotes import Quote, find_quotes, is_block
from ._relay import outlet_relay, relay_chains
from ._reldates import find_date, parse_published
from ._names import NameBook, collect_names
from ._speaker_words import MAIN_SUBJECT, MISTAGGED_CUES, PERSON_PRONOUNS
from ._speakers import Speaker, describe, mention_span

# Tokens searched after a quote's closing mark for its cue ('," Zhao said.', '," Jane Roe, a city official, said');
# PolNeAR train (150 texts) F1 0.6923 at 8, 0.6936 at 14 and the same at 20. 24: a long apposition ('," He
# Jianxiong, the former executive director for China at the International Monetary Fund, said' is 16 tokens; 2
# such quotes on the AEB pages outside speakers-dev had been missed; PolNeAR dev F1 0.7600 -> 0.7609).
AFTER_WINDOW = 24
# Most words between a cue and a quote that opens after it with no colon or comma, for a direct quote
# ("he told reporters “..."); more, and the quote is not what the cue reports.
MAX_DIRECT_GAP_WORDS = 2
# Tokens searched back from a quote's opening mark for its cue ('Brafman said, “...').
BEFORE_WINDOW = 12
# Confidence by how a statement was found: a fixed prior per rule, ordered by how reliable the rule looked on
# PolNeAR train (quote with adjacent cue most, belief verbs least); not calibrated probabilities.
CONFIDENCE = MappingProxyType({"quote": 0.9, "split": 0.85, "clause": 0.75, "according": 0.75, "claim": 0.7,
                               "object": 0.55, "call": 0.5, "orphan": 0.5, "belief": 0.5})
# A quote with no cue of its own that follows a cued quote in the same paragraph continues that statement
# ('"A," Ross said. "B."' is one content in PolNeAR train); one that opens the next paragraph does too.
MERGE_FOLLOWING_QUOTES = True
# Give a cue-less quote that continues nothing to the last quoted speaker? Off: on PolNeAR train F1 fell
# from 0.6614 to 0.6405 (speaker accuracy 0.903 -> 0.873) with it on.
EMIT_ORPHANS = False
SENT_END = frozenset({".", "!", "?"})
# Most characters from a dated statement's cue to the next one's for the next to inherit its date (only when the
# two are consecutive statements of the same speaker): about two short paragraphs. The seed's '"...," Zhao
# stressed' is 270 characters after 'On Monday, ... Zhao Lijian rejected'; before this bound a date could come
# from 6,500 characters away (issue 10).
INHERIT_CHARS = 600
# Speaker mentions that are the article's own voice ("I've written more than 900 articles", "we'll send you"):
# a first-person speaker outside any quote is the author or the outlet, not a reported source; and the reader it
# addresses ("you might wonder why", "you'll find yourself asked") is no source either.
OWN_VOICE = frozenset({"i", "we", "me", "us", "you"})
# Possessives that make a thing the writer's own ("our testing", "my account").
OWN_VOICE_OWNERS = frozenset({"our", "my"})
# Subjects that name no one unless they refer back to a speaker: left unresolved ("That promises 355
# horsepower", "nothing indicated that"), the cue reports a thing, not a statement. ("it" is left out: an
# unresolved "it" was a thing on the AEB pages outside speakers-dev, "it confirms recent polling", but an
# organisation in 6 of 7 cases on PolNeAR dev, "It says the campaign violated federal law".)
NON_REFERRING_SUBJECTS = frozenset({"that", "this", "nothing"})
# Words before "to say" that make it a set phrase of the writer's ("needless to say", "suffice it to say", "is it
# fair to say"), and before "say" ("let's say").
SET_PHRASE_SAY = frozenset({"needless", "suffice", "fair", "safe", "let", "'s", "’s"})
# Parts of speech a speaker's head never has: a cue whose "subject" is a verb, an adverb or a particle ("may",
# "automatically", "'s") is a misparse, not someone speaking.
NOT_A_SPEAKER = frozenset({"VERB", "AUX", "ADV", "ADP", "CCONJ", "SCONJ", "PART", "INTJ", "PUNCT", "SYM"})
# Most words allowed between a quote and the next one it continues ('," said Rep. Ann Lee of Ohio. "');
# on PolNeAR train (150 texts) F1 was 0.6572 at 10 words, 0.6614 at 40 and the same unbounded.
CONTINUE_MAX_WORDS = 40
# Verbs whose infinitive cue reports nothing said ("declined to confirm", "refused to say whether").
WITHHOLD_LEMMAS = frozenset({"refuse", "decline", "fail"})
QUOTE_TOKENS = frozenset({'"', "“", "”", "''", "``", "«", "»"})


@dataclass
class Candidate:
    """A statement before resolution: character offsets into the article text, and the tokens it came from."""

    kind: str
    how: str
    cue: Token
    offset: int
    content: tuple[int, int]
    subject: Token | None
    quote_cover: tuple[int, int] | None = None
    speaker: Speaker | None = None
    date: str | None = None
    date_text: str | None = None
    via: list[dict[str, str]] = field(default_factory=list)

    @property
    def cue_span(self) -> tuple[int, int]:
        """Character offsets of the cue ("according to" is two tokens)."""
        start = self.offset + self.cue.idx
        if self.cue.lower_ == "according" and self.cue.i + 1 < len(self.cue.doc):
            nxt = self.cue.doc[self.cue.i + 1]
            return start, self.offset + nxt.idx + len(nxt.text)
        return start, start + len(self.cue.text)


def _token_at(doc: Doc, char: int) -> int:
    """Index of the first token starting at or after ``char`` (len(doc) if none)."""
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < char:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _inside(char: int, quotes: list[Quote]) -> bool:
    """Whether a character offset falls inside any quote (binary search over sorted, disjoint quotes)."""
    lo, hi = 0, len(quotes)
    while lo < hi:
        mid = (lo + hi) // 2
        if quotes[mid].end <= char:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(quotes) and quotes[lo].start <= char < quotes[lo].end


def _cue_after(doc: Doc, quote: Quote, quotes: list[Quote]) -> Token | None:
    """A reporting verb right after a quote, before the sentence ends or another quote opens."""
    i = _token_at(doc, quote.end)
    if i < len(doc) and doc[i].text == ")":
        return None  # a quote in parentheses ('... (“We have not spoken ...”) — he now ...') has no cue after it
    for token in doc[i:i + AFTER_WINDOW]:
        if "\n" in token.text or token.text in QUOTE_TOKENS or _inside(token.idx, quotes):
            return None
        if token.dep_ == "acl" and token.tag_ == "VBN":
            continue  # '"... the little deal" announced in October, said Derek Scissors': a participle of a noun
        if ind.is_cue(token, beliefs=False) or token.lower_ == "according" or _mistagged_cue(token):
            return token
        if token.text in SENT_END:
            return None
    return None


def _mistagged_cue(token: Token) -> bool:
    """Whether a token after a quote is "says" or "said" closing the sentence that the tagger took for a noun
    ('“...,” the figure in black says.': "says" a plural noun, the object of "in")."""
    doc = token.doc
    return token.lower_ in MISTAGGED_CUES and token.pos_ == "NOUN" and token.i + 1 < len(doc) and \
        doc[token.i + 1].text in SENT_END


def _cue_before(doc: Doc, quote: Quote, quotes: list[Quote]) -> Token | None:
    """The nearest reporting verb before a quote, within its sentence."""
    i = _token_at(doc, quote.start) - 1
    stop = max(-1, i - BEFORE_WINDOW)
    while i > stop:
        token = doc[i]
        if "\n" in token.text or token.text in SENT_END or _inside(token.idx, quotes):
            return None
        if ind.is_cue(token, beliefs=False):
            return token
        i -= 1
    return None


def _direct(doc: Doc, offset: int, quotes: list[Quote]) -> tuple[list[Candidate], set[int]]:
    """Statements from block quotes: a cue next to the quote, split quotes and continued quotes merged."""
    found: list[Candidate] = []
    used: set[int] = set()
    last: Candidate | None = None
    text = doc.text
    for quote in quotes:
        if not is_block(text, quote) and not _opens_sentence(text, quote):
            continue
        inner = quote.inner(text)
        ends_open = inner[-1:] in (",", "?", "!", "—", "-") if inner else False
        # A quote that ends its sentence ('... soft.” He says ...') takes no cue from the next sentence.
        closes_sentence = inner[-1:] == "." and not text[quote.end:quote.end + 2].strip()[:1].islower()
        after = None if closes_sentence else _cue_after(doc, quote, quotes)
        before = _cue_before(doc, quote, quotes)
        cue = (after or before) if ends_open else (before or after)
        if after is not None and before is not None and _introduces(text, before, quote):
            # 'He called her a "terrorist" and said, "...," the office said': the quote is his; the office's
            # cue reports the whole sentence, his statement nested in it (relayed).
            cue = before
        start = offset + quote.start
        end = offset + quote.end
        if cue is not None and cue.i in used and last is not None and last.cue.i == cue.i:
            last.content = (last.content[0], end)  # '"A," he said, "B."': one statement
            last.how = "split"
            continue
        if cue is None:
            if MERGE_FOLLOWING_QUOTES and last is not None and _continues(text, last, quote, offset):
                last.content = (last.content[0], end)
                last.how = "split"
                continue
            if EMIT_ORPHANS and last is not None:
                found.append(Candidate("direct", "orphan", last.cue, offset, (start, end), last.subject,
                                       quote_cover=(quote.start, quote.end)))
            continue
        kind, how = "direct", "quote"
        if cue is after:
            # 'America needs leaders “who understand ...,” Clinton said.': the clause starts before the quote.
            head = ind.content_head(cue)
            if head is not None:
                left = doc[ind.clause_bounds(head[0], cue)[0]]
                para_start = text.rfind("\n", 0, quote.start) + 1
                if para_start <= left.idx < quote.start and len(text[left.idx:quote.start].split()) >= 1:
                    start = offset + left.idx
                    kind = "mixed"
        if cue is before:
            # 'He said the plan "is dead."': when the reported clause starts between the cue and the quote, the
            # statement is a mixed quote from the clause start; 'He said in a statement: "..."' stays direct.
            between = text[cue.idx + len(cue.text):quote.start]
            bounds = ind.content_bounds(cue)
            if bounds is not None and cue.i < bounds[0] and doc[bounds[0]].idx < quote.start and \
                    between.strip()[-1:] not in (":", ","):
                start = offset + doc[bounds[0]].idx
                last_token = doc[bounds[1]]
                end = max(end, offset + last_token.idx + len(last_token.text))  # '... “are unknown” because ...'
                kind = "mixed"
            elif len(between.split()) > MAX_DIRECT_GAP_WORDS and between.strip()[-1:] not in (":", ","):
                continue
        cand = Candidate(kind, how, cue, offset, (start, end), _direct_subject(doc, cue, quote),
                         quote_cover=(quote.start, quote.end))
        found.append(cand)
        used.add(cue.i)
        last = cand
    return found, used


def _introduces(text: str, cue: Token, quote: Quote) -> bool:
    """Whether a cue directly introduces a quote: only a comma or colon between them ('said, "...')."""
    return text[cue.idx + len(cue.text):quote.start].strip() in (",", ":")


def _direct_subject(doc: Doc, cue: Token, quote: Quote) -> Token | None:
    """The speaker head of a quote's cue; when the parse finds none, or one inside the quote, the words between
    the quote and a following cue ('," Brent Bozell, founder of ..., tells'), else those right after the cue
    ('," said Bolton.')."""
    subject = ind.subject_of(cue)
    if subject is not None and not quote.start <= subject.idx < quote.end:
        return subject
    if cue.idx >= quote.end:
        first = _token_at(doc, quote.end)
        words = [t for t in doc[first:cue.i] if not (t.is_punct or t.is_space)]
        named = [t for t in words if t.ent_type_ == "PERSON"]
        if named and named[-1].i == words[-1].i and not any(t.pos_ == "ADP" for t in words):
            # '," chairman, CEO and president Craig Menear said': the name, not the first title (but '," a lawyer
            # for John Smith said' is the lawyer)
            return named[-1]
        if words:
            return doc[first:cue.i].root
        after = []
        for token in doc[cue.i + 1:cue.i + 1 + AFTER_WINDOW]:
            if token.is_punct or "\n" in token.text:
                break
            after.append(token)
        if after and any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in after):
            return doc[after[0].i:after[-1].i + 1].root
    return None


def _opens_sentence(text: str, quote: Quote) -> bool:
    """Whether a quote starts a paragraph or follows a sentence end or colon (so it is not a scare quote)."""
    before = text[max(0, quote.start - 3):quote.start].rstrip(" ")
    return not before or before[-1:] in ("\n", ".", "!", "?", ":")


def _continues(text: str, last: Candidate, quote: Quote, offset: int) -> bool:
    """Whether a cue-less quote continues the previous quote statement: in the same paragraph with only the
    previous cue's clause between them ('"A," Ross said. "B."'), or opening the next paragraph right after a
    paragraph that the previous quote ended."""
    prev_end = last.content[1] - offset
    between = text[prev_end:quote.start]
    if not between.strip(" \n.,;:—-"):
        return True
    if "\n" not in between:
        return len(between.split()) <= CONTINUE_MAX_WORDS
    # '“A,” Trump said.\n\n“B.”': a paragraph-opening quote right after the cue that closed the previous one.
    para_start = text.rfind("\n", 0, quote.start) + 1
    cue_at = last.cue.idx
    return (prev_end <= cue_at < quote.start and not text[para_start:quote.start].strip()
            and len(between.split()) <= CONTINUE_MAX_WORDS)


def _indirect(doc: Doc, offset: int, quotes: list[Quote], used: set[int]) -> list[Candidate]:
    """Statements from reporting verbs with a clause or claim, and "according to" phrases."""
    found: list[Candidate] = []
    text = doc.text
    for token in doc:
        if token.i in used or _inside(token.idx, quotes) or \
                not (ind.is_cue(token) or ind.quoted_description(token) is not None):
            continue
        bounds = ind.content_bounds(token)
        if bounds is None:
            continue
        left, right, rule = bounds
        if any(c.dep_ == "neg" for c in token.children) or _withheld(token):
            continue  # "did not reveal the crash location", "declined to confirm that ...": nothing said
        # (Running a clause on to its sentence end, where the parse hangs "because ..." on the cue, lowered
        # PolNeAR train F1 from 0.7037 to 0.6976; not done.)
        if right < left:
            continue
        start, end = doc[left].idx, doc[right].idx + len(doc[right].text)
        if not text[start:end].strip(" \"“”'.,;:"):
            continue
        inner = _overlapping(quotes, start, end)
        kind = "mixed" if inner else "indirect"
        if inner and inner[-1].end > end and inner[-1].closed:
            end = inner[-1].end  # the parse left the closing mark (and what it closes) outside the clause
        how = "belief" if token.lemma_.lower() in ind.BELIEF_LEMMAS else rule
        found.append(Candidate(kind, how, token, offset, (offset + start, offset + end), ind.subject_of(token)))
    for noun_i, source_i, head_i in ind.saying_nouns(doc):
        if _inside(doc[noun_i].idx, quotes):
            continue
        left, right = ind.clause_bounds(doc[head_i], doc[noun_i])
        start, end = doc[left].idx, doc[right].idx + len(doc[right].text)
        if right >= left and text[start:end].strip(" \"“”'.,;:"):
            found.append(Candidate("indirect", "claim", doc[noun_i], offset, (offset + start, offset + end),
                                   doc[source_i]))
    for cue_i, _to_i, source_i, left, right in ind.according_to(doc):
        if _inside(doc[cue_i].idx, quotes):
            continue
        start, end = doc[left].idx, doc[right].idx + len(doc[right].text)
        found.append(Candidate("indirect", "according", doc[cue_i], offset, (offset + start, offset + end),
                               doc[source_i]))
    return found


def _withheld(cue: Token) -> bool:
    """Whether a cue is what its speaker refused to do: the infinitive of "refuse", "decline" or "fail" (also a
    second conjunct, "declined to confirm or deny that ..."), an act without content."""
    first = cue
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return first.dep_ == "xcomp" and first.head.lemma_.lower() in WITHHOLD_LEMMAS


def _within_taken_quote(cand: Candidate, direct: list[Candidate]) -> bool:
    """Whether an indirect statement's content lies inside a quote another cue already took ('he said, "...,"
    the office said': the office's cue does not take his quote again)."""
    for other in direct:
        if other.quote_cover is None:
            continue
        q0, q1 = other.offset + other.quote_cover[0], other.offset + other.quote_cover[1]
        if q0 <= cand.content[0] and cand.content[1] <= q1 and not q0 <= cand.cue_span[0] < q1:
            return True
    return False


def _overlapping(quotes: list[Quote], start: int, end: int) -> list[Quote]:
    """Quotes that overlap [start, end) (quotes are sorted and disjoint: binary search, then a short walk)."""
    lo, hi = 0, len(quotes)
    while lo < hi:
        mid = (lo + hi) // 2
        if quotes[mid].end <= start:
            lo = mid + 1
        else:
            hi = mid
    found = []
    while lo < len(quotes) and quotes[lo].start < end:
        found.append(quotes[lo])
        lo += 1
    return found


def _joined(speaker: Speaker, subject: Token, offset: int, book: NameBook, chain: dict[str, str]) -> Speaker:
    """Names joined by "and" as the subject speak together, as one speaker named "A and B" (as the speakers-dev
    gold names "reports from The Wrap and Deadline" and "Paganini and his team"): "Volker and Morrison said",
    "The United Nations and European Union stressed", "both NBC News and Bloomberg have reported" (about 10 on
    the AEB pages outside speakers-dev had been given to the first name alone). Only names of one kind (persons,
    organisations or outlets); a mixed pair keeps the first, and a name the first already holds is not added again
    ("The United Nations and Human Rights Watch", one entity)."""
    if speaker.type not in ("person", "organization", "outlet") or not speaker.name or subject.pos_ != "PROPN" or \
            not any(c.dep_ == "cc" and c.lower_ == "and" for c in subject.children):
        return speaker
    names = [speaker.name]
    conj = next((c for c in subject.children if c.dep_ == "conj"), None)
    while conj is not None:
        if conj.pos_ not in ("PROPN", "NOUN"):
            return speaker
        other = describe(mention_span(conj), offset, book, None, chain)
        if other.type != speaker.type or not other.name or any(other.name in name for name in names) or \
                (conj.pos_ == "NOUN" and other.name == other.text):  # ("her brother Dale Ford", not "his team")
            return speaker
        names.append(other.name)
        conj = next((c for c in conj.children if c.dep_ == "conj"), None)
    if len(names) == 1:
        return speaker
    return Speaker(speaker.text, speaker.start, speaker.end, " and ".join(names), speaker.type, speaker.role,
                   speaker.affiliation)


# What an outlet's report may cite as its source ("citing an unnamed source", "citing officials", "citing a
# statement"): the statement is that source's, relayed by the outlet (as the speakers guidelines give it).
CITED_TYPES = frozenset({"anonymous", "person", "organization", "document"})


def _cited_source(cue: Token) -> Token | None:
    """The object of "citing" on a report ("X reported, citing an unnamed source, that ...", "X, citing officials,
    reported"), or of the cue "citing" itself when the parse hung the clause on it."""
    citing = cue if cue.lower_ == "citing" else next(
        (c for c in cue.children if c.lower_ == "citing" and c.dep_ in ("advcl", "xcomp", "conj")), None)
    if citing is None:
        return None
    return next((c for c in citing.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)


def _quoted_as_saying(cue: Token) -> Token | None:
    """The object of "X quoted / reported / cited Y as saying ...", the cue being either verb: Y said it."""
    verb = cue
    if cue.lower_ == "saying" and cue.dep_ == "pcomp" and cue.head.lower_ == "as":
        verb = cue.head.head
    elif not any(c.dep_ == "prep" and c.lower_ == "as" and any(g.lower_ == "saying" for g in c.children)
                 for c in cue.children):
        return None
    if verb.lemma_.lower() not in QUOTING_LEMMAS:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)


# Verbs by which one relays another's words "as saying" ("quoted the minister as saying").
QUOTING_LEMMAS = frozenset({"quote", "report", "cite"})


def _resolve(cands: list[Candidate], text: str, book: NameBook, published: str | None) -> None:
    """Speakers (see ``_speakers.describe``), dates (own phrase in the cue's sentence, else inherited from the
    statement it continues, else see ``_reldates``), in text order."""
    pub = parse_published(published)
    last_person: str | None = None
    # The date a statement may pass on: (speaker name, cue offset, day, phrase) of the statement just before.
    previous: tuple[str, int, str | None, str | None] | None = None
    chain: dict[str, str] = {}
    recent: list[Speaker] = []
    for cand in cands:
        if cand.subject is not None:
            span: Span = mention_span(cand.subject, cand.quote_cover)
            cand.speaker = _joined(describe(span, cand.offset, book, last_person, chain, recent), cand.subject,
                                   cand.offset, book, chain)
            cited = _quoted_as_saying(cand.cue) or (_cited_source(cand.cue) if cand.speaker.type == "outlet"
                                                     else None)
            if cited is not None and cand.speaker.name:
                source = describe(mention_span(cited), cand.offset, book, last_person, chain, recent)
                if source.type in CITED_TYPES and source.name:
                    # "Yonhap reported, citing an unnamed source, that ...", "Reuters quoted the minister as
                    # saying ...": the source said it, via the one who relays it
                    cand.via = [{"name": cand.speaker.name, "type": cand.speaker.type}]
                    cand.speaker = source
            recent.append(cand.speaker)
            if cand.speaker.type == "person" and cand.speaker.name.lower() not in ("he", "she", "i") and \
                    " and " not in cand.speaker.name:  # "Paganini and his team" is no "he"
                last_person = cand.speaker.name
                if cand.speaker.text.lower() not in PERSON_PRONOUNS:
                    # A resolved speaker is a subject mention a later "he"/"she" may refer to, even when the
                    # NER missed the name ("Montell Figgins, who represents Thomas, said ... He said").
                    bisect.insort(book.mentions, (cand.speaker.start, cand.speaker.name, MAIN_SUBJECT,
                                                  cand.offset + cand.cue.sent.start_char))
        sent = cand.cue.sent
        s0, s1 = cand.offset + sent.start_char, cand.offset + sent.end_char
        day, phrase = find_date(text, s0, s1, pub, skip=cand.content)
        name = cand.speaker.name if cand.speaker else None
        cue_at = cand.cue_span[0]
        if phrase is None and name and previous and previous[0] == name and previous[2] and \
                cue_at - previous[1] <= INHERIT_CHARS:
            day, phrase = previous[2], previous[3]  # '"...," Zhao stressed' after 'On Monday, ... Zhao rejected'
        elif phrase is None and pub is not None and cand.cue.tag_ in ("VBZ", "VBP"):
            day = pub.isoformat()  # present-tense reporting ("says") is news of the day
        cand.date, cand.date_text = day, phrase
        previous = (name or "", cue_at, day, phrase)


def _outlet_relays(cands: list[Candidate], own_outlet: str | None) -> None:
    """``via`` for statements given to another outlet ("X told the Argus Leader"), and for the later statements
    of an unnamed speaker known only through that outlet ("A doctor on the scene told Ruptly ...", then "the
    doctor said")."""
    known: dict[str, list[dict[str, str]]] = {}
    for cand in cands:
        if own_outlet and len(cand.via) == 1 and same_outlet(cand.via[0]["name"], own_outlet):
            cand.via = []  # the page's own outlet citing its source relays nothing ("The Post, citing officials")
        if cand.via or cand.speaker is None:
            continue
        relay = outlet_relay(cand.cue, cand.subject, own_outlet)
        name = cand.speaker.name
        if relay:
            cand.via = [{"name": relay, "type": "outlet"}]
            unnamed = not name[:1].isupper() or name.lower().startswith(("a ", "an ", "the "))
            if name and unnamed and cand.speaker.type in ("person", "anonymous"):
                known[name] = cand.via
        elif name in known:
            cand.via = list(known[name])


def _statement(cand: Candidate, text: str, article_id: str | None, source: str | None) -> dict[str, object]:
    """The Statement contract's dict for a resolved candidate."""
    c0, c1 = cand.content
    q0, q1 = cand.cue_span
    key = f"{article_id or source or ''}|{q0}|{q1}|{c0}|{c1}"
    speaker = cand.speaker.to_dict() if cand.speaker else {
        "text": None, "name": None, "type": "unknown", "role": None, "affiliation": None, "start": None, "end": None}
    lemma = "according to" if cand.cue.lower_ == "according" else cand.cue.lemma_.lower()
    return {
        "id": hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
        "article": article_id,
        "source": source,
        "kind": cand.kind,
        "date": cand.date,
        "date_text": cand.date_text,
        "speaker": speaker,
        "cue": {"text": text[q0:q1], "lemma": lemma, "start": q0, "end": q1},
        "content": {"text": text[c0:c1], "start": c0, "end": c1},
        "via": cand.via,
        "confidence": CONFIDENCE.get(cand.how, 0.5),
    }


def _same_words(cand: Candidate, text: str) -> tuple[str, str, str]:
    """A statement's words (speaker, cue, content) with spaces normalised: two statements with the same words are
    one repeated, not two said."""
    speaker = cand.speaker.text if cand.speaker and cand.speaker.text else ""
    q0, q1 = cand.cue_span
    return (" ".join(speaker.split()), text[q0:q1], " ".join(text[cand.content[0]:cand.content[1]].split()))


def _paragraph(text: str, char: int) -> str:
    """The paragraph (line) around a character offset, without its edge spaces."""
    return text[text.rfind("\n", 0, char) + 1:(text.find("\n", char) + 1 or len(text) + 1) - 1].strip()


def _misparsed_speaker(subject: Token) -> bool:
    """Whether a cue's subject is no speaker but a misparse: a verb, adverb or particle ("may", "automatically")
    that neither the NER names nor a capital inside the sentence marks as a name ("May said", "says Early")."""
    named = bool(subject.ent_type_) or (subject.is_title and subject.i != subject.sent.start)
    return subject.pos_ in NOT_A_SPEAKER and not named


def _own_finding(subject: Token, speaker: Speaker) -> bool:
    """Whether the "speaker" is the writer's own thing ("Our initial testing suggests", "My account informed
    me"): a document or thing the first person owns is the article's own voice, not a reported source."""
    return speaker.type in ("document", "unknown") and any(
        c.dep_ == "poss" and c.lower_ in OWN_VOICE_OWNERS for c in subject.children)


def _thing_or_set_phrase(cue: Token, subject: Token | None, speaker: Speaker | None) -> bool:
    """Whether a cue reports no one's words: a subject that names no one and resolved to no one ("nothing
    indicated"), or a set phrase of the writer's ("That said,", "needless to say", "let's say")."""
    if subject is not None and subject.lower_ in NON_REFERRING_SUBJECTS and subject.tag_ != "WDT" and \
            (speaker is None or speaker.type == "unknown"):  # (not a relative "that": "a report that said")
        return True
    if cue.lemma_.lower() != "say":
        return False
    doc = cue.doc
    nxt = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
    if cue.i > 0 and doc[cue.i - 1].lower_ == "that" and nxt is not None and nxt.text == ",":
        return True  # "That said, Google promised more" (the subject rule gives a "that" subject no speaker)
    before = [t.lower_ for t in doc[max(cue.sent.start, cue.i - 3):cue.i]]
    return any(word in SET_PHRASE_SAY for word in before) and (not before or before[-1] in ("to", "'s", "’s"))


# A paragraph of quoted words opened by a single quote (British style: ``find_quotes`` reads double marks only, and a
# cue inside those is never a candidate), and what closes it: a single quote before a space or a punctuation mark,
# not the one inside "I'd".
SINGLE_OPENERS = ("'", "‘")
SINGLE_CLOSER = re.compile(r"[’'](?=[\s,.;:!?]|$)")


def _nobody_speaks(cue: Token) -> bool:
    """Whether a cue that found no speaker is a form that names none: an agentless passive ("it is alleged",
    "we were told to expect"), a bare infinitive ("to tell him"), an imperative ("Find someone to talk to") or
    a dangling gerund ("It's worth noting"), or a verb whose subject was left out inside a paragraph of someone's
    quoted words ("'I ... phoned them and said I was leaving."): speech quoted inside a quote is the quote's.
    Such a statement says nothing of who spoke."""
    text = cue.doc.text
    before = text[text.rfind("\n", 0, cue.idx) + 1:cue.idx].lstrip()
    if before[:1] in SINGLE_OPENERS and not SINGLE_CLOSER.search(before, 1):
        return True  # (a paragraph opening a quote not closed before the cue)
    if cue.tag_ == "VBN" and any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
        return True
    if cue.tag_ == "VB" and (any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children)
                             or cue.i == cue.sent.start):
        return True
    return cue.tag_ == "VBG"


def statements_from_docs(text: str, docs: list[tuple[int, Doc]], *, article_id: str | None = None,
                         source: str | None = None, published: str | None = None,
                         outlet: str | None = None) -> list[dict[str, object]]:
    """Statements of ``text`` given its parsed pieces ((offset, Doc) pairs as made by ``_pipeline.parse``);
    ``outlet``, the page's own outlet when known, is never a relay of its own page's statements."""
    cands: list[Candidate] = []
    for offset, doc in docs:
        quotes = find_quotes(doc.text)
        direct, used = _direct(doc, offset, quotes)
        cands.extend(direct)
        cands.extend(c for c in _indirect(doc, offset, quotes, used) if not _within_taken_quote(c, direct))
    cands.sort(key=lambda c: (c.cue_span[0], c.content[0]))
    _resolve(cands, text, collect_names(docs), published)
    cands = [c for c in cands if not (c.speaker and c.speaker.text.lower() in OWN_VOICE)
             and not (c.speaker is None and _nobody_speaks(c.cue))
             and not (c.subject is not None and _misparsed_speaker(c.subject))
             and not _thing_or_set_phrase(c.cue, c.subject, c.speaker)
             and not (c.subject is not None and c.speaker is not None and _own_finding(c.subject, c.speaker))]
    relay_chains(cands)
    _outlet_relays(cands, outlet)
    out = []
    seen: set[tuple[int, int]] = set()
    said: dict[tuple[str, str, str], str] = {}
    for cand in cands:
        if cand.content in seen or not any(ch.isalnum() for ch in text[cand.content[0]:cand.content[1]]):
            continue  # a repeat, or a content of marks and spaces only ('""')
        words, para = _same_words(cand, text), _paragraph(text, cand.cue_span[0])
        if words in said and para != said[words] and (para.startswith(said[words]) or said[words].startswith(para)):
            continue  # a paragraph printed twice (a caption over its image and under it): said once
        seen.add(cand.content)
        said.setdefault(words, para)
        out.append(_statement(cand, text, article_id, source))
    return out


def extract_statements(text: str, nlp: Language, *, article_id: str | None = None, source: str | None = None,
                       published: str | None = None, outlet: str | None = None) -> list[dict[str, object]]:
    """Who said what in ``text``: Statement dicts (DESIGN.md contract), offsets into ``text``; ``outlet`` is the
    page's own outlet when known (see ``statements_from_docs``)."""
    if not text or not text.strip():
        return []
    return statements_from_docs(text, parse(text, nlp), article_id=article_id, source=source, published=published,
                                outlet=outlet)
