"""Fixtures for the whole suite; helpers live in helpers.py (imported by name: two conftest modules would clash)."""
import pytest
from helpers import page_file, seed_path  # noqa: F401  (fixtures)

# The slowest tests (measured with `pytest DIR --durations=10`, one directory at a time, on the shared 2-core dev
# machine at load 3-5), marked `slow` here in one list so `pytest -m "not slow"` is a quick subset (under 2 minutes);
# `.ci/run` and a plain `pytest` still run everything. Node id prefixes; a whole module when no test name is given.
SLOW = (
    "tests/spark/test_spark_local.py",  # a local Spark session: 55 s set-up, 77 s in all
    "tests/analyse/test_statements_robust.py::test_one_megabyte_without_newline",  # 75 s
    "tests/test_cli.py::test_20_mb_page_is_a_clean_article_or_one_line_error",  # 26 s
    "tests/test_cli.py::test_sigkill_midway_then_rerun",  # 26 s
    "tests/stance/test_stance_train.py::test_training_is_deterministic_across_hash_seeds",  # 12 s
    "tests/test_cli_hostile.py::test_full_disk_is_one_line_and_leaves_the_database_intact",  # 10 s
    "tests/web/test_web_concurrency.py",  # a 1,000-page ingest under a live server: 76 s
    # 6-10 s each, most of it the claims step of a full ingest (or a demo server start)
    "tests/test_cli.py::test_ingest_folder_stores_good_pages_and_reports_bad_ones",  # 9.5 s
    "tests/test_cli.py::test_search_show_and_filters",  # 7 s
    "tests/test_cli_contracts.py::test_demo_removes_its_temporary_folder_after_ctrl_c",  # 6.7 s
    "tests/test_cli.py::test_demo_runs",  # 6.3 s
    "tests/test_cli_hostile.py::test_ingest_on_a_hostile_folder",  # 6.1 s
    "tests/reuse/test_reuse_links.py::test_reuse_command_after_ingest",  # 6 s
    "tests/web/test_web_browser.py",  # a headless browser (not timed here: no chromium on the dev machine)
)


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if item.nodeid.startswith(SLOW):
            item.add_marker(pytest.mark.slow)
