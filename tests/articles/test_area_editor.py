"""The page's areas: the rule that keeps them on the page (forms and database), and the admin's
area editor (permissions, one version per changed article, the two-editor conflict, warnings)."""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from reversion.models import Version

from articles.area_editor.forms import fingerprint
from articles.models import PageArea, within_page
from newsroom.generation import content_generation
from tests.factories import ArticleFactory, IssueFactory, PageAreaFactory, UserFactory

pytestmark = pytest.mark.django_db


def editor_url(issue):
    return reverse("admin:articles_issue_areas", args=[issue.pk])


@pytest.fixture
def page():
    """An edition with three articles: the first two with an area each, the third without."""
    issue = IssueFactory()
    first = ArticleFactory(issue=issue, position=1, headline="第一篇")
    second = ArticleFactory(issue=issue, position=2, headline="第二篇")
    third = ArticleFactory(issue=issue, position=3, headline="第三篇")
    PageAreaFactory(article=first, left=0, top=0, width=50, height=50)
    PageAreaFactory(article=second, left=50, top=0, width=50, height=50)
    return issue, first, second, third


def form_data(issue, rows, extra=None):
    """The editor's POST: each article's edit number and areas' mark as opened, then ``rows``
    (dicts with id, article, left, top, width, height and DELETE)."""
    data = {}
    for article in issue.articles.all():
        data[f"version-{article.pk}"] = article.edit_version
        data[f"mark-{article.pk}"] = fingerprint(article.page_areas.all())
    existing = sum(1 for row in rows if row.get("id"))
    data.update(
        {
            "areas-TOTAL_FORMS": len(rows),
            "areas-INITIAL_FORMS": existing,
            "areas-MIN_NUM_FORMS": 0,
            "areas-MAX_NUM_FORMS": 1000,
        }
    )
    for i, row in enumerate(rows):
        for name, value in row.items():
            if name == "DELETE":
                if value:
                    data[f"areas-{i}-DELETE"] = "on"
            else:
                data[f"areas-{i}-{name}"] = "" if value is None else value
    data.update(extra or {})
    return data


def stored_rows(issue):
    return [
        {
            "id": area.pk,
            "article": area.article_id,
            "left": area.left,
            "top": area.top,
            "width": area.width,
            "height": area.height,
        }
        for area in PageArea.objects.filter(article__issue=issue).order_by(
            "article__position", "article_id", "pk"
        )
    ]


# --- the rule: within the page -----------------------------------------------------------------


@pytest.mark.parametrize(
    "left, top, width, height",
    [(90, 0, 50, 10), (0, 60, 10, 50), (-1, 0, 10, 10), (0, 0, 0, 10), (0, 0, 10, -5)],
)
def test_the_database_refuses_an_area_off_the_page(left, top, width, height):
    article = ArticleFactory()
    with pytest.raises(IntegrityError, match="pagearea_within_page"), transaction.atomic():
        PageArea.objects.create(article=article, left=left, top=top, width=width, height=height)


def test_an_area_up_to_the_edges_is_accepted_despite_rounding():
    article = ArticleFactory()
    # 33.3 + 66.7 is a hair over 100 in binary floating point on some databases' arithmetic.
    area = PageArea.objects.create(article=article, left=33.3, top=0.1, width=66.7, height=99.9)
    area.full_clean()


def test_the_form_names_the_edge_an_area_passes():
    area = PageArea(article=ArticleFactory(), left=90, top=10, width=50, height=95)
    with pytest.raises(ValidationError) as refused:
        area.full_clean()
    errors = refused.value.message_dict
    assert "140" in errors["width"][0] and "105" in errors["height"][0]


def test_within_page_cuts_an_area_at_the_edges():
    assert within_page(90, -2, 50, 30) == (90, 0, 10, 30)
    assert within_page(100, 0, 5, 5) == (99, 0, 1, 5)


