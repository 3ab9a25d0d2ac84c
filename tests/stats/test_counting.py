import datetime

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Status
from stats.counting import Report
from stats.models import PointsScheme
from tests.factories import ArticleFactory, CourtFactory, CreditFactory, IssueFactory, PhotoFactory

from .conftest import EXPECTED_CITIES, EXPECTED_COURTS, EXPECTED_PEOPLE

YEAR = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def numbers(rows):
    return {row.name: (row.pieces, row.points) for row in rows}


def test_the_worked_example(example):
    report = Report(*YEAR)
    assert numbers(report.courts) == EXPECTED_COURTS
    assert numbers(report.cities) == EXPECTED_CITIES
    assert numbers(report.people) == EXPECTED_PEOPLE
    qianqi = next(row for row in report.courts if row.name == "鄂托克前旗法院")
    assert (qianqi.printed, qianqi.led, qianqi.web) == (1, 1, 0)
    assert [row.rank for row in report.people] == [1, 1, 3]


def test_december_counts_in_its_own_year(example):
    report = Report(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert numbers(report.people) == {"郝建军": (1, 20)}


def test_a_city_reviewer_sees_their_city(example):
    report = Report(*YEAR, city=example["ordos"])
    assert numbers(report.cities) == {"鄂尔多斯市": (2, 30)}
    assert numbers(report.courts) == {"鄂托克前旗法院": (1, 20), "鄂尔多斯中院": (1, 10)}
    assert set(numbers(report.people)) == {"乌日娜", "巴特尔"}


def test_an_editor_marks_another_lead_story(example):
    example["b"].leads_page = True
    example["b"].save()
    report = Report(*YEAR)
    assert numbers(report.courts)["鄂尔多斯中院"] == (1, 20)
    assert numbers(report.courts)["鄂托克前旗法院"] == (1, 10)


def test_a_city_counts_a_piece_once(example):
    from articles.models import Contributor

    ordos = Contributor.objects.get(name="鄂尔多斯中院")
    CreditFactory(article=example["a"], contributor=ordos, role="organisation", position=3)
    report = Report(*YEAR)
    assert numbers(report.cities)["鄂尔多斯市"] == (2, 30)
    assert numbers(report.courts)["鄂尔多斯中院"] == (2, 30)


def test_a_newer_points_scheme_applies_from_its_date(example):
    PointsScheme.objects.create(
        applies_from=datetime.date(2026, 4, 1), printed=12, web=6, lead_multiplier=3
    )
    report = Report(*YEAR)
    assert numbers(report.people)["郝建军"] == (1, 6)  # C, 2026-04-02
    assert numbers(report.people)["乌日娜"] == (1, 20)  # A, March: the older version


def test_a_credit_keeps_the_court_of_publishing_time(example, editor):
    article = ArticleFactory(issue=None, status=Status.REVIEW, publish_at=None)
    CreditFactory(article=article, contributor=example["hao"])
    workflow.apply(editor, article, "publish")
    moved = CourtFactory(name="新法院", short_name="新法院", slug="moved")
    example["hao"].court = moved
    example["hao"].save()
    today = timezone.localdate(article.publish_at)  # the report counts by local days
    report = Report(today, today)
    assert numbers(report.courts) == {"固阳县法院": (1, 5)}


def test_photos_count_per_photographer_and_court(example):
    PhotoFactory(article=example["c"], photographer=example["wurina"])
    PhotoFactory(article=example["c"], photographer=example["wurina"])
    report = Report(*YEAR)
    photos = {row.name: row.photos for row in report.courts}
    assert photos["鄂托克前旗法院"] == 2
    assert {row.name: row.photos for row in report.people}["乌日娜"] == 2


def test_steps_count_by_the_court_submitted_from(example, editor, correspondent):
    from articles.models import Contributor

    Contributor.objects.filter(user=correspondent).update(court=example["guyang"])
    article = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None)
    article.created_by = correspondent
    article.save()
    workflow.apply(correspondent, article, "submit")
    workflow.apply(editor, article, "send_back", note="再改改")
    today = datetime.date.today()
    report = Report(today.replace(month=1, day=1), today.replace(month=12, day=31))
    guyang = next(row for row in report.courts if row.name == "固阳县法院")
    assert (guyang.submitted, guyang.sent_back) == (1, 1)
    assert report.steps_since is not None


@pytest.mark.parametrize(
    "period",
    [
        (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)),
        YEAR,
        (datetime.date(2000, 1, 1), datetime.date(2030, 12, 31)),
    ],
)
def test_a_fixed_number_of_queries_whatever_the_period(example, period, django_assert_num_queries):
    for n in range(5):
        issue = IssueFactory(date=datetime.date(2026, 6, 1 + n))
        CreditFactory(article=ArticleFactory(issue=issue, publish_at=issue.publish_at))
    with django_assert_num_queries(7):
        Report(*period)


def test_a_photographer_counts_for_the_court_of_publishing_time(example):
    from articles.models import Credit

    PhotoFactory(article=example["c"], photographer=example["wurina"])
    CreditFactory(
        article=example["c"],
        contributor=example["wurina"],
        role=Credit.Role.PHOTOGRAPHER,
        court=example["qianqi"],
        position=2,
    )
    example["wurina"].court = example["guyang"]
    example["wurina"].save()
    report = Report(*YEAR)
    assert {row.name: row.photos for row in report.courts}["鄂托克前旗法院"] == 1
    assert {row.name: row.photos for row in report.courts}["固阳县法院"] == 0
