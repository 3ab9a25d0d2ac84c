"""
Whole pages cached for anonymous readers, and never stale.

Correctness does not depend on knowing which pages an article appears on. Every cache key holds
the site's *content generation*: a value in the shared cache that changes whenever any content
changes (a save, delete or many-to-many change of the articles' and courts' models, at once and
again after the transaction commits). A change therefore makes every cached page unreachable at
once, on every web process that shares the cache.

Scheduled content needs no change to appear: visibility follows the clock. So no cached entry
outlives the next scheduled publish time of an article or edition, which is looked up once per
generation (see ``next_scheduled_change``).

What is never cached: requests with a session cookie (signed-in staff) or an Authorization
header, anything but GET and HEAD, the admin, previews, the editor's upload, the health check,
responses that set a cookie, vary on the cookie, say ``private`` / ``no-cache`` / ``no-store``,
or have a status other than 200.

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
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

logger = logging.getLogger(__name__)

GENERATION_KEY = "content-generation"
PAGE_PREFIX = "page"
NEXT_CHANGE_PREFIX = "next-change"
VALUE_PREFIX = "value"

# Headers that describe one response to one client, not the page: not stored.
_NOT_STORED = {"set-cookie", "date", "x-cache", "age", "content-length"}

# Pages are stored compressed too (once, when stored) and sent so to every client that accepts it:
# a fifth of the bytes for a reader on a phone. Public pages hold no secret, so compression
# tells an attacker nothing (no BREACH).
_ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
_GZIP_MIN_BYTES = 1024


def data_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def fragment_cache():
    """Rendered fragments: the web process's own memory (see settings.CACHES)."""
    return caches["fragments"] if "fragments" in settings.CACHES else data_cache()


def generation_cache():
    return caches[getattr(settings, "CONTENT_GENERATION_CACHE", "default")]


# --- The content generation ------------------------------------------------------------------


def shared_token(key):
    """A value in the shared cache that every process reads to learn that something changed (see
    ``renew_shared_token``). Raises if the cache is down."""
    cache = generation_cache()
    token = cache.get(key)
    if token is None:
        # Lost (first start, eviction, a cleared cache): start a new one that nobody has seen.
        cache.add(key, uuid.uuid4().hex, timeout=None)
        token = cache.get(key)
    return token


def renew_shared_token(key, what):
    """Tell every process sharing the cache that ``what`` changed. A save must not fail because
    the cache is down: the error is logged."""
    try:
        generation_cache().set(key, uuid.uuid4().hex, timeout=None)
    except Exception:
        logger.error("Could not renew %s", what, exc_info=True)


def content_generation():
    """The current generation: an opaque value every cache key of content includes."""
    return shared_token(GENERATION_KEY)


def request_generation(request):
    """The content generation as this request first read it (the middleware reads it first): one
    read of the shared cache per request, however many fragments the page keeps."""
    generation = getattr(request, "content_generation", None)
    if generation is None:
        generation = request.content_generation = content_generation()
    return generation


def bump_content_generation():
    """Make every cached page and value unreachable, for every process sharing the cache. While
    the cache is down, what it held before is not served, and expires within PAGE_CACHE_TIMEOUT."""
    renew_shared_token(GENERATION_KEY, "the content generation")


def content_changed(sender=None, using=None, **kwargs):
    """
    Signal receiver for any change to content. Bumps the generation at once (so the process
    that made the change sees it, even inside its transaction) and again when the transaction
    commits (so that no page rendered from the data before the commit survives it).
    """
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed sends pre_add / pre_remove / pre_clear too
    bump_content_generation()
    using = using or router.db_for_write(sender)
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(bump_content_generation, using=using)


def watch_content(models):
    """
    Make every change to a row of ``models`` (saved, deleted, its many-to-many links changed) a
    change of content: the apps whose rows readers see call this in their AppConfig.ready().
    """
    for model in models:
        uid = f"newsroom.content:{model._meta.label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid + ":delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                content_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}:{field.name}:m2m",
            )


# --- Scheduled content -------------------------------------------------------------------------


# Where scheduled content lives: functions of the time now, each giving a queryset of the rows
# that become public later (with their ``publish_at``). The apps that have such content register
# it in their AppConfig.ready() (register_scheduled); this module knows no app.
_scheduled_sources = []


def register_scheduled(source):
    """Tell the page cache about scheduled content: ``source(now)`` is a queryset of rows that
    become public at their ``publish_at``, later than ``now``."""
    if source not in _scheduled_sources:
        _scheduled_sources.append(source)


def _scheduled_time(now):
    """The earliest future publish time among the registered scheduled content (one query), or
    None."""
    if not _scheduled_sources:
        return None
    first, *others = (
        source(now).order_by().values_list("publish_at", flat=True) for source in _scheduled_sources
    )
    times = first.union(*others).order_by("publish_at") if others else first.order_by("publish_at")
    first = next(iter(times[:1]), None)
    return first.timestamp() if first else None


def next_scheduled_change(generation=None):
    """
    The time (a Unix timestamp) when something scheduled becomes public, or None. Looked up in
    the database once per generation (one query on two indexes) and until that time.
    """
    generation = generation or content_generation()
    cache = data_cache()
    key = f"{NEXT_CHANGE_PREFIX}:{generation}"
    now = time.time()
    try:
        cached = cache.get(key)
    except Exception:  # the cache is down: ask the database
        cached = None
    if cached is not None and (cached == 0 or cached > now):
        return cached or None
    upcoming = _scheduled_time(timezone.now())
    timeout = settings.PAGE_CACHE_TIMEOUT
    if upcoming is not None:
        timeout = min(timeout, math.floor(upcoming - now))
    if timeout > 0:
        with contextlib.suppress(Exception):
            cache.set(key, upcoming or 0, timeout)
    return upcoming


def seconds_until(deadline, limit):
    """``limit`` seconds, or fewer if ``deadline`` (from ``next_scheduled_change``) comes sooner;
    0 once it has passed. The deadline must be looked up *before* the page or value is made:
    something that became public while it was being made has a publish time after the lookup and
    before now, so it is the deadline, and what was made without it is not kept."""
    if deadline is None:
        return limit
    return max(0, min(limit, math.floor(deadline - time.time())))


def cached_value(name, compute, generation=None, scheduled=True, cache=None):
    """
    ``compute()``, kept in the data cache until content changes or something scheduled appears:
    for values that are costly at archive scale (counts of the whole archive) and identical for
    every reader. ``name`` must say everything the value depends on besides the content. A value
    that does not depend on what is published when (``scheduled=False``: an article card) is kept
    until content changes, without looking up the next scheduled time. ``cache`` is the data
    cache unless given.
    """
    cache = data_cache() if cache is None else cache
    try:
        generation = generation or content_generation()
        key = f"{VALUE_PREFIX}:{generation}:{hashlib.md5(name.encode()).hexdigest()}"
        value = cache.get(key)
    except Exception:  # the cache is down: compute it every time rather than fail
        logger.warning("Data cache not used for %s", name, exc_info=True)
        return compute()
    if value is None:
        deadline = next_scheduled_change(generation) if scheduled else None
        value = compute()
        timeout = seconds_until(deadline, settings.PAGE_CACHE_TIMEOUT)
        if timeout > 0:
            with contextlib.suppress(Exception):
                cache.set(key, value, timeout)
    return value


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
