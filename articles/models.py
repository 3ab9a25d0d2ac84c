"""Editions (Issue), their articles, and the people and bodies credited for them."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from courts.models import Court
from newsroom.models import Audited, EditCounted, acted_by

from .hooks import last_modified_sources
from .richtext import RichTextField
from .search.tsvector import TsVectorField, VectorIndex

PRINT_TIME = datetime.time(6, 0)  # morning papers: a page is dated its morning


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    CITY_REVIEW = "city_review", _("at the city court's review")
    REVIEW = "review", _("submitted for review")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")


def shown_contributor(prefix=""):
    """Contributors whose names readers may see: active, and checked by an editor (one created by
    a page import waits for review, as a court does); of the relation ``prefix`` if given."""
    return Q(**{f"{prefix}is_active": True, f"{prefix}needs_review": False})


class ContributorQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(shown_contributor())

    def published(self):
        """Contributors shown and credited on at least one public article: those with a page."""
        public = Article.objects.published()
        return self.shown().filter(credits__article__in=public).distinct()


class Contributor(Audited):
    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANISATION = "organisation", _("organisation")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    court = models.ForeignKey(
        Court,
        verbose_name=_("court"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributors",
        help_text=_("The court a person works at, or the court an organisation is."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sign-in account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributor",
    )
    is_active = models.BooleanField(_("active"), default=True)
    needs_review = models.BooleanField(
        _("needs review"),
        default=False,
        help_text=_("Created automatically (e.g. by a page import); an editor should check it."),
    )

    objects = ContributorQuerySet.as_manager()

    class Meta:
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["name"], name="contributor_name")]

    def __str__(self):
        if self.court_id and self.kind == self.Kind.PERSON:
            return f"{self.name}（{self.court.display_name}）"
        return self.name

    def get_absolute_url(self):
        return reverse("articles:contributor", args=[self.pk])

    @property
    def is_shown(self):
        """``shown_contributor()``, of a contributor already loaded."""
        return self.is_active and not self.needs_review


def _published_by(now, prefix=""):
    """Published, and its time has come (of the row itself, or of the relation ``prefix``)."""
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}publish_at__lte": now})


class PublishingQuerySet(models.QuerySet):
    """What readers see of editions and articles, and when: the one rule, in SQL."""

    def public_condition(self, now, prefix=""):
        """The rule of published(), of the rows themselves or of the relation ``prefix`` (e.g.
        ``"article__"``: a join, for the rows of another model that are public with them)."""
        return _published_by(now, prefix)

    def published(self, now=None):
        return self.filter(self.public_condition(now or timezone.now()))

    def scheduled(self, now=None):
        """Published for a time still to come."""
        return self.filter(status=Status.PUBLISHED, publish_at__gt=now or timezone.now())

    def with_public_now(self, now=None):
        """Each row with ``public_now``: whether published() would find it (admin lists)."""
        condition = self.public_condition(now or timezone.now())
        return self.annotate(
            public_now=models.ExpressionWrapper(condition, output_field=models.BooleanField())
        )


class Publishable(models.Model):
    """
    What readers see once it is published and its time has come: an edition (Issue) or an
    article. Every change of status goes through articles/workflow.py ``apply()``; which rows
    are public is PublishingQuerySet's one rule.
    """

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish at"), null=True, blank=True, help_text=_("Readers see it from this time on.")
    )

    class Meta:
        abstract = True
        constraints = [
            # A row may only claim to be published once it says when ("issue_published_has_time").
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(publish_at__isnull=False),
                name="%(class)s_published_has_time",
            ),
        ]


class IssueQuerySet(PublishingQuerySet):
    def visible_to(self, user):
        """Editions a signed-in user may see in the admin and preview, in any state.

        Editors see every edition; correspondents (who hold no permission on editions) none.
        """
        if user.is_active and user.is_staff and user.has_perm("articles.view_issue"):
            return self
        return self.none()


class Issue(Publishable, EditCounted, Audited):
    """One printed page of 法院专刊 on one date (a date may have several pages)."""

    date = models.DateField(_("date"))
    page_number = models.PositiveSmallIntegerField(
        _("page number"), validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    title = models.CharField(_("title"), max_length=50, default="法院专刊")
    quote = models.TextField(_("featured quote"), blank=True)
    quote_attribution = models.CharField(_("quote attribution"), max_length=200, blank=True)
    banner = models.CharField(
        _("banner"), max_length=100, blank=True, help_text=_("Column label printed above stories.")
    )
    page_image = models.ImageField(_("page image"), upload_to="pages/%Y/", blank=True)
    page_pdf = models.FileField(
        _("page PDF"),
        upload_to="pages/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
    )

    objects = IssueQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-date", "-page_number"]
        permissions = [("publish_issue", _("Can publish, schedule and withdraw editions"))]
        constraints = [
            models.UniqueConstraint(fields=["date", "page_number"], name="issue_unique_date_page"),
            models.CheckConstraint(condition=Q(page_number__gte=1), name="issue_page_positive"),
            *Publishable.Meta.constraints,
        ]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="issue_status_publish"),
        ]

    def __str__(self):
        return _("%(date)s page %(page)s") % {
            "date": self.date.strftime("%Y-%m-%d"),
            "page": f"{self.page_number:02d}",
        }

    def get_absolute_url(self):
        return reverse("articles:issue", kwargs={"date": self.date, "page": self.page_number})

    @property
    def print_time(self):
        """The morning of the edition's date (PRINT_TIME, local time): when a printed page, and
        its articles, are public unless an editor sets another time."""
        return datetime.datetime.combine(
            self.date, PRINT_TIME, tzinfo=timezone.get_default_timezone()
        )

    @property
    def is_public(self):
        """Whether readers see the stored edition now (published() asked about this row)."""
        return Issue.objects.published().filter(pk=self.pk).exists()


def slug_of(headline):
    return slugify(headline, allow_unicode=True)[:120] or "article"


class ArticleQuerySet(PublishingQuerySet):
    def public_condition(self, now, prefix=""):
        """Public articles: published, due, and (if on a page) on a public edition."""
        return _published_by(now, prefix) & (
            Q(**{f"{prefix}issue__isnull": True}) | _published_by(now, f"{prefix}issue__")
        )

    def visible_to(self, user):
        """Articles a signed-in user may see in the admin and preview, in any state.

        Editors (who may publish) see every article; a city reviewer the pieces submitted from
        the courts of their city's subtree; anyone else with access to articles, i.e. a
        correspondent, only their own and their court's (see owned_by()). Who may change what
        is decided in articles/workflow.py.
        """
        if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
            return self.none()
        if user.has_perm("articles.publish_article"):
            return self
        visible = self.owned_condition(user)
        if user.has_perm("articles.review_for_city"):
            city = Court.objects.filter(
                contributors__user=user, level=Court.Level.INTERMEDIATE
            ).first()
            if city is not None:
                visible |= Q(submitted_from__path__startswith=city.path)
        return self.filter(visible)

    def owned_by(self, user):
        """A user's own articles: created by them or credited to the contributor they are, and
        those of the other people of their court (a press office is often two or three): created
        by them or credited to them. Someone without a court has only their own."""
        return self.filter(self.owned_condition(user))

    def owned_condition(self, user):
        from django.contrib.auth import get_user_model

        # The people of the user's court who write as correspondents: not editors (whose
        # drafts are the editorial office's, whatever court their contributor names).
        own_court = Contributor.objects.filter(user=user, court__isnull=False).values("court")
        editors = get_user_model().objects.filter(
            Q(is_superuser=True)
            | Q(
                groups__permissions__codename="publish_article",
                groups__permissions__content_type__app_label="articles",
            )
            | Q(
                user_permissions__codename="publish_article",
                user_permissions__content_type__app_label="articles",
            )
        )
        mates = (
            Contributor.objects.filter(court__in=own_court, user__isnull=False)
            .exclude(user__in=editors.values("pk"))
            .values("user")
        )
        credited = Credit.objects.filter(
            Q(contributor__user=user) | Q(contributor__user__in=mates)
        ).values("article_id")
        return Q(created_by=user) | Q(pk__in=credited) | Q(created_by__in=mates)

    def in_court_subtree(self, court):
        """Articles about a court or any court below it."""
        # A semi-join, not a join and DISTINCT: later ordering, ranking and slicing stay cheap.
        about = Article.courts.through.objects.filter(court__path__startswith=court.path)
        return self.filter(pk__in=about.values("article_id"))

    def headlines(self):
        """In print order, with only what a list of headlines needs (edition cards, an article's
        neighbours on its page)."""
        return self.order_by("position", "pk").only(
            "pk", "slug", "headline", "kicker", "position", "issue_id"
        )

    def with_last_modified(self):
        """Each article with ``last_modified``: its own last change, or a later one of what other
        apps add to it (a correction; see hooks.py)."""
        updated = models.F("updated_at")
        others = [Coalesce(per_article(), updated) for per_article, _ in last_modified_sources]
        value = Greatest(updated, *others) if others else updated
        return self.annotate(
            last_modified=models.ExpressionWrapper(value, output_field=models.DateTimeField())
        )

    def latest_public_change(self, now=None):
        """When the public articles were last modified (see with_last_modified), or None: one
        aggregate per source, not the greatest of every row's over the whole archive."""
        now = now or timezone.now()
        own = self.published(now).aggregate(latest=models.Max("updated_at"))["latest"]
        others = [latest_public(now) for _, latest_public in last_modified_sources]
        return max((moment for moment in [own, *others] if moment is not None), default=None)

    def for_listing(self):
        """The joins a list of article cards needs, named."""
        return self.select_related("issue").prefetch_related(
            models.Prefetch("courts", queryset=Court.objects.published())
        )


