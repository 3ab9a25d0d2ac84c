"""
Two shapes of page the text import got wrong on pages it had not seen (issue: the text import on
unseen pages), in text this project writes:

- a headline marked one level lower than the page's first (### after ##) and followed by a
  dateline that is not in bold and has no space after it is a new article, not a subhead;
- a featured quote set as two short lines with no final punctuation above its "——" attribution
  is the quote, not a banner and an empty headline.
"""

from articles.importing.parser import parse_page

LOWER_HEADLINE = """\
法院专刊
2025年03月14日 06版

## 草原上的流动法庭 把公正送到牧民身边

**锡林郭勒讯** 春耕时节,锡林郭勒盟中级人民法院的巡回法庭来到牧区,就地审理一起草场纠纷。

法官在蒙古包里开庭,当事双方当场达成调解。

### 一站式服务中心启用

赤峰讯3月10日,赤峰市中级人民法院诉讼服务中心改造完成,群众可以一次办好立案、缴费和查询。

中心还设了调解室和律师工作站,方便群众就近解决纠纷。(王明远)
"""

TWO_LINE_QUOTE = """\
法院专刊
2025年04月18日 03版

守正创新担使命
踔厉奋发启新程
——写在新一年审判工作开局之际

## 以案释法进校园

通辽讯 4月15日,通辽市中级人民法院法官走进校园,为学生上了一堂法治课。

法官结合身边案例,讲解了防范网络诈骗的方法。(通辽市中级人民法院供稿)
"""


def test_a_lower_headline_with_an_unbold_dateline_starts_an_article():
    page = parse_page(LOWER_HEADLINE)
    assert [a.headline for a in page.articles] == [
        "草原上的流动法庭 把公正送到牧民身边",
        "一站式服务中心启用",
    ]
    second = page.articles[1]
    assert second.dateline == "赤峰讯"
    assert second.paragraphs[0].startswith("3月10日,")
    assert second.end_credit == "(王明远)"
    assert page.articles[0].subheads == []


def test_an_unbold_dateline_without_a_space_needs_a_time_word_after_it():
    """A "…讯" in a sentence is not a dateline: only a date or a word for when may follow it."""
    page = parse_page(LOWER_HEADLINE.replace("赤峰讯3月10日,", "赤峰讯息传遍全城,"))
    assert [a.headline for a in page.articles] == ["草原上的流动法庭 把公正送到牧民身边"]
    assert page.articles[0].subheads == ["一站式服务中心启用"]


def test_a_two_line_quote_without_final_punctuation_is_the_quote():
    page = parse_page(TWO_LINE_QUOTE)
    assert page.quote == "守正创新担使命\n踔厉奋发启新程"
    assert page.quote_attribution == "写在新一年审判工作开局之际"
    assert page.banner == ""
    assert [a.headline for a in page.articles] == ["以案释法进校园"]
    assert page.articles[0].dateline == "通辽讯"


def test_a_headline_with_a_dash_subtitle_and_text_is_still_an_article():
    """The quote rule needs a headline after the attribution: a first article set as plain
    lines with a "——" subtitle and its text under it stays an article."""
    text = TWO_LINE_QUOTE.replace("\n## 以案释法进校园\n", "\n")
    page = parse_page(text)
    assert page.quote == ""
    assert page.articles[0].subtitle == "——写在新一年审判工作开局之际"
