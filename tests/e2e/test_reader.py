"""
A reader's journeys through the site in a browser, on a phone and on a desktop: from the home
page's calendar to an edition, its articles and their courts; the articles of a city court and the
courts below it; a search; the printed page's clickable areas; the text size.

What the reader should find is worked out from the database first (in the test's thread); the
browser steps run in the browser's thread (see BrowserThread in conftest.py).
"""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from articles.models import Article, Issue
from courts.models import Court
from tests.e2e.browsing import assert_fits_the_screen

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def card_headlines(tab):
    return tab.page.locator("article.card .card__title").all_inner_texts()


def public_articles(issue):
    return list(Article.objects.published().filter(issue=issue).order_by("position", "pk"))


# --- home → calendar → edition → article → next article → its court → its articles ---------


@dataclass
class EditionWalk:
    issue_url: str
    first: str
    second: str
    court: str
    court_name: str
    court_url: str
    court_headlines: list


def plan_edition_walk():
    """An edition in the month the home page's calendar shows, whose second article has a court."""
    latest = Issue.objects.published().order_by("-date").first()
    month = Issue.objects.published().filter(
        date__year=latest.date.year, date__month=latest.date.month
    )
    for issue in month.order_by("-date", "page_number"):
        if Issue.objects.published().filter(date=issue.date, page_number__lt=issue.page_number):
            continue  # the calendar links a date to its first page
        articles = public_articles(issue)
        if len(articles) >= 2 and articles[1].courts.exists():
            break
    else:
        pytest.fail("the demo content has no edition to walk through")
    first, second = articles[:2]
    court = second.courts.first()  # the first court the article page links to
    listed = Article.objects.published().in_court_subtree(court).order_by("-publish_at", "-pk")
    return EditionWalk(
        issue_url=issue.get_absolute_url(),
        first=first.headline,
        second=second.headline,
        court=court.display_name,
        court_name=court.name,
        court_url=court.get_absolute_url(),
        court_headlines=[article.headline for article in listed[:20]],
    )


def walk_an_edition(tab, walk):
    page = tab.page
    tab.goto("/")
    page.locator("[data-calendar]").locator(f'a[href="{walk.issue_url}"]').click()
    expect(page).to_have_url(tab.url(walk.issue_url))
    tab.check_page("walk-1-edition")

    page.locator(".edition__articles").get_by_role("link", name=walk.first, exact=True).click()
    expect(page.locator("h1")).to_have_text(walk.first)

    page.locator(".pager").locator("a[rel=next]").click()
    expect(page.locator("h1")).to_have_text(walk.second)
    tab.check_page("walk-2-next-article")

    page.locator(".story__courts").get_by_role("link", name=walk.court, exact=True).click()
    expect(page).to_have_url(tab.url(walk.court_url))
    expect(page.locator("h1")).to_have_text(walk.court_name)
    assert card_headlines(tab) == walk.court_headlines
    assert walk.second in card_headlines(tab)
    tab.check_page("walk-3-court")

    # ... and on to one of that court's articles.
    page.locator("article.card").first.locator(".card__title a").click()
    expect(page.locator("h1")).to_have_text(walk.court_headlines[0])
    tab.assert_clean()


def test_home_calendar_edition_article_next_court(browser, open_tab, viewport, demo):
    browser.run(walk_an_edition, open_tab(viewport), plan_edition_walk())


# --- /articles/ filtered by a city court: its basic courts' articles too, no other -------------


def city_with_basic_court_articles():
    """The city court with the most articles, some of them only about the courts below it."""
    published = Article.objects.published()
    cities = [
        city
        for city in Court.objects.cities()
        if published.in_court_subtree(city).exclude(courts=city).exists()
    ]
    return max(cities, key=lambda city: published.in_court_subtree(city).count())


def filter_by_city(tab, slug, expected):
    page = tab.page
    tab.goto("/articles/")
    everything = len(card_headlines(tab))
    filters = page.locator("details[data-filters]")
    if not filters.evaluate("details => details.open"):
        filters.locator("summary").click()  # closed on phones
    page.locator("select[name=court]").select_option(slug)
    page.locator("form.filters button[type=submit]").click()  # the form's one submit button
    expect(page).to_have_url(re.compile(rf"/articles/\?court={slug}$"))
    if tab.viewport == "phone":
        # folded again after filtering: the results start near the top of the screen
        assert not filters.evaluate("details => details.open")
        assert page.locator("article.card").first.bounding_box()["y"] < 844
    assert sorted(card_headlines(tab)) == sorted(expected)
    assert len(expected) < everything
    tab.check_page("articles-filtered")


