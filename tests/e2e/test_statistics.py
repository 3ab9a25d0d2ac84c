"""
Statistics and rosters in a browser: an editor reads the 2026 statistics of the issue's worked
example at desktop size (charts and tables, axe clean); an administrator uploads a roster with
good and bad rows, reads the preview's messages, confirms, and gets a set-password link each.
"""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from courts.models import Court
from tests.e2e.test_editor import person, sign_in, sign_out
from tests.stats.conftest import basic_court, example  # noqa: F401 - the worked example

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROSTER = (
    "姓名,法院,角色,邮箱\n"
    "其其格,鄂托克旗法院,通讯员,qiqige@example.cn\n"
    "王磊,鄂尔多斯中院,审稿,\n"
    ",鄂托克旗法院,通讯员,\n"
    "赵强,不存在的法院,通讯员,\n"
    "其其格,鄂托克旗法院,通讯员,\n"
)


def read_statistics(tab):
    page = tab.page
    tab.goto("/admin/statistics/?period=year&year=2026")
    expect(page.locator(".stats-table").first).to_contain_text("鄂托克前旗法院")
    expect(page.locator("svg.stats-chart").first).to_be_visible()
    row = page.locator("tr.stats-city", has_text="鄂尔多斯市")
    expect(row).to_contain_text("30")
    tab.check_page("statistics")
    page.locator("#id_period").select_option("quarter")
    page.locator("#id_quarter").select_option("2")
    page.locator(".stats-period [type=submit]").click()
    expect(page.locator("tr.stats-court", has_text="固阳县法院")).to_be_visible()
    expect(page.locator("tr.stats-court", has_text="鄂托克前旗法院")).to_have_count(0)
    tab.assert_clean()
    sign_out(tab)


def read_on_a_phone(tab):
    page = tab.page
    tab.goto("/admin/statistics/?period=range&start=2026-01-01&end=2026-06-30")
    expect(page.locator("tr.stats-city", has_text="包头市")).to_be_visible()
    tab.check_page("statistics")
    # The tables scroll inside their frame; the page itself is no wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1


def load_roster(tab, path):
    page = tab.page
    tab.goto("/admin/statistics/rosters/")
    page.locator("#id_roster").set_input_files(str(path))
    page.locator("input[type=submit][value]").last.click()
    preview = page.locator(".roster-preview")
    expect(preview.locator("tr.roster-good")).to_have_count(2)
    expect(preview.locator("tr.roster-bad")).to_have_count(3)
    expect(preview).to_contain_text("不存在的法院")
    tab.check_page("roster-preview")
    page.locator("input[name=confirm]").click()
    created = page.locator(".roster-created tbody tr")
    expect(created).to_have_count(2)
    expect(created.first.locator("input")).to_have_value(
        __import__("re").compile(r"/set-password/.+/.+/$")
    )
    tab.check_page("roster-created")
    sign_out(tab)


def test_statistics_and_a_roster(example, browser, open_tab, tmp_path):  # noqa: F811
    person("editor", "Editors")
    person("admin", "Administrators")
    basic_court("鄂托克旗人民法院", "鄂托克旗法院", "etuoke", Court.objects.get(slug="ordos"))
    roster = tmp_path / "名单.csv"
    roster.write_bytes(ROSTER.encode("gb18030"))
    tab = open_tab("desktop")
    browser.run(sign_in, tab, "editor")
    browser.run(read_statistics, tab)
    browser.run(sign_in, tab, "admin")
    browser.run(load_roster, tab, roster)
    phone = open_tab("phone")
    browser.run(sign_in, phone, "editor")
    browser.run(read_on_a_phone, phone)
    users = get_user_model().objects
    assert set(
        users.filter(username__in=["qiqige", "wanglei"]).values_list("username", flat=True)
    ) == {"qiqige", "wanglei"}
    assert not users.filter(first_name="赵强").exists()
