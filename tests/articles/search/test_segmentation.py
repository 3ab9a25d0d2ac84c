"""
The segmentation dictionary is loaded once, with the domain's names, and at a server's start; a
court or contributor added, renamed or deleted in one process reaches every process's words.

"Another process" is a Segmenter of its own (as a gunicorn worker has), loaded before the change
and put in the search code's place; this test process, whose signals run, is the one that saves.
"""

from unittest import mock

import pytest
from django.db import OperationalError, transaction

from articles.models import Article
from articles.search import query as search
from articles.search.query import parse_query, search_articles
from articles.search.segmentation import (
    VERSION_KEY,
    Segmenter,
    _domain_names,
    segmenter,
    shared_version,
)
from newsroom.generation import generation_cache
from tests.factories import ArticleFactory, ContributorFactory, CourtFactory

NEW_COURT = {"name": "青石滩旗人民法院", "short_name": "青石滩旗", "aliases": "青旗法院"}


def another_process():
    """A web process of its own, started (its words loaded) now."""
    process = Segmenter(load_names=_domain_names, version=shared_version)
    process.load()
    return process


def found(q, process):
    with mock.patch.object(search, "segmenter", process):
        return set(search_articles(Article.objects.published(), q).values_list("pk", flat=True))


def cache_down():
    broken = mock.Mock(side_effect=ConnectionError("cache down"))
    cache = generation_cache()
    return (
        mock.patch.object(cache, "get", broken),
        mock.patch.object(cache, "add", broken),
        mock.patch.object(cache, "set", broken),
    )


def test_warm_up_loads_the_names_and_does_without_a_database():
    names = Segmenter(load_names=lambda: ["乌拉特中旗人民法院"])
    names.warm_up()
    assert names._tokenizer is not None
    assert "乌拉特中旗人民法院" in names.words("乌拉特中旗人民法院开庭")

    def no_database():
        raise OperationalError("the database is down")

    down = Segmenter(load_names=no_database)
    down.warm_up()  # logs, does not fail: the first search loads it instead
    assert down._tokenizer is None


@pytest.mark.django_db
def test_a_court_added_in_one_process_is_found_from_every_other(
    django_capture_on_commit_callbacks,
):
    other = another_process()
    assert other.query_words("青石滩旗") == ["青石", "滩", "旗"]  # not a word yet

    with django_capture_on_commit_callbacks() as committed:
        court = CourtFactory(**NEW_COURT)
        article = ArticleFactory(headline="草原上的巡回审判", body="<p>法官骑马进牧区。</p>")
        article.courts.set([court])
    # This process cut the article with the new name as a word.
    assert found("青石滩旗", segmenter) == {article.pk}
    assert found("青旗法院", segmenter) == {article.pk}
    # The other one cuts the query into pieces the article's words do not have, until it learns
    # of the change: when the transaction commits.
    assert found("青石滩旗", other) == set()
    for callback in committed:
        callback()
    assert found("青石滩旗", other) == {article.pk}
    assert found("青旗法院", other) == {article.pk}
    assert "青石滩旗" in other.query_words("青石滩旗")


@pytest.mark.django_db
def test_a_contributor_added_elsewhere_is_a_word_everywhere(django_capture_on_commit_callbacks):
    other = another_process()
    assert "乌日图那斯图" not in other.query_words("乌日图那斯图")
    with django_capture_on_commit_callbacks(execute=True):
        ContributorFactory(name="乌日图那斯图")
    other.refresh()
    assert "乌日图那斯图" in other.query_words("乌日图那斯图")

    with django_capture_on_commit_callbacks(execute=True):
        ContributorFactory(name="巴特尔朝鲁", is_active=False)
    other.refresh()  # an inactive contributor is not a word: the same as on a restart
    assert "巴特尔朝鲁" not in other.query_words("巴特尔朝鲁")


