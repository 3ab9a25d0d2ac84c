"""The RSS feeds, read as a feed reader reads them."""

import datetime

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.feeds import FEED_SIZE
from courts.models import Court
from tests.factories import ArticleFactory, CourtFactory, IssueFactory

pytestmark = pytest.mark.django_db


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_all_articles_feed(client):
    older = ArticleFactory(
        headline="旧闻",
        publish_at=timezone.now() - datetime.timedelta(days=2),
        byline="本报记者●肖玥",
        summary="一段摘要。",
        courts=[Court.objects.get(slug="chifeng")],
    )
    newer = ArticleFactory(headline="新闻 <b>&</b>", body="<p>正文第一句。</p>")
    feed = read(client, reverse("articles:feed"))
    assert feed.feed.language == "zh-cn"
    assert feed.feed.link.endswith(reverse("articles:list"))
    titles = [entry.title for entry in feed.entries]
    assert titles == ["新闻 <b>&</b>", "旧闻"]
    first, second = feed.entries
    assert first.link == "http://testserver" + newer.get_absolute_url()
    assert first.summary == "正文第一句。"
    assert second.summary == "一段摘要。"
    assert second.author == "本报记者●肖玥"
    assert [tag.term for tag in second.tags] == ["赤峰市中级人民法院"]
    published = datetime.datetime(*second.published_parsed[:6], tzinfo=datetime.UTC)
    assert abs(published - older.publish_at) < datetime.timedelta(seconds=1)


def test_feed_is_bounded(client):
    issue = IssueFactory()
    for _ in range(FEED_SIZE + 3):
        ArticleFactory(issue=issue)
    assert len(read(client, reverse("articles:feed")).entries) == FEED_SIZE


def test_court_feed_includes_the_courts_below(client):
    ordos = Court.objects.get(slug="ordos")
    basic = CourtFactory(parent=ordos)
    ArticleFactory(headline="市院", courts=[ordos])
    ArticleFactory(headline="旗院", courts=[basic])
    ArticleFactory(headline="两院", courts=[ordos, basic])
    ArticleFactory(headline="他院", courts=[Court.objects.get(slug="chifeng")])
    feed = read(client, reverse("courts:feed", args=["ordos"]))
    assert sorted(entry.title for entry in feed.entries) == sorted(["市院", "旗院", "两院"])
    assert "鄂尔多斯市中级人民法院" in feed.feed.title
    assert feed.feed.link.endswith(reverse("courts:detail", args=["ordos"]))
    basic_feed = read(client, reverse("courts:feed", args=[basic.slug]))
    assert sorted(entry.title for entry in basic_feed.entries) == ["两院", "旗院"]


def test_unknown_court_feed_is_404(client):
    assert client.get(reverse("courts:feed", args=["atlantis"])).status_code == 404


def test_pages_link_to_their_feeds(client):
    html = client.get(reverse("home")).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert f'href="{reverse("articles:feed")}"' in html
    court_html = client.get(reverse("courts:detail", args=["ordos"])).content.decode()
    assert f'href="{reverse("courts:feed", args=["ordos"])}"' in court_html
