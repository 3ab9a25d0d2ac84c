from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from newsroom.generation import bump_content_generation
from newsroom.versions import GuardedVersionAdmin

from . import merging
from .models import Court


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Court.objects.none(),
        help_text=_(
            "Its articles, contributors and courts below it move to this court, and its names "
            "become this court's aliases; then it is deleted (it can be recovered from the "
            "deleted courts)."
        ),
    )

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = list(sources)
        self.fields["target"].queryset = Court.objects.exclude(pk__in=[c.pk for c in sources])

    def clean_target(self):
        target = self.cleaned_data["target"]
        for source in self.sources:
            problem = merging.merge_problem(source, target)
            if problem:
                raise forms.ValidationError(problem)
        return target


def is_autocomplete(request):
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "autocomplete"


@admin.register(Court)
class CourtAdmin(GuardedVersionAdmin):
    list_display = ["tree_name", "short_name", "level", "region", "needs_review"]
    list_filter = ["level", "region", "needs_review"]
    actions = ["merge_into"]
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

    # A court in use is not deleted (courts.merging): the delete page and the list's delete
    # action list what uses it, as for any protected object, and offer the merge instead.
    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        in_use = [merging.in_use_message(court) for court in objs if merging.uses(court)]
        return deleted, counts, perms_needed, [*protected, *in_use]

    @admin.action(description=_("Merge into another court"), permissions=["change", "delete"])
    def merge_into(self, request, queryset):
        sources = list(queryset)
        form = MergeForm(request.POST if "apply" in request.POST else None, sources=sources)
        if form.is_valid():
            target = form.cleaned_data["target"]
            for source in sources:
                moved = merging.merge(source, target, user=request.user)
                self.log_change(
                    request,
                    target,
                    gettext("Merged %(source)s into this court") % {"source": source.name},
                )
                self.message_user(
                    request,
                    gettext(
                        "%(source)s was merged into %(target)s: %(articles)d articles, "
                        "%(contributors)d contributors and %(courts)d courts moved."
                    )
                    % {"source": source.name, "target": target.name, **moved},
                    messages.SUCCESS,
                )
            bump_content_generation()  # court pages, filters and counts read the new tree
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": ngettext(
                "Merge a court into another", "Merge %(n)d courts into another", len(sources)
            )
            % {"n": len(sources)},
            "opts": self.model._meta,
            "form": form,
            "sources": [(court, merging.uses(court)) for court in sources],
            "selected": [court.pk for court in sources],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/courts/merge.html", context)