def test_the_migration_clamps_stored_areas_onto_the_page():
    migration = importlib.import_module("articles.migrations.0006_pagearea_within_page")
    assert migration._onto_the_page(90.0, 50.0) == (90.0, 10.0)
    assert migration._onto_the_page(100.0, 3.0) == (99.0, 1.0)
    assert migration._onto_the_page(-5.0, 20.0) == (0.0, 20.0)
    assert migration._onto_the_page(10.0, 20.0) == (10.0, 20.0)


def test_the_articles_own_form_refuses_an_area_off_the_page(editor_client):
    from tests.articles.admin_forms import article_form_data

    article = ArticleFactory()
    data = article_form_data(article)
    data.update(
        {
            "page_areas-TOTAL_FORMS": 1,
            "page_areas-0-left": 90,
            "page_areas-0-top": 0,
            "page_areas-0-width": 50,
            "page_areas-0-height": 10,
        }
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "100" in str(response.context["inline_admin_formsets"][-1].formset.errors)
    assert not article.page_areas.exists()


# --- who may use the editor ---------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client, page):
    response = client.get(editor_url(page[0]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_correspondent_may_not_open_or_post(client, correspondent, page):
    issue = page[0]
    client.force_login(correspondent)
    assert client.get(editor_url(issue)).status_code in (403, 404)
    response = client.post(editor_url(issue), form_data(issue, stored_rows(issue)))
    assert response.status_code in (403, 404)


def test_a_reader_of_editions_sees_the_areas_but_may_not_save(client, page):
    issue, first, *_ = page
    user = UserFactory(username="viewer", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_issue", "view_article"])
    )
    client.force_login(user)
    response = client.get(editor_url(issue))
    assert response.status_code == 200
    assert not response.context["may_change"]
    rows = stored_rows(issue)
    rows[0]["left"] = 10
    response = client.post(editor_url(issue), form_data(issue, rows))
    assert response.status_code == 403
    assert first.page_areas.get().left == 0


def test_an_editor_sees_the_page_its_areas_and_what_is_missing(editor_client, page):
    issue, first, second, third = page
    response = editor_client.get(editor_url(issue))
    assert response.status_code == 200
    assert response.context["without_area"] == [third]
    assert response.context["overlaps"] == []
    assert response.context["may_change"]
    # Without JavaScript, the numbers are the form: blank rows to add areas with.
    content = response.content.decode()
    assert content.count('data-edge="left"') == 2 + 2 + 1  # 2 areas, 2 blank rows, 1 template
    assert 'value="50"' in content and 'value="50.0"' not in content  # as people write it
    # The edition's form links here.
    change = editor_client.get(reverse("admin:articles_issue_change", args=[issue.pk]))
    assert editor_url(issue) in change.content.decode()
    # So does the form of each of its articles.
    change = editor_client.get(reverse("admin:articles_article_change", args=[first.pk]))
    assert editor_url(issue) in change.content.decode()


def test_the_editor_reads_a_fixed_number_of_queries(editor_client, page, django_assert_num_queries):
    """Session, user, permissions, the edition, its articles, their areas: however many."""
    issue = page[0]
    with django_assert_num_queries(10):
        editor_client.get(editor_url(issue))
    for n in range(6):
        PageAreaFactory(article=ArticleFactory(issue=issue, position=10 + n))
    with django_assert_num_queries(10):
        editor_client.get(editor_url(issue))


# --- saving -------------------------------------------------------------------------------------


def test_a_save_makes_one_version_per_changed_article(editor, editor_client, page):
    issue, first, second, third = page
    rows = stored_rows(issue)
    rows[0].update(left=5, width=40)  # the first article's area moved
    rows.append({"article": third.pk, "left": 0, "top": 60, "width": 100, "height": 40})
    before = {a.pk: Version.objects.get_for_object(a).count() for a in (first, second, third)}
    generation = content_generation()
    response = editor_client.post(editor_url(issue), form_data(issue, rows))
    assert response.status_code == 302
    assert first.page_areas.get().left == 5
    assert third.page_areas.get().height == 40
    after = {a.pk: Version.objects.get_for_object(a).count() for a in (first, second, third)}
    assert after == {
        first.pk: before[first.pk] + 1,
        second.pk: before[second.pk],
        third.pk: before[third.pk] + 1,
    }
    version = Version.objects.get_for_object(third).first()
    assert version.revision.user == editor
    assert "区域" in version.revision.comment or "area" in version.revision.comment
    assert (
        version.revision.comment != Version.objects.get_for_object(first).first().revision.comment
    )
    first.refresh_from_db()
    assert first.updated_by == editor
    assert content_generation() != generation  # readers see the new areas


def test_deleting_and_giving_an_area_to_another_article(editor_client, page):
    issue, first, second, third = page
    rows = stored_rows(issue)
    rows[0]["DELETE"] = True
    rows[1]["article"] = third.pk
    response = editor_client.post(editor_url(issue), form_data(issue, rows))
    assert response.status_code == 302
    assert not first.page_areas.exists() and not second.page_areas.exists()
    assert third.page_areas.get().left == 50
    for article in (first, second, third):
        assert Version.objects.get_for_object(article).exists()


def test_an_area_off_the_page_is_refused_and_nothing_is_written(editor_client, page):
    issue, first, second, third = page
    rows = stored_rows(issue)
    rows[0]["left"] = 10  # valid, but the save fails as a whole
    rows.append({"article": third.pk, "left": 90, "top": 0, "width": 50, "height": 10})
    response = editor_client.post(editor_url(issue), form_data(issue, rows))
    assert response.status_code == 200
    assert "140" in response.content.decode()
    assert first.page_areas.get().left == 0
    assert not third.page_areas.exists()


def test_an_article_or_area_of_another_page_cannot_be_forged_in(editor_client, page):
    issue = page[0]
    elsewhere = PageAreaFactory()
    rows = stored_rows(issue)
    rows.append({"article": elsewhere.article_id, "left": 0, "top": 60, "width": 10, "height": 10})
    response = editor_client.post(editor_url(issue), form_data(issue, rows))
    assert response.status_code == 200 and response.context["formset"].total_error_count()
    assert elsewhere.article.page_areas.count() == 1
    rows = [*stored_rows(issue)[:1], {**stored_rows(issue)[1], "id": elsewhere.pk}]
    rows[1]["left"] = 0
    editor_client.post(editor_url(issue), form_data(issue, rows))  # the row is not this page's
    elsewhere.refresh_from_db()
    assert elsewhere.left == 5.5 and elsewhere.article.issue_id != issue.pk


def test_overlaps_are_a_warning_not_an_error(editor_client, page):
    issue, first, second, third = page
    rows = stored_rows(issue)
    rows.append({"article": third.pk, "left": 40, "top": 40, "width": 20, "height": 20})
    assert editor_client.post(editor_url(issue), form_data(issue, rows)).status_code == 302
    response = editor_client.get(editor_url(issue))
    pairs = {(a.pk, b.pk) for a, b in response.context["overlaps"]}
    assert pairs == {(first.pk, third.pk), (second.pk, third.pk)}
    # Touching edges (the first two areas meet at 50 %) is not an overlap.
    assert (first.pk, second.pk) not in pairs


# --- two editors ------------------------------------------------------------------------------


def test_a_second_editor_who_changed_the_same_articles_areas_is_stopped(client, editor, page):
    issue, first, second, third = page
    other = UserFactory(username="other", is_staff=True, first_name="", last_name="")
    other.groups.add(Group.objects.get(name="Editors"))
    opened = form_data(issue, stored_rows(issue))  # both open the editor
    # The other editor moves the first article's area and saves.
    client.force_login(other)
    theirs = stored_rows(issue)
    theirs[0]["top"] = 20
    theirs[0]["height"] = 30
    assert client.post(editor_url(issue), form_data(issue, theirs)).status_code == 302
    # This editor, from the page as opened, changes the same area.
    client.force_login(editor)
    mine = dict(opened)
    mine["areas-0-left"] = 10
    mine["areas-0-width"] = 40
    response = client.post(editor_url(issue), mine)
    assert response.status_code == 200
    conflicts = response.context["conflicts"]
    assert [c["article"] for c in conflicts] == [first]
    assert "Someone else" in response.content.decode() or "其他人" in response.content.decode()
    area = first.page_areas.get()
    assert (area.left, area.top) == (0, 20)  # theirs, untouched
    # Saving over theirs, having seen it, is allowed.
    mine["_overwrite"] = response.context["overwrite"]
    assert client.post(editor_url(issue), mine).status_code == 302
    area.refresh_from_db()
    assert (area.left, area.width) == (10, 40)


def test_an_edit_of_another_article_or_of_the_text_is_no_conflict(editor_client, page):
    issue, first, second, third = page
    opened = form_data(issue, stored_rows(issue))
    # Someone edits the first article's text meanwhile (its edit number moves).
    first.headline = "第一篇（改）"
    first.save()
    # And moves the second article's area.
    area = second.page_areas.get()
    area.top = 10
    area.height = 40
    area.save()
    mine = dict(opened)
    mine["areas-0-left"] = 10
    mine["areas-0-width"] = 40
    response = editor_client.post(editor_url(issue), mine)
    assert response.status_code == 302
    assert first.page_areas.get().left == 10
    area.refresh_from_db()
    assert area.top == 10  # their change of the other article is kept


def test_a_post_without_marks_falls_back_on_the_edit_number(editor_client, page):
    issue, first, *_ = page
    data = form_data(issue, stored_rows(issue))
    data = {k: v for k, v in data.items() if not k.startswith("mark-")}
    first.save()  # its edit number moves
    data["areas-0-left"] = 10
    data["areas-0-width"] = 40
    response = editor_client.post(editor_url(issue), data)
    assert response.status_code == 200 and response.context["conflicts"]
    assert first.page_areas.get().left == 0


def test_an_area_deleted_meanwhile_stays_deleted_unless_this_editor_changed_it(editor_client, page):
    issue, first, second, third = page
    opened = form_data(issue, stored_rows(issue))
    first.page_areas.get().delete()  # someone else removes the first article's area
    mine = dict(opened)
    mine["areas-1-top"] = 10  # this editor changes only the second article's
    mine["areas-1-height"] = 40
    response = editor_client.post(editor_url(issue), mine)
    assert response.status_code == 302
    assert not first.page_areas.exists()
    assert second.page_areas.get().top == 10
    # Changing the deleted area itself meets the conflict; saving over it brings it back.
    opened = form_data(issue, stored_rows(issue))
    second.page_areas.get().delete()
    mine = dict(opened)
    mine["areas-0-left"] = 20
    mine["areas-0-width"] = 30
    response = editor_client.post(editor_url(issue), mine)
    assert response.status_code == 200
    assert [c["article"] for c in response.context["conflicts"]] == [second]
    mine["_overwrite"] = response.context["overwrite"]
    assert editor_client.post(editor_url(issue), mine).status_code == 302
    assert second.page_areas.get().left == 20


def test_the_migration_clamps_the_areas_saved_versions_too():
    import json

    import reversion
    from django.apps import apps

    migration = importlib.import_module("articles.migrations.0006_pagearea_within_page")
    area = PageAreaFactory()
    with reversion.create_revision():
        area.save()
    version = Version.objects.get_for_object(area).get()
    data = json.loads(version.serialized_data)
    data[0]["fields"].update(left=90.0, width=50.0)  # as an editor could type it before
    version.serialized_data = json.dumps(data)
    version.save()
    migration.clamp_kept_versions(apps, None)
    version.refresh_from_db()
    assert (version.field_dict["left"], version.field_dict["width"]) == (90.0, 10.0)
