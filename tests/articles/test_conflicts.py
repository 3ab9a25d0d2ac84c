"""Two people editing one article or edition: the second save is stopped, shown the difference, and decides."""

import datetime
import json
import re
from io import BytesIO

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from PIL import Image

from articles import workflow
from articles.models import Article, Status
from tests.articles.admin_forms import article_form_data, issue_form_data
from tests.factories import ArticleFactory, IssueFactory, UserFactory

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def second_editor(db):
    user = UserFactory(username="second_editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def opened_twice(editor, second_editor):
    """An article both editors opened at the same version, and the first editor saved since."""
    article = ArticleFactory(
        issue=None,
        status=Status.DRAFT,
        publish_at=None,
        headline="原标题",
        byline="本报记者●肖玥",
        slug="chosen-by-hand",  # a draft's address otherwise follows its headline
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    first, second = signed_in(editor), signed_in(second_editor)
    # Saved once through the admin, so the version both open is kept.
    assert first.post(url, article_form_data(article)).status_code == 302
    article.refresh_from_db()
    # Both open the form: they carry the version they opened.
    for client in (first, second):
        form = client.get(url).context["adminform"].form
        assert form["loaded_version"].value() == article.edit_version
    seen = article_form_data(article)
    assert first.post(url, {**seen, "headline": "第一位编辑改的标题"}).status_code == 302
    return {"article": article, "url": url, "seen": seen, "first": first, "second": second}


def test_the_second_save_does_not_overwrite_the_first(opened_twice, editor):
    editor.first_name = "王编辑"
    editor.save()
    article, url, seen = opened_twice["article"], opened_twice["url"], opened_twice["seen"]
    response = opened_twice["second"].post(url, {**seen, "byline": "本报记者●金丽"})
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.headline == "第一位编辑改的标题"
    assert article.byline == "本报记者●肖玥"  # nothing of the second save was stored
    form = response.context["adminform"].form
    assert form.non_field_errors()
    conflict = form.conflict
    assert conflict.saved_by == "王编辑"  # by name: only administrators see accounts
    assert "王编辑" in response.text
    (headline,) = conflict.fields  # they changed the headline only
    assert headline.label == form.fields["headline"].label
    # Their change, word by word: without what they removed it reads as theirs, without what
    # they added as what was opened.
    assert strip_tags(re.sub(r"<del>.*?</del>", "", headline.diff)) == "第一位编辑改的标题"
    assert strip_tags(re.sub(r"<ins>.*?</ins>", "", headline.diff)) == "原标题"
    assert not headline.you_changed_it_too
    assert 'name="_overwrite"' in response.text
    assert str(headline.diff) in response.text


def test_a_field_both_changed_is_marked(opened_twice):
    url, seen = opened_twice["url"], opened_twice["seen"]
    response = opened_twice["second"].post(url, {**seen, "headline": "第二位编辑改的标题"})
    (field,) = response.context["adminform"].form.conflict.fields
    assert field.you_changed_it_too
    assert field.yours == "第二位编辑改的标题"


def test_the_editor_decides_to_overwrite(opened_twice):
    article, url, seen = opened_twice["article"], opened_twice["url"], opened_twice["seen"]
    mine = {**seen, "headline": "第二位编辑改的标题"}
    response = opened_twice["second"].post(url, mine)
    current = response.context["adminform"].form.conflict.current_version
    response = opened_twice["second"].post(url, {**mine, "_overwrite": current})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "第二位编辑改的标题"


def test_an_overwrite_made_stale_by_a_third_save_is_stopped_again(opened_twice, editor):
    article, url, seen = opened_twice["article"], opened_twice["url"], opened_twice["seen"]
    response = opened_twice["second"].post(url, {**seen, "headline": "第二位"})
    current = response.context["adminform"].form.conflict.current_version
    article.refresh_from_db()
    third = article_form_data(article, headline="第三次保存")
    assert signed_in(editor).post(url, third).status_code == 302
    response = opened_twice["second"].post(
        url, {**seen, "headline": "第二位", "_overwrite": current}
    )
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.headline == "第三次保存"


def test_the_editor_decides_to_reload(opened_twice):
    url = opened_twice["url"]
    form = opened_twice["second"].get(url).context["adminform"].form
    article = opened_twice["article"]
    article.refresh_from_db()
    assert form["loaded_version"].value() == article.edit_version
    data = article_form_data(article, byline="本报记者●金丽")
    assert opened_twice["second"].post(url, data).status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.byline) == ("第一位编辑改的标题", "本报记者●金丽")


def test_a_workflow_step_in_between_counts_as_a_save(opened_twice, editor):
    article, url = opened_twice["article"], opened_twice["url"]
    article.refresh_from_db()
    mine = article_form_data(article, byline="本报记者●金丽")
    workflow.apply(editor, article, "submit")
    response = opened_twice["second"].post(url, mine)
    assert response.status_code == 200
    assert response.context["adminform"].form.conflict is not None


def test_without_the_opened_version_every_difference_is_shown(editor, second_editor):
    article = ArticleFactory(
        issue=None, status=Status.DRAFT, publish_at=None, headline="原标题", slug="by-hand"
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    seen = article_form_data(article)
    signed_in(editor).post(url, {**seen, "headline": "新标题"})
    response = signed_in(second_editor).post(url, {**seen, "byline": "本报记者●金丽"})
    conflict = response.context["adminform"].form.conflict
    assert not conflict.base_known
    form = response.context["adminform"].form
    labels = {field.label for field in conflict.fields}
    assert labels == {form.fields["headline"].label, form.fields["byline"].label}


def test_the_form_carries_the_version_it_was_opened_at(editor, correspondent):
    article = ArticleFactory(
        issue=None, status=Status.DRAFT, publish_at=None, created_by=correspondent
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    for user in (editor, correspondent):
        html = signed_in(user).get(url).text
        assert f'name="loaded_version" value="{article.edit_version}"' in html


def test_a_post_that_does_not_say_its_version_is_stopped(editor):
    article = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None, headline="原标题")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = article_form_data(article, headline="不知从哪个版本改来")
    del data["loaded_version"]
    response = signed_in(editor).post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.conflict is not None
    article.refresh_from_db()
    assert article.headline == "原标题"


def test_saving_over_theirs_keeps_what_only_they_changed(opened_twice):
    """The first editor changed the headline; the second, with the form opened before, changed
    the byline and saves over it on purpose: the byline is theirs, the headline stays the
    first editor's (they did not touch it), and the conflict table said so."""
    article, url, seen = opened_twice["article"], opened_twice["url"], opened_twice["seen"]
    mine = {**seen, "byline": "本报记者●金丽"}
    response = opened_twice["second"].post(url, mine)
    assert "You did not change it: their change is kept." in response.text
    current = response.context["adminform"].form.conflict.current_version
    response = opened_twice["second"].post(url, {**mine, "_overwrite": current})
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.byline) == ("第一位编辑改的标题", "本报记者●金丽")


def test_two_editors_on_one_edition(editor, second_editor):
    """Editions are guarded as articles are: the second save is stopped and shown the first."""
    issue = IssueFactory(quote="", banner="旧栏题")
    url = reverse("admin:articles_issue_change", args=[issue.pk])
    first, second = signed_in(editor), signed_in(second_editor)
    assert first.post(url, issue_form_data(issue)).status_code == 302  # a version to compare
    issue.refresh_from_db()
    seen = issue_form_data(issue)
    assert f'name="loaded_version" value="{issue.edit_version}"' in second.get(url).text
    assert first.post(url, {**seen, "quote": "司法为民"}).status_code == 302
    response = second.post(url, {**seen, "banner": "新栏题"})
    assert response.status_code == 200
    conflict = response.context["adminform"].form.conflict
    assert [changed.label for changed in conflict.fields] == [
        response.context["adminform"].form.fields["quote"].label
    ]
    issue.refresh_from_db()
    assert (issue.quote, issue.banner) == ("司法为民", "旧栏题")
    response = second.post(
        url, {**seen, "banner": "新栏题", "_overwrite": conflict.current_version}
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert (issue.quote, issue.banner) == ("司法为民", "新栏题")


def test_saving_over_theirs_records_only_what_you_changed(opened_twice):
    """The history of a save over theirs names the fields this editor changed, not those kept as
    the other editor saved them."""
    article, url, seen = opened_twice["article"], opened_twice["url"], opened_twice["seen"]
    mine = {**seen, "byline": "本报记者●金丽"}
    current = opened_twice["second"].post(url, mine).context["adminform"].form.conflict
    opened_twice["second"].post(url, {**mine, "_overwrite": current.current_version})
    entry = LogEntry.objects.filter(object_id=str(article.pk)).latest("pk")
    changed = json.loads(entry.change_message)[0]["changed"]["fields"]
    assert changed == ["byline"]


def test_a_new_time_the_other_editor_set_survives_a_save_over_theirs(editor, second_editor):
    """Times compare by the second the form shows: the stored time of a step ("now") has
    fractions, which the form cannot show, and must not make every time look changed."""
    article = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None, slug="by-hand")
    workflow.apply(editor, article, "publish")  # a version, at a time with fractions
    article.refresh_from_db()
    assert article.publish_at.microsecond
    url = reverse("admin:articles_article_change", args=[article.pk])
    first, second = signed_in(editor), signed_in(second_editor)
    seen = article_form_data(article)  # both open the form now
    later = timezone.localtime(article.publish_at + datetime.timedelta(days=1))
    moved = {**seen, "publish_at_0": later.strftime("%Y-%m-%d")}
    assert first.post(url, moved).status_code == 302
    mine = {**seen, "byline": "本报记者●金丽"}
    conflict = second.post(url, mine).context["adminform"].form.conflict
    (changed,) = conflict.fields
    assert changed.label == second.get(url).context["adminform"].form.fields["publish_at"].label
    assert not changed.you_changed_it_too
    second.post(url, {**mine, "_overwrite": conflict.current_version})
    article.refresh_from_db()
    assert timezone.localtime(article.publish_at).date() == later.date()
    assert article.byline == "本报记者●金丽"


def test_a_page_image_they_uploaded_is_not_yours(editor, second_editor, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    issue = IssueFactory()
    url = reverse("admin:articles_issue_change", args=[issue.pk])
    first, second = signed_in(editor), signed_in(second_editor)
    assert first.post(url, issue_form_data(issue)).status_code == 302
    issue.refresh_from_db()
    seen = issue_form_data(issue)
    image = BytesIO()
    Image.new("RGB", (40, 60), "white").save(image, "PNG")
    upload = SimpleUploadedFile("page.png", image.getvalue(), content_type="image/png")
    assert first.post(url, {**seen, "page_image": upload}).status_code == 302
    conflict = second.post(url, {**seen, "banner": "新栏题"}).context["adminform"].form.conflict
    (changed,) = conflict.fields
    assert "page" in changed.label.lower() and not changed.you_changed_it_too


def test_a_body_as_the_editor_writes_it_back_is_not_a_change(opened_twice):
    """CKEditor sends a body back without the line breaks between paragraphs that the stored
    text (from a page import, say) has: untouched, it is not this editor's change, and a save
    over theirs keeps the body the other editor saved."""
    article, url = opened_twice["article"], opened_twice["url"]
    Article.objects.filter(pk=article.pk).update(body="<p>第一段。</p>\n<p>第二段。</p>")
    article.refresh_from_db()
    signed_in_first = opened_twice["first"]
    fresh = article_form_data(article, headline="第一位编辑改的标题")
    assert signed_in_first.post(url, fresh).status_code == 302  # opened at this version
    article.refresh_from_db()
    opened = article_form_data(article)
    as_written_back = {**opened, "body": "<p>第一段。</p><p>第二段。</p>"}
    theirs = article_form_data(article, body="<p>第一段。</p>\n<p>改过的第二段。</p>")
    assert signed_in_first.post(url, theirs).status_code == 302
    mine = {**as_written_back, "byline": "本报记者●金丽"}
    conflict = opened_twice["second"].post(url, mine).context["adminform"].form.conflict
    (body,) = conflict.fields
    assert not body.you_changed_it_too
    opened_twice["second"].post(url, {**mine, "_overwrite": conflict.current_version})
    article.refresh_from_db()
    assert "改过的第二段" in article.body and article.byline == "本报记者●金丽"
