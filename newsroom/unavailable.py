"""
The database cannot be reached: readers get the site's own 503 page, editors a plain admin page,
both with Retry-After and neither touching the database.

Nothing has to be restarted when the database comes back: a connection that failed is marked
unusable and closed at the end of the request, and CONN_HEALTH_CHECKS tests a kept connection
before each request uses it, so the next request connects afresh.
"""

import logging

from django.contrib import admin
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def is_database_outage(exception):
    """A failure to reach or talk to the database (not a bad query or a broken constraint)."""
    return isinstance(exception, OperationalError | InterfaceError)


def database_unavailable_response(request, exception):
    logger.warning("Database unavailable for %s %s: %s", request.method, request.path, exception)
    if request.path_info.startswith(reverse("admin:index")):
        template = "admin/database_unavailable.html"
        context = {"site_header": admin.site.site_header, "site_title": admin.site.site_title}
    else:
        template = "503.html"
        context = {}
    # Rendered without the request: context processors could reach for the database (the user).
    response = HttpResponse(loader.get_template(template).render(context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
