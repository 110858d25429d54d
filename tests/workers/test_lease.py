"""The task worker's leases: a task RUNNING under a worker whose lease ran out is queued again (or
failed, once its workers died too often); a live worker's task, or a claim younger than a lease, is left."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from workers.models import WorkerLease
from workers.lease import reclaim, renew

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def lease(settings):
    settings.TASK_WORKER_LEASE_SECONDS = 10
    settings.TASK_WORKER_MAX_ATTEMPTS = 3


def running_task(workers, started_seconds_ago=60):
    return DBTaskResult.objects.create(
        status="RUNNING", task_path="gallery.tasks.make_public_sizes", args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default", run_after=get_date_max(), worker_ids=workers,
        started_at=timezone.now() - datetime.timedelta(seconds=started_seconds_ago))


def status(task):
    task.refresh_from_db()
    return task.status


def test_a_task_whose_worker_stopped_renewing_is_queued_again():
    WorkerLease.objects.create(worker_id="dead", expires_at=timezone.now() - datetime.timedelta(seconds=1))
    task = running_task(["dead"])

    assert reclaim("default") == (1, 0)
    assert status(task) == "READY"
    assert DBTaskResult.objects.ready().filter(pk=task.pk).exists()  # the next free worker takes it


def test_a_live_workers_task_and_a_fresh_claim_are_left_running():
    renew("alive")
    busy = running_task(["alive"])
    fresh = running_task(["no-lease-yet"], started_seconds_ago=2)
    own = running_task(["me"])

    assert reclaim("default", own_worker_id="me") == (0, 0)
    assert [status(busy), status(fresh), status(own)] == ["RUNNING"] * 3


def test_a_task_that_outlived_every_attempt_fails_with_the_reason():
    task = running_task(["one", "two", "three"])

    assert reclaim("default") == (0, 1)
    task.refresh_from_db()
    assert task.status == "FAILED" and task.finished_at is not None
    assert "WorkerLost" in task.exception_class_path and "one, two, three" in task.traceback


def test_expired_leases_are_cleared():
    WorkerLease.objects.create(worker_id="long-gone", expires_at=timezone.now() - datetime.timedelta(hours=1))
    renew("alive")

    reclaim("default")
    assert list(WorkerLease.objects.values_list("worker_id", flat=True)) == ["alive"]
