"""Credits of articles already published keep their contributor's court of today (the court at
publish time is kept from now on by articles.workflow.apply())."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def keep_courts(apps, schema_editor):
    Credit = apps.get_model("articles", "Credit")
    Contributor = apps.get_model("articles", "Contributor")
    Credit.objects.filter(article__status="published", court__isnull=True).update(
        court=Subquery(Contributor.objects.filter(pk=OuterRef("contributor")).values("court")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_credit_court_and_lead_story")]

    operations = [migrations.RunPython(keep_courts, migrations.RunPython.noop)]
