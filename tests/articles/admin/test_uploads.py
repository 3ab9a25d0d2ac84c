"""Files uploaded through the admin: photos, page images and page PDFs.

They go through the same checks as the editor's image upload (articles/uploads.py): the real
format, size and pixel caps, re-encoding, generated names. A refused file or a storage that
cannot write (a full disk) leaves nothing half-saved.
"""

import errno
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from articles.models import Article, Issue, Photo
from articles.uploads import UploadedImageField, UploadedPdfField
from tests.articles.admin_forms import article_form_data, issue_form_data
from tests.factories import ArticleFactory, IssueFactory

pytestmark = pytest.mark.django_db

ADD_ARTICLE = reverse("admin:articles_article_add")
GENERATED = re.compile(r"^[0-9a-f]{32}\.(jpg|png|webp|pdf)$")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def image_bytes(fmt="JPEG", size=(60, 40), **save):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format=fmt, **save)
    return buffer.getvalue()


def jpeg_with_exif_and_payload():
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {2: (40, 49, 0)}  # GPS latitude: where the photographer stood
    return image_bytes(exif=exif.tobytes()) + b"<script>alert(1)</script>"


def pdf_bytes(javascript=None, attachment=None):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if javascript:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject(javascript),
            }
        )
        writer.root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if attachment:
        writer.add_attachment("payload.exe", attachment)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def upload(content, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type)


def stored_bytes(field_file):
    return (Path(settings.MEDIA_ROOT) / field_file.name).read_bytes()


def with_photo(data, image, caption="庭审现场"):
    return {
        **data,
        "photos-TOTAL_FORMS": 1,
        "photos-INITIAL_FORMS": 0,
        "photos-0-image": image,
        "photos-0-position": 1,
        "photos-0-caption": caption,
        "photos-0-alt_text": "",
        "photos-0-photographer": "",
    }


# --- The shared form fields -------------------------------------------------------------------


BAD_IMAGES = [
    (b"not an image at all", "x.jpg"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "x.svg"),
    (image_bytes("PNG")[:60], "truncated.png"),
    (image_bytes("BMP"), "x.bmp"),
    (b"%PDF-1.4 pretending", "x.jpg"),
]
BAD_IMAGE_IDS = ["text", "svg", "truncated", "bmp", "pdf"]


@pytest.mark.parametrize(("content", "name"), BAD_IMAGES, ids=BAD_IMAGE_IDS)
def test_image_field_refuses_what_is_not_a_plain_image(content, name):
    field = UploadedImageField()
    with pytest.raises(ValidationError) as refused:
        field.clean(upload(content, name))
    assert refused.value.code in {"invalid", "broken", "format", "invalid_image"}
    assert refused.value.messages[0]  # a message for the editor


def test_image_field_reencodes_under_a_generated_name():
    cleaned = UploadedImageField().clean(upload(jpeg_with_exif_and_payload(), "../../etc/x.jpg"))
    assert GENERATED.match(cleaned.name)
    data = cleaned.read()
    assert b"alert" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and not image.getexif()


def test_image_field_caps(settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 1000
    with pytest.raises(ValidationError) as refused:
        UploadedImageField().clean(upload(image_bytes(size=(100, 100))))
    assert refused.value.code == "too_many_pixels"
    settings.IMAGE_UPLOAD_MAX_PIXELS = 40_000_000
    settings.IMAGE_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as refused:
        UploadedImageField().clean(upload(image_bytes(size=(200, 200))))
    assert refused.value.code == "too_large"


def test_decompression_bomb_is_refused(settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 10**12  # the caller's cap is not what stops it
    bomb = image_bytes("PNG", size=(16000, 16000))  # 256 megapixels of one colour: a few KB
    assert len(bomb) < 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        UploadedImageField().clean(upload(bomb, "bomb.png", "image/png"))
    assert refused.value.code == "invalid"


def test_pdf_field_accepts_a_page_pdf_under_a_generated_name():
    content = pdf_bytes()
    cleaned = UploadedPdfField().clean(upload(content, "版面 05.pdf", "application/pdf"))
    assert GENERATED.match(cleaned.name) and cleaned.name.endswith(".pdf")
    assert cleaned.read() == content


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (image_bytes(), "format"),
        (b"<html><script>alert(1)</script></html>", "format"),
        (b"%PDF-1.7\n%%EOF\n", "broken"),
        (pdf_bytes()[:200], "broken"),
        (pdf_bytes(javascript="app.alert('x');"), "active_content"),
        (pdf_bytes(attachment=b"MZ..."), "active_content"),
    ],
    ids=["png", "html", "empty", "truncated", "javascript", "attachment"],
)
def test_pdf_field_refuses_what_is_not_a_plain_pdf(content, code):
    with pytest.raises(ValidationError) as refused:
        UploadedPdfField().clean(upload(content, "page.pdf", "application/pdf"))
    assert refused.value.code == code


