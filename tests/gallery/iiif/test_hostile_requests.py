"""
1,000 distinct hostile IIIF requests against a real gunicorn (tests/load/hostile_iiif.py) add at most
a few MB to the store and leave every worker's memory bounded. Runs on this test run's database engine.
"""

import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from tests.load.run_load import database_url

HARNESS = Path(__file__).resolve().parents[2] / "load" / "hostile_iiif.py"


def test_a_thousand_hostile_requests_add_little_to_the_store_and_memory_stays_bounded(tmp_path):
    command = [sys.executable, str(HARNESS), "--json", str(tmp_path / "result.json"),
               "--max-store-mb", "3", "--max-rss-mb", "400"]
    default = settings.DATABASES["default"]
    if not default["ENGINE"].endswith("sqlite3"):
        command += ["--database-url", database_url({**default, "NAME": f"{default['NAME']}_hostile"})]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=900)
    output = finished.stdout + finished.stderr
    result = json.loads((tmp_path / "result.json").read_text())
    assert result["distinct"] == result["requests"] == 1000, output
    assert result["store_growth_bytes"] <= 3_000_000, output
    assert 0 < max(result["worker_rss_mb_peak"].values()) <= 400, output
    assert "500" not in result["statuses"], output
    assert finished.returncode == 0, output
