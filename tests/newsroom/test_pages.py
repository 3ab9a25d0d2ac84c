"""
Site-wide page checks: the home page, robots.txt, the sitemap, the error pages, and what every
public page carries (title, description, canonical URL, Open Graph, landmarks, heading order,
alt text, no external assets).
"""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views.defaults import server_error

from articles.models import Article, Status
from articles.sitemaps import ArchiveSitemap
from courts.models import Court
from tests.factories import (
    ArticleFactory,
    ContributorFactory,
    CourtFactory,
    CreditFactory,
    IssueFactory,
    PhotoFactory,
)

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def content():
    ordos = Court.objects.get(slug="ordos")
    basic = CourtFactory(parent=ordos)
    issue = IssueFactory(quote="司法为民，公正司法。", quote_attribution="——某某")
    article = ArticleFactory(issue=issue, courts=[ordos, basic], summary="会议部署下一阶段工作。")
    PhotoFactory(article=article, alt_text="会场")
    reporter = ContributorFactory()
    CreditFactory(article=article, contributor=reporter)
    ArticleFactory(issue=issue, courts=[basic])
    return {"issue": issue, "article": article, "reporter": reporter, "court": ordos}


def public_urls(content):
    issue = content["issue"]
    return [
        reverse("home"),
        reverse("articles:issues"),
        reverse("articles:issues_year", args=[issue.date.year]),
        reverse("articles:issues_month", args=[issue.date.year, issue.date.month]),
        issue.get_absolute_url(),
        content["article"].get_absolute_url(),
        reverse("articles:list"),
        reverse("articles:list") + "?court=ordos",
        reverse("articles:search") + "?q=司法",
        content["reporter"].get_absolute_url(),
        reverse("courts:list"),
        content["court"].get_absolute_url(),
    ]


class Page(HTMLParser):
    """What the checks need from a page: head tags, landmarks, headings, images, assets."""

    def __init__(self, html):
        super().__init__()
        self.title = ""
        self.meta = {}
        self.links = []
        self.tags = []
        self.headings = []
        self.images = []
        self.assets = []
        self.landmarks = []  # (role, accessible name) of nav, aside, labelled sections, role=...
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "title":
            self._in = "title"
        elif tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            if key:
                self.meta[key] = attrs.get("content", "")
        elif tag == "link":
            self.links.append(attrs)
            self.assets.append(attrs.get("href", ""))
        elif tag in {"script", "img"} and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "img":
            self.images.append(attrs)
        role = attrs.get("role") or {"nav": "navigation", "aside": "complementary"}.get(tag)
        if tag == "section" and (attrs.get("aria-label") or attrs.get("aria-labelledby")):
            role = role or "region"
        if role in {"search", "navigation", "complementary", "region", "form"}:
            name = attrs.get("aria-label") or attrs.get("aria-labelledby") or ""
            self.landmarks.append((role, name))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_data(self, data):
        if self._in == "title":
            self.title += data

    def handle_endtag(self, tag):
        if tag == "title":
            self._in = None


def test_every_public_page_has_its_head_landmarks_and_structure(client, content):
    for url in public_urls(content):
        response = client.get(url)
        assert response.status_code == 200, url
        page = Page(response.content.decode())
        assert page.title.strip(), url
        assert page.meta.get("description"), url
        for key in ["og:title", "og:description", "og:url", "og:type", "og:image", "og:site_name"]:
            assert page.meta.get(key), (url, key)
        canonical = [link["href"] for link in page.links if link.get("rel") == "canonical"]
        assert len(canonical) == 1 and canonical[0].startswith("http://testserver/"), url
        assert page.meta["og:url"] == canonical[0]
        feeds = [link for link in page.links if link.get("rel") == "alternate"]
        assert feeds and all(link["type"] == "application/rss+xml" for link in feeds), url
        # Landmarks, one h1, no skipped heading level, alt text on every image.
        for landmark in ["header", "nav", "main", "footer"]:
            assert landmark in page.tags, (url, landmark)
        assert page.headings.count(1) == 1, url
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, (url, page.headings)
        assert all("alt" in image for image in page.images), url
        # Landmarks of one kind are told apart by their names (axe's landmark-unique), e.g. the
        # masthead's search and a page's filters.
        assert len(set(page.landmarks)) == len(page.landmarks), (url, page.landmarks)
        # Every asset is served by the site itself.
        for asset in page.assets:
            assert not re.match(r"(https?:)?//", asset) or asset.startswith("http://testserver"), (
                url,
                asset,
            )


def test_titles_and_descriptions_say_what_the_page_is(client, content):
    article = content["article"]
    page = Page(client.get(article.get_absolute_url()).content.decode())
    assert page.title.startswith(article.headline)
    assert page.meta["description"] == "会议部署下一阶段工作。"
    assert page.meta["og:type"] == "article"
    assert page.meta["og:image"].startswith("http://testserver/media/renditions/photos/")
    edition = Page(client.get(content["issue"].get_absolute_url()).content.decode())
    assert content["issue"].title in edition.title
    assert edition.meta["description"] == "司法为民，公正司法。"
    court = Page(client.get(content["court"].get_absolute_url()).content.decode())
    assert court.title.startswith("鄂尔多斯市中级人民法院")


