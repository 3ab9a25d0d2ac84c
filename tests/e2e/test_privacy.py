"""
Personal information, as a new editor meets it in a browser: a correspondent's draft with a
party's phone number and a child's full name shows both findings when it is submitted; the editor
cannot publish it; one click turns 王小明 into 王某 everywhere in the piece; the phone number is
overridden with a reason; then it publishes.
"""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, Status
from courts.models import Court
from privacy.models import Override
from tests.e2e.browsing import assert_fits_the_screen
from tests.e2e.test_editor import choose, person, sign_in, sign_out
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEADLINE = "一起交通事故引发的赔偿纠纷"
BODY = "年仅10岁的王小明在放学途中被撞伤，原告的手机号码为13904715678。"
MORE = "经法官调解，小明的家人与肇事方达成赔偿协议。"


def draft_and_submit(tab, court_name):
    page = tab.page
    tab.goto("/admin/articles/article/add/")
    page.locator("#id_headline").fill(HEADLINE)
    editable = page.locator(".field-body .ck-editor .ck-editor__editable")
    editable.click()
    page.keyboard.type(BODY)
    page.keyboard.press("Enter")
    page.keyboard.type(MORE)
    choose(tab, page.locator(".field-courts"), court_name[:2], court_name)
    page.locator("button[name=_transition][value=submit]").click()
    warning = page.locator(".messagelist .warning")
    expect(warning).to_contain_text("13904715678")
    expect(warning).to_contain_text("王小明")
    tab.screenshot("privacy-correspondent-submitted")
    # The submitted article, read only for its author now: the findings in place.
    page.locator("#result_list a", has_text=HEADLINE).click()
    panel = page.locator("#privacy-findings")
    expect(panel.locator("mark.privacy-must_fix", has_text="王小明").first).to_be_visible()
    expect(panel.locator("mark.privacy-must_fix", has_text="13904715678").first).to_be_visible()
    tab.screenshot("privacy-correspondent-findings")
    tab.assert_clean()
    sign_out(tab)


def try_to_publish(tab, pk):
    page = tab.page
    tab.goto(f"/admin/articles/article/{pk}/change/")
    page.locator("button[name=_transition][value=publish]").click()
    expect(page.locator(".messagelist .error")).to_contain_text("13904715678")
    tab.screenshot("privacy-publish-refused")
    tab.assert_clean()


def apply_the_mou_rule(tab):
    page = tab.page
    panel = page.locator("#privacy-findings")
    panel.get_by_role("button", name=re.compile("王某")).click()
    expect(page.locator(".messagelist .success")).to_contain_text("王小明 → 王某")
    body = page.locator(".field-body .ck-editor__editable")
    expect(body).to_contain_text("年仅10岁的王某在放学途中")
    expect(body).to_contain_text("王某的家人")
    expect(panel).not_to_contain_text("王小明")
    tab.screenshot("privacy-mou-rule-applied")
    tab.assert_clean()


def override_and_publish(tab):
    page = tab.page
    page.locator("#privacy-override-reason").fill("当事人书面同意公开其联系方式")
    page.locator("#privacy-findings").get_by_role("button", name="Override").or_(
        page.locator("#privacy-findings").get_by_role("button", name="放行")
    ).click()
    expect(page.locator(".messagelist .success")).to_contain_text("当事人书面同意公开其联系方式")
    page.locator("button[name=_transition][value=publish]").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    expect(page.locator(".messagelist .error")).to_have_count(0)
    tab.screenshot("privacy-published-after-override")
    tab.assert_clean()


def test_a_draft_with_a_phone_number_and_a_childs_name(browser, open_tab):
    person("editor", "Editors")
    court = Court.objects.get(slug="chifeng")
    # A correspondent tags the courts of their own court's subtree (the review network).
    person("correspondent", "Correspondents", contributor="张树清", court=court)
    tab = open_tab("desktop")

    browser.run(sign_in, tab, "correspondent")
    browser.run(draft_and_submit, tab, court.name)
    article = Article.objects.get(headline=HEADLINE)
    assert article.status == Status.REVIEW  # shown, not blocked

    browser.run(sign_in, tab, "editor")
    browser.run(try_to_publish, tab, article.pk)
    article.refresh_from_db()
    assert article.status == Status.REVIEW

    browser.run(apply_the_mou_rule, tab)
    article.refresh_from_db()
    assert "王小明" not in article.body and "小明" not in article.body.replace("王某", "")
    assert article.body.count("王某") == 2

    browser.run(override_and_publish, tab)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.is_public
    assert Override.objects.get().created_by.username == "editor"


def look_on_a_phone(tab, pk):
    tab.goto(f"/admin/articles/article/{pk}/change/")
    panel = tab.page.locator("#privacy-findings")
    expect(panel.locator("mark.privacy-must_fix", has_text="13904715678").first).to_be_visible()
    assert_fits_the_screen(tab)
    tab.screenshot("privacy-findings-phone")
    tab.assert_clean()


def test_the_findings_fit_a_phones_screen(browser, open_tab):
    person("editor", "Editors")
    article = ArticleFactory(
        issue=None,
        status=Status.REVIEW,
        publish_at=None,
        body=f"<p>{BODY}</p><p>{MORE}</p>",
    )
    tab = open_tab("phone")
    browser.run(sign_in, tab, "editor")
    browser.run(look_on_a_phone, tab, article.pk)
