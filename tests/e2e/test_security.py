"""
The Content-Security-Policy in a real browser, and the rich-text cleaner against what CKEditor 5
really produces.

- Every public page type, and the admin's article form with CKEditor 5 (typing, the toolbar, an
  image upload), raise no ``securitypolicyviolation`` event and log no CSP error.
- Whatever the editor's toolbar makes (subheads, bold, italic, a link, both lists, a quote, a
  table, an image with its caption) is stored exactly as CKEditor hands it over: the allow-list
  takes nothing away from it.
"""

import io
import re

import pytest
from django.contrib.auth.models import Group
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article, Contributor, Issue
from courts.models import Court
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"  # UserFactory's

# Registered before any page script runs: every violation the page reports is kept.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ` +
    `${event.sourceFile || location.pathname}:${event.lineNumber}`
  );
});
"""


def watch_csp(tab):
    tab.context.add_init_script(WATCH_CSP)


def violations(tab):
    return tab.page.evaluate("window.__cspViolations || []")


def sign_in_as_editor(tab):
    page = tab.page
    tab.goto("/admin/login/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(tab.url("/admin/"))


def png():
    out = io.BytesIO()
    Image.new("RGB", (480, 320), (181, 18, 27)).save(out, format="PNG")
    return {"name": "庭审.png", "mimeType": "image/png", "buffer": out.getvalue()}


def editor_for(page):
    return page.locator(".field-body .ck-editor")


def toolbar_button(editor, *names):
    """A toolbar button by its label (the editor speaks Chinese here; English as a fallback)."""
    for name in names:
        button = editor.locator(".ck-toolbar").get_by_role("button", name=name, exact=True)
        if button.count():
            return button.first
    labels = editor.locator(".ck-toolbar button").evaluate_all(
        "buttons => buttons.map(b => b.textContent)"
    )
    raise AssertionError(f"no toolbar button named any of {names}; there are {labels}")


# --- steps (in the browser's thread) -----------------------------------------------------------


def visit_public_pages(tab, paths):
    found = {}
    for path in paths:
        tab.goto(path)
        tab.settle()
        found[path] = violations(tab)
    tab.assert_clean()
    return found


def use_the_editor(tab):
    """The article form: CKEditor loads, takes typing and an uploaded image, and saves."""
    page = tab.page
    found = {}
    sign_in_as_editor(tab)
    found["/admin/"] = violations(tab)
    tab.goto("/admin/articles/article/add/")
    editor = editor_for(page)
    expect(editor.locator(".ck-editor__editable")).to_be_visible()
    page.locator("#id_headline").fill("内容安全策略")
    editor.locator(".ck-editor__editable").click()
    page.keyboard.type("正文第一段。")
    editor.locator("input[type=file]").set_input_files(files=[png()])
    expect(editor.locator(".ck-editor__editable figure.image img")).to_have_attribute(
        "src", re.compile(r"/media/uploads/.+\.png$")
    )
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    found["article form"] = violations(tab)
    for path in ["/admin/articles/issue/", "/admin/articles/article/"]:
        tab.goto(path)
        found[path] = violations(tab)
    page.locator("#result_list a", has_text="内容安全策略").click()
    expect(editor_for(page).locator(".ck-editor__editable img")).to_be_visible()
    found["article change form"] = violations(tab)
    tab.assert_clean()
    return found


def write_with_every_tool(tab):
    """Type an article using every tool of the toolbar; return CKEditor's own HTML for it."""
    page, keyboard = tab.page, tab.page.keyboard
    sign_in_as_editor(tab)
    tab.goto("/admin/articles/article/add/")
    page.locator("#id_headline").fill("工具栏全家福")
    editor = editor_for(page)
    editable = editor.locator(".ck-editor__editable")
    editable.click()

    def heading(label):
        editor.locator(".ck-heading-dropdown .ck-dropdown__button").click()
        editor.locator(".ck-heading-dropdown .ck-list__item").get_by_text(label, exact=True).click()

    heading("小标题")
    keyboard.type("依法审理")
    keyboard.press("Enter")
    heading("次级小标题")
    keyboard.type("案件概况")
    keyboard.press("Enter")
    keyboard.type("法院")
    toolbar_button(editor, "加粗", "Bold").click()
    keyboard.type("公开开庭")
    toolbar_button(editor, "加粗", "Bold").click()
    keyboard.type("审理，")
    toolbar_button(editor, "倾斜", "Italic").click()
    keyboard.type("当庭宣判")
    toolbar_button(editor, "倾斜", "Italic").click()
    keyboard.type("。详见")
    # The link is inserted at the caret with its own text: typing the text first and selecting it
    # lets a quick Enter replace the selection.
    toolbar_button(editor, "超链接", "Link").click()
    link_form = page.locator(".ck-balloon-panel_visible form")
    link_form.locator("input[inputmode=text]").fill("裁判文书网")
    url = link_form.locator("input[inputmode=url]")
    url.fill("https://wenshu.court.gov.cn/")
    url.press("Enter")
    link = editable.locator('a[href="https://wenshu.court.gov.cn/"]')
    expect(link).to_have_text("裁判文书网")
    expect(editable).to_be_focused()
    keyboard.press("Enter")
    expect(editable.locator("p").last).to_have_text("")
    expect(link).to_have_text("裁判文书网")

    toolbar_button(editor, "项目符号列表", "Bulleted List").click()
    keyboard.type("立案")
    keyboard.press("Enter")
    keyboard.type("开庭")
    keyboard.press("Enter")
    keyboard.press("Enter")
    toolbar_button(editor, "项目编号列表", "Numbered List").click()
    keyboard.type("调解")
    keyboard.press("Enter")
    keyboard.type("判决")
    keyboard.press("Enter")
    keyboard.press("Enter")
    toolbar_button(editor, "块引用", "Block quote").click()
    keyboard.type("公正司法，一心为民。")
    keyboard.press("Enter")
    keyboard.press("Enter")  # out of the quote

    toolbar_button(editor, "插入表格", "Insert table").click()
    page.locator(".ck-insert-table-dropdown-grid-box").nth(0).click()  # 1 × 1
    keyboard.type("执行到位3033.28万元")
    expect(editable.locator("figure.table td")).to_contain_text("3033.28")

    editable.locator("p").last.click()
    keyboard.press("End")
    editor.locator("input[type=file]").set_input_files(files=[png()])
    image = editable.locator("figure.image img")
    expect(image).to_have_attribute("src", re.compile(r"/media/uploads/.+\.png$"))
    image.click()
    page.locator(".ck-balloon-panel_visible button", has_text="标题").click()  # caption on
    keyboard.type("庭审现场")
    expect(editable.locator("figure.image figcaption")).to_have_text("庭审现场")
    image.click()
    balloon = page.locator(".ck-balloon-panel_visible")
    balloon.locator("button").filter(has_text="替换文本").first.click()
    alternative = page.locator(".ck-balloon-panel_visible form input")
    alternative.fill("法官在法庭宣判")
    alternative.press("Enter")
    expect(image).to_have_attribute("alt", "法官在法庭宣判")
    tab.screenshot("admin-every-tool")

    html = page.evaluate("Object.values(window.editors)[0].getData()")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()
    tab.assert_clean()
    return html


