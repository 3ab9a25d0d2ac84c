"""
Every public page type in a browser, on a phone and on a desktop: it loads with no console error
and no failed request, axe-core finds no moderate, serious or critical accessibility violation, and a
screenshot is kept in artifacts/screens/. Nothing overflows the screen sideways, and the Chinese
text is set in a CJK font.
"""

import pytest

from articles.models import Article, Contributor, Issue
from corrections.models import Correction
from courts.models import Court
from tests.e2e.browsing import assert_fits_the_screen

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def public_pages():
    """(name, path) of one page of each public type, from the demo content."""
    articles = Article.objects.published()
    issue = Issue.objects.published().order_by("-date", "page_number").first()
    article = articles.filter(issue=issue).exclude(photos=None).first() or articles.first()
    city = max(Court.objects.cities(), key=lambda c: articles.in_court_subtree(c).count())
    basic = Court.objects.filter(parent=city, articles__in=articles).first()
    contributor = Contributor.objects.filter(credits__article__in=articles).first()
    word = article.headline[:2]
    # The article page with its corrections above the body, as on /corrections/.
    Correction.objects.create(
        article=article,
        text="本文第二段中“受理案件三千件”有误，应为“受理案件三千二百件”。特此更正。",
    )
    Correction.objects.create(
        article=article,
        kind=Correction.Kind.CLARIFICATION,
        text="本文所称“诉前调解”，指纠纷起诉到法院之前由调解组织进行的调解。",
    )
    return [
        ("home", "/"),
        ("editions", "/issues/"),
        ("editions-month", f"/issues/{issue.date.year}/{issue.date.month}/"),
        ("edition", issue.get_absolute_url()),
        ("article", article.get_absolute_url()),
        ("articles", "/articles/"),
        ("articles-court", f"/articles/?court={city.slug}"),
        # A long unbroken word in a filter chip wraps instead of widening a phone's page.
        (
            "articles-long-word",
            f"/articles/?court={city.slug}&q=https://fyzk.example.cn/a/" + "x" * 60,
        ),
        ("search-empty", "/search/"),
        ("search", f"/search/?q={word}"),
        ("courts", "/courts/"),
        ("court-city", city.get_absolute_url()),
        ("court-basic", basic.get_absolute_url()),
        ("contributor", contributor.get_absolute_url()),
        ("corrections", "/corrections/"),
        ("corrections-policy", "/about/corrections/"),
    ]


def assert_styled_in_a_cjk_font(tab):
    """The site's stylesheet applies, and the Chinese text is drawn in a CJK font: without
    one Chromium draws boxes (tofu) in whatever font it has."""
    style = tab.page.evaluate(
        """() => ({
            sheets: [...document.styleSheets].map((sheet) => sheet.href && sheet.cssRules.length),
            masthead: getComputedStyle(document.querySelector(".masthead")).backgroundColor,
        })"""
    )
    assert all(style["sheets"]), style  # every stylesheet loaded, and has rules
    assert style["masthead"] not in ("rgba(0, 0, 0, 0)", "transparent"), style
    fonts = tab.fonts_used("main")
    assert any("CJK" in font or "WenQuanYi" in font for font in fonts), fonts


def check_pages(tab, pages):
    for name, path in pages:
        tab.goto(path)
        assert_fits_the_screen(tab)
        assert_styled_in_a_cjk_font(tab)
        tab.check_page(name, defer=True)
    tab.assert_clean()


def test_every_public_page(browser, open_tab, viewport, demo):
    browser.run(check_pages, open_tab(viewport), public_pages())


def check_not_found(tab):
    tab.goto("/articles/999999/no-such-article/", expect_status=404)
    assert tab.page.locator("h1").is_visible()
    assert_fits_the_screen(tab)
    assert_styled_in_a_cjk_font(tab)
    tab.check_page("not-found")


def test_not_found_page(browser, open_tab, viewport, demo):
    browser.run(check_not_found, open_tab(viewport))
