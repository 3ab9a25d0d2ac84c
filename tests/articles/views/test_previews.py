"""Staff previews: any state, the public templates, never cached, never indexed."""

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from articles.models import Article, Issue, Status
from tests.factories import ArticleFactory, IssueFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_page():
    issue = IssueFactory(status=Status.DRAFT, publish_at=None)
    first = ArticleFactory(issue=issue, position=1, status=Status.DRAFT, publish_at=None)
    second = ArticleFactory(issue=issue, position=2, status=Status.REVIEW, publish_at=None)
    return issue, first, second


def assert_private(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert 'class="preview-banner"' in html
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    return html


def test_editor_previews_a_draft_article_with_the_public_template(editor_client, draft_page):
    issue, first, second = draft_page
    response = editor_client.get(reverse("articles:preview", args=[first.pk]))
    html = assert_private(response)
    assert "articles/article_detail.html" in [t.name for t in response.templates]
    assert first.headline in html
    # Neighbours on the page are previews too, and the edition link goes to its preview.
    assert response.context["next_article"] == second
    assert reverse("articles:preview", args=[second.pk]) in html
    assert reverse("articles:issue_preview", args=[issue.pk]) in html
    # The canonical address is the public one.
    assert f'rel="canonical" href="http://testserver{first.get_absolute_url()}"' in html


def test_editor_previews_a_draft_edition(editor_client, draft_page):
    issue, first, second = draft_page
    response = editor_client.get(reverse("articles:issue_preview", args=[issue.pk]))
    html = assert_private(response)
    assert "articles/issue_detail.html" in [t.name for t in response.templates]
    assert [a.pk for a in response.context["articles"]] == [first.pk, second.pk]
    assert reverse("articles:preview", args=[first.pk]) in html


def test_anonymous_is_sent_to_the_admin_login(client, draft_page):
    for url in [
        reverse("articles:preview", args=[draft_page[1].pk]),
        reverse("articles:issue_preview", args=[draft_page[0].pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login") + "?next=")


def test_signed_in_users_who_may_not_see_it_get_404(client, draft_page):
    client.force_login(UserFactory(username="reader", is_staff=False))
    assert client.get(reverse("articles:preview", args=[draft_page[1].pk])).status_code == 404
    assert client.get(reverse("articles:issue_preview", args=[draft_page[0].pk])).status_code == 404


def test_correspondent_previews_own_article_only(client, correspondent):
    own = ArticleFactory(status=Status.DRAFT, publish_at=None, created_by=correspondent)
    other = ArticleFactory(status=Status.DRAFT, publish_at=None)
    client.force_login(correspondent)
    assert client.get(reverse("articles:preview", args=[own.pk])).status_code == 200
    assert client.get(reverse("articles:preview", args=[other.pk])).status_code == 404


def test_missing_object_is_404(editor_client):
    assert editor_client.get(reverse("articles:preview", args=[999])).status_code == 404
    assert editor_client.get(reverse("articles:issue_preview", args=[999])).status_code == 404


def test_admin_view_on_site_points_at_the_preview(draft_page):
    issue, article, _ = draft_page
    assert site._registry[Article].get_view_on_site_url(article) == reverse(
        "articles:preview", args=[article.pk]
    )
    assert site._registry[Issue].get_view_on_site_url(issue) == reverse(
        "articles:issue_preview", args=[issue.pk]
    )


def test_public_pages_never_say_preview(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "preview-banner" not in html
    assert 'content="noindex"' not in html