def test_pdf_field_names_the_file_that_is_not_a_pdf():
    with pytest.raises(ValidationError) as refused:
        UploadedPdfField().clean(upload(image_bytes(), "版面 05.pdf", "application/pdf"))
    assert refused.value.messages == [
        "“版面 05.pdf” is not a PDF (whatever its name says): export the page as a PDF again."
    ]


def _action(kind, **entries):
    action = {NameObject("/S"): NameObject(kind)}
    for key, value in entries.items():
        action[NameObject(f"/{key}")] = value
    return DictionaryObject(action)


def _script():
    return _action("/JavaScript", JS=TextStringObject("app.alert('x');"))


def _link_annotation(writer, action):
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (0, 0, 100, 100)]),
            NameObject("/A"): writer._add_object(action),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    return annotation


def _page_actions(writer):
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): _script()})


def _annotation_script(writer):
    _link_annotation(writer, _script())


def _annotation_additional_actions(writer):
    annotation = _link_annotation(writer, _action("/GoTo", D=ArrayObject([NumberObject(0)])))
    annotation[NameObject("/AA")] = DictionaryObject({NameObject("/E"): _script()})


def _launch(writer):
    _link_annotation(writer, _action("/Launch", F=TextStringObject("calc.exe")))


def _chained_script(writer):
    _link_annotation(writer, _action("/URI", URI=TextStringObject("https://a.cn/"), Next=_script()))


def _javascript_uri(writer):
    _link_annotation(writer, _action("/URI", URI=TextStringObject("javascript:alert(1)")))


def _form_field_actions(writer):
    field = DictionaryObject(
        {
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject("name"),
            NameObject("/AA"): DictionaryObject({NameObject("/K"): _script()}),
        }
    )
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([writer._add_object(field)])}
    )


def _names_javascript(writer):
    scripts = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("x"), writer._add_object(_script())])}
    )
    writer.root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/Dests"): writer._add_object(scripts)}  # a name tree under another name
    )


def _outline_submit(writer):
    item = writer.add_outline_item(title="版面", page_number=0)
    item.get_object()[NameObject("/A")] = _action(
        "/SubmitForm", F=TextStringObject("https://evil.example/")
    )


def _pdf_with(change):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "change",
    [
        _page_actions,
        _annotation_script,
        _annotation_additional_actions,
        _launch,
        _chained_script,
        _javascript_uri,
        _form_field_actions,
        _names_javascript,
        _outline_submit,
    ],
)
def test_pdf_field_refuses_actions_wherever_they_are(change):
    with pytest.raises(ValidationError) as error:
        UploadedPdfField().clean(upload(_pdf_with(change), "page.pdf", "application/pdf"))
    assert error.value.code == "active_content"


def test_pdf_field_accepts_links_to_pages_and_web_addresses():
    def links(writer):
        _link_annotation(
            writer,
            _action(
                "/URI",
                URI=TextStringObject("https://fyzk.example.cn/"),
                Next=_action("/GoTo", D=ArrayObject([NumberObject(0)])),
            ),
        )
        writer.add_outline_item(title="版面", page_number=0)

    content = _pdf_with(links)
    assert UploadedPdfField().clean(upload(content, "page.pdf", "application/pdf"))


def _tagged(writer, attributes, element_type=True, annotation=None):
    """A tagged PDF's structure tree: a document element with one paragraph whose /A is
    ``attributes`` (and, given ``annotation``, an object reference to it among its kids)."""
    root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    root_ref = writer._add_object(root)
    element = DictionaryObject(
        {
            NameObject("/S"): NameObject("/P"),
            NameObject("/P"): root_ref,
            NameObject("/Pg"): writer.pages[0].indirect_reference,
            NameObject("/A"): attributes,
            NameObject("/K"): NumberObject(0),
        }
    )
    if element_type:
        element[NameObject("/Type")] = NameObject("/StructElem")
    if annotation is not None:
        reference = DictionaryObject(
            {NameObject("/Type"): NameObject("/OBJR"), NameObject("/Obj"): annotation}
        )
        element[NameObject("/K")] = ArrayObject([NumberObject(0), reference])
    root[NameObject("/K")] = ArrayObject([writer._add_object(element)])
    writer.root_object[NameObject("/StructTreeRoot")] = root_ref
    writer.root_object[NameObject("/MarkInfo")] = DictionaryObject(
        {NameObject("/Marked"): BooleanObject(True)}
    )


