"""The admin's "import a page" form: preview first, then save; permissions; bad and forged input."""

import datetime
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles import workflow
from articles.admin.page_import import SIGNING_SALT
from articles.importing.loader import import_page
from articles.models import Article, Contributor, Credit, Issue, Photo, Status
from courts.models import Court
from tests.articles.importing.conftest import PAGES
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_issue_import")


def upload(name="marked.txt", content=None):
    data = content if content is not None else (PAGES / name).read_bytes()
    return SimpleUploadedFile(name, data, content_type="text/plain")


def preview(client, **data):
    return client.post(URL, {"preview": "1", **data})


def payload_of(response):
    return response.context["payload"]


def nothing_saved():
    return (
        not Issue.objects.exists()
        and not Article.objects.exists()
        and not Contributor.objects.exists()
        and not Court.objects.filter(needs_review=True).exists()
    )


def user_with(*codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def test_button_on_the_editions_list(editor_client, client):
    response = editor_client.get(reverse("admin:articles_issue_changelist"))
    assert URL in response.content.decode()
    client.force_login(user_with("view_issue", "view_article"))
    response = client.get(reverse("admin:articles_issue_changelist"))
    assert response.status_code == 200
    assert URL not in response.content.decode()


def test_form_renders(editor_client):
    response = editor_client.get(URL)
    assert response.status_code == 200
    assert 'name="file"' in response.content.decode()
    assert 'name="publish"' in response.content.decode()


def test_preview_shows_what_was_understood_and_saves_nothing(editor_client):
    response = preview(editor_client, file=upload())
    assert response.status_code == 200
    page = response.content.decode()
    for expected in [
        "2024-03-22",
        "司法的温度",
        "本报评论员",
        "法治护航",
        "冬牧场上的巡回法庭",
        "优化法治化营商环境",
        "本报讯（记者 金丽）",
        "（郭成 李鑫 王学清）",
        "图为法官在蒙古包内为牧民讲解法律知识。",
        "齐翰文",
        "鄂托克旗人民法院",
        "赤峰市中级人民法院",
        "taken as the page&#x27;s banner",
        "New court, to be checked: 根河市人民法院",
    ]:
        assert expected in page, expected
    assert "Kept from before" not in page  # a first import has nothing to keep
    assert nothing_saved()


def test_confirm_saves_what_was_previewed(editor_client, editor):
    payload = payload_of(preview(editor_client, file=upload()))
    response = editor_client.post(URL, {"confirm": "1", "payload": payload})
    issue = Issue.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_issue_change", args=[issue.pk])
    assert issue.articles.count() == 3
    assert set(issue.articles.values_list("status", flat=True)) == {Status.DRAFT}
    assert issue.created_by == editor
    log = LogEntry.objects.get(object_id=str(issue.pk))
    assert "marked.txt" in log.get_change_message()
    # confirming the same preview again updates, never duplicates
    editor_client.post(URL, {"confirm": "1", "payload": payload})
    assert Issue.objects.count() == 1 and Article.objects.count() == 3


def test_the_preview_of_a_reimport_lists_what_is_kept(editor_client):
    payload = payload_of(preview(editor_client, file=upload()))
    editor_client.post(URL, {"confirm": "1", "payload": payload})
    page = preview(editor_client, file=upload()).content.decode()
    assert "Kept from before" not in page and "Removed, not in the text" not in page

    second = Article.objects.get(position=2)
    photographer = Contributor.objects.create(name="张三")
    Credit.objects.create(article=second, contributor=photographer, role="photographer")
    second.courts.add(Court.objects.get(slug="chifeng"))
    Photo.objects.create(article=second, caption="只有图说", position=2)

    page = preview(editor_client, file=upload()).content.decode()
    assert "Kept from before, not in the text" in page
    assert "photographer (摄): 张三<br>court: 赤峰市中级人民法院" in page
    assert "Remove it in the article's form if it should go." in page
    assert "Removed, not in the text" in page and "photo without an image: 只有图说" in page
    # a preview: nothing changed yet
    assert second.photos.filter(caption="只有图说").exists()

    editor_client.post(
        URL, {"confirm": "1", "payload": payload_of(preview(editor_client, file=upload()))}
    )
    assert list(
        second.credits.filter(role="photographer").values_list("contributor__name", flat=True)
    ) == ["齐翰文", "张三"]
    assert second.courts.filter(slug="chifeng").exists()
    assert Credit.objects.filter(article=second).count() == 6
    assert not second.photos.filter(caption="只有图说").exists()


def test_the_preview_in_chinese(editor_client, chinese):
    editor_client.post(
        URL, {"confirm": "1", "payload": payload_of(preview(editor_client, file=upload()))}
    )
    Article.objects.get(position=1).courts.add(Court.objects.get(slug="chifeng"))
    page = preview(editor_client, file=upload()).content.decode()
    assert "保留原有（文本中没有）" in page and "法院：赤峰市中级人民法院" in page


def test_pasted_text_with_date_and_page(editor_client):
    text = (PAGES / "byline.txt").read_text(encoding="utf-8")
    response = preview(editor_client, text=text)
    assert "The text does not give the edition&#x27;s date" in response.content.decode()
    response = preview(editor_client, text=text, date="2024-03-15", page_number="6")
    assert response.status_code == 200
    editor_client.post(URL, {"confirm": "1", "payload": payload_of(response)})
    issue = Issue.objects.get()
    assert (issue.date, issue.page_number) == (datetime.date(2024, 3, 15), 6)


def test_a_file_that_needs_a_date_stays_in_the_form(editor_client):
    """A browser cannot give a chosen file back: after the error, its text is in the box, and the
    edition is still credited to the file."""
    content = (PAGES / "byline.txt").read_bytes()
    response = preview(editor_client, file=upload("byline.txt", content))
    html = response.content.decode()
    assert "byline.txt: The text does not give the edition&#x27;s date" in html
    assert "The file&#x27;s text is in the box below." in html
    form = response.context["form"]
    assert form["text"].value() == content.decode("utf-8")
    assert form["file_name"].value() == "byline.txt"
    assert 'type="hidden" name="file_name" value="byline.txt"' in html

    response = preview(
        editor_client,
        text=form["text"].value(),
        file_name="byline.txt",
        date="2024-03-15",
        page_number="6",
    )
    assert response.context["options"]["source"] == "byline.txt"
    editor_client.post(URL, {"confirm": "1", "payload": payload_of(response)})
    assert "byline.txt" in LogEntry.objects.get().change_message


def test_pasted_text_is_credited_as_pasted(editor_client):
    text = (PAGES / "byline.txt").read_text(encoding="utf-8")
    response = preview(editor_client, text=text, date="2024-03-15", page_number="6")
    assert response.context["options"]["source"] == "pasted text"


def test_publish_at_once(editor_client):
    response = preview(editor_client, file=upload(), publish="on")
    assert "will be published" in response.content.decode()
    editor_client.post(URL, {"confirm": "1", "payload": payload_of(response)})
    assert Article.objects.published().count() == 3


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({}, None, "Upload the page"),
        ({"file": upload("x.png", b"\x89PNG\r\n\x1a\n\x00\x00")}, "file", "line 3: This is binary"),
        ({"file": upload("gbk.txt", "标题 一\n\n正文。".encode("gbk"))}, "file", "Not UTF-8"),
        ({"text": "只有正文,没有标题。"}, None, "No article found"),
        (
            {"text": "2025年13月45日 05版\n\n标题 一\n\n正文。"},
            None,
            "line 1: Cannot read the date",
        ),
        ({"file": upload(), "text": "标题 一\n\n正文。"}, None, "not both"),
        # Django's own messages, in the site's language
        ({"file": upload("empty.txt", b"")}, "file", None),
        (
            {"text": "标题 一\n\n正文。", "page_number": "0", "date": "2024-01-01"},
            "page_number",
            None,
        ),
        ({"text": "标题 一\n\n正文。", "date": "not a date", "page_number": "1"}, "date", None),
    ],
)
def test_bad_input_is_a_message_not_an_error(editor_client, data, field, message):
    response = preview(editor_client, **data)
    assert response.status_code == 200
    form = response.context["form"]
    if field:
        assert form.has_error(field)
    if message:
        assert message in response.content.decode()
    assert "payload" not in response.context
    assert nothing_saved()


