"""A page's text → edition and articles, on pages this project writes in the sample formats."""

import datetime

import pytest

from articles.importing.parser import parse_page
from articles.importing.text import PageError

from .conftest import unmark


def shape(page):
    """Everything the parser understood, comparable between two pages."""
    return {
        "edition": (page.date, page.page_number, page.title, page.banner),
        "quote": (page.quote, page.quote_attribution),
        "articles": [
            {
                "kicker": a.kicker,
                "headline": a.headline,
                "subtitle": a.subtitle,
                "byline": a.byline,
                "dateline": a.dateline,
                "end_credit": a.end_credit,
                "paragraphs": a.paragraphs,
                "subheads": a.subheads,
                "photos": [(p.caption, p.photographers) for p in a.photos],
                "credits": [(c.role, c.name, c.kind) for c in a.credits],
            }
            for a in page.articles
        ],
    }


class TestMarkedPage:
    """Masthead, edition line, quote, ## and ### headlines, bold datelines, credits."""

    @pytest.fixture
    def page(self, page_text):
        return parse_page(page_text("marked.txt"), source="marked.txt")

    def test_edition(self, page):
        assert page.date == datetime.date(2024, 3, 22)
        assert page.page_number == 7
        assert page.title == "法院专刊"
        assert page.quote == "司法的温度,体现在每一次耐心倾听之中。"
        assert page.quote_attribution == "本报评论员"
        assert page.banner == "法治护航"

    def test_masthead_and_contact_lines_are_not_text(self, page):
        assert [note.line for note in page.skipped] == [6, 8]
        everything = "".join(a.body_html for a in page.articles)
        assert "邮箱" not in everything and "内蒙古自治区高级人民法院" not in everything

    def test_articles(self, page):
        assert [a.headline for a in page.articles] == [
            "冬牧场上的巡回法庭",
            "巡回审判进牧区 调解纠纷暖民心",
            "涉企案件快立快审 护航企业健康发展",
        ]
        first, second, third = page.articles
        assert (first.dateline, first.end_credit) == ("根河讯", "(根河市人民法院供稿)")
        assert first.paragraphs[0].startswith("3月18日,根河市人民法院")
        assert "法院相关部门负责人表示" in first.paragraphs[1]
        assert second.dateline == "本报讯(记者 金丽)"
        assert second.end_credit == "(郭成 李鑫 王学清)"
        assert [(c.role, c.name) for c in second.credits] == [
            ("reporter", "金丽"),
            ("photographer", "齐翰文"),
            ("author", "郭成"),
            ("author", "李鑫"),
            ("author", "王学清"),
        ]
        assert [(p.caption, p.photographers) for p in second.photos] == [
            ("图为法官在蒙古包内为牧民讲解法律知识。", ["齐翰文"])
        ]
        assert len(second.paragraphs) == 3  # the caption is the photo's, not the body's
        assert third.kicker == "优化法治化营商环境"
        assert third.end_credit == "(扎鲁特旗委政法委供稿)"
        assert [(c.role, c.name, c.kind) for c in third.credits] == [
            ("organisation", "扎鲁特旗委政法委", "organisation")
        ]
        assert third.paragraphs[0].endswith("出台措施,涉企案件平均审理周期缩短了12天。")

    def test_banner_is_reported(self, page):
        assert any("法治护航" in note.message and note.line == 25 for note in page.notes)

    def test_same_page_without_marks_reads_the_same(self, page, page_text):
        plain = parse_page(unmark(page_text("marked.txt")))
        assert shape(plain) == shape(page)


class TestBylinePage:
    """# headline, ## subtitle, byline with ●, ### subheads, and a plain subhead."""

    @pytest.fixture
    def page(self, page_text):
        return parse_page(page_text("byline.txt"))

    def test_one_article(self, page):
        assert (page.date, page.page_number) == (None, None)
        (article,) = page.articles
        assert article.headline == "守护草原生态 共建美丽家园"
        assert article.subtitle == "呼和浩特市新城区人民法院环境资源审判工作纪实"
        assert article.byline == "本报记者●王晓燕 通讯员●巴特尔 乌日娜"
        assert [(c.role, c.name) for c in article.credits] == [
            ("reporter", "王晓燕"),
            ("correspondent", "巴特尔"),
            ("correspondent", "乌日娜"),
        ]
        assert article.dateline == ""
        assert article.subheads == ["专业审判 提升质效", "恢复生态 修复为先", "延伸职能 协同治理"]
        assert len(article.paragraphs) == 4
        assert article.paragraphs[1].endswith("46件,其中以调解方式结案31件。")

    def test_body_html(self, page):
        html = page.articles[0].body_html
        assert html.count("<p>") == 4
        assert "<h2>专业审判 提升质效</h2>" in html
        assert "<h2>恢复生态 修复为先</h2><p>在一起非法开垦草原案件中" in html

    def test_same_page_without_marks_reads_the_same(self, page, page_text):
        assert shape(parse_page(unmark(page_text("byline.txt")))) == shape(page)


class TestPlainPage:
    """No marks: plain headline and subheads, ——subtitle, banner, picture story, stray lines."""

    @pytest.fixture
    def page(self, page_text):
        return parse_page(page_text("plain.txt"))

    def test_articles(self, page):
        first, picture = page.articles
        assert first.headline == "让群众感受到公平正义就在身边"
        assert first.subtitle == "——锡林郭勒盟中级人民法院深化诉源治理侧记"
        assert first.subheads == ["人民调解 就地化解", "数字赋能 便民利民"]
        assert len(first.paragraphs) == 4
        assert first.end_credit == "(锡林郭勒盟中级人民法院供稿)"
        assert picture.headline == "遵守交规 平安出行"
        assert picture.paragraphs == [picture.photos[0].caption]
        assert picture.photos[0].photographers == ["那仁"]
        assert page.banner == "平安北疆"

    def test_stray_lines_are_left_out_even_inside_a_paragraph(self, page):
        assert [note.message for note in page.skipped] == [
            "责任编辑: 周某",
            "版面联系: 0479-8888888",
        ]
        assert page.articles[0].paragraphs[2].endswith("担任特邀调解员,把矛盾化解在萌芽状态。")


