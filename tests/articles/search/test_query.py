"""
Search: segmentation, matching, phrases, exclusions, ranking, snippets and the search page, on
both databases; the PostgreSQL index and the SQLite fallback each on their own.
"""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, SearchDocument, Status
from articles.search.query import (
    MAX_TERMS,
    RankedResults,
    parse_query,
    ranked,
    search_articles,
    snippet,
)
from articles.search.segmentation import segmenter
from courts.models import Court
from tests.factories import (
    ArticleFactory,
    ContributorFactory,
    CourtFactory,
    CreditFactory,
    IssueFactory,
)

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the tsvector and its GIN index are PostgreSQL's"
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the fallback engine runs on SQLite only"
)


def found(q):
    return set(search_articles(Article.objects.published(), q).values_list("headline", flat=True))


def best_first(q, queryset=None):
    queryset = queryset if queryset is not None else Article.objects.published()
    results = ranked(search_articles(queryset, q), q)
    return [article.headline for article in results[: len(results)]]


# Segmentation


def test_mixed_chinese_numbers_and_latin():
    words = segmenter.words("APP上线后执行到位3033.28万元，Ｗｅｂ版12368热线")
    for word in ("app", "上线", "执行", "到位", "3033", "28", "万元", "web", "12368", "热线"):
        assert word in words
    assert "，" not in words and "." not in words


def test_domain_words_and_the_words_inside_them():
    words = segmenter.words("鄂尔多斯市鄂托克旗人民法院坚持诉源治理，推进枫桥经验")
    for word in ("鄂托克旗", "人民法院", "法院", "诉源治理", "枫桥经验", "枫桥", "经验"):
        assert word in words
    assert "诉源治理" in segmenter.query_words("诉源治理")
    assert "执行难" in segmenter.words("切实解决执行难问题")


def test_a_query_is_cut_like_an_article():
    text = "巡回审判进牧区"
    assert set(segmenter.query_words(text)) <= set(segmenter.words(f"今天{text}。"))


def test_parse_query():
    query = parse_query('法院 “枫桥经验” -执行 －"失信被执行人" "unclosed')
    assert [(t.text, t.phrase) for t in query.wanted] == [
        ("法院", False),
        ("枫桥经验", True),
        ("unclosed", False),
    ]
    assert [(t.text, t.phrase) for t in query.excluded] == [("执行", False), ("失信被执行人", True)]
    assert str(query) == "法院 “枫桥经验” unclosed -执行 -“失信被执行人”"
    assert parse_query("！！！ ... %").is_empty
    assert parse_query("-执行").is_empty
    assert parse_query(None).is_empty
    assert len(parse_query(" ".join(f"词{i}" for i in range(50))).wanted) == MAX_TERMS


# Matching


@pytest.mark.parametrize(
    "field, value",
    [
        ("kicker", "草原巡回法庭开庭"),
        ("subtitle", "草原巡回法庭开庭"),
        ("byline", "通讯员●草原巡回法庭"),
        ("dateline", "草原巡回法庭讯"),
        ("end_credit", "(草原巡回法庭供稿)"),
        ("summary", "草原巡回法庭开庭。"),
        ("body", "<p>今天草原巡回法庭开庭。</p>"),
    ],
)
def test_each_part_is_searched(field, value):
    ArticleFactory(headline="甲", **{field: value})
    ArticleFactory(headline="乙")
    assert found("巡回法庭") == {"甲"}


def test_headline_courts_and_contributors_are_searched():
    ArticleFactory(headline="巡回审判进牧区")
    court = CourtFactory(name="阿拉善左旗人民法院", short_name="阿左旗法院", aliases="左旗法院")
    ArticleFactory(headline="关于法院", courts=[court])
    CreditFactory(article=ArticleFactory(headline="署名稿"), contributor__name="乌云其木格")
    assert found("牧区") == {"巡回审判进牧区"}
    assert found("阿拉善左旗") == {"关于法院"}
    assert found("左旗法院") == {"关于法院"}
    assert found("乌云其木格") == {"署名稿"}


