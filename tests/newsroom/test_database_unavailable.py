"""The database unreachable: 503 with a page that needs no database, Retry-After, a plain word in
the admin; and everything works again once it is back, with no restart."""

import contextlib
import socket
import threading
from urllib.parse import unquote_to_bytes

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, connection, connections
from django.test import RequestFactory
from django.urls import reverse

from newsroom.generation import forget_content_generation
from newsroom.pagecache import forget_recent_pages
from newsroom.unavailable import RETRY_AFTER_SECONDS
from newsroom.views import server_error
from tests.factories import ArticleFactory, IssueFactory

PUBLIC_PATHS = ["/", "/articles/", "/issues/", "/courts/", "/search/?q=法院", "/articles/feed/"]


class Outage:
    """Every new query fails as it does when the server cannot be reached."""

    def begin(self):
        connections["default"].ensure_connection = self._refuse

    def end(self):
        connections["default"].__dict__.pop("ensure_connection", None)

    @staticmethod
    def _refuse():
        raise OperationalError(
            'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
        )


@pytest.fixture
def outage(db):
    """Ended before the test database is rolled back (this fixture depends on it)."""
    outage = Outage()
    yield outage
    outage.end()


@pytest.fixture
def database_down(outage):
    outage.begin()
    return outage


def assert_unavailable(response, template):
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-cache" in response["Cache-Control"]
    assert template in [t.name for t in response.templates]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_answer_503_with_the_friendly_page(client, database_down, path):
    response = client.get(path)
    assert_unavailable(response, "503.html")
    page = response.content.decode()
    assert 'class="masthead"' in page  # the site's own layout, not a bare error
    assert "503" in page
    assert "Content-Security-Policy" in response  # the headers still hold


@pytest.mark.django_db
def test_an_article_page_answers_503(client, outage):
    article = ArticleFactory()
    outage.begin()
    assert_unavailable(client.get(article.get_absolute_url()), "503.html")


def test_the_admin_says_so_plainly(editor_client, outage):
    outage.begin()
    for path in [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_add"),
    ]:
        response = editor_client.get(path)
        assert_unavailable(response, "admin/database_unavailable.html")
        assert 'id="site-name"' in response.content.decode()  # the admin's own header


def test_a_save_during_the_outage_is_a_503_not_an_error_page(editor_client, outage):
    outage.begin()
    response = editor_client.post(reverse("admin:articles_article_add"), {"headline": "新稿"})
    assert_unavailable(response, "admin/database_unavailable.html")


@pytest.mark.django_db
def test_the_site_works_again_when_the_database_is_back(client, outage):
    IssueFactory()
    outage.begin()
    assert client.get("/").status_code == 503
    outage.end()
    assert client.get("/").status_code == 200
    assert client.get("/issues/").status_code == 200


@pytest.mark.django_db
def test_the_health_check_reports_the_outage(client, database_down):
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response.json() == {"status": "unavailable"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_healthy_check_says_ok_with_no_retry_after(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "Retry-After" not in response


def test_an_outage_inside_a_middleware_is_a_503_too():
    """The 500 handler catches what escapes the views (a session saved by a middleware)."""
    request = RequestFactory().get("/articles/")
    try:
        raise OperationalError("terminating connection due to administrator command")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)


def test_other_errors_stay_500():
    request = RequestFactory().get("/articles/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


@pytest.mark.django_db
def test_a_bug_is_not_mistaken_for_an_outage(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr("articles.views.home.build_month", broken)
    IssueFactory()
    client.raise_request_exception = False
    assert client.get("/").status_code == 500


# --- A real connection lost and restored (PostgreSQL) -----------------------------------------


class TcpRelay:
    """A loopback TCP relay in front of the database server. Stopping it drops every connection
    and refuses new ones, as a database server going away does; starting it again on the same
    port brings the database "back"."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, int(target_port))
        self.port = None
        self.listener = None
        self.sockets = []
        self.lock = threading.Lock()

    def start(self):
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port or 0))
        self.port = self.listener.getsockname()[1]
        self.listener.listen(16)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self):
        # shutdown() first: close() alone leaves a thread blocked in accept() accepting.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        with self.lock:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # stopped
            upstream = socket.create_connection(self.target, timeout=5)
            upstream.settimeout(None)
            with self.lock:
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def empty_caches():
    """The caches, and the pages and generation this process keeps in its own memory."""
    for cache in caches.all():
        cache.clear()
    forget_content_generation()
    forget_recent_pages()


def wsgi_get(path):
    """A request through Django's real WSGI handler, which opens and closes database
    connections at the start and end of each request as a production server does (the test
    client skips that)."""
    path_info = unquote_to_bytes(path).decode("iso-8859-1")  # as a WSGI server passes it
    environ = RequestFactory()._base_environ(PATH_INFO=path_info, REQUEST_METHOD="GET")
    status = []
    response = WSGIHandler()(environ, lambda s, headers, exc_info=None: status.append(s))
    body = b"".join(response)
    response.close()  # request_finished: unusable connections are closed here
    return int(status[0].split()[0]), body, response


@pytest.fixture
def through_relay(transactional_db, django_db_serialized_rollback):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the test relays a real database connection")
    settings_dict = connections["default"].settings_dict
    original = settings_dict["HOST"], settings_dict["PORT"]
    relay = TcpRelay(original[0] or "127.0.0.1", original[1] or 5432)
    relay.start()
    connections["default"].close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", relay.port
    yield relay
    connections["default"].close()
    settings_dict["HOST"], settings_dict["PORT"] = original
    relay.stop()


def test_postgres_goes_away_and_comes_back_without_a_restart(through_relay):
    article = ArticleFactory()
    path = article.get_absolute_url()
    assert wsgi_get(path)[0] == 200
    empty_caches()  # a page kept in the cache would still be served: ask the database

    through_relay.stop()  # the server is gone, the kept connection with it
    status, body, response = wsgi_get(path)
    assert status == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert wsgi_get("/")[0] == 503  # a new connection is refused too
    status, _body, response = wsgi_get(reverse("health"))
    assert status == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)

    through_relay.start()  # back, on the same address
    assert wsgi_get(path)[0] == 200
    assert wsgi_get("/")[0] == 200
    assert wsgi_get(reverse("health"))[0] == 200
