"""Abstract models shared by the apps."""

from django.conf import settings
from django.db import models, router, transaction
from django.utils.translation import gettext_lazy as _


def acted_by(verbose_name):
    """The account that did something to a row (kept as nothing if the account goes); the code
    that does it fills it in, never a form."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )


class Audited(models.Model):
    """Who created and last changed a row, and when. The admin fills the users in."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = acted_by(_("created by"))
    updated_by = acted_by(_("updated by"))

    class Meta:
        abstract = True


class EditCounted(models.Model):
    """Counts saves. The admin form remembers the number it was opened with, so that a save on
    top of someone else's newer one is noticed instead of silently overwriting it
    (articles/conflicts.py)."""

    edit_version = models.PositiveIntegerField(_("edit version"), default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "edit_version"}
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            # One more than what is stored, not than what this instance was loaded with, read
            # under a row lock: two saves at once (an edition's inline, a page import, the
            # admin form) never write the same number.
            stored = []
            if self.pk is not None:
                stored = list(
                    type(self)
                    ._base_manager.using(using)
                    .select_for_update()
                    .filter(pk=self.pk)
                    .values_list("edit_version", flat=True)
                )
            self.edit_version = max([self.edit_version, *stored]) + 1 if stored else 1
            super().save(*args, **kwargs)
