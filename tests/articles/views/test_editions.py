"""Edition pages: the archive by date with its calendar, and one printed page."""

import datetime
import re

import pytest
from django.urls import reverse

from articles.edition_calendar import build_month, edition_months
from articles.text import page_label
from tests.factories import ArticleFactory, IssueFactory, PageAreaFactory

pytestmark = pytest.mark.django_db


def day(y, m, d):
    return datetime.date(y, m, d)


@pytest.fixture
def editions():
    """Three dates in two months (June has two pages on the 27th), and a month with nothing."""
    return {
        "may": IssueFactory(date=day(2025, 5, 9), page_number=5),
        "june_a": IssueFactory(date=day(2025, 6, 13), page_number=5),
        "june_b5": IssueFactory(date=day(2025, 6, 27), page_number=5),
        "june_b6": IssueFactory(date=day(2025, 6, 27), page_number=6),
        "august": IssueFactory(date=day(2025, 8, 1), page_number=7),
    }


@pytest.mark.usefixtures("chinese")
def test_archive_lists_editions_newest_first_with_headlines(client, editions):
    ArticleFactory(issue=editions["june_b5"], position=2, headline="第二篇")
    ArticleFactory(issue=editions["june_b5"], position=1, headline="第一篇")
    response = client.get(reverse("articles:issues"))
    assert response.status_code == 200
    assert [i.pk for i in response.context["issues"]] == [
        editions["august"].pk,
        editions["june_b5"].pk,
        editions["june_b6"].pk,
        editions["june_a"].pk,
        editions["may"].pk,
    ]
    html = response.content.decode()
    assert html.index("第一篇") < html.index("第二篇")
    assert "2025年6月27日 星期五" in html


def test_archive_calendar_marks_dates_with_editions(client, editions):
    response = client.get(reverse("articles:issues_month", args=[2025, 6]))
    calendar = response.context["calendar"]
    linked = {d.date: d for week in calendar.weeks for d in week if d.url}
    assert set(linked) == {day(2025, 6, 13), day(2025, 6, 27)}
    # A date with two pages links to its first page and knows it has two.
    assert linked[day(2025, 6, 27)].url == editions["june_b5"].get_absolute_url()
    assert linked[day(2025, 6, 27)].pages == 2
    # The arrows skip the empty July.
    assert calendar.previous_url == reverse("articles:issues_month", args=[2025, 5])
    assert calendar.next_url == reverse("articles:issues_month", args=[2025, 8])
    html = response.content.decode()
    assert 'href="/issues/2025-06-13/5/"' in html


def test_month_and_year_pages_list_their_editions_only(client, editions):
    june = client.get(reverse("articles:issues_month", args=[2025, 6]))
    assert {i.date.month for i in june.context["issues"]} == {6}
    year = client.get(reverse("articles:issues_year", args=[2025]))
    assert year.context["paginator"].count == 5
    assert [m.month for m in year.context["year_months"]] == [5, 6, 8]


def test_the_years_are_named_by_a_translatable_format(client, editions):
    """The year links read "%(year)s" in the msgids' English; the catalogue says "%(year)s年"."""
    html = client.get(reverse("articles:issues")).content.decode()
    assert f'<a href="{reverse("articles:issues_year", args=[2025])}">2025</a>' in html


@pytest.mark.parametrize("args", [(2025, 7), (2025, 13), (2025, 0), (1999, 1), (99999, 1)], ids=str)
def test_empty_or_impossible_months_are_404(client, editions, args):
    assert client.get(reverse("articles:issues_month", args=args)).status_code == 404


def test_empty_year_is_404(client, editions):
    assert client.get(reverse("articles:issues_year", args=[2031])).status_code == 404
    assert client.get(reverse("articles:issues_year", args=[9999])).status_code == 404


def test_build_month_without_editions_has_no_links(editions):
    month = build_month(day(2025, 7, 1), edition_months())
    assert not [d for week in month.weeks for d in week if d.url]
    assert month.previous == day(2025, 6, 1) and month.next == day(2025, 8, 1)
    # Monday first, whole weeks.
    assert month.weeks[0][0].date.weekday() == 0
    assert all(len(week) == 7 for week in month.weeks)


@pytest.mark.usefixtures("chinese")
def test_edition_page_shows_masthead_quote_articles_in_print_order(client, editions):
    issue = editions["june_b5"]
    issue.quote = "开展双向交流锻炼是务实举措。"
    issue.quote_attribution = "——某某"
    issue.banner = "学习宣传专栏"
    issue.save()
    ArticleFactory(issue=issue, position=2, headline="后一篇", kicker="引题乙", subtitle="副题乙")
    ArticleFactory(issue=issue, position=1, headline="前一篇", body="<p>正文第一行。</p>")
    response = client.get(issue.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "2025年6月27日 星期五" in html
    assert page_label(5) in html  # "05版"
    for text in [
        "开展双向交流锻炼是务实举措。",
        "——某某",
        "学习宣传专栏",
        "引题乙",
        "副题乙",
        "正文第一行。",
    ]:
        assert text in html
    assert html.index("前一篇") < html.index("后一篇")
    # Both pages of the date are offered, and the other page is a link.
    assert editions["june_b6"].get_absolute_url() in html


def test_previous_and_next_edition_follow_date_then_page(client, editions):
    response = client.get(editions["june_b5"].get_absolute_url())
    assert response.context["previous_issue"] == editions["june_a"]
    assert response.context["next_issue"] == editions["june_b6"]
    last = client.get(editions["august"].get_absolute_url())
    assert last.context["next_issue"] is None
    first = client.get(editions["may"].get_absolute_url())
    assert first.context["previous_issue"] is None


def test_page_image_areas_link_to_their_articles(client, editions, tmp_path):
    from django.core.files.base import ContentFile

    issue = editions["june_a"]
    issue.page_image.save("page.png", ContentFile(b"\x89PNG fake"), save=False)
    issue.page_pdf.save("page.pdf", ContentFile(b"%PDF-1.4 fake"), save=False)
    issue.save()
    article = ArticleFactory(issue=issue)
    PageAreaFactory(article=article, left=12.5, top=20, width=40, height=30)
    html = client.get(issue.get_absolute_url()).content.decode()
    area = re.search(r'<a class="page-map__area"[^>]* href="([^"]+)" style="([^"]+)"', html)
    assert area, "no clickable area"
    assert area.group(1) == article.get_absolute_url()
    assert area.group(2) == "left:12.5%;top:20.0%;width:40.0%;height:30.0%"
    assert issue.page_image.url in html
    assert f'href="{issue.page_pdf.url}" download' in html


def test_edition_without_image_has_no_page_map(client, editions):
    ArticleFactory(issue=editions["may"])
    html = client.get(editions["may"].get_absolute_url()).content.decode()
    assert "page-map" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/issues/2025-06-27/9/",  # no such page
        "/issues/2025-02-30/5/",  # no such date
        "/issues/0000-01-01/5/",
        "/issues/2025-6-27/5/",
        "/issues/9999-12-31/5/",
    ],
)
def test_missing_editions_are_404(client, editions, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("page", ["abc", "999", "-1", "0", "1.5", "last"])
def test_bad_page_numbers_give_a_normal_page(client, editions, page):
    response = client.get(reverse("articles:issues"), {"page": page})
    assert response.status_code == 200
    if page != "last":
        assert response.context["page_notice"]
