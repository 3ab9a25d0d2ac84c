"""
Article cards (articles/templatetags/cards.py) are kept in the data cache per content generation:
a page the page cache does not hold renders only the cards it has not rendered since the last
change, and no change ever leaves a card stale.
"""

import re
from unittest import mock

import pytest
from django.template import Context, Template
from django.test import Client
from django.test.signals import template_rendered
from django.urls import reverse, reverse_lazy

from articles.models import Article, Credit, Status
from articles.templatetags.cards import CARD_TEMPLATE
from courts.models import Court
from newsroom import generation
from tests.factories import ArticleFactory, ContributorFactory, CreditFactory, IssueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Every request renders its page: what is measured here is the cards' own cache."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def stories():
    issue = IssueFactory()
    ordos = Court.objects.get(slug="ordos")
    return [
        ArticleFactory(issue=issue, headline=f"草原法庭第{n}案", courts=[ordos]) for n in range(3)
    ]


def cards_rendered(response):
    return [t.name for t in response.templates].count(CARD_TEMPLATE)


def test_a_card_is_rendered_once_per_generation():
    reader = Client()
    issue = IssueFactory()
    for n in range(3):
        ArticleFactory(issue=issue, headline=f"草原法庭第{n}案")
    url = reverse("articles:list")
    first = reader.get(url)
    assert cards_rendered(first) == 3
    second = reader.get(url)
    assert cards_rendered(second) == 0
    assert second.content == first.content
    # Another page with the same cards at the same level reuses them.
    assert cards_rendered(reader.get(url + "?court=")) == 0


def test_a_change_renders_every_card_anew(stories):
    reader = Client()
    url = reverse("articles:list")
    reader.get(url)
    stories[0].headline = "草原法庭改了标题"
    stories[0].save()
    response = reader.get(url)
    assert cards_rendered(response) == 3
    assert "草原法庭改了标题" in response.content.decode()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda story: Court.objects.filter(slug="ordos").get().save(), id="court"),
        pytest.param(lambda story: story.courts.clear(), id="courts of the article"),
        pytest.param(
            lambda story: CreditFactory(article=story, contributor=ContributorFactory()),
            id="credit",
        ),
        pytest.param(lambda story: story.issue.save(), id="edition"),
    ],
)
def test_what_a_card_shows_besides_the_article_renews_it(stories, change):
    reader = Client()
    url = reverse("articles:list")
    reader.get(url)
    change(stories[0])
    assert cards_rendered(reader.get(url)) == 3


def test_a_renamed_court_shows_on_the_cards(stories):
    reader = Client()
    url = reverse("articles:list")
    assert "鄂尔多斯中院（新）" not in reader.get(url).content.decode()
    court = Court.objects.get(slug="ordos")
    court.short_name = "鄂尔多斯中院（新）"
    court.save()
    assert reader.get(url).content.decode().count("鄂尔多斯中院（新）") >= 3


def test_cards_differ_by_level_and_excerpt(stories):
    """The edition page (h3, with excerpts, no edition link) and the list (h2) keep their own."""
    reader = Client()
    reader.get(reverse("articles:list"))
    html = reader.get(stories[0].issue.get_absolute_url()).content.decode()
    assert '<h3 class="card__title">' in html
    assert 'class="card__issue"' not in html.split('class="card"', 1)[1]


def test_highlighted_cards_are_not_kept(stories, rf):
    """Search words make a card one reader's: rendered every time, never stored."""
    rendered = []

    def count(sender, template, **kwargs):
        rendered.append(template.name)

    card = Template("{% load cards %}{% article_card article %}")
    context = {"article": stories[0], "request": rf.get("/")}
    template_rendered.connect(count)
    try:
        marked = [card.render(Context({**context, "highlight": ["草原"]})) for _ in range(2)]
        plain = card.render(Context(context))
    finally:
        template_rendered.disconnect(count)
    assert rendered.count(CARD_TEMPLATE) == 3
    assert all("<mark>草原</mark>" in html for html in marked)
    assert "<mark>" not in plain


