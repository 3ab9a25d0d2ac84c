"""A Redis that stops answering: the site goes on without it, and stops asking it for a while."""

import socket
import threading

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from newsroom import cache as resilient
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def silent_redis():
    """A server that accepts connections and never answers (Redis on a machine that froze);
    ``attempts`` counts the connections made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    state = {"attempts": 0, "open": []}

    def accept():
        while True:
            try:
                connection, _address = server.accept()
            except OSError:
                return
            state["attempts"] += 1
            state["open"].append(connection)

    threading.Thread(target=accept, daemon=True).start()
    state["url"] = f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    yield state
    server.close()
    for connection in state["open"]:
        connection.close()
    resilient._DOWN_UNTIL.clear()


@pytest.fixture
def redis_cache(settings, silent_redis):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": silent_redis["url"],
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
            "PAUSE_AFTER_FAILURE": 60,
        },
    }
    settings.PAGE_CACHE_ALIAS = settings.CONTENT_GENERATION_CACHE = "default"
    return silent_redis


def test_a_page_is_made_without_a_redis_that_does_not_answer(redis_cache):
    for n in range(5):
        ArticleFactory(headline=f"草原法庭第{n}案")
    response = Client().get(reverse("articles:list"))
    assert response.status_code == 200
    assert "草原法庭第4案" in response.content.decode()
    # One wait, not one per read of the page (the generation, the page, counts, cards).
    first = redis_cache["attempts"]
    assert 1 <= first <= 2
    assert Client().get(reverse("home")).status_code == 200
    assert redis_cache["attempts"] == first  # not asked again during the pause


def test_after_the_pause_it_is_asked_again(redis_cache):
    cache = caches["default"]
    with pytest.raises(Exception):  # noqa: B017, PT011 - redis-py's timeout
        cache.get("x")
    with pytest.raises(resilient.CacheUnavailable):
        cache.get("x")
    resilient._DOWN_UNTIL.clear()  # the pause is over
    attempts = redis_cache["attempts"]
    with pytest.raises(Exception):  # noqa: B017, PT011
        cache.get("x")
    assert redis_cache["attempts"] > attempts
