"""Court tallies under concurrent publishing on PostgreSQL: two transactions that change the
counts of the same courts wait for each other, never deadlock, and count every article."""

import threading

import pytest
from django.db import connection, connections, transaction

from articles.court_counts import public_counts, subtree_counts
from articles.models import Article, Status
from courts.models import Court
from tests.articles.locks import wait_until_a_query_waits_for_a_lock
from tests.factories import ArticleFactory, CourtFactory


def publish(article):
    article = Article.objects.get(pk=article.pk)
    article.status = Status.PUBLISHED
    article.save()


def run_beside(first, second, then):
    """``first`` in a transaction; ``second`` in another thread, until it waits for a lock;
    then ``then`` in the first transaction. Returns the errors of both."""
    errors = []

    def other():
        try:
            second()
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other)
    try:
        with transaction.atomic():
            first()
            thread.start()
            wait_until_a_query_waits_for_a_lock(thread)
            then()
    except Exception as error:  # noqa: BLE001
        errors.append(error)
    thread.join()
    return errors


def assert_counted():
    every = list(Court.objects.all())
    assert public_counts(every) == subtree_counts(every)


@pytest.fixture
def courts():
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL only (SQLite runs one writer at a time)")
    ordos, baotou = Court.objects.get(slug="ordos"), Court.objects.get(slug="baotou")
    return {
        "first": CourtFactory(slug="first", parent=ordos, level=Court.Level.BASIC),
        "second": CourtFactory(slug="second", parent=ordos, level=Court.Level.BASIC),
        "third": CourtFactory(slug="third", parent=baotou, level=Court.Level.BASIC),
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_publishes_counted_for_the_same_courts_do_not_deadlock(courts):
    # Earlier publishing, committed: the high court's tally, changed last, is stored after
    # Baotou's and its court's.
    ArticleFactory(courts=[courts["third"]])
    ArticleFactory(courts=[courts["second"]])
    a, b, c = (
        ArticleFactory(courts=[courts[name]], status=Status.DRAFT)
        for name in ("first", "third", "third")
    )
    # e.g. an edition published with two articles, and another editor publishing a third
    errors = run_beside(lambda: publish(a), lambda: publish(c), lambda: publish(b))
    assert not errors, errors
    assert_counted()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_transaction_that_changed_counts_then_saves_an_article_being_published(courts):
    """Without tallies the second transaction would finish first; with them it waits for the
    first's tally rows while holding the article the first saves next."""
    first = courts["first"]
    ArticleFactory(courts=[first])
    a, b = (ArticleFactory(courts=[first], status=Status.DRAFT) for _ in range(2))

    def save_b_again():
        article = Article.objects.get(pk=b.pk)
        article.headline += "（更新）"
        article.save()

    # e.g. a page imported again, published, while an editor publishes one of its articles
    errors = run_beside(lambda: publish(a), lambda: publish(b), save_b_again)
    assert not errors, errors
    # The recount that would have waited was left to its transaction's commit, and done then.
    assert_counted()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_recount_inside_a_transaction_gives_back_the_lock_timeout(courts):
    """The recount's short wait is its own: the transaction's lock timeout is what it was."""
    article = ArticleFactory(courts=[courts["first"]], status=Status.DRAFT)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = '7s'")
        publish(article)
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "7s"
    assert_counted()
