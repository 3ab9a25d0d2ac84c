"""Create the three roles as groups, with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen here as they stood when the roles were created; a later change is a new migration.
EDITORIAL_MODELS = ["issue", "article", "contributor", "credit", "photo", "pagearea"]
CRUD = ["add", "change", "delete", "view"]

ROLES = {
    "Administrators": [
        ("auth", "user", ["add", "change", "view"]),
        ("auth", "group", ["view"]),
        ("articles", "contributor", ["view"]),
        ("courts", "court", ["view"]),
        ("axes", "accessattempt", ["view", "delete"]),
        ("axes", "accessfailurelog", ["view"]),
    ],
    "Editors": [
        *[("articles", model, CRUD) for model in EDITORIAL_MODELS],
        ("articles", "article", ["publish"]),
        ("articles", "issue", ["publish"]),
        ("courts", "court", CRUD),
    ],
    "Correspondents": [
        # Only their own articles, only while unpublished: the admin and the workflow narrow it.
        ("articles", "article", ["add", "change", "view"]),
        ("articles", "photo", CRUD),
        # To pick courts in the article form; the court pages themselves stay hidden.
        ("courts", "court", ["view"]),
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations have run; these need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, actions in grants:
            codenames = [f"{action}_{model}" for action in actions]
            permissions = Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
            missing = set(codenames) - set(permissions.values_list("codename", flat=True))
            if missing:
                raise RuntimeError(f"Missing permissions for {name}: {sorted(missing)}")
            group.permissions.add(*permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0002_workflow"),
        ("courts", "0002_load_courts"),
        ("axes", "0008_accessfailurelog"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
