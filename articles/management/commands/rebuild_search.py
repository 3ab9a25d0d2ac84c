"""
Rebuild the search documents of the articles: after an upgrade that brings search, after a bulk
load that bypassed the model (bulk_create sends no signals), or after many courts were added or
renamed (their names are words of the segmentation dictionary).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from articles.models import Article
from articles.search.index import BATCH_SIZE, index_articles


class Command(BaseCommand):
    help = gettext_lazy(
        "Rebuild the search words of every article (with --missing, only of the articles that "
        "have none yet)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing",
            action="store_true",
            help=gettext_lazy("Only the articles that have no search words yet."),
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=gettext_lazy("Articles per transaction (default %(default)s)."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Say how many articles would be indexed; change nothing."),
        )

    def handle(self, *args, **options):
        if options["batch_size"] < 1:
            raise CommandError(_("--batch-size must be at least 1."))
        articles = Article.objects.order_by("pk")
        if options["missing"]:
            articles = articles.filter(search_document__isnull=True)
        ids = list(articles.values_list("pk", flat=True))
        if options["dry_run"]:
            self.stdout.write(
                _("Would rebuild the search words of %(count)d articles (of %(total)d).")
                % {"count": len(ids), "total": Article.objects.count()}
            )
            return
        started = time.monotonic()
        size = options["batch_size"]
        with tqdm(
            total=len(ids),
            unit=" articles",
            desc=str(_("Indexing")),
            disable=options["verbosity"] < 1,
            file=getattr(self.stderr, "_out", self.stderr),  # tqdm writes \r, not lines
        ) as progress:
            # One transaction per batch: an interrupted run keeps what it did, and --missing
            # goes on from there.
            for start in range(0, len(ids), size):
                batch = ids[start : start + size]
                with transaction.atomic():
                    index_articles(batch, batch_size=size)
                progress.update(len(batch))
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Rebuilt the search words of %(count)d articles in %(seconds).1f s.")
                    % {"count": len(ids), "seconds": time.monotonic() - started}
                )
            )
