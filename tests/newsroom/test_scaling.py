"""
Past one machine: the settings switch to Redis and to S3-compatible storage when configured,
sessions live in the database, and production static files are fingerprinted and compressed.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SHOW = """
import json
from django.conf import settings
from django.core.files.storage import storages
from django.core.cache import caches
print(json.dumps({
    "caches": {alias: conf["BACKEND"] for alias, conf in settings.CACHES.items()},
    "locations": {alias: conf.get("LOCATION") for alias, conf in settings.CACHES.items()},
    "options": {alias: conf.get("OPTIONS", {}) for alias, conf in settings.CACHES.items()},
    "generation": settings.CONTENT_GENERATION_CACHE,
    "media": settings.STORAGES["default"],
    "media_class": type(storages["default"]).__module__ + "." + type(storages["default"]).__name__,
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "sessions": settings.SESSION_ENGINE,
    "serve_media": settings.SERVE_MEDIA,
}))
"""


def project_env(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_", "AWS_")) and key != "DATABASE_URL"
    }
    environment.update(env)
    return environment


def settings_with(**env):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SHOW],
        cwd=ROOT,
        env=project_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_by_default_one_machine_local_memory_and_disk():
    shown = settings_with()
    assert shown["caches"]["default"] == "django.core.cache.backends.locmem.LocMemCache"
    # Every gunicorn worker of the machine sees the same content generation.
    assert shown["generation"] == "shared"
    assert shown["caches"]["shared"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert shown["media_class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    # Sessions in the database: any web process can read any sign-in.
    assert shown["sessions"] == "django.contrib.sessions.backends.db"
    # Uploads on disk are served by Django, which checks they belong to public content.
    assert shown["serve_media"] is True


def test_redis_url_puts_pages_and_generation_in_redis():
    shown = settings_with(REDIS_URL="redis://127.0.0.1:6379/3")
    assert shown["caches"] == {
        "default": "newsroom.cache.ResilientRedisCache",
        # Article cards stay in each process's memory: their keys hold the shared generation.
        "fragments": "django.core.cache.backends.locmem.LocMemCache",
    }
    assert shown["locations"]["default"] == "redis://127.0.0.1:6379/3"
    assert shown["generation"] == "default"
    # A Redis that stops answering costs a request a second at most (redis-py waits five).
    assert shown["options"]["default"] == {"socket_connect_timeout": 1, "socket_timeout": 1}


def test_an_s3_bucket_puts_uploads_in_object_storage():
    shown = settings_with(
        DJANGO_S3_BUCKET="newsroom-media",
        DJANGO_S3_ENDPOINT_URL="https://s3.example.cn",
        DJANGO_S3_ACCESS_KEY_ID="key",
        DJANGO_S3_SECRET_ACCESS_KEY="secret",
    )
    assert shown["media"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert shown["media_class"] == "storages.backends.s3.S3Storage"
    options = shown["media"]["OPTIONS"]
    assert options["bucket_name"] == "newsroom-media"
    assert options["endpoint_url"] == "https://s3.example.cn"
    # A private bucket: every address is signed and expires (a withdrawn photo's too).
    assert options["querystring_auth"] is True and options["default_acl"] == "private"
    assert 0 < options["querystring_expire"] <= 24 * 60 * 60
    # Django does not serve uploads that live in the bucket.
    assert shown["serve_media"] is False


def test_a_cdn_domain_before_a_private_bucket_must_sign():
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SHOW],
        cwd=ROOT,
        env=project_env(DJANGO_S3_BUCKET="newsroom-media", DJANGO_S3_CUSTOM_DOMAIN="media.cn"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_S3_CLOUDFRONT_KEY_ID" in result.stderr and "Traceback" not in result.stderr


def test_the_redis_cache_works_when_a_server_is_there():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    script = (
        "from newsroom import generation;"
        "a = generation.content_generation(); generation.bump_content_generation();"
        "b = generation.content_generation(); print(a != b and b == generation.content_generation())"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=project_env(REDIS_URL="redis://127.0.0.1:6379/15"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"


def test_production_static_files_are_fingerprinted_and_compressed(tmp_path):
    shown = settings_with(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="example.cn"
    )
    assert shown["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    script = (
        "from django.conf import settings; from django.core.management import call_command;"
        f"settings.STATIC_ROOT = {str(tmp_path)!r};"
        "call_command('collectstatic', interactive=False, verbosity=0,"
        " ignore_patterns=['django_ckeditor_5', 'admin', 'reversion-compare']);"
        "from django.templatetags.static import static; print(static('css/site.css'))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=project_env(
            DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="example.cn"
        ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    url = result.stdout.strip().splitlines()[-1]
    # A content hash in the name, so the file can be cached for ever.
    assert (
        url.startswith("/static/css/site.")
        and url.endswith(".css")
        and url != ("/static/css/site.css")
    )
    hashed = tmp_path / url.removeprefix("/static/")
    assert hashed.exists()
    assert Path(f"{hashed}.gz").exists() and Path(f"{hashed}.br").exists()
