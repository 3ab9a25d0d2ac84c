"""generate_demo: deterministic, realistic, complete content; --if-empty, --flush, --dry-run."""

import datetime
import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.html import strip_tags

from articles.filters import ArticleFilter
from articles.models import Article, Contributor, Credit, Issue, PageArea, Photo, Status
from courts.models import Court
from demo import builder
from demo.courts import basic_courts
from demo.people import DEMO_CORRESPONDENT
from tests.factories import ContributorFactory, UserFactory

UNTIL = datetime.date(2025, 6, 30)  # a Monday
MIGRATION_COURTS = 13


def generate(articles=40, seed="7", **options):
    out = io.StringIO()
    call_command(
        "generate_demo",
        articles=articles,
        seed=seed,
        until=UNTIL,
        verbosity=0,
        stdout=out,
        **options,
    )
    return out.getvalue()


def snapshot():
    """What a reader would see, independent of primary keys."""
    return [
        (a.headline, a.kicker, a.subtitle, a.byline, a.dateline, a.publish_at, a.status,
         a.issue and (a.issue.date, a.issue.page_number), a.position, a.body, a.end_credit,
         sorted(c.slug for c in a.courts.all()),
         [(c.contributor.name, c.role) for c in a.credits.all()],
         [(p.image.name, p.caption) for p in a.photos.all()])
        for a in Article.objects.select_related("issue").order_by("publish_at", "position", "headline")
    ]  # fmt: skip


@pytest.fixture
def debug(settings):
    """--flush is for development databases: DEBUG on, as in `make demo`."""
    settings.DEBUG = True
    return settings


@pytest.fixture
def demo(db):
    generate(articles=60)


# --- determinism --------------------------------------------------------------------------------


def test_same_seed_gives_the_same_content(db, debug):
    generate()
    first = snapshot()
    generate(flush=True)
    assert snapshot() == first
    assert len(first) == 40


def test_another_seed_gives_other_content(db, debug):
    generate(seed="7")
    first = [row[0] for row in snapshot()]
    generate(seed="8", flush=True)
    assert [row[0] for row in snapshot()] != first


def test_content_does_not_depend_on_the_chunk_size(db, debug, monkeypatch):
    generate()
    first = snapshot()
    monkeypatch.setattr(builder, "CHUNK_SIZE", 7)
    generate(flush=True)
    assert snapshot() == first


# --- counts and states --------------------------------------------------------------------------


def test_counts_and_every_state(demo):
    assert Article.objects.count() == 60
    by_status = {s: Article.objects.filter(status=s).count() for s in Status.values}
    assert by_status[Status.DRAFT] == 3
    assert by_status[Status.REVIEW] == 1
    assert by_status[Status.WITHDRAWN] == 1
    assert Article.objects.scheduled().count() == 1
    assert by_status[Status.PUBLISHED] == 55  # one of them scheduled
    assert Article.objects.published().count() == 54
    # The drafts sit on the next page, still a draft itself.
    draft_edition = Issue.objects.get(status=Status.DRAFT)
    assert draft_edition.date > UNTIL
    assert set(draft_edition.articles.values_list("status", flat=True)) == {Status.DRAFT}


def test_every_published_article_that_is_due_is_public(demo):
    now = timezone.now()
    due = Article.objects.filter(status=Status.PUBLISHED, publish_at__lte=now)
    assert set(Article.objects.published().values_list("pk", flat=True)) == set(
        due.values_list("pk", flat=True)
    )
    for article in Article.objects.select_related("issue"):
        assert article.is_public == (
            article.status == Status.PUBLISHED and article.publish_at <= now
        )


