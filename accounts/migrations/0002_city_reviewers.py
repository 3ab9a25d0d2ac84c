"""The city reviewers' role (中院审稿): a city court's reviewers see what the courts of their city
submit, send it back or forward it to the editors. The articles' workflow reads the permission
``review_for_city``, never the group's name; the city is the reviewer's court."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "City reviewers"
GRANTS = [("articles", ["view_article", "review_for_city"])]


def create_role(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codenames in GRANTS:
        permissions = Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Missing permissions for {GROUP}: {sorted(missing)}")
        group.permissions.add(*permissions)


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_roles"),
        ("articles", "0008_city_review"),
    ]

    operations = [migrations.RunPython(create_role, remove_role)]
