"""Sign-in: lockout after repeated failures, Argon2 password hashes, sessions of a working day."""

import datetime
from pathlib import Path

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from axes.utils import reset as reset_lockouts
from django.conf import settings
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from newsroom import settings as project_settings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def lockout(settings):
    """django-axes as in production (the test settings switch it off for everything else)."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = project_settings.AXES_FAILURE_LIMIT
    return settings


def sign_in(client, username, password, ip="192.0.2.10"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
    )


def test_right_password_signs_in(lockout, editor):
    response = sign_in(Client(), "editor", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")


def test_repeated_failures_lock_the_sign_in_with_a_clear_message(lockout, editor):
    client = Client()
    limit = settings.AXES_FAILURE_LIMIT
    assert 3 <= limit <= 10
    for _ in range(limit - 1):
        response = sign_in(client, "editor", "wrong")
        assert response.status_code == 200  # the sign-in form again
    response = sign_in(client, "editor", "wrong")
    assert response.status_code == 429
    # Locked: even the right password is refused now, with a message saying why and what to do.
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    text = response.content.decode()
    assert str(limit) in text
    assert "30" in text  # minutes until it lifts by itself
    assert response.context["from_address"] is False  # one username's limit, not the address's
    assert AccessAttempt.objects.filter(username="editor").exists()


def test_the_lockout_is_per_address(lockout, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), "editor", "wrong", ip="198.51.100.7")
    # The same name from the editorial office's own address still works.
    response = sign_in(Client(), "editor", PASSWORD, ip="192.0.2.10")
    assert response.status_code == 302


def test_resetting_lifts_the_lockout(lockout, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), "editor", "wrong")
    assert sign_in(Client(), "editor", PASSWORD).status_code == 429
    reset_lockouts(username="editor")
    assert sign_in(Client(), "editor", PASSWORD).status_code == 302


def test_a_success_clears_earlier_failures(lockout, editor):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        sign_in(Client(), "editor", "wrong")
    assert sign_in(Client(), "editor", PASSWORD).status_code == 302
    for _ in range(limit - 1):
        sign_in(Client(), "editor", "wrong")
    assert sign_in(Client(), "editor", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        # No proxy: the header is ignored, whatever a client writes in it.
        (0, "1.2.3.4", "203.0.113.5"),
        # Behind one proxy: the address that proxy appended, not what the client forged before it.
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        # Behind two: the address the outer proxy saw, which the inner one appended.
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        # A header shorter than the proxies configured: fall back to the connection.
        (2, "", "203.0.113.5"),
    ],
)
def test_client_address_behind_a_reverse_proxy(settings, proxies, forwarded_for, expected):
    settings.PROXY_COUNT = proxies
    request = RequestFactory().get(
        "/admin/login/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=forwarded_for
    )
    assert get_client_ip_address(request) == expected


def test_lockout_behind_a_proxy_follows_the_client_not_the_proxy(lockout, editor):
    lockout.PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            reverse("admin:login"),
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
    response = Client().post(
        reverse("admin:login"),
        {"username": "editor", "password": PASSWORD, "next": reverse("admin:index")},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.10",
    )
    assert response.status_code == 302


def test_passwords_are_hashed_with_argon2():
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS):
        encoded = make_password(PASSWORD)
        assert identify_hasher(encoded).algorithm == "argon2"
        assert check_password(PASSWORD, encoded)


def test_an_older_hash_is_upgraded_to_argon2_at_sign_in(settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = UserFactory(username="old", is_staff=True, password=None)
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    assert Client().login(username="old", password=PASSWORD)
    user.refresh_from_db()
    assert user.password.startswith("argon2")


def test_staff_sessions_last_a_working_day_and_end_with_the_browser(editor):
    assert project_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert 6 * 3600 <= project_settings.SESSION_COOKIE_AGE <= 10 * 3600
    client = Client()
    response = sign_in(client, "editor", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a browser-session cookie
    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == project_settings.SESSION_COOKIE_AGE


def test_one_address_trying_many_usernames_is_locked_out(lockout, editor):
    """Guessing across accounts from one machine stops as guessing one account does."""
    limit = settings.SIGNIN_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    names = [f"guess{n}" for n in range(limit)]  # each under the per-username limit
    for name in names[:-1]:
        assert sign_in(Client(), name, "wrong", ip="203.0.113.9").status_code == 200
    assert sign_in(Client(), names[-1], "wrong", ip="203.0.113.9").status_code == 429
    response = sign_in(Client(), "editor", PASSWORD, ip="203.0.113.9")
    assert response.status_code == 429
    assert "_auth_user_id" not in Client().session
    # The page says which limit it was: the address's, not one username's.
    assert response.context["from_address"] is True
    assert response.context["failure_limit"] == limit
    # Other addresses are not affected.
    assert sign_in(Client(), "editor", PASSWORD, ip="192.0.2.10").status_code == 302


def test_a_username_attacked_from_many_addresses_is_slowed_not_locked(lockout, editor, settings):
    # The editor signs in from the office once: a known address.
    assert sign_in(Client(), "editor", PASSWORD, ip="192.0.2.10").status_code == 302
    attackers = [f"198.51.100.{n}" for n in range(1, 40)]
    for address in attackers[: settings.SIGNIN_USERNAME_SLOWDOWN_AFTER]:
        assert sign_in(Client(), "editor", "wrong", ip=address).status_code == 200
    # Slowed: the next guess from a new address is not even checked, and says to wait.
    response = sign_in(Client(), "editor", "wrong", ip=attackers[-1])
    assert response.status_code == 200
    assert "wait" in response.content.decode()
    failures = AccessAttempt.objects.filter(username="editor").count()
    assert sign_in(Client(), "editor", "wrong", ip=attackers[-2]).status_code == 200
    assert AccessAttempt.objects.filter(username="editor").count() == failures  # not counted
    # Never locked: from the office the right password still signs in at once…
    assert sign_in(Client(), "editor", PASSWORD, ip="192.0.2.10").status_code == 302
    # …and from a new address too, once the interval has passed.
    AccessAttempt.objects.filter(username="editor").update(
        attempt_time=timezone.now() - datetime.timedelta(seconds=60)
    )
    assert sign_in(Client(), "editor", PASSWORD, ip="203.0.113.50").status_code == 302


def test_the_thresholds_are_in_the_readme():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("### Sign-in protection")[1].split("\n## ")[0]
    for value in (
        settings.AXES_FAILURE_LIMIT,
        settings.SIGNIN_ADDRESS_FAILURE_LIMIT,
        settings.SIGNIN_USERNAME_SLOWDOWN_AFTER,
        settings.SIGNIN_USERNAME_SLOWDOWN_ADDRESSES,
        settings.SIGNIN_USERNAME_SLOWDOWN_SECONDS,
    ):
        assert str(value) in section
