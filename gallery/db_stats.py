"""
Planner statistics for the embedded SQLite database.

SQLite plans queries from statistics that only ANALYZE writes, and without them it runs Wagtail's
full-text search backwards: every index entry first, then one FTS lookup each (31 ms for 2,000
photographs instead of under 1 ms). Commands that add many rows refresh the statistics when they
finish. PostgreSQL keeps its own through autovacuum, so it is left alone.
"""

from django.db import connection


def refresh_planner_statistics():
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
