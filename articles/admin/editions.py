"""Editions in the admin: the page's details, its articles in print order, the page import."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .. import workflow
from ..area_editor.views import AreaEditorView
from ..conflicts import ConcurrentEditFormMixin
from ..models import Article, Issue, Status
from ..uploads import UploadedImageField, UploadedPdfField
from .filters import PublicationFilter
from .page_import import PageImportView, PendingImageView
from .workflow import RETURN_TO, PublishableAdmin, PublishTimeFormMixin


class IssueAdminForm(PublishTimeFormMixin, ConcurrentEditFormMixin, forms.ModelForm):
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
    fields = ["position", "kicker", "headline_link", "subtitle", "status"]
    readonly_fields = ["kicker", "headline_link", "subtitle", "status"]
    ordering = ["position", "pk"]
    extra = 0

    @admin.display(description=_("headline"))
    def headline_link(self, obj):
        """The article's form, which comes back to this edition once saved (RETURN_TO)."""
        if obj.pk is None:
            return "—"
        edition = reverse("admin:articles_issue_change", args=[obj.issue_id])
        url = reverse("admin:articles_article_change", args=[obj.pk])
        return format_html('<a href="{}?{}">{}</a>', url, urlencode({RETURN_TO: edition}), obj)

    class Media:
        css = {"all": ["css/admin.css"]}  # long headlines and subtitles wrap in their cells

    def has_add_permission(self, request, obj=None):
        return False  # an article is written in its own form

    def has_delete_permission(self, request, obj=None):
        # No "delete" box on the edition's rows: it would read as "take off this page" and
        # delete the article. An article is moved or deleted in its own form.
        return False


