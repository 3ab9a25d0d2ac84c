"""
The newsroom's journeys in a browser: an editor signs in through the form, writes an article in
CKEditor 5 (a subhead, a list, a link, an uploaded image with its caption), credits it and
chooses its courts, previews and publishes it, and finds it on the public site; a correspondent
drafts and submits an article that an editor then publishes. An edition's form, with its articles
in a table, fits a desktop screen.
"""

import io
import re

import pytest
from django.contrib.auth.models import Group
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article, Credit, Status
from courts.models import Court
from tests.e2e.browsing import assert_fits_the_screen
from tests.factories import (
    ArticleFactory,
    ContributorFactory,
    CourtFactory,
    IssueFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"  # UserFactory's

HEADLINE = "草原上的流动法庭"
LEAD = "鄂托克旗人民法院把巡回审判车开进牧区，就地立案、就地开庭、就地调解。"
SUBHEAD = "马背上的法庭"
ITEMS = ["巡回审判点二十个", "就地调解纠纷一百余件"]
LINK_TEXT = "诉讼服务网"
LINK_URL = "https://example.org/court-services"
CAPTION = "法官在蒙古包里调解草场纠纷"


def person(username, group, contributor=None, court=None):
    user = UserFactory(username=username, is_staff=True, email=f"{username}@example.cn")
    user.groups.add(Group.objects.get(name=group))
    if contributor:
        ContributorFactory(name=contributor, user=user, court=court)
    return user


def png():
    out = io.BytesIO()
    Image.new("RGB", (640, 400), (40, 110, 60)).save(out, format="PNG")
    return {"name": "草原法庭.png", "mimeType": "image/png", "buffer": out.getvalue()}


# --- steps (in the browser's thread) -----------------------------------------------------------


def sign_in(tab, username):
    page = tab.page
    tab.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(tab.url("/admin/"))
    tab.screenshot(f"admin-{username}-home")
    tab.assert_clean()


def sign_out(tab):
    # Wait for the sign-out to be answered before dropping the cookies, or the browser aborts
    # the request and it counts as a failed one.
    with tab.page.expect_response(lambda response: "/admin/logout/" in response.url):
        tab.page.locator("#logout-form [type=submit]").click()
    tab.page.wait_for_load_state()
    tab.page.context.clear_cookies()


def type_in_editor(tab, with_extras):
    """Headline and body, typed the way a person does: the toolbar for the subhead, the list and
    the link, the image button's file dialog for the picture, the image toolbar for its caption."""
    page, keyboard = tab.page, tab.page.keyboard
    page.locator("#id_headline").fill(HEADLINE)
    editor = page.locator(".field-body .ck-editor")
    editable = editor.locator(".ck-editor__editable")
    editable.click()
    keyboard.type(LEAD)
    if not with_extras:
        return
    keyboard.press("Enter")
    editor.locator(".ck-heading-dropdown .ck-dropdown__button").click()
    editor.locator(".ck-heading-dropdown .ck-list__item").get_by_text("小标题", exact=True).click()
    keyboard.type(SUBHEAD)
    keyboard.press("Enter")
    editor.get_by_role("button", name="项目符号列表").click()
    keyboard.type(ITEMS[0])
    keyboard.press("Enter")
    keyboard.type(ITEMS[1])
    keyboard.press("Enter")
    keyboard.press("Enter")  # an empty item ends the list
    keyboard.type("详见")
    editor.get_by_role("button", name="超链接").click()
    link_form = page.locator(".ck-balloon-panel_visible form")
    link_form.locator("input[inputmode=text]").fill(LINK_TEXT)  # the text to show
    url = link_form.locator("input[inputmode=url]")
    url.fill(LINK_URL)
    url.press("Enter")
    link = editable.locator(f'a[href="{LINK_URL}"]')
    expect(link).to_have_text(LINK_TEXT)
    expect(editable).to_be_focused()
    keyboard.press("Enter")
    expect(editable.locator("p").last).to_have_text("")
    expect(link).to_have_text(LINK_TEXT)

    editor.locator("input[type=file]").set_input_files(files=[png()])
    image = editable.locator("figure.image img")
    expect(image).to_have_attribute("src", re.compile(r"/media/uploads/.+\.png$"))
    page.locator(".ck-balloon-panel_visible button", has_text="标题").click()  # caption on
    keyboard.type(CAPTION)
    expect(editable.locator("figure.image figcaption")).to_have_text(CAPTION)
    expect(link).to_have_text(LINK_TEXT)  # the picture went after it, not over it


def choose(tab, container, words, option):
    """Pick ``option`` in one of the admin's autocomplete (select2) fields."""
    page = tab.page
    container.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(words)
    page.locator(".select2-results__option", has_text=option).click()


def write_article(tab, court_name, contributor_name):
    page = tab.page
    tab.goto("/admin/articles/article/add/")
    type_in_editor(tab, with_extras=True)
    choose(tab, page.locator(".field-courts"), court_name[:3], court_name)
    credits = page.locator("#credits-group")
    credits.locator(".add-row a").click()
    row = credits.locator("tr.form-row.dynamic-credits").last
    row.locator("select[name$=-role]").select_option(Credit.Role.REPORTER.value)
    choose(tab, row.locator(".field-contributor"), contributor_name[:1], contributor_name)
    tab.screenshot("admin-article-written")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/articles/article/\d+/change/$"))
    tab.assert_clean()
    return int(re.search(r"/article/(\d+)/change/", page.url).group(1))


def assert_story(page, court_name, contributor_name):
    """The article as readers see it: every part that was typed in the editor."""
    expect(page.locator("h1")).to_have_text(HEADLINE)
    body = page.locator("[data-story-body]")
    expect(body).to_contain_text(LEAD)
    expect(body.locator("h2, h3").filter(has_text=SUBHEAD)).to_have_count(1)
    expect(body.locator("ul li")).to_have_text(ITEMS)
    expect(body.locator(f'a[href="{LINK_URL}"]')).to_have_text(LINK_TEXT)
    figure = page.locator("figure").filter(has_text=CAPTION)
    expect(figure.locator("img")).to_be_visible()
    assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth") == 640
    expect(page.locator(".story__courts")).to_contain_text(court_name)
    expect(page.locator(".story__people")).to_contain_text(contributor_name)


def preview_and_publish(tab, pk, court_name, contributor_name):
    page = tab.page
    page.locator("a.viewsitelink").click()
    expect(page).to_have_url(tab.url(f"/preview/articles/{pk}/"))
    expect(page.locator(".preview-banner")).to_be_visible()
    assert_story(page, court_name, contributor_name)
    tab.check_page("article-preview")
    page.go_back()
    page.locator("button[name=_transition][value=publish]").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    tab.screenshot("admin-article-published")
    tab.assert_clean()


def read_on_the_site(tab, url, court_name, contributor_name):
    page = tab.page
    tab.goto("/articles/")
    page.locator("article.card .card__title a", has_text=HEADLINE).click()
    expect(page).to_have_url(tab.url(url))
    assert_story(page, court_name, contributor_name)
    tab.check_page("article-written-in-the-editor")


def test_editor_writes_previews_and_publishes(browser, open_tab):
    person("editor", "Editors")
    # The basic courts come by migration (courts.0004); a database without them gets it made.
    court = Court.objects.filter(name="鄂托克旗人民法院").first() or CourtFactory(
        name="鄂托克旗人民法院", short_name="鄂托克旗法院", slug="otog"
    )
    reporter = ContributorFactory(name="肖玥")
    tab = open_tab("desktop")

    browser.run(sign_in, tab, "editor")
    pk = browser.run(write_article, tab, court.name, reporter.name)
    article = Article.objects.get(pk=pk)
    assert article.status == Status.DRAFT
    assert list(article.courts.all()) == [court]
    assert [(c.contributor, c.role) for c in article.credits.all()] == [
        (reporter, Credit.Role.REPORTER)
    ]
    assert (
        "/media/uploads/" in article.body and f"<figcaption>{CAPTION}</figcaption>" in article.body
    )

    browser.run(preview_and_publish, tab, pk, court.display_name, reporter.name)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.is_public

    browser.run(
        read_on_the_site, tab, article.get_absolute_url(), court.display_name, reporter.name
    )


# --- a correspondent submits, an editor publishes ----------------------------------------------


def draft_and_submit(tab, court_name):
    page = tab.page
    tab.goto("/admin/articles/article/add/")
    type_in_editor(tab, with_extras=False)
    choose(tab, page.locator(".field-courts"), court_name[:2], court_name)
    page.locator("button[name=_transition][value=submit]").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    tab.screenshot("admin-correspondent-submitted")
    tab.assert_clean()
    sign_out(tab)


def publish_from_review(tab):
    page = tab.page
    tab.goto("/admin/articles/article/?publication=review")
    page.locator("#result_list a", has_text=HEADLINE).click()
    page.locator("button[name=_transition][value=publish]").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    tab.assert_clean()


def read_it(tab, url):
    tab.goto(url)
    expect(tab.page.locator("h1")).to_have_text(HEADLINE)
    expect(tab.page.locator("[data-story-body]")).to_contain_text(LEAD)
    tab.assert_clean()


def test_correspondent_submits_and_an_editor_publishes(browser, open_tab):
    person("editor", "Editors")
    chifeng = Court.objects.get(slug="chifeng")
    person("correspondent", "Correspondents", contributor="张树清", court=chifeng)
    tab = open_tab("desktop")

    browser.run(sign_in, tab, "correspondent")
    browser.run(draft_and_submit, tab, chifeng.name)
    article = Article.objects.get(headline=HEADLINE)
    assert article.status == Status.REVIEW
    assert [c.contributor.name for c in article.credits.all()] == ["张树清"]
    assert not article.is_public

    browser.run(sign_in, tab, "editor")
    browser.run(publish_from_review, tab)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.is_public
    browser.run(read_it, tab, article.get_absolute_url())


# --- an edition's form, with long headlines, on a desktop screen --------------------------------


def open_the_edition(tab, path):
    tab.goto(path)
    expect(tab.page.locator("#articles-group tr.has_original")).to_have_count(3)
    assert_fits_the_screen(tab)
    tab.screenshot("admin-edition-change")
    tab.assert_clean()


def test_the_edition_form_fits_a_desktop_screen(browser, open_tab):
    """The articles' table wraps long headlines, subtitles and addresses in their cells instead
    of making the page wider than the screen."""
    person("editor", "Editors")
    issue = IssueFactory()
    ArticleFactory(
        issue=issue,
        position=1,
        kicker="坚持和发展新时代“枫桥经验” 深入推进诉源治理",
        headline="以高质量司法服务保障高质量发展 全力推动新时代全区法院工作取得新进展新成效新突破"
        * 2,
        subtitle="——内蒙古自治区高级人民法院召开全区法院院长会议暨党风廉政建设和反腐败工作会议",
    )
    # Words no line can break: a pasted address, a file's name.
    address = "https://www.nmgfy.gov.cn/article/detail/2025/06/id/4417263581.shtml"
    ArticleFactory(issue=issue, position=2, headline=address, subtitle=address)
    ArticleFactory(
        issue=issue, position=3, subtitle="NMGFY2025SHENPANZHIXINGGONGZUOZONGJIEBAOGAO.pdf"
    )
    tab = open_tab("desktop")
    browser.run(sign_in, tab, "editor")
    browser.run(open_the_edition, tab, f"/admin/articles/issue/{issue.pk}/change/")
