"""
Check every published piece for personal information, so that an office can clean its archive:
a line per finding (the article's address, severity, kind, field and what was found), a progress
bar on the terminal, and exit status 1 while a must-fix finding (not dismissed, not overridden)
remains.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Prefetch
from django.utils.translation import gettext
from tqdm import tqdm

from articles.models import Article, Credit, Photo

from ... import service
from ...models import Dismissal, Override


class Command(BaseCommand):
    help = (
        "Check every published article for personal information; exit 1 while must-fix ones remain."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Every article, not only the published ones."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        articles = Article.objects.all() if options["all"] else Article.objects.published()
        articles = articles.order_by("pk").prefetch_related(
            Prefetch("photos", queryset=Photo.objects.only("pk", "caption", "article_id")),
            Prefetch("credits", queryset=Credit.objects.select_related("contributor")),
        )
        total = articles.count()
        dismissed, covered = {}, {}
        for article_id, key in Dismissal.objects.values_list("article_id", "key"):
            dismissed.setdefault(article_id, set()).add(key)
        for article_id, keys in Override.objects.values_list("article_id", "keys"):
            covered.setdefault(article_id, set()).update(keys)
        bar = tqdm(
            articles.iterator(chunk_size=200),
            total=total,
            unit="篇",
            disable=options["no_progress"],
            file=self.stderr._out,
        )
        must_fix = look_again = 0
        overridden = gettext("overridden")
        for article in bar:
            photos = [(photo.pk, photo.caption) for photo in article.photos.all()]
            names = [credit.contributor.name for credit in article.credits.all()]
            for finding in service.findings(article, photos=photos, names=names):
                if finding.key in dismissed.get(article.pk, ()):
                    continue
                settled = finding.key in covered.get(article.pk, ())
                if finding.must_fix and not settled:
                    must_fix += 1
                elif not finding.must_fix:
                    look_again += 1
                line = "\t".join(
                    [
                        article.get_absolute_url(),
                        str(service.SEVERITY_LABELS[finding.severity])
                        + (f" ({overridden})" if settled else ""),
                        finding.kind,
                        str(service.KIND_LABELS[finding.kind]),
                        service.field_label(finding.field),
                        finding.text,
                    ]
                )
                bar.write(line, file=self.stdout._out)
        self.stdout.write(
            f"{total} articles checked: {must_fix} must fix, {look_again} to look at again."
        )
        if must_fix:
            raise CommandError("Must-fix findings remain.", returncode=1)
