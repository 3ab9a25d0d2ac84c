"""Editions in the admin: the page's details, its articles in print order, the page import."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from newsroom.admin import AuditedAdminMixin, GuardedVersionAdmin, StorageFailureAdminMixin

from .. import workflow
from ..admin_import import PageImportView
from ..models import Article, Issue
from ..uploads import UploadedImageField, UploadedPdfField
from .filters import PublicationFilter
from .workflow import PublishTimeFormMixin, WorkflowAdminMixin


class IssueAdminForm(PublishTimeFormMixin, forms.ModelForm):
    class Meta:
        model = Issue
        fields = []  # the admin passes the fields of its fieldsets
        # Checked, re-encoded (images) and stored under generated names: see articles/uploads.py.
        field_classes = {"page_image": UploadedImageField, "page_pdf": UploadedPdfField}


class ArticleInline(admin.TabularInline):
    """The edition's articles in print order: their positions are set here, the rest in each
    article's own form (through the change link), where a save on top of someone else's newer
    one is caught (articles/conflicts.py)."""

    model = Article
    fields = ["position", "kicker", "headline", "subtitle", "status"]
    readonly_fields = ["kicker", "headline", "subtitle", "status"]
    ordering = ["position", "pk"]
    extra = 0
    show_change_link = True

    class Media:
        css = {"all": ["css/admin.css"]}  # long headlines and subtitles wrap in their cells

    def has_add_permission(self, request, obj=None):
        return False  # an article is written in its own form


@admin.register(Issue)
class IssueAdmin(
    StorageFailureAdminMixin, WorkflowAdminMixin, AuditedAdminMixin, GuardedVersionAdmin
):
    form = IssueAdminForm
    transitions = workflow.ISSUE_TRANSITIONS
    list_display = ["__str__", "title", "banner", "status", "when", "article_count"]
    list_filter = ["status", PublicationFilter, "date"]
    search_fields = ["title", "banner", "quote", "articles__headline"]
    date_hierarchy = "date"
    ordering = ["-date", "page_number"]
    inlines = [ArticleInline]
    readonly_fields = ["status"]
    actions = ["publish_editions", "withdraw_editions"]
    change_list_template = "admin/articles/issue/change_list.html"  # adds "Import a page"
    fieldsets = [
        (None, {"fields": ["date", "page_number", "title", "banner"]}),
        (_("Featured quote"), {"fields": ["quote", "quote_attribution"]}),
        (_("Printed page"), {"fields": ["page_image", "page_pdf"]}),
        (
            _("Publishing"),
            {
                "fields": ["status", "publish_at"],
                "description": _(
                    "Publishing the edition also publishes its articles that are submitted for "
                    "review, at the same time. Set a future time to schedule it."
                ),
            },
        ),
    ]

    def get_urls(self):
        page_import = self.admin_site.admin_view(PageImportView.as_view(model_admin=self))
        return [path("import/", page_import, name="articles_issue_import"), *super().get_urls()]

    def view_on_site(self, obj):
        return reverse("articles:issue_preview", args=[obj.pk])

    def get_queryset(self, request):
        queryset = super().get_queryset(request).visible_to(request.user).with_public_now()
        # distinct: a search on the articles' headlines joins them once more.
        return queryset.annotate(n_articles=Count("articles", distinct=True))

    @admin.display(description=_("articles"), ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles

    def has_publish_permission(self, request):
        return request.user.has_perm(workflow.PUBLISH_ISSUE)

    @admin.action(description=_("Publish selected editions with their ready articles"))
    def publish_editions(self, request, queryset):
        self.run_transition(request, queryset, "publish")

    publish_editions.allowed_permissions = ["publish"]

    @admin.action(description=_("Withdraw selected editions"))
    def withdraw_editions(self, request, queryset):
        self.run_transition(request, queryset, "withdraw")

    withdraw_editions.allowed_permissions = ["publish"]
