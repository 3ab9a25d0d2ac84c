"""
Corrections in the admin. Editors add one to a published article (the article field offers only
those), change it while it is live, and withdraw a mistaken one with a reason; nobody deletes one.
Each save is kept as a version, as articles are. A correction may be printed in the next edition
of the same page (printing.py); those still waiting for it are the list's "to print" filter.
"""

import reversion
from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from articles.admin.articles import placed_label
from newsroom.admin import AuditedAdminMixin
from newsroom.people import person_name
from newsroom.versions import GuardedVersionAdmin

from . import printing
from .models import Correction, CorrectionsPolicy

if not reversion.is_registered(Correction):
    reversion.register(Correction)


class PrintStateFilter(admin.SimpleListFilter):
    title = _("print")
    parameter_name = "print"

    def lookups(self, request, model_admin):
        return [
            ("waiting", _("To print (no edition yet)")),
            ("placed", _("Placed on an edition")),
            ("no", _("Not to print")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.to_print()
        if self.value() == "placed":
            return queryset.filter(printed_as__isnull=False)
        if self.value() == "no":
            return queryset.filter(to_print=False)
        return queryset


class WithdrawnFilter(admin.SimpleListFilter):
    title = _("withdrawn")
    parameter_name = "withdrawn"

    def lookups(self, request, model_admin):
        return [("no", _("Live")), ("yes", _("Withdrawn"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(withdrawn_at__isnull=self.value() == "no")
        return queryset


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("reason for withdrawal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept for the editorial office; readers do not see it."),
    )


@admin.register(Correction)
class CorrectionAdmin(AuditedAdminMixin, GuardedVersionAdmin):
    list_display = ["__str__", "article", "kind", "date", "live", "print_state"]
    list_filter = ["kind", WithdrawnFilter, PrintStateFilter, "date"]
    list_select_related = ["article", "printed_as__issue"]
    search_fields = ["text", "article__headline"]
    date_hierarchy = "date"
    autocomplete_fields = ["article"]
    actions = ["withdraw_corrections", "place_corrections"]
    fields = [
        "article",
        "kind",
        "text",
        "date",
        "to_print",
        "printed_as_link",
        "withdrawn_at",
        "withdrawn_reason",
        "withdrawn_by_name",
        ("created_at", "created_by_name"),
        ("updated_at", "updated_by_name"),
    ]
    info_fields = [
        "printed_as_link",
        "withdrawn_at",
        "withdrawn_reason",
        "withdrawn_by_name",
        "created_at",
        "created_by_name",
        "updated_at",
        "updated_by_name",
    ]
    # A restore brings back the text, never undoes a withdrawal or a placement on an edition.
    kept_on_restore = ("withdrawn_at", "withdrawn_reason", "withdrawn_by", "printed_as")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.info_fields
        # A correction stays with the article it corrects.
        return ["article", *self.info_fields]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        widget = form.base_fields.get("article") and form.base_fields["article"].widget
        if widget is not None:
            # The article is chosen, not written or deleted from here; the chosen one reads as
            # the autocomplete's choices do, with where it appeared.
            widget.can_add_related = widget.can_change_related = widget.can_delete_related = False
            form.base_fields["article"].label_from_instance = placed_label
        return form

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["article", "kind", "text", "date", "to_print"]
        return self.fields

    def has_delete_permission(self, request, obj=None):
        return False  # withdrawn, never deleted

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or obj.withdrawn_at is None
        )

    def may_restore(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.to_print and not obj.printed_as_id:
            item = printing.place(obj, user=request.user)
            if item is not None:
                self.message_user(
                    request,
                    format_html(
                        gettext("The correction is a draft on the edition {}: {}."),
                        item.issue,
                        format_html(
                            '<a href="{}">{}</a>',
                            reverse("admin:articles_article_change", args=[item.pk]),
                            item.headline,
                        ),
                    ),
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request,
                    gettext(
                        "The next edition of this page does not exist yet: the correction "
                        "waits on the list to print and is placed when the edition is made."
                    ),
                    messages.WARNING,
                )

    @admin.display(description=_("live"), boolean=True)
    def live(self, obj):
        return obj.withdrawn_at is None

    @admin.display(description=_("print"))
    def print_state(self, obj):
        if obj.printed_as_id:
            return obj.printed_as.issue or "—"
        if obj.to_print:
            return gettext("To print")
        return "—"

    @admin.display(description=_("printed as"))
    def printed_as_link(self, obj):
        if not obj.printed_as_id:
            return "—"
        return format_html(
            '<a href="{}">{}</a> ({})',
            reverse("admin:articles_article_change", args=[obj.printed_as_id]),
            obj.printed_as.headline,
            obj.printed_as.issue,
        )

    @admin.display(description=_("withdrawn by"))
    def withdrawn_by_name(self, obj):
        return person_name(obj.withdrawn_by) if obj.withdrawn_at else "—"

    @admin.display(description=_("created by"))
    def created_by_name(self, obj):
        return person_name(obj.created_by)

    @admin.display(description=_("updated by"))
    def updated_by_name(self, obj):
        return person_name(obj.updated_by)

    @admin.action(description=_("Withdraw selected corrections"))
    def withdraw_corrections(self, request, queryset):
        live = queryset.live()
        form = WithdrawForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            count = 0
            for correction in live:
                # One save (and one version) each: the page cache and the history see it.
                with reversion.create_revision():
                    correction.withdrawn_at = timezone.now()
                    correction.withdrawn_reason = form.cleaned_data["reason"].strip()
                    correction.withdrawn_by = request.user
                    correction.updated_by = request.user
                    correction.save()
                    reversion.set_user(request.user)
                    reversion.set_comment(gettext("Withdrawn"))
                self.log_change(request, correction, gettext("Withdrawn"))
                count += 1
            self.message_user(
                request,
                ngettext(
                    "%(count)d correction withdrawn.", "%(count)d corrections withdrawn.", count
                )
                % {"count": count},
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/corrections/correction/withdraw.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("Withdraw corrections"),
                "opts": self.model._meta,
                "corrections": live.select_related("article"),
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    withdraw_corrections.allowed_permissions = ["change"]

    @admin.action(description=_("Place selected corrections on the next edition"))
    def place_corrections(self, request, queryset):
        placed = [c for c in queryset.to_print() if printing.place(c, user=request.user)]
        waiting = queryset.to_print().count()
        self.message_user(
            request,
            gettext("Placed: %(placed)d. Still waiting for their edition: %(waiting)d.")
            % {"placed": len(placed), "waiting": waiting},
            messages.SUCCESS if placed else messages.WARNING,
        )

    place_corrections.allowed_permissions = ["change"]


@admin.register(CorrectionsPolicy)
class CorrectionsPolicyAdmin(admin.ModelAdmin):
    list_display = ["title", "updated_at"]
    fields = ["title", "text"]

    def view_on_site(self, obj):
        return reverse("corrections:policy")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not CorrectionsPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
