"""
What the project offers from the outside: its management commands, URL names and setting names.
A change of layout must keep every one of them; tests/layout/test_inventory.py compares this
inventory with the one recorded before the layout changed (tests/layout/inventory.txt).

Rewrite the recorded list (only when a command, URL or setting is meant to go or come):
    .venv/bin/python -m tests.layout.inventory > tests/layout/inventory.txt
"""

import os


def url_names(patterns=None, namespace=""):
    from django.urls import URLPattern, URLResolver, get_resolver

    if patterns is None:
        patterns = get_resolver().url_patterns
    names = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def inventory():
    """Sorted lines such as "command generate_demo", "url courts:detail", "setting CACHES"."""
    from django.conf import settings
    from django.core.management import get_commands

    project_apps = {"newsroom", "articles", "courts", "accounts", "demo"}
    commands = {name for name, app in get_commands().items() if app.split(".")[0] in project_apps}
    # The settings the project sets (Django's defaults are Django's business).
    settings_names = {
        name for name in dir(settings._wrapped) if name.isupper() and settings.is_overridden(name)
    }
    return sorted(
        [f"command {name}" for name in commands]
        + [f"url {name}" for name in url_names()]
        + [f"setting {name}" for name in settings_names]
    )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    print("\n".join(inventory()))
