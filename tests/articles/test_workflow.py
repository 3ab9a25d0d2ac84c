"""Each workflow transition, who may make it, scheduling by the clock, and editions."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import workflow
from articles.models import Article, Issue, Status
from tests.articles.admin_forms import article_form_data, issue_form_data
from tests.factories import ArticleFactory, IssueFactory

pytestmark = pytest.mark.django_db


def draft(**kwargs):
    return ArticleFactory(**{"issue": None, "status": Status.DRAFT, "publish_at": None, **kwargs})


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def change_url(obj):
    return reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])


def post_step(user, article, step, **changes):
    article.refresh_from_db()
    data = article_form_data(article, _transition=step, **changes)
    return signed_in(user).post(change_url(article), data)


# --- The rules, one by one --------------------------------------------------------------------

RULES = [
    # (role, starting status, own article?, step, allowed)
    ("correspondent", Status.DRAFT, True, "submit", True),
    ("correspondent", Status.DRAFT, False, "submit", False),
    ("correspondent", Status.REVIEW, True, "submit", False),
    ("correspondent", Status.DRAFT, True, "publish", False),
    ("correspondent", Status.REVIEW, True, "publish", False),
    ("correspondent", Status.REVIEW, True, "send_back", False),
    ("correspondent", Status.PUBLISHED, True, "withdraw", False),
    ("correspondent", Status.REVIEW, True, "take_back", True),
    ("correspondent", Status.REVIEW, False, "take_back", False),
    ("correspondent", Status.PUBLISHED, True, "take_back", False),
    ("correspondent", Status.DRAFT, True, "take_back", False),
    ("editor", Status.REVIEW, False, "take_back", False),
    ("editor", Status.DRAFT, False, "submit", True),
    ("editor", Status.DRAFT, False, "publish", True),
    ("editor", Status.REVIEW, False, "publish", True),
    ("editor", Status.WITHDRAWN, False, "publish", True),
    ("editor", Status.PUBLISHED, False, "publish", False),
    ("editor", Status.REVIEW, False, "send_back", True),
    ("editor", Status.WITHDRAWN, False, "send_back", True),
    ("editor", Status.DRAFT, False, "send_back", False),
    ("editor", Status.PUBLISHED, False, "withdraw", True),
    ("editor", Status.DRAFT, False, "withdraw", False),
    ("administrator", Status.DRAFT, False, "submit", False),
    ("administrator", Status.REVIEW, False, "publish", False),
]


@pytest.mark.parametrize(("role", "status", "own", "step", "allowed"), RULES)
def test_who_may_move_an_article_where(request, role, status, own, step, allowed):
    user = request.getfixturevalue(role)
    publish_at = timezone.now() if status == Status.PUBLISHED else None
    article = draft(status=status, publish_at=publish_at, created_by=user if own else None)
    assert (workflow.refusal(user, article, step) is None) is allowed
    assert (step in [t.name for t in workflow.allowed(user, article)]) is allowed
    if allowed:
        workflow.apply(user, article, step, note="请补充案件细节")
        article.refresh_from_db()
        assert article.status == workflow.ARTICLE_TRANSITIONS[step].target
    else:
        with pytest.raises(workflow.TransitionRefused):
            workflow.apply(user, article, step, note="请补充案件细节")
        article.refresh_from_db()
        assert article.status == status


def test_send_back_needs_a_note(editor):
    article = draft(status=Status.REVIEW)
    with pytest.raises(workflow.TransitionRefused):
        workflow.apply(editor, article, "send_back", note="  ")
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_an_article_becomes_a_correspondents_own_by_credit(correspondent):
    from tests.factories import CreditFactory

    article = draft()
    assert workflow.refusal(correspondent, article, "submit")
    CreditFactory(article=article, contributor=correspondent.contributor)
    assert workflow.refusal(correspondent, article, "submit") is None


# --- Through the admin, as people do it -------------------------------------------------------


def test_correspondent_drafts_and_submits(correspondent):
    client = signed_in(correspondent)
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(headline="旗法院巡回审判进牧区", _transition="submit"),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Status.REVIEW
    assert article.created_by == correspondent
    assert article.submitted_by == correspondent and article.submitted_at is not None
    # Their name is credited, so the article is theirs to see by credit too.
    assert list(article.contributors.all()) == [correspondent.contributor]
    log = LogEntry.objects.filter(object_id=str(article.pk)).order_by("pk")
    assert log.last().user == correspondent
    assert "Submitted for review" in log.last().change_message or "提交" in str(
        log.last().change_message
    )


def test_correspondent_edits_a_draft_but_not_after_publication(correspondent, editor):
    article = draft(created_by=correspondent)
    response = signed_in(correspondent).post(
        change_url(article), article_form_data(article, headline="修改后的标题")
    )
    assert response.status_code == 302
    workflow.apply(editor, article, "publish")
    response = signed_in(correspondent).post(
        change_url(article), article_form_data(article, headline="发表后")
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "修改后的标题"


def test_what_the_editor_reviews_is_what_gets_published(correspondent, editor):
    """A submitted article is read-only for its author: to change it they take it back to a
    draft (and submit it again); editors still edit it while it waits."""
    article = draft(status=Status.REVIEW, created_by=correspondent, headline="送审的标题")
    author = signed_in(correspondent)
    page = author.get(change_url(article))
    assert page.status_code == 200
    assert [t.name for t in page.context["transitions"]] == ["take_back"]
    assert 'value="take_back"' in page.text
    response = author.post(change_url(article), article_form_data(article, headline="偷改"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "送审的标题"

    assert author.post(change_url(article), {"_transition": "take_back"}).status_code == 302
    article.refresh_from_db()
    assert (article.status, article.headline) == (Status.DRAFT, "送审的标题")
    entry = LogEntry.objects.filter(object_id=str(article.pk)).latest("pk")
    assert entry.user == correspondent and "Taken back" in entry.change_message
    response = post_step(correspondent, article, "submit", headline="改好的标题")
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.headline) == (Status.REVIEW, "改好的标题")

    response = post_step(editor, article, "publish", headline="编辑改定的标题")
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.headline) == (Status.PUBLISHED, "编辑改定的标题")


def test_only_the_author_takes_an_article_back(correspondent, editor):
    article = draft(status=Status.REVIEW)  # someone else's
    response = signed_in(correspondent).post(change_url(article), {"_transition": "take_back"})
    assert response.status_code == 404
    response = post_step(editor, article, "take_back")  # editors send back, with a note
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_editor_sends_back_with_a_note_and_the_author_sees_it(editor, correspondent):
    article = draft(status=Status.REVIEW, created_by=correspondent)
    response = post_step(editor, article, "send_back", review_note="")
    assert response.status_code == 200  # the note is required
    assert "review_note" in response.context["adminform"].form.errors
    response = post_step(editor, article, "send_back", review_note="请补充庭审时间。")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.review_note == "请补充庭审时间。"
    index = signed_in(correspondent).get(reverse("admin:index")).text
    assert "请补充庭审时间。" in index


def test_editor_publishes_now(editor, client):
    article = draft(status=Status.REVIEW)
    response = post_step(editor, article, "publish")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.is_public
    assert client.get(article.get_absolute_url()).status_code == 200
    entry = LogEntry.objects.filter(object_id=str(article.pk)).latest("pk")
    assert entry.user == editor
    version = Version.objects.get_for_object(article).first()
    assert version.revision.user == editor
    assert version.revision.comment == entry.change_message


def test_publishing_on_an_edition_readers_cannot_see_yet_says_so(editor):
    """The message after publishing names the edition the article waits for, and when it
    appears if it is scheduled; the articles list shows it as waiting, not as published."""
    at = timezone.localtime() + datetime.timedelta(days=1)
    scheduled = IssueFactory(publish_at=at)
    article = draft(status=Status.REVIEW, issue=scheduled, headline="等待版面的稿件")
    response = post_step(editor, article, "publish")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any(at.strftime("%Y-%m-%d %H:%M") in m and str(scheduled) in m for m in messages)
    unpublished = IssueFactory(status=Status.DRAFT, publish_at=None)
    other = draft(status=Status.REVIEW, issue=unpublished, headline="草稿版面上的稿件")
    response = post_step(editor, other, "publish")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("once its edition" in m and str(unpublished) in m for m in messages)
    public = draft(status=Status.REVIEW, issue=IssueFactory(), headline="已见报的稿件")
    response = post_step(editor, public, "publish")
    assert not any("Readers will see it" in str(m) for m in response.wsgi_request._messages)

    rows = signed_in(editor).get(reverse("admin:articles_article_changelist")).text
    for headline, state in [
        ("等待版面的稿件", "waiting for its edition"),
        ("草稿版面上的稿件", "waiting for its edition"),
        ("已见报的稿件", "published"),
    ]:
        row = next(line for line in rows.split("<tr") if headline in line)
        assert state in row
        assert ("waiting" in row) is (state != "published")


def test_editor_schedules_and_visibility_follows_the_clock(editor, client, monkeypatch):
    at = timezone.localtime() + datetime.timedelta(days=2)
    article = draft(status=Status.REVIEW)
    response = post_step(
        editor,
        article,
        "publish",
        publish_at_0=at.strftime("%Y-%m-%d"),
        publish_at_1=at.strftime("%H:%M:%S"),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    # Before the time: not public, and listed as scheduled with its time.
    assert not article.is_public
    assert client.get(article.get_absolute_url()).status_code == 404
    assert list(Article.objects.scheduled()) == [article]
    editor_client = signed_in(editor)
    index = editor_client.get(reverse("admin:index")).text
    assert article.headline in index and at.strftime("%Y-%m-%d %H:%M") in index
    scheduled = editor_client.get(
        reverse("admin:articles_article_changelist") + "?publication=scheduled"
    )
    assert article.headline in scheduled.text
    # After the time: public by itself, with nothing run in between.
    later = article.publish_at + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert article.is_public
    assert client.get(article.get_absolute_url()).status_code == 200
    assert not Article.objects.scheduled().exists()


def test_editor_withdraws(editor, client):
    article = ArticleFactory(issue=None)
    assert client.get(article.get_absolute_url()).status_code == 200
    response = post_step(editor, article, "withdraw")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.WITHDRAWN
    assert client.get(article.get_absolute_url()).status_code == 404
    assert LogEntry.objects.filter(object_id=str(article.pk), user=editor).exists()


def test_list_actions_publish_and_withdraw(editor):
    first, second = draft(status=Status.REVIEW), draft(status=Status.DRAFT)
    client = signed_in(editor)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_articles", "_selected_action": [first.pk, second.pk]},
    )
    assert set(Article.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "withdraw_articles", "_selected_action": [first.pk]},
    )
    first.refresh_from_db()
    assert first.status == Status.WITHDRAWN


def test_status_is_not_a_form_field_for_editors_either(editor):
    article = draft()
    signed_in(editor).post(change_url(article), article_form_data(article, status="published"))
    article.refresh_from_db()
    assert article.status == Status.DRAFT


# --- Editions --------------------------------------------------------------------------------


def test_publishing_an_edition_publishes_its_ready_articles_at_its_time(editor):
    at = timezone.now() + datetime.timedelta(days=1)
    issue = IssueFactory(status=Status.DRAFT, publish_at=None)
    ready = ArticleFactory(issue=issue, status=Status.REVIEW, publish_at=None)
    unfinished = ArticleFactory(issue=issue, status=Status.DRAFT, publish_at=None)
    withdrawn = ArticleFactory(issue=issue, status=Status.WITHDRAWN, publish_at=None)
    published = workflow.apply(editor, issue, "publish", at=at)
    assert published == [ready]
    issue.refresh_from_db()
    ready.refresh_from_db()
    unfinished.refresh_from_db()
    withdrawn.refresh_from_db()
    assert issue.status == Status.PUBLISHED and issue.publish_at == at
    assert ready.status == Status.PUBLISHED and ready.publish_at == at
    assert unfinished.status == Status.DRAFT
    assert withdrawn.status == Status.WITHDRAWN
    assert not Article.objects.published().exists()
    assert list(Article.objects.published(now=at)) == [ready]
    assert list(Issue.objects.scheduled()) == [issue]


def test_publishing_an_edition_is_one_step(editor, monkeypatch):
    issue = IssueFactory(status=Status.DRAFT, publish_at=None)
    first = ArticleFactory(issue=issue, status=Status.REVIEW, publish_at=None, position=1)
    ArticleFactory(issue=issue, status=Status.REVIEW, publish_at=None, position=2)
    real_save = Article.save

    def failing_save(self, *args, **kwargs):
        if self.position == 2:
            raise RuntimeError("database gone")
        real_save(self, *args, **kwargs)

    monkeypatch.setattr(Article, "save", failing_save)
    with pytest.raises(RuntimeError):
        workflow.apply(editor, issue, "publish")
    issue.refresh_from_db()
    first.refresh_from_db()
    assert issue.status == Status.DRAFT
    assert first.status == Status.REVIEW
    assert not LogEntry.objects.exists()


def test_edition_buttons_and_actions_in_the_admin(editor, client):
    issue = IssueFactory(status=Status.DRAFT, publish_at=None)
    ready = ArticleFactory(issue=issue, status=Status.REVIEW, publish_at=None)
    admin_client = signed_in(editor)
    page = admin_client.get(change_url(issue))
    assert 'name="_transition" value="publish"' in page.text
    admin_client.post(
        reverse("admin:articles_issue_changelist"),
        {"action": "publish_editions", "_selected_action": [issue.pk]},
    )
    ready.refresh_from_db()
    assert ready.is_public
    assert client.get(ready.get_absolute_url()).status_code == 200
    admin_client.post(
        reverse("admin:articles_issue_changelist"),
        {"action": "withdraw_editions", "_selected_action": [issue.pk]},
    )
    assert client.get(ready.get_absolute_url()).status_code == 404


def messages_of(response):
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def test_publishing_an_edition_with_drafts_asks_first_then_publishes_them_all(editor):
    """A page import makes drafts: the edition's publish button asks "publish this page and its
    N draft articles?", and once confirmed publishes the page with its drafts and its articles
    waiting for review, each through workflow.apply, dated by the print date."""
    issue = IssueFactory(status=Status.DRAFT, publish_at=None, date=datetime.date(2025, 3, 4))
    ready = ArticleFactory(issue=issue, status=Status.REVIEW, publish_at=None)
    imported = [ArticleFactory(issue=issue, status=Status.DRAFT, publish_at=None) for _ in "ab"]
    withdrawn = ArticleFactory(issue=issue, status=Status.WITHDRAWN)
    client = signed_in(editor)
    data = {**issue_form_data(issue), "_transition": "publish"}
    response = client.post(change_url(issue), data)
    confirm_url = reverse("admin:articles_issue_publish", args=[issue.pk])
    assert response.status_code == 302 and response["Location"] == confirm_url
    issue.refresh_from_db()
    assert issue.status == Status.DRAFT  # nothing published before the editor says so
    page = client.get(confirm_url)
    assert "Publish this page and its 2 draft articles now?" in page.text
    assert "Readers see it as soon as you confirm." in page.text
    for article in [ready, *imported]:
        assert article.headline in page.text
    assert withdrawn.headline not in page.text
    response = client.post(confirm_url, follow=True)
    print_time = datetime.datetime(2025, 3, 4, 6, tzinfo=timezone.get_default_timezone())
    issue.refresh_from_db()
    assert (issue.status, issue.publish_at) == (Status.PUBLISHED, print_time)
    for article in [ready, *imported]:
        article.refresh_from_db()
        assert (article.status, article.publish_at) == (Status.PUBLISHED, print_time)
        # Each went out as a step of its own: in its history and the log.
        assert Version.objects.get_for_object(article).exists()
        assert LogEntry.objects.filter(object_id=str(article.pk)).exists()
    # The withdrawn article is still left out, and the editor is told.
    warnings = [text for level, text in messages_of(response) if level == "warning"]
    assert len(warnings) == 1 and "1 article of" in warnings[0]
    assert f"?issue__exact={issue.pk}" in response.text


def test_the_publish_confirmation_is_an_editors_and_a_forged_post_changes_nothing(
    editor, correspondent
):
    issue = IssueFactory(status=Status.DRAFT, publish_at=None)
    draft_article = ArticleFactory(issue=issue, status=Status.DRAFT, publish_at=None)
    confirm_url = reverse("admin:articles_issue_publish", args=[issue.pk])
    assert signed_in(correspondent).post(confirm_url).status_code in (403, 404)
    draft_article.refresh_from_db()
    assert draft_article.status == Status.DRAFT
    # Published already: the step is refused with a message, not done twice.
    workflow.apply(editor, issue, "publish")
    response = signed_in(editor).post(confirm_url, follow=True)
    assert [level for level, _text in messages_of(response)] == ["error"]


def test_the_publish_confirmation_says_when_a_scheduled_edition_appears(editor):
    """An edition dated tomorrow, or with a later time set, is scheduled: the question says when
    readers will see it, in local time."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    issue = IssueFactory(status=Status.DRAFT, publish_at=None, date=tomorrow)
    ArticleFactory(issue=issue, status=Status.DRAFT, publish_at=None)
    client = signed_in(editor)
    page = client.get(reverse("admin:articles_issue_publish", args=[issue.pk])).text
    when = f"{tomorrow:%Y-%m-%d} 06:00"
    assert f"Publish this page and its 1 draft article, to appear at {when}?" in page
    assert f"Scheduled: readers see it at {when}." in page
    later = timezone.now() + datetime.timedelta(days=3)
    other = IssueFactory(status=Status.DRAFT, publish_at=later)
    ArticleFactory(issue=other, status=Status.DRAFT, publish_at=None)
    data = {"action": "publish_editions", "_selected_action": [issue.pk, other.pk]}
    page = client.post(reverse("admin:articles_issue_changelist"), data).text
    assert "Publish these pages and their 2 draft articles?" in page
    assert f"Scheduled: readers see it at {when}." in page
    assert f"readers see it at {timezone.localtime(later):%Y-%m-%d %H:%M}." in page


