"""Relayed speech: a statement whose cue lies inside another statement's content is said *via* that
statement's speaker ("the New York Times published an article claiming that anonymous officials had said X":
the officials' statement has via [New York Times]). Outlet citations ("as first reported by the Post") are
found by the cue rules (a passive reporting verb's agent is the speaker); this module only links the chains.
"""
from __future__ import annotations

from typing import Any


def relay_chains(cands: list[Any]) -> None:
    """Fill each candidate's ``via`` with the speakers of the statements it is nested in, outermost first.

    A candidate has ``content`` (start, end), ``cue_span`` (start, end), ``speaker`` (with name and type) and
    ``via``. Candidates are visited in cue order, so an enclosing statement (whose cue comes before its
    content) has its own ``via`` filled first; the innermost enclosing content is the direct relay.
    """
    by_start = sorted(cands, key=lambda c: c.content[0])
    open_: list[Any] = []
    j = 0
    for cand in sorted(cands, key=lambda c: c.cue_span[0]):
        cue = cand.cue_span[0]
        while j < len(by_start) and by_start[j].content[0] <= cue:
            open_.append(by_start[j])
            j += 1
        open_ = [c for c in open_ if c.content[1] > cue]
        enclosing = [c for c in open_ if c is not cand]
        if not enclosing:
            continue
        outer = min(enclosing, key=lambda c: c.content[1] - c.content[0])
        speaker = outer.speaker
        if speaker is None or not speaker.name:
            continue
        cand.via = list(outer.via) + [{"name": speaker.name, "type": speaker.type}]
