"""Text as readers see it: Chinese-style dates, page labels, excerpts and marks (articles.text)."""

import datetime

import pytest
from django.utils import timezone, translation

from articles.text import cn_date, excerpt_of, highlight, page_label
from tests.factories import ArticleFactory


def test_dates_are_written_the_chinese_way():
    day = datetime.date(2025, 6, 27)
    with translation.override("zh-hans"):
        assert cn_date(day) == "2025年6月27日"
        assert cn_date(day, "long") == "2025年6月27日 星期五"
        assert cn_date(day, "month") == "2025年6月"
    assert cn_date(None) == ""


def test_datetimes_use_the_local_day():
    # 20:00 UTC on the 26th is already the 27th in Inner Mongolia (UTC+8).
    moment = datetime.datetime(2025, 6, 26, 20, 0, tzinfo=datetime.UTC)
    assert cn_date(moment) == "2025年6月27日"
    assert timezone.get_current_timezone_name() == "Asia/Shanghai"


def test_page_label_pads_the_number():
    with translation.override("en"):
        assert page_label(5) == "page 05"
        assert page_label(12) == "page 12"


@pytest.mark.django_db
def test_excerpt_prefers_the_summary_then_the_body_text():
    assert excerpt_of(ArticleFactory(summary="摘要。", body="<p>正文</p>")) == "摘要。"
    article = ArticleFactory(
        body="<p>第一段&amp;说明。</p><h2>小标题</h2><p>" + "长" * 200 + "</p>"
    )
    text = excerpt_of(article, 20)
    assert text.startswith("第一段&说明。 长")
    assert len(text) == 20  # cut, with the locale's ellipsis


@pytest.mark.django_db
def test_excerpt_leaves_subheads_out():
    article = ArticleFactory(body="<h2>立足审判职能</h2><p>全市法院深化诉源治理。</p>")
    assert excerpt_of(article) == "全市法院深化诉源治理。"
    # an article of subheads alone still has an excerpt
    assert excerpt_of(ArticleFactory(body="<h3>只有标题</h3>")) == "只有标题"


def test_highlight_marks_terms_and_escapes_everything_else():
    assert highlight("<i>法院</i>", ["法院"]) == "&lt;i&gt;<mark>法院</mark>&lt;/i&gt;"
    assert highlight("APP", ["app"]) == "<mark>APP</mark>"
    assert highlight("a.b", ["."]) == "a<mark>.</mark>b"
    assert highlight("无", []) == "无"