def test_paginated_pages_keep_their_page_in_the_canonical_url(client):
    issue = IssueFactory()
    for _ in range(21):
        ArticleFactory(issue=issue)
    html = client.get(reverse("articles:list"), {"page": "2", "utm": "x"}).content.decode()
    assert 'rel="canonical" href="http://testserver/articles/?page=2"' in html


def test_home_shows_the_latest_edition_recent_articles_and_city_courts(client, content):
    older = IssueFactory()  # a later sequence date: the factory counts upwards
    older.date = content["issue"].date.replace(year=content["issue"].date.year - 1)
    older.save()
    second_page = IssueFactory(date=content["issue"].date, page_number=6)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["issue"] == content["issue"]
    assert [p.pk for p in response.context["latest_pages"]] == [content["issue"].pk, second_page.pk]
    assert content["article"] in response.context["issue_articles"]
    cities = {court.slug: court.article_count for court in response.context["city_courts"]}
    assert len(cities) == 12
    assert cities["ordos"] == 2 and cities["chifeng"] == 0
    html = response.content.decode()
    assert second_page.get_absolute_url() in html


def test_home_without_content(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["issue"] is None


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /preview/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def sitemap_entries(client):
    """Every ``<url>`` of the sitemaps that /sitemap.xml (an index) lists, by address."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    entries = {}
    for loc in ET.fromstring(index.content).findall("s:sitemap/s:loc", SITEMAP_NS):
        response = client.get(loc.text.removeprefix("http://testserver"))
        assert response.status_code == 200, loc.text
        for url in ET.fromstring(response.content).findall("s:url", SITEMAP_NS):
            entries[url.find("s:loc", SITEMAP_NS).text] = url
    return entries


def test_sitemap_lists_published_pages_only(client, content):
    draft = ArticleFactory(status=Status.DRAFT, publish_at=None)
    hidden_issue = IssueFactory(status=Status.DRAFT, publish_at=None)
    entries = sitemap_entries(client)
    locations = set(entries)
    base = "http://testserver"
    for expected in [
        base + "/",
        base + reverse("articles:issues"),
        base + content["issue"].get_absolute_url(),
        base + content["article"].get_absolute_url(),
        base + content["court"].get_absolute_url(),
        base + content["reporter"].get_absolute_url(),
    ]:
        assert expected in locations
    assert base + draft.get_absolute_url() not in locations
    assert base + hidden_issue.get_absolute_url() not in locations
    article_entry = entries[base + content["article"].get_absolute_url()]
    lastmod = article_entry.find("s:lastmod", SITEMAP_NS).text
    assert lastmod == timezone.localdate(content["article"].updated_at).isoformat()


def test_the_sitemap_of_a_large_archive_is_an_index_of_pages(client, content, monkeypatch):
    """Sitemaps are read in pages (the protocol allows 50,000 addresses a file): every public
    article is in one of them, and the index names each page."""
    monkeypatch.setattr(ArchiveSitemap, "limit", 2)
    for n in range(4):
        ArticleFactory(issue=content["issue"], headline=f"存档稿件{n}")
    index = ET.fromstring(client.get("/sitemap.xml").content)
    pages = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    articles = "http://testserver" + reverse("sitemap_section", args=["articles"])
    public = Article.objects.published().count()
    expected = [articles] + [f"{articles}?p={n}" for n in range(2, (public + 1) // 2 + 1)]
    assert [page for page in pages if page.startswith(articles)] == expected
    listed = {url for url in sitemap_entries(client) if re.search(r"/articles/\d+/", url)}
    assert listed == {
        "http://testserver" + article.get_absolute_url() for article in Article.objects.published()
    }
    beyond = reverse("sitemap_section", args=["articles"]) + f"?p={len(expected) + 1}"
    assert client.get(beyond).status_code == 404
    assert client.get(reverse("sitemap_section", args=["nothing"])).status_code == 404


def test_friendly_404_in_the_site_layout(client, settings):
    settings.DEBUG = False
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="masthead"' in html
    assert reverse("articles:search") in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_refusal_explains_itself_and_leads_back_to_the_desk(client, correspondent, settings):
    """A correspondent who follows a link meant for editors gets the site's own 403 page."""
    settings.DEBUG = False
    client.force_login(correspondent)
    response = client.get(reverse("admin:articles_issue_changelist"))
    assert response.status_code == 403
    html = response.content.decode()
    assert 'class="masthead"' in html and "Your account may not open this page" in html
    assert reverse("admin:index") in html


def test_an_expired_form_says_nothing_was_saved(editor, settings):
    """A form sent without its CSRF token (open too long, or from before signing in again)."""
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(reverse("admin:articles_article_add"), {"headline": "标题"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "This form could not be sent" in html and "Nothing was saved" in html
    assert not Article.objects.exists()


def test_500_page_needs_no_database_or_context_processors(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert 'class="masthead"' in html and "500" in html
    assert 'href="/"' in html


def test_public_pages_are_the_same_for_everyone(client, editor, content):
    """No cookie is set and nothing varies on the reader, so pages can be cached later."""
    for url in public_urls(content):
        anonymous = client.get(url)
        assert not anonymous.cookies, url
        assert "Cookie" not in anonymous.get("Vary", ""), url
    client.force_login(editor)
    for url in public_urls(content):
        signed_in = client.get(url).content.decode()
        assert "preview-banner" not in signed_in, url
        assert "editor" not in signed_in, url