def test_the_list_action_asks_before_publishing_drafts(editor):
    issue = IssueFactory(status=Status.DRAFT, publish_at=None)
    imported = ArticleFactory(issue=issue, status=Status.DRAFT, publish_at=None)
    client = signed_in(editor)
    url = reverse("admin:articles_issue_changelist")
    data = {"action": "publish_editions", "_selected_action": [issue.pk]}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Publish this page and its 1 draft article now?" in response.text
    imported.refresh_from_db()
    assert imported.status == Status.DRAFT
    response = client.post(url, {**data, "confirm": "yes"}, follow=True)
    imported.refresh_from_db()
    assert imported.status == Status.PUBLISHED
    assert imported.publish_at == issue.print_time


def test_articles_published_with_an_edition_follow_its_new_time(editor):
    """An edition scheduled with its articles, moved to an earlier time in its form, appears
    with them at the new time, not as an empty page."""
    later = timezone.now() + datetime.timedelta(days=2)
    issue = IssueFactory(status=Status.DRAFT, publish_at=None)
    ready = ArticleFactory(issue=issue, status=Status.REVIEW, publish_at=None)
    workflow.apply(editor, issue, "publish", at=later)
    own_time = ArticleFactory(issue=issue, publish_at=later + datetime.timedelta(hours=1))
    issue.refresh_from_db()
    earlier = timezone.now() - datetime.timedelta(minutes=1)
    local = timezone.localtime(earlier)
    data = issue_form_data(
        issue, publish_at_0=local.strftime("%Y-%m-%d"), publish_at_1=local.strftime("%H:%M:%S")
    )
    response = signed_in(editor).post(change_url(issue), data, follow=True)
    ready.refresh_from_db()
    own_time.refresh_from_db()
    assert ready.publish_at == earlier.replace(microsecond=0) and ready.is_public
    # One the editor timed on its own keeps its time, and the editor is told.
    assert own_time.publish_at == later + datetime.timedelta(hours=1)
    levels = [level for level, _text in messages_of(response)]
    assert levels.count("warning") == 1
    assert Version.objects.get_for_object(ready).exists()


