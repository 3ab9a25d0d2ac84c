"""
The page cache: anonymous readers get cached pages, and every way content changes shows up on
every page at once; staff, previews, the admin and POSTs are never cached.
"""

import datetime
from pathlib import Path
from unittest import mock

import pytest
import reversion
from django.template.response import TemplateResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import workflow
from articles.importing.loader import import_page
from articles.models import Article, Issue, Status
from courts.models import Court
from newsroom import generation
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, ContributorFactory, CreditFactory, IssueFactory

pytestmark = pytest.mark.django_db

PAGES = Path(__file__).resolve().parent.parent / "articles" / "pages"


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def story():
    """A public article about the Ordos court, on an edition, with a reporter."""
    article = ArticleFactory(headline="草原上的巡回法庭", courts=[Court.objects.get(slug="ordos")])
    CreditFactory(article=article, contributor=ContributorFactory(name="肖玥"))
    return article


def pages_of(article):
    """Every public page the article appears on."""
    court = Court.objects.get(slug="ordos")
    return [
        reverse("home"),
        article.get_absolute_url(),
        article.issue.get_absolute_url(),
        reverse("articles:issues"),
        reverse("articles:list"),
        reverse("articles:list") + "?court=ordos",
        reverse("articles:search") + "?q=巡回法庭",
        court.get_absolute_url(),
        reverse("articles:feed"),
        reverse("courts:feed", args=["ordos"]),
        reverse("sitemap"),
    ]


def warm(reader, urls):
    """Fetch each page twice: the second answer must come from the cache."""
    for url in urls:
        first = reader.get(url)
        assert first.status_code == 200, url
        second = reader.get(url)
        assert second["X-Cache"] == "HIT", url
        assert second.content == first.content, url


def text(reader, url):
    response = reader.get(url)
    return response.status_code, response.content.decode()


# --- What is cached, with which headers --------------------------------------------------------


def test_anonymous_pages_are_cached_with_etag_and_public_cache_control(reader, story, settings):
    settings.PAGE_CACHE_MAX_AGE, settings.PAGE_CACHE_S_MAXAGE = 30, 120
    url = story.get_absolute_url()
    first = reader.get(url)
    assert first["X-Cache"] == "MISS"
    with mock.patch.object(Article.objects, "published", side_effect=AssertionError("no view")):
        second = reader.get(url)
    assert second["X-Cache"] == "HIT" and second.content == first.content
    assert second["ETag"] == first["ETag"] and first["ETag"].startswith('"')
    cache_control = {part.strip() for part in second["Cache-Control"].split(",")}
    assert {"public", "max-age=30", "s-maxage=120"} <= cache_control
    assert not second.cookies and "Cookie" not in second.get("Vary", "")
    assert second["Content-Type"].startswith("text/html")


def test_conditional_get_answers_304(reader, story):
    url = story.get_absolute_url()
    etag = reader.get(url)["ETag"]
    for _ in range(2):  # from the view (miss) and from the cache (hit)
        generation.bump_content_generation()
        reader.get(url)
        response = reader.get(url, headers={"if-none-match": etag})
        assert response.status_code == 304 and response.content == b""
        assert response["ETag"] == etag
    other = reader.get(url, headers={"if-none-match": '"something-else"'})
    assert other.status_code == 200 and other.content


def test_head_is_answered_from_the_cache(reader, story):
    url = story.get_absolute_url()
    reader.get(url)
    response = reader.head(url)
    assert response.status_code == 200 and response["X-Cache"] == "HIT"


def test_signed_in_staff_are_never_served_or_stored(client, editor, story):
    url = story.get_absolute_url()
    client.force_login(editor)
    response = client.get(url)
    assert "X-Cache" not in response
    assert {"private", "no-cache"} <= {p.strip() for p in response["Cache-Control"].split(",")}
    # Nothing was stored for readers either, and a reader's cached copy is not given to staff.
    assert Client().get(url)["X-Cache"] == "MISS"
    Article.objects.filter(pk=story.pk).update(headline="改过的标题")  # no signal: cache stale
    assert "改过的标题" in client.get(url).content.decode()


