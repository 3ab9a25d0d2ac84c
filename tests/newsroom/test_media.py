"""Uploads served by Django itself when SERVE_MEDIA is on (the test settings turn it on)."""

from pathlib import Path

from django.conf import settings


def test_an_uploaded_file_is_served_with_debug_off(client):
    assert settings.SERVE_MEDIA and not settings.DEBUG
    folder = Path(settings.MEDIA_ROOT) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "served.txt").write_bytes("法院专刊".encode())

    response = client.get("/media/uploads/served.txt")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "法院专刊"


def test_a_missing_upload_is_a_404(client):
    assert client.get("/media/uploads/nothing-here.jpg").status_code == 404