def test_correspondent_is_offered_submit_only(correspondent):
    article = draft(created_by=correspondent)
    page = signed_in(correspondent).get(change_url(article)).text
    assert 'value="submit"' in page
    for step in ["publish", "withdraw", "send_back"]:
        assert f'name="_transition" value="{step}"' not in page


def test_the_log_says_what_happened_and_nothing_else(editor, correspondent):
    article = draft(status=Status.REVIEW, created_by=correspondent)
    post_step(editor, article, "send_back", review_note="请补充庭审时间。")
    post_step(correspondent, article, "submit", headline="补充后的标题")
    messages = list(
        LogEntry.objects.filter(object_id=str(article.pk))
        .order_by("pk")
        .values_list("change_message", flat=True)
    )
    assert "请补充庭审时间。" in messages[1]  # the send-back, with its note
    assert "请补充庭审时间。" not in messages[-1]  # the resubmission is not a send-back
    assert not any("loaded_version" in message for message in messages)


def test_a_version_saved_with_a_step_says_what_was_changed_too(correspondent, editor):
    """Editing and submitting in one click keeps both in the version's comment: what the form
    changed, then the step; a step alone is the step alone."""
    article = draft(created_by=correspondent)
    post_step(correspondent, article, "submit", headline="补充后的标题")
    comment = Version.objects.get_for_object(article).order_by("-pk").first().revision.comment
    assert comment.index("headline") < comment.index("Submitted")
    post_step(editor, article, "publish")
    comment = Version.objects.get_for_object(article).order_by("-pk").first().revision.comment
    assert comment.startswith("Published")


