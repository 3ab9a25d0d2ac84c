"""Courts in the admin: versions of a court never leave the tree inconsistent."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from courts.models import Court
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def court_form(court, **changes):
    data = {
        "name": court.name,
        "short_name": court.short_name,
        "slug": court.slug,
        "level": court.level,
        "parent": court.parent_id or "",
        "region": court.region,
        "aliases": court.aliases,
        "position": court.position,
    }
    return {**data, **changes}


def test_restoring_a_moved_court_brings_the_courts_below_it_back_too(editor_client):
    """The path (the court's place in the tree) follows the parent; a version's stored path is
    not written back: restoring a court's earlier parent moves its whole subtree again."""
    ordos, hohhot = Court.objects.get(slug="ordos"), Court.objects.get(slug="hohhot")
    add = reverse("admin:courts_court_add")
    middle = {"name": "中间法院", "slug": "middle", "level": "special", "region": "", "aliases": ""}
    assert editor_client.post(add, {**middle, "parent": ordos.pk, "position": 0}).status_code == 302
    middle = Court.objects.get(slug="middle")
    below = {"name": "下级法院", "slug": "below", "level": "basic", "region": "", "aliases": ""}
    assert editor_client.post(add, {**below, "parent": middle.pk, "position": 0}).status_code == 302
    below = Court.objects.get(slug="below")
    ArticleFactory(headline="下级法院的新闻", courts=[below])
    change = reverse("admin:courts_court_change", args=[middle.pk])
    assert editor_client.post(change, court_form(middle, parent=hohhot.pk)).status_code == 302
    first = Version.objects.get_for_object(middle).order_by("pk").first()
    restore = reverse("admin:courts_court_revision", args=[middle.pk, first.pk])
    assert editor_client.get(restore).status_code == 200
    middle.refresh_from_db()
    assert editor_client.post(restore, court_form(middle, parent=ordos.pk)).status_code == 302
    middle.refresh_from_db()
    below.refresh_from_db()
    assert middle.parent == ordos and middle.path.startswith(ordos.path)
    assert below.path.startswith(middle.path)
    assert Court.objects.filter(path__startswith=ordos.path, pk=below.pk).exists()
    assert not Court.objects.filter(path__startswith=hohhot.path, pk=below.pk).exists()
    assert "下级法院的新闻" in Client().get(middle.get_absolute_url()).content.decode()
