"""
Every public page runs a fixed number of SQL queries, whatever the amount of content: each page
is measured with one and with several articles, editions, courts and contributors.
"""

import pytest
from django.urls import reverse

from courts.models import Court
from tests.factories import (
    ArticleFactory,
    ContributorFactory,
    CorrectionFactory,
    CourtFactory,
    CreditFactory,
    IssueFactory,
    PageAreaFactory,
    PhotoFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """The counts are those of rendering the page: the page cache would hide them."""
    settings.PAGE_CACHE_ENABLED = False


def build(n):
    """n + 1 editions, n articles on the newest (with courts, credits, photos, areas), n courts."""
    ordos = Court.objects.get(slug="ordos")
    basics = [CourtFactory(parent=ordos) for _ in range(n)]
    issues = [IssueFactory() for _ in range(n + 1)]
    issue = issues[-1]
    reporter = ContributorFactory()
    articles = []
    for i in range(n):
        article = ArticleFactory(issue=issue, courts=[ordos, basics[i]])
        CreditFactory(article=article, contributor=reporter)
        CreditFactory(article=article)
        PhotoFactory(article=article)
        PageAreaFactory(article=article)
        articles.append(article)
    for other in issues[:-1]:
        ArticleFactory(issue=other, courts=[basics[0]])
    for article in articles:
        CorrectionFactory.create_batch(2, article=article)
    return {"issue": issue, "article": articles[0], "reporter": reporter, "court": ordos}


# Pages with a count of the whole archive (a paginated list, court counts), the months with
# editions or the court filter keep them in the data cache for as long as the content is unchanged; storing it needs the next scheduled publish time,
# one query per content change. These counts are those of a cold cache.
SCHEDULE = 1
# Counting articles per court subtree (cold cache only): the tallies come with the courts; one
# query finds the articles not yet due among them, whatever the courts' depths.
COUNTS = {"cities": 1, "tree": 1, "children": 1}
# An article page reads its live corrections (the corrections app's page extension), and the
# sitemap index the latest correction of the published articles: one query each.
CORRECTIONS = 1


def pages(content):
    issue, article = content["issue"], content["article"]
    return {
        "home": (reverse("home"), 9 + COUNTS["cities"] + SCHEDULE),
        "issues": (reverse("articles:issues"), 5 + SCHEDULE),
        "issues_year": (reverse("articles:issues_year", args=[issue.date.year]), 5 + SCHEDULE),
        "issues_month": (
            reverse("articles:issues_month", args=[issue.date.year, issue.date.month]),
            5 + SCHEDULE,
        ),
        "issue": (issue.get_absolute_url(), 8 + SCHEDULE),
        "article": (article.get_absolute_url(), 7 + CORRECTIONS),
        "articles": (reverse("articles:list"), 4 + SCHEDULE),
        "articles_filtered": (
            reverse("articles:list")
            + f"?court=ordos&date_from=2000-01-01&q=司法&contributor={content['reporter'].pk}",
            6 + SCHEDULE,
        ),
        "search": (reverse("articles:search") + "?q=司法", 4 + SCHEDULE),
        "contributor": (content["reporter"].get_absolute_url(), 6 + SCHEDULE),
        "courts": (reverse("courts:list"), 1 + COUNTS["tree"] + SCHEDULE),
        "court": (content["court"].get_absolute_url(), 6 + COUNTS["children"] + SCHEDULE),
        "feed": (reverse("articles:feed"), 2),
        "court_feed": (reverse("courts:feed", args=["ordos"]), 3),
        "feeds": (reverse("articles:feeds"), 1),
        # The index: the latest change and the count of each archive section (cold cache); the
        # articles' latest change is that of the articles and of their corrections.
        "sitemap": (reverse("sitemap"), 6 + CORRECTIONS + SCHEDULE),
        "sitemap_articles": (reverse("sitemap_section", args=["articles"]), 2 + SCHEDULE),
        # The count (cold cache) and the page; the corrections feed: its items alone.
        "corrections": (reverse("corrections:list"), 2 + SCHEDULE),
        "corrections_feed": (reverse("corrections:feed"), 1),
        "corrections_policy": (reverse("corrections:policy"), 1),
    }


@pytest.mark.parametrize("n", [1, 5])
@pytest.mark.parametrize(
    "name",
    [
        "home",
        "issues",
        "issues_year",
        "issues_month",
        "issue",
        "article",
        "articles",
        "articles_filtered",
        "search",
        "contributor",
        "courts",
        "court",
        "feed",
        "court_feed",
        "feeds",
        "sitemap",
        "sitemap_articles",
        "corrections",
        "corrections_feed",
        "corrections_policy",
    ],
)
def test_queries_per_page_do_not_grow(client, django_assert_num_queries, n, name):
    url, expected = pages(build(n))[name]
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "name, saved",
    [
        ("articles", 2),
        ("courts", COUNTS["tree"]),
        ("court", 1 + COUNTS["children"]),
        ("issues", 2),
        ("issue", 1),
        ("corrections", 1),
    ],
)
def test_counts_of_the_archive_come_from_the_data_cache_when_warm(
    client, django_assert_num_queries, name, saved
):
    """Rendered again with the content unchanged: no count, list of months or court filter is
    read twice (courts: the list is one query, cold or warm; the counts only when cold)."""
    url, cold = pages(build(2))[name]
    client.get(url)
    with django_assert_num_queries(cold - SCHEDULE - saved):
        response = client.get(url)
    assert response.status_code == 200
