"""
The courts' review network in a browser: a correspondent of a basic court (鄂托克前旗) submits; the
reviewer of another city (包头) finds nothing of it, not even by its address; the reviewer of its
own city (鄂尔多斯) forwards it with a comment; an editor finds it first on the desk, with the
comment, and publishes it. Each of them gets the mail they are meant to get.
"""

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import Preferences
from articles.models import Article, Status, WorkflowStep
from courts.models import Court
from tests.e2e.browsing import assert_fits_the_screen
from tests.e2e.test_editor import HEADLINE, person, sign_in, sign_out, type_in_editor
from tests.factories import ArticleFactory, CourtFactory, PhotoFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COMMENT = "事实清楚，建议刊发。"


def court(name, slug, city):
    return Court.objects.filter(name=name).first() or CourtFactory(
        name=name, slug=slug, parent=Court.objects.get(slug=city)
    )


def submit(tab, court_name):
    page = tab.page
    tab.goto("/admin/articles/article/add/")
    type_in_editor(tab, with_extras=False)
    field = page.locator(".field-courts")
    field.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("杭锦")
    # Another court of the same city is not offered.
    expect(page.locator(".select2-results__message")).to_be_visible()
    expect(page.locator(".select2-results__option", has_text="杭锦")).to_have_count(0)
    page.locator(".select2-container--open .select2-search__field").fill(court_name[:3])
    page.locator(".select2-results__option", has_text=court_name).click()
    page.locator("button[name=_transition][value=submit]").click()
    expect(page.locator(".messagelist .success").first).to_contain_text("中院审稿")
    tab.screenshot("review-correspondent-submitted")
    tab.assert_clean()
    sign_out(tab)


def cannot_see(tab, pk):
    page = tab.page
    expect(page.locator("#editorial-dashboard")).to_contain_text("包头")
    expect(page.locator("#editorial-dashboard")).not_to_contain_text(HEADLINE)
    tab.screenshot("review-other-city-desk")
    tab.goto("/admin/articles/article/")
    expect(page.locator("#changelist")).not_to_contain_text(HEADLINE)
    tab.goto(f"/admin/articles/article/{pk}/change/", expect_status=404)
    tab.assert_clean()
    tab.goto("/admin/")
    sign_out(tab)


def forward(tab):
    page = tab.page
    desk = page.locator("#editorial-dashboard")
    expect(desk).to_contain_text(HEADLINE)
    tab.check_page("review-reviewer-desk")
    tab.goto("/admin/articles/article/")
    # Who submitted it, their name on one line, even where the list is narrow.
    lines = page.evaluate(
        """() => { document.querySelector("#result_list").style.width = "420px";
            return [...document.querySelectorAll("#result_list tbody td.field-submitted_by_name")]
            .map((cell) => { const range = document.createRange(); range.selectNodeContents(cell);
                             return new Set([...range.getClientRects()].map((r) => r.top)).size; }); }"""
    )
    assert lines and max(lines) == 1, lines
    tab.goto("/admin/")
    desk = page.locator("#editorial-dashboard")
    desk.locator("a", has_text=HEADLINE).click()
    page.locator("#id_step_note").fill(COMMENT)
    # The step buttons are as easy to hit as the admin's save buttons.
    for button in page.locator("button[name=_transition]").all():
        assert button.bounding_box()["height"] >= 32
    tab.screenshot("review-reviewer-article")
    page.locator("button[name=_transition][value=forward]").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    tab.screenshot("review-reviewer-forwarded")
    tab.assert_clean()
    sign_out(tab)


def publish_first(tab):
    page = tab.page
    forwarded = page.locator("#forwarded li")
    expect(forwarded.first).to_contain_text(HEADLINE)
    expect(forwarded.first).to_contain_text(COMMENT)
    # Forwarded pieces come before those sent to the editors directly.
    text = page.locator("#editorial-dashboard").inner_text()
    assert text.index(HEADLINE) < text.index("早先直送的稿件")
    tab.check_page("review-editor-desk")
    forwarded.first.locator("a").click()
    expect(page.locator(".field-forward_comment")).to_contain_text(COMMENT)
    page.locator("button[name=_transition][value=publish]").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    expect(page.locator(".field-step_history")).to_contain_text("鄂尔多斯审稿")
    tab.screenshot("review-editor-published")
    tab.assert_clean()
    # Their own page: no more mails for them.
    tab.goto("/admin/")
    page.locator("#my-account-link a").click()
    tab.check_page("review-my-account")
    page.locator("#id_email_notifications").uncheck()
    page.locator("input[type=submit]").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    expect(page.locator("#id_email_notifications")).not_to_be_checked()
    tab.assert_clean()


