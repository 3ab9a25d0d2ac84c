"""
Whole pages cached for anonymous readers, and never stale: each page's key holds the content
generation (newsroom/generation.py), and no page outlives the next scheduled publish time.

What is never cached: requests with a session cookie (signed-in staff) or an Authorization
header, anything but GET and HEAD, the admin, previews, the editor's upload, the health check,
responses that set a cookie, vary on the cookie, say ``private`` / ``no-cache`` / ``no-store``,
or have a status other than 200.

When many readers ask for the same missing page at once (right after a change, every page is
missing), one of them renders it while the others wait for that render: a short lock in the shared
cache (``cache.add``, so one process of all wins), and the others poll for the stored page for at
most PAGE_CACHE_RENDER_WAIT seconds, or until the lock is gone without a page (one that may not be
stored: a 404), and then render it themselves.

Before Django: ``HitsFirst`` wraps the WSGI application (newsroom/wsgi.py) and sends a page this
process has ready, for a request the middleware would answer from it, without running Django's
handler; it decides with the middleware's rules (_bypass) and key (_page_key), and sends exactly
what the middleware's hit would send, prepared once per page (wsgi_hit).

Every response served from or stored into the cache carries a strong ``ETag`` (so a reader's
browser or a CDN revalidates with ``If-None-Match`` and gets a 304) and ``Cache-Control: public``
with a short ``max-age`` and ``s-maxage``, both bounded by the next scheduled publish time.
"""

import collections
import contextlib
import gzip
import hashlib
import logging
import math
import threading
import time

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

from .generation import (
    content_generation,
    data_cache,
    next_scheduled_change,
    request_generation,
    seconds_until,
)

logger = logging.getLogger(__name__)

PAGE_PREFIX = "page"

# Headers that describe one response to one client, not the page: not stored.
_NOT_STORED = {"set-cookie", "date", "x-cache", "age", "content-length"}

# Pages are stored compressed too (once, when stored) and sent so to every client that accepts it:
# a fifth of the bytes for a reader on a phone. Public pages hold no secret, so compression
# tells an attacker nothing (no BREACH).
_ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
_GZIP_MIN_BYTES = 1024

RENDER_PREFIX = "rendering"
# The lock outlives a render that takes this long only if its process died meanwhile.
_RENDER_LOCK_SECONDS = 30
_POLL_SECONDS = (0.005, 0.01, 0.02, 0.04, 0.05)  # then every 50 ms


# --- The middleware ---------------------------------------------------------------------------


def _excluded(request):
    # Static files too: the page cache comes first in MIDDLEWARE, before WhiteNoise serves them.
    return request.path.startswith(settings.STATIC_URL) or any(
        request.path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDE_PATHS
    )


def _bypass(request):
    """Why this request must not be answered from the cache (or stored), or ''."""
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return "off"
    if request.method not in ("GET", "HEAD"):
        return "method"
    if _excluded(request):
        return "path"  # the admin, previews, the editor's upload, the health check: never_cache
    if "%00" in request.META.get("QUERY_STRING", ""):
        return "refused"  # a NUL byte: a 400 below (middleware.RejectNulBytesMiddleware)
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return "signed-in"
    return ""


def _page_key(request, generation):
    # The scheme and host are part of the page (canonical and og:url links); so is its language:
    # the site's own, or the one LocaleMiddleware will choose (it sends Vary: Accept-Language).
    if "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE:
        language = translation.get_language_from_request(request)
    else:
        language = translation.get_language()
    identity = "|".join(
        [request.scheme, request.get_host(), request.get_full_path(), language or ""]
    )
    return f"{PAGE_PREFIX}:{generation}:{hashlib.md5(identity.encode()).hexdigest()}"


def _storable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    vary = response.get("Vary", "").lower()
    if "cookie" in vary or "*" in vary:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


def _public_headers(response, expires_at):
    """Cache-Control for browsers and CDNs, bounded by when the entry expires."""
    remaining = max(0, math.floor(expires_at - time.time()))
    patch_cache_control(
        response,
        public=True,
        max_age=min(settings.PAGE_CACHE_MAX_AGE, remaining),
        s_maxage=min(settings.PAGE_CACHE_S_MAXAGE, remaining),
    )