def test_previews_and_admin_are_never_cached(client, editor, story):
    client.force_login(editor)
    for url in [
        reverse("articles:preview", args=[story.pk]),
        reverse("articles:issue_preview", args=[story.issue.pk]),
        reverse("admin:index"),
        reverse("admin:articles_article_change", args=[story.pk]),
    ]:
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert "X-Cache" not in response, url
            assert "public" not in response["Cache-Control"], url
    # Anonymous: the preview sends to the sign-in page, which is not cached either.
    anonymous = Client().get(reverse("articles:preview", args=[story.pk]))
    assert anonymous.status_code == 302 and "X-Cache" not in anonymous


def test_posts_and_the_health_check_are_not_cached(reader, story):
    assert "X-Cache" not in reader.post(reverse("articles:list"))
    for _ in range(2):
        assert "X-Cache" not in reader.get(reverse("health"))


def test_a_response_that_sets_a_cookie_is_not_stored(reader, story, settings):
    settings.ROOT_URLCONF = "tests.newsroom.pagecache_urls"
    for _ in range(2):
        response = reader.get("/cookie/")
        assert response.cookies and response.get("X-Cache") != "HIT"
        assert "public" not in response.get("Cache-Control", "")
    assert reader.get("/plain/")["X-Cache"] == "MISS"
    assert reader.get("/plain/")["X-Cache"] == "HIT"


def test_pages_are_cached_per_host(reader, story, settings):
    settings.ALLOWED_HOSTS = ["a.example", "b.example"]
    url = story.get_absolute_url()
    first = reader.get(url, HTTP_HOST="a.example")
    other = reader.get(url, HTTP_HOST="b.example")
    assert first["X-Cache"] == other["X-Cache"] == "MISS"
    assert "http://b.example/" in other.content.decode()
    assert reader.get(url, HTTP_HOST="evil.example").status_code == 400


def test_page_cache_can_be_switched_off(reader, story, settings):
    settings.PAGE_CACHE_ENABLED = False
    for _ in range(2):
        assert "X-Cache" not in reader.get(story.get_absolute_url())


# --- Every way of publishing shows at once ------------------------------------------------------


def test_admin_save_changes_every_page(reader, story, editor):
    urls = pages_of(story)
    warm(reader, urls)
    staff = Client()
    staff.force_login(editor)
    data = article_form_data(story, headline="草原上的巡回审判", courts=[story.courts.get().pk])
    data.update({"credits-TOTAL_FORMS": 0, "credits-INITIAL_FORMS": 0})
    response = staff.post(reverse("admin:articles_article_change", args=[story.pk]), data)
    assert response.status_code == 302
    for url in urls:
        response = reader.get(url)
        assert response["X-Cache"] == "MISS", url
        if "q=" in url or "sitemap" in url:
            continue  # the search was for the old words; the sitemap has no headlines
        assert "草原上的巡回审判" in response.content.decode(), url


def test_withdraw_removes_the_article_everywhere(reader, story, editor):
    urls = pages_of(story)
    warm(reader, urls)
    workflow.apply(editor, story, "withdraw")
    assert reader.get(story.get_absolute_url()).status_code == 404
    for url in urls[:1] + urls[2:]:
        status, html = text(reader, url)
        assert "草原上的巡回法庭" not in html, url
        assert story.get_absolute_url() not in html, url


@pytest.mark.parametrize(
    "start, transition",
    [
        (Status.DRAFT, "submit"),
        (Status.REVIEW, "publish"),
        (Status.REVIEW, "send_back"),
        (Status.PUBLISHED, "withdraw"),
        (Status.WITHDRAWN, "publish"),
        (Status.WITHDRAWN, "send_back"),
    ],
)
def test_each_workflow_transition_renders_pages_anew(reader, editor, start, transition):
    issue = IssueFactory()
    article = ArticleFactory(issue=issue, headline="转换之中的稿件", status=start)
    visible_before = start == Status.PUBLISHED
    urls = [reverse("home"), reverse("articles:list"), issue.get_absolute_url()]
    warm(reader, urls)
    note = "请补充案件细节" if transition == "send_back" else ""
    workflow.apply(editor, article, transition, note=note)
    article.refresh_from_db()
    for url in urls:
        response = reader.get(url)
        assert response["X-Cache"] == "MISS", url
        shown = "转换之中的稿件" in response.content.decode()
        assert shown == article.is_public, url
    assert article.is_public != visible_before or transition in ("submit", "send_back")


