from django.db import models


class WorkerLease(models.Model):
    """A running task worker (`manage.py db_worker`), alive while it keeps renewing this row: a task left
    RUNNING by a worker whose lease has run out goes back to the queue (workers.lease)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.worker_id} until {self.expires_at:%Y-%m-%d %H:%M:%S}"
