"""The courts' review network: court-scoped correspondents, the city courts' reviewers, the
editors, the administrators, and the mails each step sends. Every permission from both sides."""

import importlib
import logging

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Preferences
from articles import workflow
from articles.models import Article, Contributor, Status, WorkflowStep
from courts.data import basic_courts
from courts.models import Court
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, ContributorFactory, CourtFactory, UserFactory

pytestmark = pytest.mark.django_db


def person(username, group, court, name=None, email=True):
    user = UserFactory(
        username=username,
        is_staff=True,
        first_name=name or username,
        email=f"{username}@example.cn" if email else "",
    )
    user.groups.add(Group.objects.get(name=group))
    ContributorFactory(name=name or username, user=user, court=court)
    return user


@pytest.fixture
def net(editor, administrator):
    ordos = Court.objects.get(slug="ordos")
    baotou = Court.objects.get(slug="baotou")
    qianqi = CourtFactory(name="鄂托克前旗人民法院", slug="qianqi", parent=ordos)
    hangjin = CourtFactory(name="杭锦旗人民法院", slug="hangjin", parent=ordos)
    guyang = CourtFactory(name="固阳县人民法院", slug="guyang", parent=baotou)
    editor.email = "editor@example.cn"
    editor.save()
    w = {
        "editor": editor,
        "administrator": administrator,
        "ordos": ordos,
        "baotou": baotou,
        "qianqi": qianqi,
        "hangjin": hangjin,
        "guyang": guyang,
        "wurina": person("wurina", "Correspondents", qianqi, "乌日娜"),
        "bateer": person("bateer", "Correspondents", qianqi, "巴特尔"),
        "hangjin_c": person("hangjinc", "Correspondents", hangjin, "杭锦通讯员"),
        "guyang_c": person("guyangc", "Correspondents", guyang, "郝建军"),
        "ordos_r": person("ordosr", "City reviewers", ordos, "鄂尔多斯审稿"),
        "baotou_r": person("baotour", "City reviewers", baotou, "包头审稿"),
    }
    w["draft"] = ArticleFactory(
        issue=None,
        status=Status.DRAFT,
        publish_at=None,
        headline="乌日娜的稿件",
        created_by=w["wurina"],
    )
    w["mate_draft"] = ArticleFactory(
        issue=None,
        status=Status.DRAFT,
        publish_at=None,
        headline="巴特尔的稿件",
        created_by=w["bateer"],
    )
    w["hangjin_draft"] = ArticleFactory(
        issue=None,
        status=Status.DRAFT,
        publish_at=None,
        headline="杭锦旗的稿件",
        created_by=w["hangjin_c"],
    )
    return w


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def listed(user, query=""):
    response = client_for(user).get(reverse("admin:articles_article_changelist") + query)
    assert response.status_code == 200
    return {article.headline for article in response.context["cl"].result_list}


def step(user, article, name, note=""):
    """A step as the change form's button sends it without the form (a reviewer's)."""
    return client_for(user).post(change_url(article), {"_transition": name, "_step_note": note})


def submit_as(user, article, captured):
    with captured(execute=True):
        response = client_for(user).post(
            change_url(article), article_form_data(article, _transition="submit")
        )
    assert response.status_code == 302, response.content[:2000]
    article.refresh_from_db()
    return article


# --- 1. The region's courts --------------------------------------------------------------------


@pytest.mark.basic_courts
def test_migration_loads_every_basic_court_under_its_city():
    listed_courts = basic_courts()
    loaded = Court.objects.filter(level=Court.Level.BASIC)
    assert loaded.count() == len(listed_courts)
    qianqi = Court.objects.get(slug="ordos-etuoke-qianqi")
    assert qianqi.parent.slug == "ordos" and qianqi.path.startswith(qianqi.parent.path)
    assert qianqi.short_name == "鄂前旗法院" and "鄂托克前旗法院" in qianqi.alias_list


