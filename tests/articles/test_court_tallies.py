"""The courts' article tallies (articles/court_counts.py) equal a plain recount of the archive
after every way the public articles of a court's subtree change."""

import datetime
import io
from collections import Counter
from unittest import mock

import pytest
import reversion
from django.contrib import admin
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import court_counts, workflow
from articles.court_counts import public_counts, subtree_counts
from articles.models import Article, CourtTally, Status, TallyEntry
from courts import merging
from courts.models import Court
from tests.factories import ArticleFactory, CourtFactory, IssueFactory

pytestmark = pytest.mark.django_db


def tallies():
    return {pk: n for pk, n in CourtTally.objects.values_list("court_id", "articles") if n}


def assert_right(now=None):
    """The counts shown equal a recount over the archive; each tally is the sum of its entries,
    and counting every article again from nothing gives the same tallies. Returns the counts."""
    courts = list(Court.objects.all())
    counts = public_counts(courts, now)
    assert counts == subtree_counts(courts, now)
    assert tallies() == dict(Counter(TallyEntry.objects.values_list("court_id", flat=True)))
    kept = tallies()
    court_counts.rebuild()
    assert tallies() == kept
    return counts


def count(slug, now=None):
    return assert_right(now)[Court.objects.get(slug=slug).pk]


@pytest.fixture
def tree():
    """Ordos with two basic courts below it; Baotou with one."""
    ordos, baotou = Court.objects.get(slug="ordos"), Court.objects.get(slug="baotou")
    return {
        "ordos": ordos,
        "baotou": baotou,
        "first": CourtFactory(slug="first", parent=ordos, level=Court.Level.BASIC),
        "second": CourtFactory(slug="second", parent=ordos, level=Court.Level.BASIC),
        "third": CourtFactory(slug="third", parent=baotou, level=Court.Level.BASIC),
    }


def test_an_article_counts_once_in_each_subtree_it_is_in(tree):
    ArticleFactory(courts=[tree["first"], tree["second"]])  # twice below Ordos: once there
    ArticleFactory(courts=[tree["ordos"], tree["third"]])
    ArticleFactory(courts=[tree["first"]], status=Status.DRAFT, publish_at=None)
    counts = assert_right()
    pk = {slug: court.pk for slug, court in tree.items()}
    assert (counts[pk["ordos"]], counts[pk["first"]], counts[pk["second"]]) == (2, 1, 1)
    assert (counts[pk["baotou"]], counts[pk["third"]]) == (1, 1)
    assert counts[Court.objects.get(level=Court.Level.HIGH).pk] == 2


def test_publishing_and_withdrawing_through_the_workflow(tree, editor):
    article = ArticleFactory(
        courts=[tree["first"]], issue=None, status=Status.REVIEW, publish_at=None
    )
    assert count("ordos") == 0
    workflow.apply(editor, article, "publish")
    assert count("ordos") == 1 and count("first") == 1
    workflow.apply(editor, article, "withdraw")
    assert count("ordos") == 0 and count("first") == 0


def test_an_article_scheduled_for_later_counts_from_its_time(tree, editor):
    at = timezone.now() + datetime.timedelta(hours=2)
    article = ArticleFactory(
        courts=[tree["first"]], issue=None, status=Status.REVIEW, publish_at=None
    )
    workflow.apply(editor, article, "publish", at=at)
    assert count("ordos") == 0
    assert CourtTally.objects.get(court=tree["ordos"]).articles == 1  # stored once, for later
    assert count("ordos", now=at) == 1 and count("first", now=at) == 1
    assert count("ordos", now=at - datetime.timedelta(seconds=1)) == 0


def test_an_article_on_an_edition_scheduled_for_later_counts_from_the_editions_time(tree, editor):
    at = timezone.now() + datetime.timedelta(days=1)
    issue = IssueFactory(status=Status.DRAFT, publish_at=None)
    ArticleFactory(courts=[tree["first"]], issue=issue, status=Status.REVIEW, publish_at=None)
    ArticleFactory(courts=[tree["third"]], issue=issue, status=Status.DRAFT, publish_at=None)
    assert count("ordos") == 0
    workflow.apply(editor, issue, "publish", at=at)  # publishes its ready article with it
    assert count("ordos") == 0 and count("baotou") == 0
    assert count("ordos", now=at) == 1 and count("baotou", now=at) == 0
    workflow.apply(editor, issue, "withdraw")
    assert count("ordos", now=at) == 0