def test_filter_articles_by_city_court(browser, open_tab, viewport, demo):
    city = city_with_basic_court_articles()
    expected = Article.objects.published().in_court_subtree(city)
    below = expected.exclude(courts=city)
    assert below.exists() and expected.count() <= 20  # one page, with basic courts' articles
    headlines = [article.headline for article in expected]
    browser.run(filter_by_city, open_tab(viewport), city.slug, headlines)


# --- search and open a result ------------------------------------------------------------------


def search_and_open(tab, words, headline):
    page = tab.page
    tab.goto("/")
    box = page.locator("#site-search")
    if not box.is_visible():  # phones: the search page, from the menu
        page.locator(".site-nav").get_by_role("link", name=re.compile("搜索|Search")).click()
        box = page.locator("main input[name=q]")
    box.fill(words)
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    result = page.locator("article.card .card__title a").filter(has_text=headline)
    expect(result).to_have_count(1)
    assert page.locator("article.card mark").count() > 0  # the words are marked
    tab.check_page("search-results")
    result.click()
    expect(page.locator("h1")).to_have_text(headline)
    tab.assert_clean()


def test_search_and_open_a_result(browser, open_tab, viewport, demo):
    article = Article.objects.published().filter(headline__contains=" ").first()
    words = article.headline.split()[0]
    browser.run(search_and_open, open_tab(viewport), words, article.headline)


# --- the printed page: tap an article's area ---------------------------------------------------


def tap_an_area(tab, issue_url, pk, headline):
    page = tab.page
    tab.goto(issue_url)
    area = page.locator(f'.page-map__area[data-article="{pk}"]').first
    expect(area).to_be_visible()
    area.click()
    expect(page.locator("h1")).to_have_text(headline)
    tab.assert_clean()


def test_click_an_article_on_the_page_image(browser, open_tab, viewport, demo):
    issue = Issue.objects.published().exclude(page_image="").order_by("-date").first()
    article = public_articles(issue)[-1]  # not simply the first area on the page
    assert article.page_areas.exists()
    browser.run(
        tap_an_area, open_tab(viewport), issue.get_absolute_url(), article.pk, article.headline
    )


# --- reading mode (适老化): text size, high contrast, focus, read aloud -----------------------


def change_text_size(tab, url):
    page = tab.page
    tab.goto(url)
    text = page.locator("[data-story-body] p").first

    def size():
        return text.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")

    standard = size()
    bar = page.locator("[data-reader-bar]")
    # the visible text is part of each button's name (label-content-name-mismatch)
    bar.get_by_role("button", name="A+").click()
    expect(page.locator("html")).to_have_attribute("data-font-size", "1")
    larger = size()
    assert larger > standard
    tab.check_page("article-larger-text")

    page.reload()  # remembered on this device
    expect(page.locator("html")).to_have_attribute("data-font-size", "1")
    assert size() == larger

    for _ in range(3):
        bar.get_by_role("button", name="A+").click()
    expect(page.locator("html")).to_have_attribute("data-font-size", "4")
    expect(bar.locator('[data-font-step="1"]')).to_be_disabled()  # the largest
    expect(bar.get_by_role("button", name="特大")).to_have_attribute("aria-pressed", "true")
    largest = size()
    assert largest > larger
    if tab.viewport == "phone":
        assert (
            largest >= 18
            and page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 18
        )
    assert_fits_the_screen(tab)
    tab.check_page("article-largest-text")

    bar.locator('[data-font-step="0"]').click()
    assert size() == standard
    bar.locator('[data-font-step="-1"]').click()
    assert size() < standard
    expect(bar.locator('[data-font-step="-1"]')).to_be_disabled()  # the smallest
    bar.get_by_role("button", name="特大").click()
    assert size() == largest
    tab.assert_clean()


def test_change_the_text_size(browser, open_tab, viewport, demo):
    article = Article.objects.published().exclude(issue=None).first()
    browser.run(change_text_size, open_tab(viewport), article.get_absolute_url())


