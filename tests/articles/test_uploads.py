import io

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from articles.uploads import reencode_image
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("articles:upload_image")


def image_bytes(fmt="PNG", size=(40, 30), **save):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format=fmt, **save)
    return buffer.getvalue()


def upload(client, content, name="photo.png", content_type="image/png"):
    return client.post(URL, {"upload": SimpleUploadedFile(name, content, content_type)})


def test_anonymous_upload_is_refused(client):
    response = upload(client, image_bytes())
    assert response.status_code == 403
    assert "error" in response.json()


def test_signed_in_user_without_permission_is_refused(client):
    client.force_login(UserFactory(is_staff=True))
    assert upload(client, image_bytes()).status_code == 403


def test_user_with_change_permission_may_upload(client, settings):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="change_article"))
    client.force_login(user)
    response = upload(client, image_bytes(), name="../../etc/evil.png")
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith(settings.MEDIA_URL + "uploads/")
    assert "evil" not in url and ".." not in url


def test_editor_upload_is_reencoded_without_exif_or_trailing_data(editor_client, settings):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    content = image_bytes("JPEG", exif=exif.tobytes()) + b"<script>appended</script>"
    response = upload(editor_client, content, name="p.jpg", content_type="image/jpeg")
    assert response.status_code == 200
    path = settings.MEDIA_ROOT + response.json()["url"][len(settings.MEDIA_URL) - 1 :]
    with open(path, "rb") as stored:
        data = stored.read()
    assert b"appended" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"not an image at all", "x.png"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "x.svg"),
        (image_bytes()[:60], "truncated.png"),
        (image_bytes("BMP"), "x.bmp"),
    ],
    ids=["text", "svg", "truncated", "bmp"],
)
def test_bad_files_get_a_clear_400(editor_client, content, name):
    response = upload(editor_client, content, name=name)
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_pixel_cap(editor_client, settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 1000
    response = upload(editor_client, image_bytes(size=(100, 100)))
    assert response.status_code == 400


def test_size_cap(editor_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 100
    response = upload(editor_client, image_bytes(size=(200, 200)))
    assert response.status_code == 400


def test_no_file_is_a_400(editor_client):
    assert editor_client.post(URL, {}).status_code == 400


def test_get_is_not_allowed(editor_client):
    assert editor_client.get(URL).status_code == 405


def test_forged_csrf_is_refused(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = upload(client, image_bytes())
    assert response.status_code == 403


# --- The caps, at their real values -------------------------------------------------------------


def _scan(size, fmt="JPEG"):
    """A greyscale page scan of ``size`` pixels (one colour: cheap to make and to store)."""
    buffer = io.BytesIO()
    Image.new("L", size, 200).save(buffer, format=fmt)
    return SimpleUploadedFile(f"scan.{fmt.lower()}", buffer.getvalue())


def test_a_printed_page_scanned_at_300_dpi_is_accepted():
    # About 35 megapixels (a broadsheet page, 300 dpi).
    content, extension = reencode_image(_scan((5000, 7000)))
    assert extension == "jpg"
    with Image.open(content) as image:
        assert image.size == (5000, 7000)


def test_anything_bigger_than_a_page_scan_is_refused_before_it_is_decoded():
    with pytest.raises(ValidationError) as error:
        reencode_image(_scan((5500, 6900), fmt="PNG"))  # 38 MP: under the old cap of 40
    assert error.value.code == "too_many_pixels"


def test_png_is_not_optimised_at_every_level(monkeypatch):
    # PNG's optimize tries every filter and level: seconds per page scan on a 2-core server.
    calls = []
    save = Image.Image.save

    def recording_save(image, fp, format=None, **options):
        calls.append((format, options))
        return save(image, fp, format=format, **options)

    scan = _scan((60, 40), fmt="PNG")
    monkeypatch.setattr(Image.Image, "save", recording_save)
    reencode_image(scan)
    [(fmt, options)] = [call for call in calls if call[0] == "PNG"]
    assert not options.get("optimize")
