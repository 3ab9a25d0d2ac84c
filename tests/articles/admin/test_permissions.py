"""Every role against every admin page and action: what each may do, and what is refused.

Roles are the groups the accounts migration creates. "Tampering" means typing someone else's id
into a URL; "forging" means posting what the page never offered (a status, an action, a step).
"""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from articles.models import Article, Status
from courts.models import Court
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, ContributorFactory, IssueFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(editor, correspondent, administrator):
    """One of everything, and a correspondent's own draft beside someone else's."""
    other = UserFactory(username="other", is_staff=True)
    other.groups.add(Group.objects.get(name="Correspondents"))
    issue = IssueFactory(status=Status.DRAFT, publish_at=None)
    own = ArticleFactory(
        issue=None,
        status=Status.DRAFT,
        publish_at=None,
        headline="我的稿件",
        created_by=correspondent,
    )
    own_published = ArticleFactory(issue=None, headline="我已发表的稿件", created_by=correspondent)
    others = ArticleFactory(
        issue=issue, status=Status.DRAFT, publish_at=None, headline="别人的稿件", created_by=other
    )
    return {
        "editor": editor,
        "correspondent": correspondent,
        "administrator": administrator,
        "issue": issue,
        "own": own,
        "own_published": own_published,
        "others": others,
        "contributor": ContributorFactory(name="肖玥"),
        "court": Court.objects.get(slug="chifeng"),
        "user": other,
    }


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def url(name, *args):
    return reverse(f"admin:{name}", args=args)


# page -> (url builder, {role: expected status})
PAGES = {
    "index": (lambda w: url("index"), {"editor": 200, "correspondent": 200, "administrator": 200}),
    "article list": (
        lambda w: url("articles_article_changelist"),
        {"editor": 200, "correspondent": 200, "administrator": 403},
    ),
    "article add": (
        lambda w: url("articles_article_add"),
        {"editor": 200, "correspondent": 200, "administrator": 403},
    ),
    "own draft": (
        lambda w: url("articles_article_change", w["own"].pk),
        {"editor": 200, "correspondent": 200, "administrator": 403},
    ),
    "own published (read only)": (
        lambda w: url("articles_article_change", w["own_published"].pk),
        {"editor": 200, "correspondent": 200, "administrator": 403},
    ),
    "someone else's article": (
        lambda w: url("articles_article_change", w["others"].pk),
        {"editor": 200, "correspondent": 404, "administrator": 403},
    ),
    "someone else's article history": (
        lambda w: url("articles_article_history", w["others"].pk),
        {"editor": 200, "correspondent": 404, "administrator": 403},
    ),
    "own article history": (
        lambda w: url("articles_article_history", w["own"].pk),
        {"editor": 200, "correspondent": 200, "administrator": 403},
    ),
    "someone else's article delete": (
        lambda w: url("articles_article_delete", w["others"].pk),
        {"editor": 200, "correspondent": 404, "administrator": 403},
    ),
    "own draft delete": (
        lambda w: url("articles_article_delete", w["own"].pk),
        {"editor": 200, "correspondent": 403, "administrator": 403},
    ),
    "deleted articles": (
        lambda w: url("articles_article_recoverlist"),
        {"editor": 200, "correspondent": 403, "administrator": 403},
    ),
    "edition list": (
        lambda w: url("articles_issue_changelist"),
        {"editor": 200, "correspondent": 403, "administrator": 403},
    ),
    "edition add": (
        lambda w: url("articles_issue_add"),
        {"editor": 200, "correspondent": 403, "administrator": 403},
    ),
    "edition": (
        lambda w: url("articles_issue_change", w["issue"].pk),
        {"editor": 200, "correspondent": 403, "administrator": 403},
    ),
    "deleted editions": (
        lambda w: url("articles_issue_recoverlist"),
        {"editor": 200, "correspondent": 403, "administrator": 403},
    ),
    "contributor list": (
        lambda w: url("articles_contributor_changelist"),
        {"editor": 200, "correspondent": 403, "administrator": 200},
    ),
    "contributor": (
        lambda w: url("articles_contributor_change", w["contributor"].pk),
        {"editor": 200, "correspondent": 403, "administrator": 200},
    ),
    "contributor add": (
        lambda w: url("articles_contributor_add"),
        {"editor": 200, "correspondent": 403, "administrator": 403},
    ),
    "court list": (
        lambda w: url("courts_court_changelist"),
        {"editor": 200, "correspondent": 403, "administrator": 403},
    ),
    "court": (
        lambda w: url("courts_court_change", w["court"].pk),
        {"editor": 200, "correspondent": 403, "administrator": 403},
    ),
    "court add": (
        lambda w: url("courts_court_add"),
        {"editor": 200, "correspondent": 403, "administrator": 403},
    ),
    "account list": (
        lambda w: url("auth_user_changelist"),
        {"editor": 403, "correspondent": 403, "administrator": 200},
    ),
    "account add": (
        lambda w: url("auth_user_add"),
        {"editor": 403, "correspondent": 403, "administrator": 200},
    ),
    "account": (
        lambda w: url("auth_user_change", w["user"].pk),
        {"editor": 403, "correspondent": 403, "administrator": 200},
    ),
    "account password": (
        lambda w: url("auth_user_password_change", w["user"].pk),
        {"editor": 403, "correspondent": 403, "administrator": 200},
    ),
    "reset access": (
        lambda w: url("accounts_reset_access", w["user"].pk),
        {"editor": 403, "correspondent": 403, "administrator": 200},
    ),
    "roles": (
        lambda w: url("auth_group_changelist"),
        {"editor": 403, "correspondent": 403, "administrator": 200},
    ),
    "activity log": (
        lambda w: url("admin_logentry_changelist"),
        {"editor": 403, "correspondent": 403, "administrator": 200},
    ),
    "sign-in lockouts": (
        lambda w: url("axes_accessattempt_changelist"),
        {"editor": 403, "correspondent": 403, "administrator": 200},
    ),
}


