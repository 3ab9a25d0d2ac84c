"""Half-width punctuation next to Chinese text becomes full-width: in the import, and once for
what is stored (the full_width_punctuation command)."""

from io import StringIO

import pytest
from django.core.management import call_command
from reversion.models import Version

from articles.importing.loader import import_page
from articles.importing.punctuation import full_width, same_text
from articles.models import Article, Issue, SearchDocument
from tests.factories import ArticleFactory, PhotoFactory


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6月25日,赤峰市", "6月25日，赤峰市"),
        ("会议指出,2024年是关键一年", "会议指出，2024年是关键一年"),
        ("标的额3,000元,调解结案", "标的额3,000元，调解结案"),
        ("时间:上午", "时间：上午"),
        ("法院;检察院", "法院；检察院"),
        ("他问:“为什么?”", "他问：“为什么？”"),
        ("真的吗?", "真的吗？"),
        ("好!好!", "好！好！"),
        ("判决(一审)生效", "判决（一审）生效"),
        ("(2024)内01民终123号", "（2024）内01民终123号"),
        ("<p>审理中(完)</p>", "<p>审理中（完）</p>"),
    ],
)
def test_marks_next_to_chinese_become_full_width(text, expected):
    assert full_width(text) == expected


@pytest.mark.parametrize(
    "text",
    ["3,000", "10:30", "see (1) and (2), then stop!", "https://example.cn/a,b?x=1", "", "Q&A: yes"],
)
def test_numbers_and_latin_text_stay(text):
    assert full_width(text) == text


def test_already_full_width_is_left_alone():
    text = "6月25日，赤峰市中级人民法院（二审）：维持原判！"
    assert full_width(text) == text
    assert full_width(full_width("6月25日,赤峰市")) == "6月25日，赤峰市"


def test_headlines_match_either_way():
    assert same_text("调解,化解矛盾", "调解，化解矛盾")
    assert same_text(" 调解，化解矛盾", "调解,化解矛盾 ")
    assert not same_text("调解化解矛盾", "调解，化解矛盾")


PAGE = """法院专刊
2025年6月27日 05版

# 赤峰:巡回审判进草原

6月25日,赤峰市中级人民法院(二审)开庭审理一起纠纷,标的额3,000元。法官问:“谁来调解?”
"""


@pytest.mark.django_db
def test_the_import_stores_full_width_punctuation():
    import_page(PAGE)
    article = Article.objects.get()
    assert article.headline == "赤峰：巡回审判进草原"
    assert "6月25日，赤峰市中级人民法院（二审）开庭审理一起纠纷，标的额3,000元。" in article.body
    assert "法官问：“谁来调解？”" in article.body


@pytest.mark.django_db
def test_a_reimport_matches_a_headline_stored_half_width():
    import_page(PAGE)
    article = Article.objects.get()
    # stored before the import made punctuation full-width
    Article.objects.filter(pk=article.pk).update(headline="赤峰:巡回审判进草原")
    import_page(PAGE)
    assert list(Article.objects.values_list("pk", "headline")) == [
        (article.pk, "赤峰：巡回审判进草原")
    ]


@pytest.mark.django_db
def test_the_command_converts_stored_text_with_a_version_each_and_new_search_words():
    article = ArticleFactory(headline="调解,化解矛盾", body="<p>6月25日,开庭审理。</p>")
    untouched = ArticleFactory(headline="调解化解矛盾", body="<p>标的额3,000元。</p>")
    Issue.objects.filter(pk=article.issue_id).update(quote="司法为民,公正司法")
    photo = PhotoFactory(article=untouched, caption="法官(左)调解")

    SearchDocument.objects.filter(article=article).delete()
    out = StringIO()
    call_command("full_width_punctuation", "--dry-run", stdout=out)
    assert Article.objects.get(pk=article.pk).headline == "调解,化解矛盾"
    assert not Version.objects.exists()

    call_command("full_width_punctuation", stdout=out)
    article.refresh_from_db()
    assert (article.headline, article.body) == ("调解，化解矛盾", "<p>6月25日，开庭审理。</p>")
    assert Issue.objects.get(pk=article.issue_id).quote == "司法为民，公正司法"
    photo.refresh_from_db()
    assert photo.caption == "法官（左）调解"
    assert Version.objects.get_for_object(article).count() == 1
    assert Version.objects.get_for_object(article.issue).count() == 1
    # the photo's change is versioned with its article; the article's own text did not change
    assert Version.objects.get_for_object(untouched).count() == 1
    # its search document was made again (deleted here to tell, on either database)
    assert SearchDocument.objects.filter(article=article).exists()

    versions = Version.objects.count()
    call_command("full_width_punctuation", stdout=out)  # a second run finds nothing to do
    assert Version.objects.count() == versions
