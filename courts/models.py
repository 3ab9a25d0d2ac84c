"""The courts of Inner Mongolia: the high court, the city (league) courts and the basic courts."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

PATH_STEP = 8  # digits per level in Court.path


class CourtQuerySet(models.QuerySet):
    def published(self):
        """Courts shown to readers: every court an editor has confirmed."""
        return self.filter(needs_review=False)

    def cities(self):
        """The intermediate (city and league) courts, for 'filter by city court'."""
        return self.filter(level=Court.Level.INTERMEDIATE)


class Court(models.Model):
    class Level(models.TextChoices):
        HIGH = "high", _("high court")
        INTERMEDIATE = "intermediate", _("intermediate court")
        BASIC = "basic", _("basic court")
        SPECIAL = "special", _("special court")

    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, db_index=False)  # unique: see Meta
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("court above"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    region = models.CharField(
        _("region"), max_length=50, blank=True, help_text=_("League or city (盟市).")
    )
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        help_text=_("Other names used in texts, one per line, e.g. 赤峰市中院."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    needs_review = models.BooleanField(
        _("needs review"),
        default=False,
        help_text=_("Created automatically (e.g. by a page import); an editor should check it."),
    )
    # Materialised path of zero-padded ids, e.g. "/00000001/00000006/": a court's subtree is one
    # indexed prefix match, at any depth. Maintained by save().
    path = models.CharField(_("tree path"), max_length=255, editable=False)

    objects = CourtQuerySet.as_manager()

    class Meta:
        verbose_name = _("court")
        verbose_name_plural = _("courts")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="court_unique_name"),
            models.UniqueConstraint(fields=["slug"], name="court_unique_slug"),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="court_not_own_parent"
            ),
        ]
        indexes = [
            models.Index(fields=["level", "position"], name="court_level_position"),
            # The tree's order, and (PostgreSQL: pattern operators) a subtree's prefix match.
            models.Index(fields=["path"], name="court_path"),
            models.Index(
                fields=["path"], name="court_path_prefix", opclasses=["varchar_pattern_ops"]
            ),
        ]

    def __str__(self):
        return self.name

    @transaction.atomic
    def save(self, *args, **kwargs):
        old_path = self.path
        # Where this save found the court: a receiver of post_save tells by it whether the court
        # moved (its parent may be unchanged in the save: a restored version brings the parent
        # back and keeps the path).
        self.path_before_save = old_path
        if self.pk is not None and old_path:
            # Moved: the court and every court below it go to the new place before the court
            # is saved, so that what its post_save signal reads is the tree as it now is.
            self._move_to(old_path, self._computed_path())
            super().save(*args, **kwargs)
        else:
            super().save(*args, **kwargs)
            self._move_to(old_path, self._computed_path())

    def get_absolute_url(self):
        return reverse("courts:detail", args=[self.slug])

    @property
    def depth(self):
        return self.path.count("/") - 2 if self.path else 0

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def alias_list(self):
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    @property
    def names(self):
        """Every name a text may use for this court, longest first."""
        names = {self.name, *self.alias_list}
        if self.short_name:
            names.add(self.short_name)
        return sorted(names, key=len, reverse=True)

    def clean(self):
        if self.parent_id and self.pk and self.path and self.parent.path.startswith(self.path):
            raise ValidationError({"parent": _("A court cannot sit below itself.")})
        if self.level == self.Level.HIGH and self.parent_id:
            raise ValidationError({"parent": _("The high court has no court above it.")})

    def _computed_path(self):
        prefix = self.parent.path if self.parent_id else "/"
        return f"{prefix}{self.pk:0{PATH_STEP}d}/"

    def _move_to(self, old_path, new_path):
        """Give the court ``new_path``, and carry every court below it along."""
        if new_path == old_path:
            return
        Court.objects.filter(pk=self.pk).update(path=new_path)
        self.path = new_path
        if old_path:
            Court.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(models.Value(new_path), Substr("path", len(old_path) + 1))
            )
