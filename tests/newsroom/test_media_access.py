"""Uploaded files are served only while something public uses them (staff who may see what uses
them still get them; a correspondent not another court's drafts' files):
a withdrawn or deleted article's photos and body images, a withdrawn or deleted edition's page
image and PDF, renditions made from them and files replaced in a form are gone for readers at
their old addresses, while the files themselves stay for restores."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image

from articles import renditions, workflow
from articles.models import Status
from tests.factories import ArticleFactory, IssueFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def jpeg(size=(900, 600)):
    out = io.BytesIO()
    Image.new("RGB", size, "red").save(out, format="JPEG")
    return out.getvalue()


def fetch(client, url):
    response = client.get(url)
    if response.status_code == 200 and response.streaming:
        b"".join(response.streaming_content)
    return response


def url_of(name):
    return settings.MEDIA_URL + name


def assert_public(response):
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]  # browsers and a CDN may keep it…
    assert "cookie" not in response.get("Vary", "").lower()  # …for every reader alike


def assert_staff_only(response):
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]


def stored(name):
    return (Path(settings.MEDIA_ROOT) / name).exists()


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff(editor):
    return signed_in(editor)


def test_a_withdrawn_articles_photo_and_its_renditions_are_gone_for_readers(editor, staff):
    photo = PhotoFactory(image=ContentFile(jpeg(), name="photo.jpg"))
    article = photo.article
    rendition = renditions.rendition_url(photo.image, 480)
    reader = Client()
    assert_public(fetch(reader, photo.image.url))
    assert_public(fetch(reader, rendition))
    workflow.apply(editor, article, "withdraw")
    assert fetch(reader, photo.image.url).status_code == 404
    assert fetch(reader, rendition).status_code == 404
    assert_staff_only(fetch(staff, photo.image.url))
    assert_staff_only(fetch(staff, rendition))
    assert stored(photo.image.name)


def test_a_deleted_articles_photo_is_gone_but_kept(staff):
    photo = PhotoFactory(image=ContentFile(jpeg(), name="photo.jpg"))
    name = photo.image.name
    assert fetch(Client(), url_of(name)).status_code == 200
    photo.article.delete()
    assert fetch(Client(), url_of(name)).status_code == 404
    assert stored(name)  # a recovery brings the article back with it
    assert_staff_only(fetch(staff, url_of(name)))


def test_a_withdrawn_or_deleted_editions_page_image_and_pdf_are_gone(editor, staff):
    issue = IssueFactory(
        page_image=ContentFile(jpeg(), name="page.jpg"),
        page_pdf=ContentFile(b"%PDF-1.4 page", name="page.pdf"),
    )
    image, pdf = issue.page_image.url, issue.page_pdf.url
    rendition = renditions.rendition_url(issue.page_image, 400)
    reader = Client()
    for url in (image, pdf, rendition):
        assert_public(fetch(reader, url))
    workflow.apply(editor, issue, "withdraw")
    for url in (image, pdf, rendition):
        assert fetch(reader, url).status_code == 404, url
        assert_staff_only(fetch(staff, url))
    issue.delete()
    assert fetch(reader, image).status_code == 404
    assert stored(issue.page_image.name) and stored(issue.page_pdf.name)


def test_body_images_follow_their_article(editor, staff):
    name = "uploads/2025/06/0123456789abcdef0123456789abcdef.jpg"
    (Path(settings.MEDIA_ROOT) / name).parent.mkdir(parents=True, exist_ok=True)
    (Path(settings.MEDIA_ROOT) / name).write_bytes(jpeg())
    body = f'<p>庭审现场</p><figure class="image"><img src="{url_of(name)}"></figure>'
    draft = ArticleFactory(status=Status.DRAFT, publish_at=None, body=body)
    reader = Client()
    assert fetch(reader, url_of(name)).status_code == 404  # only in a draft so far
    assert_staff_only(fetch(staff, url_of(name)))  # the editor sees it while writing
    workflow.apply(editor, draft, "publish")
    assert_public(fetch(reader, url_of(name)))
    workflow.apply(editor, draft, "withdraw")
    assert fetch(reader, url_of(name)).status_code == 404


def test_a_file_replaced_in_a_form_is_gone_for_readers(staff):
    photo = PhotoFactory(image=ContentFile(jpeg(), name="old.jpg"))
    old = photo.image.name
    photo.image = ContentFile(jpeg((300, 200)), name="new.jpg")
    photo.save()
    assert fetch(Client(), url_of(old)).status_code == 404
    assert_public(fetch(Client(), photo.image.url))
    assert stored(old)  # restoring the earlier version needs it
    assert_staff_only(fetch(staff, url_of(old)))


def test_files_of_nothing_and_paths_outside_are_404(staff):
    (Path(settings.MEDIA_ROOT) / "stray.txt").write_text("x")
    assert fetch(Client(), "/media/stray.txt").status_code == 404
    assert fetch(Client(), "/media/renditions/x.jpg").status_code == 404
    client = Client(raise_request_exception=False)
    assert client.get("/media/../settings.py").status_code in (400, 404)


def test_a_public_pages_renditions_load_for_an_anonymous_reader():
    photo = PhotoFactory(image=ContentFile(jpeg(), name="photo.jpg"))
    reader = Client()
    html = reader.get(photo.article.get_absolute_url()).content.decode()
    addresses = [part.split('"')[0] for part in html.split('src="')[1:]]
    images = [a for a in addresses if a.startswith(settings.MEDIA_URL)]
    assert images
    for address in images:
        assert_public(fetch(reader, address))


@pytest.fixture
def own_court_client(correspondent):
    return signed_in(correspondent)


def test_a_correspondent_gets_the_files_of_their_own_pieces_only(correspondent, own_court_client):
    mine = ArticleFactory(status=Status.DRAFT, publish_at=None, created_by=correspondent)
    theirs = ArticleFactory(status=Status.DRAFT, publish_at=None)
    own = PhotoFactory(article=mine, image=ContentFile(jpeg(), name="own.jpg"))
    other = PhotoFactory(article=theirs, image=ContentFile(jpeg(), name="other.jpg"))
    assert_staff_only(fetch(own_court_client, own.image.url))
    assert_staff_only(fetch(own_court_client, renditions.rendition_url(own.image, 480)))
    assert fetch(own_court_client, other.image.url).status_code == 404
    assert fetch(own_court_client, renditions.rendition_url(other.image, 480)).status_code == 404


def test_a_correspondent_gets_no_unpublished_page_of_an_edition(own_court_client, staff):
    issue = IssueFactory(status=Status.DRAFT, publish_at=None)
    issue.page_image = ContentFile(jpeg(), name="page.jpg")
    issue.save()
    assert fetch(own_court_client, issue.page_image.url).status_code == 404
    assert_staff_only(fetch(staff, issue.page_image.url))


def test_a_body_image_is_hidden_from_correspondents_of_other_pieces(
    correspondent, own_court_client
):
    def upload(name):
        path = Path(settings.MEDIA_ROOT) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(jpeg())
        return f'<figure class="image"><img src="{url_of(name)}"></figure>'

    others = "uploads/2025/07/" + "a" * 32 + ".jpg"
    own = "uploads/2025/07/" + "b" * 32 + ".jpg"
    fresh = "uploads/2025/07/" + "c" * 32 + ".jpg"
    ArticleFactory(status=Status.DRAFT, publish_at=None, body=upload(others))
    ArticleFactory(status=Status.DRAFT, publish_at=None, body=upload(own), created_by=correspondent)
    upload(fresh)  # just uploaded into the editor: nothing uses it yet
    assert fetch(own_court_client, url_of(others)).status_code == 404
    assert_staff_only(fetch(own_court_client, url_of(own)))
    assert_staff_only(fetch(own_court_client, url_of(fresh)))


def test_a_pending_page_import_is_its_editors_alone(editor, staff):
    from django.contrib.auth.models import Group

    from articles.importing.pdf import pending
    from tests.factories import UserFactory

    token = pending.keep(editor, b"%PDF-1.7", [b"png"])
    name = pending.image_name(editor, token, 0)
    assert_staff_only(fetch(staff, url_of(name)))
    other_editor = UserFactory(username="other-editor", is_staff=True)
    other_editor.groups.add(Group.objects.get(name="Editors"))
    other = signed_in(other_editor)
    assert fetch(other, url_of(name)).status_code == 404
    pdf = name.removesuffix("-0.png") + ".pdf"
    assert fetch(other, url_of(pdf)).status_code == 404
    assert fetch(Client(), url_of(name)).status_code == 404
