"""A court in use is never deleted (its article links and contributors would silently go);
it is merged into another court instead, as one version, with the pages and search refreshed."""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Contributor
from courts.merging import CourtInUse
from courts.models import Court
from newsroom.generation import content_generation
from tests.articles.search.test_index import found, fresh, stored
from tests.factories import ArticleFactory, ContributorFactory, CourtFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:courts_court_changelist")


@pytest.fixture
def used():
    court = CourtFactory(name="测试旗人民法院", short_name="测试旗法院", aliases="测试旗院")
    published = ArticleFactory(headline="已发表的新闻", courts=[court])
    person = ContributorFactory(name="李法官", court=court)
    return court, published, person


def test_deleting_a_court_in_use_is_refused_with_a_clear_message(editor_client, used):
    court, published, person = used
    url = reverse("admin:courts_court_delete", args=[court.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    assert "cannot be deleted" in page.text and "Merge" in page.text
    editor_client.post(url, {"post": "yes"})
    assert Court.objects.filter(pk=court.pk).exists()
    assert list(published.courts.all()) == [court]
    person.refresh_from_db()
    assert person.court == court


def test_the_delete_action_refuses_a_court_in_use_too(editor_client, used):
    court, published, _ = used
    unused = CourtFactory()
    data = {"action": "delete_selected", "_selected_action": [court.pk, unused.pk], "post": "yes"}
    page = editor_client.post(CHANGELIST, data)
    assert "cannot be deleted" in page.text
    assert Court.objects.filter(pk__in=[court.pk, unused.pk]).count() == 2
    assert list(published.courts.all()) == [court]


def test_an_unused_court_is_deleted_as_before(editor_client):
    unused = CourtFactory()
    url = reverse("admin:courts_court_delete", args=[unused.pk])
    assert editor_client.post(url, {"post": "yes"}).status_code == 302
    assert not Court.objects.filter(pk=unused.pk).exists()


def test_no_other_way_deletes_a_court_in_use(used):
    court, published, _ = used
    with pytest.raises(CourtInUse), transaction.atomic():
        Court.objects.filter(pk=court.pk).delete()
    assert list(published.courts.all()) == [court]


def test_merging_moves_links_contributors_and_names(editor_client, editor, used):
    court, published, person = used
    target = Court.objects.get(slug="chifeng")
    already = ArticleFactory(headline="两个法院的新闻", courts=[court, target])
    generation = content_generation()
    data = {"action": "merge_into", "_selected_action": [court.pk]}
    form = editor_client.post(CHANGELIST, data)
    assert form.status_code == 200 and "测试旗人民法院" in form.text
    response = editor_client.post(CHANGELIST, {**data, "apply": "1", "target": target.pk})
    assert response.status_code == 302
    assert not Court.objects.filter(pk=court.pk).exists()
    assert list(published.courts.all()) == [target]
    assert list(already.courts.all()) == [target]
    person.refresh_from_db()
    assert person.court == target
    target.refresh_from_db()
    assert {"测试旗人民法院", "测试旗法院", "测试旗院"} <= set(target.alias_list)
    # One version of the merge, by the editor; the merged court can be recovered from it.
    revision = Version.objects.get_for_object(target).latest("pk").revision
    assert revision.user == editor and "测试旗人民法院" in revision.comment
    assert Version.objects.get_deleted(Court).filter(object_id=str(court.pk)).exists()
    # Readers' pages and search follow.
    assert content_generation() != generation
    assert stored(published) == fresh(published)  # reindexed with the court it went into
    assert published.pk in found(target.name)
    assert editor_client.get(target.get_absolute_url()).status_code == 200


def test_a_court_cannot_be_merged_into_itself_or_below_it(editor_client):
    city = Court.objects.get(slug="chifeng")
    below = CourtFactory(parent=city)
    data = {"action": "merge_into", "_selected_action": [city.pk], "apply": "1"}
    response = editor_client.post(CHANGELIST, {**data, "target": below.pk})
    assert response.status_code == 200 and "below it" in response.text
    assert Court.objects.filter(pk=city.pk).exists()


def test_only_those_who_may_delete_courts_may_merge_them(used):
    court, _, _ = used
    correspondent = UserFactory(username="c2", is_staff=True)
    correspondent.groups.add(Group.objects.get(name="Correspondents"))
    client = Client()
    client.force_login(correspondent)
    target = Court.objects.get(slug="chifeng")
    data = {"action": "merge_into", "_selected_action": [court.pk], "apply": "1"}
    client.post(CHANGELIST, {**data, "target": target.pk})
    assert Court.objects.filter(pk=court.pk).exists()
    assert Contributor.objects.get(name="李法官").court == court
