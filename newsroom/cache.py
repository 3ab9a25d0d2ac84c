"""
Django's Redis cache, made to give up quickly. Once Redis fails to answer (a machine gone, a
network cut), this process stops asking it for a few seconds: every use of the cache already
copes with an error (newsroom/pagecache.py goes on without it), so a page then costs at most one
timeout instead of one per read (a page reads the cache for the generation, the page, each
count and each photo's rendition).
"""

import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

# When each Redis (by its address) may be asked again, for the whole process: Django makes one
# cache object per thread.
_DOWN_UNTIL = {}


class CacheUnavailable(RedisConnectionError):
    """Not asked: the server did not answer a moment ago."""


class ResilientRedisCache(RedisCache):
    """``RedisCache`` that, after a connection error or a timeout, raises at once for
    ``PAUSE_AFTER_FAILURE`` seconds (default 5) instead of waiting for Redis again."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._pause = float(params.get("PAUSE_AFTER_FAILURE", 5))
        self._address = tuple(self._servers)


def _guarded(name):
    plain = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if time.monotonic() < _DOWN_UNTIL.get(self._address, 0):
            raise CacheUnavailable(f"Redis did not answer a moment ago: {name} not tried")
        try:
            return plain(self, *args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError):
            _DOWN_UNTIL[self._address] = time.monotonic() + self._pause
            raise

    method.__name__ = method.__qualname__ = name
    method.__doc__ = plain.__doc__
    return method


for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(ResilientRedisCache, _name, _guarded(_name))
