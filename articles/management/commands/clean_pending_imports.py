"""Delete page PDFs kept for an import's preview that were never confirmed (older than a day)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.importing.pdf import pending


class Command(BaseCommand):
    help = gettext_lazy(
        "Delete the page PDFs kept between an import's preview and its confirmation once they "
        "are older than a day."
    )

    def handle(self, *args, **options):
        removed = pending.clean()
        self.stdout.write(_("Deleted %(n)d pending import files.") % {"n": removed})