def test_editions_come_out_on_fridays_weekly_or_less_with_five_to_seven_stories(demo):
    editions = list(Issue.objects.published().order_by("date", "page_number"))
    assert editions and all(edition.date.weekday() == 4 for edition in editions)
    assert editions[-1].date < UNTIL
    dates = sorted({edition.date for edition in editions})
    assert all((b - a).days >= 7 for a, b in zip(dates, dates[1:], strict=False))
    printed = Article.objects.filter(issue__in=editions).count()
    assert 4 <= printed / len(editions) <= 8
    for edition in editions:
        assert edition.title == "法院专刊"
        assert edition.page_image.name and default_storage.exists(edition.page_image.name)
        articles = list(edition.articles.all())
        assert articles
        assert all(timezone.localdate(a.publish_at) == edition.date for a in articles)
        assert sorted(a.position for a in articles) == list(range(1, len(articles) + 1))
        if edition.quote:
            assert edition.quote_attribution.startswith("——")


def test_articles_read_like_court_news(demo):
    for article in Article.objects.all():
        text = strip_tags(article.body)
        assert 600 <= len(text) <= 2500, article.headline
        assert article.body.startswith("<p>")
        assert re.search(r"[\u4e00-\u9fff]", article.headline)
        assert article.dateline.endswith("讯")
        assert "{" not in article.body + article.headline + article.subtitle
        assert article.summary and article.summary[:10] in text
        assert article.slug
    # Subheads, kickers and subtitles on some.
    assert Article.objects.filter(body__contains="<h3>").count() > 30
    assert Article.objects.exclude(kicker="").exists()
    assert Article.objects.exclude(subtitle="").exists()


def test_bylines_and_end_credits_match_the_credits(demo):
    for article in Article.objects.prefetch_related("credits__contributor"):
        credited = {(c.contributor.name, c.role) for c in article.credits.all()}
        for name in re.findall(r"本报记者●(\S+)", article.byline):
            assert (name, Credit.Role.REPORTER) in credited
        correspondents = re.search(r"通讯员●(.+)$", article.byline)
        for name in correspondents.group(1).split() if correspondents else []:
            assert (name, Credit.Role.CORRESPONDENT) in credited
        if article.end_credit.endswith("供稿)"):
            assert (article.end_credit[1:-3], Credit.Role.ORGANISATION) in credited
        elif article.end_credit:
            for name in article.end_credit[1:-1].split():
                assert (name, Credit.Role.AUTHOR) in credited
        positions = [c.position for c in article.credits.all()]
        assert positions == sorted(positions)


def test_photos_exist_and_their_photographers_are_credited(demo):
    photos = list(Photo.objects.select_related("photographer", "article"))
    assert photos
    for photo in photos:
        assert default_storage.exists(photo.image.name)
        assert default_storage.size(photo.image.name) < 200_000
        assert photo.caption and photo.alt_text
        if photo.photographer:
            assert photo.article.credits.filter(
                contributor=photo.photographer, role=Credit.Role.PHOTOGRAPHER
            ).exists()


def test_every_printed_article_has_its_area_on_the_page(demo):
    printed = Article.objects.filter(issue__status=Status.PUBLISHED)
    assert PageArea.objects.count() == printed.count()
    for area in PageArea.objects.all():
        assert area.left >= 0 and area.left + area.width <= 100
        assert area.top >= 0 and area.top + area.height <= 100


# --- courts and contributors --------------------------------------------------------------------


def test_real_basic_courts_sit_under_their_city_courts(demo):
    expected = {
        "ordos-etuoke": ("鄂托克旗人民法院", "ordos"),
        "hulunbuir-genhe": ("根河市人民法院", "hulunbuir"),
        "hohhot-xincheng": ("呼和浩特市新城区人民法院", "hohhot"),
        "baotou-xitu-gaoxin": ("包头稀土高新技术产业开发区人民法院", "baotou"),
    }
    for slug, (name, city) in expected.items():
        court = Court.objects.get(slug=slug)
        assert (court.name, court.parent.slug, court.level) == (name, city, Court.Level.BASIC)
    assert "包头稀土高新区人民法院" in Court.objects.get(slug="baotou-xitu-gaoxin").names
    assert "鄂尔多斯市鄂托克旗人民法院" in Court.objects.get(slug="ordos-etuoke").names
    assert Court.objects.count() == MIGRATION_COURTS + len(basic_courts())
    for court in Court.objects.all():
        assert court.slug.isascii()
        assert court.path == court._computed_path()  # as Court.save() would have kept it
    ordos = Court.objects.get(slug="ordos")
    etuoke = Court.objects.get(slug="ordos-etuoke")
    assert etuoke.path.startswith(ordos.path) and etuoke.parent == ordos