def _layout(**entries):
    attributes = {NameObject("/O"): NameObject("/Layout")}
    for key, value in entries.items():
        attributes[NameObject(f"/{key}")] = value
    return DictionaryObject(attributes)


@pytest.mark.parametrize(
    "attributes",
    [
        lambda writer: _layout(Placement=NameObject("/Block")),
        lambda writer: ArrayObject(
            [
                _layout(Placement=NameObject("/Block")),
                NumberObject(0),
                writer._add_object(
                    DictionaryObject(
                        {
                            NameObject("/O"): NameObject("/Table"),
                            NameObject("/Headers"): ArrayObject(),
                        }
                    )
                ),
            ]
        ),
    ],
    ids=["one", "several-with-revision"],
)
@pytest.mark.parametrize("element_type", [True, False], ids=["typed", "untyped"])
def test_pdf_field_accepts_structure_attributes_of_a_tagged_pdf(attributes, element_type):
    """In a structure element, /A is the element's attributes (layout, table, list), which
    tagged PDFs from layout systems carry: not an action."""
    content = _pdf_with(lambda writer: _tagged(writer, attributes(writer), element_type))
    assert UploadedPdfField().clean(upload(content, "page.pdf", "application/pdf"))


def _structure_script(writer):
    _tagged(writer, _script())


def _structure_attributes_with_a_script(writer):
    _tagged(writer, ArrayObject([_layout(), _script()]))


def _structure_attributes_holding_javascript(writer):
    _tagged(writer, _layout(JS=TextStringObject("app.alert('x');")))


def _tagged_annotation_script(writer):
    # An annotation dressed as a structure element (a parent and a structure type), reached
    # only through the structure tree: its /A is still an action.
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (0, 0, 100, 100)]),
            NameObject("/S"): NameObject("/Link"),
            NameObject("/P"): writer.pages[0].indirect_reference,
            NameObject("/A"): writer._add_object(_script()),
        }
    )
    _tagged(writer, _layout(), annotation=writer._add_object(annotation))


@pytest.mark.parametrize(
    "change",
    [
        _structure_script,
        _structure_attributes_with_a_script,
        _structure_attributes_holding_javascript,
        _tagged_annotation_script,
    ],
)
def test_pdf_field_refuses_actions_in_a_tagged_pdf(change):
    with pytest.raises(ValidationError) as error:
        UploadedPdfField().clean(upload(_pdf_with(change), "page.pdf", "application/pdf"))
    assert error.value.code == "active_content"


def test_pdf_size_cap(settings):
    settings.PDF_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as refused:
        UploadedPdfField().clean(upload(pdf_bytes(), "page.pdf", "application/pdf"))
    assert refused.value.code == "too_large"


# --- Through the admin ------------------------------------------------------------------------


def test_photo_uploaded_with_an_article_is_reencoded_under_a_generated_name(editor_client):
    data = with_photo(article_form_data(), upload(jpeg_with_exif_and_payload(), "../我的.jpg"))
    response = editor_client.post(ADD_ARTICLE, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    photo = Photo.objects.get()
    folder, name = photo.image.name.rsplit("/", 1)
    assert folder.startswith("photos/") and GENERATED.match(name)
    stored = stored_bytes(photo.image)
    assert b"alert" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()


@pytest.mark.parametrize(("content", "name"), BAD_IMAGES, ids=BAD_IMAGE_IDS)
def test_a_refused_photo_saves_nothing(editor_client, content, name):
    data = with_photo(article_form_data(headline="不该保存"), upload(content, name))
    response = editor_client.post(ADD_ARTICLE, data)
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][1].formset.errors[0]["image"]
    assert not Article.objects.filter(headline="不该保存").exists()
    assert not Photo.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).glob("photos/**/*.*"))


