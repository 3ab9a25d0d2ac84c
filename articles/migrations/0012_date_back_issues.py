"""Back issues dated by their print date, once, with a version for each change (the
date_back_issues command; see articles/dating.py)."""

from django.core.management import call_command
from django.db import migrations


def forwards(apps, schema_editor):
    Issue = apps.get_model("articles", "Issue")
    # The command works with the current models (versions need them): only run where there is
    # something published to look at, never on a fresh database.
    if Issue.objects.filter(status="published").exists():
        call_command("date_back_issues", verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_bodies_as_editor_writes")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
