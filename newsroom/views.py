"""Site-wide views: robots.txt, the favicon, the health checks, uploaded files, the 500 page."""

import os
import posixpath
import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils._os import safe_join
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import content_disposition_header
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from .generation import cached_value
from .unavailable import RETRY_AFTER_SECONDS, database_unavailable_response, is_database_outage
from .uploads import is_public_upload, staff_may_fetch


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
    """An upload, when Django serves MEDIA_ROOT itself (SERVE_MEDIA, the default on local disk).

    Readers get a file only while something public uses it (newsroom.uploads, whose rules the
    apps register; the answer is kept until content changes), cacheable by browsers and a CDN
    for MEDIA_CACHE_MAX_AGE; staff get the files of what they may see in the admin, never stored
    by a shared cache. Anyone else gets the 404 of a missing file. Never sniffed as another type,
    never run as a page, and a page PDF as a download. With MEDIA_ACCEL_REDIRECT the web server
    in front sends the file (X-Accel-Redirect to its internal location) once this view has said
    yes.
    """
    name = posixpath.normpath(path).lstrip("/")
    if name.startswith("..") or name in ("", "."):
        raise Http404
    public = cached_value(f"public-upload:{name}", lambda: is_public_upload(name))
    if not public and not staff_may_fetch(name, request.user):
        raise Http404
    if settings.MEDIA_ACCEL_REDIRECT:
        try:
            found = os.path.isfile(safe_join(settings.MEDIA_ROOT, name))
        except SuspiciousFileOperation:
            found = False
        if not found:
            raise Http404
        response = HttpResponse(content_type="")
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT.rstrip("/") + "/" + name
    else:
        response = serve(request, name, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    if name.lower().endswith(".pdf"):
        response["Content-Disposition"] = content_disposition_header(True, Path(name).name)
    if public:
        patch_cache_control(response, public=True, max_age=settings.MEDIA_CACHE_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
    return response


def server_error(request):
    """The 500 handler: a database outage anywhere (a middleware included) is a 503 instead."""
    exception = sys.exc_info()[1]
    if is_database_outage(exception):
        return database_unavailable_response(request, exception)
    return defaults.server_error(request)
