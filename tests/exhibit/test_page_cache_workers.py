"""
A withdrawal reaches every worker: two real gunicorn workers with the page cache in each one's memory
(no REDIS_URL), polled while a curator withdraws consent (tests/load/withdrawal.py). Runs on the
database engine this test run uses: a SQLite file, or a PostgreSQL database of its own.
"""

from pathlib import Path

from tests.load.withdrawal import run_on_test_database

HARNESS = Path(__file__).resolve().parents[1] / "load" / "withdrawal.py"


def test_no_worker_serves_a_withdrawn_photograph_after_the_save_returns(tmp_path):
    result, output, status = run_on_test_database(HARNESS, tmp_path / "result.json", "--after", "3",
                                                  suffix="withdrawal")
    assert result, output
    assert result["cache_hits_before_save"] > 0, output  # both workers were answering from their caches
    assert result["answers_after_save"] >= 20, output
    assert result["stale_after_save"] == 0, output
    assert status == 0, output
