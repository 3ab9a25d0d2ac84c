"""The reader's template tags: filters over articles.text, datelines."""

import datetime

from django.template import Context, Template
from django.utils import translation

from articles.templatetags.reader import page_label_filter, with_dateline


def test_page_label_pads_the_number():
    with translation.override("en"):
        assert page_label_filter(5) == "page 05"
        assert page_label_filter(12) == "page 12"
    assert page_label_filter("x") == ""


def test_filters_are_the_text_helpers():
    template = Template("{% load reader %}{{ day|cn_date:'month' }} {{ words|highlight:terms }}")
    context = {"day": datetime.date(2025, 6, 1), "words": "执行<", "terms": ["执行"]}
    rendered = template.render(Context(context))
    assert rendered == "2025年6月 <mark>执行</mark>&lt;"


def test_dateline_opens_the_first_paragraph():
    assert with_dateline("<p>正文。</p>", "赤峰讯") == (
        '<p><strong class="dateline">赤峰讯</strong>\u3000正文。</p>'
    )
    assert with_dateline("<h2>小标题</h2>", "<b>讯</b>") == (
        '<p><strong class="dateline">&lt;b&gt;讯&lt;/b&gt;</strong>\u3000</p><h2>小标题</h2>'
    )
    assert with_dateline("<p>正文<script>x</script></p>", "") == "<p>正文</p>"


def test_the_body_headings_start_below_the_headline():
    assert with_dateline("<h3>案件概况</h3><p>正文。</p><h4>细节</h4>", "") == (
        "<h2>案件概况</h2><p>正文。</p><h3>细节</h3>"
    )
    assert with_dateline("<p>正文。</p><h3>案件概况</h3>", "赤峰讯") == (
        '<p><strong class="dateline">赤峰讯</strong>\u3000正文。</p><h2>案件概况</h2>'
    )
