"""
1,000 distinct hostile IIIF requests against a real gunicorn (tests/load/hostile_iiif.py) add at most
a few MB to the store and leave every worker's memory bounded. Runs on this test run's database engine.
"""

from pathlib import Path

from tests.load.withdrawal import run_on_test_database

HARNESS = Path(__file__).resolve().parents[2] / "load" / "hostile_iiif.py"


def test_a_thousand_hostile_requests_add_little_to_the_store_and_memory_stays_bounded(tmp_path):
    result, output, status = run_on_test_database(
        HARNESS, tmp_path / "result.json", "--max-store-mb", "3", "--max-rss-mb", "400", suffix="hostile"
    )
    assert result, output
    assert result["distinct"] == result["requests"] == 1000, output
    assert result["store_growth_bytes"] <= 3_000_000, output
    assert 0 < max(result["worker_rss_mb_peak"].values()) <= 400, output
    assert "500" not in result["statuses"], output
    assert status == 0, output
