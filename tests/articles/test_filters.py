"""ArticleFilter: the court subtree, dates, contributor and words, alone and together."""

import datetime

import pytest
from django.utils import timezone

from articles.filters import ArticleFilter
from articles.models import Article, Status
from courts.models import Court
from tests.factories import ArticleFactory, ContributorFactory, CourtFactory, CreditFactory

pytestmark = pytest.mark.django_db


def filtered(**params):
    return set(
        ArticleFilter(params, queryset=Article.objects.published()).qs.values_list("pk", flat=True)
    )


def at(y, m, d, hour=12):
    return timezone.make_aware(datetime.datetime(y, m, d, hour))


@pytest.fixture
def ordos_tree():
    ordos = Court.objects.get(slug="ordos")
    etuoke = CourtFactory(parent=ordos, name="鄂托克旗人民法院", slug="etuokeqi")
    return {
        "city": ArticleFactory(courts=[ordos]),
        "basic": ArticleFactory(courts=[etuoke]),
        "both": ArticleFactory(courts=[ordos, etuoke]),
        "elsewhere": ArticleFactory(courts=[Court.objects.get(slug="chifeng")]),
        "none": ArticleFactory(),
    }


def test_city_court_includes_every_court_below_it_once(ordos_tree):
    expected = {ordos_tree[k].pk for k in ("city", "basic", "both")}
    assert filtered(court="ordos") == expected
    # Distinct: the article about two courts of the subtree is counted once.
    qs = ArticleFilter({"court": "ordos"}, queryset=Article.objects.published()).qs
    assert qs.count() == 3


def test_basic_court_is_only_itself(ordos_tree):
    assert filtered(court="etuokeqi") == {ordos_tree["basic"].pk, ordos_tree["both"].pk}


def test_high_court_includes_the_whole_region(ordos_tree):
    assert filtered(court="inner-mongolia-high") == {
        ordos_tree[k].pk for k in ("city", "basic", "both", "elsewhere")
    }


def test_courts_waiting_for_review_are_not_offered():
    CourtFactory(slug="unchecked", needs_review=True)
    f = ArticleFilter({"court": "unchecked"}, queryset=Article.objects.published())
    assert not f.is_valid()
    assert "unchecked" not in {c.slug for c in f.form.fields["court"].queryset}


def test_date_range_uses_the_local_day():
    # 2025-06-01 00:30 in Inner Mongolia is still 31 May in UTC: it belongs to 1 June.
    early = ArticleFactory(publish_at=at(2025, 6, 1, 0).replace(minute=30))
    late = ArticleFactory(publish_at=at(2025, 6, 30, 23))
    before = ArticleFactory(publish_at=at(2025, 5, 31, 23))
    after = ArticleFactory(publish_at=at(2025, 7, 1, 0))
    assert filtered(date_from="2025-06-01", date_to="2025-06-30") == {early.pk, late.pk}
    assert filtered(date_from="2025-07-01") == {after.pk}
    assert filtered(date_to="2025-05-31") == {before.pk}


def test_contributor_filter():
    person = ContributorFactory()
    mine = CreditFactory(contributor=person).article
    CreditFactory(contributor=person, article=mine, role="photographer")
    ArticleFactory()
    assert filtered(contributor=str(person.pk)) == {mine.pk}


def test_contributor_without_a_public_page_is_not_named():
    """Someone credited only on a draft has no page (404); the filter must not name them
    either, in its chip or its message."""
    secret = ContributorFactory(name="尚未公开的通讯员")
    CreditFactory(contributor=secret, article=ArticleFactory(status=Status.DRAFT, publish_at=None))
    unreviewed = ContributorFactory(name="赤峰讯", needs_review=True)  # a misread name
    CreditFactory(contributor=unreviewed)
    for person in (secret, unreviewed):
        f = ArticleFilter({"contributor": str(person.pk)}, queryset=Article.objects.published())
        assert not f.active({"contributor": str(person.pk)})
        assert [label for label, _message in f.problems()] == ["Contributor"]
        assert person.name not in str(f.problems())


def test_words_and_court_combine(ordos_tree):
    ordos_tree["basic"].headline = "草原上的巡回法庭"
    ordos_tree["basic"].save()
    ordos_tree["elsewhere"].headline = "城市里的巡回法庭"
    ordos_tree["elsewhere"].save()
    assert filtered(q="巡回", court="ordos") == {ordos_tree["basic"].pk}
    assert filtered(q="巡回") == {ordos_tree["basic"].pk, ordos_tree["elsewhere"].pk}


def test_invalid_filters_are_reported_and_left_out(ordos_tree):
    f = ArticleFilter(
        {"court": "atlantis", "date_from": "2025-02-30", "q": "巡回"},
        queryset=Article.objects.published(),
    )
    names = set(f.form.errors)
    assert names == {"court", "date_from"}
    assert len(f.problems()) == 2
    assert [chosen["name"] for chosen in f.active(f.data)] == ["q"]
