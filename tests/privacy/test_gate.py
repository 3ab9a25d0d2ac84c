"""One gate to public: every path that publishes or schedules an article refuses while a must-fix
finding is open, unless an editor overrode it with a reason; correspondents may not override."""

import datetime

import pytest
import reversion
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import workflow
from articles.importing.loader import import_page
from articles.importing.text import PageError
from articles.models import Article, Issue, Status
from privacy import service
from privacy.models import Override
from tests.articles.admin_forms import article_form_data, issue_form_data
from tests.factories import ArticleFactory, IssueFactory

pytestmark = pytest.mark.django_db

PHONE_BODY = "<p>记者联系到当事人，其手机号码为13904715678，表示对判决没有异议。</p>"
CLEAN_BODY = "<p>法院召开工作推进会，部署下一阶段重点工作。</p>"


def article_in(status, body=PHONE_BODY, **kwargs):
    publish_at = (
        timezone.now() - datetime.timedelta(hours=1) if status == Status.PUBLISHED else None
    )
    return ArticleFactory(
        **{"issue": None, "status": status, "publish_at": publish_at, "body": body, **kwargs}
    )


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def privacy_url(article, action):
    return reverse("admin:articles_article_privacy", args=[article.pk, action])


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_gate_is_registered_in_the_workflow():
    assert service.publish_refusal in workflow.publish_checks


def test_publishing_refuses_a_must_fix_finding(editor):
    article = article_in(Status.REVIEW)
    with pytest.raises(workflow.TransitionRefused, match="13904715678"):
        workflow.apply(editor, article, "publish")
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_scheduling_is_refused_too(editor):
    article = article_in(Status.REVIEW)
    later = timezone.now() + datetime.timedelta(days=2)
    with pytest.raises(workflow.TransitionRefused):
        workflow.apply(editor, article, "publish", at=later)
    assert Article.objects.scheduled().count() == 0


def test_look_again_findings_do_not_block(editor):
    article = article_in(Status.REVIEW, body="<p>庭审中，证人赵德胜出庭作证。</p>")
    assert [f.kind for f in service.findings(article)] == ["party_name"]
    workflow.apply(editor, article, "publish")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_the_change_forms_publish_button(editor):
    article = article_in(Status.REVIEW)
    response = signed_in(editor).post(
        change_url(article), article_form_data(article, _transition="publish"), follow=True
    )
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    assert any("13904715678" in m for m in texts(response))


def test_the_list_action(editor):
    bad, good = article_in(Status.REVIEW), article_in(Status.REVIEW, body=CLEAN_BODY)
    signed_in(editor).post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_articles", "_selected_action": [bad.pk, good.pk]},
    )
    assert set(Article.objects.published().values_list("pk", flat=True)) == {good.pk}


def test_publishing_an_edition_with_its_articles(editor):
    issue = IssueFactory(status=Status.DRAFT, publish_at=None)
    clean = ArticleFactory(issue=issue, status=Status.REVIEW, publish_at=None, body=CLEAN_BODY)
    ArticleFactory(issue=issue, status=Status.REVIEW, publish_at=None, body=PHONE_BODY)
    with pytest.raises(workflow.TransitionRefused, match="13904715678"):
        workflow.apply(editor, issue, "publish")
    issue.refresh_from_db()
    clean.refresh_from_db()
    assert issue.status == Status.DRAFT and clean.status == Status.REVIEW


def test_the_page_import_publishing_at_once(editor):
    text = "2025年6月27日 05版\n\n巡回审判进草原\n\n当事人联系电话13904715678，法官上门调解。\n"
    with pytest.raises(PageError, match="13904715678"):
        import_page(text, source="page.txt", publish=True, user=editor)
    assert not Issue.objects.exists()
    response = signed_in(editor).post(
        reverse("admin:articles_issue_import"), {"preview": "1", "text": text, "publish": "on"}
    )
    assert "13904715678" in response.content.decode()
    assert not Issue.objects.exists()


def test_the_command_lines_import_publishing_at_once():
    text = "2025年6月27日 05版\n\n巡回审判进草原\n\n当事人联系电话13904715678，法官上门调解。\n"
    with pytest.raises(PageError, match="13904715678"):
        import_page(text, source="page.txt", publish=True)
    assert not Issue.objects.exists()
    import_page(text.replace("当事人联系电话13904715678，", ""), source="page.txt", publish=True)
    assert Article.objects.published().count() == 1


def test_the_page_imports_preview_lists_findings(editor):
    text = "2025年6月27日 05版\n\n巡回审判进草原\n\n当事人联系电话13904715678，法官上门调解。\n"
    response = signed_in(editor).post(
        reverse("admin:articles_issue_import"), {"preview": "1", "text": text}
    )
    findings = response.context["privacy_findings"]
    assert [(f["position"], f["text"]) for f in findings] == [(1, "13904715678")]
    assert 'id="privacy-findings"' in response.content.decode()


def test_saving_a_published_article_with_new_personal_information_is_refused(editor):
    article = article_in(Status.PUBLISHED, body=CLEAN_BODY)
    response = signed_in(editor).post(
        change_url(article), article_form_data(article, body=PHONE_BODY)
    )
    assert response.status_code == 200
    assert "13904715678" in response.content.decode()
    article.refresh_from_db()
    assert article.body == CLEAN_BODY