def test_short_words_are_found_inside_longer_ones():
    ArticleFactory(headline="甲", body="<p>鄂托克旗人民法院执行局开展集中执行行动。</p>")
    ArticleFactory(headline="乙", body="<p>草原上的牧民。</p>")
    assert found("法院") == {"甲"}
    assert found("执行") == {"甲"}
    assert found("鄂托克旗") == {"甲"}
    assert found("执行局") == {"甲"}


def test_every_word_must_match():
    ArticleFactory(headline="巡回审判", subtitle="进草原")
    ArticleFactory(headline="巡回审判", subtitle="进社区")
    assert found("巡回 草原") == {"巡回审判"}
    assert len(search_articles(Article.objects.published(), "巡回\u3000社区")) == 1


def test_latin_ignores_case_and_width():
    ArticleFactory(headline="APP 上线")
    assert found("app") == {"APP 上线"}
    assert found("ａｐｐ") == {"APP 上线"}


def test_markup_is_not_text():
    ArticleFactory(headline="加粗", body="<p><strong>重点</strong>工作</p>")
    ArticleFactory(headline="链接", body='<p><a href="https://example.com/strong">网站</a></p>')
    ArticleFactory(headline="符号", body="<p>A&amp;B 公司 &lt;诉&gt; 案</p>")
    assert found("strong") == set()
    assert found("href") == set()
    assert found("amp") == set()
    assert found("重点") == {"加粗"}
    assert found("诉") == {"符号"}


def test_phrases_must_stand_as_typed():
    ArticleFactory(headline="together", body="<p>坚持和发展新时代枫桥经验。</p>")
    ArticleFactory(headline="apart", body="<p>枫桥镇的调解工作积累了丰富经验。</p>")
    assert found("枫桥 经验") == {"together", "apart"}
    assert found('"枫桥经验"') == {"together"}
    assert found("“枫桥经验”") == {"together"}
    assert found("「丰富经验」") == {"apart"}


def test_exclusion():
    ArticleFactory(headline="法院执行工作", body="<p>执行。</p>")
    ArticleFactory(headline="法院调解工作", body="<p>调解。</p>")
    assert found("法院 -执行") == {"法院调解工作"}
    assert found("法院 －调解") == {"法院执行工作"}
    assert found('工作 -"执行工作"') == {"法院调解工作"}


def test_nonsense_finds_nothing_and_never_fails():
    ArticleFactory(headline="百分之百", body="<p>100%</p>")
    for q in ["%", "_", "！！！", "'", "' OR 1=1 --", "\\", "a:*", "!(", "&|", "zzqqxxjj"]:
        assert found(q) == set(), q


def test_only_published_articles_are_found():
    now = timezone.now()
    ArticleFactory(headline="已发布 稿件")
    ArticleFactory(headline="草稿 稿件", status=Status.DRAFT, publish_at=None)
    ArticleFactory(headline="待审 稿件", status=Status.REVIEW, publish_at=None)
    ArticleFactory(headline="撤回 稿件", status=Status.WITHDRAWN)
    ArticleFactory(headline="定时 稿件", publish_at=now + datetime.timedelta(days=1))
    draft_page = IssueFactory(status=Status.DRAFT, publish_at=None)
    ArticleFactory(headline="未发版 稿件", issue=draft_page)
    assert found("稿件") == {"已发布 稿件"}
    assert best_first("稿件") == ["已发布 稿件"]


# Ranking


def test_headline_beats_body_whatever_the_date():
    hour = datetime.timedelta(hours=1)
    ArticleFactory(headline="正文提到", body="<p>诉源治理诉源治理诉源治理。</p>")
    ArticleFactory(headline="推进诉源治理", publish_at=timezone.now() - 48 * hour)
    ArticleFactory(headline="副题提到", subtitle="诉源治理", publish_at=timezone.now() - 24 * hour)
    ArticleFactory(headline="署名提到", end_credit="(诉源治理办公室供稿)")
    assert best_first("诉源治理") == ["推进诉源治理", "副题提到", "署名提到", "正文提到"]


def test_equal_matches_newest_first():
    hour = datetime.timedelta(hours=1)
    for n in range(3):
        ArticleFactory(headline=f"第{n}篇 调解", publish_at=timezone.now() - n * hour)
    assert best_first("调解") == ["第0篇 调解", "第1篇 调解", "第2篇 调解"]


