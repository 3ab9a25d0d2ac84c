"""
The smallest Django page there is, for the benchmark to compare cached pages with: a view that
returns a fixed 20 KB body, behind SecurityMiddleware and CommonMiddleware only, and nothing
else (no apps, no database, no templates). ``make bench`` serves it with the same gunicorn as
the site: ``gunicorn demo.reference:application``.
"""

import os

from django.conf import settings

_TEXT = "<!doctype html><title>法院专刊</title><p>" + "法院专刊数字报。" * 2000
BODY = _TEXT.encode()[: 20 * 1024].decode("utf-8", "ignore").encode()

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "reference-only-serves-a-fixed-page"),
        ALLOWED_HOSTS=os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(","),
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[],
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "django.middleware.common.CommonMiddleware",
        ],
        DATABASES={},
        USE_I18N=False,
    )

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def page(request):
    return HttpResponse(BODY)


urlpatterns = [path("", page)]

application = get_wsgi_application()
