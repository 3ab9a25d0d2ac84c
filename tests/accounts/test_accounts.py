"""Administrators: a sign-in for a contributor in one step, roles, reset access, deactivation."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import ADMINISTRATORS, CITY_REVIEWERS, CORRESPONDENTS, EDITORS
from articles.models import Contributor
from courts.models import Court
from tests.factories import ContributorFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
NEW_PASSWORD = "法院专刊-New-Passw0rd!"


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def create_signin(client, **fields):
    data = {"name": "", "contributor": "", "court": "", "role": CORRESPONDENTS, "email": ""}
    data.update(fields)
    return client.post(reverse("admin:auth_user_add"), data)


def access_link(page):
    """The set-password link shown on an account's page (as a path on the test server)."""
    urls = re.findall(r'value="http://testserver(/admin/auth/user/set-password/[^"]+)"', page.text)
    assert urls, "no link to set the password on the page"
    return urls[0]


def test_the_roles_exist_with_their_permissions():
    def perms(name):
        group = Group.objects.get(name=name)
        return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}

    editors, correspondents, administrators = (
        perms(EDITORS),
        perms(CORRESPONDENTS),
        perms(ADMINISTRATORS),
    )
    assert {"articles.publish_article", "articles.publish_issue", "courts.change_court"} <= editors
    assert {
        "articles.add_article",
        "articles.change_article",
        "courts.view_court",
    } <= correspondents
    assert not {p for p in correspondents if "issue" in p or "publish" in p or "contributor" in p}
    assert "articles.delete_article" not in correspondents
    assert {"auth.add_user", "auth.change_user", "auth.view_user"} <= administrators
    assert not {p for p in administrators if p.startswith("articles.") and "view_" not in p}
    assert not {p for p in editors | correspondents if p.startswith("auth.")}


def test_administrator_creates_a_correspondents_sign_in_in_one_step(administrator):
    client = signed_in(administrator)
    court = Court.objects.get(slug="chifeng")
    response = create_signin(client, name="王学清", court=court.pk, username="wangxueqing")
    assert response.status_code == 302
    user = User.objects.get(username="wangxueqing")
    assert user.is_staff and user.is_active and not user.is_superuser
    assert not user.has_usable_password()
    assert [g.name for g in user.groups.all()] == [CORRESPONDENTS]
    assert user.contributor.name == "王学清" and user.contributor.court == court
    assert LogEntry.objects.filter(object_id=str(user.pk), user=administrator).exists()

    # The change page shows a link with which the person sets their own password.
    page = client.get(response["Location"])
    link = access_link(page)
    person = Client()
    form_page = person.get(link, follow=True)
    assert form_page.status_code == 200
    # The page says which username to sign in with, without the admin's sidebar.
    assert "<strong>wangxueqing</strong>" in form_page.text
    assert 'id="nav-sidebar"' not in form_page.text
    response = person.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    done = person.get(response["Location"])
    assert done.status_code == 200 and reverse("admin:login") in done.text
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert person.login(username="wangxueqing", password=NEW_PASSWORD)
    # The new correspondent can write articles right away.
    assert person.get(reverse("admin:articles_article_add")).status_code == 200
    # The link works once.
    assert "set-password" in link
    used = Client().get(link, follow=True)
    assert used.context["validlink"] is False
    assert "Ask an administrator" in used.text


def test_an_existing_contributor_gets_the_sign_in(administrator):
    court = Court.objects.get(slug="baotou")
    contributor = ContributorFactory(name="折鑫", court=court)
    response = create_signin(
        signed_in(administrator), contributor=contributor.pk, username="zhexin", role=EDITORS
    )
    assert response.status_code == 302
    contributor.refresh_from_db()
    assert contributor.user.username == "zhexin"
    assert contributor.user.first_name == "折鑫"
    assert contributor.user.groups.get().name == EDITORS
    assert Contributor.objects.filter(name="折鑫").count() == 1


def test_a_namesake_contributor_is_not_duplicated(administrator):
    court = Court.objects.get(slug="baotou")
    ContributorFactory(name="折鑫", court=court)
    response = create_signin(signed_in(administrator), name="折鑫", court=court.pk, username="zx")
    assert response.status_code == 200
    assert "contributor" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="zx").exists()


def test_a_correspondent_needs_a_court(administrator):
    response = create_signin(signed_in(administrator), name="张丽", username="zhangli")
    assert response.status_code == 200
    assert "court" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="zhangli").exists()


def test_roles_are_assigned_on_the_account_page_and_nothing_more(administrator, correspondent):
    client = signed_in(administrator)
    url = reverse("admin:auth_user_change", args=[correspondent.pk])
    form = client.get(url).context["adminform"].form
    assert set(form.fields["groups"].queryset.values_list("name", flat=True)) == {
        ADMINISTRATORS,
        EDITORS,
        CORRESPONDENTS,
        CITY_REVIEWERS,
    }
    assert "is_superuser" not in form.fields and "user_permissions" not in form.fields
    data = {
        "username": correspondent.username,
        "first_name": "张树清",
        "last_name": "",
        "email": "",
        "groups": [Group.objects.get(name=EDITORS).pk],
        "is_active": "on",
        # Forged: an administrator cannot make anyone a superuser.
        "is_superuser": "on",
        "user_permissions": [1, 2, 3],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "00:00:00",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    correspondent.refresh_from_db()
    assert [g.name for g in correspondent.groups.all()] == [EDITORS]
    assert not correspondent.is_superuser and not correspondent.user_permissions.exists()
    assert LogEntry.objects.filter(object_id=str(correspondent.pk), user=administrator).exists()


def test_administrators_do_not_see_superusers(administrator):
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True)
    client = signed_in(administrator)
    assert client.get(reverse("admin:auth_user_change", args=[boss.pk])).status_code == 404
    assert client.get(reverse("admin:accounts_reset_access", args=[boss.pk])).status_code == 404
    assert "boss" not in client.get(reverse("admin:auth_user_changelist")).text


