"""django-tasks-db's `db_worker`, running workers.lease's worker: leases, so a task whose worker
died is run again, and the database's outages waited out. Same options."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from workers.lease import LeasedWorker


class Command(db_worker.Command):
    help = "Run a database background worker (tasks of a worker that died are run again)"

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, max_tasks,
               worker_id, exclude_queues, **options):
        self.configure_logging(verbosity)
        if reload and batch:
            reload = False
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise db_worker.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = LeasedWorker(queue_names=queue_names, interval=interval, batch=batch, backend_name=backend_name,
                              startup_delay=startup_delay, max_tasks=max_tasks, worker_id=worker_id,
                              excluded_queue_names=excluded)
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
