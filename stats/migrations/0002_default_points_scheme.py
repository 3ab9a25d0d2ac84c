"""The points scheme every database starts with: printed 10, web only 5, the lead story ×2."""

import datetime

from django.db import migrations


def default_scheme(apps, schema_editor):
    PointsScheme = apps.get_model("stats", "PointsScheme")
    PointsScheme.objects.get_or_create(
        applies_from=datetime.date(2000, 1, 1),
        defaults={"printed": 10, "web": 5, "lead_multiplier": 2},
    )


class Migration(migrations.Migration):
    dependencies = [("stats", "0001_points_scheme")]

    operations = [migrations.RunPython(default_scheme, migrations.RunPython.noop)]
