"""The README's layout table matches the tree: every path it names exists, and every package of
the project (and every subpackage of articles) is in it."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def layout_rows():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("\n## Layout\n", 1)[1].split("\n### ", 1)[0]
    return [line for line in table.splitlines() if line.startswith("| `")]


def named_paths():
    paths = set()
    for row in layout_rows():
        first_cell = row.split("|")[1]
        paths |= set(re.findall(r"`([^`]+)`", first_cell))
    return paths


def test_the_table_is_there():
    assert len(layout_rows()) >= 8


@pytest.mark.parametrize("path", sorted(named_paths()))
def test_every_path_in_the_table_exists(path):
    assert (ROOT / path).exists(), path


def project_packages():
    """The installed packages (pyproject's packages.find) and articles' subpackages."""
    top = [
        ROOT / name for name in ("newsroom", "courts", "articles", "accounts", "demo", "privacy")
    ]
    subpackages = [
        child
        for child in (ROOT / "articles").iterdir()
        if (child / "__init__.py").exists() and child.name not in ("migrations", "management")
    ]
    return [f"{path.relative_to(ROOT)}/" for path in top + subpackages]


def test_every_package_is_in_the_table():
    missing = sorted(set(project_packages()) - named_paths())
    assert missing == []


def test_pyproject_and_the_dockerfile_list_every_app():
    pyproject = (ROOT / "pyproject.toml").read_text()
    dockerfile = (ROOT / "Dockerfile").read_text()
    for name in ("newsroom", "courts", "articles", "accounts", "demo"):
        assert f'"{name}*"' in pyproject
        assert f"COPY {name} ./{name}" in dockerfile
