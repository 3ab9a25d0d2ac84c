"""What editors keep about personal information: the word lists the checker extends its own
with, the findings they dismissed and the findings they published over (privacy/checks.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class ListEntry(models.Model):
    """One word or number added to the checker's lists."""

    class Kind(models.TextChoices):
        MINOR_MARKER = "minor_markers", _("marker of a minor (e.g. 幼儿园)")
        PARTY_MARKER = "party_markers", _("marker of a victim, witness or family-case party")
        TITLE = "titles", _("public title (a name beside it is an official's)")
        PUBLIC_NUMBER = "public_numbers", _("public number or address (hotline, switchboard)")
        NOT_A_NAME = "not_names", _("not a personal name")

    kind = models.CharField(_("list"), max_length=20, choices=Kind.choices)
    value = models.CharField(_("word or number"), max_length=100)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("privacy word list entry")
        verbose_name_plural = _("privacy word lists")
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="privacy_entry_unique"),
        ]

    def __str__(self):
        return self.value


class Dismissal(models.Model):
    """A finding an editor judged not to be personal information; it holds while its passage
    (the finding's key: its kind, text and surrounding words) stays the same."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("finding"), max_length=64)
    kind = models.CharField(_("kind"), max_length=20)
    text = models.CharField(_("text"), max_length=200)
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dismissed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dismissed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dismissed finding")
        verbose_name_plural = _("dismissed findings")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["article", "key"], name="privacy_dismissal_key")]

    def __str__(self):
        return self.text


class Override(models.Model):
    """An editor's decision to publish a piece over its open must-fix findings, with the reason;
    it covers exactly those findings (their keys), not any that come later."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    keys = models.JSONField(_("findings"), default=list)
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overridden by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("overridden at"), auto_now_add=True)

    class Meta:
        verbose_name = _("privacy override")
        verbose_name_plural = _("privacy overrides")
        ordering = ["-created_at"]
        permissions = [
            (
                "override_findings",
                _("Can publish over personal-information findings, or dismiss them"),
            )
        ]

    def __str__(self):
        return self.reason[:60]
