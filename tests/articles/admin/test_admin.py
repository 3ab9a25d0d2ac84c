"""Every admin page renders for an editor, and the editor's forms save what they should."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Status
from courts.models import Court
from tests.articles.admin_forms import article_form_data, issue_form_data
from tests.factories import ArticleFactory, ContributorFactory, CreditFactory, IssueFactory

pytestmark = pytest.mark.django_db

MODELS = ["articles.issue", "articles.article", "articles.contributor", "courts.court"]


@pytest.fixture
def content():
    article = ArticleFactory(courts=[Court.objects.get(slug="chifeng")])
    CreditFactory(article=article)
    return article


@pytest.mark.parametrize("label", MODELS)
def test_changelist_add_and_change_pages_render(editor_client, content, label):
    app_label, model_name = label.split(".")
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    obj = model.objects.first()
    for url in [
        reverse(f"admin:{app_label}_{model_name}_changelist"),
        reverse(f"admin:{app_label}_{model_name}_add"),
        reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk]),
        reverse(f"admin:{app_label}_{model_name}_history", args=[obj.pk]),
    ]:
        response = editor_client.get(url)
        assert response.status_code == 200, url


def test_admin_index_and_filters_render(editor_client, content):
    assert editor_client.get(reverse("admin:index")).status_code == 200
    changelist = reverse("admin:articles_article_changelist")
    for query in ["?status=published", "?city=chifeng", "?city=nowhere", "?q=司法"]:
        assert editor_client.get(changelist + query).status_code == 200, query


def test_city_court_filter_includes_basic_courts(editor_client):
    from tests.factories import CourtFactory

    ordos = Court.objects.get(slug="ordos")
    inside = ArticleFactory(headline="鄂托克旗法院巡回审判", courts=[CourtFactory(parent=ordos)])
    outside = ArticleFactory(headline="赤峰中院座谈会", courts=[Court.objects.get(slug="chifeng")])
    response = editor_client.get(reverse("admin:articles_article_changelist") + "?city=ordos")
    assert inside.headline in response.text
    assert outside.headline not in response.text


def test_court_list_reads_as_a_tree(editor_client):
    response = editor_client.get(reverse("admin:courts_court_changelist"))
    text = response.text
    assert text.index("内蒙古自治区高级人民法院") < text.index("└ 赤峰市中级人民法院")


def test_autocomplete_for_courts_and_contributors(editor_client, content):
    ContributorFactory(name="肖玥")
    for model, term in [("courts.court", "赤峰"), ("articles.contributor", "肖")]:
        app_label, model_name = model.split(".")
        response = editor_client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "articles",
                "model_name": "article",
                "field_name": "courts" if model_name == "court" else "issue",
                "term": term,
            }
            if model_name == "court"
            else {
                "app_label": "articles",
                "model_name": "credit",
                "field_name": "contributor",
                "term": term,
            },
        )
        assert response.status_code == 200
        assert response.json()["results"], model


def test_editor_creates_an_article_with_cleaned_body_and_audit_fields(editor_client, editor):
    issue = IssueFactory(status=Status.DRAFT, publish_at=None)
    contributor = ContributorFactory(name="张树清")
    data = {
        "kicker": "",
        "headline": "全市法院院长会议召开",
        "subtitle": "",
        "byline": "本报通讯员●张树清",
        "dateline": "包头讯",
        "body": '<p onclick="x()">会议指出……</p><script>alert(1)</script>',
        "end_credit": "",
        "issue": issue.pk,
        "position": 1,
        "courts": [Court.objects.get(slug="baotou").pk],
        "status": Status.DRAFT,
        "publish_at_0": "",
        "publish_at_1": "",
        "review_note": "",
        "summary": "",
        "slug": "",
        "credits-TOTAL_FORMS": 1,
        "credits-INITIAL_FORMS": 0,
        "credits-0-position": 1,
        "credits-0-role": "correspondent",
        "credits-0-contributor": contributor.pk,
        "photos-TOTAL_FORMS": 0,
        "photos-INITIAL_FORMS": 0,
        "page_areas-TOTAL_FORMS": 1,
        "page_areas-INITIAL_FORMS": 0,
        "page_areas-0-left": 10,
        "page_areas-0-top": 5,
        "page_areas-0-width": 40,
        "page_areas-0-height": 30,
    }
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.body == "<p>会议指出……</p>"
    assert article.created_by == editor and article.updated_by == editor
    assert list(article.contributors.all()) == [contributor]
    assert article.page_areas.get().width == 40


@pytest.mark.parametrize("value", ["nowhere", "chifeng'--", "chifeng\u3000"])
def test_city_filter_takes_only_the_values_it_offers(editor_client, content, value):
    # (A NUL byte never reaches the filter: it is a 400 for the whole site, test_nul_bytes.py.)
    response = editor_client.get(reverse("admin:articles_article_changelist"), {"city": value})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0


def test_editions_list_counts_each_article_once_during_a_search(editor_client):
    issue = IssueFactory()
    for n in range(3):
        ArticleFactory(issue=issue, headline=f"执行攻坚 {n}")
    url = reverse("admin:articles_issue_changelist")
    for params in [{}, {"q": "执行"}]:
        rows = editor_client.get(url, params).context["cl"].result_list
        assert [row.n_articles for row in rows if row.pk == issue.pk] == [3], params


def test_contributor_autocomplete_loads_the_courts_with_the_contributors(editor_client):
    url = reverse("admin:autocomplete")
    params = {"app_label": "articles", "model_name": "credit", "field_name": "contributor"}
    chifeng = Court.objects.get(slug="chifeng")

    def queries():
        editor_client.get(url, params)  # sessions and permissions cached
        with CaptureQueriesContext(connection) as captured:
            response = editor_client.get(url, params)
        assert response.status_code == 200
        return len(captured.captured_queries), len(response.json()["results"])

    ContributorFactory.create_batch(2, court=chifeng)
    few, shown = queries()
    assert shown == 2
    ContributorFactory.create_batch(10, court=chifeng)
    assert queries() == (few, 12)


def test_edition_form_sets_positions_but_cannot_overwrite_an_article(editor_client):
    """Editor A opens the edition; B corrects a headline in the article's form; A moves the
    article on the page and saves the edition. B's correction stays."""
    issue = IssueFactory()
    article = ArticleFactory(issue=issue, position=1, headline="旧标题")
    url = reverse("admin:articles_issue_change", args=[issue.pk])
    page = editor_client.get(url)
    form = page.context["adminform"].form
    inline_fields = page.context["inline_admin_formsets"][0].formset.forms[0].fields
    assert "position" in inline_fields
    assert {"kicker", "headline", "subtitle"}.isdisjoint(inline_fields)
    fresh = Article.objects.get(pk=article.pk)
    fresh.headline = "更正后的标题"
    fresh.save()
    local = timezone.localtime(issue.publish_at)
    data = {
        **{
            name: form[name].value() or ""
            for name in ["date", "page_number", "title", "banner", "loaded_version"]
        },
        "quote": "",
        "quote_attribution": "",
        "publish_at_0": local.strftime("%Y-%m-%d"),
        "publish_at_1": local.strftime("%H:%M:%S"),
        "articles-TOTAL_FORMS": 1,
        "articles-INITIAL_FORMS": 1,
        "articles-0-id": article.pk,
        "articles-0-issue": issue.pk,
        "articles-0-position": 2,
        "articles-0-kicker": "",
        "articles-0-headline": "旧标题",  # as A's page showed it
        "articles-0-subtitle": "",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert (article.position, article.headline) == (2, "更正后的标题")


def test_edition_form_adds_no_article_and_deletes_none(editor_client):
    issue = IssueFactory()
    article = ArticleFactory(issue=issue, position=1)
    url = reverse("admin:articles_issue_change", args=[issue.pk])
    response = editor_client.get(url)
    inline = response.context["inline_admin_formsets"][0]
    assert not inline.has_add_permission and not inline.has_delete_permission
    assert "DELETE" not in inline.formset.forms[0].fields
    data = issue_form_data(issue)
    data.update(
        {
            "articles-TOTAL_FORMS": 1,
            "articles-INITIAL_FORMS": 1,
            "articles-0-id": article.pk,
            "articles-0-issue": issue.pk,
            "articles-0-position": 1,
            "articles-0-DELETE": "on",  # forged
        }
    )
    assert editor_client.post(url, data).status_code == 302
    assert Article.objects.filter(pk=article.pk, issue=issue).exists()


def test_a_drafts_address_follows_the_headline_unless_chosen_by_hand(editor_client, client):
    """Until it is published: a published article's address stays as readers shared it."""
    article = ArticleFactory(headline="通讯员测试稿件", status=Status.DRAFT, publish_at=None)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = article_form_data(article, headline="草原上的巡回法庭")
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.slug == "草原上的巡回法庭"
    # An address set by hand stays when the headline changes again.
    data = article_form_data(article, slug="xunhui-fating")
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    data = article_form_data(article, headline="巡回法庭进牧区")
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.slug == "xunhui-fating"
    # Published, its address stays whatever its headline becomes.
    published = ArticleFactory(headline="已发布的标题")
    url = reverse("admin:articles_article_change", args=[published.pk])
    data = article_form_data(published, headline="改过的标题")
    assert editor_client.post(url, data).status_code == 302
    published.refresh_from_db()
    assert published.slug == "已发布的标题"
    assert client.get(published.get_absolute_url()).status_code == 200
