"""Editors keep the points scheme (add a version, correct one); nobody else changes it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_pointsscheme", "add_pointsscheme", "change_pointsscheme"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="stats", codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0002_default_points_scheme"),
        ("accounts", "0002_city_reviewers"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
