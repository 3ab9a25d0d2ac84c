"""Request bodies: nobody's body is read before CSRF has passed and a view will use it, and a
body is capped by who sends it (413 beyond), before a byte of it is read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.request import HttpRequest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def reads(monkeypatch):
    """Every time Django parses a request's form data (and writes its uploads to disk)."""
    calls = []
    parse = HttpRequest._load_post_and_files

    def recording(request):
        calls.append(request.path)
        return parse(request)

    monkeypatch.setattr(HttpRequest, "_load_post_and_files", recording)
    return calls


def test_an_anonymous_post_to_an_address_without_a_view_is_not_read(client, reads):
    upload = SimpleUploadedFile("big.bin", b"x" * 50_000)
    response = client.post("/no/such/address/", {"file": upload})
    assert response.status_code == 404
    assert reads == []


def test_a_post_that_fails_csrf_is_not_read(reads):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("admin:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert reads == []


def test_a_large_anonymous_body_is_refused_unread(client, reads, settings):
    settings.REQUEST_BODY_MAX_BYTES_ANONYMOUS = 64 * 1024
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * 200_000)
    response = client.post(reverse("admin:login"), {"username": "x", "file": upload})
    assert response.status_code == 413
    assert reads == []


def test_the_sign_in_form_still_fits(client, editor):
    response = client.post(
        reverse("admin:login"), {"username": editor.username, "password": "wrong password"}
    )
    assert response.status_code == 200  # the form again, with its error


def test_staff_may_send_a_page_pdf_sized_body(editor_client, settings):
    assert settings.REQUEST_BODY_MAX_BYTES_STAFF >= 50 * 1024 * 1024  # a 30 MB PDF + a 20 MB image
    settings.REQUEST_BODY_MAX_BYTES_ANONYMOUS = 64 * 1024
    upload = SimpleUploadedFile("big.png", b"not an image" * 20_000)
    response = editor_client.post(reverse("articles:upload_image"), {"upload": upload})
    assert response.status_code == 400  # read and answered by the view: not an image


def test_staff_bodies_are_capped_too(editor_client, settings, reads):
    settings.REQUEST_BODY_MAX_BYTES_STAFF = 100_000
    upload = SimpleUploadedFile("big.png", b"x" * 200_000)
    response = editor_client.post(reverse("articles:upload_image"), {"upload": upload})
    assert response.status_code == 413
    assert reads == []
