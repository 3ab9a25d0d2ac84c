"""Personal information in the admin: the word lists, and on the article's page its findings
highlighted in place with one-click fixes, dismissals and the editors' override.

The article admin is articles' own, extended here (articles does not know this app): it is
registered again as PrivacyArticleAdmin."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from articles import workflow
from articles.admin.articles import ArticleAdmin, PhotoInline
from articles.admin.editions import IssueAdmin
from articles.admin.page_import import PageImportView
from articles.admin.workflow import TRANSITION
from articles.importing.parser import parse_page
from articles.models import Article, Issue, Status

from . import checks, measure, service
from .models import Dismissal, ListEntry, Override


@admin.register(ListEntry)
class ListEntryAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "note"]
    list_filter = ["kind"]
    search_fields = ["value", "note"]


class _RecordAdmin(admin.ModelAdmin):
    """Dismissals and overrides are made on the article's page and kept as they were made."""

    list_select_related = ["article", "created_by"]
    search_fields = ["article__headline", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return service.may_override(request.user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Dismissal)
class DismissalAdmin(_RecordAdmin):
    list_display = ["text", "kind", "article", "reason", "created_by", "created_at"]


@admin.register(Override)
class OverrideAdmin(_RecordAdmin):
    list_display = ["article", "reason", "created_by", "created_at"]


def page_still_shows(article):
    """The sentence that says the printed page still shows the original, if there is one."""
    issue = article.issue
    if issue is None or not (issue.page_image or issue.page_pdf):
        return None
    return gettext(
        "The printed page of edition %(issue)s (its image or PDF) still shows the original "
        "text: replace it."
    ) % {"issue": issue}


def panel(request, article):
    """What the findings panel shows: each field's text with its findings in place."""
    found = service.findings(article)
    if not found:
        return None
    dismissed = service.dismissed_keys(article)
    still_open = [f for f in found if f.key not in dismissed]
    blocking = {f.key for f in service.blocking(article, still_open)}
    texts = service.fields_of(article)
    fields = []
    for name, text in texts.items():
        mine = [f for f in found if f.field == name]
        if not mine:
            continue
        parts = []
        for piece, finding in checks.highlight(text, mine):
            if finding is None:
                parts.append({"text": piece})
            else:
                parts.append(
                    {
                        "text": piece,
                        "finding": finding,
                        "dismissed": finding.key in dismissed,
                        "label": service.KIND_LABELS[finding.kind],
                    }
                )
        fields.append({"label": service.field_label(name), "parts": parts})
    items = [
        {
            "finding": f,
            "label": service.KIND_LABELS[f.kind],
            "severity": service.SEVERITY_LABELS[f.severity],
            "field": service.field_label(f.field),
            "replacement": f.replacement(),
            "dismissed": f.key in dismissed,
            "blocking": f.key in blocking,
            "number": index,
        }
        for index, f in enumerate(found, start=1)
    ]
    return {
        "fields": fields,
        "items": items,
        "blocking": len(blocking),
        "open": sum(1 for f in found if f.key not in dismissed),
        "may_fix": workflow.can_edit(request.user, article),
        "may_override": service.may_override(request.user),
        "page_notice": page_still_shows(article),
    }


def stays_public(article, data):
    """Whether saving this form leaves ``article`` before readers: it is published and the button
    pressed is not one that takes it off the site (withdrawing is never held back)."""
    if article.pk is None or article.status != Status.PUBLISHED:
        return False
    transition = workflow.ARTICLE_TRANSITIONS.get(data.get(TRANSITION) or "")
    return transition is None or transition.target == Status.PUBLISHED


class PrivacyArticleForm(ArticleAdmin.form):
    """Saving a published article puts its text before readers at once: the same gate."""

    def _post_clean(self):
        super()._post_clean()
        article = self.instance
        if not stays_public(article, self.data) or self.errors:
            return
        reason = workflow.publish_refusal(article)
        if reason:
            self.add_error(None, forms.ValidationError(reason, code="privacy"))


class PublishedCaptionsFormSet(PhotoInline.formset):
    """The captions of a published article's photos go before readers at once too."""

    def clean(self):
        super().clean()
        article = self.instance
        if not stays_public(article, self.data):
            return
        captions = {
            f"caption:{index}": form.cleaned_data.get("caption") or ""
            for index, form in enumerate(self.forms)
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        }
        settled = service.dismissed_keys(article) | service.overridden_keys(article)
        found = [
            f
            for f in checks.check(
                captions, service.current_lists(), service.credited_names(article)
            )
            if f.must_fix and f.key not in settled
        ]
        if found:
            raise forms.ValidationError(
                gettext("A published article's photo caption holds personal information: %s.")
                % "；".join(service.describe(f) for f in found)
            )


class PrivacyPhotoInline(PhotoInline):
    formset = PublishedCaptionsFormSet


class PrivacyArticleAdmin(ArticleAdmin):
    form = PrivacyArticleForm
    change_form_template = "admin/privacy/article_change_form.html"

    class Media:
        css = {"all": ["css/admin.css", "css/privacy.css"]}

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(self.privacy_view))
        return [
            path(
                "<path:object_id>/privacy/<str:action>/",
                view,
                name="articles_article_privacy",
            ),
            *super().get_urls(),
        ]

    def get_inlines(self, request, obj):
        return [
            PrivacyPhotoInline if inline is PhotoInline else inline
            for inline in super().get_inlines(request, obj)
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["privacy"] = panel(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def report(self, request, obj, name, also=()):
        super().report(request, obj, name, also)
        if name != "submit":
            return
        found = [f for f in service.open_findings(obj) if f.must_fix]
        if found:
            self.message_user(
                request,
                ngettext(
                    "Before it can be published, fix %(count)d piece of personal information: "
                    "%(findings)s.",
                    "Before it can be published, fix %(count)d pieces of personal information: "
                    "%(findings)s.",
                    len(found),
                )
                % {"count": len(found), "findings": "；".join(service.describe(f) for f in found)},
                messages.WARNING,
            )

    def privacy_view(self, request, object_id, action):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        back = reverse("admin:articles_article_change", args=[article.pk])
        key = request.POST.get("key", "")
        try:
            if action == "fix":
                if not workflow.can_edit(request.user, article):
                    raise PermissionDenied
                message = service.apply_fix(request.user, article, key)
                self.message_user(request, message, messages.SUCCESS)
                notice = page_still_shows(article)
                if notice:
                    self.message_user(request, notice, messages.WARNING)
            elif action in ("dismiss", "override"):
                if not (service.may_override(request.user) and workflow.is_editor(request.user)):
                    raise PermissionDenied
                field = f"dismiss_reason_{key}" if action == "dismiss" else "override_reason"
                reason = request.POST.get(field, "").strip()
                if not reason:
                    message = gettext("Give a reason, for the article's history.")
                    self.message_user(request, message, messages.ERROR)
                elif action == "dismiss":
                    message = service.dismiss(request.user, article, key, reason)
                    self.message_user(request, message, messages.SUCCESS)
                else:
                    message = service.override(request.user, article, reason)
                    self.message_user(
                        request,
                        message or gettext("Nothing to override: no must-fix finding is open."),
                        messages.SUCCESS if message else messages.INFO,
                    )
            else:
                raise Http404
        except service.FindingGone as gone:
            self.message_user(request, str(gone), messages.WARNING)
        return HttpResponseRedirect(back)


admin.site.unregister(Article)
admin.site.register(Article, PrivacyArticleAdmin)


class PrivacyPageImportView(PageImportView):
    """The page import's preview lists each article's findings too."""

    def post(self, request):
        response = super().post(request)
        context = getattr(response, "context_data", None) or {}
        if isinstance(response, TemplateResponse) and "report" in context:
            page = parse_page(context["options"]["content"], source=context["options"]["source"])
            found = []
            for position, article in enumerate(page.articles, start=1):
                fields = measure.parsed_fields(article)
                names = measure.parsed_names(article)
                for finding in checks.check(fields, service.current_lists(), exempt_names=names):
                    found.append(
                        {
                            "position": position,
                            "headline": article.headline,
                            "severity": service.SEVERITY_LABELS[finding.severity],
                            "must_fix": finding.must_fix,
                            "label": service.KIND_LABELS[finding.kind],
                            "text": finding.text,
                            "context": finding.context,
                        }
                    )
            context["privacy_findings"] = found
            response.template_name = "admin/privacy/import_preview.html"
        return response


class PrivacyIssueAdmin(IssueAdmin):
    def get_urls(self):
        page_import = self.admin_site.admin_view(PrivacyPageImportView.as_view(model_admin=self))
        urls = [
            u for u in super().get_urls() if getattr(u, "name", None) != "articles_issue_import"
        ]
        return [path("import/", page_import, name="articles_issue_import"), *urls]


admin.site.unregister(Issue)
admin.site.register(Issue, PrivacyIssueAdmin)
