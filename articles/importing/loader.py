"""
Writing a parsed page: one edition and its articles, with courts, credits and photo captions.

A page is written in one transaction: it is all there or not at all. Importing the same page
(same date and page number) again updates it:

- the edition's quote, banner and title are replaced where the text gives them;
- an article is matched by its headline, or else by its position on the page; its text (kicker,
  headline, subtitle, byline, dateline, body, end credit) is replaced by what the text says,
  except that a line the text does not have (a kicker an editor typed, say) is kept and listed;
- the courts, credits and photos the article has and the text does not name (an editor's
  additions, or what an earlier text named) are kept, and the report lists them
  (``ArticleReport.kept``), so that an editor who meant them to go removes them in the article's
  form:
  - courts: the ones the text names are added to the article's; none is taken away;
  - credits: a credit the text names (the same role and the contributor of that name, or the one
    the text's name resolves to) is the same credit: it is not made again, only put in the text's
    order; credits the text does not name stay, after the text's ones, in the order they had;
  - photos: the text's photos go onto the article's photos in order (caption and photographer;
    a namesake an editor chose stays); past the text's, a photo with an uploaded image stays,
    and one with no image (a caption only) goes: the report lists it as removed;
- an article that the text no longer has is left as it is and reported;
- statuses are kept: new articles are drafts, and only ``publish`` publishes (the edition and
  its articles, at 06:00 on the edition's date, so that back issues sort by their real date).
  With a user, publishing goes through the workflow (its permissions, versions and log).
"""

import datetime
from dataclasses import dataclass, field

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import workflow
from ..models import Article, Contributor, Credit, Issue, Photo, Status
from ..search import index as search_index
from . import text as t
from .matching import ContributorBook, CourtFinder
from .page import Note
from .parser import parse_page
from .punctuation import full_width, same_text


@dataclass
class ArticleReport:
    pk: int | None
    created: bool
    position: int
    headline: str
    kicker: str
    subtitle: str
    byline: str
    dateline: str
    end_credit: str
    paragraphs: int
    subheads: list[str]
    photos: list[tuple[str, str]]
    credits: list[tuple[str, str, bool]]  # the text's: (role label, name, new)
    courts: list[tuple[str, bool]]  # the text's: (name, new)
    status: str
    kept_fields: list[tuple[str, str]] = field(default_factory=list)  # (field name, value)
    kept_credits: list[tuple[str, str]] = field(default_factory=list)  # (role label, name)
    kept_courts: list[str] = field(default_factory=list)
    kept_photos: list[str] = field(default_factory=list)  # captions: with an image, past the text's
    removed_photos: list[str] = field(default_factory=list)  # captions: no image, past the text's

    @property
    def kept(self):
        """What the article had and the text does not name, kept as it was: one line each."""
        lines = [_("%(field)s: %(value)s") % {"field": f, "value": v} for f, v in self.kept_fields]
        lines += [_("%(role)s: %(name)s") % {"role": r, "name": n} for r, n in self.kept_credits]
        lines += [_("court: %(name)s") % {"name": name} for name in self.kept_courts]
        lines += [_("photo with an image: %(caption)s") % {"caption": c} for c in self.kept_photos]
        return lines

    @property
    def removed(self):
        """What the article had and the text does not name, removed: one line each."""
        return [
            _("photo without an image: %(caption)s") % {"caption": c} for c in self.removed_photos
        ]


@dataclass
class PageReport:
    source: str
    date: datetime.date
    page_number: int
    created: bool
    issue_pk: int | None
    title: str
    quote: str
    quote_attribution: str
    banner: str
    status: str
    articles: list[ArticleReport] = field(default_factory=list)
    new_courts: list[tuple[str, str]] = field(default_factory=list)  # (name, city court)
    new_contributors: list[tuple[str, str]] = field(default_factory=list)  # (name, kind)
    notes: list[Note] = field(default_factory=list)
    skipped: list[Note] = field(default_factory=list)
    left_over: list[str] = field(default_factory=list)

    @property
    def articles_created(self):
        return sum(1 for article in self.articles if article.created)

    @property
    def articles_updated(self):
        return len(self.articles) - self.articles_created

    @property
    def kept(self):
        """(article, line) for everything kept that the text does not name."""
        return [(article, line) for article in self.articles for line in article.kept]

    @property
    def removed(self):
        """(article, line) for everything removed that the text does not name."""
        return [(article, line) for article in self.articles for line in article.removed]

    @property
    def needs_attention(self):
        return bool(self.notes or self.new_courts or self.new_contributors or self.left_over)


