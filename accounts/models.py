"""What a staff member chooses for themselves (the "my account" page)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Preferences(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sign-in account"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="preferences",
    )
    email_notifications = models.BooleanField(
        _("e-mail me about the steps that concern me"),
        default=True,
        help_text=_(
            "Submissions waiting for you, pieces forwarded, sent back, scheduled or published."
        ),
    )

    class Meta:
        verbose_name = _("preferences")
        verbose_name_plural = _("preferences")

    def __str__(self):
        return str(self.user)
