"""One cluster (tests/load/cluster.py) for this folder's run: two app servers, a worker, a PostgreSQL
cluster of its own (so it can be restarted), Redis and SeaweedFS. Missing programs skip the tests with
the reason outside CI; under CI=true they fail."""

import os

import pytest

from tests.load import cluster as harness


@pytest.fixture(scope="session")
def cluster():
    reason = harness.unavailable_reason(postgres="private")
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    with harness.Cluster(postgres="private") as running:
        yield running