def import_page(
    content,
    *,
    source="",
    date=None,
    page_number=None,
    publish=False,
    submit=False,
    user=None,
    dry_run=False,
):
    """Parse and write one page; with ``dry_run``, report what would be written and undo it.
    ``publish`` publishes the edition and its articles; ``submit`` (without it) saves the drafts
    among its articles as waiting for review, ready to go out with the edition."""
    page = parse_page(content, source=source)
    with transaction.atomic(), reversion.create_revision():
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(_("Imported from the page text %(source)s") % {"source": source})
        loader = PageLoader(user=user, publish=publish, submit=submit)
        report = loader.load(page, date, page_number)
        if dry_run:
            transaction.set_rollback(True)
            report.issue_pk = None
            for article in report.articles:
                article.pk = None
    return report


def edition_of(page, date=None, page_number=None):
    """The edition's date and page number: given ones win over the text's; both are needed."""
    notes = []
    for given, found, label in (
        (date, page.date, _("date")),
        (page_number, page.page_number, _("page number")),
    ):
        if given is not None and found is not None and given != found:
            notes.append(
                Note(
                    None,
                    _("The text says %(what)s %(found)s; %(given)s was used as given.")
                    % {"what": label, "found": found, "given": given},
                )
            )
    date = date or page.date
    page_number = page_number or page.page_number
    if date is None:
        raise t.PageError(_("The text does not give the edition's date: give the date."))
    if page_number is None:
        raise t.PageError(_("The text does not give the page number: give the page."))
    return date, page_number, notes


def publish_time(date):
    return Issue(date=date).print_time


