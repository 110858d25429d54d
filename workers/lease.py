"""
The task worker (`manage.py db_worker`): django-tasks-db's, with what a deployment of several machines
needs from it.

- A lease. django-tasks-db marks a task RUNNING when a worker claims it and nothing ever looks at it
  again: a worker killed in the middle (SIGKILL, out of memory, its machine lost) leaves it RUNNING for
  good, and a photograph without its pyramid. Here every worker keeps a WorkerLease row, renewed from
  a thread every third of TASK_WORKER_LEASE_SECONDS; that thread (and each worker as it starts) hands
  a task RUNNING under a worker whose lease has run out back to the queue, where the next free worker
  runs it again from the start. The tasks are made for it: a pyramid is rebuilt over its own file
  names and its pyramid.json is written last, so a half-built one is never read, and renditions are
  made once per filter. A task whose workers died TASK_WORKER_MAX_ATTEMPTS times is failed instead,
  so one photograph that kills every worker it meets cannot take them all down in turn.
- Housekeeping, in the same thread, every ORPHAN_SWEEP_SECONDS: originals an app server stored and then
  died before committing their photograph's row are deleted once older than ORPHAN_ORIGINAL_GRACE_SECONDS
  (gallery.ingest.orphans).
- The database going away (a restart, a failover) is waited out: django-tasks-db's loop lets any error
  but a locked SQLite file end the worker. A task the worker could not record the end of is queued again.
"""

import datetime
import logging
import threading
import time

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from gallery.ingest import orphans

from .models import WorkerLease

logger = logging.getLogger("django_tasks_db")


class WorkerLost(Exception):
    """What a task is failed with when every worker that ran it died before it finished."""


def lease_seconds():
    return settings.TASK_WORKER_LEASE_SECONDS


def renew(worker_id):
    WorkerLease.objects.update_or_create(
        worker_id=worker_id, defaults={"expires_at": timezone.now() + datetime.timedelta(seconds=lease_seconds())})


def reclaim(backend_name, own_worker_id=None):
    """Queue again (or fail, past the attempts allowed) every task RUNNING under a worker whose lease
    has run out; returns (queued again, failed)."""
    now = timezone.now()
    live = set(WorkerLease.objects.filter(expires_at__gt=now).values_list("worker_id", flat=True))
    # A worker renews its lease before it claims anything: a claim younger than one lease is left alone
    # even without one (a worker of django-tasks-db's own, which keeps no lease, is given that long).
    claimed_before = now - datetime.timedelta(seconds=lease_seconds())
    running = DBTaskResult.objects.running().filter(backend_name=backend_name, started_at__lt=claimed_before)
    queued = failed = 0
    for result in running.only("id", "worker_ids", "started_at", "task_path"):
        worker = result.worker_ids[-1] if result.worker_ids else None
        if worker in live or worker == own_worker_id:
            continue
        same_claim = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING,
                                                 started_at=result.started_at)
        if len(result.worker_ids) >= settings.TASK_WORKER_MAX_ATTEMPTS:
            reason = (f"{WorkerLost.__module__}.{WorkerLost.__qualname__}: the {len(result.worker_ids)} workers that "
                      f"ran this task ({', '.join(result.worker_ids)}) all stopped before it finished\n")
            failed += same_claim.update(status=TaskResultStatus.FAILED, finished_at=now, return_value=None,
                                        exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                                        traceback=reason)
            logger.error("Task id=%s (%s) failed: its workers %s all died", result.pk, result.task_path,
                         result.worker_ids)
        elif same_claim.update(status=TaskResultStatus.READY):
            queued += 1
            logger.warning("Task id=%s (%s) queued again: its worker %s stopped renewing its lease",
                           result.pk, result.task_path, worker)
    WorkerLease.objects.filter(expires_at__lt=now - datetime.timedelta(seconds=lease_seconds())).delete()
    return queued, failed


class LeasedWorker(Worker):
    def run(self):
        self._stopping = threading.Event()
        renew(self.worker_id)
        reclaim(self.backend_name, self.worker_id)
        heartbeat = threading.Thread(target=self._keep_lease, name="lease", daemon=True)
        heartbeat.start()
        try:
            self._run_through_outages()
        finally:
            self._stopping.set()
            try:
                WorkerLease.objects.filter(worker_id=self.worker_id).delete()
            except DatabaseError:
                pass  # it runs out by itself

    def _keep_lease(self):
        self._next_sweep = time.monotonic()
        while not self._stopping.wait(lease_seconds() / 3):
            try:
                renew(self.worker_id)
                reclaim(self.backend_name, self.worker_id)
                if time.monotonic() >= self._next_sweep:
                    self._next_sweep = time.monotonic() + settings.ORPHAN_SWEEP_SECONDS
                    orphans.remove_orphans(default_storage, settings.ORPHAN_ORIGINAL_GRACE_SECONDS)
            except DatabaseError:
                logger.warning("Could not renew the lease of worker %s", self.worker_id, exc_info=True)
            except Exception:  # the store not answering, say: the lease must go on being renewed
                logger.warning("Housekeeping failed in worker %s", self.worker_id, exc_info=True)
            finally:
                connection.close()  # this thread's own; a dead one must not be kept for the next round

    def _run_through_outages(self):
        pause = self.interval or 0.5
        while True:
            try:
                super().run()
                return
            except DatabaseError:
                if not self.running:
                    raise
                logger.warning("The database is not answering; worker %s waits %.1f s", self.worker_id, pause,
                               exc_info=True)
                close_old_connections()
                connection.close()
                time.sleep(pause)
                pause = min(pause * 2, 10)
                self._requeue_own()
                self.startup_delay = False

    def _requeue_own(self):
        """A task this worker was running when the database went away: its end was not recorded."""
        try:
            for result in DBTaskResult.objects.running().filter(backend_name=self.backend_name).only("id", "worker_ids"):
                if result.worker_ids and result.worker_ids[-1] == self.worker_id:
                    DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
                        status=TaskResultStatus.READY)
        except DatabaseError:
            pass  # still down: the loop tries again, and so does this