def test_a_basic_courts_piece_goes_through_its_city_court(browser, open_tab, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    qianqi = court("鄂托克前旗人民法院", "ordos-etuoke-qianqi", "ordos")
    court("杭锦旗人民法院", "ordos-hangjin", "ordos")
    guyang = court("固阳县人民法院", "baotou-guyang", "baotou")
    person("editor", "Editors")
    person("wurina", "Correspondents", contributor="乌日娜", court=qianqi)
    person("ordosr", "City reviewers", contributor="鄂尔多斯审稿", court=qianqi.parent)
    person("baotour", "City reviewers", contributor="包头审稿", court=guyang.parent)
    ArticleFactory(issue=None, status=Status.REVIEW, publish_at=None, headline="早先直送的稿件")
    tab = open_tab("desktop")

    browser.run(sign_in, tab, "wurina")
    browser.run(submit, tab, qianqi.name)
    article = Article.objects.get(headline=HEADLINE)
    assert article.status == Status.CITY_REVIEW and article.submitted_from == qianqi
    assert [m.to for m in mail.outbox] == [["ordosr@example.cn"]]

    browser.run(sign_in, tab, "baotour")
    browser.run(cannot_see, tab, article.pk)

    browser.run(sign_in, tab, "ordosr")
    browser.run(forward, tab)
    article.refresh_from_db()
    assert (article.status, article.forward_comment) == (Status.REVIEW, COMMENT)
    assert sorted(m.to[0] for m in mail.outbox[1:]) == ["editor@example.cn", "wurina@example.cn"]

    browser.run(sign_in, tab, "editor")
    browser.run(publish_first, tab)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.is_public
    assert sorted(m.to[0] for m in mail.outbox[3:]) == ["ordosr@example.cn", "wurina@example.cn"]
    assert [s.name for s in WorkflowStep.objects.filter(article=article)] == [
        "submit",
        "forward",
        "publish",
    ]
    assert not Preferences.objects.get(user__username="editor").email_notifications


def review_on_a_phone(tab, pk):
    page = tab.page
    # The list: headlines keep a readable width (the table scrolls sideways in its box).
    tab.goto("/admin/articles/article/")
    widths = page.evaluate(
        "() => [...document.querySelectorAll('#result_list tbody .field-headline')]"
        ".map((cell) => cell.getBoundingClientRect().width)"
    )
    assert widths and min(widths) >= 120, widths
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    tab.goto(f"/admin/articles/article/{pk}/change/")
    # The piece's photo itself, read only, and the note beside the buttons, within the screen.
    expect(page.locator("img.photo-preview")).to_be_visible()
    expect(page.locator("#photos-group")).to_contain_text("法官在蒙古包前开庭")
    expect(page.locator("#id_step_note")).to_be_visible()
    assert_fits_the_screen(tab)
    tab.screenshot("review-reviewer-article")
    tab.assert_clean()


def test_a_city_reviewer_reviews_on_a_phone(browser, open_tab):
    qianqi = court("鄂托克前旗人民法院", "ordos-etuoke-qianqi", "ordos")
    person("ordosr", "City reviewers", contributor="鄂尔多斯审稿", court=qianqi.parent)
    article = ArticleFactory(
        issue=None, status=Status.CITY_REVIEW, publish_at=None, submitted_from=qianqi
    )
    PhotoFactory(article=article, caption="法官在蒙古包前开庭")
    tab = open_tab("phone")
    browser.run(sign_in, tab, "ordosr")
    browser.run(review_on_a_phone, tab, article.pk)


def nothing_cut_off(tab, selector):
    """No box in ``selector`` hides part of what it holds (overflow hidden, content wider)."""
    cut = tab.page.evaluate(
        """(selector) => [...document.querySelectorAll(selector + " *")].filter((el) =>
            el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1
            && getComputedStyle(el).overflowX === "hidden").map((el) => el.outerHTML.slice(0, 120))""",
        selector,
    )
    assert not cut, cut


def draft_with_a_photo_on_a_phone(tab):
    page = tab.page
    tab.goto("/admin/articles/article/add/")
    page.locator("#photos-group .add-row a").click()
    expect(page.locator("#id_photos-0-caption")).to_be_visible()
    # The image's help (where a picture goes) is read whole, not cut at the screen's edge.
    nothing_cut_off(tab, "#photos-group")
    assert_fits_the_screen(tab)
    tab.screenshot("review-correspondent-photo")
    tab.assert_clean()


def test_a_correspondent_adds_a_photo_on_a_phone(browser, open_tab):
    qianqi = court("鄂托克前旗人民法院", "ordos-etuoke-qianqi", "ordos")
    person("wurina", "Correspondents", contributor="乌日娜", court=qianqi)
    tab = open_tab("phone")
    browser.run(sign_in, tab, "wurina")
    browser.run(draft_with_a_photo_on_a_phone, tab)
