"""The import_pages command: batches, bad files, dry runs, the summary and the exit status."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Issue, Status
from courts.models import Court

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(tmp_path):
    from tests.articles.importing.conftest import PAGES as SOURCE

    for name in ("marked.txt", "plain.txt", "byline.txt"):
        (tmp_path / name).write_bytes((SOURCE / name).read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "gbk.txt").write_bytes("法院专刊\n\n标题 一\n\n正文。\n".encode("gbk"))
    (tmp_path / "masthead.txt").write_text("# 法院专刊\n\n2025年06月27日 05版\n", encoding="utf-8")
    (tmp_path / "baddate.txt").write_text(
        "法院专刊\n\n2025年02月30日 05版\n\n标题 一\n\n正文。\n", encoding="utf-8"
    )
    return tmp_path


def run(*args, **options):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_pages", *map(str, args), stdout=out, stderr=err, **options)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_one_page(folder):
    out, err, error = run(folder / "marked.txt")
    assert error is None
    assert Issue.objects.get().date == datetime.date(2024, 3, 22)
    assert Article.objects.filter(status=Status.DRAFT).count() == 3
    assert "2024-03-22 page 07 (new, draft): 3 articles" in out
    assert "Editions: 1 (1 new, 0 updated). Articles: 3 (3 new, 0 updated)." in out
    assert "根河市人民法院 ← 呼伦贝尔市中级人民法院" in out
    assert "New contributors, to be checked (7)" in out
    assert "marked.txt: line 25: “法治护航” was taken as the page's banner" in out
    assert err == ""  # no progress bar for a single file


def test_a_batch_goes_on_past_bad_files_and_fails_at_the_end(folder):
    names = [
        "marked.txt",
        "empty.txt",
        "picture.png",
        "gbk.txt",
        "plain.txt",
        "masthead.txt",
        "baddate.txt",
        "missing.txt",
    ]
    out, err, error = run(*(folder / name for name in names), date="2024-04-05", page="3")
    assert str(error) == "7 of 8 files failed."
    # marked.txt carries its own date... which --date overrides; plain.txt takes the given one
    assert Issue.objects.count() == 1
    reasons = out[out.index("Failed (7)") :]
    assert "empty.txt: The file is empty." in reasons
    assert "picture.png: line 3: This is binary data" in reasons
    assert "gbk.txt: line 1: Not UTF-8 text" in reasons and "GBK" in reasons
    assert "masthead.txt: line 1: No article found" in reasons
    assert "baddate.txt: line 3: Cannot read the date" in reasons
    assert "missing.txt: cannot be read" in reasons
    assert "plain.txt: 2024-04-05 page 03 is the same edition as" in reasons
    assert "8/8" in err  # the progress bar


def test_each_file_its_own_edition(folder):
    out, err, error = run(folder / "marked.txt", folder / "plain.txt", page="3", date="2024-04-05")
    assert error is not None  # both would be 2024-04-05 page 3
    out, err, error = run(folder / "marked.txt", folder / "plain.txt", date="2024-04-05")
    assert str(error) == "1 of 2 files failed."
    assert Issue.objects.filter(date=datetime.date(2024, 4, 5), page_number=7).exists()
    assert "plain.txt: The text does not give the page number" in out


def test_missing_date_names_the_file_and_writes_nothing(folder):
    out, err, error = run(folder / "byline.txt")
    assert str(error) == "1 of 1 file failed."
    assert "byline.txt: The text does not give the edition's date" in out
    assert not Issue.objects.exists()
    assert not Court.objects.filter(needs_review=True).exists()


def test_dry_run_writes_nothing(folder):
    out, err, error = run(
        folder / "marked.txt", folder / "plain.txt", dry_run=True, date="2024-04-05", page=2
    )
    assert error is not None  # the same edition twice, even in a dry run
    out, err, error = run(folder / "marked.txt", dry_run=True)
    assert error is None
    assert "Dry run: nothing was written." in out
    assert "New courts, to be checked (2)" in out
    assert not Issue.objects.exists() and not Court.objects.filter(needs_review=True).exists()


def test_publish_and_reimport(folder):
    run(folder / "marked.txt", publish=True)
    assert Article.objects.published().count() == 3
    out, err, error = run(folder / "marked.txt", verbosity=2)
    assert "2024-03-22 page 07 (updated, published): 3 articles" in out
    assert "  2. 巡回审判进牧区 调解纠纷暖民心" in out
    assert "Articles: 3 (0 new, 3 updated)" in out
    assert Issue.objects.count() == 1 and Article.objects.count() == 3


def test_a_reimport_lists_what_it_kept_and_removed(folder):
    from articles.models import Contributor, Credit, Photo

    run(folder / "marked.txt")
    out, err, error = run(folder / "marked.txt")
    assert "Kept from before" not in out and "Removed, not in the text" not in out
    second = Article.objects.get(position=2)
    Credit.objects.create(
        article=second, contributor=Contributor.objects.create(name="张三"), role="photographer"
    )
    second.courts.add(Court.objects.get(slug="chifeng"))
    Photo.objects.create(article=second, caption="只有图说", position=2)

    out, err, error = run(folder / "marked.txt")

    assert error is None
    assert second.credits.filter(contributor__name="张三").exists()
    assert "Kept from before, not in the text (2):" in out
    assert "marked.txt: 2. 巡回审判进牧区 调解纠纷暖民心: photographer (摄): 张三" in out
    assert "marked.txt: 2. 巡回审判进牧区 调解纠纷暖民心: court: 赤峰市中级人民法院" in out
    assert "Removed, not in the text (1):" in out
    assert "marked.txt: 2. 巡回审判进牧区 调解纠纷暖民心: photo without an image: 只有图说" in out


@pytest.mark.parametrize(
    "option, value", [("--date", "2024-13-01"), ("--page", "0"), ("--page", "x")]
)
def test_bad_options(folder, option, value):
    with pytest.raises(CommandError, match="from 1 to 999|YYYY-MM-DD"):
        call_command("import_pages", str(folder / "marked.txt"), option, value)


def test_quiet(folder):
    out, err, error = run(folder / "marked.txt", folder / "byline.txt", verbosity=0)
    assert (out, err) == ("", "")
    assert str(error) == "1 of 2 files failed."
