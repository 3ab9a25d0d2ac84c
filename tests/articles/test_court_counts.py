"""Counting a court's public articles, the courts below it included (articles/court_counts.py)."""

import pytest

from articles.court_counts import subtree_counts
from articles.models import Article, Status
from courts.models import Court
from tests.factories import ArticleFactory, CourtFactory

pytestmark = pytest.mark.django_db


def test_subtree_counts_count_each_public_article_once_per_subtree():
    """The grouped counts agree with the definition: a count per court of the public articles
    about it or any court below it."""
    ordos = Court.objects.get(slug="ordos")
    first = CourtFactory(name="甲旗人民法院", parent=ordos, level=Court.Level.BASIC)
    second = CourtFactory(name="乙旗人民法院", parent=ordos, level=Court.Level.BASIC)
    ArticleFactory(courts=[first, second])  # twice in Ordos's subtree: counted once there
    ArticleFactory(courts=[ordos])
    ArticleFactory(courts=[first, Court.objects.get(slug="baotou")])
    ArticleFactory(courts=[second], status=Status.DRAFT, publish_at=None)  # not public

    courts = list(Court.objects.all())
    counts = subtree_counts(courts)
    public = Article.objects.published()
    assert counts == {
        court.pk: public.filter(courts__path__startswith=court.path).distinct().count()
        for court in courts
    }
    assert counts[ordos.pk] == 3
    assert (counts[first.pk], counts[second.pk]) == (2, 1)
    assert counts[Court.objects.get(level=Court.Level.HIGH).pk] == 3