def test_a_file_too_large(editor_client, monkeypatch):
    monkeypatch.setattr("articles.admin.page_import.MAX_BYTES", 100)
    response = preview(editor_client, file=upload())
    assert "far smaller" in response.content.decode()


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "garbage",
        signing.dumps({"content": "标题 一\n\n正文。"}, salt="another salt"),
        signing.dumps({"content": "x"}, salt=SIGNING_SALT),  # ours, but not a whole form
        signing.dumps(
            {"content": 5, "source": "", "date": None, "page_number": None, "publish": False},
            salt=SIGNING_SALT,
        ),
        signing.dumps(
            {"content": "x", "source": "", "date": "2024-02-30", "page_number": 1, "publish": 0},
            salt=SIGNING_SALT,
        ),
    ],
)
def test_forged_confirmation(editor_client, payload):
    response = editor_client.post(URL, {"confirm": "1", "payload": payload}, follow=True)
    assert response.status_code == 200
    assert "expired or was altered" in response.content.decode()
    assert nothing_saved()


def test_a_stale_preview(editor_client, monkeypatch):
    payload = payload_of(preview(editor_client, file=upload()))
    monkeypatch.setattr("articles.admin.page_import.PREVIEW_LIFETIME", -1)
    response = editor_client.post(URL, {"confirm": "1", "payload": payload}, follow=True)
    assert "expired or was altered" in response.content.decode()
    assert nothing_saved()


