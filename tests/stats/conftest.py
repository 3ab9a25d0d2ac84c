"""The issue's worked example (pieces A–E) as data made by the tests."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Contributor, Credit, Status
from courts.models import Court
from tests.factories import (
    ArticleFactory,
    ContributorFactory,
    CourtFactory,
    CreditFactory,
    IssueFactory,
    UserFactory,
)


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def basic_court(name, short_name, slug, city):
    """The basic court (loaded by migration where the database keeps them, else made)."""
    court = Court.objects.filter(name=name).first()
    if court is None:
        return CourtFactory(
            name=name, short_name=short_name, slug=slug, parent=city, region=city.region
        )
    court.short_name = short_name
    court.save()
    return court


@pytest.fixture
def example(db):
    ordos, baotou = Court.objects.get(slug="ordos"), Court.objects.get(slug="baotou")
    qianqi = basic_court("鄂托克前旗人民法院", "鄂托克前旗法院", "qianqi", ordos)
    guyang = basic_court("固阳县人民法院", "固阳县法院", "guyang", baotou)
    wurina = ContributorFactory(name="乌日娜", court=qianqi)
    bateer = ContributorFactory(name="巴特尔", court=qianqi)
    hao = ContributorFactory(name="郝建军", court=guyang)
    ordos_org = ContributorFactory(
        name="鄂尔多斯中院", court=ordos, kind=Contributor.Kind.ORGANISATION
    )
    march = IssueFactory(date=datetime.date(2026, 3, 6), publish_at=at(datetime.date(2026, 3, 6)))
    a = ArticleFactory(issue=march, position=1, publish_at=march.publish_at, headline="A")
    ArticleFactory(issue=march, position=2, publish_at=march.publish_at, headline="B2")
    b = ArticleFactory(issue=march, position=3, publish_at=march.publish_at, headline="B")
    c = ArticleFactory(issue=None, publish_at=at(datetime.date(2026, 4, 2)), headline="C")
    december = IssueFactory(
        date=datetime.date(2025, 12, 31), publish_at=at(datetime.date(2025, 12, 31))
    )
    d = ArticleFactory(issue=december, position=1, publish_at=december.publish_at, headline="D")
    e = ArticleFactory(
        issue=None,
        status=Status.WITHDRAWN,
        publish_at=at(datetime.date(2026, 5, 1)),
        headline="E",
    )
    CreditFactory(article=a, contributor=wurina)
    CreditFactory(article=a, contributor=bateer, position=1)
    CreditFactory(article=b, contributor=ordos_org, role=Credit.Role.ORGANISATION)
    CreditFactory(article=c, contributor=hao)
    CreditFactory(article=d, contributor=hao)
    CreditFactory(article=e, contributor=wurina)
    return {
        "qianqi": qianqi,
        "guyang": guyang,
        "ordos": ordos,
        "baotou": baotou,
        "wurina": wurina,
        "hao": hao,
        "a": a,
        "b": b,
        "c": c,
    }


EXPECTED_COURTS = {"鄂托克前旗法院": (1, 20), "鄂尔多斯中院": (1, 10), "固阳县法院": (1, 5)}
EXPECTED_CITIES = {"鄂尔多斯市": (2, 30), "包头市": (1, 5)}
EXPECTED_PEOPLE = {"乌日娜": (1, 20), "巴特尔": (1, 20), "郝建军": (1, 5)}


@pytest.fixture
def ordos_reviewer(db, example):
    user = UserFactory(username="ordos-reviewer", is_staff=True)
    user.groups.add(Group.objects.get(name="City reviewers"))
    ContributorFactory(name="审稿人", court=example["ordos"], user=user)
    return user