# --- tests ----------------------------------------------------------------------------------


def test_no_policy_violation_on_public_pages(browser, open_tab, demo):
    articles = Article.objects.published()
    issue = Issue.objects.published().exclude(page_image="").order_by("-date").first()
    article = articles.exclude(photos=None).first() or articles.first()
    contributor = Contributor.objects.filter(credits__article__in=articles).first()
    paths = [
        "/",
        "/issues/",
        issue.get_absolute_url(),  # the page map: areas placed with style attributes
        article.get_absolute_url(),
        "/articles/?court=ordos",
        f"/search/?q={article.headline[:2]}",
        "/courts/",
        Court.objects.get(slug="ordos").get_absolute_url(),
        contributor.get_absolute_url(),
    ]
    tab = open_tab("desktop")
    browser.run(watch_csp, tab)
    found = browser.run(visit_public_pages, tab, paths)
    assert found == {path: [] for path in paths}


def test_no_policy_violation_in_the_admin_editor(browser, open_tab):
    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    ArticleFactory(headline="已有稿件")
    tab = open_tab("desktop")
    browser.run(watch_csp, tab)
    found = browser.run(use_the_editor, tab)
    assert all(not problems for problems in found.values()), found


def test_what_the_toolbar_makes_is_stored_unchanged(browser, open_tab):
    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    tab = open_tab("desktop")
    html = browser.run(write_with_every_tool, tab)
    item = r'<li data-list-item-id="\w+">'
    for part in [
        "<h2>依法审理</h2>",
        "<h3>案件概况</h3>",
        "<strong>公开开庭</strong>",
        "<i>当庭宣判</i>",
        '<a href="https://wenshu.court.gov.cn/">裁判文书网</a>',
        f"<ul>{item}立案</li>{item}开庭</li></ul>",
        f"<ol>{item}调解</li>{item}判决</li></ol>",
        "<blockquote><p>公正司法，一心为民。</p>",
        r'<figure class="table"><table><tbody><tr><td>执行到位3033\.28万元</td>',
        r'<figure class="image"><img [^>]*alt="法官在法庭宣判"[^>]*><figcaption>庭审现场</figcaption>',
    ]:
        assert re.search(part, html), (part, html)
    # Saved through the admin, cleaned on the way in: not one character lost or added.
    assert Article.objects.get(headline="工具栏全家福").body == html
