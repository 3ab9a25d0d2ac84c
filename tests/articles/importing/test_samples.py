"""
The shared sample pages import into exactly their articles.

The expectations point at lines of the sample files (read at run time) instead of repeating their
text here: "the headline is line 16", "the dateline is the bold lead of line 18".
"""

import datetime
import re

import pytest
from django.core.management import call_command

from articles.importing.loader import import_page
from articles.importing.parser import parse_page
from articles.importing.punctuation import full_width
from articles.models import Article, Issue, Status
from courts.models import Court

from .conftest import unmark

pytestmark = pytest.mark.django_db


class Sample:
    def __init__(self, path):
        self.path = path
        self.lines = path.read_text(encoding="utf-8").split("\n")

    def line(self, number):
        """Line ``number`` (from 1) as stored: without Markdown marks and outer spaces, its
        punctuation full-width next to Chinese text."""
        text = self.lines[number - 1].strip()
        return full_width(re.sub(r"^#+\s+", "", text).replace("**", "").strip())

    def bold(self, number):
        return full_width(re.match(r"\*\*(.+?)\*\*", self.lines[number - 1].strip())[1])

    def after_bold(self, number):
        return full_width(re.sub(r"^\*\*.+?\*\*\s*", "", self.lines[number - 1].strip()))

    def tail(self, number):
        """The parenthesised credit at the end of line ``number``."""
        return re.search(r"[(（][^()（）]+[)）]$", self.line(number))[0]

    def before_tail(self, number):
        return self.line(number)[: -len(self.tail(number))]


def court_name(slug):
    return Court.objects.get(slug=slug).name


def credits_of(article):
    return [(c.role, c.contributor.name) for c in article.credits.select_related("contributor")]


def courts_of(article):
    return sorted(article.courts.values_list("slug", flat=True))


def test_page_000_edition_quote_and_five_articles(sample_page, client):
    sample = Sample(sample_page("000"))
    call_command("import_pages", str(sample.path), "--publish", verbosity=0)

    issue = Issue.objects.get()
    assert (issue.date, issue.page_number) == (datetime.date(2025, 6, 27), 5)
    assert issue.title == sample.line(5)
    assert issue.quote == sample.line(13)
    assert "——" + issue.quote_attribution == sample.line(14)
    assert issue.banner == ""

    # headline, dateline and end-credit lines, paragraph count, the court, the credit
    expected = [
        (16, 18, 28, 3, "chifeng", ("organisation", court_name("chifeng"))),
        (30, 32, 46, 5, "xilingol", ("author", None)),
        (48, 50, 52, 2, "hulunbuir", ("organisation", court_name("hulunbuir"))),
        (54, 56, 60, 3, "ulanqab", ("author", None)),
        (62, 64, 76, 5, "ordos", ("author", None)),
    ]
    articles = list(issue.articles.order_by("position"))
    assert len(articles) == len(expected)
    for article, (headline, dateline, end, paragraphs, court, (role, who)) in zip(
        articles, expected, strict=True
    ):
        assert article.headline == sample.line(headline)
        assert (article.kicker, article.subtitle, article.byline) == ("", "", "")
        assert article.dateline == sample.bold(dateline)
        # the credit has a line of its own, or ends the last paragraph
        own_line = sample.line(end).startswith(("(", "（"))
        assert article.end_credit == (sample.line(end) if own_line else sample.tail(end))
        if not own_line:
            assert article.body.endswith(f"{sample.before_tail(end)}</p>")
        assert article.body.count("<p>") == paragraphs
        assert article.body.startswith(f"<p>{sample.after_bold(dateline)}</p>")
        assert courts_of(article) == [court]
        assert credits_of(article) == [(role, who or sample.tail(end).strip("()（）"))]
        assert article.status == Status.PUBLISHED

    # the column breaks of the first and second article are mended
    assert f"<p>{sample.line(20)}{sample.line(22)}</p>" in articles[0].body
    assert f"<p>{sample.line(36)}{sample.line(40)}</p>" in articles[1].body
    # the high court named in a document's title (《…》) is not linked
    assert "inner-mongolia-high" not in courts_of(articles[3])

    first = articles[0]
    response = client.get(first.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert first.headline in page
    assert sample.line(22)[:20] in page


def test_page_001_headline_subtitle_byline_and_subheads(sample_page, client):
    sample = Sample(sample_page("001"))
    report = import_page(
        sample.path.read_bytes(), date=datetime.date(2024, 2, 28), page_number=7, publish=True
    )
    assert report.created and len(report.articles) == 1

    article = Article.objects.get()
    assert article.headline == sample.line(3)
    assert article.subtitle == sample.line(5)
    assert article.byline == sample.line(7)
    assert (article.dateline, article.end_credit, article.kicker) == ("", "", "")
    reporter, correspondent = (part.split("●")[1] for part in sample.line(7).split())
    assert credits_of(article) == [("reporter", reporter), ("correspondent", correspondent)]
    assert courts_of(article) == ["baotou"]
    subheads = re.findall(r"<h2>(.+?)</h2>", article.body)
    assert subheads == [sample.line(n) for n in (15, 23, 31, 44, 50, 60)]
    assert article.body.count("<p>") == 23
    # an unmarked subhead held to its paragraph by a hard line break, then a column break
    assert f"<h2>{sample.line(31)}</h2><p>{sample.line(32)}{sample.line(34)}</p>" in article.body

    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert article.headline in response.content.decode()
    assert sample.line(34)[:20] in response.content.decode()


def test_page_001_needs_a_date(sample_page, tmp_path):
    sample = Sample(sample_page("001"))
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="1 of 1 file failed"):
        call_command("import_pages", str(sample.path), verbosity=0)
    assert not Issue.objects.exists() and not Article.objects.exists()


def test_page_003_unmarked_with_banner_and_picture_story(sample_page, client):
    sample = Sample(sample_page("003"))
    call_command(
        "import_pages",
        str(sample.path),
        "--date",
        "2022-12-09",
        "--page",
        "8",
        "--publish",
        verbosity=0,
    )
    issue = Issue.objects.get()
    assert issue.banner == sample.line(57)
    assert (issue.quote, issue.title) == ("", "法院专刊")

    feature, picture = issue.articles.order_by("position")
    assert feature.headline == sample.line(5)
    assert feature.subtitle == sample.line(7)
    assert (feature.byline, feature.dateline, feature.kicker) == ("", "", "")
    assert feature.end_credit == sample.line(55)
    assert re.findall(r"<h2>(.+?)</h2>", feature.body) == [
        sample.line(n) for n in (13, 29, 35, 45, 51)
    ]
    assert feature.body.count("<p>") == 16
    assert f"<p>{sample.line(21)}{sample.line(23)}</p>" in feature.body
    assert courts_of(feature) == ["inner-mongolia-high"]
    assert credits_of(feature) == [("organisation", court_name("inner-mongolia-high"))]

    assert picture.headline == sample.line(59)
    assert picture.body == f"<p>{sample.line(63)}</p>"
    photographer = sample.line(65).split()[0]
    assert [(p.caption, p.photographer.name) for p in picture.photos.all()] == [
        (sample.line(63), photographer)
    ]
    assert credits_of(picture) == [("photographer", photographer)]
    assert courts_of(picture) == []

    for article in (feature, picture):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert article.headline in response.content.decode()


@pytest.mark.parametrize("number", ["000", "001"])
def test_sample_without_marks_reads_the_same(sample_page, number):
    from .test_parser import shape

    text = sample_page(number).read_text(encoding="utf-8")
    assert shape(parse_page(unmark(text))) == shape(parse_page(text))