class PageLoader:
    def __init__(self, user=None, publish=False, submit=False):
        self.user = user
        self.publish = publish
        self.submit = submit and not publish

    def load(self, page, date=None, page_number=None):
        date, page_number, notes = edition_of(page, date, page_number)
        _check_lengths(page)
        self.courts = CourtFinder()
        self.people = ContributorBook(self.user)
        self.when = publish_time(date)
        issue, created = self.save_issue(page, date, page_number)
        existing = [] if created else list(issue.articles.order_by("position", "pk"))
        matched = _match(page.articles, existing)
        saved = []
        for position, (parsed, article) in enumerate(
            zip(page.articles, matched, strict=True), start=1
        ):
            saved.append(self.save_article(issue, position, parsed, article))
        if self.publish:
            self.publish_all(issue, [article for article, _report in saved])
        elif self.submit:
            self.submit_all([article for article, _report in saved])
        report = PageReport(
            source=page.source,
            date=date,
            page_number=page_number,
            created=created,
            issue_pk=issue.pk,
            title=issue.title,
            quote=issue.quote,
            quote_attribution=issue.quote_attribution,
            banner=issue.banner,
            status=issue.get_status_display(),
            notes=notes + page.notes,
            skipped=page.skipped,
        )
        for article, article_report in saved:
            article_report.status = article.get_status_display()
            report.articles.append(article_report)
        report.left_over = [a.headline for a in existing if a not in matched]
        for headline in report.left_over:
            report.notes.append(
                Note(
                    None,
                    _("“%(headline)s” is on this edition but not in the text; it was left as is.")
                    % {"headline": headline},
                )
            )
        report.new_courts = [(c.name, c.parent.name) for c in self.courts.created]
        report.new_contributors = [(c.name, c.get_kind_display()) for c in self.people.created]
        report.notes += [Note(None, message) for message in self.people.notes]
        return report

    def save_issue(self, page, date, page_number):
        issue = Issue.objects.select_for_update().filter(date=date, page_number=page_number).first()
        created = issue is None
        if created:
            issue = Issue(date=date, page_number=page_number, created_by=self.user)
        for attribute in ("title", "quote", "quote_attribution", "banner"):
            if getattr(page, attribute):
                setattr(issue, attribute, full_width(getattr(page, attribute)))
        issue.updated_by = self.user
        issue.save()
        return issue, created

    def save_article(self, issue, position, parsed, article):
        created = article is None
        if created:
            article = Article(issue=issue, created_by=self.user)
        elif not same_text(article.headline, parsed.headline) and article.follows_its_headline():
            article.slug = ""  # made again from the new headline, as in the admin
        article.position = position
        kept_fields = []
        for attribute in ("kicker", "headline", "subtitle", "byline", "dateline", "end_credit"):
            value, before = full_width(getattr(parsed, attribute)), getattr(article, attribute)
            if not value and before and not created:
                # Not in the text: typed by an editor (a kicker the print page lacks), or
                # named by an earlier text. It stays, and the report says so.
                label = str(Article._meta.get_field(attribute).verbose_name)
                kept_fields.append((label, before))
                continue
            setattr(article, attribute, value)
        article.body = full_width(parsed.body_html)
        article.updated_by = self.user
        article.save()

        courts = self.courts.find(parsed.text_for_courts())
        kept_courts = [] if created else [c for c in article.courts.all() if c not in courts]
        article.courts.add(*courts)
        credits, kept_credits = self.save_credits(article, parsed)
        photos, photo_changes = self.save_photos(article, parsed)
        if reversion.is_active():
            # The version was taken when the row was saved, before its courts, credits (written
            # in bulk, which no version sees) and photos: taken again, it holds them, and a
            # restore of the imported state brings them back.
            reversion.add_to_revision(article)
        return article, ArticleReport(
            pk=article.pk,
            created=created,
            position=position,
            headline=article.headline,
            kicker=article.kicker,
            subtitle=article.subtitle,
            byline=article.byline,
            dateline=article.dateline,
            end_credit=article.end_credit,
            paragraphs=len(parsed.paragraphs),
            subheads=parsed.subheads,
            photos=photos,
            credits=credits,
            courts=[(court.name, court in self.courts.created) for court in courts],
            status=article.get_status_display(),
            kept_fields=kept_fields,
            kept_credits=kept_credits,
            kept_courts=[court.name for court in kept_courts],
            **photo_changes,
        )

    def save_credits(self, article, parsed):
        """The text's credits in printed order, then the article's others, kept as they were."""
        earlier = list(article.credits.select_related("contributor").order_by("position", "pk"))
        named = []
        for contribution in parsed.credits:
            row = self.credit_for(article, contribution, earlier, named)
            if row is not None:
                named.append(row)
        kept = [row for row in earlier if row not in named]
        moved = []
        for position, row in enumerate([*named, *kept], start=1):
            if row.pk is not None and row.position != position:
                moved.append(row)
            row.position = position
        Credit.objects.bulk_update(moved, ["position"])
        Credit.objects.bulk_create([row for row in named if row.pk is None])
        search_index.index_articles([article.pk])  # bulk writes send no signals
        return (
            [
                (row.get_role_display(), row.contributor.name, self.people.is_new(row.contributor))
                for row in named
            ],
            [(row.get_role_display(), row.contributor.name) for row in kept],
        )

    def credit_for(self, article, contribution, earlier, named):
        """The credit that ``contribution`` is: one the article has in that role for a contributor
        of that name (whichever one an editor chose) or for the one the name resolves to, or a new
        one; None when the text has named it already."""
        role = contribution.role

        def find(rows, same):
            return next((row for row in rows if row.role == role and same(row.contributor)), None)

        def by_name(contributor):
            return contributor.name == contribution.name and contributor.kind == contribution.kind

        if find(named, by_name):
            return None
        free = [row for row in earlier if row not in named]
        row = find(free, by_name)
        if row is not None:
            return row
        contributor = self.contributor(contribution)

        def by_row(other):
            return other.pk == contributor.pk

        if find(named, by_row):
            return None
        return find(free, by_row) or Credit(article=article, contributor=contributor, role=role)

    def contributor(self, contribution):
        if contribution.kind == Contributor.Kind.ORGANISATION:
            court = self.courts.court_named(contribution.name)
            name = court.name if court else contribution.name
            return self.people.get(name, Contributor.Kind.ORGANISATION, court)
        return self.people.get(contribution.name, Contributor.Kind.PERSON)

    def save_photos(self, article, parsed):
        """The text's photos onto the article's, in order; past them, a photo with an uploaded
        image stays and one without goes. Returns the report's lines and what was kept."""
        existing = list(article.photos.select_related("photographer").order_by("position", "pk"))
        shown, changes = [], {"kept_photos": [], "removed_photos": []}
        for position, photo in enumerate(parsed.photos, start=1):
            row = existing[position - 1] if position <= len(existing) else Photo(article=article)
            row.caption = full_width(photo.caption)
            row.position = position
            names = photo.photographers  # a photo is known by its credit: never empty
            if names and (row.photographer is None or row.photographer.name != names[0]):
                row.photographer = self.people.get(names[0], Contributor.Kind.PERSON)
            row.save()
            shown.append((photo.caption, " ".join(names)))
        for row in existing[len(parsed.photos) :]:
            if row.image:
                changes["kept_photos"].append(str(row))
            else:
                changes["removed_photos"].append(str(row))
                row.delete()
        return shown, changes

    def publish_all(self, issue, articles):
        """The edition and its articles, at the edition's time; what is out already stays so."""
        for obj in [issue, *articles]:
            obj.refresh_from_db(fields=["status", "publish_at"])  # the edition takes some along
            if obj.status == Status.PUBLISHED:
                continue
            if self.user is not None:
                try:
                    workflow.apply(self.user, obj, "publish", at=self.when)
                except workflow.TransitionRefused as refused:
                    raise t.PageError(str(refused)) from None
            else:
                # No one to check permissions for (the command line), but the same rules for
                # the text: what may not go public stops the whole page.
                reason = isinstance(obj, Article) and workflow.publish_refusal(obj)
                if reason:
                    raise t.PageError(reason)
                obj.status, obj.publish_at = Status.PUBLISHED, self.when
                obj.save(update_fields=["status", "publish_at"])

    def submit_all(self, articles):
        """The page's drafts, as waiting for review; the others stay where they are."""
        for article in articles:
            if article.status != Status.DRAFT:
                continue
            if self.user is not None:
                try:
                    workflow.apply(self.user, article, "submit")
                except workflow.TransitionRefused as refused:
                    raise t.PageError(str(refused)) from None
            else:
                article.status, article.submitted_at = Status.REVIEW, timezone.now()
                article.save(update_fields=["status", "submitted_at"])


