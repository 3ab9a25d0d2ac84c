"""
The content generation, and values cached under it: never stale.

Correctness does not depend on knowing which pages an article appears on. Every cache key holds
the site's *content generation*: a value in the shared cache that changes whenever any content
changes (a save, delete or many-to-many change of the models the apps register with
``watch_content``, at once and again after the transaction commits). A change therefore makes every
cached page and value unreachable at once, on every web process that shares the cache.

Scheduled content needs no change to appear: visibility follows the clock. So no cached entry
outlives the next scheduled publish time (content the apps register with
``register_scheduled``), which is looked up once per generation (see ``next_scheduled_change``).

The page cache (pagecache.py) keeps whole pages this way; ``cached_value`` keeps any value.
"""

import contextlib
import hashlib
import logging
import math
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

logger = logging.getLogger(__name__)

GENERATION_KEY = "content-generation"
NEXT_CHANGE_PREFIX = "next-change"
VALUE_PREFIX = "value"


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
    """Tell every process sharing the cache that ``what`` changed; returns the new value (None if
    the cache is down: a save must not fail because of it, the error is logged)."""
    token = uuid.uuid4().hex
    try:
        generation_cache().set(key, token, timeout=None)
    except Exception:
        logger.error("Could not renew %s", what, exc_info=True)
        return None
    return token


# The generation as this process last read it, and when (time.monotonic()). Every request asks
# for it; the shared cache is asked at most once per GENERATION_READ_INTERVAL seconds per
# process, so another process's change shows here at most that late. A change this process makes
# replaces it at once.
GENERATION_READ_INTERVAL = 1.0
_last_read = (None, 0.0)


def content_generation():
    """The current generation: an opaque value every cache key of content includes."""
    global _last_read
    value, read_at = _last_read
    now = time.monotonic()
    if value is not None and now - read_at < GENERATION_READ_INTERVAL:
        return value
    value = shared_token(GENERATION_KEY)
    _last_read = (value, now)
    return value


def forget_content_generation():
    """Ask the shared cache on the next read (tests; a cache emptied under this process)."""
    global _last_read
    _last_read = (None, 0.0)


def request_generation(request):
    """The content generation as this request first read it (the middleware reads it first): one
    read of the shared cache per request, however many fragments the page keeps."""
    generation = getattr(request, "content_generation", None)
    if generation is None:
        generation = request.content_generation = content_generation()
    return generation


def bump_content_generation():
    """Make every cached page and value unreachable: in this process at once, in every other
    process sharing the cache within GENERATION_READ_INTERVAL. While the cache is down, what it
    held before is not served, and expires within PAGE_CACHE_TIMEOUT."""
    global _last_read
    token = renew_shared_token(GENERATION_KEY, "the content generation")
    _last_read = (token, time.monotonic()) if token else (None, 0.0)


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
