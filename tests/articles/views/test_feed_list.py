"""The feeds page: what a feed is, and every feed's address to copy."""

import pytest
from django.urls import reverse

from courts.models import Court
from tests.factories import CourtFactory

pytestmark = pytest.mark.django_db


def test_the_footer_links_to_the_feeds_page_not_to_raw_xml(client):
    html = client.get(reverse("home")).content.decode()
    footer = html[html.index('class="site-footer"') :]
    assert f'href="{reverse("articles:feeds")}"' in footer
    assert f'href="{reverse("articles:feed")}"' not in footer


def test_lists_the_feed_of_all_articles_and_of_each_city_court(client):
    hidden = CourtFactory(
        level=Court.Level.INTERMEDIATE,
        parent=Court.objects.get(slug="inner-mongolia-high"),
        needs_review=True,
        slug="unconfirmed",
    )
    response = client.get(reverse("articles:feeds"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="http://testserver/articles/feed/"' in html
    cities = Court.objects.published().cities()
    assert cities.count() == 12
    for court in cities:
        address = f"http://testserver{reverse('courts:feed', args=[court.slug])}"
        assert f'value="{address}"' in html
        assert court.display_name in html
        # each address works
        assert client.get(address).status_code == 200
    assert hidden.slug not in html
    # no XSLT, no inline script: a plain page that explains what a feed is
    assert "xml-stylesheet" not in html and "<script>" not in html


def test_lists_the_corrections_feed_too(client):
    html = client.get(reverse("articles:feeds")).content.decode()
    address = f"http://testserver{reverse('corrections:feed')}"
    assert f'<input id="feed-corrections" type="url" value="{address}"' in html
    assert "Court Special Edition: corrections" in html
    assert client.get(address).status_code == 200
