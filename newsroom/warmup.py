"""
Work a server process does once, before its first request (newsroom/wsgi.py runs it): the apps
register their tasks in their AppConfig.ready(), so the root wiring names no app's internals.
"""

_tasks = []


def register(task):
    """Run ``task()`` (no arguments) when a server process starts."""
    if task not in _tasks:
        _tasks.append(task)


def run():
    for task in _tasks:
        task()
