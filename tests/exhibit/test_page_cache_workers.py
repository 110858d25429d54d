"""
A withdrawal reaches every worker: two real gunicorn workers, polled while a curator withdraws consent
(tests/load/withdrawal.py), with the page cache in each one's memory (no REDIS_URL) and in a private
redis-server (REDIS_URL, pages and generation read in one MGET). Runs on the database engine this test
run uses: a SQLite file, or a PostgreSQL database of its own.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.load.withdrawal import run_on_test_database

HARNESS = Path(__file__).resolve().parents[1] / "load" / "withdrawal.py"


@pytest.mark.parametrize("cache", ["local", "redis"])
def test_no_worker_serves_a_withdrawn_photograph_after_the_save_returns(tmp_path, cache):
    if cache == "redis" and shutil.which("redis-server") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but redis-server is not installed (make system-deps)")
        pytest.skip("redis-server is not installed (make system-deps as root)")
    result, output, status = run_on_test_database(HARNESS, tmp_path / "result.json", "--after", "3",
                                                  "--cache", cache, suffix=f"withdrawal_{cache}")
    assert result, output
    assert result["cache_hits_before_save"] > 0, output  # both workers were answering from their caches
    assert result["answers_after_save"] >= 20, output
    assert result["stale_after_save"] == 0, output
    assert status == 0, output
