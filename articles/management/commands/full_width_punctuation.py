"""
Make the half-width punctuation next to Chinese text full-width in what is already stored: the
text of editions, articles and photo captions imported before the import did it itself (see
articles/importing/punctuation.py). Run once after the upgrade; running it again changes nothing.

Each object changed is saved with a version of its own (so an editor can compare and restore it),
and an article's search document is rebuilt by its save.
"""

import reversion
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from articles.importing.punctuation import full_width
from articles.models import Article, Issue, Photo

FIELDS = {
    Issue: ("title", "quote", "quote_attribution", "banner"),
    Article: (
        "kicker",
        "headline",
        "subtitle",
        "byline",
        "dateline",
        "summary",
        "body",
        "end_credit",
    ),
    Photo: ("caption",),
}


def changes(obj, fields):
    """``{field: new value}`` for the fields of ``obj`` whose punctuation changes."""
    found = {}
    for name in fields:
        before = getattr(obj, name)
        after = full_width(before)
        if after != before:
            found[name] = after
    return found


class Command(BaseCommand):
    help = gettext_lazy(
        "Make half-width punctuation next to Chinese characters full-width in the stored "
        "editions, articles and captions, with a version of each change."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Say how many would change; change nothing."),
        )

    def handle(self, *args, **options):
        comment = _("Punctuation made full-width next to Chinese text")
        total = 0
        for model, fields in FIELDS.items():
            rows = model.objects.order_by("pk").only("pk", *fields)
            changed = 0
            for obj in tqdm(rows.iterator(chunk_size=500), disable=options["verbosity"] < 2):
                found = changes(obj, fields)
                if not found:
                    continue
                changed += 1
                if options["dry_run"]:
                    continue
                with transaction.atomic(), reversion.create_revision():
                    # The whole object, so that its version holds every field.
                    obj = model.objects.select_for_update().get(pk=obj.pk)
                    for name, value in changes(obj, fields).items():
                        setattr(obj, name, value)
                    obj.save()
                    if model is Photo:  # a photo's versions are its article's
                        reversion.add_to_revision(obj.article)
                    reversion.set_comment(comment)
            total += changed
            if options["verbosity"]:
                self.stdout.write(
                    _("%(model)s: %(count)d changed")
                    % {"model": model._meta.verbose_name_plural, "count": changed}
                )
        if options["dry_run"] and options["verbosity"]:
            self.stdout.write(_("Dry run: nothing was written."))