def test_migration_leaves_courts_an_editor_made_alone():
    ordos = Court.objects.get(slug="ordos")
    # Made by an editor under one of the listed court's aliases, and one under its very name.
    by_alias = CourtFactory(name="鄂尔多斯市鄂托克前旗人民法院", slug="mine", parent=ordos)
    by_name = CourtFactory(name="杭锦旗人民法院", slug="hangjin-mine", parent=ordos, short_name="")
    migration = importlib.import_module("courts.migrations.0004_load_basic_courts")
    from django.apps import apps

    migration.load(apps, None)
    assert not Court.objects.filter(slug__in=["ordos-etuoke-qianqi", "ordos-hangjin"]).exists()
    by_alias.refresh_from_db()
    by_name.refresh_from_db()
    assert (by_alias.slug, by_name.slug, by_name.short_name) == ("mine", "hangjin-mine", "")
    assert Court.objects.filter(level=Court.Level.BASIC).count() == len(basic_courts())
    again = Court.objects.count()
    migration.load(apps, None)  # twice is once
    assert Court.objects.count() == again
    wushen = Court.objects.get(slug="ordos-wushen")
    assert wushen.path == f"{ordos.path}{wushen.pk:08d}/"


# --- 2. Court-scoped correspondents ------------------------------------------------------------


def test_correspondent_sees_own_and_court_mates_drafts_not_another_courts(net):
    assert listed(net["wurina"]) == {"乌日娜的稿件", "巴特尔的稿件"}
    assert listed(net["hangjin_c"]) == {"杭锦旗的稿件"}
    assert listed(net["guyang_c"]) == set()
    client = client_for(net["wurina"])
    assert client.get(change_url(net["mate_draft"])).status_code == 200
    # Tampering: another court's id in the URL, its history, its versions.
    assert client.get(change_url(net["hangjin_draft"])).status_code == 404
    history = reverse("admin:articles_article_history", args=[net["hangjin_draft"].pk])
    assert client.get(history).status_code in (403, 404)
    assert client.get(reverse("articles:preview", args=[net["hangjin_draft"].pk])).status_code in (
        403,
        404,
    )


def test_correspondent_edits_a_court_mates_draft_but_not_another_courts(net):
    client = client_for(net["wurina"])
    mate = net["mate_draft"]
    response = client.post(change_url(mate), article_form_data(mate, headline="改过的标题"))
    assert response.status_code == 302
    mate.refresh_from_db()
    assert mate.headline == "改过的标题"
    other = net["hangjin_draft"]
    response = client.post(change_url(other), article_form_data(other, headline="篡改"))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.headline == "杭锦旗的稿件"
    # Nor by a forged step.
    response = client.post(change_url(other), {"_transition": "submit"})
    assert response.status_code == 404
    with pytest.raises(workflow.TransitionRefused):
        workflow.apply(net["wurina"], other, "submit")


def test_an_editor_of_the_same_court_is_no_court_mate(net):
    # An editor whose contributor names 鄂托克前旗 (say, on loan) keeps their drafts to themselves.
    ContributorFactory(name="编辑", user=net["editor"], court=net["qianqi"])
    ArticleFactory(
        issue=None,
        status=Status.DRAFT,
        publish_at=None,
        headline="编辑部的稿件",
        created_by=net["editor"],
    )
    assert "编辑部的稿件" not in listed(net["wurina"])


def test_list_filters_and_search_show_a_correspondent_nothing_more(net):
    wurina = net["wurina"]
    net["hangjin_draft"].courts.set([net["hangjin"]])
    for query in [
        "?city=ordos",
        f"?courts__id__exact={net['hangjin'].pk}",
        "?q=杭锦旗",
        "?status__exact=draft",
        f"?created_by__id__exact={net['hangjin_c'].pk}",
    ]:
        assert "杭锦旗的稿件" not in listed(wurina, query)


def test_only_editors_are_offered_the_city_court_filter(net):
    """A city's reviewer or a court's correspondent lists one city's pieces at most: the
    filter of every city is the editors' alone."""
    changelist = reverse("admin:articles_article_changelist")
    for role in ("ordos_r", "wurina"):
        response = client_for(net[role]).get(changelist)
        assert "?city=baotou" not in response.text, role
    assert "?city=baotou" in client_for(net["editor"]).get(changelist).text


