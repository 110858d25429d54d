"""
A withdrawal reaches every worker: two real gunicorn workers with the page cache in each one's memory
(no REDIS_URL), polled while a curator withdraws consent (tests/load/withdrawal.py). Runs on the
database engine this test run uses: a SQLite file, or a PostgreSQL database of its own.
"""

import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from tests.load.run_load import database_url

HARNESS = Path(__file__).resolve().parents[1] / "load" / "withdrawal.py"


def test_no_worker_serves_a_withdrawn_photograph_after_the_save_returns(tmp_path):
    command = [sys.executable, str(HARNESS), "--after", "3", "--json", str(tmp_path / "result.json")]
    default = settings.DATABASES["default"]
    if not default["ENGINE"].endswith("sqlite3"):
        command += ["--database-url", database_url({**default, "NAME": f"{default['NAME']}_withdrawal"})]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=600)
    output = finished.stdout + finished.stderr
    result = json.loads((tmp_path / "result.json").read_text())
    assert result["cache_hits_before_save"] > 0, output  # both workers were answering from their caches
    assert result["answers_after_save"] >= 20, output
    assert result["stale_after_save"] == 0, output
    assert finished.returncode == 0, output