def test_reset_access_voids_the_password_lifts_lockouts_and_logs(administrator, correspondent):
    AccessAttempt.objects.create(
        username=correspondent.username,
        ip_address="10.0.0.1",
        user_agent="test",
        failures_since_start=9,
        attempt_time=timezone.now(),
    )
    person = Client()
    person.force_login(correspondent)
    client = signed_in(administrator)
    url = reverse("admin:accounts_reset_access", args=[correspondent.pk])
    assert client.get(url).status_code == 200  # asks first
    assert correspondent.has_usable_password()
    response = client.post(url)
    assert response.status_code == 302
    correspondent.refresh_from_db()
    assert not correspondent.has_usable_password()
    assert not AccessAttempt.objects.filter(username=correspondent.username).exists()
    # The old session is over: the password hash it was bound to changed.
    assert person.get(reverse("admin:index")).status_code == 302
    entry = LogEntry.objects.filter(object_id=str(correspondent.pk)).latest("pk")
    assert entry.user == administrator and "Reset access" in entry.change_message
    assert access_link(client.get(response["Location"]))


def test_deactivate_and_reactivate(administrator, correspondent):
    client = signed_in(administrator)
    person = Client()
    person.force_login(correspondent)
    changelist = reverse("admin:auth_user_changelist")
    client.post(changelist, {"action": "deactivate", "_selected_action": [correspondent.pk]})
    correspondent.refresh_from_db()
    assert not correspondent.is_active
    assert person.get(reverse("admin:index")).status_code == 302  # signed out
    entry = LogEntry.objects.filter(object_id=str(correspondent.pk)).latest("pk")
    assert entry.user == administrator and "Deactivated" in entry.change_message
    client.post(changelist, {"action": "reactivate", "_selected_action": [correspondent.pk]})
    correspondent.refresh_from_db()
    assert correspondent.is_active


def test_an_administrator_cannot_deactivate_themselves(administrator):
    client = signed_in(administrator)
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate", "_selected_action": [administrator.pk]},
        follow=True,
    )
    administrator.refresh_from_db()
    assert administrator.is_active
    assert [str(m) for m in response.context["messages"]] == ["You cannot deactivate yourself."]


@pytest.mark.parametrize("superuser", [False, True], ids=["administrator", "superuser"])
def test_nobody_takes_their_own_roles_or_access_away_in_the_form(administrator, superuser):
    """On one's own account page, the roles and the active box are shown, not fields: saving it
    without them (or with forged values) leaves one's access as it was."""
    if superuser:
        administrator.is_superuser = True
        administrator.save()
    client = signed_in(administrator)
    url = reverse("admin:auth_user_change", args=[administrator.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    assert "groups" not in form.fields and "is_active" not in form.fields
    assert "is_superuser" not in form.fields
    data = {
        "username": administrator.username,
        "first_name": "管理员",
        "last_name": "",
        "email": "",
        "groups": [Group.objects.get(name=EDITORS).pk],  # forged
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "00:00:00",
    }
    assert client.post(url, data).status_code == 302
    administrator.refresh_from_db()
    assert administrator.first_name == "管理员"
    assert administrator.is_active and administrator.is_superuser == superuser
    assert [g.name for g in administrator.groups.all()] == [ADMINISTRATORS]
    assert client.get(reverse("admin:index")).status_code == 200
    # Another administrator's page has the fields.
    other = UserFactory(username="other", is_staff=True)
    other.groups.add(Group.objects.get(name=ADMINISTRATORS))
    form = client.get(reverse("admin:auth_user_change", args=[other.pk])).context["adminform"]
    assert {"groups", "is_active"} <= set(form.form.fields)


def test_the_activity_log_shows_who_published_and_when(administrator, editor):
    from articles import workflow
    from tests.factories import ArticleFactory

    article = ArticleFactory(issue=None, status="review", publish_at=None, headline="待发稿件")
    workflow.apply(editor, article, "publish")
    page = signed_in(administrator).get(reverse("admin:admin_logentry_changelist"))
    assert "待发稿件" in page.text and "editor" in page.text and "Published" in page.text


def test_editors_do_not_see_who_has_an_account(editor, correspondent):
    contributor = correspondent.contributor
    page = signed_in(editor).get(
        reverse("admin:articles_contributor_change", args=[contributor.pk])
    )
    assert page.status_code == 200
    assert "user" not in page.context["adminform"].form.fields
    assert reverse("admin:auth_user_change", args=[correspondent.pk]) not in page.text


def test_others_are_refused_any_account_alike(editor, correspondent):
    """An editor or correspondent gets the same refusal for every account id: a 404 for some
    ids (superusers) and a 403 for others would tell which are which."""
    boss = UserFactory(username="boss2", is_staff=True, is_superuser=True)
    for user in (editor, correspondent):
        client = signed_in(user)
        for target in (boss, correspondent, editor):
            url = reverse("admin:auth_user_change", args=[target.pk])
            assert client.get(url).status_code == 403, (user, target)
        assert client.get(reverse("admin:auth_user_change", args=[99999])).status_code == 403
