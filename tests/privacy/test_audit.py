"""privacy_audit on an archive with planted findings, and false findings on clean content."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Status
from privacy import measure, service
from tests.factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def run_audit():
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("privacy_audit", stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def test_the_audit_lists_each_finding_and_fails_while_must_fix_ones_remain(editor):
    phone = ArticleFactory(body="<p>当事人手机号码为13904715678。</p>")
    child = ArticleFactory(body="<p>法院召开会议。</p>")
    PhotoFactory(article=child, caption="年仅9岁的李浩然在法庭开放日参观")
    witness = ArticleFactory(body="<p>庭审中，证人赵德胜出庭作证。</p>")
    ArticleFactory(
        body="<p>当事人手机号码为13604719876。</p>", status=Status.DRAFT, publish_at=None
    )
    ArticleFactory(body="<p>院长梁建武主持会议，原告方某与被告张某某达成调解。</p>")
    code, out = run_audit()
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[-1].endswith("must fix, 1 to look at again.")
    listed = lines[:-1]
    assert len(listed) == 3
    assert any(phone.get_absolute_url() in line and "\tmobile\t" in line for line in listed)
    assert any(child.get_absolute_url() in line and "\tminor_name\t" in line for line in listed)
    assert any(witness.get_absolute_url() in line and "\tparty_name\t" in line for line in listed)
    assert "13604719876" not in out  # a draft is not public

    for article in (phone, child):
        for finding in service.findings(article):
            service.apply_fix(editor, article, finding.key)
    code, out = run_audit()
    assert code == 0
    assert "0 must fix" in out


def test_false_findings_on_the_demo_content_at_most_one_per_hundred():
    call_command("generate_demo", articles=200, seed="7", stdout=io.StringIO())
    from articles.models import Article

    tally = measure.database(measure.Tally(), Article.objects.all())
    assert tally.pieces >= 200
    assert tally.per_hundred <= 1, [(where, f.text, f.context) for where, f in tally.findings]


def test_false_findings_on_the_sample_pages_at_most_one_per_hundred(shared_dir):
    pages = shared_dir / "sample-pages"
    if not pages.is_dir():
        pytest.skip("no sample pages beside the checkout (../shared/sample-pages)")
    tally = measure.sample_pages(measure.Tally(), pages)
    assert tally.pieces > 0
    assert tally.per_hundred <= 1, [(where, f.text, f.context) for where, f in tally.findings]