def test_an_article_published_on_an_edition_published_earlier(tree):
    issue = IssueFactory()
    later = timezone.now() + datetime.timedelta(hours=1)
    ArticleFactory(courts=[tree["first"]], issue=issue, publish_at=later)
    ArticleFactory(courts=[tree["second"]], issue=issue)
    assert count("ordos") == 1
    assert count("ordos", now=later) == 2


def test_deleting_articles_is_counted_when_it_commits(tree, django_capture_on_commit_callbacks):
    article = ArticleFactory(courts=[tree["first"], tree["third"]])
    others = [ArticleFactory(courts=[tree["second"]]) for _ in range(3)]
    assert count("ordos") == 4
    # (Each in a transaction of its own, as outside a test.)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        article.delete()
    assert count("ordos") == 3 and count("baotou") == 0
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        Article.objects.filter(pk__in=[a.pk for a in others[:2]]).delete()
    assert (
        len(
            [
                c
                for c in callbacks
                if isinstance(getattr(c, "__self__", None), court_counts._Pending)
            ]
        )
        == 1
    )
    assert count("ordos") == 1 and count("second") == 1


def test_changing_an_articles_courts_either_way(tree):
    article = ArticleFactory(courts=[tree["first"]])
    article.courts.add(tree["third"])
    assert count("baotou") == 1
    article.courts.remove(tree["first"])
    assert count("ordos") == 0
    article.courts.clear()
    assert count("baotou") == 0
    tree["second"].articles.add(article)  # from the court's side
    assert count("ordos") == 1
    tree["second"].articles.clear()
    assert count("ordos") == 0
    article.courts.set([tree["first"], tree["second"]])
    assert count("ordos") == 1 and count("second") == 1


def test_moving_an_edition_and_an_article(tree):
    draft_issue = IssueFactory(status=Status.DRAFT, publish_at=None)
    article = ArticleFactory(courts=[tree["first"]])
    assert count("ordos") == 1
    article.issue = draft_issue
    article.save()
    assert count("ordos") == 0
    draft_issue.status, draft_issue.publish_at = Status.PUBLISHED, timezone.now()
    draft_issue.save()
    assert count("ordos") == 1


def test_moving_a_court_below_another_takes_its_articles_along(tree):
    ArticleFactory(courts=[tree["first"]])
    ArticleFactory(courts=[tree["first"], tree["second"]])
    assert (count("ordos"), count("baotou")) == (2, 0)
    tree["first"].parent = tree["baotou"]
    tree["first"].save()
    assert (count("ordos"), count("baotou")) == (1, 2)
    # A city moved with its courts below it (counted on every level above them).
    tree["ordos"].parent = tree["baotou"]
    tree["ordos"].save()
    assert count("baotou") == 2 and count("ordos") == 1


def test_merging_a_court_into_another(tree):
    ArticleFactory(courts=[tree["first"]])
    ArticleFactory(courts=[tree["first"], tree["third"]])
    ArticleFactory(courts=[tree["third"]])
    assert (count("ordos"), count("baotou")) == (2, 2)
    merging.merge(tree["first"], tree["third"])
    assert (count("ordos"), count("baotou"), count("third")) == (0, 3, 3)


def test_merging_a_city_with_courts_below_it(tree):
    ArticleFactory(courts=[tree["ordos"], tree["first"]])
    ArticleFactory(courts=[tree["second"]])
    ArticleFactory(courts=[tree["baotou"]])
    merging.merge(tree["ordos"], tree["baotou"])
    assert count("baotou") == 3 and count("first") == 1


def test_a_queryset_update_in_the_same_transaction_is_counted_when_it_commits(
    tree, django_capture_on_commit_callbacks
):
    """Restoring a version saves the article as it was, then puts its status back with a
    queryset update (no signal): what the transaction did is recounted when it commits."""
    article = ArticleFactory(courts=[tree["first"]], status=Status.DRAFT, publish_at=None)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        article.status, article.publish_at = Status.PUBLISHED, timezone.now()
        article.save()
        Article.objects.filter(pk=article.pk).update(status=Status.DRAFT)
    assert count("ordos") == 0
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        article.save()  # as the draft it is
        Article.objects.filter(pk=article.pk).update(status=Status.PUBLISHED)
    assert count("ordos") == 1


