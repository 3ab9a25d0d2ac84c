"""demo_accounts: development sign-ins for every role, refused in production."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from accounts.roles import ADMINISTRATORS, CITY_REVIEWERS, CORRESPONDENTS, EDITORS
from articles.models import Article, Contributor, Status
from demo.people import DEMO_CORRESPONDENT
from tests.factories import ContributorFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


def run(**options):
    out = io.StringIO()
    call_command("demo_accounts", stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def passwords(output):
    return dict(re.findall(r"^\s+(\w+)\s+password: (\S+)", output, re.MULTILINE))


def test_sign_ins_that_work_and_sit_in_their_groups(debug):
    output = run()
    printed = passwords(output)
    assert set(printed) == {"admin", "editor", "correspondent", "reviewer", "county"}
    assert "http://127.0.0.1:8000/admin/" in output
    expected = {
        "admin": ADMINISTRATORS,
        "editor": EDITORS,
        "correspondent": CORRESPONDENTS,
        "reviewer": CITY_REVIEWERS,
        "county": CORRESPONDENTS,
    }
    for username, group in expected.items():
        user = User.objects.get(username=username)
        assert user.is_active and user.is_staff
        assert user.is_superuser == (username == "admin")
        assert list(user.groups.values_list("name", flat=True)) == [group]
        client = Client()
        assert client.login(username=username, password=printed[username])
        assert client.get(reverse("admin:index")).status_code == 200


def test_the_groups_are_the_roles_from_the_migration(debug):
    run()
    # get_or_create found the roles' groups: they still carry their permissions.
    for name in (EDITORS, CORRESPONDENTS):
        assert Group.objects.get(name=name).permissions.exists()
    assert Group.objects.filter(name__in=[ADMINISTRATORS, EDITORS, CORRESPONDENTS]).count() == 3


def test_the_correspondent_is_a_contributor_of_a_court(debug):
    run()
    contributor = Contributor.objects.get(user__username="correspondent")
    assert (contributor.name, contributor.court.slug) == DEMO_CORRESPONDENT
    assert contributor.kind == Contributor.Kind.PERSON


def test_the_correspondent_takes_over_the_generated_press_officer(debug):
    call_command("generate_demo", articles=30, verbosity=0)
    existing = Contributor.objects.get(name=DEMO_CORRESPONDENT[0], user__isnull=True)
    run()
    existing.refresh_from_db()
    assert existing.user.username == "correspondent"
    submitted = Article.objects.get(status=Status.REVIEW)
    assert submitted.submitted_by == existing.user
    # The correspondent sees the article credited to them, as their own.
    assert Article.objects.owned_by(existing.user).filter(pk=submitted.pk).exists()


def test_running_again_resets_the_passwords(debug):
    first = passwords(run())
    User.objects.filter(username="editor").update(is_active=False)
    second = passwords(run())
    assert first["editor"] != second["editor"]
    editor = User.objects.get(username="editor")
    assert editor.is_active
    assert editor.check_password(second["editor"]) and not editor.check_password(first["editor"])
    assert User.objects.filter(username__in=["admin", "editor", "correspondent"]).count() == 3
    assert Contributor.objects.filter(user__username="correspondent").count() == 1


def test_a_chosen_password(debug):
    printed = passwords(run(password="demo-法院-2025"))
    assert set(printed.values()) == {"demo-法院-2025"}


def test_a_contributor_already_linked_is_kept(debug):
    user = User.objects.create_user("correspondent")
    mine = ContributorFactory(name="张树清", user=user)
    run()
    assert Contributor.objects.get(user__username="correspondent") == mine
    assert not Contributor.objects.filter(name=DEMO_CORRESPONDENT[0]).exists()


def test_refused_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        run()
    assert not User.objects.exists()


def test_the_demo_accounts_have_peoples_names(settings):
    settings.DEBUG = True
    call_command("demo_accounts", "--password", "demo-Passw0rd!", stdout=io.StringIO())
    for user in get_user_model().objects.filter(username__in=["admin", "editor", "correspondent"]):
        assert user.first_name and user.first_name != user.username


@pytest.mark.basic_courts
def test_a_basic_courts_draft_goes_to_the_demo_reviewer(debug):
    """The city review can be walked with the demo sign-ins: the county correspondent's
    submission waits for the reviewer of their city court, who sees it."""
    from articles import workflow
    from tests.factories import ArticleFactory

    run()
    county, reviewer = User.objects.get(username="county"), User.objects.get(username="reviewer")
    assert workflow.reviewer_city(reviewer).slug == DEMO_CORRESPONDENT[1]
    draft = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None, created_by=county)
    workflow.apply(county, draft, "submit")
    draft.refresh_from_db()
    assert draft.status == Status.CITY_REVIEW
    assert Article.objects.visible_to(reviewer).filter(pk=draft.pk).exists()