def test_publishing_an_edition_publishes_it_with_its_articles(reader, editor):
    latest = IssueFactory(date=datetime.date(2025, 3, 1))
    ArticleFactory(issue=latest, headline="上一期的稿件")
    issue = IssueFactory(date=datetime.date(2025, 6, 27), status=Status.REVIEW, publish_at=None)
    article = ArticleFactory(
        issue=issue, headline="新一期的头条", status=Status.REVIEW, publish_at=None
    )
    urls = [reverse("home"), reverse("articles:issues"), reverse("articles:list")]
    warm(reader, urls)
    assert reader.get(issue.get_absolute_url()).status_code == 404
    workflow.apply(editor, issue, "publish")
    for url in [*urls, issue.get_absolute_url(), article.get_absolute_url()]:
        status, html = text(reader, url)
        assert status == 200 and "新一期的头条" in html, url
    workflow.apply(editor, Issue.objects.get(pk=issue.pk), "withdraw")
    assert reader.get(article.get_absolute_url()).status_code == 404
    assert "新一期的头条" not in text(reader, reverse("home"))[1]


def test_deleting_an_article_removes_it(reader, story, editor):
    urls = pages_of(story)
    warm(reader, urls)
    staff = Client()
    staff.force_login(editor)
    url = reverse("admin:articles_article_delete", args=[story.pk])
    assert staff.post(url, {"post": "yes"}).status_code == 302
    assert reader.get(story.get_absolute_url()).status_code == 404
    assert "草原上的巡回法庭" not in text(reader, reverse("articles:list"))[1]


def test_restoring_a_version_shows_the_restored_text(reader, story):
    with reversion.create_revision():
        story.save()
    with reversion.create_revision():
        story.headline = "改过的标题"
        story.save()
    url = story.get_absolute_url()
    warm(reader, [url, reverse("articles:list")])
    assert "改过的标题" in text(reader, reverse("articles:list"))[1]
    Version.objects.get_for_object(story).order_by("pk").first().revision.revert()
    assert "草原上的巡回法庭" in text(reader, reverse("articles:list"))[1]
    assert "改过的标题" not in text(reader, reverse("articles:list"))[1]


def test_importing_a_published_page_shows_it(reader):
    IssueFactory(date=datetime.date(2024, 1, 5))
    urls = [reverse("home"), reverse("articles:issues"), reverse("articles:list")]
    warm(reader, urls)
    before = {url: reader.get(url).content for url in urls}
    report = import_page((PAGES / "marked.txt").read_text(encoding="utf-8"), publish=True)
    issue = Issue.objects.get(pk=report.issue_pk)
    assert issue.is_public
    headline = issue.articles.order_by("position").first().headline
    for url in urls:
        response = reader.get(url)
        assert response.content != before[url], url
        assert headline in response.content.decode(), url


def test_court_and_contributor_edits_show(reader, story):
    court = Court.objects.get(slug="ordos")
    contributor = story.contributors.get()
    urls = [
        court.get_absolute_url(),
        reverse("articles:list"),
        contributor.get_absolute_url(),
        reverse("courts:list"),
    ]
    warm(reader, urls)
    court.name, court.short_name = "鄂尔多斯市中级人民法院（新）", "鄂尔多斯中院（新）"
    court.save()
    contributor.name = "肖玥（改）"
    contributor.save()
    assert "鄂尔多斯中院（新）" in text(reader, reverse("articles:list"))[1]
    assert "肖玥（改）" in text(reader, contributor.get_absolute_url())[1]
    assert "鄂尔多斯市中级人民法院（新）" in text(reader, reverse("courts:list"))[1]
    assert "鄂尔多斯市中级人民法院（新）" in text(reader, court.get_absolute_url())[1]


def test_changing_an_articles_courts_shows(reader, story):
    url = reverse("articles:list") + "?court=baotou"
    warm(reader, [url])
    assert "草原上的巡回法庭" not in text(reader, url)[1]
    story.courts.add(Court.objects.get(slug="baotou"))
    assert "草原上的巡回法庭" in text(reader, url)[1]


