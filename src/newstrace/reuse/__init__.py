"""Reuse: near-duplicate and reprint links between articles (a reprint is not corroboration).

Per document, ``fingerprint`` makes a MinHash signature of the text's word shingles. Per corpus, ``find_links``
takes candidate pairs from MinHash-LSH banding and keeps those whose aligned passages are long enough, typed
``reprint`` (mostly the same text) or ``shares-passages``, directed from the earlier article to the later one.
"""
from ._fingerprint import NUM_PERM, Fingerprint, fingerprint, tokens
from ._links import Link, align, find_links

__all__ = ["NUM_PERM", "Fingerprint", "Link", "align", "find_links", "fingerprint", "tokens"]