@pytest.mark.parametrize("role", ["editor", "correspondent", "administrator"])
@pytest.mark.parametrize("page", list(PAGES))
def test_every_role_against_every_page(world, role, page):
    build, expected = PAGES[page]
    response = client_for(world[role]).get(build(world))
    assert response.status_code == expected[role], (role, page)


@pytest.mark.parametrize("page", list(PAGES))
def test_signed_out_visitors_are_sent_to_sign_in(world, page):
    build, _ = PAGES[page]
    response = Client().get(build(world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_a_role_sees_nothing(world):
    nobody = UserFactory(username="nobody", is_staff=True)
    client = client_for(nobody)
    response = client.get(url("index"))
    assert "articles" not in response.text.split('id="content-main"')[1].split("</main>")[0]
    for page in ["article list", "edition list", "account list", "court list"]:
        assert client.get(PAGES[page][0](world)).status_code == 403


def test_correspondent_index_offers_articles_only(world):
    text = client_for(world["correspondent"]).get(url("index")).text
    assert url("articles_article_changelist") in text
    for hidden in ["articles_issue_changelist", "courts_court_changelist", "auth_user_changelist"]:
        assert url(hidden) not in text


def test_correspondent_list_shows_only_their_own(world):
    text = client_for(world["correspondent"]).get(url("articles_article_changelist")).text
    assert "我的稿件" in text and "我已发表的稿件" in text
    assert "别人的稿件" not in text


def test_a_credited_article_counts_as_the_correspondents_own(world):
    from tests.factories import CreditFactory

    credited = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None, headline="署名稿")
    CreditFactory(article=credited, contributor=world["correspondent"].contributor)
    client = client_for(world["correspondent"])
    assert client.get(url("articles_article_change", credited.pk)).status_code == 200
    assert list(Article.objects.visible_to(world["correspondent"]).order_by("pk")) == [
        world["own"],
        world["own_published"],
        credited,
    ]


def test_editors_see_every_article_and_edition(world):
    assert Article.objects.visible_to(world["editor"]).count() == 3
    from articles.models import Issue

    assert Issue.objects.visible_to(world["editor"]).count() == 1
    assert not Issue.objects.visible_to(world["correspondent"]).exists()
    assert not Article.objects.visible_to(world["administrator"]).exists()


# --- Autocomplete ----------------------------------------------------------------------------


def autocomplete(client, app_label, model_name, field_name, term=""):
    return client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )


def test_correspondent_can_pick_their_courts_in_the_article_form(world):
    # A correspondent of 赤峰中院 tags their court and those below it (tests/accounts/
    # test_review_network.py tries the other courts).
    world["correspondent"].contributor.court = world["court"]
    world["correspondent"].contributor.save()
    response = autocomplete(
        client_for(world["correspondent"]), "articles", "article", "courts", "赤峰"
    )
    assert response.status_code == 200
    assert "赤峰市中级人民法院" in [item["text"] for item in response.json()["results"]]


@pytest.mark.parametrize(
    "source", [("articles", "article", "issue"), ("articles", "credit", "contributor")]
)
def test_correspondent_gets_no_editions_or_contributors_from_autocomplete(world, source):
    response = autocomplete(client_for(world["correspondent"]), *source)
    assert response.status_code == 403


def test_editor_autocomplete_finds_editions_and_contributors(world):
    client = client_for(world["editor"])
    assert autocomplete(client, "articles", "article", "issue").json()["results"]
    assert autocomplete(client, "articles", "credit", "contributor", "肖").json()["results"]


# --- Forged posts ----------------------------------------------------------------------------