def test_a_list_action_gives_each_article_its_own_version(editor):
    """Each step of a list action is its own version, by its author, saying what happened to
    that article (not the last article's scheduled time)."""
    soon = timezone.now() + datetime.timedelta(days=1)
    later = timezone.now() + datetime.timedelta(days=2)
    now_ready = draft(status=Status.REVIEW)
    scheduled = [draft(status=Status.REVIEW, publish_at=at) for at in (soon, later)]
    signed_in(editor).post(
        reverse("admin:articles_article_changelist"),
        {
            "action": "publish_articles",
            "_selected_action": [a.pk for a in [now_ready, *scheduled]],
        },
    )
    latest = {a.pk: Version.objects.get_for_object(a).latest("pk") for a in [now_ready, *scheduled]}
    assert len({version.revision_id for version in latest.values()}) == 3
    assert all(version.revision.user == editor for version in latest.values())
    assert latest[now_ready.pk].revision.comment == "Published"
    for article, at in zip(scheduled, (soon, later), strict=True):
        when = timezone.localtime(at).strftime("%Y-%m-%d %H:%M")
        assert latest[article.pk].revision.comment == f"Published (scheduled for {when})"


def test_publishing_an_edition_from_its_form_says_so_in_the_versions(editor):
    issue = IssueFactory(status=Status.DRAFT, publish_at=None, banner="旧栏题")
    ready = ArticleFactory(issue=issue, status=Status.REVIEW, publish_at=None)
    data = {**issue_form_data(issue, banner="新栏题"), "_transition": "publish"}
    assert signed_in(editor).post(change_url(issue), data).status_code == 302
    comment = Version.objects.get_for_object(ready).latest("pk").revision.comment
    assert comment == "Changed banner. Published 1 article of the edition was published with it."


