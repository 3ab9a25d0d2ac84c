"""
The editor's desk, as a new editor uses it: a back issue imported, published in one step with its
articles dated by the print date, one article edited and the editor back on the edition, its
history with only what was changed, two versions compared, and a conflict on a long body that
fits a 1366 px screen. A picture wider than the screen in a submitted article's read-only view.
"""

import datetime
import io

import pytest
import reversion
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect
from reversion.models import Version

from articles.models import Article, Issue, Status
from tests.articles.importing.conftest import PAGES
from tests.e2e.browsing import assert_fits_the_screen
from tests.e2e.test_editor import person, sign_in, sign_out
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_HEADLINE = "冬牧场上的巡回法庭开进敖鲁古雅"


def change_path(obj):
    return f"/admin/articles/{obj._meta.model_name}/{obj.pk}/change/"


# --- steps (in the browser's thread) -----------------------------------------------------------


def import_back_issue(tab):
    page = tab.page
    tab.goto("/admin/articles/issue/import/")
    page.locator("#id_file").set_input_files(str(PAGES / "marked.txt"))
    page.locator("input[name=preview]").click()
    expect(page.locator("input[name=confirm]")).to_be_visible()
    tab.screenshot("desk-import-preview")
    page.locator("input[name=confirm]").click()
    expect(page.locator("button[name=_transition][value=publish]")).to_be_visible()
    tab.assert_clean()


def publish_in_one_step(tab, issue, drafts):
    page = tab.page
    tab.goto(change_path(issue))
    page.locator("button[name=_transition][value=publish]").click()
    expect(page).to_have_url(tab.url(f"/admin/articles/issue/{issue.pk}/publish/"))
    expect(page.locator("#content h1")).to_contain_text(str(drafts))
    tab.check_page("desk-publish-confirmation")
    page.locator(".publish-confirmation input[type=submit]").click()
    expect(page).to_have_url(tab.url(change_path(issue)))
    expect(page.locator(".messagelist .success").first).to_be_visible()
    tab.screenshot("desk-edition-published")
    tab.assert_clean()


def read_the_edition(tab, url, headlines, date_text):
    tab.goto(url)
    for headline in headlines:
        expect(tab.page.get_by_text(headline, exact=False).first).to_be_visible()
    expect(tab.page.locator("body")).to_contain_text(date_text)
    tab.assert_clean()


def edit_and_come_back(tab, issue, article):
    page = tab.page
    tab.goto(change_path(issue))
    page.locator("#articles-group a", has_text=article.headline).click()
    expect(page.locator("#id_headline")).to_have_value(article.headline)
    expect(page.locator(".field-body .ck-editor__editable")).to_be_visible()
    page.locator("#id_headline").fill(NEW_HEADLINE)
    page.locator("input[name=_save]").click()
    expect(page).to_have_url(tab.url(change_path(issue)))
    expect(page.locator(".messagelist .success").first).to_be_visible()
    expect(page.locator("#articles-group")).to_contain_text(NEW_HEADLINE)
    tab.assert_clean()


def history_and_comparison(tab, article):
    page = tab.page
    tab.goto(f"/admin/articles/article/{article.pk}/history/")
    rows = page.locator("#change-history tbody tr")
    comments = rows.locator("td:last-child").all_inner_texts()
    tab.check_page("desk-article-history")
    # Newest first: the two latest are chosen; compare them.
    page.locator("#change-history ~ .submit-row input[type=submit]").click()
    expect(page.locator(".version-comparison")).to_be_visible()
    fields = page.locator(
        ".version-comparison h2.compared-field:not(.edit-comment)"
    ).all_inner_texts()
    deleted = page.locator(".version-comparison del").all_inner_texts()
    added = page.locator(".version-comparison ins").all_inner_texts()
    assert_fits_the_screen(tab)
    tab.check_page("desk-version-comparison")
    return comments, fields, deleted, added


def open_the_article(tab, path):
    tab.goto(path)
    expect(tab.page.locator(".field-body .ck-editor__editable")).to_be_visible()


def save_a_new_body(tab, body):
    page = tab.page
    page.evaluate(
        "(body) => document.querySelector('.field-body .ck-editor__editable')"
        ".ckeditorInstance.setData(body)",
        body,
    )
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    tab.assert_clean()


