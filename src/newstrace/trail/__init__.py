"""Trails over the claims layer: per-article events, the merged timeline, the propagation graph and exports."""
from ._build import TRAIL_VERSION, build_trail, find_claim, query_trail, trail_from_db
from ._events import Event, article_events, sentences
from ._trail import delay_to_first_denial, edges, merge_events, to_claimreview, to_graphml, to_text

__all__ = ["TRAIL_VERSION", "Event", "article_events", "build_trail", "delay_to_first_denial", "edges", "find_claim",
           "merge_events", "query_trail", "sentences", "to_claimreview", "to_graphml", "to_text", "trail_from_db"]
