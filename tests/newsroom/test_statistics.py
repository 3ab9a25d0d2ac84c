"""Bulk loads gather PostgreSQL's planner statistics themselves (ANALYZE): generate_demo and batch
page imports."""

import contextlib
import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article
from newsroom.statistics import analyze

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ANALYZE is for PostgreSQL's planner"
)


@contextlib.contextmanager
def statements():
    """Every SQL statement run inside, as it is sent (execute_wrapper sees them all, also
    with DEBUG off)."""
    seen = []

    def record(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield seen


def analysed(seen):
    return {sql.split()[1].strip('"') for sql in seen if sql.upper().startswith("ANALYZE")}


@postgresql_only
def test_generate_demo_analyses_the_tables_it_filled():
    with statements() as seen:
        call_command(
            "generate_demo",
            articles=20,
            seed="stats",
            until=datetime.date(2025, 6, 30),
            verbosity=0,
            stdout=io.StringIO(),
        )
    tables = analysed(seen)
    assert {
        "articles_article",
        "articles_issue",
        "articles_searchdocument",
        "articles_credit",
        "articles_article_courts",
        "courts_court",
    } <= tables
    # after the load, not inside its transaction (where autovacuum could not see it either)
    assert seen.index(next(s for s in seen if s.startswith("ANALYZE"))) > max(
        i for i, s in enumerate(seen) if s.startswith("INSERT")
    )


@postgresql_only
def test_a_batch_import_analyses_a_single_page_does_not(tmp_path):
    from tests.articles.importing.conftest import PAGES

    (tmp_path / "marked.txt").write_bytes((PAGES / "marked.txt").read_bytes())
    (tmp_path / "plain.txt").write_text(
        "法院专刊\n2025年6月27日 05版\n\n# 巡回审判进草原\n\n法官把法庭搬到了牧民家门口。\n",
        encoding="utf-8",
    )
    with statements() as seen:
        call_command("import_pages", str(tmp_path / "marked.txt"), verbosity=0)
    assert not analysed(seen)
    with statements() as seen:
        call_command(
            "import_pages", str(tmp_path / "marked.txt"), str(tmp_path / "plain.txt"), verbosity=0
        )
    assert {"articles_article", "articles_searchdocument"} <= analysed(seen)


def test_nothing_to_analyse_elsewhere():
    expected = [] if connection.vendor != "postgresql" else ["articles_article"]
    with statements() as seen:
        assert analyze([Article, Article]) == expected
    assert len(analysed(seen)) == len(expected)
