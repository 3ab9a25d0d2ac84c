"""Time and peak memory of importing one page PDF (read, lay out, parse, render, write), rolled
back at the end: python manage.py benchmark_pdf_import PAGE.pdf."""

import resource
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.importing.pdf.loader import import_pdf
from articles.importing.text import PageError

GOAL_SECONDS = 10
GOAL_MB = 500


class Command(BaseCommand):
    help = gettext_lazy(
        "Measure the time and peak memory of importing one page PDF (nothing is kept): the "
        "goal is under 10 seconds and 500 MB."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help=_("a page PDF"))
        parser.add_argument("--repeat", type=int, default=3, help=_("how many runs"))

    def handle(self, *args, file, repeat, **options):
        data = Path(file).read_bytes()
        times = []
        for _run in range(max(1, repeat) + 1):  # the first run loads dictionaries and fonts
            start = time.perf_counter()
            try:
                results = import_pdf(data, source=file, dry_run=True)
            except PageError as error:
                raise CommandError(f"{file}: {error}") from None
            times.append(time.perf_counter() - start)
        first, times = times[0], times[1:]
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
        best, worst = min(times), max(times)
        articles = sum(len(result.report.articles) for result in results)
        self.stdout.write(
            _(
                "%(file)s: %(pages)d page(s), %(articles)d articles; first run %(first).2f s; "
                "then best %(best).2f s, worst %(worst).2f s (%(ratio).0f%% of the %(goal)d s "
                "goal); peak memory %(rss).0f MB resident (%(mratio).0f%% of the %(mgoal)d MB "
                "goal)."
            )
            % {
                "file": file,
                "pages": len(results),
                "articles": articles,
                "best": best,
                "worst": worst,
                "ratio": worst / GOAL_SECONDS * 100,
                "goal": GOAL_SECONDS,
                "rss": rss,
                "first": first,
                "mratio": rss / GOAL_MB * 100,
                "mgoal": GOAL_MB,
            }
        )
