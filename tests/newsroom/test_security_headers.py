"""Security headers on every page, a deployment check without warnings, templates that a strict
Content-Security-Policy can serve."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import ArticleFactory
from tests.newsroom.processes import clean_environment

ROOT = Path(__file__).resolve().parents[2]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: set(values)
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/articles/", "/issues/", "/courts/", "/search/?q=法院"])
def test_public_pages_carry_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    csp = directives(response)
    assert csp["default-src"] == {"'self'"}
    assert csp["script-src"] == {"'self'"}  # no inline script, no eval
    assert csp["style-src-elem"] == {"'self'"}
    assert csp["img-src"] == {"'self'"}
    assert csp["object-src"] == {"'none'"}
    assert csp["frame-ancestors"] == {"'none'"}
    assert csp["base-uri"] == {"'none'"}
    assert csp["form-action"] == {"'self'"}


@pytest.mark.django_db
def test_an_article_page_keeps_the_strict_policy(client):
    article = ArticleFactory()
    csp = directives(client.get(article.get_absolute_url()))
    assert csp["script-src"] == {"'self'"}
    assert "data:" not in csp["img-src"]


def test_the_admin_adds_only_what_its_editor_needs(editor_client):
    response = editor_client.get(reverse("admin:articles_article_add"))
    assert response.status_code == 200
    csp = directives(response)
    assert csp["script-src"] == {"'self'"}
    assert csp["img-src"] == {"'self'", "data:"}
    assert csp["style-src-elem"] == {"'self'"}
    assert csp["frame-ancestors"] == {"'none'"}
    assert response["X-Frame-Options"] == "DENY"


def test_the_admin_sign_in_page_has_the_policy_too(client, db):
    assert "frame-ancestors 'none'" in client.get(reverse("admin:login"))["Content-Security-Policy"]


# A strict script-src runs no script written into the page: every template must do without.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src=|type=\"application/(?:ld\+)?json\"))[^>]*>")
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def template_files():
    return sorted((ROOT / "templates").rglob("*.html"))


def test_there_are_templates_to_check():
    assert len(template_files()) > 20


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_inline_script(path):
    text = path.read_text()
    assert not INLINE_SCRIPT.search(text)
    assert not EVENT_HANDLER.search(text)
    assert not JAVASCRIPT_URL.search(text)


def test_the_patterns_catch_what_they_should():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/js/reader.js" defer></script>')
    assert not INLINE_SCRIPT.search('<script type="application/ld+json">{}</script>')
    assert EVENT_HANDLER.search('<img src="x" onerror="alert(1)">')
    assert JAVASCRIPT_URL.search('<a href="javascript:void(0)">')


def test_production_settings_pass_the_deployment_check():
    """`manage.py check --deploy` in production mode: not one warning (CI runs it too)."""
    environment = clean_environment(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a-long-random-value-only-for-this-check-" + "k" * 30,
        DJANGO_ALLOWED_HOSTS="fyzk.example.cn",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_is_https_only():
    """What check --deploy looks at, as production reads it (the tests run with DEBUG's
    defaults): read back from a fresh interpreter."""
    environment = clean_environment(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="fyzk.example.cn",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    names = [
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
    ]
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps([getattr(settings, n) for n in {names!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == [True, 31536000, True, True, ["HTTP_X_FORWARDED_PROTO", "https"]]
    assert settings.SECURE_CONTENT_TYPE_NOSNIFF


@pytest.mark.django_db
def test_uploads_on_another_host_may_be_shown(client, settings):
    """Object storage or a CDN for the uploads: the pages may show images from there, and only
    from there."""
    settings.MEDIA_URL = "https://media.fyzk.example.cn/uploads/"
    csp = directives(client.get("/"))
    assert csp["img-src"] == {"'self'", "https://media.fyzk.example.cn"}
    assert csp["script-src"] == {"'self'"}
    settings.MEDIA_URL = "/media/"
    assert directives(client.get("/articles/"))["img-src"] == {"'self'"}
