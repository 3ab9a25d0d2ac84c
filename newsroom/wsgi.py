"""WSGI entry point, served by gunicorn in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

django_application = get_wsgi_application()

# Pages this process has ready go out before Django's handler runs (newsroom/pagecache.py).
from newsroom.pagecache import HitsFirst  # noqa: E402 (needs Django set up)

application = HitsFirst(django_application)

# What the apps registered to do before the first request (e.g. a worker's first search would
# otherwise wait while the word-segmentation dictionary loads).
from newsroom import warmup  # noqa: E402 (needs the application set up)

warmup.run()
