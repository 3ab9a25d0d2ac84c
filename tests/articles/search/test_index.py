"""
The search documents stay current: article saves of every kind, courts and credits, renamed
courts and contributors, version restores, the page import, bulk loads and rebuild_search.
"""

from io import StringIO

import pytest
import reversion
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from reversion.models import Version

from articles import workflow
from articles.importing.loader import import_page
from articles.models import Article, Credit, SearchDocument, Status
from articles.search.index import document_for
from articles.search.query import search_articles
from courts.merging import CourtInUse, merge
from courts.models import Court
from tests.articles.admin_forms import article_form_data
from tests.articles.importing.conftest import PAGES
from tests.factories import ArticleFactory, ContributorFactory, CourtFactory, CreditFactory

pytestmark = pytest.mark.django_db


def found(q, queryset=None):
    queryset = Article.objects.all() if queryset is None else queryset
    return set(search_articles(queryset, q).values_list("pk", flat=True))


def stored(article):
    document = SearchDocument.objects.get(article=article)
    return (document.headline, document.lead, document.names, document.body, document.vector)


def fresh(article):
    document = document_for(Article.objects.get(pk=article.pk))
    vector = document.vector
    if vector is not None:  # as PostgreSQL writes it back: sorted, positions merged
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s::tsvector::text", [vector])
            vector = cursor.fetchone()[0]
    return (document.headline, document.lead, document.names, document.body, vector)


def assert_current(article):
    assert stored(article) == fresh(article)


def test_a_new_article_has_its_document():
    article = ArticleFactory(headline="草原巡回审判")
    assert SearchDocument.objects.filter(article=article).exists()
    assert found("巡回") == {article.pk}


def test_saving_changes_the_words():
    article = ArticleFactory(headline="草原巡回审判")
    article.headline = "社区诉前调解"
    article.save()
    assert found("巡回") == set()
    assert found("调解") == {article.pk}
    article.body = "<p>执行款发放到位。</p>"
    article.save(update_fields=["body"])
    assert found("执行款") == {article.pk}


def test_an_admin_save_with_courts_and_credits(editor_client):
    article = ArticleFactory(headline="草原巡回审判", status=Status.DRAFT, publish_at=None)
    credit = CreditFactory(article=article, contributor__name="乌云其木格")
    court = Court.objects.get(slug="chifeng")
    data = article_form_data(article, headline="社区诉前调解", courts=[court.pk])
    data["credits-0-DELETE"] = "on"
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert editor_client.post(url, data).status_code == 302
    assert not Credit.objects.filter(pk=credit.pk).exists()
    assert found("调解") == {article.pk} and found("巡回") == set()
    assert found(court.name) == {article.pk}
    assert found("乌云其木格") == set()
    assert_current(article)


def test_a_workflow_transition_keeps_the_document(editor):
    article = ArticleFactory(headline="诉源治理", status=Status.REVIEW, publish_at=None)
    before = stored(article)
    workflow.apply(editor, article, "publish")
    assert stored(article) == before
    assert found("诉源治理", Article.objects.published()) == {article.pk}


def test_courts_added_and_removed_either_side():
    court = CourtFactory(name="阿拉善左旗人民法院")
    article = ArticleFactory(headline="甲")
    article.courts.add(court)
    assert found("阿拉善左旗") == {article.pk}
    article.courts.remove(court)
    assert found("阿拉善左旗") == set()
    court.articles.add(article)
    assert found("阿拉善左旗") == {article.pk}
    court.articles.clear()
    assert found("阿拉善左旗") == set()
    article.courts.set([court])
    assert_current(article)


def test_credits_added_changed_and_removed():
    article = ArticleFactory(headline="甲")
    credit = CreditFactory(article=article, contributor__name="乌云其木格")
    assert found("乌云其木格") == {article.pk}
    credit.contributor = ContributorFactory(name="巴特尔")
    credit.save()
    assert found("乌云其木格") == set() and found("巴特尔") == {article.pk}
    credit.delete()
    assert found("巴特尔") == set()
    CreditFactory(article=article, contributor__name="其其格")
    article.credits.all().delete()
    assert found("其其格") == set()


def test_renamed_court_and_contributor():
    court = CourtFactory(name="测试旗人民法院", short_name="测试旗法院", aliases="")
    article = ArticleFactory(headline="甲", courts=[court])
    other = ArticleFactory(headline="乙")
    credit = CreditFactory(article=other, contributor__name="王小明")

    court.name, court.aliases = "阿鲁科尔沁旗人民法院", "阿旗法院"
    court.save()
    assert found("阿鲁科尔沁旗") == {article.pk}
    assert found("阿旗法院") == {article.pk}
    assert found("测试旗人民法院") == set()

    contributor = credit.contributor
    contributor.name = "王晓明"
    contributor.save()
    assert found("王晓明") == {other.pk}
    assert found("王小明") == set()
    contributor.is_active = False  # a deactivated contributor's name is not searched
    contributor.save()
    assert found("王晓明") == set()