@pytest.mark.django_db
def test_a_reload_gives_every_process_the_words_of_a_new_one(django_capture_on_commit_callbacks):
    court = CourtFactory(**NEW_COURT)
    other = another_process()
    assert "青石滩旗" in other.query_words("青石滩旗")

    with django_capture_on_commit_callbacks(execute=True):
        court.name, court.short_name, court.aliases = "白音查干旗人民法院", "白音查干旗", ""
        court.save()
    other.refresh()
    assert "白音查干旗" in other.query_words("白音查干旗")
    assert "青石滩旗" not in other.query_words("青石滩旗")  # the old name is no longer a word
    # Not a word less or more than a process started now: the same tables, the same cuts.
    restarted = another_process()
    assert other.tokenizer.FREQ == restarted.tokenizer.FREQ
    assert other.tokenizer.total == restarted.tokenizer.total

    with django_capture_on_commit_callbacks(execute=True):
        court.delete()
    other.refresh()
    assert "白音查干旗" not in other.query_words("白音查干旗")


@pytest.mark.django_db
def test_the_version_is_read_once_per_query_and_words_reload_only_on_a_change():
    other = another_process()
    reads = mock.Mock(wraps=generation_cache().get)
    with (
        mock.patch.object(generation_cache(), "get", reads),
        mock.patch.object(search, "segmenter", other),
        mock.patch.object(other, "_reload", wraps=other._reload) as reloads,
    ):
        query = parse_query('诉源治理 枫桥经验 "巡回审判" -执行难 鄂托克旗人民法院')
    assert len(query.wanted) == 4
    assert [c for c in reads.call_args_list if c.args[0] == VERSION_KEY] == [mock.call(VERSION_KEY)]
    assert reloads.call_count == 0  # nothing changed since it loaded


@pytest.mark.django_db
def test_search_works_while_the_cache_is_down(django_capture_on_commit_callbacks):
    court = CourtFactory(**NEW_COURT)
    article = ArticleFactory(headline="草原上的巡回审判", courts=[court])
    other = another_process()
    down = cache_down()
    with down[0], down[1], down[2]:
        assert found("青石滩旗", other) == {article.pk}
        # A process started while the cache is down loads its words all the same.
        started = another_process()
        assert found("青石滩旗", started) == {article.pk}
        # A court saved meanwhile: the save works, this process reloads its own words.
        with django_capture_on_commit_callbacks(execute=True):
            added = CourtFactory(name="白音查干旗人民法院", short_name="白音查干旗", aliases="")
        later = ArticleFactory(headline="牧区调解", courts=[added])
        assert found("白音查干旗", segmenter) == {later.pk}
        assert found("白音查干旗", other) == set()  # the others keep the words they have
    # Once the cache is back, a process that loaded without it reloads (its version is unknown).
    assert found("白音查干旗", started) == {later.pk}


@pytest.mark.django_db
def test_words_of_a_rolled_back_save_do_not_stay():
    segmenter.load()
    with pytest.raises(RuntimeError), transaction.atomic():
        CourtFactory(**NEW_COURT)
        segmenter.refresh()  # indexing in the same transaction cuts with the new name
        assert "青石滩旗" in segmenter.query_words("青石滩旗")
        raise RuntimeError("the save fails after the court was written")
    # Rolled back: no new version is ever written, but the next refresh after the transaction
    # (here: the test's own transaction stands for the request's) reloads the words.
    with mock.patch.object(segmenter, "_in_transaction", return_value=False):
        segmenter.refresh()
    assert "青石滩旗" not in segmenter.query_words("青石滩旗")


def test_jieba_keeps_its_dictionary_in_the_sites_private_folder(tmp_path, monkeypatch, settings):
    """jieba's dictionary cache in the shared temporary folder (``/tmp/jieba.cache``) is read by
    whoever builds a tokenizer: another local user could plant one. It lives in CACHE_DIR."""
    import marshal
    import tempfile

    from articles.search.segmentation import Segmenter

    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    with open(shared / "jieba.cache", "wb") as planted:
        marshal.dump(({"被植入的词": 1}, 1), planted)
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    settings.CACHE_DIR = str(private)
    tokenizer = Segmenter().tokenizer
    assert "被植入的词" not in tokenizer.FREQ
    assert tokenizer.tmp_dir == str(private)
    assert (private / "jieba.cache").exists()
