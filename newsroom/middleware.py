"""Site-wide middleware: NUL bytes refused, request bodies capped, the Content-Security-Policy,
and a plain 503 when the database is down."""

import codecs
import functools
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext

from .unavailable import database_unavailable_response, is_database_outage

NUL = "\x00"
# The only way a NUL byte reaches a decoded query string (QueryDict decodes UTF-8, in which no
# other sequence means NUL), so most requests are passed after one look at the raw string.
_NUL_IN_A_QUERY_STRING = ("%00", NUL)
_FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def _is_utf8(encoding):
    """Whether the request's data is read as UTF-8 (no charset given means the site's own)."""
    try:
        return codecs.lookup(encoding or settings.DEFAULT_CHARSET).name == "utf-8"
    except LookupError:
        return False


def holds_nul(data):
    """Whether any key or value of a QueryDict holds a NUL byte."""
    return any(NUL in key or any(NUL in value for value in values) for key, values in data.lists())


class RejectNulBytesMiddleware:
    """A NUL byte in the query string is a 400 Bad Request.

    PostgreSQL refuses NUL in text: such a value, reaching a query (an admin filter or search,
    the autocomplete's term, a saved field), would be a server error. No page or form of the
    site has a use for one. Public pages never let one through (their forms validate), and this
    covers everything else at once. Form data is checked later, by RequestBodyMiddleware, once
    CSRF has passed: this one, before sessions and the page cache, never reads a body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not _is_utf8(request.encoding):
            # A GET has no body: a charset in its Content-Type could only change how its query
            # string reads (UTF-7 spells NUL without %00), and a page cached under its URL must
            # read the same for every reader. The site's own charset it is.
            request.encoding = None
        query_string = request.META.get("QUERY_STRING", "")
        quick = _is_utf8(request.encoding)  # the markers below are all UTF-8 has for NUL
        if (
            not quick or any(marker in query_string for marker in _NUL_IN_A_QUERY_STRING)
        ) and holds_nul(request.GET):
            raise BadRequest("NUL byte in the query string")
        return self.get_response(request)


def body_too_large(request, length):
    """Whether ``length`` bytes is more than this user may send: enough for an edition's page
    PDF and page image from signed-in staff, a sign-in form's worth from anyone else.

    The user is looked at only for a body larger than anyone may send: reading the session
    would mark every response as varying by cookie, and the page cache keeps no such page."""
    if length <= settings.REQUEST_BODY_MAX_BYTES_ANONYMOUS:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return length > settings.REQUEST_BODY_MAX_BYTES_STAFF
    return True


class RequestBodyMiddleware:
    """Request bodies: capped by who sends them, and read only where a view will use them.

    Placed after authentication, so that the cap knows who is asking: a body larger than
    body_too_large() (by its Content-Length, before a byte of it is read) is a 413. Its form data is
    read in process_view, that is only for an address that has a view, after CSRF's check has
    passed (CsrfViewMiddleware stands earlier in settings.MIDDLEWARE): an anonymous upload to
    any address is answered without being written to a temporary file. A NUL byte in the form
    data is then a 400, as in the query string (RejectNulBytesMiddleware). Django keeps the
    parsed data, uploads included, for the view (no view of the site reads the raw body of a
    form or replaces the upload handlers).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads such a body as empty
        if body_too_large(request, length):
            response = HttpResponse(
                gettext("The request is too large."),
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            response["Connection"] = "close"  # the unread body is not waited for
            return response
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and request.content_type in _FORM_TYPES:
            try:
                form_data = request.POST
            except OSError:
                # The client went away while sending (UnreadablePostError): the form then reads
                # as empty, and the view answers as for any broken request.
                form_data = None
            if form_data is not None and holds_nul(form_data):
                raise BadRequest("NUL byte in the form data")
        return None


@functools.cache
def uploads_origins():
    """The origins uploads are served from when that is another host (an absolute MEDIA_URL,
    object storage or its CDN): the pages' images come from there."""
    origins = set()
    for url in (settings.MEDIA_URL, default_storage.url("probe")):
        parts = urlsplit(url)
        if parts.scheme in {"http", "https"} and parts.netloc:
            origins.add(f"{parts.scheme}://{parts.netloc}")
    return sorted(origins)


@receiver(setting_changed)
def _forget_uploads_origins(setting, **kwargs):
    if setting in {"MEDIA_URL", "STORAGES"}:
        uploads_origins.cache_clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY) for every page, with

    - the uploads' host in img-src, when uploads are served from another host;
    - on admin pages only, the additions the rich-text editor needs
      (settings.CONTENT_SECURITY_POLICY_ADMIN): the public site keeps the strict policy.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        additions = {"img-src": uploads_origins()}
        if request.path_info.startswith(reverse("admin:index")):
            admin_additions = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None) or {}
            for directive, sources in admin_additions.items():
                additions[directive] = [*additions.get(directive, []), *sources]
        update = {**(parts.update or {})}
        for directive, sources in additions.items():
            if sources:
                update[directive] = [*update.get(directive, []), *sources]
        return PolicyParts(parts.config, update or None, parts.replace, parts.nonce)


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 with a page that needs none.

    The same answer comes from the 500 handler (newsroom.views.server_error) for an outage that
    surfaces in another middleware; this one also covers DEBUG, where that handler is not used.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            return database_unavailable_response(request, exception)
        return None
