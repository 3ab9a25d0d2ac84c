"""Import printed pages from their text files: python manage.py import_pages FILE [FILE ...]."""

import argparse
import datetime
from contextlib import nullcontext
from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from tqdm import tqdm

from articles.importing.loader import import_page
from articles.importing.pdf.loader import import_pdf, is_pdf
from articles.importing.text import PageError
from articles.uploads import named_as_pdf, not_a_pdf
from newsroom.statistics import analyze


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("a date is written YYYY-MM-DD, not “%(value)s”") % {"value": value}
        ) from None


def page_number(value):
    if not value.isdigit() or not 1 <= int(value) <= 999:
        raise argparse.ArgumentTypeError(
            _("a page number is from 1 to 999, not “%(value)s”") % {"value": value}
        )
    return int(value)


class Command(BaseCommand):
    help = gettext_lazy(
        "Import printed pages of the Court Special Edition from their text (UTF-8, with or "
        "without Markdown marks) or their PDF into editions with structured articles, as drafts. "
        "A PDF also gives the edition its page image, its page PDF and each article's area on "
        "the page; a PDF of several pages makes one edition per page, each page naming its 版. "
        "The edition's date and page number come from the text (e.g. “2025年06月27日 05版”) or "
        "from --date and --page, which win over the text. Importing a page that is already "
        "there (same date and page number) updates it: each article is matched by its "
        "headline, or else by its position on the page; its text and photo captions are "
        "replaced; the courts and credits the text names are added, and those it does not name "
        "(an editor's additions) are kept and listed, as are uploaded photos; articles the text "
        "no longer has are left alone and reported; statuses are kept. Each file is written in one "
        "transaction; a bad file is reported and the others go on. Unknown basic courts and "
        "contributors are created and flagged for review."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="+", metavar="FILE", help=_("page text files or page PDFs")
        )
        parser.add_argument(
            "--date",
            type=iso_date,
            help=_("the edition's date, YYYY-MM-DD, when the text does not say it"),
        )
        parser.add_argument(
            "--page",
            type=page_number,
            help=_("the page number (版), when the text does not say it"),
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help=_(
                "publish the editions and their articles at once, dated 06:00 on the edition's "
                "date (for loading back issues)"
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("read and check everything, write nothing"),
        )

    def handle(self, *args, files, date, page, publish, dry_run, verbosity, **options):
        try:  # call_command() passes keyword options through unparsed
            date = iso_date(date) if isinstance(date, str) else date
            page = page_number(str(page)) if page is not None else None
        except argparse.ArgumentTypeError as error:
            raise CommandError(str(error)) from None
        reports, failures, editions = [], [], {}
        show_bar = verbosity > 0 and len(files) > 1
        # A dry run undoes everything at the end; otherwise each file commits on its own.
        with transaction.atomic() if dry_run else nullcontext():
            for name in tqdm(files, disable=not show_bar, file=self.stderr._out, unit=_("page")):
                try:
                    found = self.import_one(name, date, page, publish, dry_run, editions)
                except (PageError, OSError, DatabaseError) as error:
                    failures.append((name, error))
                else:
                    for report in found:
                        reports.append(report)
                        editions[(report.date, report.page_number)] = name
            if dry_run:
                transaction.set_rollback(True)
        if len(reports) > 1 and not dry_run:
            # A batch is a bulk load: PostgreSQL's planner needs statistics of the new rows
            # (autovacuum may be off or late).
            analyze(
                model
                for label in ("courts", "articles")
                for model in apps.get_app_config(label).get_models(include_auto_created=True)
            )
        if verbosity > 0:
            self.summarise(reports, failures, dry_run, verbosity)
        if failures:
            raise CommandError(
                ngettext(
                    "%(failed)d of %(total)d file failed.",
                    "%(failed)d of %(total)d files failed.",
                    len(files),
                )
                % {"failed": len(failures), "total": len(files)}
            )

    def import_one(self, name, date, page, publish, dry_run, editions):
        """The file's page (a text) or pages (a PDF), in one transaction."""
        content = Path(name).read_bytes()
        options = {"source": name, "date": date, "page_number": page, "publish": publish}
        with transaction.atomic():
            if is_pdf(content):
                results = import_pdf(content, render=not dry_run, **options)
                reports = [result.report for result in results]
                for result in results:
                    result.report.areas = result.areas
            elif named_as_pdf(name):
                # Named as a PDF, but not one: never read as a page's text.
                raise PageError(not_a_pdf(name).messages[0])
            else:
                reports = [import_page(content, **options)]
            for report in reports:
                earlier = editions.get((report.date, report.page_number))
                if earlier:
                    raise PageError(
                        _(
                            "%(page)s is the same edition as %(file)s in this batch; not "
                            "imported twice."
                        )
                        % {"page": _edition(report), "file": earlier}
                    )
        return reports

    def summarise(self, reports, failures, dry_run, verbosity):
        write, style = self.stdout.write, self.style
        if dry_run:
            write(style.WARNING(_("Dry run: nothing was written.")))
        for report in reports:
            state = _("new") if report.created else pgettext("import", "updated")
            write(
                f"{report.source}: {_edition(report)} ({state}, {report.status}): "
                + ngettext("%(n)d article", "%(n)d articles", len(report.articles))
                % {"n": len(report.articles)}
            )
            if verbosity > 1:
                for article in report.articles:
                    write(f"  {article.position}. {article.headline}")
            for placed in getattr(report, "areas", []):
                if placed.kept:
                    write(
                        "  "
                        + _(
                            "%(position)d. %(headline)s: its areas were changed by hand and "
                            "were kept: %(areas)s"
                        )
                        % {
                            "position": placed.position,
                            "headline": placed.headline,
                            "areas": "; ".join(_area(area) for area in placed.areas),
                        }
                    )
        created = sum(1 for r in reports if r.created)
        articles_new = sum(r.articles_created for r in reports)
        articles_updated = sum(r.articles_updated for r in reports)
        new_courts = [court for r in reports for court in r.new_courts]
        new_people = [person for r in reports for person in r.new_contributors]
        write("")
        write(
            style.SUCCESS(
                _(
                    "Editions: %(editions)d (%(created)d new, %(updated)d updated). "
                    "Articles: %(articles)d (%(articles_new)d new, %(articles_updated)d updated)."
                )
                % {
                    "editions": len(reports),
                    "created": created,
                    "updated": len(reports) - created,
                    "articles": articles_new + articles_updated,
                    "articles_new": articles_new,
                    "articles_updated": articles_updated,
                }
            )
        )
        if new_courts:
            write(_("New courts, to be checked (%(n)d):") % {"n": len(new_courts)})
            for name, city in new_courts:
                write(f"  {name} ← {city}")
        if new_people:
            write(_("New contributors, to be checked (%(n)d):") % {"n": len(new_people)})
            write("  " + "、".join(f"{name} ({kind})" for name, kind in new_people))
        for title, attribute in (
            (_("Kept from before, not in the text (%(n)d):"), "kept"),
            (_("Removed, not in the text (%(n)d):"), "removed"),
        ):
            lines = [(r.source, a, line) for r in reports for a, line in getattr(r, attribute)]
            if lines:
                write(title % {"n": len(lines)})
                for source, article, line in lines:
                    write(f"  {source}: {article.position}. {article.headline}: {line}")
        notes = [(r.source, note) for r in reports for note in r.notes]
        if notes:
            write(style.WARNING(_("For an editor's eye (%(n)d):") % {"n": len(notes)}))
            for source, note in notes:
                write(f"  {source}: {note}")
        if failures:
            write(
                style.ERROR(_("Failed (%(n)d), nothing written for them:") % {"n": len(failures)})
            )
            for name, error in failures:
                write(style.ERROR(f"  {name}: {_reason(error)}"))


def _edition(report):
    return _("%(date)s page %(page)02d") % {"date": report.date, "page": report.page_number}


def _area(area):
    return f"{area.left:.1f},{area.top:.1f} {area.width:.1f}×{area.height:.1f}%"


def _reason(error):
    if isinstance(error, OSError):
        return _("cannot be read (%(reason)s)") % {"reason": error.strerror or error}
    return str(error)
