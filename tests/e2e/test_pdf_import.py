"""
The page PDF import in a browser: an editor uploads a page PDF made by this project's producer,
sees the rendered page with every article's area outlined and numbered beside the list (axe
clean, no CSP violation), saves it with "Publish at once"; a reader on a phone then taps an
article's area on the page and reads it.
"""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article, Issue, PageArea
from tests.articles.importing import pdfmaker
from tests.e2e.test_security import violations, watch_csp
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"  # UserFactory's


def upload_preview_and_save(tab, path, count):
    page = tab.page
    watch_csp(tab)
    tab.goto("/admin/login/")
    page.locator("#id_username").fill("pdfeditor")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(tab.url("/admin/"))
    tab.goto("/admin/articles/issue/import/")
    page.locator("#id_file").set_input_files(str(path))
    page.locator("#id_publish").check()
    page.locator("input[name=preview]").click()
    expect(page.locator(".import-pdf-stage img")).to_be_visible()
    expect(page.locator("rect.import-pdf-area")).to_have_count(count)
    expect(page.locator(".import-pdf-list > li")).to_have_count(count)
    tab.check_page("pdf-import-preview")
    assert violations(tab) == []
    page.locator("input[name=confirm]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    tab.assert_clean()


def tap_an_area(tab, path, headline):
    page = tab.page
    tab.goto(path)
    area = page.locator(f'a.page-map__area:has(span:text-is("{headline}"))')
    area.tap()
    expect(page.locator("h1")).to_have_text(headline)
    tab.assert_clean()


def test_an_editor_imports_a_page_pdf_and_a_reader_taps_its_articles(browser, open_tab, tmp_path):
    user = UserFactory(username="pdfeditor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    spec = pdfmaker.make_spec(3)
    path = tmp_path / "page.pdf"
    path.write_bytes(pdfmaker.reportlab_page(spec))
    browser.run(upload_preview_and_save, open_tab("desktop"), path, len(spec.articles))
    issue = Issue.objects.get()
    assert issue.status == "published" and issue.page_image and issue.page_pdf
    assert PageArea.objects.count() == Article.objects.count() == len(spec.articles)
    headline = spec.articles[-1].headline
    browser.run(tap_an_area, open_tab("phone"), issue.get_absolute_url(), headline)