def test_correspondent_tags_only_their_court_and_below(net):
    wurina = net["wurina"]
    tribunal = CourtFactory(name="某人民法庭", slug="tribunal", parent=net["qianqi"])
    response = client_for(wurina).get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "courts", "term": ""},
    )
    offered = {item["text"] for item in response.json()["results"]}
    assert offered == {"鄂托克前旗人民法院", "某人民法庭"}
    # The editor's autocomplete offers any court.
    response = client_for(net["editor"]).get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "courts", "term": "杭锦"},
    )
    assert "杭锦旗人民法院" in {item["text"] for item in response.json()["results"]}
    # A forged POST with another court is refused, their own is kept.
    draft = net["draft"]
    client = client_for(wurina)
    forged = article_form_data(draft, courts=[net["hangjin"].pk])
    assert client.post(change_url(draft), forged).status_code == 200  # the form, with an error
    assert not draft.courts.exists()
    mine = article_form_data(draft, courts=[net["qianqi"].pk, tribunal.pk])
    assert client.post(change_url(draft), mine).status_code == 302
    assert set(draft.courts.all()) == {net["qianqi"], tribunal}


def test_a_correspondent_without_a_court_has_only_their_own(net, correspondent):
    assert correspondent.contributor.court is None
    own = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None, created_by=correspondent)
    assert set(Article.objects.visible_to(correspondent)) == {own}
    response = client_for(correspondent).get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "courts", "term": ""},
    )
    assert response.json()["results"] == []


# --- 3. The city court's review ----------------------------------------------------------------


def test_submission_goes_to_the_city_reviewers_and_they_alone_are_mailed(
    net, django_capture_on_commit_callbacks
):
    article = submit_as(net["wurina"], net["draft"], django_capture_on_commit_callbacks)
    assert article.status == Status.CITY_REVIEW
    assert article.submitted_from == net["qianqi"]
    assert [m.to for m in mail.outbox] == [["ordosr@example.cn"]]
    assert "乌日娜的稿件" in mail.outbox[0].subject
    assert change_url(article) in mail.outbox[0].body


def test_without_an_active_reviewer_a_submission_goes_to_the_editors(
    net, django_capture_on_commit_callbacks
):
    net["ordos_r"].is_active = False
    net["ordos_r"].save()
    article = submit_as(net["wurina"], net["draft"], django_capture_on_commit_callbacks)
    assert article.status == Status.REVIEW
    assert [m.to for m in mail.outbox] == [["editor@example.cn"]]


def test_city_and_high_court_correspondents_go_to_the_editors(net):
    city_c = person("cityc", "Correspondents", net["ordos"])
    draft = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None, created_by=city_c)
    workflow.apply(city_c, draft, "submit")
    assert draft.status == Status.REVIEW
    guyang = ArticleFactory(
        issue=None, status=Status.DRAFT, publish_at=None, created_by=net["guyang_c"]
    )
    net["baotou_r"].groups.clear()  # 包头 has no reviewer left
    workflow.apply(net["guyang_c"], guyang, "submit")
    assert guyang.status == Status.REVIEW


def test_reviewer_sees_their_citys_submissions_and_another_city_does_not(
    net, django_capture_on_commit_callbacks
):
    article = submit_as(net["wurina"], net["draft"], django_capture_on_commit_callbacks)
    assert listed(net["ordos_r"]) == {"乌日娜的稿件"}
    assert listed(net["baotou_r"]) == set()
    assert client_for(net["ordos_r"]).get(change_url(article)).status_code == 200
    baotou = client_for(net["baotou_r"])
    assert baotou.get(change_url(article)).status_code == 404
    # Tampering and forging from the other city.
    assert step(net["baotou_r"], article, "forward", "伪造").status_code == 404
    with pytest.raises(workflow.TransitionRefused):
        workflow.apply(net["baotou_r"], article, "forward")
    article.refresh_from_db()
    assert article.status == Status.CITY_REVIEW
    history = reverse("admin:articles_article_history", args=[article.pk])
    assert baotou.get(history).status_code in (403, 404)
    preview = reverse("articles:preview", args=[article.pk])
    assert baotou.get(preview).status_code in (403, 404)
    assert client_for(net["ordos_r"]).get(preview).status_code == 200
    autocomplete = reverse("admin:autocomplete")
    query = {"app_label": "articles", "model_name": "article", "field_name": "courts"}
    assert baotou.get(autocomplete, query).status_code == 403
    # Drafts never submitted are no reviewer's business.
    assert client_for(net["ordos_r"]).get(change_url(net["mate_draft"])).status_code == 404
    for query in ["?city=ordos", "?q=乌日娜", "?status__exact=city_review"]:
        assert listed(net["baotou_r"], query) == set()


