"""Dependencies run one way: corrections knows articles, articles never imports corrections (it
is told, through articles.hooks, in the corrections app's ready())."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


@pytest.mark.parametrize("app", ["articles", "courts"])
def test_lower_apps_do_not_import_corrections(app):
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / app).rglob("*.py")
        if any(name.split(".")[0] == "corrections" for name in imported_modules(path))
    ]
    assert offenders == []


def test_the_hooks_are_registered_once():
    from articles import hooks
    from corrections import public
    from corrections.models import latest_correction, latest_public_correction

    assert hooks.page_extensions.count(public.extend_article_page) == 1
    assert hooks.last_modified_sources.count((latest_correction, latest_public_correction)) == 1
