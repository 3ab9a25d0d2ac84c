"""The points scheme's versions and who keeps them; the credits' courts of earlier pieces."""

import datetime
import importlib

from django.apps import apps
from django.urls import reverse

from articles.models import Credit, Status
from stats.models import PointsScheme
from tests.factories import ArticleFactory, ContributorFactory, CreditFactory


def test_the_default_scheme_is_there(db):
    scheme = PointsScheme.objects.for_date(datetime.date(2026, 3, 6))
    assert (scheme.printed, scheme.web, scheme.lead_multiplier) == (10, 5, 2)
    assert scheme.points(printed=True, led=True) == 20
    assert scheme.points(printed=False, led=False) == 5


def test_editors_keep_the_scheme_and_reviewers_do_not(client, editor, correspondent):
    add = reverse("admin:stats_pointsscheme_add")
    client.force_login(editor)
    assert client.get(add).status_code == 200
    response = client.post(
        add, {"applies_from": "2027-01-01", "printed": "12", "web": "6", "lead_multiplier": "2.5"}
    )
    assert response.status_code == 302
    assert PointsScheme.objects.for_date(datetime.date(2027, 2, 1)).printed == 12
    client.force_login(correspondent)
    assert client.get(add).status_code == 403
    assert (
        client.post(
            add, {"applies_from": "2028-01-01", "printed": "1", "web": "1", "lead_multiplier": "1"}
        ).status_code
        == 403
    )
    assert not PointsScheme.objects.filter(applies_from="2028-01-01").exists()


def test_the_migration_keeps_the_courts_of_public_pieces_only(db):
    from courts.models import Court

    ordos = Court.objects.get(slug="ordos")
    person = ContributorFactory(court=ordos)
    public = CreditFactory(contributor=person)
    draft = CreditFactory(
        contributor=person,
        article=ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None),
    )
    migration = importlib.import_module("articles.migrations.0010_keep_credited_courts")
    migration.keep_courts(apps, None)
    assert Credit.objects.get(pk=public.pk).court == ordos
    assert Credit.objects.get(pk=draft.pk).court is None


def test_an_editor_marks_the_lead_story_on_the_article(editor_client):
    article = ArticleFactory()
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert 'name="leads_page"' in page.content.decode()