def test_restoring_a_published_articles_old_version_is_refused(editor):
    article = article_in(Status.PUBLISHED, body=PHONE_BODY)
    with reversion.create_revision():
        article.save()
    old = Version.objects.get_for_object(article).get()
    service.apply_fix(editor, article, service.findings(article)[0].key)
    article.refresh_from_db()
    fixed = article.body
    assert "139****5678" in fixed
    client = signed_in(editor)
    url = reverse("admin:articles_article_revision", args=[article.pk, old.pk])
    page = client.get(url)
    data = article_form_data(article, body=PHONE_BODY)
    data["loaded_version"] = page.context["adminform"].form["loaded_version"].value()
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the refusal
    assert "13904715678" in response.content.decode()
    article.refresh_from_db()
    assert article.body == fixed


# --- The override, from both sides --------------------------------------------------------------


def test_an_editor_overrides_with_a_reason_and_then_publishes(editor):
    article = article_in(Status.REVIEW)
    client = signed_in(editor)
    response = client.post(privacy_url(article, "override"), {"override_reason": ""}, follow=True)
    assert not Override.objects.exists()
    assert any("reason" in m for m in texts(response))
    client.post(privacy_url(article, "override"), {"override_reason": "当事人同意公开其联系方式"})
    override = Override.objects.get()
    assert override.created_by == editor and override.reason == "当事人同意公开其联系方式"
    comment = Version.objects.get_for_object(article).first().revision.comment
    assert "当事人同意公开其联系方式" in comment
    page = client.get(change_url(article)).content.decode()
    assert "(overridden)" in page.replace("（", "(").replace("）", ")")
    workflow.apply(editor, article, "publish")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_an_override_covers_the_findings_it_was_given_for_only(editor):
    article = article_in(Status.REVIEW)
    service.override(editor, article, "已核实")
    article.body = PHONE_BODY + "<p>另一当事人的手机号码为13604719876。</p>"
    article.save()
    with pytest.raises(workflow.TransitionRefused, match="13604719876"):
        workflow.apply(editor, article, "publish")


def test_a_correspondent_may_not_override_or_dismiss(correspondent):
    article = article_in(Status.DRAFT, created_by=correspondent)
    client = signed_in(correspondent)
    key = service.findings(article)[0].key
    assert (
        client.post(privacy_url(article, "override"), {"override_reason": "x"}).status_code == 403
    )
    response = client.post(
        privacy_url(article, "dismiss"), {"key": key, f"dismiss_reason_{key}": "x"}
    )
    assert response.status_code == 403
    assert not Override.objects.exists() and not service.Dismissal.objects.exists()
    page = client.get(change_url(article)).content.decode()
    assert 'id="privacy-findings"' in page and "override_reason" not in page


def test_a_correspondent_submits_sees_the_findings_and_is_not_blocked(correspondent):
    article = article_in(Status.DRAFT, created_by=correspondent)
    response = signed_in(correspondent).post(
        change_url(article), article_form_data(article, _transition="submit"), follow=True
    )
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    assert any("13904715678" in m and "fix" in m for m in texts(response))
    assert "13904715678" in response.content.decode()


def test_a_published_articles_new_photo_caption_is_checked_too(editor):
    article = article_in(Status.PUBLISHED, body=CLEAN_BODY)
    data = article_form_data(article)
    data.update(
        {
            "photos-TOTAL_FORMS": 1,
            "photos-0-caption": "被执行人（手机13904715678）在现场",
            "photos-0-position": 1,
            "photos-0-alt_text": "",
        }
    )
    response = signed_in(editor).post(change_url(article), data)
    assert response.status_code == 200
    assert "13904715678" in response.content.decode()
    assert not article.photos.exists()


# --- Taking something off the site is never held back -------------------------------------------


def test_the_change_forms_withdraw_button_takes_off_a_published_article_with_findings(editor):
    article = article_in(Status.PUBLISHED, body=PHONE_BODY)
    response = signed_in(editor).post(
        change_url(article), article_form_data(article, _transition="withdraw"), follow=True
    )
    article.refresh_from_db()
    assert article.status == Status.WITHDRAWN
    assert not any("13904715678" in m for m in texts(response))


def test_withdrawing_is_not_held_back_by_a_photo_caption_either(editor):
    from tests.factories import PhotoFactory

    article = article_in(Status.PUBLISHED, body=CLEAN_BODY)
    PhotoFactory(article=article, caption="被执行人（手机13904715678）在现场")
    signed_in(editor).post(change_url(article), article_form_data(article, _transition="withdraw"))
    article.refresh_from_db()
    assert article.status == Status.WITHDRAWN


def test_withdrawing_by_the_workflow_and_the_list_action(editor):
    first, second = article_in(Status.PUBLISHED), article_in(Status.PUBLISHED)
    workflow.apply(editor, first, "withdraw")
    signed_in(editor).post(
        reverse("admin:articles_article_changelist"),
        {"action": "withdraw_articles", "_selected_action": [second.pk]},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == Status.WITHDRAWN


def test_withdrawing_an_edition_whose_articles_hold_findings(editor):
    issue = IssueFactory(status=Status.PUBLISHED)
    ArticleFactory(issue=issue, status=Status.PUBLISHED, body=PHONE_BODY)
    response = signed_in(editor).post(
        reverse("admin:articles_issue_changelist"),
        {"action": "withdraw_editions", "_selected_action": [issue.pk]},
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == Status.WITHDRAWN


def test_the_editions_withdraw_button(editor):
    issue = IssueFactory(status=Status.PUBLISHED)
    ArticleFactory(issue=issue, status=Status.PUBLISHED, body=PHONE_BODY)
    signed_in(editor).post(
        reverse("admin:articles_issue_change", args=[issue.pk]),
        issue_form_data(issue, _transition="withdraw"),
    )
    issue.refresh_from_db()
    assert issue.status == Status.WITHDRAWN