@admin.register(Issue)
class IssueAdmin(PublishableAdmin):
    form = IssueAdminForm
    transitions = workflow.ISSUE_TRANSITIONS
    list_display = ["__str__", "title", "banner", "status", "when", "article_count"]
    list_filter = ["status", PublicationFilter, "date"]
    search_fields = ["title", "banner", "quote", "articles__headline"]
    date_hierarchy = "date"
    ordering = ["-date", "page_number"]
    inlines = [ArticleInline]
    readonly_fields = ["status", "areas_link"]
    actions = ["publish_editions", "withdraw_editions"]
    change_list_template = "admin/articles/issue/change_list.html"  # adds "Import a page"

    class Media:
        css = {"all": ["css/admin.css"]}

    fieldsets = [
        (None, {"fields": ["date", "page_number", "title", "banner", "loaded_version"]}),
        (_("Featured quote"), {"fields": ["quote", "quote_attribution"]}),
        (_("Printed page"), {"fields": ["page_image", "page_pdf", "areas_link"]}),
        (
            _("Publishing"),
            {
                "fields": ["status", "publish_at"],
                "description": _(
                    "Publishing the edition also publishes its articles, at the same time: "
                    "those waiting for review, and its drafts once you confirm. Without a time "
                    "set here, the page and its articles are dated 06:00 on the edition's date. "
                    "Set a future time to schedule it."
                ),
            },
        ),
    ]

    def get_urls(self):
        page_import = self.admin_site.admin_view(PageImportView.as_view(model_admin=self))
        page_image = self.admin_site.admin_view(PendingImageView.as_view())
        areas = self.admin_site.admin_view(AreaEditorView.as_view(model_admin=self))
        publish = self.admin_site.admin_view(self.publish_view)
        return [
            path("import/", page_import, name="articles_issue_import"),
            path(
                "import/preview/<str:token>/<int:index>.png",
                page_image,
                name="articles_issue_import_image",
            ),
            path("<path:object_id>/areas/", areas, name="articles_issue_areas"),
            path("<path:object_id>/publish/", publish, name="articles_issue_publish"),
            *super().get_urls(),
        ]

    @admin.display(description=_("areas on the page"))
    def areas_link(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        url = reverse("admin:articles_issue_areas", args=[obj.pk])
        label = gettext("Draw the articles' areas on the page")
        return format_html('<a class="button" href="{}">{}</a>', url, label)

    # --- Publishing a page with its articles, drafts included once the editor says so ---------

    def publish_view(self, request, object_id):
        """ "Publish this page and its 5 draft articles?": asked, then done in one step (every
        article through workflow.apply, with the checks of publishing it alone)."""
        issue = self.get_object(request, unquote(object_id))
        if not self.has_publish_permission(request):
            raise PermissionDenied
        change_url = reverse("admin:articles_issue_change", args=[issue.pk])
        reason = workflow.refusal(request.user, issue, "publish")
        if reason:
            self.message_user(request, reason, messages.ERROR)
            return HttpResponseRedirect(change_url)
        if request.method == "POST":
            try:
                also = workflow.apply(request.user, issue, "publish", with_drafts=True)
            except workflow.TransitionRefused as refused:
                self.message_user(request, str(refused), messages.ERROR)
            else:
                self.report(request, issue, "publish", also)
                self.warn_about_articles_left_behind(request, issue)
            return HttpResponseRedirect(change_url)
        return self.render_publish_confirmation(request, [issue])

    def render_publish_confirmation(self, request, issues, queryset=None):
        now = timezone.now()
        editions = []
        for issue in issues:
            going = list(workflow.articles_going_with(issue, with_drafts=True))
            drafts = [a for a in going if a.status == Status.DRAFT]
            # When readers will see it: the time publishing would give it (workflow.apply).
            at = issue.publish_at or workflow.default_publish_time(issue, now)
            editions.append(
                {
                    "issue": issue,
                    "articles": going,
                    "drafts": len(drafts),
                    "appears": appears(at, now),
                    "scheduled": at > now,
                }
            )
        drafts = sum(edition["drafts"] for edition in editions)
        if len(issues) == 1:
            at = issues[0].publish_at or workflow.default_publish_time(issues[0], now)
            if at > now:
                title = ngettext(
                    "Publish this page and its %(count)d draft article, to appear at %(when)s?",
                    "Publish this page and its %(count)d draft articles, to appear at %(when)s?",
                    drafts,
                ) % {"count": drafts, "when": local_minute(at)}
            else:
                title = ngettext(
                    "Publish this page and its %(count)d draft article now?",
                    "Publish this page and its %(count)d draft articles now?",
                    drafts,
                ) % {"count": drafts}
        else:
            title = ngettext(
                "Publish these pages and their %(count)d draft article?",
                "Publish these pages and their %(count)d draft articles?",
                drafts,
            ) % {"count": drafts}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "editions": editions,
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "cancel_url": (
                reverse("admin:articles_issue_change", args=[issues[0].pk])
                if queryset is None
                else reverse("admin:articles_issue_changelist")
            ),
        }
        return TemplateResponse(request, "admin/articles/issue/publish_confirm.html", context)

    def response_change(self, request, obj):
        if self.requested_transition(request) == "publish" and self.asks_first(request, obj):
            # The form is saved; publishing its drafts too is asked first.
            return HttpResponseRedirect(reverse("admin:articles_issue_publish", args=[obj.pk]))
        response = super().response_change(request, obj)
        self.warn_about_articles_left_behind(request, obj)
        return response

    def asks_first(self, request, issue):
        """Publishing ``issue`` would leave drafts behind: the editor is asked first."""
        return (
            workflow.refusal(request.user, issue, "publish") is None
            and issue.articles.filter(status=Status.DRAFT).exists()
        )

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

    def save_model(self, request, obj, form, change):
        before = None
        if change and "publish_at" in form.changed_data:
            before = Issue.objects.filter(pk=obj.pk).values_list("publish_at", flat=True).get()
        super().save_model(request, obj, form, change)
        if before and obj.status == Status.PUBLISHED and obj.publish_at not in (None, before):
            # The articles published with the edition (at its time) follow it to its new time:
            # moved earlier, the page would otherwise appear without them.
            moved = obj.articles.filter(status=Status.PUBLISHED, publish_at=before)
            count = 0
            for article in moved.order_by("position", "pk"):
                article.publish_at, article.updated_by = obj.publish_at, request.user
                article.save(update_fields=["publish_at", "updated_by", "updated_at"])
                count += 1
            if count:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d article published with the edition follows it to its new time.",
                        "%(count)d articles published with the edition follow it to its new time.",
                        count,
                    )
                    % {"count": count},
                    messages.SUCCESS,
                )

    def warn_about_articles_left_behind(self, request, issue):
        """Articles an edition went out without (withdrawn ones, drafts of a list action refused
        or left out, articles with a later time of their own): say so when readers would get
        the page without some."""
        issue.refresh_from_db(fields=["status", "publish_at"])
        if issue.status != Status.PUBLISHED or not issue.publish_at:
            return
        behind = issue.articles.exclude(status=Status.PUBLISHED, publish_at__lte=issue.publish_at)
        count = behind.count()
        if not count:
            return
        url = reverse("admin:articles_article_changelist") + f"?issue__exact={issue.pk}"
        message = ngettext(
            "%(count)d article of %(issue)s is not published, or appears later than the "
            "page: readers will not see it with the page.",
            "%(count)d articles of %(issue)s are not published, or appear later than the "
            "page: readers will not see them with the page.",
            count,
        ) % {"count": count, "issue": issue}
        self.message_user(
            request,
            format_html('{} <a href="{}">{}</a>', message, url, gettext("See the articles")),
            messages.WARNING,
        )

    @admin.action(description=_("Publish selected editions with their articles"))
    def publish_editions(self, request, queryset):
        issues = list(queryset.order_by("date", "page_number"))
        if "confirm" not in request.POST and any(self.asks_first(request, i) for i in issues):
            return self.render_publish_confirmation(request, issues, queryset)
        self.run_transition(request, issues, "publish", with_drafts=True)
        for issue in issues:
            self.warn_about_articles_left_behind(request, issue)

    publish_editions.allowed_permissions = ["publish"]

    @admin.action(description=_("Withdraw selected editions"))
    def withdraw_editions(self, request, queryset):
        self.run_transition(request, queryset, "withdraw")

    withdraw_editions.allowed_permissions = ["publish"]


def local_minute(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def appears(at, now):
    """When readers see an edition published at ``at``: now, or the scheduled time."""
    if at > now:
        return gettext("Scheduled: readers see it at %(when)s.") % {"when": local_minute(at)}
    return gettext("Readers see it as soon as you confirm.")