class Article(Publishable, EditCounted, Audited):
    issue = models.ForeignKey(
        Issue,
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        help_text=_("Leave empty for a web-only article."),
    )
    position = models.PositiveSmallIntegerField(
        _("position on the page"), default=0, help_text=_("Print order on the page, from 1.")
    )
    kicker = models.CharField(_("kicker"), max_length=200, blank=True, help_text=_("引题"))
    headline = models.CharField(_("headline"), max_length=200, help_text=_("主题"))
    subtitle = models.CharField(_("subtitle"), max_length=200, blank=True, help_text=_("副题"))
    byline = models.CharField(
        _("byline"), max_length=200, blank=True, help_text=_("As printed, e.g. 本报记者●肖玥")
    )
    dateline = models.CharField(
        _("dateline"), max_length=50, blank=True, help_text=_("电头, e.g. 赤峰讯")
    )
    body = RichTextField(_("body"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    end_credit = models.CharField(
        _("end credit"),
        max_length=200,
        blank=True,
        help_text=_("As printed at the end, e.g. (赤峰市中级人民法院供稿)"),
    )
    courts = models.ManyToManyField(
        Court, verbose_name=_("courts"), blank=True, related_name="articles"
    )
    contributors = models.ManyToManyField(
        Contributor,
        verbose_name=_("contributors"),
        through="Credit",
        blank=True,
        related_name="articles",
    )
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=True, blank=True)
    review_note = models.TextField(
        _("review note"), blank=True, help_text=_("The editor's note when sending a draft back.")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    submitted_by = acted_by(_("submitted by"))
    submitted_from = models.ForeignKey(
        Court,
        verbose_name=_("submitted from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("The court of the person who submitted it, when they submitted it."),
    )
    forwarded_at = models.DateTimeField(_("forwarded"), null=True, blank=True, editable=False)
    forwarded_by = acted_by(_("forwarded by"))
    leads_page = models.BooleanField(
        _("lead story"),
        default=False,
        help_text=_(
            "头条: the lead story of its printed page. Without a mark, the first article of the "
            "page leads."
        ),
    )
    forward_comment = models.TextField(
        _("city court's comment"),
        blank=True,
        help_text=_("What the city court's reviewer wrote when forwarding it to the editors."),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-publish_at", "-pk"]
        permissions = [
            ("publish_article", _("Can publish, schedule and withdraw articles")),
            ("review_for_city", _("Can review the submissions of a city court's basic courts")),
        ]
        constraints = [*Publishable.Meta.constraints]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="article_status_publish"),
            models.Index(fields=["-publish_at", "-id"], name="article_newest"),
            models.Index(fields=["issue", "position"], name="article_issue_position"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slug_of(self.headline)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"pk": self.pk, "slug": self.slug or "article"})

    def follows_its_headline(self, headline=None):
        """Whether the address is made again when the headline (``headline``, as stored, by
        default) changes: until the article is published, and unless it was chosen by hand. A
        published article's address stays as readers shared it; an old one redirects."""
        unpublished = self.status in (Status.DRAFT, Status.CITY_REVIEW, Status.REVIEW)
        return unpublished and self.slug == slug_of(self.headline if headline is None else headline)

    @property
    def is_public(self):
        """Whether readers see the stored article now (published() asked about this row)."""
        return Article.objects.published().filter(pk=self.pk).exists()


class CourtTally(models.Model):
    """
    How many articles are about a court or any court below it and published, on a published
    edition or on none, whatever their publish time: court_counts.py subtracts the few whose time
    has not come. Kept by court_counts.refresh() from the TallyEntry rows, never edited by hand.
    """

    court = models.OneToOneField(
        Court, on_delete=models.CASCADE, primary_key=True, related_name="article_tally"
    )
    articles = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("court article tally")
        verbose_name_plural = _("court article tallies")

    def __str__(self):
        return f"{self.court_id}: {self.articles}"


class TallyEntry(models.Model):
    """
    An article counted in a court's tally (CourtTally): one row per article and court whose
    subtree holds one of the article's courts. Taking an article's rows away takes away exactly
    what it added, whatever has changed about it since (no foreign key constraints: the rows of
    a deleted article or court stay until court_counts.refresh() takes them away).
    """

    article = models.ForeignKey(
        Article,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # tally_entry_unique starts with it
        related_name="+",
    )
    court = models.ForeignKey(
        Court, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )

    class Meta:
        verbose_name = _("tally entry")
        verbose_name_plural = _("tally entries")
        constraints = [
            models.UniqueConstraint(fields=["article", "court"], name="tally_entry_unique"),
        ]

    def __str__(self):
        return f"{self.article_id} in {self.court_id}"


class Credit(models.Model):
    """A contributor credited on an article in one role, in printed order."""

    class Role(models.TextChoices):
        REPORTER = "reporter", _("staff reporter (本报记者)")
        CORRESPONDENT = "correspondent", _("correspondent (通讯员)")
        PHOTOGRAPHER = "photographer", _("photographer (摄)")
        ORGANISATION = "organisation", _("contributing organisation (供稿)")
        AUTHOR = "author", _("author")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="credits"
    )
    contributor = models.ForeignKey(
        Contributor, verbose_name=_("contributor"), on_delete=models.PROTECT, related_name="credits"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    court = models.ForeignKey(
        Court,
        verbose_name=_("court when published"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("The contributor's court when the article was published, for statistics."),
    )

    class Meta:
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "contributor", "role"], name="credit_unique_role"
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.contributor.name}"


class Photo(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("image"), upload_to="photos/%Y/%m/", blank=True)
    caption = models.TextField(_("caption"), blank=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    photographer = models.ForeignKey(
        Contributor,
        verbose_name=_("photographer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="photos",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.caption[:40] or str(_("photo"))


def _percent(name):
    return models.FloatField(name, validators=[MinValueValidator(0), MaxValueValidator(100)])


# Percentages are floats: two that sum to 100 exactly on paper (33.3 + 66.7) may come to a hair
# more in binary. An area may reach this far past the edge, in the database as in the forms.
PAGE_EDGE = 100 + 1e-6
AREA_DECIMALS = 2  # what the forms keep of a percentage: 0.01 % of a page is far below a pixel


def within_page(left, top, width, height):
    """(left, top, width, height) cut at the page's edges: for areas computed elsewhere (a page
    import), which may stray past one by a little. One starting at an edge keeps 1 %."""

    def onto_the_page(start, size):
        start = 99.0 if start >= 100 else max(start, 0.0)
        return start, min(size if size > 0 else 1.0, 100 - start)

    (left, width), (top, height) = onto_the_page(left, width), onto_the_page(top, height)
    return left, top, width, height


class PageArea(models.Model):
    """An article's rectangle on the page image, in percent of its width and height. It lies
    within the page: its left and top edges at 0 or more, its right and bottom ones at 100 or
    less, and it is not empty."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="page_areas"
    )
    left = _percent(_("left (%)"))
    top = _percent(_("top (%)"))
    width = _percent(_("width (%)"))
    height = _percent(_("height (%)"))
    # "left,top,width,height" as the last page PDF import placed it; empty for an area drawn by
    # hand. An area that no longer matches it was changed by hand, and a re-import keeps it.
    imported_box = models.CharField(max_length=60, blank=True, editable=False)

    class Meta:
        verbose_name = _("page area")
        verbose_name_plural = _("page areas")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left__gte=0, top__gte=0, width__gt=0, height__gt=0)
                & Q(width__lte=PAGE_EDGE - F("left"), height__lte=PAGE_EDGE - F("top")),
                name="pagearea_within_page",
                violation_error_message=_("An area must lie within the page."),
            ),
        ]

    def __str__(self):
        return f"{self.left:.0f},{self.top:.0f} {self.width:.0f}×{self.height:.0f}"

    @property
    def box(self):
        """The area as the import records it."""
        return ",".join(f"{value:.2f}" for value in (self.left, self.top, self.width, self.height))

    @property
    def changed_by_hand(self):
        return self.imported_box != self.box

    def clean(self):
        """The page's edges, told field by field (the constraint says the same in the
        database)."""
        super().clean()
        errors = {}
        past_edge = {
            "width": _("Left plus width is %(sum)s %%: past the page's right edge (100 %%)."),
            "height": _("Top plus height is %(sum)s %%: past the page's bottom edge (100 %%)."),
        }
        for start, size in (("left", "width"), ("top", "height")):
            begin, extent = getattr(self, start), getattr(self, size)
            if begin is None or extent is None:
                continue
            if extent <= 0:
                errors[size] = _("An area must not be empty.")
            elif begin + extent > PAGE_EDGE:
                total = round(begin + extent, AREA_DECIMALS)
                errors[size] = past_edge[size] % {"sum": f"{total:g}"}
        if errors:
            raise ValidationError(errors)

    def overlaps(self, other):
        """Whether the two areas share some of the page (touching edges do not count)."""
        return (
            min(self.left + self.width, other.left + other.width) - max(self.left, other.left)
            > 1e-6
            and min(self.top + self.height, other.top + other.height) - max(self.top, other.top)
            > 1e-6
        )


class SearchDocument(models.Model):
    """
    An article's words for search, kept up to date by search/index.py: jieba's words of its
    parts by weight. On PostgreSQL they are a tsvector with a GIN index; elsewhere (SQLite) each
    part is a text column " word word … " and the vector is left empty. Its own table, so that
    article pages, lists and versions never carry it.
    """

    article = models.OneToOneField(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    headline = models.TextField(_("headline words"), blank=True)  # weight A
    lead = models.TextField(_("kicker and subtitle words"), blank=True)  # B
    names = models.TextField(_("names"), blank=True)  # C: byline, dateline, credits, courts
    body = models.TextField(_("body words"), blank=True)  # D: summary and body
    vector = TsVectorField(_("search vector"), null=True, blank=True, editable=False)
    # The headline, kicker, subtitle and names alone: small enough to stay in the row, so that
    # ranking the candidates does not read every article's whole vector again.
    head_vector = TsVectorField(_("head search vector"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        ordering = ["pk"]
        indexes = [VectorIndex(fields=["vector"], name="search_document_vector")]

    def __str__(self):
        return str(self.article_id)

    def get_absolute_url(self):
        return reverse("articles:short", args=[self.article_id])


class WorkflowStep(models.Model):
    """One step of an article's workflow (submitted, forwarded, sent back, published…): who,
    when, and the court the piece came from. Written by articles.workflow.apply() alone, for the
    article's history and for statistics; kept from the migration that added it on."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="steps"
    )
    name = models.CharField(_("step"), max_length=30)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    by_court = models.ForeignKey(
        Court,
        verbose_name=_("court of the person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    court = models.ForeignKey(
        Court,
        verbose_name=_("court submitted from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workflow_steps",
    )
    at = models.DateTimeField(_("time"), db_index=True)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["name", "at"], name="workflow_step_name_at"),
            models.Index(fields=["article", "at"], name="workflow_step_article_at"),
        ]

    def __str__(self):
        return f"{self.name} {self.article_id}"
