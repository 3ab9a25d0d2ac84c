"""The tables the statistics page shows, and exports exactly as shown (XLSX, CSV)."""

import csv
import io

from django.utils.translation import gettext_lazy as _

NUMBERS = [
    ("submitted", _("pieces submitted")),
    ("sent_back", _("pieces sent back")),
    ("forwarded", _("pieces forwarded")),
    ("pieces", _("pieces published")),
    ("printed", _("printed")),
    ("led", _("of which lead stories")),
    ("web", _("web only")),
    ("photos", _("photos")),
    ("points", _("points")),
    ("rank", _("rank")),
]


def number(value):
    """Points print as whole numbers when they are (20, not 20.0)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def court_table(report):
    """Per city with its courts: the city's total (a piece once), then each court."""
    header = [str(_("city")), str(_("court")), *(str(label) for _key, label in NUMBERS)]
    rows = []
    for city in report.cities:
        rows.append(("city", [city.name, str(_("total")), *values(city)]))
        for court in city.courts:
            rows.append(("court", [city.name, court.name, *values(court)]))
    return header, rows


def person_table(report):
    header = [str(_("full name")), str(_("court")), *(str(label) for _key, label in NUMBERS)]
    rows = [("person", [person.name, person.court, *values(person)]) for person in report.people]
    return header, rows


TABLES = {"courts": court_table, "people": person_table}


def values(row):
    return [number(getattr(row, key)) for key, _label in NUMBERS]


FORMULA_STARTS = ("=", "+", "-", "@")


def as_text(cell):
    """A name a spreadsheet program must not take for a formula ('=1+1' stays text)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def as_csv(header, rows):
    """CSV text (with a BOM, so that Chinese spreadsheet programs read it as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([as_text(cell) for cell in cells] for _kind, cells in rows)
    return "\ufeff" + out.getvalue()


def as_xlsx(report, title):
    """A workbook with the courts' and the people's tables, as bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheets = [(str(_("courts")), court_table(report)), (str(_("people")), person_table(report))]
    for index, (name, (header, rows)) in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = name
        sheet.append([title])
        sheet.append(header)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for kind, cells in rows:
            sheet.append(cells)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # a name is text, never a formula
            if kind == "city":
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
        sheet.freeze_panes = "C3"
        sheet.column_dimensions["A"].width = 14
        sheet.column_dimensions["B"].width = 20
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
