from django.apps import AppConfig


class WorkersConfig(AppConfig):
    """The task worker (`manage.py db_worker`): a lease per running worker, so a task left RUNNING by a
    worker that died is queued again, and the worker's housekeeping between tasks."""

    name = "workers"
    verbose_name = "Task workers"
