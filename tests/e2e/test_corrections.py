"""
A correction tried as a new editor would, in a browser: signed in, the editor picks a published
article in the correction form's search, types the text and saves; a reader (another browser
context, no cookies) sees it above the article and on /corrections/ (axe clean on phone and
desktop); the editor withdraws it with a reason and the reader no longer sees it.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Status
from corrections.models import Correction
from tests.e2e.test_editor import choose, person, sign_in
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEADLINE = "草原上的流动法庭"
TEXT = "本文第二段中“巡回审判点二十个”有误，应为“巡回审判点二十二个”。特此更正。"
REASON = "经核实原文数字无误，更正撤回。"


def add_correction(tab):
    page = tab.page
    tab.goto("/admin/corrections/correction/add/")
    # Only published articles are offered: the draft of the same name is not.
    page.locator(".field-article .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("草原")
    expect(page.locator(".select2-results__option")).to_have_count(1)
    page.keyboard.press("Escape")
    choose(tab, page.locator(".field-article"), "草原", HEADLINE)
    page.locator("#id_text").fill(TEXT)
    tab.screenshot("admin-correction-written")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    tab.assert_clean()


def read(tab, path, name, again=False):
    tab.goto(path)
    if again:
        # The browser keeps a page for max-age (60 s); reloading asks the site (If-None-Match),
        # as a reader's reload does, and the page cache answers with the changed page.
        tab.page.reload()
    tab.check_page(name)
    return tab.page


def reader_sees_it(tab, article_url):
    page = read(tab, article_url, "article-corrected")
    corrections = page.locator("#corrections")
    expect(corrections).to_contain_text(TEXT)
    # Above the body: it comes first in the page.
    above = page.evaluate(
        """() => document.querySelector('#corrections').compareDocumentPosition(
            document.querySelector('[data-story-body]')) & Node.DOCUMENT_POSITION_FOLLOWING"""
    )
    assert above
    expect(page.locator(".story__updated time")).to_be_visible()
    page = read(tab, "/corrections/", "corrections-list")
    expect(page.locator(".correction-list")).to_contain_text(TEXT)
    page.locator(".correction-list__article a", has_text=HEADLINE).click()
    expect(page.locator("#corrections")).to_be_visible()
    tab.assert_clean()


def withdraw(tab):
    page = tab.page
    tab.goto("/admin/corrections/correction/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("withdraw_corrections")
    page.locator("button[name=index]").click()
    page.locator("#id_reason").fill(REASON)
    tab.screenshot("admin-correction-withdraw")
    page.locator("input[type=submit][value]").last.click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    tab.assert_clean()


def reader_no_longer_sees_it(tab, article_url):
    page = read(tab, article_url, "article-correction-withdrawn", again=True)
    expect(page.locator("#corrections")).to_have_count(0)
    page = read(tab, "/corrections/", "corrections-empty", again=True)
    expect(page.locator(".correction-list")).to_have_count(0)
    expect(page.locator("main .empty")).to_be_visible()
    tab.assert_clean()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_editor_corrects_and_withdraws(browser, open_tab, viewport):
    person("editor", "Editors")
    article = ArticleFactory(
        headline=HEADLINE, publish_at=timezone.now() - datetime.timedelta(days=2)
    )
    ArticleFactory(headline="草原上的草稿", status=Status.DRAFT, publish_at=None)
    editor, reader = open_tab("desktop"), open_tab(viewport)

    browser.run(sign_in, editor, "editor")
    browser.run(add_correction, editor)
    assert Correction.objects.public().get().article == article
    browser.run(reader_sees_it, reader, article.get_absolute_url())

    browser.run(withdraw, editor)
    correction = Correction.objects.get()
    assert correction.withdrawn_reason == REASON
    browser.run(reader_no_longer_sees_it, reader, article.get_absolute_url())
