"""The admin's "Import a page" with a page PDF: preview with the rendered page and the areas, the
PDF kept server-side for its editor only, then saved with its page image, PDF and areas."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.importing.pdf import pending
from articles.models import Article, Issue, PageArea

from . import pdfmaker as maker

pytestmark = pytest.mark.django_db

URL = "/admin/articles/issue/import/"


@pytest.fixture
def other_editor(django_user_model):
    user = django_user_model.objects.create_user(
        "pdf-other", password="x", is_staff=True, first_name="另一位编辑"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def page_pdf():
    spec = maker.make_spec(3)
    return spec, maker.reportlab_page(spec)


def preview(client, data):
    upload = SimpleUploadedFile("page.pdf", data, content_type="application/pdf")
    return client.post(URL, {"file": upload, "preview": "1"})


def test_preview_shows_the_page_and_each_area_and_writes_nothing(client, editor, page_pdf):
    spec, data = page_pdf
    client.force_login(editor)
    response = preview(client, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="import-pdf-area"') == len(spec.articles)
    assert 'style="' not in html.split('id="content-main"')[1]  # the site's CSP: no inline styles
    for article in spec.articles:
        assert article.headline in html
    assert Issue.objects.count() == 0 and Article.objects.count() == 0
    image = re.search(r'<img src="([^"]+\.png)"', html)[1]
    assert client.get(image).status_code == 200
    payload = re.search(r'name="payload" value="([^"]+)"', html)[1]
    assert data not in payload.encode()  # the PDF is not round-tripped through the form


def test_confirm_saves_the_edition_with_image_pdf_and_areas(client, editor, page_pdf):
    spec, data = page_pdf
    client.force_login(editor)
    html = preview(client, data).content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', html)[1]
    response = client.post(URL, {"payload": payload, "confirm": "1"})
    issue = Issue.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:articles_issue_change", args=[issue.pk])
    assert issue.page_image and issue.page_pdf
    assert PageArea.objects.count() == len(spec.articles)
    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}
    # The pending upload is gone once used: confirming again changes nothing.
    again = client.post(URL, {"payload": payload, "confirm": "1"}, follow=True)
    assert "no longer kept" in again.content.decode() or "不再保留" in again.content.decode()


def test_another_editor_cannot_reach_the_pending_upload(client, editor, other_editor, page_pdf):
    _spec, data = page_pdf
    client.force_login(editor)
    html = preview(client, data).content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', html)[1]
    image = re.search(r'<img src="([^"]+\.png)"', html)[1]
    client.force_login(other_editor)
    assert client.get(image).status_code == 404
    client.post(URL, {"payload": payload, "confirm": "1"})
    assert Issue.objects.count() == 0
    client.logout()
    assert client.get(image).status_code == 302  # to the sign-in page


def test_a_bad_pdf_gets_its_reason_on_the_form(client, editor):
    client.force_login(editor)
    response = preview(client, maker.picture_only_page())
    html = response.content.decode()
    assert response.status_code == 200 and "page.pdf" in html
    assert "import-pdf-area" not in html
    assert Issue.objects.count() == 0


def test_pending_uploads_older_than_a_day_are_cleaned(editor, page_pdf):
    import datetime

    from django.utils import timezone

    token = pending.keep(editor, page_pdf[1], [b"png"])
    pending.clean()
    assert pending.load(editor, token) == page_pdf[1]  # a fresh one stays
    later = timezone.now() + datetime.timedelta(days=1, minutes=1)
    assert pending.clean(now=later) >= 2
    with pytest.raises(FileNotFoundError):
        pending.load(editor, token)


def test_what_needs_an_editors_eye_is_a_warning_in_the_pdf_preview(client, editor, page_pdf):
    """New contributors and courts, and notes, are warnings (the admin's yellow sign), not the
    green tick of a success, as in the text import's preview."""
    _spec, data = page_pdf
    client.force_login(editor)
    response = preview(client, data)
    [page] = response.context["pages"]
    report = page["report"]
    assert report.new_contributors  # the page names people the database does not know yet
    box = response.content.decode().split('<ul class="messagelist">')[1].split("</ul>")[0]
    items = re.findall(r"<li([^>]*)>", box)
    assert len(items) == len(report.notes) + len(report.new_courts) + len(report.new_contributors)
    assert all('class="warning"' in attributes for attributes in items)


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n" + bytes(64), "2025年6月27日 05版\n\n标题\n\n正文。\n".encode()],
    ids=["picture", "page-text"],
)
def test_a_file_named_pdf_that_is_no_pdf_is_named_and_refused(client, editor, content):
    """Never read as a page's text, nor refused as "not text": the file is named, and said not
    to be a PDF."""
    client.force_login(editor)
    upload = SimpleUploadedFile("第5版.pdf", content, content_type="application/pdf")
    response = client.post(URL, {"file": upload, "preview": "1"})
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors == [
        "“第5版.pdf” is not a PDF (whatever its name says): export the page as a PDF again."
    ]
    assert Issue.objects.count() == 0 and Article.objects.count() == 0