def switch_to_high_contrast(tab, urls):
    page = tab.page
    tab.goto(urls[0])
    toggle = page.locator("[data-reader-bar]").get_by_role("button", name="高对比度")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(page.locator("html")).to_have_attribute("data-contrast", "high")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    for index, url in enumerate(urls):
        tab.goto(url)  # remembered on this device, on every page
        expect(page.locator("html")).to_have_attribute("data-contrast", "high")
        # every text at least 7:1 (WCAG AAA): by axe, and from the computed colours of every
        # text shown, which also counts what axe passes over (e.g. a lone arrow)
        tab.check_page(f"high-contrast-{index}", rules=["color-contrast-enhanced"])
        assert not tab.lowest_contrasts(7), (url, tab.lowest_contrasts(7))
    page.locator("[data-reader-bar]").get_by_role("button", name="高对比度").click()
    page.reload()
    expect(page.locator("html")).not_to_have_attribute("data-contrast", "high")
    tab.assert_clean()


def test_high_contrast_on_every_page(browser, open_tab, viewport, demo):
    issue = Issue.objects.published().exclude(page_image="").order_by("-date").first()
    article = public_articles(issue)[0]
    urls = ["/", issue.get_absolute_url(), article.get_absolute_url(), "/articles/", "/feeds/"]
    browser.run(switch_to_high_contrast, open_tab(viewport), urls)


def tab_to_focus(tab, url):
    """Keyboard focus is always visible: a thick outline on whatever has it."""
    page = tab.page
    tab.goto(url)
    for _ in range(12):
        page.keyboard.press("Tab")
        outline = page.evaluate(
            """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return [el.tagName, style.outlineStyle, parseFloat(style.outlineWidth)];
            }"""
        )
        assert outline[1] != "none" and outline[2] >= 3, outline
    tab.assert_clean()


def test_keyboard_focus_is_visible(browser, open_tab, demo):
    article = Article.objects.published().exclude(issue=None).first()
    browser.run(tab_to_focus, open_tab("desktop"), article.get_absolute_url())


# Headless Chromium has no voices: speechSynthesis is replaced by a recorder that "speaks" each
# utterance at once unless paused, and has the voices the test gives it; more can arrive later
# (window.__voicesArrive), as browsers load their voices after the page.
SPEECH_STUB = """
(voices) => {
  const log = [];
  window.__speech = log;
  const synth = Object.assign(new EventTarget(), {
    onvoiceschanged: null, paused: false, speaking: false, queue: [],
    getVoices: () => voices.map((v) => ({ lang: v, name: "stub " + v, default: false, localService: true })),
    speak(u) { log.push(["speak", u.text, u.lang, u.voice && u.voice.lang]); this.queue.push(u); this.speaking = true; },
    pause() { log.push(["pause"]); this.paused = true; },
    resume() { log.push(["resume"]); this.paused = false; },
    cancel() { log.push(["cancel"]); this.queue = []; this.speaking = false; },
    finish() { const last = this.queue.pop(); this.queue = []; this.speaking = false; if (last) { last.dispatchEvent(new Event("end")); } },
  });
  window.__voicesArrive = (more) => { voices.push(...more); synth.dispatchEvent(new Event("voiceschanged")); };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = class extends EventTarget {
    constructor(text) { super(); this.text = text; this.lang = ""; this.voice = null; }
  };
}
"""


def read_aloud(tab, url, headline):
    page = tab.page
    page.add_init_script(script=f"({SPEECH_STUB})({['en-US', 'zh-CN']!r})")
    tab.goto(url)
    speech = page.locator("[data-read-aloud]")
    expect(speech).to_be_visible()
    start = speech.get_by_role("button", name="朗读")
    pause = speech.locator('[data-speech="pause"]')
    stop = speech.get_by_role("button", name="停止")
    expect(pause).to_be_disabled()
    start.click()
    log = page.evaluate("window.__speech")
    spoken = [entry for entry in log if entry[0] == "speak"]
    assert spoken[0][1] == headline
    assert all(entry[2] == "zh-CN" and entry[3] == "zh-CN" for entry in spoken)
    assert all(len(entry[1]) <= 160 for entry in spoken)
    body = page.locator("[data-story-body]").inner_text()
    assert body.split()[0][:8] in "".join(entry[1] for entry in spoken)
    expect(pause).to_have_text("暂停")
    pause.click()
    expect(pause).to_have_text("继续")
    pause.click()
    expect(pause).to_have_text("暂停")
    assert [e[0] for e in page.evaluate("window.__speech")][-2:] == ["pause", "resume"]
    stop.click()
    assert page.evaluate("window.__speech")[-1] == ["cancel"]
    expect(pause).to_be_disabled()
    # read to the end: the controls are ready again
    start.click()
    page.evaluate("window.speechSynthesis.finish()")
    expect(start).to_have_attribute("aria-pressed", "false")
    tab.check_page("article-read-aloud")


