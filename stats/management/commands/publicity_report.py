"""The monthly report: the per-court (or per-person) table of a period, as CSV or a workbook."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from stats.counting import Report
from stats.tables import as_csv, as_xlsx, court_table, person_table
from stats.views import title_of


def a_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {text}") from error


class Command(BaseCommand):
    help = "Print the publicity statistics of a period as CSV (per court, or --by person)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
        parser.add_argument("--by", choices=["court", "person"], default="court")
        parser.add_argument("--xlsx", metavar="FILE", help="also write the workbook to FILE")

    def handle(self, *args, **options):
        start, end = a_date(options["start"]), a_date(options["end"])
        if end < start:
            raise CommandError("--to comes before --from.")
        report = Report(start, end)
        table = person_table if options["by"] == "person" else court_table
        if options["xlsx"]:
            with open(options["xlsx"], "wb") as out:
                out.write(as_xlsx(report, title_of(start, end, None)))
            self.stderr.write(f"Wrote {options['xlsx']}")
        self.stdout.write(as_csv(*table(report)).lstrip("\ufeff"), ending="")
