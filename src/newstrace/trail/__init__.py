"""Claims and their trails: grouping statements into claims, per-article events, and the merged timeline."""
from ._build import TRAIL_VERSION, assign, build_trail, find_claim, ingest_claims, trail_from_db
from ._events import Event, article_events, sentences, statement_action
from ._group import GROUP_THRESHOLD, Claim, ClaimIndex, claim_id
from ._normalise import normalise
from ._trail import delay_to_first_denial, edges, merge_events, to_claimreview, to_graphml, to_text

__all__ = ["TRAIL_VERSION", "assign", "build_trail", "find_claim", "ingest_claims", "trail_from_db", "GROUP_THRESHOLD", "Claim", "ClaimIndex", "Event", "article_events", "claim_id", "delay_to_first_denial",
           "edges", "merge_events", "normalise", "sentences", "statement_action", "to_claimreview", "to_graphml",
           "to_text"]
