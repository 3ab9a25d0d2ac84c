"""
Importing a page PDF: each page of it → an edition, exactly as the text import writes one, plus
the page image rendered from the PDF, the PDF itself, and each article's area on the page.

The page's text is read with positions (``layout``) and written as the text import's marked text,
which ``parser`` reads: courts, contributors, credits and re-import behave as for text. Areas:
an article's areas an editor has not changed since the last import follow the new PDF; areas
changed or drawn by hand are kept, and the report lists them.

Everything is written in one transaction; files stored before a failure are deleted again, and
the files an update replaces are deleted only once the transaction has committed.
"""

import uuid
from dataclasses import dataclass, field

import reversion
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from ...models import Issue, PageArea
from .. import text as t
from ..loader import PageLoader, PageReport
from ..page import Note
from ..parser import parse_page
from . import document
from .layout import lay_out

AREA_MARGIN = 0.4  # percent of the page added around an article's text


@dataclass
class Area:
    left: float
    top: float
    width: float
    height: float

    @property
    def right(self):
        return self.left + self.width

    @property
    def bottom(self):
        return self.top + self.height


@dataclass
class ArticleArea:
    position: int
    headline: str
    areas: list[Area]
    kept: bool = False  # the article's areas were changed by hand and stay as they are


@dataclass
class PdfPageReport:
    index: int  # the page in the PDF, from 0
    report: PageReport
    areas: list[ArticleArea] = field(default_factory=list)
    image: bytes = b""  # the rendered page (PNG), for a preview

    @property
    def kept_areas(self):
        return [area for area in self.areas if area.kept]


@dataclass
class ReadPage:
    index: int
    parsed: object  # ParsedPage
    areas: dict  # headline → [Area]


def is_pdf(content):
    return isinstance(content, bytes) and content.lstrip()[:5] == b"%PDF-"


def read_pdf(data, source=""):
    """The PDF's pages, parsed, with their articles' areas; no database. Raises PageError."""
    pages = document.read(data)
    read = []
    for page in pages:
        layout = lay_out(page.chars, page.images, page.width, page.height)
        try:
            parsed = parse_page(layout.text, source=source)
        except t.PageError as error:
            if len(pages) > 1:
                raise t.PageError(
                    _("Page %(page)d of the PDF: %(error)s")
                    % {"page": page.number, "error": error.message}
                ) from None
            raise t.PageError(error.message) from None
        areas = {}
        for headline, laid in zip(layout.headlines, layout.articles, strict=True):
            areas.setdefault(t.strip_marks(headline), _areas_of(laid, page))
        read.append(ReadPage(page.number - 1, parsed, areas))
    if len(read) > 1:
        for page in read:
            if page.parsed.page_number is None:
                raise t.PageError(
                    _(
                        "Page %(page)d of the PDF does not name its page (版) in its masthead: a "
                        "PDF of several pages is imported only when each page says which it is."
                    )
                    % {"page": page.index + 1}
                )
        numbers = [(p.parsed.date, p.parsed.page_number) for p in read]
        if len(set(numbers)) != len(numbers):
            raise t.PageError(_("Two pages of the PDF name the same page (版)."))
    return read


def _areas_of(laid, page):
    """The article's rectangles on the page (one, or several for an L-shaped article), in
    percent of the page, each with a small margin round its text."""
    areas = []
    for box in laid.boxes or [laid.box]:
        margin = AREA_MARGIN
        left = max(0.0, box.x0 / page.width * 100 - margin)
        top = max(0.0, box.top / page.height * 100 - margin)
        right = min(100.0, box.x1 / page.width * 100 + margin)
        bottom = min(100.0, box.bottom / page.height * 100 + margin)
        areas.append(
            Area(round(left, 2), round(top, 2), round(right - left, 2), round(bottom - top, 2))
        )
    return areas


def import_pdf(
    data,
    *,
    source="",
    date=None,
    page_number=None,
    publish=False,
    submit=False,
    user=None,
    dry_run=False,
    render=True,
):
    """Read and write every page of the PDF; with ``dry_run`` nothing stays (the rendered images
    are in the reports, for a preview). Returns a PdfPageReport per page."""
    pages = read_pdf(data, source)
    if len(pages) > 1 and page_number is not None:
        raise t.PageError(_("A page number cannot be given for a PDF of several pages."))
    stored, replaced, reports = [], [], []
    try:
        with transaction.atomic(), reversion.create_revision():
            if user is not None:
                reversion.set_user(user)
            reversion.set_comment(_("Imported from the page PDF %(source)s") % {"source": source})
            for page in pages:
                loader = PageLoader(user=user, publish=publish, submit=submit)
                report = loader.load(page.parsed, date, page_number)
                image = document.render(data, page.index) if render else b""
                result = PdfPageReport(page.index, report, image=image)
                issue = Issue.objects.get(pk=report.issue_pk)
                result.areas = _save_areas(issue, page, report)
                if not dry_run:
                    _store_files(issue, data, page.index, image, stored, replaced)
                reports.append(result)
            if dry_run:
                transaction.set_rollback(True)
                for result in reports:
                    result.report.issue_pk = None
                    for article in result.report.articles:
                        article.pk = None
    except BaseException:
        for name, storage in stored:
            storage.delete(name)
        raise
    if not dry_run:
        transaction.on_commit(lambda: [storage.delete(name) for name, storage in replaced])
    return reports


def _store_files(issue, data, index, image, stored, replaced):
    for field_name in ("page_pdf", "page_image"):
        old = getattr(issue, field_name)
        if old:
            replaced.append((old.name, old.storage))
    token = uuid.uuid4().hex
    issue.page_pdf.save(f"{token}.pdf", ContentFile(document.single_page(data, index)), save=False)
    stored.append((issue.page_pdf.name, issue.page_pdf.storage))
    if image:
        issue.page_image.save(f"{token}.png", ContentFile(image), save=False)
        stored.append((issue.page_image.name, issue.page_image.storage))
    issue.save(update_fields=["page_pdf", "page_image"])


def _save_areas(issue, page, report):
    """Each article's areas from the PDF, unless an editor changed them since the last import."""
    results = []
    by_pk = {a.pk: a for a in issue.articles.prefetch_related("page_areas")}
    for article_report in report.articles:
        article = by_pk[article_report.pk]
        areas = page.areas.get(article_report.headline) or page.areas.get(
            _headline_of(page, article_report.position)
        )
        if not areas:
            report.notes.append(
                Note(
                    None,
                    _("No place on the page was found for “%(headline)s”.")
                    % {"headline": article_report.headline},
                )
            )
            continue
        existing = list(article.page_areas.all())
        if any(area.changed_by_hand for area in existing):
            shown = [Area(a.left, a.top, a.width, a.height) for a in existing]
            results.append(
                ArticleArea(article_report.position, article_report.headline, shown, kept=True)
            )
            continue
        PageArea.objects.filter(pk__in=[a.pk for a in existing]).delete()
        for area in areas:
            row = PageArea(
                article=article,
                left=area.left,
                top=area.top,
                width=area.width,
                height=area.height,
            )
            row.imported_box = row.box
            row.save()
        results.append(ArticleArea(article_report.position, article_report.headline, areas))
    return results


def _headline_of(page, position):
    articles = page.parsed.articles
    return articles[position - 1].headline if position <= len(articles) else None
