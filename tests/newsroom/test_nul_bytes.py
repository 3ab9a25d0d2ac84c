"""A NUL byte in a query string or form data is a 400 everywhere (PostgreSQL refuses it in text:
without the check, the admin's filters, search and autocomplete were server errors)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from articles.models import Article, Issue
from newsroom.middleware import holds_nul
from tests.factories import ArticleFactory, IssueFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
AUTOCOMPLETE = reverse("admin:autocomplete")


def autocomplete_query(term):
    fields = {"app_label": "articles", "model_name": "article", "field_name": "issue"}
    return "&".join([f"term={term}", *(f"{key}={value}" for key, value in fields.items())])


def assert_bad_request(response):
    assert response.status_code == 400
    assert "400.html" in [template.name for template in response.templates]


@pytest.fixture
def content():
    issue = IssueFactory(title="法治要闻")
    return ArticleFactory(issue=issue, headline="赤峰中院召开座谈会")


@pytest.mark.parametrize(
    "query",
    [
        "status=%00",
        "q=%00",
        "q=%E6%B3%95%00%E9%99%A2",  # inside a word
        "city=%00",
        "%00=1",  # in a key
        "q=%2500&status=%00",
    ],
)
def test_the_admin_changelist_refuses_a_nul_byte(editor_client, content, query):
    assert_bad_request(editor_client.get(f"{CHANGELIST}?{query}"))


def test_the_admin_autocomplete_refuses_a_nul_byte(editor_client, content):
    assert_bad_request(editor_client.get(f"{AUTOCOMPLETE}?{autocomplete_query('%00')}"))
    assert_bad_request(editor_client.get(f"{AUTOCOMPLETE}?{autocomplete_query('%E6%B3%95%00')}"))


def test_requests_without_a_nul_byte_are_unaffected(editor_client, content):
    response = editor_client.get(f"{AUTOCOMPLETE}?{autocomplete_query('%E6%B3%95%E6%B2%BB')}")
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == [str(content.issue)]
    for query in ["status=published", "q=%E5%BA%A7%E8%B0%88", "q=%2500", "q=100%25"]:
        response = editor_client.get(f"{CHANGELIST}?{query}")
        assert response.status_code == 200, query
    assert content.headline in editor_client.get(f"{CHANGELIST}?q=座谈").text


def test_a_reader_gets_the_readable_400_page(client, content, chinese, settings):
    settings.DEBUG = False
    # (The article list's filters used to drop such a word with a message: a 400 now, as
    # everywhere.)
    for url in ["/articles/?q=null%00byte", "/search/?q=a%00b", "/?x=%00"]:
        response = client.get(url)
        assert_bad_request(response)
        html = response.content.decode()
        assert 'class="masthead"' in html, url  # the site's own layout
        assert "无法读取" in html  # the heading, in Chinese
        assert '<meta name="robots" content="noindex">' in html
        assert "Content-Security-Policy" in response  # the headers still hold


def test_the_refusal_costs_no_query(client, content, settings):
    settings.DEBUG = False
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/articles/?q=%00").status_code == 400
    assert not captured.captured_queries


def test_a_post_with_a_nul_byte_saves_nothing(editor_client, content):
    url = reverse("admin:articles_issue_change", args=[content.issue.pk])
    response = editor_client.post(url, {"title": "新\x00标题", "date": "2025-06-01"})
    assert_bad_request(response)
    assert Issue.objects.get(pk=content.issue.pk).title == "法治要闻"

    response = editor_client.post(reverse("admin:articles_article_add"), {"headline": "新稿\x00"})
    assert_bad_request(response)
    response = editor_client.post(reverse("admin:articles_article_add"), {"head\x00line": "新稿"})
    assert_bad_request(response)
    assert list(Article.objects.all()) == [content]


def test_a_multipart_post_with_a_nul_byte_is_refused_and_saves_nothing(editor_client, content):
    response = editor_client.post(
        reverse("admin:articles_article_add"),
        {"headline": "新稿\x00", "photos-0-image": SimpleUploadedFile("a.png", b"x")},
    )
    assert_bad_request(response)
    assert list(Article.objects.all()) == [content]


def test_an_upload_through_the_check_still_arrives_whole(editor_client, settings):
    """The form data is parsed before the view: the rich-text editor's upload (whose image
    bytes hold NULs, as images do) still reaches it, and is stored."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="PNG")
    assert b"\x00" in buffer.getvalue()
    upload = SimpleUploadedFile("photo.png", buffer.getvalue(), "image/png")
    response = editor_client.post(reverse("articles:upload_image"), {"upload": upload})
    assert response.status_code == 200
    assert response.json()["url"].startswith(settings.MEDIA_URL + "uploads/")


def test_a_post_that_is_not_a_form_is_not_read(editor_client):
    """A body of another type (JSON) is left to the view, unread: the view may still read it."""
    response = editor_client.post(
        reverse("articles:upload_image"), data=b'{"x": "\\u0000"}', content_type="application/json"
    )
    assert response.status_code == 400  # the upload view: "no file was sent", not the 400 page
    assert "error" in response.json()


def test_holds_nul_looks_at_keys_and_every_value():
    from django.http import QueryDict

    assert not holds_nul(QueryDict("a=1&b=%E6%B3%95&c=%2500"))
    assert holds_nul(QueryDict("a=1&a=%00"))  # a repeated key's later value
    assert holds_nul(QueryDict("a%00=1"))
    assert holds_nul(QueryDict("a=\x00"))


# UTF-7 spells NUL "+AAA-": no %00 in the query string. Django reads a request's data in the
# charset its Content-Type names, even a GET's.
UTF7 = "text/plain; charset=utf-7"


@pytest.mark.parametrize("query", ["q=%2BAAA-", "status=%2BAAA-", "city=%2BAAA-"])
def test_a_get_reads_its_query_string_as_utf8_whatever_charset_it_names(
    editor_client, content, query
):
    editor_client.raise_request_exception = False
    response = editor_client.get(f"{CHANGELIST}?{query}", CONTENT_TYPE=UTF7)
    assert response.status_code in (200, 302)  # "+AAA-" as typed: nothing found, no error
    response = editor_client.get(
        f"{AUTOCOMPLETE}?{autocomplete_query('%2BAAA-')}", CONTENT_TYPE=UTF7
    )
    assert response.status_code == 200


def test_a_post_in_another_charset_is_checked_as_it_reads(editor_client, content):
    url = reverse("admin:articles_issue_change", args=[content.issue.pk])
    form = "application/x-www-form-urlencoded; charset=utf-7"
    assert_bad_request(editor_client.post(url, "title=%2BAAA-&date=2025-06-01", content_type=form))
    assert Issue.objects.get(pk=content.issue.pk).title == "法治要闻"


def test_a_charset_cannot_put_another_page_under_a_url(client, content, settings):
    """A cached page is the page its URL says, whatever charset the first request named."""
    settings.PAGE_CACHE_ENABLED = True
    found = content.get_absolute_url()
    assert found in client.get("/search/?q=座谈会").content.decode()
    url = "/search/?q=" + "座谈会".encode("utf-7").decode().replace("+", "%2B")
    first = client.get(url, CONTENT_TYPE=UTF7)
    assert found not in first.content.decode()  # "+Xqdo..." as typed: nothing found
    second = client.get(url)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
