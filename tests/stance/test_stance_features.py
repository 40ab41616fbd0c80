"""The stance features' single cue words: each word counts under its own cue."""
from newstrace.stance._features import CUE_WORDS, _describe


def _cues(sentence: str) -> dict[str, int]:
    info, _ = _describe(sentence, {})
    return {w: int(n) for w, n in zip(CUE_WORDS, info.cues.sum(axis=0)) if n}


def test_a_cue_word_counts_as_itself_before_its_stem():
    # "reportedly" stems to "report", itself a cue: it must count under "reportedly" only
    assert _cues("The mayor reportedly sold the bridge.") == {"reportedly": 1}
    assert _cues("A report said the mayor sold the bridge, reports say.") == {"report": 2}
    assert _cues("Reportedly the report was allegedly false.") == {"reportedly": 1, "report": 1, "allegedly": 1,
                                                                   "false": 1}