def test_only_for_users_who_may_add_editions_and_articles(client):
    assert client.get(URL).status_code == 302  # to the sign-in page
    client.force_login(user_with("add_issue", "view_issue"))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"preview": "1", "file": upload()}).status_code == 403
    assert nothing_saved()


def test_publishing_needs_the_publish_permissions(client):
    client.force_login(user_with("add_issue", "add_article", "change_issue", "change_article"))
    response = preview(client, file=upload(), publish="on")
    assert "You may not publish" in response.content.decode()
    response = preview(client, file=upload())
    payload = signing.loads(payload_of(response), salt=SIGNING_SALT)
    forged = signing.dumps({**payload, "publish": True}, salt=SIGNING_SALT, compress=True)
    assert client.post(URL, {"confirm": "1", "payload": forged}).status_code == 403
    assert nothing_saved()


def test_updating_an_edition_needs_the_change_permissions(editor_client, client):
    editor_client.post(
        URL, {"confirm": "1", "payload": payload_of(preview(editor_client, file=upload()))}
    )
    client.force_login(user_with("add_issue", "add_article", "view_issue"))
    response = preview(client, file=upload())
    assert "exists already and you may not change it" in response.content.decode()


def test_each_step_imports_the_page_once(editor_client, monkeypatch):
    from articles.admin import page_import as admin_import

    calls = []

    def counted(*args, **kwargs):
        calls.append(kwargs["dry_run"])
        return import_page(*args, **kwargs)

    monkeypatch.setattr(admin_import, "import_page", counted)
    payload = payload_of(preview(editor_client, file=upload()))
    assert calls == [True]  # the preview: run and rolled back
    assert nothing_saved()
    editor_client.post(URL, {"confirm": "1", "payload": payload})
    assert calls == [True, False]  # the save: run once, kept
    assert Issue.objects.count() == 1


def test_confirming_over_an_edition_made_meanwhile_needs_the_change_permissions(
    editor_client, client
):
    """A preview made while the edition did not exist; an editor imports it meanwhile: the
    confirmation may not change it and leaves it as the editor saved it."""
    client.force_login(user_with("add_issue", "add_article", "view_issue"))
    payload = payload_of(preview(client, file=upload()))
    editor_client.post(
        URL, {"confirm": "1", "payload": payload_of(preview(editor_client, file=upload()))}
    )
    issue = Issue.objects.get()
    Article.objects.update(headline="编辑改过的标题")
    logged = LogEntry.objects.count()
    response = client.post(URL, {"confirm": "1", "payload": payload}, follow=True)
    assert "exists already and you may not change it" in response.content.decode()
    assert set(Article.objects.values_list("headline", flat=True)) == {"编辑改过的标题"}
    assert Issue.objects.get() == issue and LogEntry.objects.count() == logged


def test_the_import_saves_its_articles_as_waiting_for_review(editor_client):
    """Ready articles, published with their edition later (no draft left behind)."""
    response = preview(editor_client, file=upload(), submit="on")
    assert "saved as waiting for review" in response.text
    editor_client.post(URL, {"confirm": "1", "payload": payload_of(response)})
    issue = Issue.objects.get()
    assert issue.status == Status.DRAFT
    statuses = set(issue.articles.values_list("status", flat=True))
    assert statuses == {Status.REVIEW}
    # Publishing the edition now asks nothing and takes them all along.
    also = workflow.apply(issue.created_by, issue, "publish")
    assert len(also) == issue.articles.count()


def test_publish_at_once_and_for_review_are_one_choice(editor_client):
    response = preview(editor_client, file=upload(), submit="on", publish="on")
    assert response.context["form"].errors["submit"]
    assert nothing_saved()


def test_what_needs_an_editors_eye_is_shown_as_a_warning(editor_client):
    """Notes, new courts and new contributors are warnings (the admin's yellow sign), not the
    green tick of a success."""
    response = preview(editor_client, file=upload())
    report = response.context["report"]
    assert report.new_contributors  # the sample names people the database does not know yet
    box = response.text.split('<ul class="messagelist">')[1].split("</ul>")[0]
    items = re.findall(r"<li([^>]*)>", box)
    assert len(items) == len(report.notes) + len(report.new_courts) + len(report.new_contributors)
    assert all('class="warning"' in attributes for attributes in items)
