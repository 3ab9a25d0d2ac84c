from django.contrib import admin

from .models import PointsScheme


@admin.register(PointsScheme)
class PointsSchemeAdmin(admin.ModelAdmin):
    """Editors keep the points scheme: a new version from a date on, older ones stay."""

    list_display = ["applies_from", "printed", "web", "lead_multiplier"]
