"""Article pages, the article list, the search page and contributor pages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Credit
from courts.models import Court
from tests.factories import (
    ArticleFactory,
    ContributorFactory,
    CourtFactory,
    CreditFactory,
    IssueFactory,
    PhotoFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    """An edition with three articles in print order, the middle one fully dressed."""
    issue = IssueFactory()
    first = ArticleFactory(issue=issue, position=1, headline="第一篇")
    middle = ArticleFactory(
        issue=issue,
        position=2,
        kicker="学习贯彻习近平法治思想",
        headline="谋篇定方向 蓄力开新局",
        subtitle="包头市中级人民法院召开全市法院院长会议",
        byline="本报记者●肖玥 通讯员●张树清",
        dateline="包头讯",
        body="<p>会议指出，要坚持司法为民。</p><h2>筑牢政治忠诚</h2><p>第二段。</p>",
        end_credit="（包头市中级人民法院供稿）",
        courts=[Court.objects.get(slug="baotou")],
    )
    last = ArticleFactory(issue=issue, position=3, headline="第三篇")
    return issue, first, middle, last


def test_article_page_shows_every_part_in_print_order(client, page):
    issue, first, article, last = page
    reporter = CreditFactory(article=article, role=Credit.Role.REPORTER).contributor
    photo = PhotoFactory(article=article, caption="院长会议现场", alt_text="会场全景")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    parts = [
        "学习贯彻习近平法治思想",
        "谋篇定方向 蓄力开新局",
        "包头市中级人民法院召开全市法院院长会议",
        "本报记者●肖玥 通讯员●张树清",
        '<strong class="dateline">包头讯</strong>',
        "会议指出，要坚持司法为民。",
        "<h2>筑牢政治忠诚</h2>",
        "（包头市中级人民法院供稿）",
    ]
    story = html[html.index('<article class="story"') :]
    positions = [story.index(part) for part in parts]
    assert positions == sorted(positions)
    assert 'alt="会场全景"' in html and "院长会议现场" in html
    assert "/media/renditions/" + photo.image.name.removesuffix(".jpg") + "/" in html  # resized
    assert photo.photographer.name in html
    assert reporter.get_absolute_url() in html
    assert reverse("courts:detail", args=["baotou"]) in html
    assert issue.get_absolute_url() in html
    assert "data-reading-tools" in html and "css/print.css" in html


def test_previous_and_next_article_on_the_same_page(client, page):
    issue, first, middle, last = page
    response = client.get(middle.get_absolute_url())
    assert response.context["previous_article"] == first
    assert response.context["next_article"] == last
    assert [a.pk for a in response.context["page_articles"]] == [first.pk, middle.pk, last.pk]
    assert client.get(first.get_absolute_url()).context["previous_article"] is None
    assert client.get(last.get_absolute_url()).context["next_article"] is None


def test_web_only_article_has_no_page_neighbours(client):
    article = ArticleFactory(issue=None)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response.context["page_articles"] == []


def test_related_articles_share_a_court_newest_first(client, page):
    article = page[2]
    baotou = Court.objects.get(slug="baotou")
    older = ArticleFactory(courts=[baotou], headline="同院旧闻")
    unrelated = ArticleFactory(courts=[Court.objects.get(slug="chifeng")], headline="他院新闻")
    related = client.get(article.get_absolute_url()).context["related"]
    assert older in related and unrelated not in related and article not in related


def test_wrong_slug_redirects_and_short_url_redirects(client, page):
    article = page[2]
    wrong = reverse("articles:detail", kwargs={"pk": article.pk, "slug": "wrong"})
    response = client.get(wrong)
    assert response.status_code == 301 and response["Location"] == article.get_absolute_url()
    short = client.get(reverse("articles:short", args=[article.pk]))
    assert short.status_code == 301 and short["Location"] == article.get_absolute_url()
    assert client.get(reverse("articles:short", args=[99999])).status_code == 404


def test_article_list_newest_first_and_paginated_in_the_database(client):
    issue = IssueFactory()
    articles = [ArticleFactory(issue=issue) for _ in range(25)]
    response = client.get(reverse("articles:list"))
    assert response.context["paginator"].count == 25
    assert len(response.context["articles"]) == 20
    listed = [a.pk for a in response.context["articles"]]
    newest = sorted(articles, key=lambda a: (a.publish_at, a.pk), reverse=True)
    assert listed == [a.pk for a in newest[:20]]
    second = client.get(reverse("articles:list"), {"page": 2})
    assert len(second.context["articles"]) == 5


def test_empty_list_says_so(client):
    response = client.get(reverse("articles:list"))
    assert response.status_code == 200
    assert response.context["paginator"].count == 0
    assert 'class="empty"' in response.content.decode()


def test_active_filters_are_shown_with_removal_links(client):
    ArticleFactory(courts=[Court.objects.get(slug="ordos")])
    response = client.get(reverse("articles:list"), {"court": "ordos", "q": "司法", "page": "1"})
    chips = {chip["name"]: chip for chip in response.context["active_filters"]}
    assert set(chips) == {"court", "q"}
    assert chips["court"]["value"] == "鄂尔多斯市中级人民法院"
    # Removing the court keeps the words and drops the page.
    assert chips["court"]["remove"].urlencode() == "q=%E5%8F%B8%E6%B3%95"
    html = response.content.decode()
    assert 'href="?q=%E5%8F%B8%E6%B3%95"' in html


@pytest.mark.parametrize(
    "params",
    [
        {"court": "atlantis"},
        {"date_from": "2025-99-01"},
        {"date_to": "yesterday"},
        {"date_from": "0001-01-01"},
        {"date_to": "9999-12-31"},
        {"contributor": "abc"},
        {"contributor": "999999"},
        {"q": "x" * 500},
        {"page": "abc"},
        {"page": "99999999999999999999"},
        {"page": "-3"},
    ],
    ids=lambda p: str(p)[:40],
)
def test_bad_parameters_give_a_normal_page_with_a_message(client, params):
    ArticleFactory(courts=[Court.objects.get(slug="ordos")])
    response = client.get(reverse("articles:list"), params)
    assert response.status_code == 200
    assert response.context["problems"] or response.context["page_notice"]
    assert response.context["paginator"].count == 1  # the bad filter is left out


@pytest.mark.parametrize("q", ["%", "_", "\\", "(", "[a-", "*", "' OR 1=1 --", "&amp;", "<p>"])
def test_query_characters_are_literal(client, q):
    ArticleFactory(headline="司法为民")
    response = client.get(reverse("articles:list"), {"q": q, "court": ["ordos", "chifeng"]})
    assert response.status_code == 200
    assert response.context["paginator"].count == 0


def test_unknown_court_is_reported_and_not_applied(client):
    ArticleFactory()
    response = client.get(reverse("articles:list"), {"court": "atlantis"})
    assert response.context["paginator"].count == 1
    [(label, message)] = response.context["problems"]
    assert "atlantis" in message
    assert message in response.content.decode()


def test_start_after_end_says_so_and_leaves_both_dates_out(client):
    """The notice says the dates were left out: they are (no chips, the list unfiltered by
    them), while the other filters still apply."""
    ArticleFactory(courts=[Court.objects.get(slug="ordos")])
    ArticleFactory(courts=[Court.objects.get(slug="baotou")])
    response = client.get(
        reverse("articles:list"),
        {"court": "ordos", "date_from": "2025-06-02", "date_to": "2025-06-01"},
    )
    assert response.status_code == 200
    assert [message for _label, message in response.context["problems"]] == [
        "The start date is after the end date."
    ]
    assert [chosen["name"] for chosen in response.context["active_filters"]] == ["court"]
    assert response.context["paginator"].count == 1


def test_a_contributor_published_after_the_process_started_can_be_filtered(client):
    """The filter's choices are the contributors with a public page now, not when the process
    started (published() reads the clock)."""
    client.get(reverse("articles:list"), {"contributor": "1"})  # the filter is made here
    person = ContributorFactory(name="新来的通讯员")
    just_now = ArticleFactory(headline="新发布的稿件", publish_at=timezone.now())
    CreditFactory(contributor=person, article=just_now)
    response = client.get(reverse("articles:list"), {"contributor": person.pk})
    assert not response.context["problems"]
    assert [a.headline for a in response.context["articles"]] == ["新发布的稿件"]


def test_canonical_address_keeps_the_lists_own_filters(client):
    ordos = Court.objects.get(slug="ordos")
    for _ in range(21):
        ArticleFactory(courts=[ordos])
    response = client.get(reverse("articles:list"), {"court": "ordos", "page": 2, "utm": "x"})
    assert response.context["canonical_path"] == "/articles/?court=ordos&page=2"
    assert 'href="http://testserver/articles/?court=ordos&amp;page=2"' in response.text
    first = client.get(reverse("articles:list"), {"court": "ordos"})
    assert first.context["canonical_path"] == "/articles/?court=ordos"
    assert "canonical_path" not in client.get(reverse("articles:list")).context


def test_search_page_without_words_lists_nothing_but_explains(client):
    ArticleFactory(headline="司法为民")
    for params in [{}, {"q": ""}, {"q": "   "}]:
        response = client.get(reverse("articles:search"), params)
        assert response.status_code == 200
        assert not response.context["has_query"]
        assert list(response.context["articles"]) == []


def test_search_finds_and_combines_with_filters(client):
    ordos = Court.objects.get(slug="ordos")
    basic = CourtFactory(parent=ordos, name="鄂托克旗人民法院", slug="etuokeqi")
    hit = ArticleFactory(headline="巡回审判进草原", courts=[basic])
    ArticleFactory(headline="巡回审判进社区", courts=[Court.objects.get(slug="chifeng")])
    ArticleFactory(headline="执行攻坚", courts=[basic])
    response = client.get(reverse("articles:search"), {"q": "巡回", "court": "ordos"})
    assert [a.pk for a in response.context["articles"]] == [hit.pk]
    assert response.context["has_query"]
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html


def test_search_with_junk_is_a_normal_page(client):
    ArticleFactory(headline="司法为民")
    for q in ["<script>alert(1)</script>", "' OR 1=1 --", "%%%", "\\", "(", "[a-"]:
        response = client.get(reverse("articles:search"), {"q": q})
        assert response.status_code == 200, q
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_contributor_page_lists_articles_by_role(client):
    person = ContributorFactory(name="齐翰文")
    wrote = ArticleFactory(headline="他写的稿")
    shot = ArticleFactory(headline="他拍的照")
    CreditFactory(article=wrote, contributor=person, role=Credit.Role.REPORTER)
    CreditFactory(article=shot, contributor=person, role=Credit.Role.PHOTOGRAPHER)
    CreditFactory(article=ArticleFactory(headline="别人的稿"))
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    assert {a.pk for a in response.context["articles"]} == {wrote.pk, shot.pk}
    roles = {row["role"]: row["count"] for row in response.context["roles"]}
    assert roles == {"reporter": 1, "photographer": 1}
    only_photos = client.get(person.get_absolute_url(), {"role": "photographer"})
    assert [a.pk for a in only_photos.context["articles"]] == [shot.pk]
    bad_role = client.get(person.get_absolute_url(), {"role": "astronaut"})
    assert bad_role.status_code == 200 and bad_role.context["role_notice"]
    assert bad_role.context["paginator"].count == 2


def test_contributor_without_public_articles_is_404(client):
    person = ContributorFactory()
    assert client.get(person.get_absolute_url()).status_code == 404
    inactive = ContributorFactory(is_active=False)
    CreditFactory(contributor=inactive)
    assert client.get(inactive.get_absolute_url()).status_code == 404


def test_contributor_waiting_for_review_is_not_shown(client, page):
    """A contributor a page import created (needs_review) is hidden until an editor checks it,
    as a court is: no page, no credit on the article page, no filter chip."""
    _issue, _first, article, _last = page
    checked = ContributorFactory(name="肖玥")
    misread = ContributorFactory(name="某某讯", needs_review=True)
    CreditFactory(article=article, contributor=checked, role=Credit.Role.REPORTER)
    CreditFactory(article=article, contributor=misread)
    assert client.get(misread.get_absolute_url()).status_code == 404
    assert client.get(checked.get_absolute_url()).status_code == 200
    text = client.get(article.get_absolute_url()).content.decode()
    assert checked.get_absolute_url() in text
    assert misread.get_absolute_url() not in text
    listing = client.get(reverse("articles:list"), {"contributor": misread.pk})
    assert "某某讯" not in listing.content.decode()


def test_photographer_is_credited_only_once_shown(client, page):
    """A photo's photographer (often created by a page import, waiting for review) is credited
    on the article page only while readers may see the name, as a credit is."""
    _issue, _first, article, _last = page
    checked = ContributorFactory(name="齐翰文")
    waiting = ContributorFactory(name="待审摄影", needs_review=True)
    inactive = ContributorFactory(name="停用摄影", is_active=False)
    for photographer in (checked, waiting, inactive):
        PhotoFactory(article=article, photographer=photographer)
    text = client.get(article.get_absolute_url()).content.decode()
    assert "齐翰文" in text
    assert "待审摄影" not in text and "停用摄影" not in text
    waiting.needs_review = False
    waiting.save()
    assert "待审摄影" in client.get(article.get_absolute_url()).content.decode()


def test_contributor_page_names_a_court_only_once_it_is_checked(client):
    court = CourtFactory(name="待核实的法院", needs_review=True)
    person = ContributorFactory(name="齐翰文", court=court)
    CreditFactory(contributor=person)
    text = client.get(person.get_absolute_url()).content.decode()
    assert "待核实的法院" not in text
    assert court.get_absolute_url() not in text
    court.needs_review = False
    court.save()
    text = client.get(person.get_absolute_url()).content.decode()
    assert "待核实的法院" in text and court.get_absolute_url() in text


def test_search_marks_the_words_and_escapes_the_rest(client):
    ArticleFactory(headline="<b>巡回</b>审判 & Tiaojie", subtitle="tiaojie 在草原")
    response = client.get(reverse("articles:search"), {"q": "巡回 TIAOJIE"})
    html = response.content.decode()
    assert "&lt;b&gt;<mark>巡回</mark>&lt;/b&gt;审判 &amp; <mark>Tiaojie</mark>" in html
    assert "<mark>tiaojie</mark> 在草原" in html
    # Outside the search page nothing is marked.
    assert "<mark>" not in client.get(reverse("articles:list"), {"q": "巡回"}).content.decode()


def test_court_and_date_fields_are_folded_after_filtering_unless_one_is_wrong(client):
    def folded(url, params):
        html = client.get(url, params).content.decode()
        return "data-filters open" not in html

    for url in (reverse("articles:search"), reverse("articles:list")):
        assert folded(url, {"q": "司法"})
        # the results start at the top of the screen; the chips say what is in force
        assert folded(url, {"q": "司法", "court": "ordos"})
        assert folded(url, {"court": "ordos", "date_from": "2024-01-01"})
        assert not folded(url, {"q": "司法", "date_from": "bad"})


def test_the_filter_form_has_one_submit_button(client):
    for url in (reverse("articles:search"), reverse("articles:list")):
        html = client.get(url, {"court": "ordos"}).content.decode()
        form = html[html.index('<form method="get" action="' + url) :]
        form = form[: form.index("</form>")]
        assert form.count('type="submit"') == 1
