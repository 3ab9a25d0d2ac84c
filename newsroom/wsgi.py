"""WSGI entry point, served by gunicorn in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()

# A worker's first search would otherwise wait while the word-segmentation dictionary loads.
from articles.segmentation import segmenter  # noqa: E402 (needs the application set up)

segmenter.warm_up()
