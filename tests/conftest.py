"""Fixtures for the whole suite; helpers live in helpers.py (imported by name: two conftest modules would clash)."""
from helpers import page_file, seed_path  # noqa: F401  (fixtures)
