"""A cache hit does only what a hit needs: no other middleware, no read of the shared cache more
than once a second per process; another process's change shows at most a second late, this
process's own at once."""

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from articles import workflow
from articles.models import Article, Status
from newsroom import generation, pagecache
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_hit_runs_no_other_middleware_and_keeps_every_header():
    ArticleFactory(headline="草原上的巡回法庭")
    reader = Client()
    first = reader.get(reverse("home"))
    assert first["X-Cache"] == "MISS"
    with (
        mock.patch("newsroom.middleware.ContentSecurityPolicyMiddleware.process_response") as csp,
        mock.patch("django.middleware.security.SecurityMiddleware.process_request") as security,
        mock.patch("django.contrib.sessions.middleware.SessionMiddleware.process_request") as s,
    ):
        hit = reader.get(reverse("home"))
    assert hit["X-Cache"] == "HIT"
    assert not csp.called and not security.called and not s.called
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "X-Frame-Options",
        "ETag",
        "Cache-Control",
    ):
        assert hit[header] == first[header], header
    assert hit.content == first.content


def test_hits_read_the_shared_generation_at_most_once_a_second(clock):
    ArticleFactory()
    reader = Client()
    reader.get(reverse("home"))
    with mock.patch.object(generation, "shared_token", wraps=generation.shared_token) as reads:
        for _ in range(5):
            assert reader.get(reverse("home"))["X-Cache"] == "HIT"
        assert reads.call_count == 0
        clock.now += 1.0
        reader.get(reverse("home"))
        reader.get(reverse("home"))
        assert reads.call_count == 1


def test_another_process_change_shows_within_a_second(clock):
    article = ArticleFactory(headline="草原上的巡回法庭")
    reader = Client()
    assert "草原上的巡回法庭" in reader.get(reverse("home")).content.decode()
    # Another web process withdraws it: its rows change, and it renews the shared generation.
    Article.objects.filter(pk=article.pk).update(status=Status.WITHDRAWN)
    generation.generation_cache().set(generation.GENERATION_KEY, "another-process")
    clock.now += 0.5
    assert reader.get(reverse("home"))["X-Cache"] == "HIT"  # less than a second: allowed
    clock.now += 0.5
    fresh = reader.get(reverse("home"))
    assert fresh["X-Cache"] == "MISS"
    assert "草原上的巡回法庭" not in fresh.content.decode()


def test_this_process_change_shows_at_once(clock, editor):
    article = ArticleFactory(headline="草原上的巡回法庭")
    reader = Client()
    url = article.get_absolute_url()
    assert reader.get(url).status_code == 200
    assert reader.get(reverse("home"))["X-Cache"] == "MISS"
    workflow.apply(editor, article, "withdraw")
    assert reader.get(url).status_code == 404
    assert "草原上的巡回法庭" not in reader.get(reverse("home")).content.decode()


def test_static_files_pass_by_the_page_cache(client, settings):
    with mock.patch.object(pagecache, "data_cache") as cache:
        client.get(settings.STATIC_URL + "css/site.css")
    assert not cache.called