def test_column_breaks_are_joined():
    page = parse_page(
        "会议召开\n\n座谈会上,与会的法院领导及部\n\n门负责人认真聆听发言。\n\n"
        "推出“党建+理论\n\n\n\n武装”等品牌。\n"
    )
    assert page.articles[0].paragraphs == [
        "座谈会上,与会的法院领导及部门负责人认真聆听发言。",
        "推出“党建+理论武装”等品牌。",
    ]


def test_a_short_cut_line_is_not_a_subhead():
    page = parse_page("法官进村\n\n第一段说完了。\n\n深入开展专\n\n项行动,取得实效。\n")
    assert page.articles[0].paragraphs == ["第一段说完了。", "深入开展专项行动,取得实效。"]
    assert page.articles[0].subheads == []


def test_numbered_and_bold_subheads():
    page = parse_page(
        "标题 一\n\n导语。\n\n一、强化政治引领\n\n正文。\n\n(二)深化诉源治理\n\n正文。\n\n"
        "**锻造过硬队伍**\n\n正文。\n\n一、二审衔接更顺畅了,群众满意。\n"
    )
    (article,) = page.articles
    assert article.subheads == ["一、强化政治引领", "(二)深化诉源治理", "锻造过硬队伍"]
    assert article.paragraphs[-1] == "一、二审衔接更顺畅了,群众满意。"


def test_a_byline_starts_a_new_article_without_an_end_credit():
    page = parse_page(
        "第一篇 标题\n\n第一篇的正文。\n\n第二篇标题\n\n本报通讯员●折鑫\n\n第二篇的正文。\n"
    )
    assert [(a.headline, a.byline) for a in page.articles] == [
        ("第一篇 标题", ""),
        ("第二篇标题", "本报通讯员●折鑫"),
    ]


def test_subheads_follow_the_markdown_levels():
    page = parse_page(
        "## 主标题\n\n导语。\n\n### 一级小标题\n\n正文。\n\n#### 二级小标题\n\n正文。\n"
    )
    (article,) = page.articles
    assert "<h2>一级小标题</h2>" in article.body_html
    assert "<h3>二级小标题</h3>" in article.body_html


def test_kicker_after_the_page_has_a_banner():
    page = parse_page(
        "专栏名称\n\n第一篇 标题\n\n正文。(张三)\n\n"
        "这是引题\n\n这是主题 很重要\n\n——这是副题\n\n正文。\n"
    )
    assert page.banner == "专栏名称"
    second = page.articles[1]
    assert (second.kicker, second.headline, second.subtitle) == (
        "这是引题",
        "这是主题 很重要",
        "——这是副题",
    )


def test_unmarked_headline_and_subtitle():
    page = parse_page("谋划新篇 开创新局\n\n某某法院召开全年工作会议\n\n记者 金丽\n\n正文。\n")
    article = page.articles[0]
    assert (article.headline, article.subtitle, article.byline) == (
        "谋划新篇 开创新局",
        "某某法院召开全年工作会议",
        "记者 金丽",
    )


def test_text_after_an_end_credit_is_kept_and_reported():
    page = parse_page("标题 一\n\n正文。\n\n(张三)\n\n又一段正文。\n")
    assert page.articles[0].paragraphs == ["正文。", "又一段正文。"]
    assert any("after the end" in note.message and note.line == 7 for note in page.notes)


def test_a_parenthesis_that_is_not_a_credit_stays_in_the_text():
    page = parse_page("标题 一\n\n出台了《指导意见(试行)》,效果明显。\n")
    assert page.articles[0].end_credit == ""
    assert page.articles[0].paragraphs == ["出台了《指导意见(试行)》,效果明显。"]


def test_a_trailing_line_is_the_banner_and_then_stray():
    page = parse_page("标题 一\n\n正文。(张三)\n\n栏目一\n")
    assert page.banner == "栏目一"
    page = parse_page("栏目一\n\n标题 二\n\n正文。(张三)\n\n孤立的一行\n")
    assert page.banner == "栏目一"
    assert [a.headline for a in page.articles] == ["标题 二"]
    assert any("孤立的一行" in note.message for note in page.notes)


def test_html_in_the_text_is_escaped():
    page = parse_page("标题 一\n\n正文<script>alert(1)</script>。\n")
    assert "<script>" not in page.articles[0].body_html
    assert "&lt;script&gt;" in page.articles[0].body_html


@pytest.mark.parametrize(
    "content, message, line",
    [
        (b"", "empty", None),
        ("\n  \n", "empty", None),
        (b"GIF89a\x01\x00\x00\x00", "binary", 1),
        ("法院专刊\n\n通讯稿".encode("gbk"), "Not UTF-8", 1),
        ("# 法院专刊\n\n内蒙古自治区高级人民法院\n\n2025年06月27日 05版\n", "No article", 1),
        ("只有一段正文,没有标题。\n\n又一段正文。\n", "No article", 1),
        ("法院专刊\n\n2025年13月45日 05版\n\n标题 一\n\n正文。\n", "Cannot read the date", 3),
        ("2025年06月27日 05版\n\n标题 一\n\n正文。\n\n2025年06月28日 05版\n", "second", 7),
    ],
)
def test_bad_pages(content, message, line):
    with pytest.raises(PageError, match=message) as caught:
        parse_page(content)
    assert caught.value.line == line