def test_ranking_looks_at_the_newest_matches_and_says_so():
    for n in range(5):
        ArticleFactory(headline=f"稿件{n}", body="<p>调解</p>")
    results = RankedResults(
        search_articles(Article.objects.published(), "调解"), parse_query("调解"), limit=3
    )
    assert len(results) == 3 and results.capped
    assert [a.headline for a in results[0:3]] == ["稿件4", "稿件3", "稿件2"]
    assert results[-1].headline == "稿件2"


# Snippets


def test_snippet_shows_the_words_in_context_escaped():
    article = ArticleFactory(
        body="<p>"
        + "前言。" * 40
        + "</p><p>法院&lt;b&gt;坚持诉源治理，效果好。</p>"
        + "<p>结尾。</p>" * 40
    )
    text = str(snippet(article, parse_query("诉源治理").marks))
    assert "<mark>诉源治理</mark>" in text
    assert "&lt;b&gt;" in text and "<b>" not in text
    assert text.startswith("…") and text.endswith("…")


def test_snippet_without_the_words_in_the_body_is_the_excerpt():
    article = ArticleFactory(headline="诉源治理", summary="摘要<script>", body="<p>正文。</p>")
    assert str(snippet(article, ["诉源治理"])) == "摘要&lt;script&gt;"


# The search page


def search_page(client, **params):
    return client.get(reverse("articles:search"), params)


def test_results_show_headline_date_edition_courts_and_marked_snippet(client):
    ordos = Court.objects.get(slug="ordos")
    issue = IssueFactory(date=datetime.date(2025, 6, 27), page_number=5)
    ArticleFactory(
        headline="推进诉源治理 <新>",
        issue=issue,
        body="<p>鄂尔多斯中院坚持诉源治理。</p>",
        courts=[ordos],
    )
    response = search_page(client, q="诉源治理")
    assert response.status_code == 200
    text = response.text
    assert "推进<mark>诉源治理</mark> &lt;新&gt;" in text
    assert "坚持<mark>诉源治理</mark>" in text
    assert "05版" in text or "page 05" in text
    assert ordos.display_name in text
    assert response.context["paginator"].count == 1


def test_empty_and_nothing_to_look_for_pages(client):
    ArticleFactory(headline="执行工作")
    empty = search_page(client)
    assert empty.status_code == 200 and not empty.context["has_query"]
    assert not empty.context["nothing_to_find"]
    for q in ["！！！", "-执行", "%%"]:
        response = search_page(client, q=q)
        assert response.status_code == 200, q
        assert response.context["nothing_to_find"], q
        assert list(response.context["articles"]) == []
    nothing = search_page(client, q="zzqqxxjj")
    assert nothing.status_code == 200 and nothing.context["has_query"]
    assert nothing.context["paginator"].count == 0


def test_search_takes_the_filters(client):
    ordos = Court.objects.get(slug="ordos")
    etuoke = CourtFactory(parent=ordos, name="鄂托克旗人民法院", slug="etuokeqi")
    reporter = ContributorFactory(name="肖玥")
    old = timezone.make_aware(datetime.datetime(2024, 3, 1, 12))
    basic = ArticleFactory(headline="调解 旗", courts=[etuoke])
    ArticleFactory(headline="调解 赤峰", courts=[Court.objects.get(slug="chifeng")])
    dated = ArticleFactory(headline="调解 旧", courts=[ordos], publish_at=old)
    credited = ArticleFactory(headline="调解 记者")
    CreditFactory(article=credited, contributor=reporter)

    def headlines(**params):
        response = search_page(client, q="调解", **params)
        assert response.status_code == 200
        return {a.headline for a in response.context["articles"]}

    assert headlines(court="ordos") == {basic.headline, dated.headline}
    assert headlines(date_from="2024-02-01", date_to="2024-03-31") == {dated.headline}
    assert headlines(contributor=reporter.pk) == {credited.headline}
    assert headlines(court="ordos", date_to="2024-12-31") == {dated.headline}
    # The article list takes the words as one of its filters, newest first.
    listed = client.get(reverse("articles:list"), {"q": "调解", "court": "ordos"})
    assert [a.headline for a in listed.context["articles"]] == [basic.headline, dated.headline]