def save_on_top_and_resolve(tab):
    page = tab.page
    page.locator("#id_byline").fill("本报记者●金丽")
    page.locator("input[name=_save]").click()
    expect(page.locator("#edit-conflict")).to_be_visible()
    expect(page.locator("#edit-conflict del").first).to_be_visible()
    expect(page.locator("#edit-conflict ins").first).to_be_visible()
    assert_fits_the_screen(tab)
    tab.screenshot("desk-conflict")
    tab.assert_clean()
    page.locator("button[name=_overwrite]").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    tab.assert_clean()


def read_only_view(tab, path):
    tab.goto(path)
    expect(tab.page.locator(".field-body_html img")).to_be_visible()
    assert_fits_the_screen(tab)
    width = tab.page.evaluate(
        "() => document.querySelector('.field-body_html img').getBoundingClientRect().width"
    )
    tab.screenshot("desk-read-only-picture")
    tab.assert_clean()
    return width


# --- the journeys ------------------------------------------------------------------------------


def test_a_back_issue_from_import_to_its_history(browser, open_tab):
    person("editor", "Editors")
    tab = open_tab("desktop")
    browser.run(sign_in, tab, "editor")

    browser.run(import_back_issue, tab)
    issue = Issue.objects.get()
    articles = list(issue.articles.order_by("position"))
    assert issue.date < timezone.localdate() and {a.status for a in articles} == {Status.DRAFT}

    browser.run(publish_in_one_step, tab, issue, len(articles))
    issue.refresh_from_db()
    print_time = datetime.datetime.combine(
        issue.date, datetime.time(6), tzinfo=timezone.get_default_timezone()
    )
    assert (issue.status, issue.publish_at) == (Status.PUBLISHED, print_time)
    for article in articles:
        article.refresh_from_db()
        assert (article.status, article.publish_at) == (Status.PUBLISHED, print_time)
        assert article.is_public
    browser.run(
        read_the_edition,
        tab,
        issue.get_absolute_url(),
        [a.headline for a in articles],
        issue.date.strftime("%Y"),
    )

    first = articles[0]
    browser.run(edit_and_come_back, tab, issue, first)
    first.refresh_from_db()
    assert first.headline == NEW_HEADLINE

    comments, fields, deleted, added = browser.run(history_and_comparison, tab, first)
    # Imported, published, the headline changed: the body CKEditor sent back untouched is not
    # a change, neither in the history nor in the comparison.
    assert len(comments) == Version.objects.get_for_object(first).count() == 3
    assert "正文" not in comments[0] and "标题" in comments[0]
    assert fields == ["标题"]
    assert added and "".join(added) in NEW_HEADLINE and not deleted  # words added at the end


def test_a_conflict_on_a_long_body_fits_a_1366_px_screen(browser, open_tab):
    person("editor", "Editors")
    person("second", "Editors")
    sentence = (
        "包头市中级人民法院召开全市法院院长会议，总结过去一年的审判执行工作，部署今年的重点任务。"
    )
    body = "<p>" + sentence * 15 + "</p>"  # some 600 characters in one paragraph
    assert len(sentence * 15) >= 600
    with reversion.create_revision():  # saved before, as every article is: its version is kept
        article = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None, body=body)
    first, second = open_tab("desktop"), open_tab("desktop")
    browser.run(sign_in, first, "editor")
    browser.run(sign_in, second, "second")
    browser.run(open_the_article, first, change_path(article))
    browser.run(open_the_article, second, change_path(article))

    theirs = "<p>" + sentence.replace("部署", "安排") * 15 + "</p>"
    browser.run(save_a_new_body, first, theirs)
    browser.run(save_on_top_and_resolve, second)
    article.refresh_from_db()
    assert "安排今年" in article.body and article.byline == "本报记者●金丽"


def test_a_wide_picture_fits_the_read_only_article(browser, open_tab, viewport):
    author = person("correspondent", "Correspondents", contributor="张树清")
    out = io.BytesIO()
    Image.new("RGB", (2400, 300), (40, 110, 60)).save(out, format="PNG")
    name = default_storage.save("uploads/wide-picture.png", ContentFile(out.getvalue()))
    body = (
        f'<p>庭审现场。</p><figure class="image"><img src="/media/{name}" alt="庭审现场" '
        'width="2400" height="300"></figure>'
    )
    article = ArticleFactory(
        issue=None, status=Status.REVIEW, publish_at=None, body=body, created_by=author
    )
    assert Article.objects.get(pk=article.pk).body.count("<img") == 1
    tab = open_tab(viewport)
    browser.run(sign_in, tab, "correspondent")
    width = browser.run(read_only_view, tab, change_path(article))
    assert 0 < width < 2400
    browser.run(sign_out, tab)
