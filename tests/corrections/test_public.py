"""Every public surface of a correction, tried as a new editor would: added in the admin, it shows
on the article page, on /corrections/, in the corrections feed and in the article's JSON-LD;
withdrawn, it is gone from all of them; a correction of an article readers cannot see shows
nowhere. The page cache never serves a page from before the change."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Status
from corrections.models import Correction
from tests.factories import ArticleFactory, CorrectionFactory, IssueFactory

from .helpers import SCHEMA, correction_nodes, expanded_article, read_feed

pytestmark = pytest.mark.django_db

TEXT = "本文第三段中“二〇二四年受理案件三千件”有误，应为“三千二百件”。特此更正。"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def story():
    """A public article, last edited two days ago."""
    article = ArticleFactory(
        headline="草原上的巡回法庭",
        publish_at=timezone.now() - datetime.timedelta(days=3),
    )
    edited = timezone.now() - datetime.timedelta(days=2)
    type(article).objects.filter(pk=article.pk).update(updated_at=edited)
    article.updated_at = edited
    return article


def add_in_admin(client, article, text=TEXT, kind="correction", **extra):
    now = timezone.localtime()
    data = {
        "article": article.pk,
        "kind": kind,
        "text": text,
        "date_0": now.strftime("%Y-%m-%d"),
        "date_1": now.strftime("%H:%M:%S"),
        **extra,
    }
    return client.post(reverse("admin:corrections_correction_add"), data)


def withdraw_in_admin(client, correction, reason="更正本身有误：原文数字无误。"):
    return client.post(
        reverse("admin:corrections_correction_changelist"),
        {"action": "withdraw_corrections", ACTION_CHECKBOX_NAME: [correction.pk], "reason": reason},
    )


def surfaces(reader, article):
    """What each public surface says about corrections of ``article`` (and the cache state)."""
    page = reader.get(article.get_absolute_url())
    listing = reader.get(reverse("corrections:list"))
    feed = read_feed(reader, reverse("corrections:feed"))
    return {
        "page": page.content.decode() if page.status_code == 200 else "",
        "list": listing.content.decode(),
        "feed": [(entry.title, entry.summary, entry.link) for entry in feed.entries],
        "cache": {page.get("X-Cache"), listing.get("X-Cache")},
    }


def sitemap_lastmod(reader, article):
    response = reader.get(reverse("sitemap_section", args=["articles"]))
    root = ET.fromstring(response.content)
    for url in root.iter(f"{SITEMAP}url"):
        if url.findtext(f"{SITEMAP}loc").endswith(article.get_absolute_url()):
            return url.findtext(f"{SITEMAP}lastmod")
    raise AssertionError("article not in the sitemap")


def test_added_in_the_admin_it_shows_everywhere_and_withdrawn_it_goes(reader, editor_client, story):
    # Every page read once, so that each is in the page cache before the change.
    before = surfaces(reader, story)
    assert TEXT not in before["page"] and TEXT not in before["list"] and before["feed"] == []
    assert surfaces(reader, story)["cache"] == {"HIT"}

    response = add_in_admin(editor_client, story)
    assert response.status_code == 302, response.content.decode()[:2000]
    correction = Correction.objects.get()
    assert correction.created_by.username == "editor"

    after = surfaces(reader, story)
    assert after["cache"] == {"MISS"}  # the change made the cached pages unreachable
    # The article page: above the body, dated, with an "updated" date.
    page = after["page"]
    assert TEXT in page
    assert page.index(TEXT) < page.index("data-story-body")
    assert f'id="correction-{correction.pk}"' in page
    assert f'datetime="{timezone.localtime(correction.date).isoformat()}"' in page
    assert 'class="story__updated"' in page
    # /corrections/: the correction, its article linked.
    assert TEXT in after["list"]
    assert f'href="{story.get_absolute_url()}#correction-{correction.pk}"' in after["list"]
    assert "草原上的巡回法庭" in after["list"]
    # The feed.
    [(title, summary, link)] = after["feed"]
    assert "草原上的巡回法庭" in title and summary == TEXT
    assert link == f"http://testserver{story.get_absolute_url()}#correction-{correction.pk}"
    # The JSON-LD, through a JSON-LD processor.
    expanded, compacted = expanded_article(page)
    [node] = correction_nodes(compacted)
    assert node["@type"] == "CorrectionComment"
    assert node["text"] == TEXT
    published = datetime.datetime.fromisoformat(node["datePublished"])
    assert abs(published - correction.date) < datetime.timedelta(seconds=1)
    assert expanded[SCHEMA + "correction"][0]["@type"] == [SCHEMA + "CorrectionComment"]
    assert datetime.datetime.fromisoformat(compacted["dateModified"]) == published
    assert compacted["publisher"]["correctionsPolicy"] == "http://testserver/about/corrections/"

    assert withdraw_in_admin(editor_client, correction).status_code == 302
    correction.refresh_from_db()
    assert correction.withdrawn_at and correction.withdrawn_reason.startswith("更正本身有误")

    gone = surfaces(reader, story)
    assert gone["cache"] == {"MISS"}
    assert TEXT not in gone["page"] and 'class="story__updated"' not in gone["page"]
    assert TEXT not in gone["list"]
    assert gone["feed"] == []
    _, compacted = expanded_article(gone["page"])
    assert correction_nodes(compacted) == []
    assert datetime.datetime.fromisoformat(compacted["dateModified"]) < published


def test_a_correction_of_an_article_readers_cannot_see_shows_nowhere(reader):
    hidden = [
        ArticleFactory(status=Status.DRAFT, publish_at=None),
        ArticleFactory(status=Status.WITHDRAWN),
        # Published for later, or on an edition that is not out.
        ArticleFactory(publish_at=timezone.now() + datetime.timedelta(days=1)),
        ArticleFactory(issue=IssueFactory(status=Status.DRAFT, publish_at=None)),
    ]
    texts = [f"第{i}条说明，读者看不到。" for i in range(len(hidden))]
    for article, text in zip(hidden, texts, strict=True):
        Correction.objects.create(article=article, text=text)
    listing = reader.get(reverse("corrections:list")).content.decode()
    feed = read_feed(reader, reverse("corrections:feed"))
    assert feed.entries == []
    for article, text in zip(hidden, texts, strict=True):
        assert text not in listing
        assert reader.get(article.get_absolute_url()).status_code == 404
    assert Correction.objects.public().count() == 0


def test_withdrawing_the_article_takes_its_corrections_off_the_list(reader, editor, story):
    CorrectionFactory(article=story, text=TEXT)
    assert TEXT in reader.get(reverse("corrections:list")).content.decode()
    assert len(read_feed(reader, reverse("corrections:feed")).entries) == 1
    workflow.apply(editor, story, "withdraw")
    assert TEXT not in reader.get(reverse("corrections:list")).content.decode()
    assert read_feed(reader, reverse("corrections:feed")).entries == []


def test_the_list_is_newest_first_paginated_in_pages_of_twenty(reader):
    now = timezone.now()
    article = ArticleFactory(publish_at=now - datetime.timedelta(days=60))
    for day in range(25):
        CorrectionFactory(
            article=article, text=f"第{day:02d}天的更正。", date=now - datetime.timedelta(days=day)
        )
    first = reader.get(reverse("corrections:list")).content.decode()
    assert first.index("第00天的更正") < first.index("第01天的更正") < first.index("第19天的更正")
    assert "第20天的更正" not in first
    second = reader.get(reverse("corrections:list") + "?page=2").content.decode()
    assert "第24天的更正" in second and "第19天的更正" not in second
    notice = reader.get(reverse("corrections:list") + "?page=9").content.decode()
    assert "第24天的更正" in notice  # a page past the end is the last, with a notice


def test_clarification_is_labelled_as_such(reader, story, chinese):
    CorrectionFactory(article=story, kind=Correction.Kind.CLARIFICATION, text="补充说明背景。")
    page = reader.get(story.get_absolute_url()).content.decode()
    assert "说明" in page and "补充说明背景。" in page


def test_several_corrections_newest_first_and_date_modified_follows_the_latest(reader, story):
    now = timezone.now()
    type(story).objects.filter(pk=story.pk).update(updated_at=now - datetime.timedelta(days=3))
    old = CorrectionFactory(
        article=story, text="较早的更正。", date=now - datetime.timedelta(days=2)
    )
    new = CorrectionFactory(
        article=story, text="最新的更正。", date=now - datetime.timedelta(hours=1)
    )
    page = reader.get(story.get_absolute_url()).content.decode()
    assert page.index("最新的更正") < page.index("较早的更正")
    _, compacted = expanded_article(page)
    assert [n["text"] for n in correction_nodes(compacted)] == ["最新的更正。", "较早的更正。"]
    assert datetime.datetime.fromisoformat(compacted["dateModified"]) == new.date
    assert old.date < new.date


def test_sitemap_lastmod_follows_the_latest_live_correction(reader, story):
    edited = timezone.now() - datetime.timedelta(days=5)
    type(story).objects.filter(pk=story.pk).update(updated_at=edited)
    day = timezone.localtime(edited).date().isoformat()
    assert sitemap_lastmod(reader, story)[:10] == day
    correction = CorrectionFactory(article=story)
    assert (
        sitemap_lastmod(reader, story)[:10]
        == timezone.localtime(correction.date).date().isoformat()
    )
    # Withdrawn, it no longer counts.
    correction.withdrawn_at, correction.withdrawn_reason = timezone.now(), "误发"
    correction.save()
    assert sitemap_lastmod(reader, story)[:10] == day


def test_policy_page_is_linked_from_the_list_and_the_footer(reader, story, chinese):
    policy = reader.get(reverse("corrections:policy"))
    assert policy.status_code == 200
    assert "更正与说明" in policy.content.decode()
    home = reader.get(reverse("home")).content.decode()
    assert f'href="{reverse("corrections:list")}"' in home
    listing = reader.get(reverse("corrections:list")).content.decode()
    assert f'href="{reverse("corrections:policy")}"' in listing
    assert f'href="{reverse("corrections:feed")}"' in listing


def test_editing_the_policy_shows_at_once(reader, editor_client):
    from corrections.models import CorrectionsPolicy

    reader.get(reverse("corrections:policy"))
    assert reader.get(reverse("corrections:policy"))["X-Cache"] == "HIT"
    policy = CorrectionsPolicy.objects.get()
    response = editor_client.post(
        reverse("admin:corrections_correctionspolicy_change", args=[policy.pk]),
        {"title": "更正政策", "text": "第一段。\n\n第二段。"},
    )
    assert response.status_code == 302
    page = reader.get(reverse("corrections:policy"))
    assert page["X-Cache"] == "MISS"
    assert "<p>第一段。</p>" in page.content.decode() and "更正政策" in page.content.decode()


def test_edition_pages_lists_and_feeds_are_made_anew_when_a_correction_comes(reader, story):
    urls = [
        story.issue.get_absolute_url(),
        reverse("articles:list"),
        reverse("articles:feed"),
        reverse("home"),
        reverse("sitemap"),
        reverse("sitemap_section", args=["articles"]),
        reverse("corrections:policy"),
    ]
    for url in urls:
        reader.get(url)
        assert reader.get(url)["X-Cache"] == "HIT", url
    correction = CorrectionFactory(article=story)
    for url in urls:
        assert reader.get(url)["X-Cache"] == "MISS", url
        assert reader.get(url)["X-Cache"] == "HIT", url
    correction.text = "改过的文字。"
    correction.save()
    assert reader.get(story.get_absolute_url())["X-Cache"] == "MISS"
    assert "改过的文字。" in reader.get(story.get_absolute_url()).content.decode()


def test_a_correction_text_is_text_everywhere(reader, story):
    hostile = "原文有误</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    CorrectionFactory(article=story, text=hostile)
    for url in (story.get_absolute_url(), reverse("corrections:list")):
        html = reader.get(url).content.decode()
        assert "<script>alert(1)" not in html and "<img src=x" not in html
    _, compacted = expanded_article(reader.get(story.get_absolute_url()).content.decode())
    assert [node["text"] for node in correction_nodes(compacted)] == [hostile]
    [entry] = read_feed(reader, reverse("corrections:feed")).entries
    assert "<script>" not in entry.summary


def test_the_sitemap_index_lastmod_of_articles_follows_the_latest_correction(reader, story):
    def index_lastmod():
        root = ET.fromstring(reader.get(reverse("sitemap")).content)
        for entry in root.iter(f"{SITEMAP}sitemap"):
            if entry.findtext(f"{SITEMAP}loc").endswith("sitemap-articles.xml"):
                return entry.findtext(f"{SITEMAP}lastmod")
        raise AssertionError("no articles section")

    day = timezone.localtime(story.updated_at).date().isoformat()
    assert index_lastmod()[:10] == day
    correction = CorrectionFactory(article=story)
    assert index_lastmod()[:10] == timezone.localtime(correction.date).date().isoformat() != day
    # Of a draft: not counted.
    CorrectionFactory(
        article=ArticleFactory(status=Status.DRAFT, publish_at=None),
        date=timezone.now() + datetime.timedelta(days=3),
    )
    assert index_lastmod()[:10] == timezone.localtime(correction.date).date().isoformat()
    correction.withdrawn_at, correction.withdrawn_reason = timezone.now(), "误发"
    correction.save()
    assert index_lastmod()[:10] == day