def _match(parsed_articles, existing):
    """For each parsed article, the existing one it updates (or None): by headline, then place."""
    matched = [None] * len(parsed_articles)
    free = list(existing)
    for index, parsed in enumerate(parsed_articles):
        article = next((a for a in free if same_text(a.headline, parsed.headline)), None)
        if article is not None:
            matched[index] = article
            free.remove(article)
    for index, _parsed in enumerate(parsed_articles):
        if matched[index] is None:
            article = next((a for a in free if a.position == index + 1), None)
            if article is not None:
                matched[index] = article
                free.remove(article)
    return matched


def _check_lengths(page):
    """Fields the text fills must fit their columns; say which line is too long."""
    issue_fields = ("title", "quote_attribution", "banner")
    for attribute in issue_fields:
        _fits(Issue, attribute, getattr(page, attribute), None)
    for article in page.articles:
        for attribute in ("kicker", "headline", "subtitle", "byline", "dateline", "end_credit"):
            _fits(Article, attribute, getattr(article, attribute), article.line)
        for contribution in article.credits:
            _fits(Contributor, "name", contribution.name, article.line)


def _fits(model, attribute, value, line):
    limit = model._meta.get_field(attribute).max_length
    if value and len(value) > limit:
        raise t.PageError(
            _("The %(field)s “%(text)s…” is longer than %(limit)s characters.")
            % {
                "field": model._meta.get_field(attribute).verbose_name,
                "text": value[:20],
                "limit": limit,
            },
            line=line,
        )