def test_what_sends_no_signal_is_counted_by_refresh_or_rebuild(tree):
    article = ArticleFactory(courts=[tree["first"]])
    Article.objects.filter(pk=article.pk).update(status=Status.WITHDRAWN)
    court_counts.refresh([article.pk])
    assert count("ordos") == 0
    Article.objects.filter(pk=article.pk).update(status=Status.PUBLISHED)
    Article.courts.through.objects.bulk_create(
        [Article.courts.through(article_id=article.pk, court_id=tree["third"].pk)]
    )
    call_command("rebuild_court_tallies", stdout=io.StringIO())
    assert (count("ordos"), count("baotou")) == (1, 1)


def test_a_bulk_load_is_counted():
    call_command("generate_demo", articles=40, seed="7", verbosity=0, stdout=io.StringIO())
    counts = assert_right()
    assert counts[Court.objects.get(level=Court.Level.HIGH).pk] > 0


def test_the_home_page_shows_the_counts(client, tree):
    ArticleFactory(courts=[tree["first"], tree["second"]])
    ArticleFactory(courts=[tree["third"]], publish_at=timezone.now() + datetime.timedelta(hours=1))
    response = client.get(reverse("home"))
    cities = {court.slug: court.article_count for court in response.context["city_courts"]}
    assert (cities["ordos"], cities["baotou"]) == (1, 0)


def test_the_home_page_counts_a_scheduled_article_from_its_time_without_any_change(
    client, tree, settings
):
    """No stored row changes when the time comes: what the data cache keeps of the counts goes
    at the scheduled time (the page cache's own expiry is tested with it), and the new count is
    the recount's."""
    settings.PAGE_CACHE_ENABLED = False
    settings.PAGE_CACHE_TIMEOUT = 3600
    at = timezone.now() + datetime.timedelta(minutes=10)
    ArticleFactory(courts=[tree["first"]])
    ArticleFactory(courts=[tree["second"], tree["third"]], publish_at=at)

    def city_counts():
        response = client.get(reverse("home"))
        return {c.slug: c.article_count for c in response.context["city_courts"]}

    assert (city_counts()["ordos"], city_counts()["baotou"]) == (1, 0)
    later = at + datetime.timedelta(seconds=1)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("time.time", return_value=later.timestamp()),
    ):
        assert (city_counts()["ordos"], city_counts()["baotou"]) == (2, 1)
        assert count("ordos") == 2


def test_a_recount_failing_after_the_commit_leaves_the_other_commit_work_done(
    tree, editor, django_capture_on_commit_callbacks, caplog
):
    """The change is committed when the recount runs: if the recount fails (a deadlock, the
    database gone), it is logged, and what else waits for the commit (the notification mails,
    the content generation) is done all the same."""
    article = ArticleFactory(courts=[tree["first"]], status=Status.REVIEW, publish_at=None)
    done = []
    recount = mock.patch.object(court_counts, "refresh", wraps=court_counts.refresh)
    with recount as refresh, django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            workflow.apply(editor, article, "publish")
            transaction.on_commit(lambda: done.append("after"))
        refresh.side_effect = RuntimeError("deadlock")  # the recount on commit
    assert done == ["after"]
    assert "deadlock" in caplog.text


def test_saving_a_court_restored_to_its_old_parent_moves_its_articles_along(tree):
    """A restored version puts the parent back and keeps the path; saving the court then moves
    it to its parent's subtree, though its parent does not change in that save."""
    ArticleFactory(courts=[tree["first"]])
    with reversion.create_revision():
        tree["first"].save()  # below Ordos
    tree["first"].parent = tree["baotou"]
    tree["first"].save()
    assert (count("ordos"), count("baotou")) == (0, 1)
    version = Version.objects.get_for_object(tree["first"]).first()
    with transaction.atomic():
        admin.site._registry[Court]._restore(version)
    restored = Court.objects.get(pk=tree["first"].pk)
    assert restored.parent_id == tree["ordos"].pk  # the path is still Baotou's
    restored.save()
    assert (count("ordos"), count("baotou")) == (1, 0)
