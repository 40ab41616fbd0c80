"""Fixtures for the web tests; helpers live in webhelpers.py (imported by name: two conftest modules would clash)."""
from webhelpers import db_copy, demo_db, live_server, seed_claim  # noqa: F401  (fixtures)
