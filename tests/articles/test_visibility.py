"""
Only published content, everywhere: drafts, articles waiting for review, withdrawn or future
articles, and anything on an unpublished or future edition never reach a public surface.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Status
from courts.models import Court
from tests.factories import (
    ArticleFactory,
    ContributorFactory,
    CourtFactory,
    CreditFactory,
    IssueFactory,
)

pytestmark = pytest.mark.django_db

MARK = "隐藏稿件"


def later():
    return timezone.now() + datetime.timedelta(days=1)


@pytest.fixture
def world():
    ordos = Court.objects.get(slug="ordos")
    basic = CourtFactory(parent=ordos)
    reporter = ContributorFactory()
    public_issue = IssueFactory(date=datetime.date(2025, 6, 27))
    public = ArticleFactory(issue=public_issue, position=2, headline="公开稿件", courts=[basic])
    CreditFactory(article=public, contributor=reporter)
    hidden_issues = {
        "draft edition": IssueFactory(
            date=datetime.date(2025, 7, 4), status=Status.DRAFT, publish_at=None
        ),
        "future edition": IssueFactory(date=datetime.date(2025, 7, 11), publish_at=later()),
    }
    hidden = {
        "draft": {"status": Status.DRAFT, "publish_at": None},
        "review": {"status": Status.REVIEW, "publish_at": None},
        "withdrawn": {"status": Status.WITHDRAWN},
        "future": {"publish_at": later()},
        "on draft edition": {"issue": hidden_issues["draft edition"]},
        "on future edition": {"issue": hidden_issues["future edition"]},
    }
    articles = {}
    for i, (name, changes) in enumerate(hidden.items()):
        changes = {"issue": public_issue, "position": i + 3, **changes}
        article = ArticleFactory(headline=f"{MARK}{name}", courts=[ordos, basic], **changes)
        CreditFactory(article=article, contributor=reporter)
        articles[name] = article
    return {
        "public": public,
        "issue": public_issue,
        "hidden": articles,
        "hidden_issues": hidden_issues,
        "reporter": reporter,
        "court": ordos,
        "basic": basic,
    }


def surfaces(world):
    issue = world["issue"]
    return [
        reverse("home"),
        reverse("articles:issues"),
        reverse("articles:issues_year", args=[2025]),
        reverse("articles:issues_month", args=[2025, 6]),
        issue.get_absolute_url(),
        world["public"].get_absolute_url(),
        reverse("articles:list"),
        reverse("articles:list") + "?court=ordos",
        reverse("articles:list") + f"?contributor={world['reporter'].pk}",
        reverse("articles:search") + f"?q={MARK}",
        reverse("articles:search") + "?q=稿件",
        world["reporter"].get_absolute_url(),
        reverse("courts:list"),
        world["court"].get_absolute_url(),
        world["basic"].get_absolute_url(),
        reverse("articles:feed"),
        reverse("courts:feed", args=["ordos"]),
        reverse("sitemap"),
    ]


def test_no_public_surface_shows_hidden_articles(client, world):
    for url in surfaces(world):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        if url.startswith(reverse("articles:search")):
            # The page repeats the query; the results are what matters.
            assert [a.pk for a in response.context["articles"]] in ([], [world["public"].pk])
        else:
            assert MARK not in html, url
        for article in world["hidden"].values():
            assert article.get_absolute_url() not in html, (url, article.headline)


def test_no_public_surface_shows_hidden_editions(client, world):
    for url in surfaces(world):
        html = client.get(url).content.decode()
        for issue in world["hidden_issues"].values():
            assert issue.get_absolute_url() not in html, url
            assert "2025-07" not in html, url  # the calendar and month lists skip July


def test_hidden_articles_and_editions_are_404(client, world):
    for article in world["hidden"].values():
        assert client.get(article.get_absolute_url()).status_code == 404
        assert client.get(reverse("articles:short", args=[article.pk])).status_code == 404
    for issue in world["hidden_issues"].values():
        assert client.get(issue.get_absolute_url()).status_code == 404
    assert client.get(reverse("articles:issues_month", args=[2025, 7])).status_code == 404


def test_counts_and_neighbours_ignore_hidden_articles(client, world):
    courts = client.get(reverse("courts:list")).context["courts"]
    counts = {court.slug: court.article_count for court in courts}
    assert counts["ordos"] == 1 and counts[world["basic"].slug] == 1
    assert counts["inner-mongolia-high"] == 1
    home = client.get(reverse("home")).context
    assert {c.slug: c.article_count for c in home["city_courts"]}["ordos"] == 1
    page = client.get(world["public"].get_absolute_url()).context
    assert page["previous_article"] is None and page["next_article"] is None
    assert list(page["related"]) == []
    contributor = client.get(world["reporter"].get_absolute_url()).context
    assert contributor["paginator"].count == 1
    assert [row["count"] for row in contributor["roles"]] == [1]


def test_contributor_with_only_hidden_articles_has_no_page(client, world):
    only_hidden = ContributorFactory()
    CreditFactory(article=world["hidden"]["draft"], contributor=only_hidden)
    assert client.get(only_hidden.get_absolute_url()).status_code == 404


def test_a_scheduled_article_appears_when_its_time_comes(client, world, settings):
    future = world["hidden"]["future"]
    assert client.get(future.get_absolute_url()).status_code == 404
    future.publish_at = timezone.now() - datetime.timedelta(minutes=1)
    future.save()
    assert client.get(future.get_absolute_url()).status_code == 200
