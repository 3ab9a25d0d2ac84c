"""The admin's "view on site" redirect (/admin/r/<content type>/<id>/) answers only for objects
the user may view through their ModelAdmin: it would otherwise spell out a draft's headline (its
address) or an edition's date and page to any staff account."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from articles.models import Article, Contributor, Issue, Status
from courts.models import Court
from tests.factories import ArticleFactory, ContributorFactory, IssueFactory, UserFactory

pytestmark = pytest.mark.django_db


def shortcut(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("admin:view_on_site", args=[content_type.pk, obj.pk])


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def others_draft():
    other = UserFactory(username="other", is_staff=True)
    other.groups.add(Group.objects.get(name="Correspondents"))
    issue = IssueFactory(status=Status.DRAFT, publish_at=None, page_number=7)
    article = ArticleFactory(
        issue=issue, status=Status.DRAFT, publish_at=None, headline="未公开的案件", created_by=other
    )
    return issue, article


def test_a_correspondent_learns_nothing_of_anothers_draft_or_edition(correspondent, others_draft):
    issue, article = others_draft
    client = client_for(correspondent)
    for obj in (article, issue):
        response = client.get(shortcut(obj))
        assert response.status_code == 404, obj
        assert "Location" not in response


def test_a_correspondent_is_sent_to_their_own_draft(correspondent):
    own = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None, created_by=correspondent)
    response = client_for(correspondent).get(shortcut(own))
    assert response.status_code == 302
    assert response["Location"].endswith(own.get_absolute_url())


def test_an_editor_is_sent_to_any_article_and_edition(editor, others_draft):
    issue, article = others_draft
    client = client_for(editor)
    for obj in (article, issue):
        response = client.get(shortcut(obj))
        assert response.status_code == 302
        assert response["Location"].endswith(obj.get_absolute_url())


def test_models_the_user_may_not_view_are_404(correspondent, administrator):
    # Correspondents see courts only in the article form's autocomplete; administrators
    # nothing editorial; a model without an admin (or an unknown type) is nobody's.
    court = Court.objects.get(slug="chifeng")
    assert client_for(correspondent).get(shortcut(court)).status_code == 404
    article = ArticleFactory()
    assert client_for(administrator).get(shortcut(article)).status_code == 404
    group = Group.objects.get(name="Editors")
    assert client_for(administrator).get(shortcut(group)).status_code == 404
    assert client_for(administrator).get("/admin/r/999999/1/").status_code == 404
    assert client_for(administrator).get("/admin/r/x/1/").status_code == 404


def test_a_missing_object_is_the_same_404(editor):
    content_type = ContentType.objects.get_for_model(Article)
    response = client_for(editor).get(reverse("admin:view_on_site", args=[content_type.pk, 99999]))
    assert response.status_code == 404


def test_an_editor_is_sent_to_a_contributor_and_a_court(editor):
    contributor = ContributorFactory(name="肖玥")
    court = Court.objects.get(slug="chifeng")
    client = client_for(editor)
    for obj in (contributor, court):
        response = client.get(shortcut(obj))
        assert response.status_code == 302
        assert response["Location"].endswith(obj.get_absolute_url())


def test_anonymous_is_sent_to_sign_in():
    article = ArticleFactory()
    response = Client().get(shortcut(article))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_site_is_the_newsrooms():
    from django.contrib import admin

    from newsroom.admin import NewsroomAdminSite

    assert isinstance(admin.site, NewsroomAdminSite)
    assert admin.site._registry.get(Issue) and admin.site._registry.get(Contributor)