def test_generation_changes_again_when_the_transaction_commits(
    story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        story.headline = "提交之后"
        story.save()
        during = generation.content_generation()
    assert generation.bump_content_generation in callbacks
    for callback in callbacks:
        callback()
    assert generation.content_generation() != during


# --- Scheduled content appears by itself -------------------------------------------------------


def test_scheduled_article_appears_at_its_time_without_any_change(reader, story, settings):
    settings.PAGE_CACHE_TIMEOUT = 3600
    now = timezone.now()
    at = now + datetime.timedelta(minutes=10)
    ArticleFactory(issue=story.issue, headline="定时发布的稿件", publish_at=at)
    urls = [reverse("home"), reverse("articles:list"), story.issue.get_absolute_url()]
    warm(reader, urls)
    response = reader.get(reverse("articles:list"))
    # Neither the server's copy nor a browser's or a CDN's outlives the scheduled time.
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 600
    assert "定时发布的稿件" not in response.content.decode()

    later = at + datetime.timedelta(seconds=1)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("time.time", return_value=later.timestamp()),
    ):
        for url in urls:
            response = reader.get(url)
            assert response["X-Cache"] == "MISS", url
            assert "定时发布的稿件" in response.content.decode(), url


@pytest.fixture
def clock():
    """Django's and Python's clocks, set by the test: ``clock.at(moment)``."""

    class Clock:
        now = timezone.now()

        def at(self, moment):
            self.now = moment

    clock = Clock()
    with (
        mock.patch("django.utils.timezone.now", side_effect=lambda: clock.now),
        mock.patch("time.time", side_effect=lambda: clock.now.timestamp()),
    ):
        yield clock


def test_a_page_made_while_something_became_public_is_not_kept(reader, story, clock):
    """A render that starts before a scheduled time and ends after it shows the page without
    the new article: that page must not be served once the article is public."""
    at = clock.now + datetime.timedelta(minutes=10)
    ArticleFactory(issue=story.issue, headline="定时发布的稿件", publish_at=at)
    url = reverse("articles:list")
    render = TemplateResponse.render

    def render_across_the_time(response):
        rendered = render(response)
        clock.at(at + datetime.timedelta(seconds=1))
        return rendered

    with mock.patch.object(TemplateResponse, "render", render_across_the_time):
        first = reader.get(url)
    assert "定时发布的稿件" not in first.content.decode()
    second = reader.get(url)
    assert second["X-Cache"] == "MISS"
    assert "定时发布的稿件" in second.content.decode()


def test_a_value_computed_while_something_became_public_is_not_kept(story, clock):
    at = clock.now + datetime.timedelta(minutes=10)
    ArticleFactory(issue=None, publish_at=at)
    calls = []

    def count_across_the_time():
        calls.append(clock.now)
        clock.at(at + datetime.timedelta(seconds=1))
        return len(calls)

    assert generation.cached_value("count", count_across_the_time) == 1
    assert generation.cached_value("count", count_across_the_time) == 2
    # Computed after the time, it is kept again.
    assert generation.cached_value("count", count_across_the_time) == 2


def test_next_scheduled_change_looks_at_articles_and_editions(story):
    now = timezone.now()
    assert generation.next_scheduled_change() is None
    IssueFactory(publish_at=now + datetime.timedelta(hours=2))
    article = ArticleFactory(issue=None, publish_at=now + datetime.timedelta(hours=3))
    assert generation.next_scheduled_change() == pytest.approx(
        (now + datetime.timedelta(hours=2)).timestamp()
    )
    ArticleFactory(issue=None, status=Status.DRAFT, publish_at=now + datetime.timedelta(hours=1))
    assert generation.next_scheduled_change() == pytest.approx(
        (now + datetime.timedelta(hours=2)).timestamp()
    )
    article.publish_at = now + datetime.timedelta(minutes=5)
    article.save()
    assert generation.next_scheduled_change() == pytest.approx(article.publish_at.timestamp())


def test_cached_values_follow_the_generation(story):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert generation.cached_value("count", compute) == 1
    assert generation.cached_value("count", compute) == 1
    story.save()
    assert generation.cached_value("count", compute) == 2


