"""One actor per resolved person in a trail (issue 10, item 5): fixtures written for these tests."""
from __future__ import annotations

from newstrace.trail import merge_events
from newstrace.trail._trail import unify_actors


def _event(name: str, kind: str, action: str = "asserts", date: str = "2019-10-13", article: str = "a1",
           start: int = 0, authority: list[dict] | None = None) -> dict:
    return {"date": date, "date_precision": "day", "action": action, "actor": {"name": name, "type": kind},
            "authority": list(authority or []), "article": article,
            "evidence": {"text": "...", "start": start, "end": start + 3}, "observed": False}


def test_surname_actor_merges_into_the_full_person_name():
    events = [_event("David McKinley", "person", start=10), _event("McKinley", "organization", start=90)]
    merged = merge_events(events)
    assert len(merged) == 1
    assert merged[0]["actor"] == {"name": "David McKinley", "type": "person"}


def test_one_type_per_actor_and_titles_do_not_block_the_merge():
    events = [_event("Anthony Fauci", "person", start=5), _event("Dr Fauci", "unknown", action="denies", start=50),
              _event("Anthony Fauci", "organization", action="repeats", start=70, article="a2")]
    actors = {(e["actor"]["name"], e["actor"]["type"]) for e in unify_actors(events)}
    assert actors == {("Anthony Fauci", "person")}


def test_ambiguous_surname_and_non_person_types_are_left_alone():
    events = [_event("Major Jackson", "person"), _event("Didi Jackson", "person", start=20),
              _event("Jackson", "organization", start=40), _event("Post", "outlet", start=60),
              _event("Emily Post", "person", start=80)]
    names = {(e["actor"]["name"], e["actor"]["type"]) for e in unify_actors(events)}
    assert ("Jackson", "organization") in names and ("Post", "outlet") in names


def test_authorities_are_unified_too_and_inputs_are_not_changed():
    official = {"name": "Zhao", "type": "organization"}
    events = [_event("Zhao Lijian", "person", action="denies"),
              _event("New York Times", "outlet", date="2022-03-13", authority=[official])]
    out = unify_actors(events)
    assert out[1]["authority"] == [{"name": "Zhao Lijian", "type": "person"}]
    assert events[1]["authority"] == [{"name": "Zhao", "type": "organization"}]
