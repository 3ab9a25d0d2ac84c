"""
The area editor in a browser: an editor draws an area for an article that has none, moves and
resizes others and saves, by mouse and by keyboard alone; the public page's areas then take
readers to the right articles on a phone and a desktop. Two editors changing the same article's
areas meet the conflict screen; an area off the page is refused; without JavaScript, the numbers
are the form.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from articles.models import PageArea
from tests.e2e.test_security import violations, watch_csp
from tests.factories import ArticleFactory, IssueFactory, PageAreaFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"  # UserFactory's


def page_image():
    """A printed page, drawn: a masthead and three blocks of lines."""
    image = Image.new("RGB", (600, 900), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([20, 20, 580, 90], fill=(180, 30, 30))
    for box in [(20, 120, 290, 500), (310, 120, 580, 500), (20, 530, 580, 880)]:
        for y in range(box[1], box[3], 14):
            draw.line([box[0], y, box[2], y], fill=(120, 120, 120), width=3)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return ContentFile(out.getvalue(), name="page.png")


@pytest.fixture
def edition(transactional_db):
    """A published page: the first two articles have an area, the third none."""
    issue = IssueFactory(page_number=3)
    issue.page_image.save("page.png", page_image())
    first = ArticleFactory(issue=issue, position=1, headline="全区法院院长会议召开")
    second = ArticleFactory(issue=issue, position=2, headline="巡回法庭走进牧区")
    third = ArticleFactory(issue=issue, position=3, headline="调解草场纠纷纪实")
    PageAreaFactory(article=first, left=3, top=13, width=45, height=42)
    PageAreaFactory(article=second, left=52, top=13, width=45, height=42)
    return issue, first, second, third


def editor(username):
    user = UserFactory(username=username, is_staff=True, first_name="", last_name=username)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def area(article):
    return PageArea.objects.get(article=article)


# --- steps (in the browser's thread) -----------------------------------------------------------


def sign_in(tab, username):
    page = tab.page
    tab.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(tab.url("/admin/"))


def open_editor(tab, issue_pk):
    tab.goto(f"/admin/articles/issue/{issue_pk}/areas/")
    tab.settle()
    expect(tab.page.locator("[data-frame] .area-box").first).to_be_visible()


def drag(page, start, end):
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move((start[0] + end[0]) / 2, (start[1] + end[1]) / 2, steps=4)
    page.mouse.move(*end, steps=4)
    page.mouse.up()


def at(box, x, y):
    """The point at ``x``, ``y`` percent of an element's box, in the page's pixels."""
    return box["x"] + box["width"] * x / 100, box["y"] + box["height"] * y / 100


def draw_move_resize_by_mouse(tab, issue_pk, first_pk, second_pk, third_pk):
    page = tab.page
    watch_csp(tab)
    sign_in(tab, "bianji")
    open_editor(tab, issue_pk)
    frame = page.locator("[data-frame]").bounding_box()
    # The third article has no area: it is listed, chosen, and drawn.
    expect(page.locator("[data-without-area]")).to_contain_text("调解草场纠纷纪实")
    page.locator("[data-article-picker]").select_option(str(third_pk))
    drag(page, at(frame, 5, 60), at(frame, 95, 96))
    expect(page.locator(f'.area-box[data-article="{third_pk}"]')).to_be_visible()
    expect(page.locator("[data-without-area]")).to_be_hidden()
    # Move the second article's area down by 2 % of the page.
    second = page.locator(f'.area-box[data-article="{second_pk}"]')
    box = second.bounding_box()
    drag(page, at(box, 50, 50), (at(box, 50, 50)[0], at(box, 50, 50)[1] + frame["height"] * 0.02))
    # Make the first article's area narrower by its bottom-right corner (10 % of the page).
    first = page.locator(f'.area-box[data-article="{first_pk}"]')
    first.click()
    handle = first.locator(".area-box__handle--se").bounding_box()
    start = (handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    drag(page, start, (start[0] - frame["width"] * 0.10, start[1]))
    tab.screenshot("area-editor-drawn")
    assert violations(tab) == []  # the Content-Security-Policy holds while drawing
    page.get_by_role("button", name="保存区域").click()
    expect(page.locator(".messagelist")).to_contain_text("已保存 3 篇文章的区域")
    tab.screenshot("area-editor-saved")
    assert violations(tab) == []
    tab.assert_clean()


def read_by_areas(tab, issue_url, articles):
    """Every article's area on the public page is a link named by its headline, to it."""
    page = tab.page
    for pk, headline in articles:
        tab.goto(issue_url)
        link = page.locator(".page-map").get_by_role("link", name=headline)
        expect(link).to_have_count(1)
        expect(link).to_be_visible()
        expect(link).to_have_attribute("data-article", str(pk))
        if tab.viewport == "phone":
            link.tap()  # a finger, on a touch screen
        else:
            link.click()
        expect(page.locator("h1")).to_have_text(headline)
    tab.goto(issue_url)
    viewport = page.evaluate("document.querySelector('meta[name=viewport]').content")
    assert "user-scalable=no" not in viewport and "maximum-scale=1" not in viewport
    expect(page.locator(".page-map__caption a", has_text="查看版面大图")).to_be_visible()
    if tab.viewport == "phone":
        # No hover on a touch screen: the areas are outlined.
        style = page.locator(".page-map__area").first.evaluate(
            "a => getComputedStyle(a).outlineStyle"
        )
        assert style != "none"
    toggle = page.get_by_role("button", name="显示文章区域")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    tab.check_page(f"edition-with-areas-{tab.viewport}")


