"""Writing a parsed page: editions, articles, courts, contributors, re-imports and publishing."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles.importing.loader import import_page
from articles.importing.matching import CourtFinder
from articles.importing.text import PageError
from articles.models import Article, Contributor, Credit, Issue, Photo, Status
from courts.models import Court
from tests.factories import ContributorFactory, UserFactory

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
# the second article of marked.txt, as the text credits it
SECOND_CREDITS = [
    ("reporter", "金丽"),
    ("photographer", "齐翰文"),
    ("author", "郭成"),
    ("author", "李鑫"),
    ("author", "王学清"),
]


def court(slug):
    return Court.objects.get(slug=slug)


def credits_of(article):
    return [
        (c.role, c.contributor.name)
        for c in article.credits.select_related("contributor").order_by("position")
    ]


@pytest.fixture
def marked(page_text):
    return page_text("marked.txt")


class TestFirstImport:
    @pytest.fixture
    def report(self, marked):
        return import_page(marked, source="marked.txt")

    def test_edition_and_drafts(self, report):
        issue = Issue.objects.get()
        assert (issue.date, issue.page_number) == (datetime.date(2024, 3, 22), 7)
        assert (issue.quote, issue.quote_attribution, issue.banner) == (
            "司法的温度，体现在每一次耐心倾听之中。",
            "本报评论员",
            "法治护航",
        )
        assert issue.status == Status.DRAFT and issue.publish_at is None
        articles = list(issue.articles.order_by("position"))
        assert [(a.position, a.status) for a in articles] == [
            (1, Status.DRAFT),
            (2, Status.DRAFT),
            (3, Status.DRAFT),
        ]
        assert report.created and report.articles_created == 3
        assert articles[2].kicker == "优化法治化营商环境"
        assert articles[1].dateline == "本报讯（记者 金丽）"
        assert articles[0].body.startswith("<p>3月18日，根河市人民法院")

    def test_unknown_basic_courts_are_created_under_their_city(self, report):
        genhe = Court.objects.get(name="根河市人民法院")
        assert (genhe.parent, genhe.level, genhe.needs_review) == (
            court("hulunbuir"),
            Court.Level.BASIC,
            True,
        )
        assert genhe.region == "呼伦贝尔市"
        assert genhe.slug == "hulunbuir-genheshi"
        assert genhe.short_name == "根河市法院"
        etuoke = Court.objects.get(name="鄂托克旗人民法院")
        assert etuoke.parent == court("ordos")
        assert "鄂尔多斯市鄂托克旗人民法院" in etuoke.alias_list
        assert etuoke.path.startswith(court("ordos").path)
        assert sorted(report.new_courts) == [
            ("根河市人民法院", "呼伦贝尔市中级人民法院"),
            ("鄂托克旗人民法院", "鄂尔多斯市中级人民法院"),
        ]

    def test_courts_are_linked(self, report):
        first, second, third = Issue.objects.get().articles.order_by("position")
        assert list(first.courts.values_list("name", flat=True)) == ["根河市人民法院"]
        # "鄂尔多斯市鄂托克旗人民法院" and "鄂托克旗法院" are the same court
        assert list(second.courts.values_list("name", flat=True)) == ["鄂托克旗人民法院"]
        # 赤峰市中院 is an alias; the court in 《…》 is a document's title, not a party
        assert list(third.courts.all()) == [court("chifeng")]

    def test_contributors_and_roles(self, report):
        first, second, third = Issue.objects.get().articles.order_by("position")
        assert credits_of(first) == [("organisation", "根河市人民法院")]
        genhe = Contributor.objects.get(name="根河市人民法院")
        assert genhe.kind == Contributor.Kind.ORGANISATION
        assert genhe.court == Court.objects.get(name="根河市人民法院")
        assert credits_of(second) == SECOND_CREDITS
        photo = second.photos.get()
        assert (photo.caption, photo.photographer.name, bool(photo.image)) == (
            "图为法官在蒙古包内为牧民讲解法律知识。",
            "齐翰文",
            False,
        )
        assert credits_of(third) == [("organisation", "扎鲁特旗委政法委")]
        assert Contributor.objects.get(name="扎鲁特旗委政法委").court is None
        assert set(Contributor.objects.values_list("needs_review", flat=True)) == {True}
        assert len(report.new_contributors) == 7
        # nothing was there before: nothing kept, nothing removed
        assert report.kept == [] and report.removed == []


def test_existing_contributors_are_matched_not_duplicated(marked):
    jinli = ContributorFactory(name="金丽")
    import_page(marked)
    genhe_court = Court.objects.get(name="根河市人民法院")
    assert Contributor.objects.filter(name="金丽").get() == jinli
    assert not Contributor.objects.get(name="金丽").needs_review
    # an organisation is found by its court, whatever the credit calls it
    assert Contributor.objects.get(court=genhe_court).name == "根河市人民法院"
    text = marked.replace("(根河市人民法院供稿)", "(根河市法院供稿)")
    import_page(text)
    assert Contributor.objects.filter(court=genhe_court).count() == 1


def test_byline_page_needs_date_and_places_its_courts(page_text):
    text = page_text("byline.txt")
    with pytest.raises(PageError, match="date"):
        import_page(text)
    assert not Issue.objects.exists() and Court.objects.filter(needs_review=True).count() == 0

    report = import_page(text, date=datetime.date(2024, 3, 15), page_number=6)
    article = Article.objects.get()
    names = dict(article.courts.values_list("name", "parent__slug"))
    assert names == {
        "呼和浩特市新城区人民法院": "hohhot",
        "包头稀土高新区人民法院": "baotou",
        "科尔沁左翼中旗人民法院": "tongliao",
    }
    assert "科左中旗法院" in Court.objects.get(name="科尔沁左翼中旗人民法院").alias_list
    assert credits_of(article) == [
        ("reporter", "王晓燕"),
        ("correspondent", "巴特尔"),
        ("correspondent", "乌日娜"),
    ]
    assert report.date == datetime.date(2024, 3, 15)


class TestReimport:
    def test_updates_in_place(self, marked):
        import_page(marked, publish=True)
        issue = Issue.objects.get()
        first, second, third = issue.articles.order_by("position")
        second.photos.update(image="photos/2024/03/kept.jpg")
        editor_note = ContributorFactory(name="手工添加")
        Credit.objects.create(article=first, contributor=editor_note, role="author")

        changed = (
            marked.replace("一上午审结了两起", "一上午审结了三起")
            .replace("涉企案件快立快审 护航企业健康发展", "涉企案件快立快审 助力企业发展")
            .replace("司法的温度", "司法的力量")
        )
        report = import_page(changed)

        assert Issue.objects.count() == 1 and Article.objects.count() == 3
        assert not report.created and report.articles_updated == 3
        issue.refresh_from_db()
        assert issue.quote.startswith("司法的力量")
        again = list(issue.articles.order_by("position"))
        assert [a.pk for a in again] == [first.pk, second.pk, third.pk]
        assert "三起" in again[0].body
        # matched by position when the headline changed; published, its address stays as
        # readers shared it (a draft's follows the headline: see the next test)
        assert again[2].headline == "涉企案件快立快审 助力企业发展"
        assert again[2].slug == third.slug
        # statuses are kept without --publish
        assert {a.status for a in again} == {Status.PUBLISHED}
        # the text's credits, then the one added by hand, kept and listed; photo images stay
        assert credits_of(again[0]) == [("organisation", "根河市人民法院"), ("author", "手工添加")]
        assert report.articles[0].kept == ["author: 手工添加"]
        assert second.photos.get().image.name == "photos/2024/03/kept.jpg"
        assert Court.objects.filter(needs_review=True).count() == 2
        assert report.new_courts == [] and report.new_contributors == []

    def test_a_drafts_address_follows_a_new_headline(self, marked):
        import_page(marked)
        third = Article.objects.get(position=3)
        import_page(
            marked.replace("涉企案件快立快审 护航企业健康发展", "涉企案件快立快审 助力企业发展")
        )
        third.refresh_from_db()
        assert third.slug == "涉企案件快立快审-助力企业发展"

    def test_what_an_editor_added_by_hand_survives_and_is_listed(self, marked):
        import_page(marked)
        second = Article.objects.get(position=2)
        photographer = ContributorFactory(name="张三")
        Credit.objects.create(article=second, contributor=photographer, role="photographer")
        second.courts.add(court("chifeng"))

        report = import_page(marked.replace("现场化解邻里纠纷5起", "现场化解邻里纠纷6起"))

        second.refresh_from_db()
        assert "6起" in second.body
        assert credits_of(second) == [*SECOND_CREDITS, ("photographer", "张三")]
        assert set(second.courts.values_list("slug", flat=True)) == {
            "chifeng",
            Court.objects.get(name="鄂托克旗人民法院").slug,
        }
        updated = report.articles[1]
        assert updated.kept_credits == [("photographer (摄)", "张三")]
        assert updated.kept_courts == ["赤峰市中级人民法院"]
        assert updated.kept == ["photographer (摄): 张三", "court: 赤峰市中级人民法院"]
        assert report.kept == [(updated, line) for line in updated.kept]
        # the text's own are reported as before, not as kept
        assert [name for _role, name, _new in updated.credits] == [n for _r, n in SECOND_CREDITS]
        assert updated.courts == [("鄂托克旗人民法院", False)]
        assert report.articles[0].kept == [] and report.articles[2].kept == []

    def test_lines_an_editor_typed_that_the_text_lacks_survive_and_are_listed(self, marked):
        """A kicker and a subtitle typed by hand (the printed page had none): a corrected text
        without them replaces the rest of the article, and keeps and lists those two."""
        import_page(marked)
        second = Article.objects.get(position=2)
        assert not second.kicker and not second.subtitle
        second.kicker, second.subtitle = "编辑手加的引题", "编辑手加的副题"
        second.save()

        report = import_page(marked.replace("现场化解邻里纠纷5起", "现场化解邻里纠纷6起"))

        second.refresh_from_db()
        assert "6起" in second.body
        assert (second.kicker, second.subtitle) == ("编辑手加的引题", "编辑手加的副题")
        updated = report.articles[1]
        assert updated.kept_fields == [("kicker", "编辑手加的引题"), ("subtitle", "编辑手加的副题")]
        assert updated.kept[:2] == ["kicker: 编辑手加的引题", "subtitle: 编辑手加的副题"]
        assert (updated.kicker, updated.subtitle) == ("编辑手加的引题", "编辑手加的副题")
        # A line the text does have still replaces the article's.
        third = Article.objects.get(position=3)
        assert third.kicker == "优化法治化营商环境"
        import_page(marked.replace("优化法治化营商环境", "优化营商环境"))
        third.refresh_from_db()
        assert third.kicker == "优化营商环境"

    def test_a_credit_the_text_names_is_the_same_credit(self, marked):
        import_page(marked)
        second = Article.objects.get(position=2)
        before = {(c.role, c.contributor.name): c.pk for c in second.credits.all()}
        # an editor puts the photographer first; the text's order comes back, nothing doubled
        second.credits.filter(role="photographer").update(position=0)
        report = import_page(marked)
        after = {(c.role, c.contributor.name): c.pk for c in second.credits.all()}
        assert after == before
        assert credits_of(second)[:2] == [("reporter", "金丽"), ("photographer", "齐翰文")]
        assert Credit.objects.count() == 7
        assert report.kept == [] and report.removed == []

    def test_an_editors_choice_between_namesakes_stays(self, marked):
        import_page(marked)
        second = Article.objects.get(position=2)
        first_jinli = Contributor.objects.get(name="金丽")
        other_jinli = ContributorFactory(name="金丽")  # another reporter of the same name
        second.credits.filter(contributor=first_jinli).update(contributor=other_jinli)
        report = import_page(marked)
        assert list(
            second.credits.filter(role="reporter").values_list("contributor", flat=True)
        ) == [other_jinli.pk]
        assert report.articles[1].kept == []

    def test_the_same_contributor_in_another_role_is_another_credit(self, marked):
        import_page(marked)
        second = Article.objects.get(position=2)
        jinli = Contributor.objects.get(name="金丽")
        Credit.objects.create(article=second, contributor=jinli, role="photographer")
        report = import_page(marked)
        assert second.credits.filter(contributor=jinli).count() == 2
        assert report.articles[1].kept == ["photographer (摄): 金丽"]

    def test_a_name_the_corrected_text_drops_is_kept_and_listed(self, marked):
        import_page(marked)
        report = import_page(marked.replace("(郭成 李鑫 王学清)", "(郭成 李鑫)"))
        second = Article.objects.get(position=2)
        assert ("author", "王学清") in credits_of(second)
        assert report.articles[1].kept == ["author: 王学清"]

    def test_uploaded_photos_and_the_photographer_an_editor_chose_stay(self, marked):
        import_page(marked)
        second = Article.objects.get(position=2)
        other = ContributorFactory(name="齐翰文")  # a namesake, chosen by an editor
        second.photos.update(photographer=other)
        uploaded = Photo.objects.create(
            article=second, caption="编辑上传的照片", image="photos/2024/03/up.jpg", position=2
        )
        Photo.objects.create(article=second, caption="只有图说", position=3)

        report = import_page(marked)

        photos = list(second.photos.order_by("position"))
        assert [(p.caption, p.photographer) for p in photos] == [
            ("图为法官在蒙古包内为牧民讲解法律知识。", other),
            ("编辑上传的照片", None),
        ]
        assert photos[1] == uploaded
        assert report.articles[1].kept == ["photo with an image: 编辑上传的照片"]
        assert report.articles[1].removed == ["photo without an image: 只有图说"]

    def test_a_dry_run_lists_what_would_be_kept(self, marked):
        import_page(marked)
        first = Article.objects.get(position=1)
        first.courts.add(court("chifeng"))
        report = import_page(marked, dry_run=True)
        assert report.articles[0].kept == ["court: 赤峰市中级人民法院"]
        assert first.courts.count() == 2

    def test_articles_no_longer_in_the_text_are_left_and_reported(self, marked):
        import_page(marked)
        start = marked.index("#### 优化法治化营商环境")
        report = import_page(marked[:start])
        assert Article.objects.count() == 3
        assert report.left_over == ["涉企案件快立快审 护航企业健康发展"]
        assert any("涉企案件" in note.message for note in report.notes)

    def test_articles_reordered_keep_their_rows(self, marked):
        import_page(marked)
        before = dict(Article.objects.values_list("headline", "pk"))
        start = marked.index("## 冬牧场上的巡回法庭")
        end = marked.index("法治护航")
        moved = marked[:start] + marked[end:] + "\n\n" + marked[start:end]
        import_page(moved)
        after = dict(Article.objects.values_list("headline", "pk"))
        assert after == before
        assert Article.objects.get(headline="冬牧场上的巡回法庭").position == 3


class TestPublish:
    def test_publish_dates_edition_and_articles_on_their_day(self, marked, client):
        import_page(marked, publish=True)
        morning = datetime.datetime(2024, 3, 22, 6, 0, tzinfo=SHANGHAI)
        issue = Issue.objects.get()
        assert (issue.status, issue.publish_at) == (Status.PUBLISHED, morning)
        assert set(issue.articles.values_list("status", "publish_at")) == {
            (Status.PUBLISHED, morning)
        }
        article = issue.articles.get(position=2)
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert article.headline in response.content.decode()

    def test_publish_later_keeps_drafts_until_then(self, marked):
        import_page(marked)
        import_page(marked, publish=True)
        assert Article.objects.published().count() == 3

    def test_with_a_user_publishing_goes_through_the_workflow(self, marked, editor):
        import_page(marked, publish=True, user=editor)
        issue = Issue.objects.get()
        assert issue.status == Status.PUBLISHED and issue.created_by == editor
        assert Article.objects.filter(status=Status.PUBLISHED, updated_by=editor).count() == 3

    def test_a_user_who_may_not_publish_gets_an_error_and_nothing_is_written(self, marked):
        from django.contrib.auth.models import Permission

        writer = UserFactory(is_staff=True)
        writer.user_permissions.set(
            Permission.objects.filter(codename__in=["add_issue", "add_article", "change_article"])
        )
        with pytest.raises(PageError, match="may not"):
            import_page(marked, publish=True, user=writer)
        assert not Issue.objects.exists() and not Court.objects.filter(needs_review=True).exists()


def test_dry_run_writes_nothing_but_reports_everything(marked):
    courts_before = Court.objects.count()
    report = import_page(marked, dry_run=True)
    assert not Issue.objects.exists() and not Contributor.objects.exists()
    assert Court.objects.count() == courts_before
    assert len(report.articles) == 3 and len(report.new_courts) == 2
    assert report.issue_pk is None and report.articles[0].pk is None
    assert report.articles[1].courts == [("鄂托克旗人民法院", True)]


def test_given_date_wins_and_is_noted(marked):
    report = import_page(marked, date=datetime.date(2024, 3, 29))
    assert Issue.objects.get().date == datetime.date(2024, 3, 29)
    assert any("2024-03-22" in note.message for note in report.notes)


def test_a_headline_too_long_for_its_column_is_an_error_with_its_line():
    text = "## " + "很长" * 120 + "\n\n正文。\n"
    with pytest.raises(PageError, match="longer than 200") as caught:
        import_page(text, date=datetime.date(2024, 1, 5), page_number=5)
    assert caught.value.line == 1
    assert not Issue.objects.exists()


class TestCourtFinder:
    @pytest.fixture
    def finder(self):
        return CourtFinder()

    def test_names_short_names_and_aliases(self, finder):
        found = finder.find("自治区高院和赤峰中院、锡林郭勒盟中院、包头市中级人民法院")
        assert [c.slug for c in found] == ["inner-mongolia-high", "chifeng", "xilingol", "baotou"]

    def test_the_city_in_the_name_places_an_unknown_basic_court(self, finder):
        (found,) = finder.find("鄂尔多斯市空港区人民法院召开会议")
        assert (found.name, found.parent.slug, found.needs_review) == (
            "鄂尔多斯市空港区人民法院",
            "ordos",
            True,
        )
        (league,) = finder.find("兴安盟新城旗人民法院")
        assert (league.name, league.parent.slug) == ("新城旗人民法院", "hinggan")

    def test_a_known_basic_court_is_not_created_again(self, finder):
        existing = Court.objects.create(
            name="根河市人民法院",
            slug="genhe",
            level=Court.Level.BASIC,
            parent=court("hulunbuir"),
            aliases="根河法院",
        )
        assert finder.find("呼伦贝尔市根河市人民法院")[0] == existing
        assert CourtFinder().find("根河法院的法官")[0] == existing
        assert not Court.objects.filter(needs_review=True).exists()

    def test_document_titles_and_other_bodies_are_not_courts(self, finder):
        assert finder.find("依据《内蒙古自治区高级人民法院关于审判的规定》,最高人民法院") == []
        assert finder.find("扎鲁特旗委政法委和赤峰法院、全区法院") == []

    def test_slugs_stay_unique(self, finder):
        Court.objects.create(
            name="别的法院",
            slug="hulunbuir-genheshi",
            level=Court.Level.BASIC,
            parent=court("ordos"),
        )
        (found,) = finder.find("根河市人民法院")
        assert found.slug == "hulunbuir-genheshi-2"


def test_photo_rows_follow_the_text(marked):
    import_page(marked)
    assert Photo.objects.count() == 1
    report = import_page(marked.replace("图为法官在蒙古包内为牧民讲解法律知识。 齐翰文 摄", ""))
    assert Photo.objects.count() == 0
    # a photo with no image, gone with its caption: the report says so
    assert report.articles[1].removed == [
        "photo without an image: 图为法官在蒙古包内为牧民讲解法律知识。"
    ]
    assert report.removed == [(report.articles[1], report.articles[1].removed[0])]
    # the photographer's credit is the article's, not the photo's: it stays and is listed
    assert report.articles[1].kept == ["photographer (摄): 齐翰文"]


def test_a_reimport_keeps_an_address_chosen_by_hand_or_once_published(marked):
    import_page(marked)
    third = Article.objects.get(position=3)
    Article.objects.filter(pk=third.pk).update(slug="chosen-by-hand")
    second = Article.objects.get(position=2)
    Article.objects.filter(pk=second.pk).update(status=Status.WITHDRAWN, publish_at=timezone.now())
    renamed = marked.replace("涉企案件快立快审 护航企业健康发展", "涉企案件快立快审 助力企业发展")
    import_page(renamed.replace(second.headline, second.headline + "（更正）"))
    third.refresh_from_db()
    assert third.slug == "chosen-by-hand"
    assert Article.objects.get(pk=second.pk).slug == second.slug  # withdrawn: it was public


def test_the_imports_version_holds_the_credits_courts_and_photos_so_a_restore_brings_them_back(
    marked,
):
    """Credits are written after the article's row (bulk): its version is taken again once they
    are, so the imported state can be restored whole."""
    from reversion.models import Version

    from newsroom.versions import revert_alone

    import_page(marked, source="marked.txt")
    second = Issue.objects.get().articles.get(position=2)
    version = Version.objects.get_for_object(second).get()
    kept = {(v.content_type.model, v.object_id) for v in version.revision.version_set.all()}
    for credit in second.credits.all():
        assert ("credit", str(credit.pk)) in kept
    assert ("photo", str(second.photos.get().pk)) in kept
    assert sorted(version.field_dict["courts"]) == sorted(
        second.courts.values_list("pk", flat=True)
    )
    second.credits.all().delete()
    second.courts.clear()
    revert_alone(version)
    second.refresh_from_db()
    assert credits_of(second) == SECOND_CREDITS
    assert list(second.courts.values_list("name", flat=True)) == ["鄂托克旗人民法院"]
