"""Findings on the article's page, the one-click fixes and dismissals, and their history."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Status
from privacy import service
from privacy.models import Dismissal, ListEntry
from tests.factories import ArticleFactory, IssueFactory, PhotoFactory, UserFactory

pytestmark = pytest.mark.django_db

CHILD_BODY = (
    '<p>年仅12岁的王小明在放学途中被撞伤。</p><p><a href="/x" title="王小明">小明</a>的伤势已经好转，'
    "王小明的家人向法院表示感谢。</p>"
)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def privacy_url(article, action):
    return reverse("admin:articles_article_privacy", args=[article.pk, action])


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def draft(**kwargs):
    return ArticleFactory(**{"issue": None, "status": Status.DRAFT, "publish_at": None, **kwargs})


def the_finding(article, text):
    return next(f for f in service.findings(article) if f.text == text)


def test_findings_are_highlighted_in_place(editor):
    article = draft(body=CHILD_BODY, headline="王小明的暑假")
    page = signed_in(editor).get(change_url(article)).content.decode()
    assert 'id="privacy-findings"' in page
    assert '<mark class="privacy-must_fix" title="full name beside a minor">王小明</mark>' in page
    assert "王某" in page  # the fix's button says what it writes


def test_one_click_applies_the_mou_rule_everywhere(editor):
    article = draft(body=CHILD_BODY, headline="暑假里的意外", summary="王小明受伤后康复")
    photo = PhotoFactory(article=article, caption="王小明（左）在医院")
    finding = the_finding(article, "王小明")
    response = signed_in(editor).post(privacy_url(article, "fix"), {"key": finding.key})
    assert response.status_code == 302
    article.refresh_from_db()
    photo.refresh_from_db()
    assert "王小明" not in article.body.replace('title="王小明"', "")
    assert 'title="王小明"' in article.body  # attributes are not text: left alone
    assert ">王某</a>的伤势" in article.body  # the given name alone too
    assert article.body.count("王某") == 3
    assert article.summary == "王某受伤后康复"
    assert photo.caption == "王某（左）在医院"
    version = Version.objects.get_for_object(article).first()
    assert version.revision.user == editor
    assert "王小明 → 王某" in version.revision.comment
    assert LogEntry.objects.filter(object_id=str(article.pk), user=editor).exists()
    assert not [f for f in service.findings(article) if f.must_fix]


def test_masking_a_number(editor):
    article = draft(body="<p>当事人手机号码为13904715678。</p>")
    finding = the_finding(article, "13904715678")
    signed_in(editor).post(privacy_url(article, "fix"), {"key": finding.key})
    article.refresh_from_db()
    assert article.body == "<p>当事人手机号码为139****5678。</p>"


def test_a_fix_on_a_printed_page_says_the_page_still_shows_the_original(editor):
    issue = IssueFactory(page_pdf=SimpleUploadedFile("page.pdf", b"%PDF-1.4\n"))
    article = ArticleFactory(issue=issue, status=Status.DRAFT, publish_at=None, body=CHILD_BODY)
    finding = the_finding(article, "王小明")
    response = signed_in(editor).post(
        privacy_url(article, "fix"), {"key": finding.key}, follow=True
    )
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("still shows the original" in m for m in messages)


def test_a_correspondent_fixes_their_own_draft_but_not_anothers(correspondent):
    own = draft(body=CHILD_BODY, created_by=correspondent)
    other = draft(body=CHILD_BODY, created_by=UserFactory())
    client = signed_in(correspondent)
    client.post(privacy_url(own, "fix"), {"key": the_finding(own, "王小明").key})
    own.refresh_from_db()
    assert "王小明" not in own.body.replace('title="王小明"', "")
    response = client.post(privacy_url(other, "fix"), {"key": the_finding(other, "王小明").key})
    assert response.status_code == 404
    submitted = draft(body=CHILD_BODY, created_by=correspondent, status=Status.REVIEW)
    response = client.post(
        privacy_url(submitted, "fix"), {"key": the_finding(submitted, "王小明").key}
    )
    assert response.status_code == 403


def test_a_get_changes_nothing(editor):
    article = draft(body=CHILD_BODY)
    response = signed_in(editor).get(privacy_url(article, "fix"))
    assert response.status_code == 405


def test_a_dismissal_holds_until_its_passage_changes(editor):
    article = draft(body="<p>当事人手机号码为13904715678。</p><p>其余内容。</p>")
    finding = the_finding(article, "13904715678")
    client = signed_in(editor)
    client.post(
        privacy_url(article, "dismiss"),
        {"key": finding.key, f"dismiss_reason_{finding.key}": "这是法院公开的值班电话"},
    )
    dismissal = Dismissal.objects.get()
    assert dismissal.created_by == editor
    assert (
        "这是法院公开的值班电话" in Version.objects.get_for_object(article).first().revision.comment
    )
    assert service.open_findings(article) == []
    article.body += "<p>新增一段无关的话。</p>"
    article.save()
    assert service.open_findings(article) == []  # another paragraph changed: still dismissed
    article.body = "<p>当事人的手机号码为13904715678。</p>"
    article.save()
    assert [f.text for f in service.open_findings(article)] == ["13904715678"]


def test_editors_extend_the_lists_in_the_admin(editor):
    article = draft(body="<p>当事人可拨打该院值班电话0471-6660000咨询。</p>")
    assert service.open_findings(article)
    response = signed_in(editor).post(
        reverse("admin:privacy_listentry_add"),
        {"kind": "public_numbers", "value": "0471-6660000", "note": "值班电话"},
    )
    assert response.status_code == 302
    assert ListEntry.objects.get().value == "0471-6660000"
    assert service.open_findings(article) == []


def test_the_findings_cost_a_fixed_number_of_queries(editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(editor)

    def queries(article):
        client.get(change_url(article))  # the dictionary and the lists, loaded once
        with CaptureQueriesContext(connection) as captured:
            assert client.get(change_url(article)).status_code == 200
        return len(captured)

    few = draft(body="<p>当事人手机号码为13904715678。</p>")
    PhotoFactory(article=few, caption="法官在法院门前")
    many = draft(body=CHILD_BODY + "<p>当事人手机号码为13904715678，邮箱li@163.com。</p>")
    PhotoFactory(article=many, caption="年仅5岁的李浩然和8岁的王子轩在法院参观")
    service.dismiss(editor, many, service.findings(many)[0].key, "已核实")
    assert len(service.findings(many)) > 4
    assert queries(many) == queries(few)
