"""Concurrency on PostgreSQL: a test's second connection waiting for a row lock."""

import time

from django.db import connection


def wait_until_a_query_waits_for_a_lock(thread):
    """Until another connection of this database waits for a row lock (or the thread ended)."""
    with connection.cursor() as cursor:
        while thread.is_alive():
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # fresh figures in a transaction
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.01)