def _variants(entry):
    """What a hit sends, prepared once per page (when stored, or when first served by this
    process): for the plain page and for its gzipped copy, the body and every header but the
    Cache-Control, which follows the clock."""
    stored = [(name, value) for name, value in entry["headers"] if name.lower() != "cache-control"]
    cache_control = next(
        (value for name, value in entry["headers"] if name.lower() == "cache-control"), ""
    )
    gzipped = entry.get("gzipped")
    variants = {}
    for compressed in (False, True) if gzipped is not None else (False,):
        etag = f'{entry["etag"][:-1]}-gzip"' if compressed else entry["etag"]
        content = gzipped if compressed else entry["content"]
        probe = HttpResponse(status=entry["status"])
        for name, value in stored:
            probe[name] = value
        if compressed:
            probe["Content-Encoding"] = "gzip"
        if gzipped is not None:
            patch_vary_headers(probe, ["Accept-Encoding"])
        probe["Content-Length"] = str(len(content))
        probe["ETag"] = etag
        variants[compressed] = (content, dict(probe.items()), etag)
    # The Cache-Control of a page with more time left than the longest max-age: the same
    # for every hit until then.
    probe = HttpResponse()
    if cache_control:
        probe["Cache-Control"] = cache_control
    patch_cache_control(
        probe,
        public=True,
        max_age=settings.PAGE_CACHE_MAX_AGE,
        s_maxage=settings.PAGE_CACHE_S_MAXAGE,
    )
    return {
        "variants": variants,
        "cache_control": cache_control,
        "full_cache_control": probe["Cache-Control"],
        "full_until": entry["expires_at"]
        - max(settings.PAGE_CACHE_MAX_AGE, settings.PAGE_CACHE_S_MAXAGE),
    }


class _RecentPages:
    """The pages this process served last, ready to send (see _variants): a hit asks no cache.
    Keys hold the content generation, so a page here is current as long as the generation this
    process reads is (see generation.content_generation); each entry still ends at its own
    expiry (the next scheduled publish time)."""

    def __init__(self, size):
        self.size = size
        self.pages = collections.OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        ready = self.pages.get(key)
        if ready is not None and ready["expires_at"] <= time.time():
            return None
        return ready

    def put(self, key, ready):
        with self.lock:
            self.pages[key] = ready
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def clear(self):
        with self.lock:
            self.pages.clear()


_recent = _RecentPages(256)


def forget_recent_pages():
    """Empty this process's ready pages (tests; the shared cache was emptied)."""
    _recent.clear()


class PageCacheMiddleware:
    """
    Serve anonymous readers' GETs from the cache; store what may be stored. First in MIDDLEWARE,
    so that a hit skips everything else: what the middleware below it adds to a page (security
    headers, the Content-Security-Policy, the permissions policy, X-Frame-Options) is stored with
    the page, and a hit sends it as stored. Static files and the excluded paths pass through.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.localised = "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE

    def __call__(self, request):
        reason = _bypass(request)
        if reason:
            if reason == "signed-in" or (reason == "off" and not _excluded(request)):
                # A public page all the same: the cards and values it keeps are filed under the
                # generation read before the view reads any content (read later, a change
                # committed in between would file what the view read before it under the new
                # generation). The admin, previews, POSTs and the health check keep none.
                with contextlib.suppress(Exception):  # the cache is down: nothing is kept
                    request_generation(request)
            response = self.get_response(request)
            if reason == "signed-in" and not response.has_header("Cache-Control"):
                # What a signed-in user sees may be fresher than any shared copy: keep it theirs.
                patch_cache_control(response, private=True, no_cache=True)
            return response
        try:
            generation = request_generation(request)
            key = _page_key(request, generation)
            ready = _recent.get(key)
            if ready is not None:
                return self._send(request, ready)
            entry = data_cache().get(key)
        except Exception:  # a bad Host header (the stack answers 400), or the cache is down
            logger.warning("Page cache not used for %s", request.path, exc_info=True)
            return self.get_response(request)
        if entry is not None:
            return self._from_entry(request, key, entry)
        lock = f"{RENDER_PREFIX}:{key}"
        try:
            rendering = data_cache().add(lock, 1, _RENDER_LOCK_SECONDS)
        except Exception:  # the cache is down: render
            rendering = True
        if not rendering:
            entry = self._wait_for(key, lock)
            if entry is not None:
                return self._from_entry(request, key, entry)
        try:
            return self._render(request, generation, key)
        finally:
            if rendering:
                with contextlib.suppress(Exception):
                    data_cache().delete(lock)

    def _wait_for(self, key, lock):
        """The page another request is rendering, once it is stored; None if it is not stored in
        time, or its render ended without storing it."""
        cache = data_cache()
        give_up = time.monotonic() + settings.PAGE_CACHE_RENDER_WAIT
        pause = iter(_POLL_SECONDS)
        while time.monotonic() < give_up:
            time.sleep(next(pause, _POLL_SECONDS[-1]))
            try:
                found = cache.get_many([key, lock])
            except Exception:
                return None
            if key in found:
                return found[key]
            if lock not in found:
                return None  # rendered, not stored (e.g. a 404): each request renders its own
        return None

    def _render(self, request, generation, key):
        try:
            deadline = next_scheduled_change(generation)
        except Exception:  # the database is down: the view answers (503), nothing is stored
            return self.get_response(request)

        response = self.get_response(request)
        if not _storable(response):
            return response
        timeout = seconds_until(deadline, settings.PAGE_CACHE_TIMEOUT)
        content = response.content
        etag = response.get("ETag") or f'"{hashlib.md5(content).hexdigest()}"'
        entry = {
            "status": response.status_code,
            "headers": [(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED],
            "content": content,
            "gzipped": (
                gzip.compress(content, compresslevel=6, mtime=0)
                if len(content) >= _GZIP_MIN_BYTES and not response.has_header("Content-Encoding")
                else None
            ),
            "etag": etag,
            "expires_at": time.time() + timeout,
        }
        if timeout > 0:
            try:
                data_cache().set(key, entry, timeout)
            except Exception:  # the cache is down: the reader still gets the page
                logger.warning("Page not cached: %s", request.path, exc_info=True)
        return self._from_entry(request, key if timeout > 0 else None, entry, "MISS")

    def _from_entry(self, request, key, entry, state="HIT"):
        ready = {"expires_at": entry["expires_at"], "status": entry["status"], **_variants(entry)}
        if key is not None:
            _recent.put(key, ready)
        return self._send(request, ready, state)

    def _send(self, request, ready, state="HIT"):
        compressed = _compressed(ready, request.META)
        response = _response(ready, compressed, state, time.time() < ready["full_until"])
        if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
            return get_conditional_response(
                request, etag=ready["variants"][compressed][2], response=response
            )
        return response


def _compressed(ready, meta):
    """Whether this client gets the gzipped copy of the page."""
    return True in ready["variants"] and bool(
        _ACCEPTS_GZIP.search(meta.get("HTTP_ACCEPT_ENCODING", ""))
    )


def _response(ready, compressed, state, full):
    """A ready page as a response: ``full`` while it has more time left than the longest
    max-age (the same Cache-Control for every hit), else with the Cache-Control of this moment."""
    content, headers, _etag = ready["variants"][compressed]
    response = HttpResponse(content, status=ready["status"], headers=headers)
    if full:
        response["Cache-Control"] = ready["full_cache_control"]
    else:
        if ready["cache_control"]:
            response["Cache-Control"] = ready["cache_control"]
        _public_headers(response, ready["expires_at"])
    response["X-Cache"] = state
    return response


# --- Hits before Django --------------------------------------------------------------------------


def _wsgi(response):
    """A response as Django's WSGI handler sends it: its status line and headers."""
    return (
        f"{response.status_code} {response.reason_phrase}",
        [
            *response.items(),
            *(("Set-Cookie", cookie.output(header="")) for cookie in response.cookies.values()),
        ],
    )