def test_a_preview_never_uses_the_public_cards(editor_client, stories, rf):
    """A preview's cards link to previews, even when the public card is in the cache."""
    issue = stories[0].issue
    issue.status, issue.publish_at = Status.REVIEW, None
    issue.save()
    # The public card as the edition page shows it, kept.
    public = Template("{% load cards %}{% article_card article 3 True True %}")
    public.render(Context({"article": stories[0], "request": rf.get("/")}))
    html = editor_client.get(reverse("articles:issue_preview", args=[issue.pk])).content.decode()
    assert reverse("articles:preview", args=[stories[0].pk]) in html
    assert stories[0].get_absolute_url() + '"' not in html


@pytest.mark.parametrize("page_cache", [False, True], ids=["page cache off", "page cache on"])
@pytest.mark.parametrize("url", [reverse_lazy("home"), reverse_lazy("articles:list")])
def test_cards_render_when_the_caches_are_down(stories, settings, page_cache, url):
    """Redis down: the content generation cannot be read either (one server holds both)."""
    settings.PAGE_CACHE_ENABLED = page_cache
    broken = mock.Mock(side_effect=ConnectionError("cache down"))
    with (
        mock.patch.object(generation.fragment_cache(), "get", broken),
        mock.patch.object(generation.fragment_cache(), "set", broken),
        mock.patch.object(generation.generation_cache(), "get", broken),
    ):
        response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == 3


def test_contributor_pages_show_each_contributors_own_roles():
    """The card on a contributor's page shows that contributor's roles: the same article is
    another card on a colleague's page."""
    article = ArticleFactory(issue=IssueFactory())
    reporter, photographer = ContributorFactory(name="记者甲"), ContributorFactory(name="摄影乙")
    CreditFactory(article=article, contributor=reporter, role=Credit.Role.REPORTER)
    CreditFactory(article=article, contributor=photographer, role=Credit.Role.PHOTOGRAPHER)
    reader = Client()

    def badges(contributor):
        html = reader.get(contributor.get_absolute_url()).content.decode()
        return re.findall(r'<span class="badge">([^<]*)</span>', html.split('class="card"', 1)[1])

    assert badges(reporter) == [str(Credit.Role.REPORTER.label)]
    assert badges(photographer) == [str(Credit.Role.PHOTOGRAPHER.label)]


def test_cards_are_kept_apart_from_pages(stories, settings):
    """In the process's own memory, whatever holds the pages: cards never push pages out."""
    settings.PAGE_CACHE_ENABLED = True
    Client().get(reverse("articles:list"))
    assert generation.fragment_cache() is not generation.data_cache()
    assert len(generation.fragment_cache()._cache) == 3  # one card per article


@pytest.mark.parametrize("signed_in", [False, True], ids=["reader", "signed-in"])
def test_a_change_committed_during_a_render_leaves_no_stale_card(
    stories, editor, signed_in, monkeypatch
):
    """Another process commits an edit (and renews the generation) after this request read its
    articles but before it rendered their cards: the cards it keeps must be filed under the
    generation it started with, which the edit made unreachable."""
    story = stories[0]
    client = Client()
    if signed_in:
        client.force_login(editor)
    rendered = generation.request_generation

    def edit_elsewhere_then_read(request):
        if not edited:
            edited.append(True)
            Article.objects.filter(pk=story.pk).update(headline="另一进程改过的标题")
            generation.bump_content_generation()  # that process's commit
        return rendered(request)

    edited = []
    monkeypatch.setattr("articles.templatetags.cards.request_generation", edit_elsewhere_then_read)
    client.get(reverse("articles:list"))
    monkeypatch.undo()
    html = Client().get(reverse("articles:list")).content.decode()
    assert "另一进程改过的标题" in html and "草原法庭第0案" not in html
