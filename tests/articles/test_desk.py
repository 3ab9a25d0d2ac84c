"""The editor's desk: bodies stored as CKEditor writes them, printed articles dated by their
edition, and the article form returning to the edition it was opened from."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import workflow
from articles.models import Article, SearchDocument, Status
from articles.richtext import as_editor_writes
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, IssueFactory

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def change_url(obj):
    return reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])


# --- Bodies as the editor writes them back ----------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("<p>一</p>\n<p>二</p>", "<p>一</p><p>二</p>"),
        ("<h2>小标题</h2>\r\n  <p>正文</p>\n", "<h2>小标题</h2><p>正文</p>"),
        ("<ul>\n<li>甲</li>\n<li>乙</li>\n</ul>", "<ul><li>甲</li><li>乙</li></ul>"),
        (
            '<figure class="image">\n<img src="/media/a.jpg" alt="">\n<figcaption>图</figcaption>'
            "\n</figure>",
            '<figure class="image"><img src="/media/a.jpg" alt=""><figcaption>图</figcaption>'
            "</figure>",
        ),
        # White space inside a paragraph, between words and inline tags, is text: it stays.
        (
            "<p><strong>甲</strong> <em>乙</em>\n丙</p>",
            "<p><strong>甲</strong> <em>乙</em>\n丙</p>",
        ),
    ],
)
def test_as_editor_writes(stored, written):
    assert as_editor_writes(stored) == written


def test_an_untouched_imported_body_is_not_recorded_as_changed(editor):
    """Saved (by a page import or any path) as CKEditor writes it back: the form sends the same
    text, and the history says only what the editor did change."""
    article = ArticleFactory(body="<p>第一段。</p>\n<p>第二段。</p>")
    article.refresh_from_db()
    assert article.body == "<p>第一段。</p><p>第二段。</p>"
    data = article_form_data(article, headline="改过的标题")
    data["body"] = "<p>第一段。</p><p>第二段。</p>"  # as CKEditor sends it
    assert signed_in(editor).post(change_url(article), data).status_code == 302
    message = LogEntry.objects.filter(object_id=str(article.pk)).latest("pk").get_change_message()
    assert "headline" in message.lower() and "body" not in message.lower()


def test_the_migration_rewrites_existing_bodies_and_reindexes_them():
    article = ArticleFactory(body="<p>旧的</p>")
    other = ArticleFactory(body="<p>不变</p>")
    Article.objects.filter(pk=article.pk).update(body="<p>旧的</p>\n<p>草原生态</p>")
    SearchDocument.objects.filter(pk=article.pk).delete()  # an update() sends no signal
    migration = importlib.import_module("articles.migrations.0011_bodies_as_editor_writes")
    migration.forwards(apps, None)
    article.refresh_from_db()
    assert article.body == "<p>旧的</p><p>草原生态</p>"
    assert SearchDocument.objects.filter(pk=article.pk).exists()
    assert Article.objects.get(pk=other.pk).body == "<p>不变</p>"


# --- Printed articles dated by their edition --------------------------------------------------


def print_time(date):
    return datetime.datetime.combine(date, datetime.time(6), tzinfo=timezone.get_default_timezone())


@pytest.mark.parametrize("path", ["step", "list action", "form button", "edition"])
def test_an_article_of_a_back_issue_is_dated_by_its_print_date(editor, path):
    """Whichever way it is published, an article of a 2025 page shows that page's date (06:00
    local time), not the day it went online."""
    issue = IssueFactory(date=datetime.date(2025, 5, 6))
    article = ArticleFactory(issue=issue, status=Status.REVIEW, publish_at=None)
    if path == "step":
        workflow.apply(editor, article, "publish")
    elif path == "list action":
        signed_in(editor).post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish_articles", "_selected_action": [article.pk]},
        )
    elif path == "form button":
        data = article_form_data(article, _transition="publish")
        signed_in(editor).post(change_url(article), data)
    else:
        issue.status, issue.publish_at = Status.DRAFT, None
        issue.save()
        workflow.apply(editor, issue, "publish")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.publish_at == print_time(datetime.date(2025, 5, 6))


def test_a_time_an_editor_set_wins_and_a_web_article_goes_out_now(editor):
    issue = IssueFactory(date=datetime.date(2025, 5, 6))
    chosen = timezone.now() - datetime.timedelta(days=3)
    article = ArticleFactory(issue=issue, status=Status.REVIEW, publish_at=chosen)
    workflow.apply(editor, article, "publish")
    article.refresh_from_db()
    assert article.publish_at == chosen
    web = ArticleFactory(issue=None, status=Status.REVIEW, publish_at=None)
    before = timezone.now()
    workflow.apply(editor, web, "publish")
    web.refresh_from_db()
    assert web.publish_at >= before


def test_back_issues_are_dated_once_with_a_version_each(editor):
    """Articles of back issues published before this rule (dated the day they went online) get
    their edition's print date; each change is a version; what is right is left alone."""
    from articles.dating import date_back_issues

    issue = IssueFactory(date=datetime.date(2025, 5, 6), publish_at=timezone.now())
    late = ArticleFactory(issue=issue, publish_at=timezone.now() - datetime.timedelta(hours=1))
    right = ArticleFactory(issue=issue, publish_at=print_time(issue.date))
    scheduled = ArticleFactory(issue=issue, publish_at=timezone.now() + datetime.timedelta(days=1))
    web = ArticleFactory(issue=None)
    web_time = web.publish_at
    changed = date_back_issues()
    assert changed == 2  # the edition and one article
    for obj in (issue, late, right, scheduled, web):
        obj.refresh_from_db()
    assert issue.publish_at == late.publish_at == print_time(issue.date)
    assert right.publish_at == print_time(issue.date)
    assert scheduled.publish_at > timezone.now()  # an editor's time still to come: theirs
    assert web.publish_at == web_time
    assert Version.objects.get_for_object(late).count() == 1
    assert not Version.objects.get_for_object(right).exists()
    assert date_back_issues() == 0  # once


# --- Back to the edition after saving an article ----------------------------------------------


def test_an_article_opened_from_its_edition_returns_to_it(editor):
    issue = IssueFactory()
    article = ArticleFactory(issue=issue)
    client = signed_in(editor)
    edition_page = client.get(change_url(issue)).text
    link = f"{change_url(article)}?next={change_url(issue).replace('/', '%2F')}"
    assert link in edition_page
    response = client.post(link, article_form_data(article, headline="改过的标题"))
    assert response.status_code == 302 and response["Location"] == change_url(issue)
    # "Save and continue editing" stays on the article.
    article.refresh_from_db()
    data = {**article_form_data(article), "_continue": "1"}
    response = client.post(link, data)
    assert response["Location"].startswith(change_url(article))
    assert response["Location"].endswith(link.split("?")[1])  # and still knows the way back


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/admin/", "/\\evil.example", "javascript:x"]
)
def test_the_return_address_is_this_sites_only(editor, target):
    article = ArticleFactory()
    url = change_url(article)
    response = signed_in(editor).post(
        url, article_form_data(article), QUERY_STRING=f"next={target}"
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_changelist")


# --- Which picture goes where -----------------------------------------------------------------


def test_the_two_ways_to_add_a_picture_say_what_each_is_for(editor):
    page = signed_in(editor).get(reverse("admin:articles_article_add")).text
    assert "A picture inserted here (the toolbar's image button) is part of the text" in page
    assert "The article's photo, shown with its caption and credited to its photographer" in page
