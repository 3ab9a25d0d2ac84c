"""The admin site's header and titles: msgids, translated like every other string."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_the_admin_names_itself_in_the_active_language(editor_client):
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert "Court Special Edition newsroom" in page
    assert "<title>Editorial desk | Court Special Edition</title>" in page
    with translation.override("zh-hans"):
        assert str(admin.site.site_title) == "法院专刊"
