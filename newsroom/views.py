"""Site-wide views: robots.txt, the favicon, the health checks, uploaded files, the 500 page."""

import sys
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from .unavailable import RETRY_AFTER_SECONDS, database_unavailable_response, is_database_outage


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        "Disallow: /search/",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's): the site's icon."""
    return redirect(static("img/favicon.svg"))


@never_cache
def health(request):
    """For load balancers: 200 when the database answers, 503 (with Retry-After, as the pages
    say it) when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "not healthy"
        response = JsonResponse({"status": "unavailable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_GET
def alive(request):
    """For load balancers' liveness checks (and the benchmark's baseline): the process answers,
    with no database work at all."""
    return HttpResponse("ok", content_type="text/plain")


# An uploaded file is data, never a page: nothing in it may run, whatever it claims to be.
MEDIA_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def media(request, path):
    """An upload, when Django serves MEDIA_ROOT itself (SERVE_MEDIA): never sniffed as another
    type, never run as a page, and a page PDF as a download."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    if path.lower().endswith(".pdf"):
        response["Content-Disposition"] = content_disposition_header(True, Path(path).name)
    return response


def server_error(request):
    """The 500 handler: a database outage anywhere (a middleware included) is a 503 instead."""
    exception = sys.exc_info()[1]
    if is_database_outage(exception):
        return database_unavailable_response(request, exception)
    return defaults.server_error(request)
