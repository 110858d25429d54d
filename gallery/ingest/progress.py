"""
What `import_photos` shows while it works: a progress bar with count and ETA on a terminal (plain
progress lines every tenth of the way when stderr is a file or pipe), and the background tasks'
log lines held back, so the one-line-per-file results are not broken up by them.
"""

import logging
import sys
import time
from contextlib import contextmanager

from tqdm import tqdm

# Loggers of the work a save sets off (public sizes, pyramids); embedded it runs in this process.
TASK_LOGGERS = ("gallery.tasks", "django_tasks")


class HeldRecords(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.records = []

    def emit(self, record):
        self.records.append(record)

    def problems(self):
        return [record for record in self.records if record.levelno >= logging.WARNING]

    def photographs_done(self):
        """Photographs whose public sizes were made (gallery.tasks says so once per photograph)."""
        return sum(1 for record in self.records if record.name == "gallery.tasks" and record.levelno < logging.WARNING)


@contextmanager
def held_task_logs():
    """Collect the task loggers' records instead of letting them print, and hand them over after."""
    held = HeldRecords()
    saved = []
    for name in TASK_LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.propagate, logger.handlers[:], logger.level))
        logger.handlers, logger.propagate = [held], False
        if logger.level == logging.NOTSET or logger.level > logging.INFO:
            logger.setLevel(logging.INFO)
    try:
        yield held
    finally:
        for logger, propagate, handlers, level in saved:
            logger.handlers, logger.propagate, logger.level = handlers, propagate, level


class Progress:
    """A tqdm bar on a terminal; otherwise "[20/200] 10%, about 1 min 30 s left" lines on stderr."""

    def __init__(self, total, *, enabled=True, stream=None):
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.terminal = enabled and self.stream.isatty()
        self.lines = enabled and not self.terminal and total > 0
        self.every = max(1, total // 10)
        self.bar = tqdm(total=total, unit="file", disable=not self.terminal, file=self.stream, dynamic_ncols=True)

    def write(self, stdout, line):
        """Write a result line without breaking the bar."""
        if self.terminal:
            with self.bar.external_write_mode():
                stdout.write(line)
        else:
            stdout.write(line)

    def step(self):
        self.done += 1
        self.bar.update(1)
        if self.lines and (self.done % self.every == 0 or self.done == self.total):
            self.stream.write(f"[{self.done}/{self.total}] {100 * self.done // self.total}%, {self.eta()}\n")
            self.stream.flush()

    def eta(self):
        if self.done == self.total:
            return f"done in {_duration(time.monotonic() - self.started)}"
        per_file = (time.monotonic() - self.started) / self.done
        return f"about {_duration(per_file * (self.total - self.done))} left"

    def close(self):
        self.bar.close()


def _duration(seconds):
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60} s"