def test_city_court_filter_includes_the_basic_courts_below(demo):
    public = Article.objects.published()
    checked = 0
    for city in Court.objects.cities():
        below = public.filter(courts__parent=city).exclude(courts=city).distinct()
        filtered = ArticleFilter({"court": city.slug}, queryset=public).qs
        assert set(below) <= set(filtered)
        assert set(filtered) == set(public.in_court_subtree(city))
        checked += below.count()
    assert checked > 0  # the generated data does exercise the subtree


def test_contributors_are_people_with_courts_and_organisations(demo):
    people = Contributor.objects.filter(kind=Contributor.Kind.PERSON)
    assert people.filter(court__isnull=False).count() > 100
    assert people.filter(court__isnull=True).exists()  # the newspaper's own reporters
    organisations = Contributor.objects.filter(kind=Contributor.Kind.ORGANISATION)
    assert organisations.filter(name="赤峰市中级人民法院", court__slug="chifeng").exists()
    assert organisations.filter(court__isnull=True).exists()  # 政法委, 检察院 ...
    assert people.filter(name=DEMO_CORRESPONDENT[0], court__slug=DEMO_CORRESPONDENT[1]).exists()
    review = Article.objects.get(status=Status.REVIEW)
    assert review.credits.filter(contributor__name=DEMO_CORRESPONDENT[0]).exists()


# --- options ------------------------------------------------------------------------------------


def test_if_empty_leaves_existing_editions_alone(demo):
    before = snapshot()
    out = io.StringIO()
    call_command("generate_demo", articles=10, if_empty=True, until=UNTIL, stdout=out)
    assert "already has editions" in out.getvalue()
    assert snapshot() == before


def test_without_flush_or_if_empty_existing_editions_stop_it(demo):
    with pytest.raises(CommandError, match="already has editions"):
        generate(articles=10)
    assert Article.objects.count() == 60


def test_flush_replaces_the_demo_and_keeps_the_rest(db, debug):
    generate()
    someone = ContributorFactory(name="张树清", user=UserFactory(username="zhang"))
    hand_made = ContributorFactory(name="王编辑")
    generate(articles=20, seed="other", flush=True)
    assert Article.objects.count() == 20
    assert Court.objects.count() == MIGRATION_COURTS + len(basic_courts())
    assert Contributor.objects.filter(pk__in=[someone.pk, hand_made.pk]).count() == 2
    # No demo contributor is duplicated by the second run.
    names = list(Contributor.objects.values_list("name", "kind", "court"))
    assert len(names) == len(set(names))


def test_flush_keeps_every_court(db, debug):
    # The basic courts are production data now (courts/migrations/0004_load_basic_courts).
    generate()
    deleted = builder.flush()
    assert Article.objects.count() == Issue.objects.count() == Credit.objects.count() == 0
    assert "basic courts" not in deleted
    assert Court.objects.count() == MIGRATION_COURTS + len(basic_courts())
    assert not Contributor.objects.exists()


def test_flush_is_refused_in_production(db, settings):
    settings.DEBUG = False
    generate()
    with pytest.raises(CommandError, match="DEBUG off"):
        generate(flush=True)
    assert Article.objects.count() == 40
    generate(articles=10, flush=True, force=True)
    assert Article.objects.count() == 10


def test_dry_run_writes_nothing(db):
    out = io.StringIO()
    call_command("generate_demo", articles=50, dry_run=True, until=UNTIL, stdout=out)
    assert "Would create" in out.getvalue()
    assert not Article.objects.exists() and not Issue.objects.exists()


def test_until_cannot_be_in_the_future(db):
    with pytest.raises(CommandError, match="future"):
        call_command(
            "generate_demo", articles=5, until=timezone.localdate() + datetime.timedelta(days=1)
        )
