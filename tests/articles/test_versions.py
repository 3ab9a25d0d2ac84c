"""No lost work: versions with who and when, compare, restore, and recovering deleted objects."""

import re
import threading
from unittest import mock

import pytest
import reversion
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import workflow
from articles.models import Article, Contributor, Issue, PageArea, Photo, Status
from courts.models import Court
from newsroom.versions import revert_alone
from tests.articles.admin_forms import article_form_data, issue_form_data
from tests.articles.locks import wait_until_a_query_waits_for_a_lock
from tests.factories import ArticleFactory, ContributorFactory, CreditFactory, IssueFactory

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def admin_url(name, *args):
    return reverse(f"admin:{name}", args=args)


@pytest.fixture
def article(editor):
    """An article saved twice through the admin: two versions, the second with a new headline."""
    article = ArticleFactory(
        issue=None, status=Status.DRAFT, publish_at=None, headline="第一稿标题", created_by=editor
    )
    article.courts.set([Court.objects.get(slug="chifeng")])
    client = signed_in(editor)
    url = admin_url("articles_article_change", article.pk)
    assert client.post(url, article_form_data(article)).status_code == 302
    article.refresh_from_db()
    data = article_form_data(article, headline="第二稿标题", courts=[])
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    return article


def test_every_save_is_a_version_with_who_and_when(article, editor):
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 2
    assert {v.revision.user for v in versions} == {editor}
    assert all(v.revision.date_created for v in versions)
    page = signed_in(editor).get(admin_url("articles_article_history", article.pk))
    assert page.status_code == 200
    assert "compare" in page.text


