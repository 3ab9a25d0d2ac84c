"""The interface is Chinese first: every msgid in the code is translated in the zh_Hans catalogue,
and the compiled catalogue (committed, so that running the site needs no GNU gettext) is the one
the .po file says. New strings fail here until `make messages` has been run and they are
translated."""

import gettext
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.forms import modelform_factory
from django.utils import translation

from articles.models import Article, Credit
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, ContributorFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

# printf placeholders (%(name)s, %s, %02d) and str.format ones ({name})
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXe]|\{[^{}]*\}")


def entries():
    return [entry for entry in polib.pofile(str(PO)) if not entry.obsolete]


def key(entry):
    return (entry.msgctxt, entry.msgid)


def test_every_entry_is_translated():
    untranslated = [e.msgid for e in entries() if not e.translated()]
    fuzzy = [e.msgid for e in entries() if "fuzzy" in e.flags]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy


def test_header_declares_one_plural_form():
    catalogue = polib.pofile(str(PO))
    assert not catalogue.metadata_is_fuzzy
    assert catalogue.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"


def test_translations_keep_the_placeholders():
    wrong = []
    for entry in entries():
        if not {"python-format", "python-brace-format"} & set(entry.flags):
            continue
        wanted = sorted(set(PLACEHOLDER.findall(entry.msgid)))
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        wrong += [(entry.msgid, t) for t in texts if sorted(set(PLACEHOLDER.findall(t))) != wanted]
    assert not wrong, wrong


def test_compiled_catalogue_matches_the_po_file():
    with MO.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    expected = {}
    for entry in entries():
        msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            for index, text in entry.msgstr_plural.items():
                expected[(msgid, int(index))] = text
        else:
            expected[msgid] = entry.msgstr
    catalog = {k: v for k, v in compiled._catalog.items() if k != ""}  # "" is the header
    stale = {k for k in expected.keys() | catalog.keys() if expected.get(k) != catalog.get(k)}
    assert not stale, f"run `make messages` to compile the catalogue again: {sorted(stale)[:20]}"


def test_the_site_speaks_chinese_with_the_committed_catalogue():
    with translation.override("zh-hans"):
        assert translation.gettext("Court Special Edition") == "法院专刊"
        assert translation.pgettext("calendar", "Mon") == "一"
        for n in (1, 2, 7):
            text = translation.ngettext("%(counter)s article", "%(counter)s articles", n)
            assert text % {"counter": n} == f"{n} 篇"


def test_the_history_names_changed_fields_in_chinese(db, chinese):
    """Django stores a changed field by its capitalised form label ("Summary"), which no
    catalogue has; the site's version admins store the verbose name, the msgid."""
    article = ArticleFactory(summary="旧摘要")
    form = modelform_factory(Article, fields=["summary", "dateline"])(
        {"summary": "新摘要", "dateline": article.dateline}, instance=article
    )
    assert form.is_valid(), form.errors
    message = admin.site._registry[Article].construct_change_message(None, form, [], False)
    assert LogEntry(change_message=json.dumps(message)).get_change_message() == "已修改摘要。"


def test_the_history_names_an_added_credit_in_chinese(db, chinese, editor_client):
    """An inline object's name (a credit: its role and person) is stored as the site shows it:
    Django stores it untranslated, and a stored name cannot be translated when shown."""
    article = ArticleFactory(issue=None)
    person = ContributorFactory(name="张丽")
    data = article_form_data(article)
    data.update(
        {
            "credits-TOTAL_FORMS": 1,
            "credits-0-contributor": person.pk,
            "credits-0-role": "photographer",
            "credits-0-position": 0,
        }
    )
    url = f"/admin/articles/article/{article.pk}/change/"
    assert editor_client.post(url, data).status_code == 302
    entry = LogEntry.objects.filter(object_id=str(article.pk)).latest("pk")
    with translation.override("zh-hans"):
        role = str(Credit.Role.PHOTOGRAPHER.label)
    assert f"{role}: 张丽" in entry.get_change_message()
    assert "photographer (摄)" not in entry.change_message


def test_the_accounts_history_names_changed_fields_in_chinese(chinese, client, administrator):
    """On an account's page, the active box's change is stored by its verbose name ("active")."""
    other = UserFactory(username="other", is_staff=True)
    client.force_login(administrator)
    data = {
        "username": "other",
        "first_name": other.first_name,  # a name is required
        "last_name": "",
        "email": "",
        "groups": [],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "00:00:00",
    }  # "is_active" unticked
    assert client.post(f"/admin/auth/user/{other.pk}/change/", data).status_code == 302
    entry = LogEntry.objects.filter(object_id=str(other.pk)).latest("pk")
    message = entry.get_change_message()
    assert message == "已修改启用。"


def test_the_accounts_pages_name_roles_in_chinese(chinese, client, administrator, editor):
    client.force_login(administrator)
    listing = client.get("/admin/auth/user/").content.decode()
    form = client.get(f"/admin/auth/user/{editor.pk}/change/").content.decode()
    assert '<td class="field-roles">编辑</td>' in listing
    assert "编辑</a>" in listing  # the role filter
    assert "管理员</label>" in form and "通讯员</label>" in form
    for page in (listing, form):
        assert "Editors" not in page and "Administrators" not in page


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogue_covers_every_msgid_in_the_code(tmp_path):
    """makemessages on a copy of the code finds nothing the committed catalogue lacks."""
    copy = tmp_path / "src"
    copy.mkdir()
    # The code that holds msgids: the project's packages, the templates, manage.py and the
    # catalogue itself (makemessages merges into it). Not tests, .venv, media, .git.
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for path in ROOT.iterdir():
        if path.is_dir() and (path / "__init__.py").exists() and path.name != "tests":
            shutil.copytree(path, copy / path.name, ignore=ignore)
    for name in ("templates", "locale"):
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    shutil.copy2(ROOT / "manage.py", copy / "manage.py")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {"DJANGO_SETTINGS_MODULE": "newsroom.settings", "PYTHONPATH": str(copy)}
    # As `make messages` does.
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete"]
        + ["-e", "html,txt,py", "--add-location", "file"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = {key(e) for e in polib.pofile(str(copy / PO.relative_to(ROOT))) if not e.obsolete}
    committed = {key(e) for e in entries() if e.translated() and "fuzzy" not in e.flags}
    missing = sorted(fresh - committed, key=lambda k: (k[0] or "", k[1]))
    assert not missing, f"msgids not in the catalogue (run `make messages`): {missing}"
