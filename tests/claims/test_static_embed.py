"""The packaged static sentence embedder (newstrace.claims._embed.load_static): no evaluation data needed."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

from newstrace._errors import NewstraceError
from newstrace.claims._embed import MAX_TOKENS, STATIC_DIR, STATIC_MANIFEST, ModelError, StaticEmbedder, load_static

# (paraphrase, paraphrase): written for these tests; no pair shares its content words with another pair
PARAPHRASES = [
    ("Russia asked China for military aid", "Moscow sought weapons from Beijing"),
    ("The vaccine causes autism in children", "Kids get autism from the jab"),
    ("The senator resigned after the scandal", "The lawmaker quit over the affair"),
    ("Drinking bleach cures the coronavirus", "Swallowing disinfectant kills covid-19"),
    ("A shark was seen swimming on a flooded highway", "Photo shows a shark on a submerged road"),
    ("The president was hospitalised with a heart attack",
     "The head of state was taken to hospital after a cardiac arrest"),
    ("Prices of petrol rose sharply last month", "Gasoline got much more expensive in recent weeks"),
    ("The bridge collapsed during the storm", "High winds brought down the bridge"),
    ("Scientists found water on Mars", "Researchers discovered water on the red planet"),
    ("The football team won the championship", "The soccer club took the title"),
]


@pytest.fixture(scope="module")
def emb() -> StaticEmbedder:
    return load_static()


def _copy_model(tmp_path):
    for name in json.loads((STATIC_DIR / STATIC_MANIFEST).read_text(encoding="utf-8"))["files"]:
        shutil.copy(STATIC_DIR / name, tmp_path / name)
    shutil.copy(STATIC_DIR / STATIC_MANIFEST, tmp_path / STATIC_MANIFEST)


def test_vectors_are_unit_float32(emb):
    vecs = emb.encode(["Russia asked China for military aid", "Bananas"])
    assert vecs.dtype == np.float32 and vecs.shape == (2, emb.dim) and emb.dim == 256
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_copy_loads_and_corrupted_copy_is_refused(tmp_path, emb):
    _copy_model(tmp_path)
    assert np.array_equal(load_static(tmp_path).encode(["a claim"]), emb.encode(["a claim"]))
    path = tmp_path / "static-embed.npz"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError) as info:
        load_static(tmp_path)
    message = str(info.value)
    assert isinstance(info.value, NewstraceError)
    assert "\n" not in message and "SHA-256" in message and "static-embed.npz" in message


def test_missing_or_bad_manifest_is_refused(tmp_path):
    with pytest.raises(ModelError):
        load_static(tmp_path)
    _copy_model(tmp_path)
    (tmp_path / STATIC_MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError) as info:
        load_static(tmp_path)
    assert "\n" not in str(info.value)


def test_encode_is_deterministic_and_independent_of_the_batch(emb):
    texts = [a for a, _ in PARAPHRASES] + [b for _, b in PARAPHRASES]
    first = emb.encode(texts)
    assert np.array_equal(first, emb.encode(texts))
    assert np.array_equal(first[3:4], emb.encode([texts[3]]))
    assert np.array_equal(first, load_static().encode(texts))  # a second load gives the same vectors


def test_paraphrases_score_above_unrelated_pairs(emb):
    left = emb.encode([a for a, _ in PARAPHRASES])
    right = emb.encode([b for _, b in PARAPHRASES])
    sims = left @ right.T
    paired = np.diag(sims)
    unrelated = sims[~np.eye(len(PARAPHRASES), dtype=bool)]
    assert paired.mean() > unrelated.mean() + 0.3
    assert np.median(paired) > np.percentile(unrelated, 95)
    # each text finds its own paraphrase first among the ten
    assert (sims.argmax(axis=1) == np.arange(len(PARAPHRASES))).mean() >= 0.8


def test_empty_texts_give_zero_vectors(emb):
    vecs = emb.encode(["", "   ", "Moscow"])
    assert vecs.shape == (3, emb.dim)
    assert not vecs[0].any() and not vecs[1].any() and vecs[2].any()
    assert emb.encode([]).shape == (0, emb.dim)


def test_long_texts_are_truncated(emb):
    long = "the minister denied the report " * 2000
    assert len(emb.token_ids([long])[0]) == MAX_TOKENS
    assert np.isfinite(emb.encode([long])).all()


def test_default_path_imports_no_torch():
    code = ("import sys\n"
            "from newstrace.claims import Matcher\n"
            "from newstrace.claims._embed import load_static\n"
            "load_static().encode(['Russia asked China for military aid'])\n"
            "m = Matcher([('c1', 'Russia asked China for military aid', None)], semantic=False)\n"
            "assert m.rank('Moscow sought weapons from Beijing')[0][0] == 'c1'\n"
            "print(sorted(k for k in sys.modules if k.split('.')[0] in ('torch', 'sentence_transformers')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
