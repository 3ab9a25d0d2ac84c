"""Pages to import: the ones this project writes (tests/articles/pages/) and the shared samples."""

from pathlib import Path

import pytest

PAGES = Path(__file__).resolve().parent.parent / "pages"


@pytest.fixture
def page_text():
    """The text of one of this project's test pages, by file name."""

    def read(name):
        return (PAGES / name).read_text(encoding="utf-8")

    return read


@pytest.fixture
def sample_page(shared_dir):
    """The path of a shared sample page by its number ("000"); skips when the folder is absent."""
    folder = shared_dir / "sample-pages"

    def find(number):
        if not folder.is_dir():
            pytest.skip(f"the shared sample pages are not beside this checkout ({folder})")
        matches = sorted(folder.glob(f"{number}_*.txt"))
        if not matches:
            pytest.skip(f"sample page {number} is not in {folder}")
        return matches[0]

    return find


def unmark(text):
    """The same page as an extraction without Markdown: no #, no **bold**."""
    lines = []
    for line in text.split("\n"):
        stripped = line.lstrip()
        if stripped.startswith("#"):
            line = stripped.lstrip("#").lstrip()
        lines.append(line.replace("**", ""))
    return "\n".join(lines)