def test_deleted_court_is_no_longer_named():
    """A court in use is not deleted (courts/merging.py); once its links are removed, it can
    be, and no document names it."""
    court = CourtFactory(name="撤销旗人民法院", short_name="撤销旗法院", aliases="")
    article = ArticleFactory(headline="甲", courts=[court])
    assert found("撤销旗人民法院") == {article.pk}
    with pytest.raises(CourtInUse), transaction.atomic():
        court.delete()
    court.articles.clear()
    court.delete()
    assert found("撤销旗人民法院") == set()
    assert stored(article) == fresh(article)


def test_a_merged_courts_articles_are_found_by_both_names():
    court = CourtFactory(name="撤销旗人民法院", short_name="撤销旗法院", aliases="")
    target = CourtFactory(name="合并旗人民法院", short_name="合并旗法院", aliases="")
    article = ArticleFactory(headline="甲", courts=[court])
    merge(court, target)
    assert found("合并旗人民法院") == {article.pk}
    assert found("撤销旗人民法院") == {article.pk}  # an alias of the court it went into
    assert stored(article) == fresh(article)


def test_court_waiting_for_review_is_not_named():
    court = CourtFactory(name="待审旗人民法院", needs_review=True)
    article = ArticleFactory(headline="甲", courts=[court])
    assert found("待审旗人民法院") == set()
    court.needs_review = False
    court.save()
    assert found("待审旗人民法院") == {article.pk}


def test_contributor_waiting_for_review_is_not_named():
    """A name a page import read (needs_review) is not a word of the article until an editor
    checks it, as the article page does not show it either."""
    person = ContributorFactory(name="乌力吉巴雅尔", needs_review=True)
    article = ArticleFactory(headline="甲")
    CreditFactory(article=article, contributor=person)
    assert found("乌力吉巴雅尔") == set()
    person.needs_review = False
    person.save()
    assert found("乌力吉巴雅尔") == {article.pk}
    assert stored(article) == fresh(article)


def test_version_restore_brings_the_old_words_back():
    with reversion.create_revision():
        article = ArticleFactory(headline="第一稿 巡回审判")
        CreditFactory(article=article, contributor__name="乌云其木格")
    with reversion.create_revision():
        article.headline = "第二稿 诉前调解"
        article.save()
        article.credits.all().delete()
    assert found("调解") == {article.pk} and found("乌云其木格") == set()
    Version.objects.get_for_object(article).order_by("pk").first().revision.revert(delete=True)
    assert found("巡回") == {article.pk}
    assert found("调解") == set()
    assert found("乌云其木格") == {article.pk}
    assert_current(article)


def test_deleting_an_article_deletes_its_document():
    article = ArticleFactory(headline="甲")
    CreditFactory(article=article)
    article.delete()
    assert not SearchDocument.objects.exists()


def test_the_page_import_indexes_what_it_writes():
    import_page((PAGES / "marked.txt").read_text(encoding="utf-8"), source="marked.txt")
    articles = list(Article.objects.all())
    assert len(articles) == 3
    for article in articles:
        assert_current(article)
        assert Credit.objects.filter(article=article).exists()
    assert len(found("驯鹿")) == 1
    assert found("鄂托克旗") and found("金丽")


def test_generate_demo_writes_documents_in_bulk():
    call_command("generate_demo", "--articles=30", "--seed=7", "--until=2025-07-01", verbosity=0)
    assert SearchDocument.objects.count() == Article.objects.count() == 30
    for article in Article.objects.order_by("?")[:5]:
        assert_current(article)


def run_rebuild(*args):
    out, err = StringIO(), StringIO()
    call_command("rebuild_search", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_rebuild_search_rebuilds_every_article():
    articles = [ArticleFactory(headline=f"巡回审判 {n}") for n in range(3)]
    draft = ArticleFactory(headline="草稿", status=Status.DRAFT, publish_at=None)
    SearchDocument.objects.all().delete()
    Article.objects.filter(pk=articles[0].pk).update(headline="社区调解")  # no signal
    assert found("巡回") == set()
    out, err = run_rebuild("--batch-size", "2")
    assert "Rebuilt the search words of 4 articles" in out
    assert "Indexing" in err and "4/4" in err  # the progress bar
    assert SearchDocument.objects.count() == 4
    assert found("巡回") == {articles[1].pk, articles[2].pk}
    assert found("调解") == {articles[0].pk}
    assert found("草稿") == {draft.pk}
    for article in [*articles, draft]:
        assert_current(article)


def test_rebuild_search_missing_and_dry_run():
    kept, lost = ArticleFactory(headline="甲"), ArticleFactory(headline="乙")
    SearchDocument.objects.filter(article=lost).delete()
    SearchDocument.objects.filter(article=kept).update(headline=" 旧 ")
    out, _err = run_rebuild("--dry-run", "--missing")
    assert "1 articles (of 2)" in out
    assert not SearchDocument.objects.filter(article=lost).exists()
    run_rebuild("--missing", "-v0")
    assert SearchDocument.objects.filter(article=lost).exists()
    assert SearchDocument.objects.get(article=kept).headline == " 旧 "  # not rebuilt


def test_a_court_of_the_migration_is_found_by_its_full_name():
    # The data migration's courts are words of the dictionary: their names are found whole.
    ordos = Court.objects.get(slug="ordos")
    article = ArticleFactory(headline="甲", courts=[ordos])
    assert found(ordos.name) == {article.pk}