def test_read_aloud_in_a_chinese_voice(browser, open_tab, viewport, demo):
    article = Article.objects.published().exclude(issue=None).first()
    browser.run(read_aloud, open_tab(viewport), article.get_absolute_url(), article.headline)


def no_chinese_voice(tab, url):
    page = tab.page
    page.add_init_script(script=f"({SPEECH_STUB})(['en-US'])")
    tab.goto(url)
    expect(page.locator("[data-reading-tools]")).to_be_visible()  # print is still there
    expect(page.locator("[data-read-aloud]")).to_be_hidden()
    tab.assert_clean()


def voices_arrive_late(tab, url):
    page = tab.page
    page.add_init_script(script=f"({SPEECH_STUB})([])")
    tab.goto(url)
    speech = page.locator("[data-read-aloud]")
    expect(speech).to_be_hidden()
    page.evaluate("window.__voicesArrive(['en-US'])")
    expect(speech).to_be_hidden()  # still no Chinese voice
    page.evaluate("window.__voicesArrive(['zh-CN'])")
    expect(speech).to_be_visible()
    speech.get_by_role("button", name="朗读").click()
    assert page.evaluate("window.__speech")[-1][0] == "speak"
    tab.assert_clean()


def test_read_aloud_appears_when_a_chinese_voice_arrives_late(browser, open_tab, demo):
    """Browsers load their voices after the page (getVoices() is empty at first)."""
    article = Article.objects.published().exclude(issue=None).first()
    browser.run(voices_arrive_late, open_tab("phone"), article.get_absolute_url())


def test_read_aloud_is_hidden_without_a_chinese_voice(browser, open_tab, demo):
    article = Article.objects.published().exclude(issue=None).first()
    browser.run(no_chinese_voice, open_tab("phone"), article.get_absolute_url())


def without_javascript(tab, url, headline):
    page = tab.page
    tab.goto(url)
    expect(page.locator("h1")).to_have_text(headline)
    expect(page.locator("[data-reader-bar]")).to_be_hidden()
    expect(page.locator("[data-reading-tools]")).to_be_hidden()
    assert page.locator("[data-story-body] p").first.inner_text()
    tab.assert_clean()


def test_pages_work_without_javascript(browser, open_tab, demo):
    article = Article.objects.published().exclude(issue=None).first()
    browser.run(
        without_javascript,
        open_tab("phone", javascript=False),
        article.get_absolute_url(),
        article.headline,
    )


# --- the home page on a phone ------------------------------------------------------------------


def home_on_a_phone(tab, headlines):
    page = tab.page
    tab.goto("/")
    tab.settle()
    first = page.locator(".lead-edition .story-list .card__title").first
    expect(first).to_have_text(headlines[0])
    assert first.bounding_box()["y"] + first.bounding_box()["height"] < 844  # on the first screen
    thumb = page.locator(".lead-edition .page-thumb")
    expect(thumb).to_be_visible()  # the page image, one tap away
    thumb.click()
    expect(page.locator(".page-map img, .edition img").first).to_be_visible()
    # every image keeps its room before it loads
    assert page.evaluate(
        "[...document.images].every((img) => img.getAttribute('width') && img.getAttribute('height'))"
    )
    tab.assert_clean()


def test_home_leads_with_the_headlines_on_a_phone(browser, open_tab, demo):
    issue = Issue.objects.published().order_by("-date", "page_number").first()
    browser.run(home_on_a_phone, open_tab("phone"), [a.headline for a in public_articles(issue)])
