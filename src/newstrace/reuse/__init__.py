"""Reuse: near-duplicate and reprint links between articles (a reprint is not corroboration).

Per document, ``fingerprint`` makes a MinHash signature of the text's word shingles. Per corpus, ``update_links``
(``find_links`` on a fresh corpus) takes candidate groups from MinHash-LSH banding and keeps the pairs whose aligned
passages are long enough, typed ``reprint`` (mostly the same text) or ``shares-passages``, directed from the earlier
article to the later one. Near-copies are linked as a cluster: one reprint link from the cluster's earliest article
to each other member, not one per pair.
"""
from ._clusters import ReuseUpdate, find_links, update_links
from ._fingerprint import NUM_PERM, Fingerprint, fingerprint, tokens
from ._links import Link, align, order_key

__all__ = ["NUM_PERM", "Fingerprint", "Link", "ReuseUpdate", "align", "find_links", "fingerprint", "order_key",
           "tokens", "update_links"]
