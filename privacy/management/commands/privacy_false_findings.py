"""Findings per 100 pieces on content known to be clean: the database's articles (run it after
``generate_demo``) and the sample pages. Every finding listed is a false one."""

from django.core.management.base import BaseCommand

from articles.models import Article

from ... import measure


class Command(BaseCommand):
    help = (
        "False personal-information findings per 100 pieces on the demo content and sample pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", help="A folder of sample page texts (*.txt).")
        parser.add_argument("--no-database", action="store_true", help="Only the sample pages.")

    def handle(self, *args, **options):
        tallies = []
        if not options["no_database"]:
            tallies.append(("database", measure.database(measure.Tally(), Article.objects.all())))
        if options["pages"]:
            tallies.append(("pages", measure.sample_pages(measure.Tally(), options["pages"])))
        for label, tally in tallies:
            for where, finding in tally.findings:
                self.stdout.write(
                    f"{label}\t{where}\t{finding.kind}\t{finding.text}\t{finding.context}"
                )
            self.stdout.write(
                f"{label}: {tally.pieces} pieces, {len(tally.findings)} findings, "
                f"{tally.per_hundred:.2f} per 100 pieces"
            )
