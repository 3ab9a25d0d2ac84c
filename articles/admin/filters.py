"""The admin's list filters of editions and articles."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courts.models import Court

from .. import workflow
from ..models import Status


class CityCourtFilter(admin.SimpleListFilter):
    """An intermediate court together with every court below it: the editors' filter. A city's
    reviewer or a court's correspondent lists the pieces of one city at most, so it offers them
    nothing (and is not shown)."""

    title = _("city court")
    parameter_name = "city"

    def lookups(self, request, model_admin):
        if not workflow.is_editor(request.user):
            return []
        return [(court.slug, court.display_name) for court in Court.objects.cities()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        # Only a value it offered: anything else (an unknown slug, a NUL byte that PostgreSQL
        # refuses in a text parameter) lists nothing rather than reaching the database.
        if self.value() not in {slug for slug, _name in self.lookup_choices}:
            return queryset.none()
        return queryset.in_court_subtree(Court.objects.get(slug=self.value()))


class PublicationFilter(admin.SimpleListFilter):
    """Where a piece stands for readers right now: scheduled, public, or waiting for review."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("scheduled", _("scheduled (not yet public)")),
            ("public", _("public now")),
            ("review", _("waiting for review")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "scheduled":
            return queryset.scheduled(now).order_by("publish_at")
        if self.value() == "public":
            return queryset.published(now)
        if self.value() == "review":
            return queryset.filter(status=Status.REVIEW)
        return queryset
