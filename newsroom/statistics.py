"""
The query planner's statistics after bulk loads. PostgreSQL plans queries from statistics that
autovacuum gathers in the background; where it is off or has not come round yet, a table just
filled by a bulk load looks empty to the planner, and searches over it pick plans that take
seconds. The commands that load in bulk gather them themselves when they are done.
"""

from django.db import connections, router


def analyze(models):
    """``ANALYZE`` the tables of ``models`` (many-to-many tables included when the apps' models
    are given with ``include_auto_created``) on PostgreSQL, after the load has committed: on
    other databases, nothing. Returns the tables analysed."""
    by_database = {}
    for model in models:
        if model._meta.proxy or not model._meta.managed:
            continue
        using = router.db_for_write(model)
        by_database.setdefault(using, [])
        if model._meta.db_table not in by_database[using]:
            by_database[using].append(model._meta.db_table)
    analysed = []
    for using, tables in by_database.items():
        connection = connections[using]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
                analysed.append(table)
    return analysed
