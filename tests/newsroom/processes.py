"""For tests that run manage.py or Python in a fresh process, as a server would start."""

import os


def clean_environment(**settings):
    """This process's environment without the project's settings, then ``settings``."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    return {**environment, **settings}
