"""Uploads served by Django itself when SERVE_MEDIA is on (the test settings turn it on; it is
the default on local disk). Who may fetch which file: test_media_access.py."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_an_uploaded_file_is_served_with_debug_off(client):
    assert settings.SERVE_MEDIA and not settings.DEBUG
    folder = Path(settings.MEDIA_ROOT) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "served.txt").write_bytes("法院专刊".encode())
    ArticleFactory(body=f'<p><img src="{settings.MEDIA_URL}uploads/served.txt"></p>')

    response = client.get("/media/uploads/served.txt")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "法院专刊"


def test_a_missing_upload_is_a_404(client, editor):
    assert client.get("/media/uploads/nothing-here.jpg").status_code == 404
    client.force_login(editor)
    assert client.get("/media/uploads/nothing-here.jpg").status_code == 404