def test_saving_an_edition_moves_no_time_nobody_changed(editor):
    """The form shows whole seconds; an edition and its articles published at a step's "now"
    (with fractions) keep that time when the edition is saved for something else."""
    issue = IssueFactory(status=Status.DRAFT, publish_at=None)
    ready = ArticleFactory(issue=issue, status=Status.REVIEW, publish_at=None)
    workflow.apply(editor, issue, "publish", at=timezone.now())
    issue.refresh_from_db()
    ready.refresh_from_db()
    assert issue.publish_at.microsecond  # a time with fractions, as "now" has
    edits = ready.edit_version
    data = issue_form_data(issue, banner="新栏题")
    response = signed_in(editor).post(change_url(issue), data, follow=True)
    assert [level for level, _text in messages_of(response)] == ["success"]
    issue.refresh_from_db()
    ready.refresh_from_db()
    assert issue.banner == "新栏题" and issue.publish_at == ready.publish_at
    assert ready.edit_version == edits  # not saved again


def test_a_steps_note_follows_a_chinese_colon_in_the_history(editor, chinese):
    article = ArticleFactory(issue=None, status=Status.REVIEW, publish_at=None)
    workflow.apply(editor, article, "send_back", note="请补充案件数据。")
    comment = Version.objects.get_for_object(article).first().revision.comment
    assert comment.endswith("：请补充案件数据。") and ": " not in comment