def test_the_court_filter_and_edition_months_follow_changes(reader, story, settings):
    """Kept in the data cache even when pages are not cached: still never stale."""
    settings.PAGE_CACHE_ENABLED = False
    url = reverse("articles:list")
    reader.get(url)
    court = Court.objects.get(slug="ordos")
    court.short_name = "鄂尔多斯中院（改名）"
    court.save()
    select = text(reader, url)[1].split('name="court"')[1].split("</select>")[0]
    assert "鄂尔多斯中院（改名）" in select
    months = reverse("articles:issues")
    reader.get(months)
    IssueFactory(date=datetime.date(2019, 4, 8))
    assert reverse("articles:issues_month", args=[2019, 4]) in text(reader, months)[1]


def test_one_copy_whatever_language_the_browser_asks_for(reader, story):
    """The site speaks Chinese to everyone: Accept-Language does not split the cache."""
    url = story.get_absolute_url()
    assert reader.get(url, headers={"accept-language": "zh-CN"})["X-Cache"] == "MISS"
    assert reader.get(url, headers={"accept-language": "en-US,en"})["X-Cache"] == "HIT"


def test_a_cache_that_is_down_costs_speed_not_pages_or_saves(reader, story):
    """With Redis unreachable, readers still get pages and editors can still save."""
    broken = mock.Mock(side_effect=ConnectionError("cache down"))
    with (
        mock.patch.object(generation.data_cache(), "get", broken),
        mock.patch.object(generation.data_cache(), "set", broken),
        mock.patch.object(generation.generation_cache(), "get", broken),
        mock.patch.object(generation.generation_cache(), "set", broken),
    ):
        story.headline = "缓存故障时保存"
        story.save()
        for url in [story.get_absolute_url(), reverse("articles:list"), reverse("home")]:
            response = reader.get(url)
            assert response.status_code == 200, url
            assert "X-Cache" not in response
        assert "缓存故障时保存" in text(reader, reverse("articles:list"))[1]


def test_pages_go_compressed_to_clients_that_accept_it(reader, story):
    import gzip

    url = reverse("articles:list")
    plain = reader.get(url)
    assert "Content-Encoding" not in plain and "Accept-Encoding" in plain["Vary"]
    for state in ("HIT", "HIT"):
        packed = reader.get(url, headers={"accept-encoding": "gzip, deflate, br"})
        assert packed["X-Cache"] == state and packed["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.content) == plain.content
        assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content) / 2
        assert packed["ETag"] != plain["ETag"] and "Accept-Encoding" in packed["Vary"]
    again = reader.get(url, headers={"accept-encoding": "gzip", "if-none-match": packed["ETag"]})
    assert again.status_code == 304
    # A new page is compressed on its first answer already.
    generation.bump_content_generation()
    first = reader.get(url, headers={"accept-encoding": "gzip"})
    assert first["X-Cache"] == "MISS" and gzip.decompress(first.content) == plain.content


def test_generating_demo_content_renews_the_generation():
    """generate_demo writes in bulk (no signals): it says so to the page cache itself."""
    from django.core.management import call_command

    before = generation.content_generation()
    call_command("generate_demo", articles=3, seed="cache", verbosity=0)
    assert generation.content_generation() != before


@pytest.mark.parametrize("page_cache", [True, False], ids=["page cache on", "page cache off"])
def test_only_public_pages_read_the_generation_when_not_served_from_the_cache(
    editor_client, story, settings, page_cache
):
    """A public page a signed-in editor reads keeps cards under the generation it read first;
    the admin, previews and the health check keep none and do not ask the shared cache."""
    settings.PAGE_CACHE_ENABLED = page_cache
    reads = []
    with mock.patch.object(
        generation, "content_generation", side_effect=lambda: reads.append(1) or "g"
    ):
        for url in [reverse("admin:index"), reverse("articles:preview", args=[story.pk])]:
            assert editor_client.get(url).status_code == 200
        assert Client().get(reverse("alive")).status_code == 200
        assert reads == []
        assert editor_client.get(reverse("articles:list")).status_code == 200
        assert reads
