"""Cache hits before Django (pagecache.HitsFirst, the application newsroom/wsgi.py serves): what
it sends equals what the full stack sends for the same hit; whatever the middleware would not
serve from the cache goes to Django; a change made in this process shows at once, another
process's within a second."""

import io
from unittest import mock
from urllib.parse import unquote_to_bytes, urlsplit

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from django.utils.encoding import iri_to_uri

from articles import workflow
from articles.models import Article, Status
from courts.models import Court
from newsroom import generation
from newsroom.pagecache import HitsFirst
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HEADLINE = "草原上的巡回法庭"


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: a request must not close the test's database connection
    (its transaction is the test's)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class Stack:
    """Django's WSGI application, and the same behind HitsFirst; counts what reaches Django."""

    def __init__(self):
        self.django = WSGIHandler()
        self.reached_django = 0

        def counted(environ, start_response):
            self.reached_django += 1
            return self.django(environ, start_response)

        self.fast = HitsFirst(counted)

    @staticmethod
    def call(application, url, method="GET", **headers):
        parts = urlsplit(iri_to_uri(url))
        environ = {
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": "",
            "PATH_INFO": unquote_to_bytes(parts.path).decode("latin-1"),
            "QUERY_STRING": parts.query,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "testserver",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": io.StringIO(),
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            **headers,
        }
        sent = {}

        def start_response(status, response_headers, exc_info=None):
            sent["status"], sent["headers"] = status, response_headers

        body = application(environ, start_response)
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        return sent["status"], sent["headers"], content

    def full(self, url, **kwargs):
        return self.call(self.django, url, **kwargs)

    def first(self, url, **kwargs):
        """Through HitsFirst; asserts that Django was not asked."""
        before = self.reached_django
        answer = self.call(self.fast, url, **kwargs)
        assert self.reached_django == before, f"{url} reached Django"
        return answer

    def through(self, url, **kwargs):
        """Through HitsFirst; asserts that Django answered."""
        before = self.reached_django
        answer = self.call(self.fast, url, **kwargs)
        assert self.reached_django == before + 1, f"{url} did not reach Django"
        return answer


def headers_of(answer):
    return dict(answer[1])


def comparable(answer):
    status, headers, body = answer
    return status, sorted((name, value) for name, value in headers if name != "Date"), body


@pytest.fixture
def stack():
    return Stack()


@pytest.fixture
def story():
    return ArticleFactory(headline=HEADLINE, courts=[Court.objects.get(slug="ordos")])


def public_pages(article):
    return {
        "home": reverse("home"),
        "edition": article.issue.get_absolute_url(),
        "article": article.get_absolute_url(),
        "list": reverse("articles:list"),
        "list by court": reverse("articles:list") + "?court=ordos",
    }


def warm(stack, url, **headers):
    assert headers_of(stack.full(url, **headers))["X-Cache"] == "MISS"
    hit = stack.full(url, **headers)
    assert headers_of(hit)["X-Cache"] == "HIT"
    return hit


GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.mark.parametrize("page", ["home", "edition", "article", "list", "list by court"])
@pytest.mark.parametrize("encoding", [{}, GZIP], ids=["plain", "gzip"])
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_hit_before_django_equals_the_full_stacks(stack, story, page, encoding, method):
    url = public_pages(story)[page]
    warm(stack, url, **encoding)
    full = stack.full(url, method=method, **encoding)
    fast = stack.first(url, method=method, **encoding)
    assert comparable(fast) == comparable(full)
    assert fast[0] == "200 OK"
    assert headers_of(fast).get("Content-Encoding") == ("gzip" if encoding else None)
    assert int(headers_of(fast)["Content-Length"]) == len(fast[2])


@pytest.mark.parametrize("encoding", [{}, GZIP], ids=["plain", "gzip"])
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_if_none_match_answers_as_the_full_stack_does(stack, story, encoding, method):
    url = story.get_absolute_url()
    etag = headers_of(warm(stack, url, **encoding))["ETag"]
    for condition, status in (
        (etag, "304 Not Modified"),
        (f"W/{etag}", "304 Not Modified"),
        (f'"other", {etag}', "304 Not Modified"),
        ("*", "304 Not Modified"),
        ('"other"', "200 OK"),
    ):
        asked = {**encoding, "HTTP_IF_NONE_MATCH": condition}
        full = stack.full(url, method=method, **asked)
        fast = stack.first(url, method=method, **asked)
        assert fast[0] == status, condition
        assert comparable(fast) == comparable(full), condition


def test_every_header_the_stack_adds_is_sent(stack, story):
    warm(stack, reverse("home"), **GZIP)
    fast = headers_of(stack.first(reverse("home"), **GZIP))
    for header in (
        "Content-Security-Policy",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "Cross-Origin-Opener-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "ETag",
        "Cache-Control",
        "Vary",
        "Content-Encoding",
        "Content-Length",
        "Content-Type",
    ):
        assert fast.get(header), header


class Stamp:
    """A middleware that adds a header the fast path knows nothing of."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["X-Stamp"] = "stamped"
        return response


def test_a_header_added_by_any_middleware_is_sent(stack, story, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.Stamp"]
    stack = Stack()  # the middleware chain is built with the handler
    warm(stack, reverse("home"))
    assert headers_of(stack.first(reverse("home")))["X-Stamp"] == "stamped"


@pytest.mark.parametrize(
    ("url", "kwargs"),
    [
        ("/", {"method": "POST"}),
        ("/", {"HTTP_COOKIE": "sessionid=abc"}),
        ("/", {"HTTP_AUTHORIZATION": "Basic dXNlcjpwYXNz"}),
        ("/", {"HTTP_IF_MODIFIED_SINCE": "Sat, 01 Jan 2000 00:00:00 GMT"}),
        ("/", {"HTTP_IF_MATCH": '"x"'}),
        ("/", {"HTTP_HOST": "evil.example"}),
        ("/?q=%00", {}),
        ("/admin/", {}),
        ("/health/", {}),
        ("/not-cached-yet/", {}),
    ],
)
def test_what_the_middleware_would_not_serve_from_the_cache_goes_to_django(
    stack, story, url, kwargs
):
    warm(stack, "/")
    assert stack.through(url, **kwargs)[0] == stack.full(url, **kwargs)[0]


def test_signed_in_staff_go_to_django(stack, story, client, editor):
    warm(stack, "/")
    client.force_login(editor)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    status, headers, _body = stack.through("/", HTTP_COOKIE=cookie)
    assert "X-Cache" not in dict(headers)
    assert "private" in dict(headers)["Cache-Control"]


def test_a_change_in_this_process_shows_at_once(clock, stack, story, editor):
    home = reverse("home")
    warm(stack, home)
    assert HEADLINE in stack.first(home)[2].decode()

    workflow.apply(editor, story, "withdraw")
    status, _headers, body = stack.through(home)
    assert HEADLINE not in body.decode()
    assert stack.first(home)[2] == body
    assert stack.through(story.get_absolute_url())[0].startswith("404")

    ArticleFactory(headline="新发布的巡回审判报道")
    assert "新发布的巡回审判报道" in stack.through(home)[2].decode()
    assert "新发布的巡回审判报道" in stack.first(home)[2].decode()


def test_another_process_change_shows_within_a_second(clock, stack, story):
    home = reverse("home")
    warm(stack, home)
    # Another web process withdraws the article: its row changes, and it renews the shared
    # generation; this process learns of it when it reads the generation again.
    Article.objects.filter(pk=story.pk).update(status=Status.WITHDRAWN)
    generation.generation_cache().set(generation.GENERATION_KEY, "another-process")
    clock.now += 0.999
    assert HEADLINE in stack.first(home)[2].decode()  # less than a second late: allowed
    clock.now += 0.001
    assert HEADLINE not in stack.through(home)[2].decode()
    assert HEADLINE not in stack.first(home)[2].decode()


def test_the_fast_path_reads_the_shared_generation_at_most_once_a_second(clock, stack, story):
    warm(stack, "/")
    with mock.patch.object(generation, "shared_token", wraps=generation.shared_token) as reads:
        for _ in range(5):
            stack.first("/")
        assert reads.call_count == 0
        clock.now += 1.0
        stack.first("/")
        stack.first("/")
        assert reads.call_count == 1


def test_the_served_application_is_wrapped():
    import newsroom.wsgi

    assert isinstance(newsroom.wsgi.application, HitsFirst)
