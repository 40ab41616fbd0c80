"""The web UI and JSON API (``newstrace serve``): claims, timelines, propagation graphs, evidence, search, exports.

``create_app(db)`` gives the ASGI app; ``serve(db)`` runs it with uvicorn on 127.0.0.1.
"""
from ._app import create_app, serve

__all__ = ["create_app", "serve"]
