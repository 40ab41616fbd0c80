"""The shipped stance model: loads, labels pairs written here, scores in 0..1, complete label mapping.

None of these tests needs ../shared; the one that reads FNC-1 is skipped when it is absent.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("sklearn")

from newstrace.stance import DEFAULT_MODEL, FNC_TO_LABEL, LABELS, ModelError, StanceModel, load_model  # noqa: E402
from newstrace.stance._labels import LABEL_TO_FNC, RELATED_LABELS, from_fnc  # noqa: E402

SHARED_FNC = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "fnc-1"

ARTICLE_DENIAL = (
    "The ministry of health denied on Tuesday a report that the city's water supply had been poisoned. "
    "\"The report is false. There is no poison in the water and there never was,\" a spokesperson said. "
    "The claim, which spread on social media over the weekend, was a hoax, officials said, and tests by two "
    "independent laboratories found the water safe to drink. The ministry said it would not comment further on "
    "what it called a baseless rumour about poisoned water."
)
CLAIM_POISON = "City water supply poisoned, report says"

ARTICLE_FERRY = (
    "The council said on Thursday that the ferry line between Saltmere and the islands will close in June after "
    "forty years of service, citing falling passenger numbers and rising fuel costs. Islanders said they had not "
    "been consulted and would petition the regional government to keep the service running."
)
CLAIM_UNRELATED = "Apple unveils a new smartwatch with a week-long battery life"

ARTICLE_ASSERT = (
    "Scientists have confirmed that a new species of frog was discovered in the rainforest of Ecuador. "
    "The frog, which is bright orange, was found by a team from the university last month, and the discovery "
    "was officially announced on Monday. The team confirmed the new frog species after DNA tests. "
    "The newly discovered frog species lives only in a small area of the Ecuador rainforest."
)
CLAIM_FROG = "New species of frog discovered in Ecuador rainforest"


@pytest.fixture(scope="module")
def model() -> StanceModel:
    if not DEFAULT_MODEL.is_file():
        pytest.skip(f"shipped model missing: {DEFAULT_MODEL}")
    return load_model()


def test_label_mapping_is_complete():
    assert LABELS == ("asserts", "denies", "reports", "unrelated")
    assert set(FNC_TO_LABEL) == {"agree", "disagree", "discuss", "unrelated"}
    assert set(FNC_TO_LABEL.values()) == set(LABELS)
    assert all(LABEL_TO_FNC[FNC_TO_LABEL[k]] == k for k in FNC_TO_LABEL)
    assert set(RELATED_LABELS) == set(LABELS) - {"unrelated"}
    assert from_fnc(" Disagree ") == "denies"
    with pytest.raises(ValueError):
        from_fnc("maybe")


def test_public_api():
    import newstrace.stance as stance

    assert {"load_model", "StanceModel", "LABELS"} <= set(stance.__all__)
    assert all(hasattr(stance, name) for name in stance.__all__)


def test_shipped_model_is_small_and_has_a_card():
    if not DEFAULT_MODEL.is_file():
        pytest.skip("shipped model missing")
    assert DEFAULT_MODEL.stat().st_size < 5_000_000
    card = json.loads(DEFAULT_MODEL.with_suffix(".json").read_text(encoding="utf-8"))
    assert card["labels"] == list(LABELS)
    assert card["sklearn_version"]


def test_predict_labels_and_scores(model):
    pairs = [(CLAIM_POISON, ARTICLE_DENIAL), (CLAIM_UNRELATED, ARTICLE_FERRY), (CLAIM_FROG, ARTICLE_ASSERT),
             ("", ""), ("Short claim", "x")]
    out = model.predict(pairs)
    assert len(out) == len(pairs)
    for stance, score in out:
        assert stance in LABELS
        assert isinstance(score, float) and 0.0 <= score <= 1.0
    assert model.predict([]) == []


def test_unrelated_pair(model):
    stance, score = model.predict([(CLAIM_UNRELATED, ARTICLE_FERRY)])[0]
    assert stance == "unrelated"
    assert score > 0.5


ARTICLE_CONFIRM = (
    "The city's water supply was poisoned, the ministry of health confirmed on Tuesday. Tests by two independent "
    "laboratories found poison in the water, and officials told residents not to drink it. The ministry said the "
    "poisoned water came from a damaged pipe near the reservoir and confirmed the report that spread on social "
    "media over the weekend."
)


def test_clear_denial_leans_to_denies(model):
    # Relative, not absolute: on topics unlike FNC-1's the model rarely commits to "denies" (its held-out
    # "denies" F1 on unseen claims is low, see bench/stance.py --split claim), but a denial must score higher
    # on "denies" than a confirmation of the same claim, and both are related.
    denial, confirm = model.probabilities([(CLAIM_POISON, ARTICLE_DENIAL), (CLAIM_POISON, ARTICLE_CONFIRM)])
    d = LABELS.index("denies")
    assert denial[d] > confirm[d]
    for row in (denial, confirm):
        assert row[LABELS.index("unrelated")] < 0.5


def test_related_pair_is_not_unrelated(model):
    stance, _ = model.predict([(CLAIM_FROG, ARTICLE_ASSERT)])[0]
    assert stance in ("asserts", "reports")


def test_probabilities_sum_to_one(model):
    probs = model.probabilities([(CLAIM_POISON, ARTICLE_DENIAL), (CLAIM_UNRELATED, ARTICLE_FERRY)])
    assert probs.shape == (2, 4)
    assert abs(probs.sum(axis=1) - 1.0).max() < 1e-6


def test_order_and_duplicates_do_not_change_predictions(model):
    pairs = [(CLAIM_POISON, ARTICLE_DENIAL), (CLAIM_UNRELATED, ARTICLE_FERRY), (CLAIM_POISON, ARTICLE_DENIAL)]
    out = model.predict(pairs)
    assert out[0] == out[2]
    assert model.predict(pairs[::-1])[::-1] == out


def test_load_model_returns_fresh_objects(model):
    assert load_model() is not load_model()


def test_version_mismatch_is_a_clear_error(tmp_path):
    if not DEFAULT_MODEL.is_file():
        pytest.skip("shipped model missing")
    copy = tmp_path / "m.joblib"
    copy.write_bytes(DEFAULT_MODEL.read_bytes())
    card = json.loads(DEFAULT_MODEL.with_suffix(".json").read_text(encoding="utf-8"))
    card["sklearn_version"] = "0.0.1"
    copy.with_suffix(".json").write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(ModelError, match="scikit-learn 0.0.1"):
        load_model(copy)


def test_missing_model_file_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path / "nope.joblib")


@pytest.mark.skipif(not SHARED_FNC.is_dir(), reason="../shared/data/fnc-1 not present")
def test_fnc_reader_maps_labels():
    from newstrace.stance._data import body_split, load_fnc

    data = load_fnc(SHARED_FNC)
    assert len(data) > 40000
    assert set(data.labels) == set(LABELS)
    for by in ("body", "claim"):
        train, test = body_split(data, by=by)
        assert not {data.bodies[i] for i in train} & {data.bodies[i] for i in test}
        assert len(train) + len(test) == len(data)
