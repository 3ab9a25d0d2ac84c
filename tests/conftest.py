import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.utils import translation

from newsroom.generation import forget_content_generation
from newsroom.pagecache import forget_recent_pages
from tests.factories import ContributorFactory, UserFactory


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: no page cached by an earlier test's content."""
    for cache in caches.all():
        cache.clear()
    forget_content_generation()
    forget_recent_pages()


@pytest.fixture(autouse=True)
def _english_msgids():
    """Tests read the code's English msgids, not the zh_Hans catalogue, which is filled after
    the code and tested on its own (tests/newsroom/test_translations.py)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _without_loaded_basic_courts(request):
    """Tests start with the high court and the city courts only, as they were written: the
    basic courts that migration courts.0004 loads are removed first (tests make the courts they
    need), unless the test is marked ``basic_courts``. Transactional tests start from an
    emptied database anyway."""
    marker = request.node.get_closest_marker("django_db")
    if "basic_courts" in request.keywords or (marker is None and "db" not in request.fixturenames):
        return
    if marker is not None and marker.kwargs.get("transaction"):
        return
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        return
    request.getfixturevalue("db")
    from courts.data import basic_courts
    from courts.models import Court

    Court.objects.filter(
        level=Court.Level.BASIC, slug__in=[court.slug for court in basic_courts()]
    ).delete()


@pytest.fixture
def chinese():
    """For a test of what readers see beyond the msgids (weekdays, dates): Chinese, as served."""
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def editor(db):
    """A member of the editorial office (the Editors group): editions, articles, courts."""
    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def correspondent(db):
    """A court's press officer (Correspondents group), linked to their contributor record."""
    user = UserFactory(username="correspondent", is_staff=True)
    user.groups.add(Group.objects.get(name="Correspondents"))
    ContributorFactory(name="张树清", user=user)
    return user


@pytest.fixture
def administrator(db):
    """Manages sign-in accounts (Administrators group), and nothing editorial."""
    user = UserFactory(username="administrator", is_staff=True)
    user.groups.add(Group.objects.get(name="Administrators"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def shared_dir():
    """The shared folder beside the checkout (sample pages, court list), when it is there."""
    from pathlib import Path

    return Path(__file__).resolve().parent.parent.parent / "shared"
