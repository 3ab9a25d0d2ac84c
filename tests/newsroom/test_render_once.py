"""No pile-ups: many readers asking at once for a page that is not cached (right after a change,
no page is) cause one render; the others wait for it and are served the stored page."""

import threading
from unittest import mock

import pytest
from django.http import Http404, HttpResponse
from django.test import Client
from django.urls import path

from newsroom import generation, pagecache
from newsroom.urls import urlpatterns as site_urls

pytestmark = pytest.mark.django_db

renders = []
started = threading.Event()
proceed = threading.Event()


def slow_page(request):
    renders.append(request.path)
    started.set()
    proceed.wait(5)  # the other readers arrive while this render is under way
    return HttpResponse("<p>" + "法院" * 1000 + "</p>")


def slow_missing(request):
    renders.append(request.path)
    started.set()
    proceed.wait(5)
    raise Http404


urlpatterns = [path("page/", slow_page), path("missing/", slow_missing), *site_urls]


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.ROOT_URLCONF = __name__
    settings.PAGE_CACHE_RENDER_WAIT = 5
    renders.clear()
    started.clear()
    proceed.clear()
    # the scheduled-content lookup is a query; these pages hold no content
    with mock.patch.object(pagecache, "next_scheduled_change", return_value=None):
        yield


def fetch_at_once(url, readers):
    """``readers`` GETs of ``url`` in threads, the first one rendering while the others arrive."""
    results = [None] * readers

    def get(index):
        results[index] = Client().get(url)

    first = threading.Thread(target=get, args=(0,))
    first.start()
    assert started.wait(5)
    others = [threading.Thread(target=get, args=(i,)) for i in range(1, readers)]
    for thread in others:
        thread.start()
    # the others are waiting (polling the cache) now; let the render finish
    threading.Timer(0.3, proceed.set).start()
    for thread in [first, *others]:
        thread.join(10)
    return results


def test_concurrent_misses_render_once():
    responses = fetch_at_once("/page/", 8)
    assert renders == ["/page/"]
    assert [r.status_code for r in responses] == [200] * 8
    assert len({r.content for r in responses}) == 1
    assert sorted(r["X-Cache"] for r in responses) == ["HIT"] * 7 + ["MISS"]


def test_a_page_that_is_not_stored_is_rendered_by_each_without_waiting_long():
    responses = fetch_at_once("/missing/", 4)
    assert [r.status_code for r in responses] == [404] * 4
    # the first render ended without a page to share: the others rendered their own
    assert len(renders) == 4


def test_after_a_change_it_is_rendered_once_again():
    fetch_at_once("/page/", 4)
    generation.bump_content_generation()
    started.clear()
    proceed.clear()
    fetch_at_once("/page/", 4)
    assert renders == ["/page/", "/page/"]


def test_a_waiter_renders_itself_when_the_render_takes_too_long(settings):
    settings.PAGE_CACHE_RENDER_WAIT = 0.1
    responses = fetch_at_once("/page/", 3)
    assert [r.status_code for r in responses] == [200] * 3
    assert len(renders) == 3  # nobody waits longer than PAGE_CACHE_RENDER_WAIT