def test_edition_page_image_and_pdf_are_checked_and_renamed(editor_client):
    data = issue_form_data(
        page_image=upload(image_bytes("PNG"), "<script>.png", "image/png"),
        page_pdf=upload(pdf_bytes(), "../../page.pdf", "application/pdf"),
    )
    response = editor_client.post(reverse("admin:articles_issue_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    issue = Issue.objects.get(date="2025-06-03")
    assert GENERATED.match(issue.page_image.name.rsplit("/", 1)[1])
    assert GENERATED.match(issue.page_pdf.name.rsplit("/", 1)[1])
    assert issue.page_pdf.name.startswith("pages/")
    assert stored_bytes(issue.page_pdf).startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("field", "content", "name"),
    [
        ("page_image", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "page.svg"),
        ("page_image", image_bytes("BMP"), "page.bmp"),
        ("page_pdf", b"<html><script>alert(1)</script></html>", "page.pdf"),
        ("page_pdf", image_bytes(), "page.pdf"),
    ],
    ids=["svg", "bmp", "html-as-pdf", "jpeg-as-pdf"],
)
def test_a_refused_page_file_saves_no_edition(editor_client, field, content, name):
    data = issue_form_data(**{field: upload(content, name, "application/octet-stream")})
    response = editor_client.post(reverse("admin:articles_issue_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field]
    assert not Issue.objects.filter(date="2025-06-03").exists()


# --- A storage that cannot write --------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch):
    def refuse(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", refuse)


def storage_error(response):
    """The form's own error saying the files could not be stored, shown on the page."""
    form = response.context["adminform"].form
    [error] = form.non_field_errors().as_data()
    assert error.code == "storage"
    assert escape(error.message) in response.content.decode()
    return error


def test_full_disk_leaves_no_half_saved_new_article(editor_client, full_disk):
    data = with_photo(article_form_data(headline="磁盘已满"), upload(image_bytes()))
    response = editor_client.post(ADD_ARTICLE, data)
    assert response.status_code == 200
    assert storage_error(response)
    assert "磁盘已满" in response.content.decode()  # what the editor typed is still there
    assert not Article.objects.exists()
    assert not Photo.objects.exists()


def test_full_disk_leaves_an_edited_article_as_it_was(editor_client, full_disk):
    article = ArticleFactory(headline="原来的标题")
    before = article.edit_version
    data = with_photo(article_form_data(article, headline="改过的标题"), upload(image_bytes()))
    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert storage_error(response)
    article.refresh_from_db()
    assert (article.headline, article.edit_version) == ("原来的标题", before)
    assert not article.photos.exists()


def test_full_disk_leaves_an_edition_as_it_was(editor_client, full_disk):
    issue = IssueFactory(title="法院专刊")
    data = issue_form_data(
        issue,
        title="改过",
        page_pdf=upload(pdf_bytes(), "page.pdf", "application/pdf"),
        publish_at_0="2025-01-01",
        publish_at_1="08:00:00",
    )
    response = editor_client.post(reverse("admin:articles_issue_change", args=[issue.pk]), data)
    assert response.status_code == 200
    assert storage_error(response)
    issue.refresh_from_db()
    assert issue.title == "法院专刊" and not issue.page_pdf


def test_full_disk_on_the_editor_upload_is_a_clear_error(editor_client, full_disk):
    response = editor_client.post(
        reverse("articles:upload_image"), {"upload": upload(image_bytes())}
    )
    assert response.status_code == 507
    assert response.json()["error"]["message"]


# --- Serving what was uploaded ----------------------------------------------------------------


def put_media(relative, content):
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def test_uploads_are_served_unsniffable_and_unable_to_run(client):
    put_media("uploads/2025/01/a.jpg", image_bytes())
    ArticleFactory(body=f'<p><img src="{settings.MEDIA_URL}uploads/2025/01/a.jpg"></p>')
    response = client.get("/media/uploads/2025/01/a.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "script-src" not in response["Content-Security-Policy"]  # default-src 'none' rules
    assert not response.get("Content-Disposition", "").startswith("attachment")


def test_page_pdfs_are_served_as_downloads(client):
    put_media("pages/2025/page.pdf", pdf_bytes())
    IssueFactory(page_pdf="pages/2025/page.pdf")  # published
    response = client.get("/media/pages/2025/page.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="page.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_media_outside_the_folder_is_not_served():
    client = Client(raise_request_exception=False)
    assert client.get("/media/../settings.py").status_code in (400, 404)
    assert client.get("/media/%2e%2e/%2e%2e/etc/passwd").status_code in (400, 404)