def test_a_word_in_many_articles_ranks_the_newest_and_says_so(client, monkeypatch):
    monkeypatch.setattr("articles.search.query.CANDIDATES", 3)
    hour = datetime.timedelta(hours=1)
    ArticleFactory(headline="旧稿 调解", publish_at=timezone.now() - 48 * hour)
    for n in range(4):
        ArticleFactory(
            headline=f"稿件{n}", body="<p>调解</p>", publish_at=timezone.now() - n * hour
        )
    response = search_page(client, q="调解")
    assert response.context["capped"]
    assert response.context["paginator"].count == 3
    # The oldest headline match is outside the three newest matches: not ranked, not shown.
    assert [a.headline for a in response.context["articles"]] == ["稿件0", "稿件1", "稿件2"]


def test_pages_of_results(client):
    for n in range(25):
        ArticleFactory(headline=f"调解 {n:02d}")
    first = search_page(client, q="调解")
    second = search_page(client, q="调解", page=2)
    assert first.context["paginator"].count == 25
    assert len(first.context["articles"]) == 20 and len(second.context["articles"]) == 5
    shown = {a.pk for a in first.context["articles"]} | {a.pk for a in second.context["articles"]}
    assert len(shown) == 25


# The two engines


@sqlite_only
def test_sqlite_matches_the_document_words():
    ArticleFactory(headline="巡回审判")
    sql = str(search_articles(Article.objects.published(), "巡回").query)
    assert "articles_searchdocument" in sql and "LIKE" in sql and "@@" not in sql
    # Whole words: a word's characters elsewhere are not the word.
    ArticleFactory(headline="审判巡回")
    assert SearchDocument.objects.filter(headline__contains=" 巡回 ").count() == 2
    assert SearchDocument.objects.filter(vector__isnull=False).count() == 0
    assert found("回审") == set()


def bulk_articles(bodies):
    """Published web-only articles with their documents, written in bulk."""
    from articles.search.index import build_document, save_documents

    when = timezone.now() - datetime.timedelta(hours=1)
    articles = Article.objects.bulk_create(
        Article(headline=f"稿件{n}", body=body, status=Status.PUBLISHED, publish_at=when)
        for n, body in enumerate(bodies)
    )
    documents = []
    for article in articles:
        document = build_document(headline=article.headline, body=article.body)
        document.article_id = article.pk
        documents.append(document)
    save_documents(documents)


@postgresql_only
def test_postgresql_uses_the_gin_index():
    bulk_articles(["<p>草原巡回审判。</p>"] * 300 + ["<p>推进诉源治理。</p>"])
    query = parse_query("诉源治理")
    results = ranked(search_articles(Article.objects.published(), query), query)
    with connection.cursor() as cursor:
        # New entries wait in the GIN index's pending list (scanned whole, and costed so) until
        # a vacuum: merge them, and give the planner statistics, as on a live database.
        cursor.execute("SELECT gin_clean_pending_list('search_document_vector'::regclass)")
        cursor.execute("ANALYZE articles_article")
        cursor.execute("ANALYZE articles_searchdocument")
        # Deterministic whatever the statistics: no reading of whole tables or whole indexes.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = results.ranking().query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on search_document_vector" in plan, plan
    assert [a.headline for a in results[0:5]] == ["稿件300"]


@postgresql_only
def test_postgresql_vector_has_the_weights():
    article = ArticleFactory(
        headline="调解", kicker="草原", end_credit="(供稿)", body="<p>正文</p>"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ts_rank(vector, '调解'::tsquery) > ts_rank(vector, '正文'::tsquery), "
            "vector::text FROM articles_searchdocument WHERE article_id = %s",
            [article.pk],
        )
        headline_first, vector = cursor.fetchone()
    assert headline_first
    assert "'调解':1A" in vector and "'草原':2B" in vector and "'正文'" in vector


def test_benchmark_command_runs():
    from io import StringIO

    from django.core.management import call_command

    for n in range(3):
        ArticleFactory(headline=f"调解 {n}")
    out = StringIO()
    call_command("benchmark_search", "调解", "执行", "--repeat=2", "--warmup=1", stdout=out)
    text = out.getvalue()
    assert "3 published articles" in text
    assert "调解" in text and "All queries: median" in text and "(4 runs)" in text