def test_correspondent_cannot_post_a_status_or_time(world):
    own = world["own"]
    data = article_form_data(
        own,
        headline="改过的标题",
        status=Status.PUBLISHED,
        publish_at_0="2020-01-01",
        publish_at_1="08:00:00",
        review_note="自己批准",
    )
    response = client_for(world["correspondent"]).post(url("articles_article_change", own.pk), data)
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.headline == "改过的标题"
    assert own.status == Status.DRAFT
    assert own.publish_at is None
    assert own.review_note == ""


@pytest.mark.parametrize("step", ["publish", "withdraw", "send_back", "nonsense"])
def test_correspondent_cannot_post_an_editors_step(world, step):
    own = world["own"]
    response = client_for(world["correspondent"]).post(
        url("articles_article_change", own.pk), article_form_data(own, _transition=step)
    )
    assert response.status_code == 200  # the form again, with the refusal
    assert response.context["adminform"].form.non_field_errors()
    own.refresh_from_db()
    assert own.status == Status.DRAFT


@pytest.mark.parametrize("action", ["publish_articles", "withdraw_articles", "delete_selected"])
def test_correspondent_cannot_post_an_editors_list_action(world, action):
    own, published = world["own"], world["own_published"]
    client_for(world["correspondent"]).post(
        url("articles_article_changelist"),
        {"action": action, "_selected_action": [own.pk, published.pk], "post": "yes"},
    )
    own.refresh_from_db()
    published.refresh_from_db()
    assert own.status == Status.DRAFT
    assert published.status == Status.PUBLISHED
    assert Article.objects.filter(pk__in=[own.pk, published.pk]).count() == 2


def test_correspondent_list_action_skips_other_peoples_ids(world):
    others = world["others"]
    client_for(world["correspondent"]).post(
        url("articles_article_changelist"),
        {"action": "submit_articles", "_selected_action": [others.pk, world["own"].pk]},
    )
    others.refresh_from_db()
    world["own"].refresh_from_db()
    assert others.status == Status.DRAFT
    assert world["own"].status == Status.REVIEW


def test_correspondent_cannot_post_to_someone_elses_article(world):
    others = world["others"]
    response = client_for(world["correspondent"]).post(
        url("articles_article_change", others.pk), article_form_data(others, headline="篡改")
    )
    assert response.status_code == 404
    others.refresh_from_db()
    assert others.headline == "别人的稿件"


def test_correspondent_cannot_change_their_published_article(world):
    published = world["own_published"]
    client = client_for(world["correspondent"])
    page = client.get(url("articles_article_change", published.pk))
    assert 'name="_save"' not in page.text  # read only
    response = client.post(
        url("articles_article_change", published.pk),
        article_form_data(published, headline="发表后再改"),
    )
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.headline == "我已发表的稿件"


def test_correspondent_cannot_post_editions_or_courts_or_accounts(world):
    client = client_for(world["correspondent"])
    issue = world["issue"]
    assert client.post(url("articles_issue_change", issue.pk), {"title": "x"}).status_code == 403
    assert (
        client.post(
            url("articles_issue_changelist"),
            {"action": "publish_editions", "_selected_action": [issue.pk]},
        ).status_code
        == 403
    )
    issue.refresh_from_db()
    assert issue.status == Status.DRAFT
    assert client.post(url("courts_court_add"), {"name": "假法院"}).status_code == 403
    assert client.post(url("auth_user_add"), {"username": "x"}).status_code == 403
    assert not Court.objects.filter(name="假法院").exists()


def test_correspondent_cannot_restore_or_recover(world):
    from reversion.models import Version

    own = world["own"]
    client = client_for(world["correspondent"])
    client.post(url("articles_article_change", own.pk), article_form_data(own, headline="第二稿"))
    version = Version.objects.get_for_object(own).first()
    assert client.get(url("articles_article_revision", own.pk, version.pk)).status_code == 403
    assert client.post(url("articles_article_revision", own.pk, version.pk)).status_code == 403
    assert client.get(url("articles_article_recover", version.pk)).status_code == 403


def test_editor_cannot_post_to_accounts(world):
    client = client_for(world["editor"])
    response = client.post(
        url("auth_user_add"), {"username": "sneaky", "name": "某人", "role": "Editors"}
    )
    assert response.status_code == 403
    response = client.post(
        url("auth_user_changelist"),
        {"action": "deactivate", "_selected_action": [world["user"].pk]},
    )
    assert response.status_code == 403
    world["user"].refresh_from_db()
    assert world["user"].is_active


def test_administrator_cannot_post_editorial_changes(world):
    client = client_for(world["administrator"])
    article = world["others"]
    response = client.post(
        url("articles_article_changelist"),
        {"action": "publish_articles", "_selected_action": [article.pk]},
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    contributor = world["contributor"]
    response = client.post(
        url("articles_contributor_change", contributor.pk), {"name": "改名", "kind": "person"}
    )
    assert response.status_code == 403


def test_post_without_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["editor"])
    article = world["others"]
    response = client.post(
        url("articles_article_change", article.pk),
        article_form_data(article, _transition="publish"),
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert not LogEntry.objects.exists()
