"""
Corrections (更正) and clarifications (说明) of published articles, and the page that explains
the policy. A correction is public while its article is public and it is not withdrawn; a
mistaken one is withdrawn with a reason, which staff keep seeing. None is ever deleted.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from newsroom.models import Audited, acted_by


def published_articles():
    """What a correction may be added to: an article readers see now."""
    return Article.objects.all().public_condition(timezone.now())


class CorrectionQuerySet(models.QuerySet):
    def live(self):
        """Not withdrawn (of any article: the staff preview shows them too)."""
        return self.filter(withdrawn_at__isnull=True)

    def public(self, now=None):
        """What readers see: live corrections of public articles (the rule of
        Article.objects.published(), on the joined article: a few corrections do not read the
        whole archive)."""
        condition = Article.objects.all().public_condition(now or timezone.now(), "article__")
        return self.live().filter(condition)

    def to_print(self):
        """Waiting for the next edition of their article's page."""
        return self.live().filter(to_print=True, printed_as__isnull=True)


class Correction(Audited):
    class Kind(models.TextChoices):
        CORRECTION = "correction", _("correction")
        CLARIFICATION = "clarification", _("clarification")

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.PROTECT,
        related_name="corrections",
        limit_choices_to=published_articles,
        help_text=_("A published article."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(
        _("text"), help_text=_("What was wrong and what is right, as readers will read it.")
    )
    date = models.DateTimeField(
        _("date"),
        default=timezone.now,
        help_text=_("Shown with the correction; not later than now."),
    )
    to_print = models.BooleanField(
        _("print in the next edition"),
        default=False,
        help_text=_(
            "Put the text into the next edition of the same page as a short draft article; "
            "if that edition does not exist yet, the correction waits on the list to print."
        ),
    )
    printed_as = models.ForeignKey(
        Article,
        verbose_name=_("printed as"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True, editable=False)
    withdrawn_by = acted_by(_("withdrawn by"))

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawn_reason=""),
                name="correction_withdrawn_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["article", "-date"], name="correction_article_date"),
            models.Index(fields=["-date", "-id"], name="correction_newest"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:40]}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    def clean(self):
        if self.date and self.date > timezone.now() + datetime.timedelta(minutes=1):
            raise ValidationError({"date": _("A correction cannot be dated in the future.")})
        published = self.article.publish_at if self.article_id else None
        if self.date and published and self.date < published:
            raise ValidationError(
                {"date": _("A correction cannot be dated before its article was published.")}
            )
        if self.to_print and self.article_id and self.article.issue_id is None:
            raise ValidationError(
                {"to_print": _("A web-only article has no printed page to correct.")}
            )


def latest_correction():
    """The date of an article's latest live correction (a source of its last modification)."""
    live = Correction.objects.live().filter(article=OuterRef("pk")).order_by("-date")
    return Subquery(live.values("date")[:1])


def latest_public_correction(now):
    """The date of the latest public correction at ``now``, or None: the newest first (an index),
    up to the first whose article is public, not an aggregate over every article."""
    newest = Correction.objects.public(now).order_by("-date", "-pk").values_list("date", flat=True)
    return newest.first()


class CorrectionsPolicy(models.Model):
    """The page that tells readers how the newspaper corrects its mistakes (one, edited in the
    admin; the publisher's ``correctionsPolicy`` in every article's JSON-LD)."""

    title = models.CharField(_("title"), max_length=100)
    text = models.TextField(
        _("text"), help_text=_("Plain text; an empty line starts a new paragraph.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("corrections policy")
        verbose_name_plural = _("corrections policy")
        ordering = ["pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("corrections:policy")