def test_editor_compares_two_versions(article, editor):
    newer, older = Version.objects.get_for_object(article).order_by("-pk")[:2]
    response = signed_in(editor).get(
        admin_url("articles_article_compare", article.pk),
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    assert response.status_code == 200
    # The headline's words, what went struck out and what came underlined.
    assert "<del>第一</del><ins>第二</ins>稿标题" in response.text


def test_the_comparison_reads_as_text_and_hides_bookkeeping(editor):
    """Per field, the words that changed, highlighted; the body as text, not HTML; the edit
    counter, the time and author of the save and empty inlines are not shown."""
    body = "<p>法院召开工作推进会，部署下一阶段重点工作。</p><p>会议要求各庭室抓好落实。</p>"
    article = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None, body=body)
    client = signed_in(editor)
    url = admin_url("articles_article_change", article.pk)
    assert client.post(url, article_form_data(article)).status_code == 302
    article.refresh_from_db()
    changed = body.replace("部署下一阶段", "安排明年").replace("各庭室", "全院干警")
    assert client.post(url, article_form_data(article, body=changed)).status_code == 302
    newer, older = Version.objects.get_for_object(article).order_by("-pk")[:2]
    response = client.get(
        admin_url("articles_article_compare", article.pk),
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    page = response.text
    assert "<del>部署下一阶段</del><ins>安排明年</ins>" in page
    assert "&lt;p&gt;" not in page and "<del><p>" not in page
    compared = [str(part["field"].name) for part in response.context["compare_data"]]
    assert compared == ["body"]  # not edit_version, updated_at, credits, photos, page areas
    assert "None" not in page.split('id="content-main"')[1]
    # Who saved each version, by name.
    assert editor.first_name in page


def test_the_history_labels_its_two_columns_and_explains_the_same_version_twice(article, editor):
    client = signed_in(editor)
    page = client.get(admin_url("articles_article_history", article.pk)).text
    assert "from (earlier)" in page and "to (later)" in page
    assert 'aria-label="Compare from the version of' in page
    version = Version.objects.get_for_object(article).first()
    response = client.get(
        admin_url("articles_article_compare", article.pk),
        {"version_id1": version.pk, "version_id2": version.pk},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == admin_url("articles_article_history", article.pk)
    assert "the same version twice" in response.text


def test_editor_restores_an_earlier_version(article, editor):
    older = Version.objects.get_for_object(article).order_by("pk").first()
    client = signed_in(editor)
    url = admin_url("articles_article_revision", article.pk, older.pk)
    page = client.get(url)
    assert page.status_code == 200
    assert "第一稿标题" in page.text
    article.refresh_from_db()
    assert article.headline == "第二稿标题"  # looking changes nothing
    restored = article_form_data(article, headline="第一稿标题")
    restored["courts"] = [Court.objects.get(slug="chifeng").pk]
    restored["loaded_version"] = page.context["adminform"].form["loaded_version"].value()
    before = article.edit_version
    response = client.post(url, restored)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "第一稿标题"
    assert [c.slug for c in article.courts.all()] == ["chifeng"]
    entry = LogEntry.objects.filter(object_id=str(article.pk)).latest("pk")
    assert entry.user == editor and "Restored" in entry.change_message
    # The restored row keeps counting up: a restore does not bring back an old edit number,
    # which would let a form opened before it save over it unnoticed.
    assert article.edit_version > before


def test_version_ids_of_other_objects_are_refused(article, editor):
    other = ArticleFactory(issue=None)
    signed_in(editor).post(admin_url("articles_article_change", other.pk), article_form_data(other))
    foreign = Version.objects.get_for_object(other).first()
    response = signed_in(editor).get(admin_url("articles_article_revision", article.pk, foreign.pk))
    assert response.status_code == 404


def test_correspondent_sees_versions_of_their_own_only(article, correspondent):
    own = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None, created_by=correspondent)
    client = signed_in(correspondent)
    client.post(admin_url("articles_article_change", own.pk), article_form_data(own))
    page = client.get(admin_url("articles_article_history", own.pk))
    assert page.status_code == 200
    assert not re.search(r"/history/\d+/", page.text)  # no link to the restore page
    newer, older = Version.objects.get_for_object(article).order_by("-pk")[:2]
    response = client.get(
        admin_url("articles_article_compare", article.pk),
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    assert response.status_code == 404


def test_the_history_and_the_desk_name_people_not_accounts(editor, correspondent):
    """Who saved a version or submitted an article is shown by name: only administrators see
    accounts (a username is half of a sign-in)."""
    editor.first_name = "王编辑"
    editor.save()
    own = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None, created_by=correspondent)
    CreditFactory(article=own, contributor=Contributor.objects.get(user=correspondent))
    signed_in(editor).post(admin_url("articles_article_change", own.pk), article_form_data(own))
    page = signed_in(correspondent).get(admin_url("articles_article_history", own.pk))
    table = page.text.split('id="change-history"')[1].split("</table>")[0]
    assert "王编辑" in table and "editor" not in table
    workflow.apply(correspondent, own, "submit")
    desk = signed_in(editor).get(reverse("admin:index")).text
    assert "张树清" in desk and "correspondent" not in desk.split('id="content-main"')[1]


def test_deleted_article_is_recovered_with_credits_photos_areas_and_courts(editor):
    contributor = ContributorFactory(name="肖玥")
    article = ArticleFactory(issue=None, headline="被误删的稿件")
    article.courts.set([Court.objects.get(slug="baotou")])
    CreditFactory(article=article, contributor=contributor)
    Photo.objects.create(article=article, caption="庭审现场", alt_text="法官在庭审")
    PageArea.objects.create(article=article, left=10, top=10, width=30, height=20)
    client = signed_in(editor)
    # Saved once through the admin (a version), then deleted through the admin.
    data = article_form_data(article)
    assert client.post(admin_url("articles_article_change", article.pk), data).status_code == 302
    response = client.post(admin_url("articles_article_delete", article.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.exists() and not Photo.objects.exists()

    recover_list = client.get(admin_url("articles_article_recoverlist"))
    assert "被误删的稿件" in recover_list.text
    version = Version.objects.get_deleted(Article).get()
    page = client.get(admin_url("articles_article_recover", version.pk))
    assert page.status_code == 200
    assert not Article.objects.exists()  # looking restores nothing
    form = article_form_data(headline="被误删的稿件", courts=[Court.objects.get(slug="baotou").pk])
    # The recover form shows the credits, photo and area as existing inline rows: post them back.
    for prefix, formset in zip(
        ["credits", "photos", "page_areas"], page.context["inline_admin_formsets"], strict=True
    ):
        management = formset.formset.management_form
        form[f"{prefix}-TOTAL_FORMS"] = management["TOTAL_FORMS"].value()
        form[f"{prefix}-INITIAL_FORMS"] = management["INITIAL_FORMS"].value()
        for index, child in enumerate(formset.formset.forms):
            for name in child.fields:
                value = child[name].value()
                if value is None or (name == "image" and not value):
                    value = ""
                form[f"{prefix}-{index}-{name}"] = value
    form["slug"] = page.context["adminform"].form["slug"].value()
    form["loaded_version"] = page.context["adminform"].form["loaded_version"].value()
    published_at = timezone.localtime(page.context["adminform"].form["publish_at"].value())
    form["publish_at_0"] = published_at.strftime("%Y-%m-%d")
    form["publish_at_1"] = published_at.strftime("%H:%M:%S")
    response = client.post(admin_url("articles_article_recover", version.pk), form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    recovered = Article.objects.get()
    assert str(recovered.pk) == version.object_id and recovered.headline == "被误删的稿件"
    assert list(recovered.contributors.all()) == [contributor]
    assert recovered.photos.get().caption == "庭审现场"
    assert recovered.page_areas.get().width == 30
    assert [c.slug for c in recovered.courts.all()] == ["baotou"]
    entry = LogEntry.objects.filter(object_id=str(recovered.pk)).latest("pk")
    assert entry.user == editor and "Recovered" in entry.change_message


def test_deleted_edition_is_recovered(editor):
    issue = IssueFactory(status=Status.DRAFT, publish_at=None, banner="学习宣传贯彻")
    client = signed_in(editor)
    change = issue_form_data(issue)
    assert client.post(admin_url("articles_issue_change", issue.pk), change).status_code == 302
    assert (
        client.post(admin_url("articles_issue_delete", issue.pk), {"post": "yes"}).status_code
        == 302
    )
    assert not Issue.objects.exists()
    version = Version.objects.get_deleted(Issue).get()
    url = admin_url("articles_issue_recover", version.pk)
    shown = client.get(url).context["adminform"].form["loaded_version"].value()
    response = client.post(url, {**change, "loaded_version": shown})
    assert response.status_code == 302
    assert Issue.objects.get().banner == "学习宣传贯彻"


def test_courts_and_contributors_are_versioned_too(editor):
    contributor = ContributorFactory(name="张卓")
    client = signed_in(editor)
    response = client.post(
        admin_url("articles_contributor_change", contributor.pk),
        {"name": "张卓", "kind": "person", "court": "", "is_active": "on"},
    )
    assert response.status_code == 302
    assert Version.objects.get_for_object(contributor).count() == 1
    court = Court.objects.get(slug="chifeng")
    data = {
        "name": court.name,
        "short_name": "赤峰中院",
        "slug": court.slug,
        "level": court.level,
        "parent": court.parent_id,
        "region": court.region,
        "aliases": court.aliases,
        "position": court.position,
    }
    assert client.post(admin_url("courts_court_change", court.pk), data).status_code == 302
    assert Version.objects.get_for_object(court).get().revision.user == editor


def test_restoring_or_recovering_a_contributor_leaves_their_sign_in_alone(editor, correspondent):
    """Accounts are linked by an administrator, not in the editors' form: a version saved before
    the link must not undo it (the correspondent would lose every article they wrote)."""
    person = Contributor.objects.get(user=correspondent)
    client = signed_in(editor)
    url = admin_url("articles_contributor_change", person.pk)
    form = {"name": person.name, "kind": "person", "court": "", "is_active": "on"}
    Contributor.objects.filter(pk=person.pk).update(user=None)
    assert client.post(url, form).status_code == 302  # a version without the account
    Contributor.objects.filter(pk=person.pk).update(user=correspondent)  # the administrator
    assert client.post(url, {**form, "name": "张树清（新）"}).status_code == 302
    older = Version.objects.get_for_object(person).order_by("pk").first()
    assert older.field_dict["user_id"] is None
    response = client.post(admin_url("articles_contributor_revision", person.pk, older.pk), form)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "张树清" and person.user == correspondent
    # Deleted, then recovered: it comes back without an account (the account may be another's).
    delete = admin_url("articles_contributor_delete", person.pk)
    assert client.post(delete, {"post": "yes"}).status_code == 302
    version = Version.objects.get_deleted(Contributor).get()
    assert (
        client.post(admin_url("articles_contributor_recover", version.pk), form).status_code == 302
    )
    assert Contributor.objects.get(pk=person.pk).user is None


def test_a_published_article_cannot_lose_its_time(editor):
    article = ArticleFactory(issue=None)
    response = signed_in(editor).post(
        admin_url("articles_article_change", article.pk),
        article_form_data(article, publish_at_0="", publish_at_1=""),
    )
    assert response.status_code == 200
    assert "publish_at" in response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.publish_at is not None


def restore(client, article, version):
    """Open the restore page of ``version`` and save it as shown, as an editor would."""
    url = admin_url("articles_article_revision", article.pk, version.pk)
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = article_form_data(Article.objects.get(pk=article.pk), headline=form["headline"].value())
    data["loaded_version"] = form["loaded_version"].value()
    return client.post(url, data)


def version_when(obj, **fields):
    return next(
        v
        for v in Version.objects.get_for_object(obj).order_by("pk")
        if all(v.field_dict[name] == value for name, value in fields.items())
    )


def test_restoring_a_version_never_changes_where_the_article_stands(editor):
    """Publish, withdraw (say a court ordered it), restore the text saved while it was public:
    it stays withdrawn. Restoring a draft's text onto a public article keeps it public."""
    client = signed_in(editor)
    article = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None, headline="草稿")
    client.post(admin_url("articles_article_change", article.pk), article_form_data(article))
    workflow.apply(editor, article, "publish")
    workflow.apply(editor, article, "withdraw")
    published = version_when(article, status=Status.PUBLISHED)
    page = client.get(admin_url("articles_article_revision", article.pk, published.pk))
    # The restore page shows where it will stand.
    assert page.context["adminform"].form.instance.status == Status.WITHDRAWN
    assert restore(client, article, published).status_code == 302
    article.refresh_from_db()
    assert article.status == Status.WITHDRAWN
    assert not Article.objects.published().filter(pk=article.pk).exists()

    workflow.apply(editor, article, "publish")
    article.refresh_from_db()
    published_at = article.publish_at
    draft = version_when(article, status=Status.DRAFT)
    assert restore(client, article, draft).status_code == 302
    article.refresh_from_db()
    assert (article.status, article.publish_at) == (Status.PUBLISHED, published_at)
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_restoring_keeps_the_review_as_it_is(editor, correspondent):
    article = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None)
    article.created_by = correspondent
    article.save()
    workflow.apply(correspondent, article, "submit")
    workflow.apply(editor, article, "send_back", note="请补充案号。")
    submitted = version_when(article, status=Status.REVIEW)
    client = signed_in(editor)
    assert restore(client, article, submitted).status_code == 302
    article.refresh_from_db()
    assert (article.status, article.review_note) == (Status.DRAFT, "请补充案号。")
    assert article.submitted_by == correspondent


def test_a_recovered_article_comes_back_as_a_draft(editor):
    article = ArticleFactory(issue=None, headline="被误删的公开稿件")
    client = signed_in(editor)
    data = article_form_data(article)
    assert client.post(admin_url("articles_article_change", article.pk), data).status_code == 302
    client.post(admin_url("articles_article_delete", article.pk), {"post": "yes"})
    version = Version.objects.get_deleted(Article).get()
    url = admin_url("articles_article_recover", version.pk)
    page = client.get(url)
    assert page.context["adminform"].form.instance.status == Status.DRAFT
    assert (
        client.post(
            url,
            {**data, "loaded_version": page.context["adminform"].form["loaded_version"].value()},
        ).status_code
        == 302
    )
    recovered = Article.objects.get()
    assert recovered.status == Status.DRAFT
    assert not Article.objects.published().exists()


def test_restoring_an_edition_keeps_its_state_and_leaves_its_articles_alone(editor):
    """An edition published with its ready articles is one revision with them: restoring the
    edition's version writes back the edition only, and only its text."""
    client = signed_in(editor)
    issue = IssueFactory(status=Status.DRAFT, publish_at=None, banner="第一版栏目")
    ready = ArticleFactory(issue=issue, status=Status.REVIEW, publish_at=None, headline="待发稿")
    assert client.post(admin_url("articles_issue_change", issue.pk), issue_form_data(issue))
    issue.refresh_from_db()
    response = client.post(
        admin_url("articles_issue_change", issue.pk),
        issue_form_data(issue, banner="第二版栏目", _transition="publish"),
    )
    assert response.status_code == 302
    ready.refresh_from_db()
    assert ready.status == Status.PUBLISHED
    ready.headline = "发布后更正的标题"
    ready.save()
    counter = ready.edit_version
    workflow.apply(editor, issue, "withdraw")
    issue.refresh_from_db()

    published = version_when(issue, status=Status.PUBLISHED)
    url = admin_url("articles_issue_revision", issue.pk, published.pk)
    assert client.get(url).status_code == 200
    assert client.post(url, issue_form_data(issue, banner="第二版栏目")).status_code == 302
    issue.refresh_from_db()
    ready.refresh_from_db()
    assert (issue.status, issue.banner) == (Status.WITHDRAWN, "第二版栏目")
    assert (ready.headline, ready.status, ready.edit_version) == (
        "发布后更正的标题",
        Status.PUBLISHED,
        counter,
    )


def test_restoring_an_article_leaves_its_edition_and_the_other_articles_alone(editor):
    client = signed_in(editor)
    issue = IssueFactory(status=Status.DRAFT, publish_at=None, banner="原栏目")
    first = ArticleFactory(issue=issue, status=Status.REVIEW, publish_at=None, headline="一")
    other = ArticleFactory(issue=issue, status=Status.REVIEW, publish_at=None, headline="二")
    response = client.post(
        admin_url("articles_issue_change", issue.pk), issue_form_data(issue, _transition="publish")
    )
    assert response.status_code == 302
    issue.banner = "新栏目"
    issue.save()
    Article.objects.filter(pk=other.pk).update(headline="二（改）")
    first.refresh_from_db()
    first.headline = "一（改）"
    first.save()
    with_edition = version_when(first, status=Status.PUBLISHED)
    assert with_edition.revision.version_set.count() == 3  # the edition and both articles
    assert restore(client, first, with_edition).status_code == 302
    first.refresh_from_db()
    issue.refresh_from_db()
    assert first.headline == "一"
    assert issue.banner == "新栏目"
    assert Article.objects.get(pk=other.pk).headline == "二（改）"


def test_restoring_an_edition_leaves_an_article_with_the_same_id_alone(editor):
    """Editions and articles are numbered apart: restoring edition 7 must not touch article 7
    (it counted an edit on it, and its next save was taken for a conflict)."""
    issue = IssueFactory(banner="v1")
    article = ArticleFactory(issue=IssueFactory())
    while article.pk < issue.pk:
        article = ArticleFactory(issue=article.issue)
    while issue.pk < article.pk:
        issue = IssueFactory(banner="v1")
    client = signed_in(editor)
    change = admin_url("articles_issue_change", issue.pk)
    assert client.post(change, issue_form_data(issue)).status_code == 302
    issue.refresh_from_db()
    assert client.post(change, issue_form_data(issue, banner="v2")).status_code == 302
    first = Version.objects.get_for_object(issue).order_by("pk").first()
    before = Article.objects.get(pk=article.pk).edit_version
    url = admin_url("articles_issue_revision", issue.pk, first.pk)
    shown = client.get(url).context["adminform"].form["loaded_version"].value()
    data = issue_form_data(issue, banner="v1", loaded_version=shown)
    assert client.post(url, data).status_code == 302
    assert Issue.objects.get(pk=issue.pk).banner == "v1"
    assert Article.objects.get(pk=article.pk).edit_version == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_workflow_step_taken_during_a_restore_is_not_written_over(editor):
    """A restore reads the fields it keeps (status, times) and writes them back after reverting:
    another editor's step in between waits for it, and is not undone by it."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL only (SQLite runs one writer at a time)")
    article = ArticleFactory(issue=None, headline="公开稿件")
    with reversion.create_revision():
        article.save()
    version = Version.objects.get_for_object(article).get()
    errors = []

    def withdraw_elsewhere():
        try:
            workflow.apply(editor, Article.objects.get(pk=article.pk), "withdraw")
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    def revert_while_another_editor_withdraws(version):
        thread = threading.Thread(target=withdraw_elsewhere)
        thread.start()
        wait_until_a_query_waits_for_a_lock(thread)  # or until it is done, without the lock
        threads.append(thread)
        revert_alone(version)

    threads = []
    with (
        mock.patch("newsroom.versions.revert_alone", revert_while_another_editor_withdraws),
        transaction.atomic(),
    ):
        admin.site._registry[Article]._restore(version)
    threads[0].join()
    assert not errors, errors
    assert Article.objects.get(pk=article.pk).status == Status.WITHDRAWN


def _two_versions_of(client, url, form, **changes):
    assert client.post(url, form).status_code == 302
    assert client.post(url, {**form, **changes}).status_code == 302


@pytest.fixture
def versioned_court_and_contributor(editor):
    client = signed_in(editor)
    hidden = ContributorFactory(name="待审核的名字", needs_review=True)
    form = {"name": hidden.name, "kind": "person", "court": "", "is_active": "on"}
    url = admin_url("articles_contributor_change", hidden.pk)
    _two_versions_of(client, url, form, name="仍待审核的名字")
    court = Court.objects.get(slug="chifeng")
    data = {
        "name": court.name,
        "short_name": court.short_name,
        "slug": court.slug,
        "level": court.level,
        "parent": court.parent_id,
        "region": court.region,
        "aliases": court.aliases,
        "position": court.position,
    }
    _two_versions_of(client, admin_url("courts_court_change", court.pk), data, aliases="新别名")
    return {"contributor": hidden, "court": court}


@pytest.mark.parametrize(("model", "name"), [("contributor", "articles"), ("court", "courts")])
@pytest.mark.parametrize("view", ["history", "compare", "revision"])
def test_versions_of_courts_and_contributors_need_view_permission(
    versioned_court_and_contributor, correspondent, model, name, view
):
    """Correspondents hold no contributor permission and see courts only in the autocomplete:
    none of their versions (a name under review, a court's aliases) is theirs to read."""
    obj = versioned_court_and_contributor[model]
    older, newer = Version.objects.get_for_object(obj).order_by("pk")[:2]
    args = {"history": [obj.pk], "compare": [obj.pk], "revision": [obj.pk, older.pk]}[view]
    response = signed_in(correspondent).get(
        admin_url(f"{name}_{model}_{view}", *args),
        {"version_id1": older.pk, "version_id2": newer.pk} if view == "compare" else {},
    )
    assert response.status_code in (403, 404)
    assert "待审核" not in response.text and "新别名" not in response.text


def test_an_editor_still_compares_courts_and_contributors(versioned_court_and_contributor, editor):
    client = signed_in(editor)
    for model, name in [("contributor", "articles"), ("court", "courts")]:
        obj = versioned_court_and_contributor[model]
        older, newer = Version.objects.get_for_object(obj).order_by("pk")[:2]
        response = client.get(
            admin_url(f"{name}_{model}_compare", obj.pk),
            {"version_id1": older.pk, "version_id2": newer.pk},
        )
        assert response.status_code == 200


def test_a_comparison_names_people_not_accounts(editor, correspondent):
    """created_by / updated_by in a comparison read as the history does: by name."""
    editor.first_name = "王编辑"
    editor.save()
    own = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None, created_by=correspondent)
    url = admin_url("articles_article_change", own.pk)
    assert signed_in(correspondent).post(url, article_form_data(own)).status_code == 302
    own.refresh_from_db()
    data = article_form_data(own, headline="编辑改过的标题")
    assert signed_in(editor).post(url, data).status_code == 302
    older, newer = Version.objects.get_for_object(own).order_by("pk")[:2]
    assert older.field_dict["updated_by_id"] != newer.field_dict["updated_by_id"]
    response = signed_in(editor).get(
        admin_url("articles_article_compare", own.pk),
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    diff = response.text.split('id="content-main"')[1]
    assert "王编辑" in diff and "张树清" in diff
    assert ">editor<" not in diff and "correspondent" not in diff


def test_the_comparison_reads_in_chinese_with_local_times_and_names(editor, chinese):
    """Each field under the label its form gives it (the credits too, not the attribute's name),
    a publication time in local time as the site writes times, each version's time and who
    saved it."""
    editor.first_name = "王编辑"
    editor.save()
    article = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None, created_by=editor)
    CreditFactory(article=article)
    client = signed_in(editor)
    url = admin_url("articles_article_change", article.pk)
    assert client.post(url, article_form_data(article)).status_code == 302
    article.refresh_from_db()
    data = article_form_data(article, headline="新标题")
    data["credits-0-contributor"] = ContributorFactory(name="乌云").pk
    data["publish_at_0"], data["publish_at_1"] = "2026-07-01", "08:30:00"
    assert client.post(url, data).status_code == 302
    older, newer = Version.objects.get_for_object(article).order_by("pk")[:2]
    response = client.get(
        admin_url("articles_article_compare", article.pk),
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    page = response.text.split('id="content-main"')[1]
    headings = re.findall(r'<h2 class="compared-field">([^<]*)</h2>', page)
    assert headings == ["发布时间", "标题", "网址别名", "署名人员"]
    assert "<ins>2026-07-01 08:30</ins>" in page  # Asia/Shanghai, as entered
    saved = timezone.localtime(newer.revision.date_created).strftime("%Y-%m-%d %H:%M")
    assert f"<strong>{saved}</strong> 的版本（王编辑）" in page
