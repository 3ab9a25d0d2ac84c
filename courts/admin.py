from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from newsroom.versions import GuardedVersionAdmin

from .models import Court


def is_autocomplete(request):
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "autocomplete"


@admin.register(Court)
class CourtAdmin(GuardedVersionAdmin):
    list_display = ["tree_name", "short_name", "level", "region", "needs_review"]
    list_filter = ["level", "region", "needs_review"]
    search_fields = ["name", "short_name", "aliases", "slug"]
    ordering = ["path"]
    autocomplete_fields = ["parent"]
    # The place in the tree follows the parent: a restore keeps the path as it is, and saving
    # the restored parent moves the court with every court below it (Court.save).
    kept_on_restore = ["path"]
    fields = [
        "name",
        "short_name",
        "slug",
        "level",
        "parent",
        "region",
        "aliases",
        "position",
        "needs_review",
    ]

    @admin.display(description=_("name"), ordering="path")
    def tree_name(self, obj):
        # Indented by depth: the list, ordered by path, reads as the court tree.
        indent = "　　" * (obj.depth - 1) + "└ " if obj.depth else ""
        return format_html("{}{}", indent, obj.name)

    # Correspondents hold only "view court", to choose courts in the article form's autocomplete;
    # the court pages themselves are for those who manage courts.
    def has_module_permission(self, request):
        return request.user.has_perm("courts.change_court")

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        user = request.user
        if not user.has_perm("courts.change_court") and user.has_perm("articles.change_article"):
            # A correspondent tags their own court and the courts below it, nothing else.
            contributor = getattr(user, "contributor", None)
            court = contributor.court if contributor is not None else None
            queryset = queryset.filter(path__startswith=court.path) if court else queryset.none()
        return queryset, may_have_duplicates

    def has_view_permission(self, request, obj=None):
        if request.user.has_perm("courts.change_court"):
            return super().has_view_permission(request, obj)
        return is_autocomplete(request) and super().has_view_permission(request, obj)
