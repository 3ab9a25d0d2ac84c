"""The statistics page, its exports and the monthly command, on the issue's worked example."""

import csv
import io

import openpyxl
from django.core.management import call_command
from django.urls import reverse

from .conftest import EXPECTED_CITIES, EXPECTED_COURTS, EXPECTED_PEOPLE

URL = reverse("stats:statistics")
YEAR_2026 = {"period": "year", "year": "2026"}


def table_numbers(rows, name_column=1):
    """{name: (published, points)} from table rows (lists of cells, header first)."""
    header, *body = rows
    pieces, points = header.index("pieces published"), header.index("points")
    return {row[name_column]: (int(row[pieces]), int(row[points])) for row in body}


def city_and_courts(rows):
    header, *body = rows
    cities = {row[0]: row for row in body if row[1] == "total"}
    courts = [header, *(row for row in body if row[1] != "total")]
    cities = table_numbers([header, *[[name, *row[1:]] for name, row in cities.items()]], 0)
    return cities, table_numbers(courts)


def test_the_worked_example_through_the_page(example, editor_client):
    response = editor_client.get(URL, YEAR_2026)
    assert response.status_code == 200
    header, rows = response.context["courts"]
    cities, courts = city_and_courts([header, *(cells for _kind, cells in rows)])
    assert cities == EXPECTED_CITIES
    assert courts == EXPECTED_COURTS
    header, rows = response.context["people"]
    assert table_numbers([header, *(cells for _kind, cells in rows)], 0) == EXPECTED_PEOPLE
    page = response.content.decode()
    assert "<svg" in page and "鄂托克前旗法院" in page


def test_the_worked_example_in_the_workbook(example, editor_client):
    response = editor_client.get(URL, {**YEAR_2026, "export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    courts_sheet, people_sheet = workbook.worksheets
    rows = [
        [str(c) if c is not None else "" for c in row]
        for row in courts_sheet.iter_rows(min_row=2, values_only=True)
    ]
    cities, courts = city_and_courts(rows)
    assert cities == EXPECTED_CITIES and courts == EXPECTED_COURTS
    rows = [[str(c) for c in row] for row in people_sheet.iter_rows(min_row=2, values_only=True)]
    assert table_numbers(rows, 0) == EXPECTED_PEOPLE


def test_the_csv_holds_the_numbers_shown(example, editor_client):
    shown = editor_client.get(URL, YEAR_2026).context["courts"]
    response = editor_client.get(URL, {**YEAR_2026, "export": "csv", "table": "courts"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [shown[0], *([str(c) for c in cells] for _kind, cells in shown[1])]


def test_the_worked_example_through_the_command(example, tmp_path):
    out = io.StringIO()
    call_command("publicity_report", "--from", "2026-01-01", "--to", "2026-12-31", stdout=out)
    cities, courts = city_and_courts(list(csv.reader(io.StringIO(out.getvalue()))))
    assert cities == EXPECTED_CITIES and courts == EXPECTED_COURTS
    out = io.StringIO()
    path = tmp_path / "report.xlsx"
    call_command(
        "publicity_report",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--by",
        "person",
        "--xlsx",
        str(path),
        stdout=out,
        stderr=io.StringIO(),
    )
    assert table_numbers(list(csv.reader(io.StringIO(out.getvalue()))), 0) == EXPECTED_PEOPLE
    sheet = openpyxl.load_workbook(path).worksheets[1]
    rows = [[str(c) for c in row] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert table_numbers(rows, 0) == EXPECTED_PEOPLE


def test_a_city_reviewer_sees_only_their_city(example, ordos_reviewer, client):
    client.force_login(ordos_reviewer)
    response = client.get(URL, YEAR_2026)
    assert response.status_code == 200
    page = response.content.decode()
    assert "鄂托克前旗法院" in page and "固阳县法院" not in page and "郝建军" not in page
    xlsx = client.get(URL, {**YEAR_2026, "export": "xlsx"}).content
    cells = {
        c
        for sheet in openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets
        for row in sheet.iter_rows(values_only=True)
        for c in row
    }
    assert "固阳县法院" not in cells and "郝建军" not in cells


def test_others_may_not_see_it(example, client, correspondent, administrator):
    for user in (correspondent, administrator):
        client.force_login(user)
        assert client.get(URL, YEAR_2026).status_code == 403
        assert client.get(URL, {**YEAR_2026, "export": "csv"}).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302


def test_the_page_takes_the_same_queries_for_a_month_and_a_year(example, editor_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for params in (
        {"period": "month", "year": "2026", "month": "3"},
        YEAR_2026,
        {"period": "range", "start": "2000-01-01", "end": "2030-12-31"},
    ):
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(URL, params).status_code == 200
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts


def test_the_desk_links_to_what_each_may_open(
    example, client, editor, administrator, correspondent, ordos_reviewer
):
    statistics, roster = reverse("stats:statistics"), reverse("stats:roster")
    for user, sees_statistics, sees_roster in [
        (editor, True, False),
        (ordos_reviewer, True, False),
        (administrator, False, True),
        (correspondent, False, False),
    ]:
        client.force_login(user)
        page = client.get(reverse("admin:index")).content.decode()
        assert (f'href="{statistics}"' in page) == sees_statistics, user
        assert (f'href="{roster}"' in page) == sees_roster, user


def test_steps_count_for_the_person_who_submitted(example, editor, correspondent):
    import datetime

    from articles import workflow
    from articles.models import Contributor, Status
    from stats.counting import Report
    from tests.factories import ArticleFactory

    Contributor.objects.filter(user=correspondent).update(court=example["guyang"])
    article = ArticleFactory(issue=None, status=Status.DRAFT, publish_at=None)
    article.created_by = correspondent
    article.save()
    workflow.apply(correspondent, article, "submit")
    workflow.apply(editor, article, "send_back", note="请补充时间")
    today = datetime.date.today()
    people = {row.name: row for row in Report(today, today).people}
    assert (people["张树清"].submitted, people["张树清"].sent_back, people["张树清"].pieces) == (
        1,
        1,
        0,
    )
    assert people["张树清"].court == "固阳县法院"


def test_the_command_refuses_a_bad_period(db):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Not a date"):
        call_command("publicity_report", "--from", "2026-13-01", "--to", "2026-12-31")
    with pytest.raises(CommandError, match="before"):
        call_command("publicity_report", "--from", "2026-12-31", "--to", "2026-01-01")


def test_a_range_backwards_says_so(example, editor_client):
    response = editor_client.get(
        URL, {"period": "range", "start": "2026-12-31", "end": "2026-01-01"}
    )
    assert response.context["form"].non_field_errors() == ["The last day comes before the first."]


def test_a_name_is_never_a_formula(example, editor_client):
    example["wurina"].name = "=HYPERLINK(1)"
    example["wurina"].save()
    xlsx = editor_client.get(URL, {**YEAR_2026, "export": "xlsx"}).content
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[1]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "=HYPERLINK(1)")
    assert cell.data_type == "s"
    text = editor_client.get(URL, {**YEAR_2026, "export": "csv", "table": "people"}).content
    assert "'=HYPERLINK(1)" in text.decode("utf-8-sig")
