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

Every response served from or stored into the cache carries a strong ``ETag`` (so a reader's
browser or a CDN revalidates with ``If-None-Match`` and gets a 304) and ``Cache-Control: public``
with a short ``max-age`` and ``s-maxage``, both bounded by the next scheduled publish time.
"""

import contextlib
import gzip
import hashlib
import logging
import math
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

from .generation import data_cache, next_scheduled_change, request_generation, seconds_until

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
    return any(request.path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDE_PATHS)


def _bypass(request):
    """Why this request must not be answered from the cache (or stored), or ''."""
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return "off"
    if request.method not in ("GET", "HEAD"):
        return "method"
    if _excluded(request):
        return "path"  # the admin, previews, the editor's upload, the health check: never_cache
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


class PageCacheMiddleware:
    """
    Serve anonymous readers' GETs from the cache; store what may be stored. Sits near the top
    of MIDDLEWARE (after security and static files), so that a hit skips sessions, CSRF,
    authentication and the view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

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
            entry = data_cache().get(key)
        except Exception:  # a bad Host header (the stack answers 400), or the cache is down
            logger.warning("Page cache not used for %s", request.path, exc_info=True)
            return self.get_response(request)
        if entry is not None:
            return self._from_entry(request, entry)
        lock = f"{RENDER_PREFIX}:{key}"
        try:
            rendering = data_cache().add(lock, 1, _RENDER_LOCK_SECONDS)
        except Exception:  # the cache is down: render
            rendering = True
        if not rendering:
            entry = self._wait_for(key, lock)
            if entry is not None:
                return self._from_entry(request, entry)
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
        return self._from_entry(request, entry, "MISS")

    def _from_entry(self, request, entry, state="HIT"):
        etag, content = entry["etag"], entry["content"]
        gzipped = entry.get("gzipped")
        compressed = gzipped is not None and _ACCEPTS_GZIP.search(
            request.META.get("HTTP_ACCEPT_ENCODING", "")
        )
        if compressed:
            # Another representation of the page, so another validator.
            etag, content = f'{etag[:-1]}-gzip"', gzipped
        response = HttpResponse(content, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        if compressed:
            response["Content-Encoding"] = "gzip"
        if gzipped is not None:
            patch_vary_headers(response, ["Accept-Encoding"])
        response["Content-Length"] = str(len(content))
        response["ETag"] = etag
        _public_headers(response, entry["expires_at"])
        response["X-Cache"] = state
        return get_conditional_response(request, etag=etag, response=response)
