"""Rosters: many sign-ins at once, previewed, confirmed, all or nothing."""

import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Contributor
from tests.factories import ContributorFactory, CourtFactory, UserFactory

URL = reverse("stats:roster")
ROSTER = "姓名,法院,角色,邮箱\n乌日娜,鄂托克前旗法院,通讯员,wurina@example.com\n张伟,鄂尔多斯中院,审稿,\n张伟,包头中院,通讯员,\n,鄂托克前旗法院,通讯员,\n李明,不存在法院,通讯员,\n乌日娜,鄂托克前旗法院,通讯员,\n"


@pytest.fixture
def courts(db):
    return CourtFactory(name="鄂托克前旗人民法院", short_name="鄂托克前旗法院", slug="qianqi")


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def preview(client, text, name="roster.csv", encoding="utf-8"):
    upload = SimpleUploadedFile(name, text.encode(encoding) if isinstance(text, str) else text)
    return client.post(URL, {"roster": upload})


def messages_by_row(response):
    return {row["number"]: row["errors"] for row in response.context["rows"]}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_preview_says_what_is_wrong_and_writes_nothing(courts, admin_client, encoding):
    UserFactory(username="zhangwei")
    users = get_user_model().objects.count()
    response = preview(admin_client, ROSTER, encoding=encoding)
    errors = messages_by_row(response)
    assert errors[2] == [] and errors[3] == [] and errors[4] == []
    assert errors[5] == ["The name is missing."]
    assert errors[6] == ["Unknown court “不存在法院”."]
    assert errors[7] == ["A duplicate of an earlier row."]
    names = [row["username"] for row in response.context["rows"] if not row["errors"]]
    assert names == ["wurina", "zhangwei2", "zhangwei3"]
    assert get_user_model().objects.count() == users


def test_confirming_creates_the_good_rows_with_links(courts, admin_client):
    twin = ContributorFactory(name="乌日娜", court=courts)
    response = preview(admin_client, ROSTER)
    signed = response.context["signed"]
    response = admin_client.post(URL, {"rows": signed, "confirm": "1"})
    created = response.context["created"]
    assert [user.username for _row, user, _link in created] == ["wurina", "zhangwei", "zhangwei2"]
    wurina = get_user_model().objects.get(username="wurina")
    assert wurina.contributor == twin  # the credited contributor keeps their articles
    assert wurina.groups.get().name == "Correspondents" and not wurina.has_usable_password()
    reviewer = get_user_model().objects.get(username="zhangwei")
    assert reviewer.groups.get().name == "City reviewers"
    assert all(re.search(r"/set-password/[^/]+/[^/]+/$", link) for *_r, link in created)
    assert not Contributor.objects.filter(name="李明").exists()


def test_all_or_nothing(courts, admin_client):
    response = preview(admin_client, ROSTER)
    UserFactory(username="zhangwei2")  # taken between the preview and the confirmation
    users = get_user_model().objects.count()
    response = admin_client.post(URL, {"rows": response.context["signed"], "confirm": "1"})
    assert "created" not in response.context
    assert get_user_model().objects.count() == users


def test_a_forged_preview_is_refused(courts, admin_client):
    response = preview(admin_client, ROSTER)
    from django.core.signing import Signer

    rows = response.context["rows"]
    rows[0]["username"] = "root"
    forged = Signer(salt="other").sign_object(rows)
    admin_client.post(URL, {"rows": forged, "confirm": "1"})
    assert not get_user_model().objects.filter(username__in=["root", "wurina"]).exists()


def test_a_workbook_roster(courts, admin_client):
    workbook = openpyxl.Workbook()
    for row in [
        ["name", "court", "role", "email"],
        ["巴特尔", "鄂托克前旗法院", "correspondent", ""],
    ]:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    response = preview(admin_client, out.getvalue(), name="roster.xlsx")
    assert [(r["username"], r["errors"]) for r in response.context["rows"]] == [("bateer", [])]


def test_a_file_that_is_no_roster_gets_a_message(courts, admin_client):
    response = preview(admin_client, b"PK\x03\x04 broken", name="roster.xlsx")
    assert response.context["form"].errors["roster"]


def test_only_administrators_load_rosters(courts, client, editor):
    client.force_login(editor)
    assert client.get(URL).status_code == 403
    upload = SimpleUploadedFile("roster.csv", ROSTER.encode())
    assert client.post(URL, {"roster": upload}).status_code == 403
    assert client.post(URL, {"rows": "x", "confirm": "1"}).status_code == 403


def test_the_persons_name_is_labelled_as_a_name_in_chinese(courts, admin_client, administrator):
    """姓名, not 个人 (the kind of contributor) or 名称 (a court's or an organisation's)."""
    from django.utils import translation

    with translation.override("zh-hans"):
        preview_page = preview(admin_client, ROSTER).text
        add_page = admin_client.get(reverse("admin:auth_user_add")).text
        change_page = admin_client.get(
            reverse("admin:auth_user_change", args=[administrator.pk])
        ).text
    table = preview_page.split('class="stats-table roster-preview"')[1]
    headers = re.findall(r'<th scope="col">([^<]*)</th>', table)
    assert headers[:3] == ["行", "姓名", "法院"]
    assert re.search(r'<label[^>]* for="id_name">姓名[：:]</label>', add_page)
    assert re.search(r'<label[^>]* for="id_first_name">姓名[：:]</label>', change_page)