def test_an_editor_draws_moves_and_resizes_areas_and_readers_follow_them(
    browser, open_tab, edition
):
    issue, first, second, third = edition
    editor("bianji")
    before = {a.pk: area(a) for a in (first, second)}
    browser.run(
        draw_move_resize_by_mouse, open_tab("desktop"), issue.pk, first.pk, second.pk, third.pk
    )
    drawn = area(third)
    assert (drawn.left, drawn.width) == pytest.approx((5, 90), abs=1)
    assert (drawn.top, drawn.height) == pytest.approx((60, 36), abs=1)
    moved = area(second)
    assert moved.top == pytest.approx(before[second.pk].top + 2, abs=0.5)
    assert moved.width == before[second.pk].width
    resized = area(first)
    assert resized.width == pytest.approx(before[first.pk].width - 10, abs=0.5)
    assert resized.left == before[first.pk].left
    articles = [(a.pk, a.headline) for a in (first, second, third)]
    for viewport in ("phone", "desktop"):
        browser.run(read_by_areas, open_tab(viewport), issue.get_absolute_url(), articles)


def tab_to(page, selector, limit=80):
    """Press Tab until the element ``selector`` has the focus: the keyboard's way there."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def draw_move_resize_by_keyboard(tab, issue_pk, second_pk, third_pk):
    page, keys = tab.page, tab.page.keyboard
    sign_in(tab, "bianji")
    open_editor(tab, issue_pk)
    tab_to(page, "[data-article-picker]")
    for _ in range(5):
        if page.locator("[data-article-picker]").input_value() == str(third_pk):
            break
        keys.press("ArrowDown")
    expect(page.locator("[data-article-picker]")).to_have_value(str(third_pk))
    tab_to(page, "[data-add-area]")
    keys.press("Enter")  # a new area in the middle (40, 45, 20×10), with the focus
    new = page.locator(f'.area-box[data-article="{third_pk}"]')
    expect(new).to_be_focused()
    for _ in range(5):
        keys.press("ArrowRight")
    for _ in range(3):
        keys.press("Shift+ArrowDown")
    keys.press("Control+ArrowRight")
    # Another one, removed again with Delete.
    tab_to(page, "[data-add-area]")
    keys.press("Enter")
    expect(new).to_have_count(2)
    keys.press("Delete")
    expect(new).to_have_count(1)
    # The second article's area: up 1 %, 2 % narrower.
    tab_to(page, f'.area-box[data-article="{second_pk}"]')
    keys.press("ArrowUp")
    keys.press("Shift+ArrowLeft")
    keys.press("Shift+ArrowLeft")
    tab.screenshot("area-editor-keyboard")
    tab_to(page, "#area-form [type=submit]")
    keys.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("已保存 2 篇文章的区域")
    tab.assert_clean()


def test_the_same_by_keyboard_alone(browser, open_tab, edition):
    issue, first, second, third = edition
    editor("bianji")
    before = area(second)
    browser.run(draw_move_resize_by_keyboard, open_tab("desktop"), issue.pk, second.pk, third.pk)
    drawn = area(third)
    assert (drawn.left, drawn.top, drawn.width, drawn.height) == pytest.approx(
        (45.1, 45, 20, 13), abs=0.01
    )
    moved = area(second)
    assert moved.top == pytest.approx(before.top - 1)
    assert moved.width == pytest.approx(before.width - 2)
    articles = [(a.pk, a.headline) for a in (second, third)]
    for viewport in ("phone", "desktop"):
        browser.run(read_by_areas, open_tab(viewport), issue.get_absolute_url(), articles)


def move_first_area(tab, first_pk, presses):
    page = tab.page
    box = page.locator(f'.area-box[data-article="{first_pk}"]')
    box.focus()
    for _ in range(presses):
        page.keyboard.press("ArrowDown")


def two_editors(one, other, issue_pk, first_pk):
    sign_in(one, "bianji")
    sign_in(other, "shenhe")
    open_editor(one, issue_pk)
    open_editor(other, issue_pk)
    move_first_area(one, first_pk, 2)
    one.page.get_by_role("button", name="保存区域").click()
    expect(one.page.locator(".messagelist")).to_contain_text("已保存 1 篇文章的区域")
    move_first_area(other, first_pk, 5)
    other.page.get_by_role("button", name="保存区域").click()
    conflict = other.page.locator("#edit-conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("全区法院院长会议召开")
    expect(conflict).to_contain_text("bianji")
    other.screenshot("area-editor-conflict")
    one.assert_clean()
    other.assert_clean()


def test_two_editors_changing_the_same_articles_areas_meet_the_conflict_screen(
    browser, open_tab, edition
):
    issue, first, *_ = edition
    editor("bianji")
    editor("shenhe")
    top = area(first).top
    browser.run(two_editors, open_tab("desktop"), open_tab("desktop"), issue.pk, first.pk)
    assert area(first).top == pytest.approx(top + 2)  # the first save, not the second


def type_off_the_page(tab, issue_pk):
    page = tab.page
    sign_in(tab, "bianji")
    open_editor(tab, issue_pk)
    row = page.locator("tr[data-row]").first
    row.locator('[data-edge="left"]').fill("90")
    row.locator('[data-edge="width"]').fill("50")
    page.get_by_role("button", name="保存区域").click()
    expect(page.locator(".errornote").first).to_be_visible()
    expect(row).to_contain_text("超出了版面右边缘")
    tab.assert_clean()


def test_an_area_off_the_page_is_refused(browser, open_tab, edition):
    issue, first, *_ = edition
    editor("bianji")
    before = area(first)
    browser.run(type_off_the_page, open_tab("desktop"), issue.pk)
    after = area(first)
    assert (after.left, after.width) == (before.left, before.width)


def add_an_area_without_javascript(chromium, base_url, issue_pk, third_pk):
    context = chromium.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(base_url + "/admin/login/")
        page.locator("#id_username").fill("bianji")
        page.locator("#id_password").fill(PASSWORD)
        page.locator("#login-form [type=submit]").click()
        page.goto(f"{base_url}/admin/articles/issue/{issue_pk}/areas/")
        expect(page.locator("[data-tools]")).to_be_hidden()  # the drawing tools need scripts
        expect(page.locator("[data-static-areas] .area-box")).to_have_count(2)  # still drawn
        blank = page.locator("tr[data-row]").nth(2)
        blank.locator('[data-edge="article"]').select_option(str(third_pk))
        for edge, value in [("left", "5"), ("top", "60"), ("width", "90"), ("height", "35")]:
            blank.locator(f'[data-edge="{edge}"]').fill(value)
        page.get_by_role("button", name="保存区域").click()
        expect(page.locator(".messagelist")).to_contain_text("已保存 1 篇文章的区域")
    finally:
        context.close()


def test_without_javascript_the_numbers_are_the_form(browser, live_server, edition):
    issue, first, second, third = edition
    editor("bianji")
    browser.run(
        add_an_area_without_javascript, browser.chromium, live_server.url, issue.pk, third.pk
    )
    drawn = area(third)
    assert (drawn.left, drawn.top, drawn.width, drawn.height) == (5, 60, 90, 35)