def test_reviewer_forwards_with_a_comment_and_editors_see_it_first(
    net, django_capture_on_commit_callbacks
):
    older = ArticleFactory(
        issue=None,
        status=Status.DRAFT,
        publish_at=None,
        headline="早先直送的稿件",
        created_by=net["guyang_c"],
    )
    net["baotou_r"].is_active = False
    net["baotou_r"].save()
    workflow.apply(net["guyang_c"], older, "submit")
    article = submit_as(net["wurina"], net["draft"], django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = step(net["ordos_r"], article, "forward", "建议刊发，事实已核实。")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    assert article.forward_comment == "建议刊发，事实已核实。"
    assert article.forwarded_by == net["ordos_r"]
    assert sorted(m.to[0] for m in mail.outbox) == ["editor@example.cn", "wurina@example.cn"]
    assert "建议刊发" in mail.outbox[0].body
    # The editors' desk: forwarded first, with the comment; the other one after it.
    page = client_for(net["editor"]).get(reverse("admin:index")).content.decode()
    assert page.index("乌日娜的稿件") < page.index("早先直送的稿件")
    assert "建议刊发，事实已核实。" in page
    # And the list of pieces waiting for review, forwarded first.
    response = client_for(net["editor"]).get(
        reverse("admin:articles_article_changelist") + "?publication=review"
    )
    assert [a.headline for a in response.context["cl"].result_list] == [
        "乌日娜的稿件",
        "早先直送的稿件",
    ]


def test_reviewer_sends_back_with_a_note_only(net, django_capture_on_commit_callbacks):
    article = submit_as(net["wurina"], net["draft"], django_capture_on_commit_callbacks)
    mail.outbox.clear()
    step(net["ordos_r"], article, "city_send_back", "  ")
    article.refresh_from_db()
    assert article.status == Status.CITY_REVIEW
    with django_capture_on_commit_callbacks(execute=True):
        step(net["ordos_r"], article, "city_send_back", "请补充案件数据。")
    article.refresh_from_db()
    assert (article.status, article.review_note) == (Status.DRAFT, "请补充案件数据。")
    assert [m.to for m in mail.outbox] == [["wurina@example.cn"]]
    assert "请补充案件数据。" in mail.outbox[0].body


def test_the_author_reads_why_it_came_back_at_the_top_of_the_form(
    net, django_capture_on_commit_callbacks
):
    article = submit_as(net["wurina"], net["draft"], django_capture_on_commit_callbacks)
    step(net["ordos_r"], article, "city_send_back", "请补充案件数据。")
    page = client_for(net["wurina"]).get(change_url(article)).text
    notice = page.index('id="sent-back"')
    assert notice < page.index('name="headline"')
    assert "请补充案件数据。" in page[notice : page.index('name="headline"')]
    assert "鄂尔多斯审稿" in page[notice : page.index('name="headline"')]
    # Submitted again: the notice is gone.
    article.refresh_from_db()
    submit_as(net["wurina"], article, django_capture_on_commit_callbacks)
    assert 'id="sent-back"' not in client_for(net["wurina"]).get(change_url(article)).text


def test_reviewer_neither_edits_nor_publishes(net, django_capture_on_commit_callbacks):
    article = submit_as(net["wurina"], net["draft"], django_capture_on_commit_callbacks)
    reviewer = client_for(net["ordos_r"])
    response = reviewer.post(
        change_url(article), article_form_data(article, headline="审稿人改的标题")
    )
    assert response.status_code == 403
    for forged in ["publish", "send_back", "withdraw", "submit", "take_back"]:
        step(net["ordos_r"], article, forged, "x")
    changelist = reverse("admin:articles_article_changelist")
    reviewer.post(changelist, {"action": "publish_articles", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert (article.status, article.headline) == (Status.CITY_REVIEW, "乌日娜的稿件")
    assert reviewer.get(reverse("admin:articles_article_add")).status_code == 403
    assert reviewer.get(reverse("admin:articles_issue_changelist")).status_code == 403
    assert reviewer.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_pieces_waiting_before_stay_with_the_editors(net):
    waiting = ArticleFactory(
        issue=None,
        status=Status.REVIEW,
        publish_at=None,
        headline="早已待审",
        created_by=net["wurina"],
    )
    assert "早已待审" not in listed(net["ordos_r"])
    assert "早已待审" in listed(net["editor"], "?publication=review")
    workflow.apply(net["editor"], waiting, "publish")
    assert waiting.status == Status.PUBLISHED


def test_every_step_is_recorded_with_who_when_and_the_court(
    net, django_capture_on_commit_callbacks
):
    article = submit_as(net["wurina"], net["draft"], django_capture_on_commit_callbacks)
    step(net["ordos_r"], article, "forward", "可用")
    article.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(net["editor"], article, "publish")
    steps = list(WorkflowStep.objects.filter(article=article))
    assert [(s.name, s.from_status, s.to_status, s.by.username) for s in steps] == [
        ("submit", "draft", "city_review", "wurina"),
        ("forward", "city_review", "review", "ordosr"),
        ("publish", "review", "published", "editor"),
    ]
    assert {s.court for s in steps} == {net["qianqi"]}
    assert steps[1].by_court == net["ordos"] and steps[1].note == "可用"
    assert steps[2].publish_at == article.publish_at
    assert sorted(m.to[0] for m in mail.outbox) == ["ordosr@example.cn", "wurina@example.cn"]
    # The history on the editor's page says who and when.
    page = client_for(net["editor"]).get(change_url(article)).content.decode()
    assert "鄂尔多斯审稿" in page and "乌日娜" in page


def test_scheduling_mails_the_author(net, django_capture_on_commit_callbacks):
    import datetime

    from django.utils import timezone

    workflow.apply(net["wurina"], net["draft"], "submit")
    later = timezone.now() + datetime.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(net["editor"], net["draft"], "publish", at=later)
    assert [m.to for m in mail.outbox] == [["wurina@example.cn"]]
    assert "Scheduled" in mail.outbox[0].subject or "定时" in mail.outbox[0].subject


def test_the_review_page_gives_every_moment_in_one_format(
    net, django_capture_on_commit_callbacks, chinese
):
    """The time it was submitted reads as the steps below it do: 2026-12-08 08:30."""
    from django.utils import timezone
    from django.utils.dateformat import format as date_format

    article = submit_as(net["wurina"], net["draft"], django_capture_on_commit_callbacks)
    article.refresh_from_db()
    local = timezone.localtime(article.submitted_at)
    page = client_for(net["ordos_r"]).get(change_url(article)).content.decode()
    assert page.count(date_format(local, "Y-m-d H:i")) >= 2  # the field and the step
    assert date_format(local, "Y年n月j日 H:i") not in page


def test_withdrawing_mails_the_author(net, django_capture_on_commit_callbacks):
    """What the author was told is public is not any more: they are told that too."""
    workflow.apply(net["wurina"], net["draft"], "submit")
    workflow.apply(net["editor"], net["draft"], "publish")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(net["editor"], net["draft"], "withdraw")
    assert [m.to for m in mail.outbox] == [["wurina@example.cn"]]
    assert "乌日娜的稿件" in mail.outbox[0].subject
    assert "撤" in mail.outbox[0].subject
    assert "读者已看不到" in mail.outbox[0].body  # (mails are in the site's language)


def test_withdrawing_a_scheduled_piece_says_it_will_not_be_published(
    net, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    workflow.apply(net["wurina"], net["draft"], "submit")
    later = timezone.now() + datetime.timedelta(days=2)
    workflow.apply(net["editor"], net["draft"], "publish", at=later)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(net["editor"], net["draft"], "withdraw")
    assert [m.to for m in mail.outbox] == [["wurina@example.cn"]]
    assert "不会发布" in mail.outbox[0].body


# --- 4. Notices --------------------------------------------------------------------------------


def test_opting_out_stops_the_mails(net, django_capture_on_commit_callbacks):
    Preferences.objects.create(user=net["ordos_r"], email_notifications=False)
    submit_as(net["wurina"], net["draft"], django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_mails_go_only_once_the_step_is_committed(net, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.apply(net["wurina"], net["draft"], "submit")
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["ordosr@example.cn"]]


def test_a_mail_that_fails_is_logged_and_the_step_stands(
    net, django_capture_on_commit_callbacks, settings, caplog, monkeypatch
):
    from django.core.mail.backends import locmem

    def broken(self, messages):
        raise OSError("SMTP server unreachable")

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", broken)
    with caplog.at_level(logging.ERROR, logger="accounts.notifications"):
        article = submit_as(net["wurina"], net["draft"], django_capture_on_commit_callbacks)
    assert article.status == Status.CITY_REVIEW
    assert "Could not send" in caplog.text


def test_my_account_page_for_every_role(net, django_capture_on_commit_callbacks):
    for role in ["editor", "administrator", "wurina", "ordos_r"]:
        client = client_for(net[role])
        response = client.get(reverse("my_account"))
        assert response.status_code == 200
        assert reverse("admin:password_change") in response.content.decode()
    client = client_for(net["ordos_r"])
    response = client.post(
        reverse("my_account"),
        {
            "first_name": "新名字",
            "last_name": "",
            "email": "new@example.cn",
            # Forged: none of these is on the page.
            "is_superuser": "on",
            "groups": [Group.objects.get(name="Editors").pk],
        },
    )
    assert response.status_code == 302
    reviewer = net["ordos_r"]
    reviewer.refresh_from_db()
    assert (reviewer.first_name, reviewer.email) == ("新名字", "new@example.cn")
    assert not reviewer.is_superuser and not workflow.is_editor(reviewer)
    assert reviewer.preferences.email_notifications is False
    submit_as(net["wurina"], net["draft"], django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Client().get(reverse("my_account")).status_code == 302  # to the sign-in


# --- Administrators ----------------------------------------------------------------------------


def test_administrators_see_accounts_without_a_court_and_fix_them(net, correspondent):
    client = client_for(net["administrator"])
    desk = client.get(reverse("admin:index")).content.decode()
    assert "?court=missing" in desk  # the desk says what waits for them
    assert (
        "?court=missing"
        not in client_for(net["editor"]).get(reverse("admin:index")).content.decode()
    )
    users = reverse("admin:auth_user_changelist")
    response = client.get(users + "?court=missing")
    assert [u.username for u in response.context["cl"].result_list] == ["correspondent"]
    assert any("no court" in str(m) for m in response.context["messages"])
    # The article pages stay closed to them.
    assert client.get(change_url(net["draft"])).status_code == 403
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 403
    page = client.get(reverse("admin:auth_user_change", args=[correspondent.pk]))
    form = page.context["adminform"].form
    data = {
        **form.initial,
        "court": net["hangjin"].pk,
        "groups": [g.pk for g in form.initial["groups"]],
    }
    data = {
        k: v
        for k, v in data.items()
        if v is not None and k not in ("password", "last_login", "date_joined")
    }
    data["is_active"] = "on"
    response = client.post(reverse("admin:auth_user_change", args=[correspondent.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Contributor.objects.get(user=correspondent).court == net["hangjin"]
    assert list(client.get(users + "?court=missing").context["cl"].result_list) == []
    # Now a 杭锦旗 correspondent: sees the court's draft.
    assert "杭锦旗的稿件" in listed(correspondent)


def test_a_city_reviewer_account_needs_a_city_court(net):
    client = client_for(net["administrator"])
    add = reverse("admin:auth_user_add")
    data = {"name": "新审稿人", "role": "City reviewers", "username": "newr", "email": ""}
    response = client.post(add, {**data, "court": net["qianqi"].pk})
    assert response.status_code == 200 and "court" in response.context["adminform"].form.errors
    response = client.post(add, {**data, "court": net["ordos"].pk})
    assert response.status_code == 302
    newr = Contributor.objects.get(user__username="newr")
    assert newr.court == net["ordos"] and workflow.reviewer_city(newr.user) == net["ordos"]
    # Nor can the account's page move a reviewer to a basic court.
    page = client.get(reverse("admin:auth_user_change", args=[newr.user.pk]))
    form = page.context["adminform"].form
    data = {
        "username": "newr",
        "first_name": "新审稿人",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "groups": [g.pk for g in form.initial["groups"]],
        "court": net["qianqi"].pk,
    }
    response = client.post(reverse("admin:auth_user_change", args=[newr.user.pk]), data)
    assert response.status_code == 200
    assert "court" in response.context["adminform"].form.errors
    newr.refresh_from_db()
    assert newr.court == net["ordos"]


def test_editors_see_and_publish_everything_and_are_no_reviewers(net):
    assert listed(net["editor"]) >= {"乌日娜的稿件", "巴特尔的稿件", "杭锦旗的稿件"}
    workflow.apply(net["wurina"], net["draft"], "submit")
    assert net["draft"].status == Status.CITY_REVIEW
    with pytest.raises(workflow.TransitionRefused):
        workflow.apply(net["editor"], net["draft"], "forward")
    workflow.apply(net["editor"], net["draft"], "publish")
    assert net["draft"].status == Status.PUBLISHED


# --- Speed -------------------------------------------------------------------------------------


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["editor", "ordos_r", "wurina"])
def test_the_desk_and_the_list_take_as_many_queries_for_many_pieces_as_for_one(net, role):
    def piece(n):
        article = ArticleFactory(
            issue=None,
            status=Status.DRAFT,
            publish_at=None,
            headline=f"稿件{n}",
            created_by=net["bateer"],
        )
        workflow.apply(net["bateer"], article, "submit")
        if n % 2:
            workflow.apply(net["ordos_r"], article, "forward", note="可")

    piece(1)
    client = client_for(net[role])
    urls = [reverse("admin:index"), reverse("admin:articles_article_changelist")]
    urls.append(reverse("admin:articles_article_changelist") + "?publication=review")
    before = [_queries(client, url) for url in urls]
    for n in range(2, 8):
        piece(n)
    assert [_queries(client, url) for url in urls] == before


def test_reviewer_sees_the_photos_of_a_piece_under_review_read_only(
    net, django_capture_on_commit_callbacks
):
    from articles.models import Photo
    from tests.factories import PhotoFactory

    article = submit_as(net["wurina"], net["draft"], django_capture_on_commit_callbacks)
    photo = PhotoFactory(article=article, caption="巡回法庭在牧区开庭", alt_text="法官与牧民")
    assert net["ordos_r"].has_perm("articles.view_photo")
    response = client_for(net["ordos_r"]).get(change_url(article))
    assert response.status_code == 200
    page = response.content.decode()
    assert "巡回法庭在牧区开庭" in page
    assert 'class="photo-preview"' in page and 'alt="法官与牧民"' in page
    assert 'name="photos-0-caption"' not in page  # nothing to change
    assert str(photo.photographer) in page
    assert "/admin/articles/contributor/" not in page  # no link to a page they may not open
    # A forged change of the caption changes nothing.
    data = article_form_data(article)
    data.update({"photos-0-caption": "改过的说明"})
    client_for(net["ordos_r"]).post(change_url(article), data)
    assert Photo.objects.get(pk=photo.pk).caption == "巡回法庭在牧区开庭"


def test_the_author_sees_their_saved_photo_itself(net):
    from tests.factories import PhotoFactory

    photo = PhotoFactory(article=net["draft"], alt_text="法官与牧民")
    page = client_for(net["wurina"]).get(change_url(net["draft"])).text
    assert 'class="photo-preview"' in page and 'alt="法官与牧民"' in page
    assert 'name="photos-0-caption"' in page  # and still changes it
    assert photo.image.url in page
