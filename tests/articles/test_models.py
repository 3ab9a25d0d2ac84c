import datetime
import threading
from urllib.parse import unquote

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from articles.models import Article, Contributor, Issue, Status
from courts.models import Court
from tests.articles.locks import wait_until_a_query_waits_for_a_lock
from tests.factories import (
    ArticleFactory,
    ContributorFactory,
    CourtFactory,
    CreditFactory,
    IssueFactory,
)

pytestmark = pytest.mark.django_db


def soon():
    return timezone.now() + datetime.timedelta(hours=1)


def test_published_article_on_published_issue_is_public():
    article = ArticleFactory()
    assert list(Article.objects.published()) == [article]
    assert article.is_public


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Status.DRAFT},
        {"status": Status.REVIEW},
        {"status": Status.WITHDRAWN},
        {"publish_at": soon()},
    ],
    ids=["draft", "review", "withdrawn", "future"],
)
def test_article_not_public(changes):
    article = ArticleFactory(**changes)
    assert not Article.objects.published().exists()
    assert not article.is_public


@pytest.mark.parametrize(
    "changes",
    [{"status": Status.DRAFT}, {"status": Status.WITHDRAWN}, {"publish_at": soon()}],
    ids=["draft edition", "withdrawn edition", "future edition"],
)
def test_article_on_a_non_public_edition_is_not_public(changes):
    article = ArticleFactory(issue=IssueFactory(**changes))
    assert not Article.objects.published().exists()
    assert not Issue.objects.published().exists()
    assert not article.is_public


def test_web_only_article_needs_no_edition():
    article = ArticleFactory(issue=None)
    assert list(Article.objects.published()) == [article]


def test_published_follows_the_clock():
    at = timezone.now() + datetime.timedelta(days=1)
    ArticleFactory(publish_at=at, issue=IssueFactory(publish_at=at))
    assert not Article.objects.published().exists()
    assert Article.objects.scheduled().count() == 1
    later = at + datetime.timedelta(seconds=1)
    assert Article.objects.published(now=later).count() == 1
    assert Issue.objects.published(now=later).count() == 1


def test_one_edition_per_date_and_page():
    issue = IssueFactory()
    IssueFactory(date=issue.date, page_number=6)
    with pytest.raises(IntegrityError), transaction.atomic():
        IssueFactory(date=issue.date, page_number=issue.page_number)


def test_page_number_is_positive_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        IssueFactory(page_number=0)


@pytest.mark.parametrize("factory", [ArticleFactory, IssueFactory])
def test_published_needs_a_publish_time(factory):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(status=Status.PUBLISHED, publish_at=None)


def test_a_contributor_is_credited_once_per_role():
    credit = CreditFactory()
    CreditFactory(article=credit.article, contributor=credit.contributor, role="photographer")
    with pytest.raises(IntegrityError), transaction.atomic():
        CreditFactory(article=credit.article, contributor=credit.contributor, role=credit.role)


def test_court_subtree_filter_includes_basic_courts():
    ordos = Court.objects.get(slug="ordos")
    etuoke = CourtFactory(name="鄂托克旗人民法院", slug="etuoke", parent=ordos)
    city = ArticleFactory(courts=[ordos])
    basic = ArticleFactory(courts=[etuoke])
    both = ArticleFactory(courts=[ordos, etuoke])
    ArticleFactory(courts=[Court.objects.get(slug="chifeng")])

    found = list(Article.objects.published().in_court_subtree(ordos))
    assert sorted(found, key=lambda a: a.pk) == [city, basic, both]


def test_contributor_published_only_counts_public_articles():
    public = CreditFactory().contributor
    CreditFactory(article=ArticleFactory(status=Status.DRAFT))
    ContributorFactory()
    assert list(Contributor.objects.published()) == [public]


def test_slug_is_made_from_the_headline_and_kept():
    article = ArticleFactory(headline="谋篇定方向 蓄力开新局")
    assert article.slug == "谋篇定方向-蓄力开新局"
    article.headline = "改过的标题"
    article.save()
    assert article.slug == "谋篇定方向-蓄力开新局"
    assert unquote(article.get_absolute_url()) == f"/articles/{article.pk}/{article.slug}/"


def test_issue_url_and_str():
    issue = IssueFactory(date=datetime.date(2025, 6, 27), page_number=5)
    assert issue.get_absolute_url() == "/issues/2025-06-27/5/"
    assert "2025-06-27" in str(issue)


def test_a_new_article_may_be_given_its_primary_key():
    Article(pk=4242, headline="指定主键").save()
    assert Article.objects.get(pk=4242).edit_version == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_saves_at_once_count_two_edits():
    """A save that reads the edit number while another save of the same article is still
    uncommitted waits for it, and counts on from its number instead of writing the same one."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL only (SQLite runs one writer at a time)")
    article = ArticleFactory(issue=None)
    first = article.edit_version
    errors = []

    def second_save():
        try:
            Article.objects.get(pk=article.pk).save()  # loaded before the first save commits
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    with transaction.atomic():
        Article.objects.get(pk=article.pk).save()  # the first save, not yet committed
        thread = threading.Thread(target=second_save)
        thread.start()
        wait_until_a_query_waits_for_a_lock(thread)
    thread.join()
    assert not errors, errors
    assert Article.objects.get(pk=article.pk).edit_version == first + 2