def _wsgi_ready(ready, compressed):
    """What the WSGI layer sends for a ready page, made once per page and variant per process
    (while the page's Cache-Control is the same for every hit): the response as the middleware
    sends a hit, and the 304 Django answers to a client that already holds it."""
    prepared = ready.setdefault("wsgi", {})
    found = prepared.get(compressed)
    if found is None:
        response = _response(ready, compressed, "HIT", full=True)
        etag = ready["variants"][compressed][2]
        holder = _Conditional({"HTTP_IF_NONE_MATCH": etag})
        not_modified = get_conditional_response(holder, etag=etag, response=response)
        found = prepared[compressed] = (
            response,
            (*_wsgi(response), response.content),
            (*_wsgi(not_modified), not_modified.content),
        )
    return found


class _Conditional:
    """The little of a GET request that ``get_conditional_response`` reads."""

    method = "GET"

    def __init__(self, meta):
        self.META = meta


# Conditional headers whose answer the WSGI layer leaves to Django (If-None-Match it answers).
_OTHER_CONDITIONS = ("HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE", "HTTP_IF_MODIFIED_SINCE")


def wsgi_hit(environ):
    """
    For a request the middleware would answer from the pages this process has ready (see
    _RecentPages): (status line, headers, body) exactly as the full stack would send them, or
    None (then Django answers). The request is Django's own (WSGIRequest), so the rules and the
    key are the middleware's: _bypass and _page_key.
    """
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return None
    if any(name in environ for name in _OTHER_CONDITIONS):
        return None
    try:
        # A copy: WSGIRequest writes the decoded path into what it is given, and Django must
        # receive the environ as the server sent it.
        request = WSGIRequest(environ.copy())
        if _bypass(request):
            return None
        key = _page_key(request, content_generation())
    except Exception:  # a bad Host header, the cache is down: Django answers as it would
        return None
    ready = _recent.get(key)
    if ready is None or time.time() >= ready["full_until"]:
        return None
    response, hit, not_modified = _wsgi_ready(ready, _compressed(ready, environ))
    if "HTTP_IF_NONE_MATCH" in environ:
        conditional = get_conditional_response(
            _Conditional(environ), etag=response["ETag"], response=response
        )
        if conditional is not response:
            return not_modified
    return hit


class HitsFirst:
    """
    WSGI middleware around Django's application (newsroom/wsgi.py): a page this process has
    ready is sent before Django's handler runs (no request object beyond its parsing, no
    middleware, no URL resolver, no request signals), with the headers prepared once per page.
    Everything else, and every request it is unsure of, goes to Django unchanged.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        hit = wsgi_hit(environ)
        if hit is None:
            return self.application(environ, start_response)
        status, headers, body = hit
        start_response(status, headers)
        return [body]
