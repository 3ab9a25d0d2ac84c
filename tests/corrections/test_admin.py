"""Corrections in the admin: who may add one (editors, to published articles only), withdrawing
with a reason instead of deleting, versions, and printing in the next edition of the same page."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, Status
from corrections.models import Correction
from tests.factories import ArticleFactory, CorrectionFactory, IssueFactory, UserFactory

from .test_public import TEXT, add_in_admin, withdraw_in_admin

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return signed_in(editor)


@pytest.fixture
def story():
    """A public article on a page 5 printed a week ago."""
    return ArticleFactory(
        headline="草原上的巡回法庭",
        publish_at=timezone.now() - datetime.timedelta(days=3),
        issue=IssueFactory(date=timezone.localdate() - datetime.timedelta(days=7), page_number=5),
    )


def autocomplete(client, term=""):
    return client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "corrections",
            "model_name": "correction",
            "field_name": "article",
            "term": term,
        },
    )


# --- Who may add one, to what -------------------------------------------------------------------


def test_an_editor_adds_a_correction_to_a_published_article(editor_client, story):
    response = add_in_admin(editor_client, story)
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.article == story and correction.text == TEXT
    assert correction.created_by.username == correction.updated_by.username == "editor"


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Status.DRAFT, "publish_at": None},
        {"status": Status.REVIEW, "publish_at": None},
        {"status": Status.WITHDRAWN},
        {"publish_at": timezone.now() + datetime.timedelta(days=2)},
    ],
    ids=["draft", "review", "withdrawn", "scheduled"],
)
def test_a_forged_post_cannot_correct_an_article_readers_do_not_see(editor_client, hidden):
    article = ArticleFactory(headline="尚未发布的稿件", **hidden)
    response = add_in_admin(editor_client, article)
    assert response.status_code == 200  # the form again, with its error
    assert response.context["adminform"].form.errors["article"]
    assert not Correction.objects.exists()


def test_the_article_field_offers_only_published_articles(editor_client, story):
    ArticleFactory(headline="草原上的草稿", status=Status.DRAFT, publish_at=None)
    ArticleFactory(
        headline="草原上的未来稿", publish_at=timezone.now() + datetime.timedelta(days=1)
    )
    response = autocomplete(editor_client, "草原")
    assert response.status_code == 200
    texts = [r["text"] for r in response.json()["results"]]
    assert texts == [f"草原上的巡回法庭 ({story.issue.date:%Y-%m-%d} page 05)"]


def test_the_article_choices_say_where_each_appeared(editor_client, story):
    """Like headlines are told apart by their edition's date and page, or a web article's date;
    the chosen one reads the same when the form comes back."""
    again = ArticleFactory(
        headline="草原上的巡回法庭",
        publish_at=timezone.now() - datetime.timedelta(days=1),
        issue=IssueFactory(date=timezone.localdate() - datetime.timedelta(days=2), page_number=6),
    )
    web = ArticleFactory(
        headline="草原上的巡回法庭",
        issue=None,
        publish_at=timezone.now() - datetime.timedelta(days=1),
    )
    with CaptureQueriesContext(connection) as few:
        texts = {r["text"] for r in autocomplete(editor_client, "巡回法庭").json()["results"]}
    for n in range(5):
        ArticleFactory(
            headline=f"草原上的巡回法庭之{n}",
            publish_at=story.publish_at,
            issue=IssueFactory(date=story.issue.date - datetime.timedelta(days=n + 1)),
        )
    with CaptureQueriesContext(connection) as many:
        assert len(autocomplete(editor_client, "巡回法庭").json()["results"]) == 8
    assert len(many) == len(few)  # each choice's edition comes with it
    assert texts == {
        f"草原上的巡回法庭 ({story.issue.date:%Y-%m-%d} page 05)",
        f"草原上的巡回法庭 ({again.issue.date:%Y-%m-%d} page 06)",
        f"草原上的巡回法庭 (web, {timezone.localtime(web.publish_at):%Y-%m-%d})",
    }
    response = editor_client.post(
        reverse("admin:corrections_correction_add"),
        {"article": again.pk, "kind": "correction", "text": "", "date": ""},
    )
    assert response.status_code == 200  # the form again, the chosen article as it was offered
    assert f"草原上的巡回法庭 ({again.issue.date:%Y-%m-%d} page 06)</option>" in response.text


def test_a_correspondent_cannot_add_see_or_withdraw_corrections(correspondent, story):
    client = signed_in(correspondent)
    correction = CorrectionFactory(article=story)
    for url in [
        reverse("admin:corrections_correction_changelist"),
        reverse("admin:corrections_correction_add"),
        reverse("admin:corrections_correction_change", args=[correction.pk]),
        reverse("admin:corrections_correction_history", args=[correction.pk]),
    ]:
        assert client.get(url).status_code == 403, url
    assert add_in_admin(client, story).status_code == 403
    assert withdraw_in_admin(client, correction).status_code == 403
    correction.refresh_from_db()
    assert correction.withdrawn_at is None and Correction.objects.count() == 1
    assert client.get(reverse("admin:index")).content.decode().count("corrections/correction") == 0


def test_nobody_deletes_a_correction(editor_client, story, django_user_model):
    correction = CorrectionFactory(article=story)
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    for client in [editor_client, signed_in(superuser)]:
        url = reverse("admin:corrections_correction_delete", args=[correction.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"post": "yes"}).status_code == 403
        changelist = client.get(reverse("admin:corrections_correction_changelist"))
        actions = [
            value for value, _label in changelist.context["action_form"].fields["action"].choices
        ]
        assert "delete_selected" not in actions and "withdraw_corrections" in actions
        forged = client.post(
            reverse("admin:corrections_correction_changelist"),
            {"action": "delete_selected", ACTION_CHECKBOX_NAME: [correction.pk], "post": "yes"},
        )
        assert forged.status_code in (200, 302)
    assert Correction.objects.filter(pk=correction.pk).exists()
    assert not Permission.objects.filter(
        codename="delete_correction", group__name="Editors"
    ).exists()


# --- Withdrawing --------------------------------------------------------------------------------


def test_withdrawing_needs_a_reason_and_keeps_it_for_staff(editor_client, story):
    correction = CorrectionFactory(article=story)
    asked = withdraw_in_admin(editor_client, correction, reason="   ")
    assert asked.status_code == 200
    assert "reason" in asked.context["form"].errors
    correction.refresh_from_db()
    assert correction.withdrawn_at is None

    assert (
        withdraw_in_admin(editor_client, correction, reason="数字核实无误，更正撤回。").status_code
        == 302
    )
    correction.refresh_from_db()
    assert correction.withdrawn_at is not None
    assert correction.withdrawn_reason == "数字核实无误，更正撤回。"
    assert correction.withdrawn_by.username == "editor"
    # Staff still see it, with the reason, read only.
    page = editor_client.get(reverse("admin:corrections_correction_change", args=[correction.pk]))
    assert page.status_code == 200 and "数字核实无误，更正撤回。" in page.content.decode()
    changed = editor_client.post(
        reverse("admin:corrections_correction_change", args=[correction.pk]),
        {"kind": "correction", "text": "改写", "date_0": "2025-01-01", "date_1": "00:00:00"},
    )
    assert changed.status_code == 403
    correction.refresh_from_db()
    assert correction.text != "改写"
    listed = editor_client.get(
        reverse("admin:corrections_correction_changelist") + "?withdrawn=yes"
    )
    assert list(listed.context["cl"].queryset) == [correction]


def test_the_withdrawal_form_asks_first(editor_client, story):
    correction = CorrectionFactory(article=story)
    asked = editor_client.post(
        reverse("admin:corrections_correction_changelist"),
        {"action": "withdraw_corrections", ACTION_CHECKBOX_NAME: [correction.pk]},
    )
    assert asked.status_code == 200
    assert asked.context["form"].errors == {}
    assert list(asked.context["corrections"]) == [correction]
    correction.refresh_from_db()
    assert correction.withdrawn_at is None


# --- Versions -----------------------------------------------------------------------------------


def test_each_save_and_the_withdrawal_are_versions(editor_client, story):
    add_in_admin(editor_client, story)
    correction = Correction.objects.get()
    now = timezone.localtime()
    response = editor_client.post(
        reverse("admin:corrections_correction_change", args=[correction.pk]),
        {
            "kind": "clarification",
            "text": "改写后的说明。",
            "date_0": now.strftime("%Y-%m-%d"),
            "date_1": now.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    withdraw_in_admin(editor_client, correction)
    versions = Version.objects.get_for_object(correction)
    assert versions.count() == 3
    assert {v.revision.user.username for v in versions} == {"editor"}
    texts = sorted(v.field_dict["text"] for v in versions)
    assert texts == sorted([TEXT, "改写后的说明。", "改写后的说明。"])
    history = editor_client.get(
        reverse("admin:corrections_correction_history", args=[correction.pk])
    )
    assert history.status_code == 200


# --- Dates --------------------------------------------------------------------------------------


def test_a_correction_is_not_dated_in_the_future_or_before_its_article(editor_client, story):
    future = timezone.localtime() + datetime.timedelta(days=2)
    before = timezone.localtime(story.publish_at) - datetime.timedelta(days=1)
    for moment in (future, before):
        response = add_in_admin(
            editor_client,
            story,
            date_0=moment.strftime("%Y-%m-%d"),
            date_1=moment.strftime("%H:%M:%S"),
        )
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["date"]
    assert not Correction.objects.exists()


# --- Printing in the next edition of the same page ---------------------------------------------


def test_printing_in_the_next_edition_that_exists(editor_client, story):
    page = story.issue.page_number
    later = IssueFactory(date=timezone.localdate() + datetime.timedelta(days=7), page_number=page)
    IssueFactory(date=timezone.localdate() + datetime.timedelta(days=14), page_number=page)
    IssueFactory(date=timezone.localdate() + datetime.timedelta(days=3), page_number=page + 1)
    ArticleFactory(issue=later, position=4)
    response = add_in_admin(editor_client, story, to_print="on")
    assert response.status_code == 302
    correction = Correction.objects.get()
    item = correction.printed_as
    assert item is not None and item.issue == later and item.position == 5
    assert item.status == Status.DRAFT and not item.is_public
    assert TEXT in item.body and story.headline in item.body
    assert item.headline == "更正"
    assert item.created_by.username == "editor"


def test_waiting_to_print_until_the_edition_exists(
    editor_client, story, django_capture_on_commit_callbacks
):
    assert add_in_admin(editor_client, story, to_print="on").status_code == 302
    correction = Correction.objects.get()
    assert correction.printed_as is None
    waiting = editor_client.get(
        reverse("admin:corrections_correction_changelist") + "?print=waiting"
    )
    assert list(waiting.context["cl"].queryset) == [correction]
    # Another page's edition does not take it; the next one of the same page does.
    with django_capture_on_commit_callbacks(execute=True):
        IssueFactory(
            date=timezone.localdate() + datetime.timedelta(days=7),
            page_number=story.issue.page_number + 1,
        )
    correction.refresh_from_db()
    assert correction.printed_as is None
    with django_capture_on_commit_callbacks(execute=True):
        edition = IssueFactory(
            date=timezone.localdate() + datetime.timedelta(days=7),
            page_number=story.issue.page_number,
            status=Status.DRAFT,
            publish_at=None,
        )
    correction.refresh_from_db()
    assert correction.printed_as is not None and correction.printed_as.issue == edition
    assert Article.objects.filter(issue=edition).count() == 1
    placed = editor_client.get(
        reverse("admin:corrections_correction_changelist") + "?print=waiting"
    )
    assert list(placed.context["cl"].queryset) == []


def test_a_withdrawn_correction_is_not_printed(editor, story, django_capture_on_commit_callbacks):
    correction = CorrectionFactory(
        article=story, to_print=True, withdrawn_at=timezone.now(), withdrawn_reason="误发"
    )
    live = CorrectionFactory(article=story, to_print=True)
    with django_capture_on_commit_callbacks(execute=True):
        IssueFactory(
            date=timezone.localdate() + datetime.timedelta(days=7),
            page_number=story.issue.page_number,
        )
    correction.refresh_from_db()
    live.refresh_from_db()
    assert correction.printed_as is None
    assert live.printed_as is not None  # the same edition takes the live one


def test_a_web_only_article_has_no_page_to_print_on(editor_client):
    web_only = ArticleFactory(issue=None, publish_at=timezone.now() - datetime.timedelta(days=1))
    response = add_in_admin(editor_client, web_only, to_print="on")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["to_print"]
    assert add_in_admin(editor_client, web_only).status_code == 302


def test_the_admin_pages_render_for_an_editor(editor_client, story):
    correction = CorrectionFactory(article=story, to_print=True)
    CorrectionFactory(article=story, withdrawn_at=timezone.now(), withdrawn_reason="误发")
    for url in [
        reverse("admin:corrections_correction_add"),
        reverse("admin:corrections_correction_changelist"),
        reverse("admin:corrections_correction_changelist") + "?print=waiting&withdrawn=no",
        reverse("admin:corrections_correction_change", args=[correction.pk]),
        reverse("admin:corrections_correction_history", args=[correction.pk]),
        reverse("admin:corrections_correctionspolicy_changelist"),
    ]:
        assert editor_client.get(url).status_code == 200, url
    # One policy page: no second one is added, and it is never deleted.
    assert editor_client.get(reverse("admin:corrections_correctionspolicy_add")).status_code == 403


def test_restoring_an_earlier_text_shows_it_to_readers(editor_client, story):
    add_in_admin(editor_client, story)
    correction = Correction.objects.get()
    url = reverse("admin:corrections_correction_change", args=[correction.pk])
    when = timezone.localtime(correction.date)
    form = {
        "kind": "correction",
        "date_0": when.strftime("%Y-%m-%d"),
        "date_1": when.strftime("%H:%M:%S"),
    }
    assert editor_client.post(url, {**form, "text": "第二稿。"}).status_code == 302
    first = Version.objects.get_for_object(correction).order_by("pk").first()
    restore = reverse("admin:corrections_correction_revision", args=[correction.pk, first.pk])
    assert editor_client.post(restore, {**form, "text": TEXT}).status_code == 302
    correction.refresh_from_db()
    assert correction.text == TEXT and correction.withdrawn_at is None
    assert TEXT in Client().get(story.get_absolute_url()).content.decode()
    # A withdrawn correction stays withdrawn: it is read only, its versions too.
    withdraw_in_admin(editor_client, correction)
    assert editor_client.post(restore, {**form, "text": TEXT}).status_code == 403
    correction.refresh_from_db()
    assert correction.withdrawn_at is not None


def test_the_list_reads_a_fixed_number_of_queries(
    editor_client, story, django_assert_max_num_queries
):
    url = reverse("admin:corrections_correction_changelist")
    CorrectionFactory(article=story)
    editor_client.get(url)
    with django_assert_max_num_queries(20) as one:
        editor_client.get(url)
    for _ in range(5):
        printed = ArticleFactory(status=Status.DRAFT, publish_at=None)
        CorrectionFactory(article=ArticleFactory(), to_print=True, printed_as=printed)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert editor_client.get(url).status_code == 200


def test_the_article_s_own_edition_is_never_the_next_one(editor_client):
    """An edition dated after the correction (a back issue entered late, a page prepared ahead):
    the short item goes on the edition after it, not on the one that printed the mistake."""
    own = IssueFactory(date=timezone.localdate() + datetime.timedelta(days=3), page_number=7)
    article = ArticleFactory(issue=own, publish_at=timezone.now() - datetime.timedelta(days=1))
    assert add_in_admin(editor_client, article, to_print="on").status_code == 302
    correction = Correction.objects.get()
    assert correction.printed_as is None
    after = IssueFactory(date=own.date + datetime.timedelta(days=7), page_number=7)
    assert correction.printed_as is None
    editor_client.post(
        reverse("admin:corrections_correction_changelist"),
        {"action": "place_corrections", ACTION_CHECKBOX_NAME: [correction.pk]},
    )
    correction.refresh_from_db()
    assert correction.printed_as.issue == after
