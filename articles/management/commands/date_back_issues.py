"""Date the back issues published before printed pages were dated by their edition (see
articles/dating.py). Run once by a migration; safe to run again (it finds nothing)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.dating import date_back_issues


class Command(BaseCommand):
    help = gettext_lazy(
        "Date published editions and their articles that went online after their print date "
        "by the edition's date at 06:00, with a version for each change."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Say how many would be dated; change nothing."),
        )

    def handle(self, *args, **options):
        count = date_back_issues(dry_run=options["dry_run"])
        if options["verbosity"]:
            message = (
                _("%(count)d editions and articles would be dated.")
                if options["dry_run"]
                else _("%(count)d editions and articles dated by their print date.")
            )
            self.stdout.write(message % {"count": count})
