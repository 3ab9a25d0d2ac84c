"""The points scheme the statistics count with: versions, each applying from a date on."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class PointsSchemeQuerySet(models.QuerySet):
    def for_date(self, day):
        """The version that applies on ``day`` (the latest one starting on or before it)."""
        return self.filter(applies_from__lte=day).order_by("-applies_from").first()


class PointsScheme(models.Model):
    """How many points a published piece is worth: printed, web only, and the lead story's
    multiplier. A new version applies from its date on; older pieces keep the older version."""

    applies_from = models.DateField(_("applies from"), unique=True)
    printed = models.PositiveSmallIntegerField(_("printed piece"), default=10)
    web = models.PositiveSmallIntegerField(_("web-only piece"), default=5)
    lead_multiplier = models.DecimalField(
        _("lead story multiplier"),
        max_digits=4,
        decimal_places=2,
        default=2,
        validators=[MinValueValidator(1)],
        help_text=_("头条: the lead story of a printed page earns its points times this."),
    )

    objects = PointsSchemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("points scheme")
        verbose_name_plural = _("points schemes")
        ordering = ["-applies_from"]

    def __str__(self):
        return _("Points from %(date)s") % {"date": self.applies_from.isoformat()}

    def points(self, printed, led):
        """The points of one piece: printed or web only, and whether it led its page."""
        if not printed:
            return self.web
        value = self.printed * (self.lead_multiplier if led else 1)
        return int(value) if value == int(value) else float(value)
