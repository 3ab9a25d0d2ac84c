"""The NewsArticle JSON-LD of article pages, parsed back as a search engine would."""

import json
import re

import pytest

from articles.models import Credit
from articles.templatetags.reader import ld_json
from tests.factories import ArticleFactory, ContributorFactory, CreditFactory, IssueFactory

pytestmark = pytest.mark.django_db


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_news_article_fields(client):
    issue = IssueFactory(title="法院专刊", page_number=5)
    article = ArticleFactory(
        issue=issue,
        headline="谋篇定方向 蓄力开新局",
        subtitle="包头市中级人民法院召开全市法院院长会议",
        dateline="包头讯",
        byline="本报记者●肖玥",
    )
    CreditFactory(article=article, contributor=ContributorFactory(name="肖玥"), role="reporter")
    CreditFactory(
        article=article,
        contributor=ContributorFactory(name="包头中院", kind="organisation"),
        role=Credit.Role.ORGANISATION,
    )
    data = json_ld(client.get(article.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "谋篇定方向 蓄力开新局"
    assert data["alternativeHeadline"] == "包头市中级人民法院召开全市法院院长会议"
    assert data["datePublished"] == article.publish_at.isoformat()
    assert data["dateModified"].startswith(str(article.updated_at.date()))
    assert data["author"] == [{"@type": "Person", "name": "肖玥", "url": data["author"][0]["url"]}]
    assert data["author"][0]["url"].startswith("http://testserver/contributors/")
    assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"]
    assert data["dateline"] == "包头讯"
    assert (
        data["printEdition"]
        == f"法院专刊 {issue.date.year}年{issue.date.month}月{issue.date.day}日"
    )
    assert data["printPage"] == "05"
    assert data["printSection"] == "法院专刊"
    assert data["mainEntityOfPage"]["@id"] == "http://testserver" + article.get_absolute_url()


def test_organisation_is_the_author_when_no_person_is_credited(client):
    article = ArticleFactory()
    CreditFactory(
        article=article,
        contributor=ContributorFactory(name="赤峰中院", kind="organisation"),
        role=Credit.Role.ORGANISATION,
    )
    data = json_ld(client.get(article.get_absolute_url()).content.decode())
    assert [(a["@type"], a["name"]) for a in data["author"]] == [("Organization", "赤峰中院")]


def test_web_only_article_has_no_print_fields(client):
    data = json_ld(client.get(ArticleFactory(issue=None).get_absolute_url()).content.decode())
    assert not {"printEdition", "printPage", "printSection"} & set(data)


def test_text_cannot_break_out_of_the_script_element(client):
    article = ArticleFactory(headline="</script><script>alert(1)</script>", dateline="<!--")
    html = client.get(article.get_absolute_url()).content.decode()
    data = json_ld(html)
    assert data["headline"] == "</script><script>alert(1)</script>"
    assert data["dateline"] == "<!--"
    assert "<script>alert(1)" not in html


def test_ld_json_escapes_markup_characters():
    out = str(ld_json({"a": "<&>"}))
    assert "<&>" not in out.split(">", 1)[1].rsplit("<", 1)[0]
    assert json.loads(out.split(">", 1)[1].rsplit("<", 1)[0]) == {"a": "<&>"}
