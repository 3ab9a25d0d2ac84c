"""Contributors in the admin: people and organisations credited on articles."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsroom.admin import AuditedAdminMixin
from newsroom.versions import GuardedVersionAdmin

from ..models import Contributor


@admin.register(Contributor)
class ContributorAdmin(AuditedAdminMixin, GuardedVersionAdmin):
    list_display = ["name", "kind", "court", "has_account", "is_active", "needs_review"]
    list_filter = ["kind", "is_active", "needs_review"]
    list_select_related = ["court", "user"]
    search_fields = ["name", "court__name", "court__short_name"]
    autocomplete_fields = ["court"]
    # Sign-in accounts are linked by an administrator ("create a sign-in"), not here, and
    # restoring an earlier version or recovering a deleted contributor leaves them alone.
    exclude = ["user"]
    kept_on_restore = ["user"]
    recovered_as = {"user": None}
    readonly_fields = ["has_account"]

    def get_queryset(self, request):
        # A contributor's name includes their court's: for the list and the autocomplete alike.
        return super().get_queryset(request).select_related("court")

    @admin.display(boolean=True, description=_("sign-in account"))
    def has_account(self, obj):
        return obj.user_id is not None
