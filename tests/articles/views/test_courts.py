"""The court directory and a court's page."""

import pytest
from django.urls import reverse

from articles.views.courts import court_tree
from courts.models import Court
from tests.factories import ArticleFactory, CourtFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def etuoke():
    return CourtFactory(
        parent=Court.objects.get(slug="ordos"), name="鄂托克旗人民法院", slug="etuokeqi"
    )


def test_directory_is_a_tree_with_subtree_counts(client, etuoke):
    ordos = Court.objects.get(slug="ordos")
    ArticleFactory(courts=[ordos])
    ArticleFactory(courts=[etuoke])
    ArticleFactory(courts=[ordos, etuoke])  # counted once
    response = client.get(reverse("courts:list"))
    assert response.status_code == 200
    [high] = response.context["tree"]
    assert high.slug == "inner-mongolia-high"
    assert len(high.nodes) == 12
    ordos_node = next(node for node in high.nodes if node.slug == "ordos")
    assert [node.slug for node in ordos_node.nodes] == ["etuokeqi"]
    assert ordos_node.article_count == 3
    assert ordos_node.nodes[0].article_count == 2
    assert high.article_count == 3
    html = response.content.decode()
    assert (
        html.index("内蒙古自治区高级人民法院")
        < html.index("鄂尔多斯市中级人民法院")
        < html.index("鄂托克旗人民法院")
    )


def test_a_court_waiting_for_review_is_not_listed_and_its_courts_move_up(client):
    hidden = CourtFactory(needs_review=True, slug="hidden", name="待审法院")
    below = CourtFactory(parent=hidden, slug="below", name="下级法院")
    tree = court_tree(Court.objects.published().order_by("path"))
    ordos = next(node for node in tree[0].nodes if node.slug == "ordos")
    assert "below" in [node.slug for node in ordos.nodes]
    assert client.get(reverse("courts:detail", args=["hidden"])).status_code == 404
    assert client.get(reverse("courts:detail", args=[below.slug])).status_code == 200


def test_court_page_shows_its_courts_below_and_subtree_articles(client, etuoke):
    ordos = Court.objects.get(slug="ordos")
    own = ArticleFactory(courts=[ordos])
    below = ArticleFactory(courts=[etuoke])
    ArticleFactory(courts=[Court.objects.get(slug="chifeng")])
    response = client.get(reverse("courts:detail", args=["ordos"]))
    assert response.status_code == 200
    assert {a.pk for a in response.context["articles"]} == {own.pk, below.pk}
    assert [c.slug for c in response.context["children"]] == ["etuokeqi"]
    assert response.context["children"][0].article_count == 1
    assert [c.slug for c in response.context["ancestors"]] == ["inner-mongolia-high"]
    html = response.content.decode()
    assert etuoke.get_absolute_url() in html
    basic = client.get(reverse("courts:detail", args=["etuokeqi"]))
    assert [a.pk for a in basic.context["articles"]] == [below.pk]
    assert [c.slug for c in basic.context["ancestors"]] == ["inner-mongolia-high", "ordos"]


def test_court_articles_paginate(client):
    ordos = Court.objects.get(slug="ordos")
    for _ in range(23):
        ArticleFactory(courts=[ordos])
    response = client.get(reverse("courts:detail", args=["ordos"]), {"page": "2"})
    assert len(response.context["articles"]) == 3
    huge = client.get(reverse("courts:detail", args=["ordos"]), {"page": "4000"})
    assert huge.status_code == 200 and huge.context["page_obj"].number == 2
    assert huge.context["page_notice"]


@pytest.mark.parametrize("slug", ["atlantis", "ORDOS", "ordos-"])
def test_unknown_court_is_404(client, slug):
    assert client.get(f"/courts/{slug}/").status_code == 404
