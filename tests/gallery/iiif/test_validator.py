"""The official IIIF Image API validator, run against a live server, at level 2."""

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from gallery import rights
from tests.conftest import shared_path

TEST_PATTERN = "67352ccc-d1b0-11e1-89ae-279075081939"
VALIDATOR = Path(sys.executable).parent / "iiif-validate.py"
LEVEL_2_TESTS = 33  # what iiif-validator 1.0.5 runs for --version=3.0 --level=2

# A live server needs committed rows; serialized_rollback puts back what migrations made (the root
# collection, groups) for the tests that follow on this worker.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def test_pattern(make_photo, run_tasks):
    data = shared_path("iiif", f"{TEST_PATTERN}.png").read_bytes()
    return make_photo(
        data=data, name="test-pattern.png", iiif_identifier=TEST_PATTERN,
        rights="http://creativecommons.org/publicdomain/zero/1.0/", title="IIIF test pattern",
    )


def run_validator(server, identifier):
    if not VALIDATOR.exists():
        pytest.fail(f"{VALIDATOR} is missing: install iiif-validator==1.0.5 (make install does)")
    return subprocess.run(
        [sys.executable, str(VALIDATOR), "-s", server, "-p", "iiif/3", "-i", identifier,
         "--version=3.0", "--level=2"],
        capture_output=True, text=True, timeout=600,
    )


def test_the_official_validator_passes_every_level_2_test(test_pattern, live_server, settings):
    port = urlsplit(live_server.url).port
    # info.json's id is the site's public address, which the validator requires to be the URL it asked.
    settings.SITE_BASE_URL = f"http://127.0.0.1:{port}"
    result = run_validator(f"127.0.0.1:{port}", TEST_PATTERN)
    output = result.stdout + result.stderr
    done = re.search(r"Done \((\d+) tests, (\d+) failures\)", output)
    assert done, output
    assert (int(done.group(1)), int(done.group(2))) == (LEVEL_2_TESTS, 0), output
    assert result.returncode == 0, output


def test_the_validator_fails_a_photograph_that_is_not_public(test_pattern, live_server):
    test_pattern.is_published = False
    test_pattern.save()
    port = urlsplit(live_server.url).port
    result = subprocess.run(
        [sys.executable, str(VALIDATOR), "-s", f"127.0.0.1:{port}", "-p", "iiif/3", "-i", TEST_PATTERN,
         "--version=3.0", "--test", "info_json", "--test", "id_basic"],
        capture_output=True, text=True, timeout=60,
    )
    assert "Done (2 tests, 2 failures)" in result.stdout + result.stderr
