"""Articles in the admin: the editors' full form and the correspondents' own, credits, photos,
page areas, conflicts between two editors and the workflow's steps."""

from django import forms
from django.contrib import admin
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from courts.models import Court
from newsroom.people import person_name

from .. import renditions, workflow
from ..conflicts import ConcurrentEditFormMixin
from ..models import Article, Contributor, Credit, Issue, PageArea, Photo, Status, WorkflowStep
from ..richtext import render_html
from ..uploads import UploadedImageField
from .filters import CityCourtFilter, PublicationFilter
from .workflow import TRANSITION, PublishableAdmin, PublishTimeFormMixin


class FollowsArticleInlineMixin:
    """An article's photos and credits are editable exactly when the article is."""

    def _article_editable(self, request, obj):
        return obj is None or workflow.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._article_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._article_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._article_editable(request, obj)


class CreditInline(FollowsArticleInlineMixin, admin.TabularInline):
    model = Credit
    fields = ["position", "role", "contributor"]
    autocomplete_fields = ["contributor"]
    extra = 0


# Two ways to add a picture, each said where it is offered: in the text, or as the article's photo.
BODY_HELP = _(
    "A picture inserted here (the toolbar's image button) is part of the text, where it is "
    "placed. For the article's photos, shown with a caption and the photographer's credit "
    "(摄), use “Photos” below."
)
PHOTO_HELP = _(
    "The article's photo, shown with its caption and credited to its photographer (摄). For a "
    "picture inside the text, use the image button of the body's toolbar instead."
)


class PhotoForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = []  # the inline passes its fields
        field_classes = {"image": UploadedImageField}
        help_texts = {"image": PHOTO_HELP}


class PhotoInline(FollowsArticleInlineMixin, admin.StackedInline):
    model = Photo
    form = PhotoForm
    fields = ["preview", ("image", "position"), "caption", "alt_text", "photographer"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["photographer"]
    extra = 0

    def get_fields(self, request, obj=None):
        if workflow.is_editor(request.user):
            return self.fields
        # Correspondents cannot look up contributors; an editor credits the photographer.
        return ["preview", ("image", "position"), "caption", "alt_text"]

    @admin.display(description=_("current picture"))
    def preview(self, photo):
        """The saved photo itself, beside the file field that names it only."""
        if photo is None or photo.pk is None or not photo.image:
            return "—"
        return format_html(
            '<a href="{}"><img src="{}" alt="{}" class="photo-preview" loading="lazy"></a>',
            photo.image.url,
            renditions.rendition_url(photo.image, 480),
            photo.alt_text or photo.caption,
        )


class ReviewerPhotoInline(PhotoInline):
    """A city reviewer's view of the photos of a piece under review: each picture itself (not its
    file name), its caption, description and photographer, nothing to change."""

    fields = readonly_fields = ["picture", "caption", "alt_text", "photographer_name"]

    def get_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("image"))
    def picture(self, photo):
        return self.preview(photo)

    @admin.display(description=_("photographer"))
    def photographer_name(self, photo):
        # Their name only: the contributor's page is the editors'.
        return str(photo.photographer) if photo.photographer_id else "—"


class PageAreaInline(FollowsArticleInlineMixin, admin.TabularInline):
    model = PageArea
    fields = ["left", "top", "width", "height"]
    extra = 0
    template = "admin/articles/article/page_area_inline.html"  # links to the page's area editor


class ArticleAdminForm(PublishTimeFormMixin, ConcurrentEditFormMixin, forms.ModelForm):
    user = None  # set per request by ArticleAdmin.get_form

    class Meta:
        model = Article
        fields = []  # the admin passes the fields of the user's fieldsets
        help_texts = {"body": BODY_HELP}

    def clean(self):
        cleaned_data = super().clean()
        name = self.data.get(TRANSITION)
        if name:
            reason = workflow.refusal(self.user, self.instance, name)
            if reason:
                raise forms.ValidationError(reason, code="transition")
            transition = workflow.ARTICLE_TRANSITIONS[name]
            if transition.needs_note and not (cleaned_data.get("review_note") or "").strip():
                self.add_error(
                    "review_note", gettext("Write a note that tells the author what to change.")
                )
        return cleaned_data


def placed_label(article):
    """An article as a choice, with where it appeared, to tell apart pieces with like headlines:
    “巡回审判进草原 (2025-06-27 page 05)”, or a web article's publication date."""
    if article.issue_id:
        where = str(article.issue)
    elif article.publish_at:
        where = gettext("web, %(date)s") % {
            "date": timezone.localtime(article.publish_at).strftime("%Y-%m-%d")
        }
    else:
        return article.headline
    return gettext("%(headline)s (%(where)s)") % {"headline": article.headline, "where": where}


def sent_back(article):
    """Why a draft came back, for the top of its form: the note, who wrote it and when (the
    last send-back), or None."""
    if article is None or article.status != Status.DRAFT or not article.review_note:
        return None
    step = (
        WorkflowStep.objects.filter(article=article, name__in=["send_back", "city_send_back"])
        .select_related("by__contributor")
        .order_by("-at", "-pk")
        .first()
    )
    return {
        "note": article.review_note,
        "by": person_name(step.by) if step else "",
        "at": date_format(timezone.localtime(step.at), "Y-m-d H:i") if step else "",
    }


def is_reviewer_only(user):
    """A city reviewer who is not also an editor: reads and moves pieces, edits none."""
    return workflow.reviewer_city(user) is not None and not user.has_perm("articles.change_article")


def taggable_courts(request):
    """The courts a correspondent may tag: their court and those below it, and the courts an
    editor already tagged on the article being edited."""
    court = workflow.court_of(request.user)
    courts = Court.objects.filter(path__startswith=court.path) if court else Court.objects.none()
    match = getattr(request, "resolver_match", None)
    object_id = match.kwargs.get("object_id") if match else None
    if object_id and str(object_id).isdigit():
        tagged = Article.objects.visible_to(request.user).filter(pk=object_id).values("courts")
        courts = Court.objects.filter(pk__in=courts.values("pk")) | Court.objects.filter(
            pk__in=tagged
        )
    return courts


def step_label(step):
    transition = workflow.ARTICLE_TRANSITIONS.get(step.name)
    if transition is None:
        return step.name
    if step.name == "submit" and step.to_status == Status.CITY_REVIEW:
        return gettext("Submitted to the city court's review")
    return str(transition.done)


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    form = ArticleAdminForm
    transitions = workflow.ARTICLE_TRANSITIONS
    list_display = ["headline", "issue", "position", "status", "when", "updated_at"]
    list_filter = [
        "status",
        PublicationFilter,
        "publish_at",
        CityCourtFilter,
        ("courts", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["issue"]
    search_fields = ["headline", "kicker", "subtitle", "byline", "dateline", "body"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["issue", "courts"]
    inlines = [CreditInline, PhotoInline, PageAreaInline]
    actions = ["submit_articles", "publish_articles", "withdraw_articles"]
    rich_text_fields = ["body"]

    class Media:
        css = {"all": ["css/admin.css"]}  # the body's subheads and lists, as on the page

    fieldsets = [
        (
            None,
            {"fields": ["kicker", "headline", "subtitle", "byline", "dateline", "loaded_version"]},
        ),
        (None, {"fields": ["body", "end_credit"]}),
        (_("Edition and courts"), {"fields": [("issue", "position", "leads_page"), "courts"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "publish_at",
                    "review_note",
                    ("submitted_at", "submitted_by_name", "submitted_from_name"),
                    ("forwarded_at", "forwarded_by_name"),
                    "forward_comment",
                    "step_history",
                ],
                "description": _(
                    "Publish shows the article at the time set here; if empty, an article of an "
                    "edition is dated 06:00 on the edition's date and a web-only article now. A "
                    "future time schedules it. An article on an edition appears once the "
                    "edition is published too."
                ),
            },
        ),
        (
            _("Advanced"),
            {
                "classes": ["collapse"],
                "fields": [
                    "summary",
                    "slug",
                    ("created_at", "created_by_name"),
                    ("updated_at", "updated_by_name"),
                ],
            },
        ),
    ]
    # Correspondents write the text and choose the courts; the rest is the editors' part.
    author_fieldsets = [
        (
            None,
            {"fields": ["kicker", "headline", "subtitle", "byline", "dateline", "loaded_version"]},
        ),
        (None, {"fields": ["body", "end_credit", "summary"]}),
        (_("Courts"), {"fields": ["courts"]}),
        (
            _("Review"),
            {
                "fields": [
                    "status",
                    "review_note",
                    "submitted_at",
                    "forward_comment",
                    "publish_at",
                    "step_history",
                ]
            },
        ),
    ]
    # A city reviewer reads the piece and its way so far; the note or comment goes with the step.
    reviewer_fieldsets = [
        (None, {"fields": ["kicker", "headline", "subtitle", "byline", "dateline"]}),
        (None, {"fields": ["body_html", "end_credit", "summary", "courts"]}),
        (
            _("Review"),
            {
                "fields": [
                    "status",
                    ("submitted_at", "submitted_by_name", "submitted_from_name"),
                    "review_note",
                    "forward_comment",
                    "step_history",
                ]
            },
        ),
    ]
    always_readonly = [
        "status",
        "submitted_at",
        "submitted_by_name",
        "submitted_from_name",
        "forwarded_at",
        "forwarded_by_name",
        "forward_comment",
        "step_history",
        "created_at",
        "created_by_name",
        "updated_at",
        "updated_by_name",
        "body_html",
    ]

    def view_on_site(self, obj):
        return reverse("articles:preview", args=[obj.pk])

    autocomplete_select_related = ["issue"]

    def autocomplete_label(self, article):
        return placed_label(article)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["sent_back"] = sent_back(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).visible_to(request.user).with_public_now()
        if workflow.is_editor(request.user) or workflow.reviewer_city(request.user):
            queryset = queryset.select_related("submitted_from", "submitted_by__contributor")
        return queryset

    def get_ordering(self, request):
        if workflow.is_editor(request.user) and request.GET.get("publication") == "review":
            # What the city courts forwarded first, then by the time it was submitted.
            return [F("forwarded_at").desc(nulls_last=True), "submitted_at", "pk"]
        return super().get_ordering(request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "courts" and not workflow.is_editor(request.user):
            # A correspondent tags their court and the courts below it (and keeps those an
            # editor tagged already); an autocomplete or a forged POST offers nothing more.
            kwargs["queryset"] = taggable_courts(request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def get_fieldsets(self, request, obj=None):
        if workflow.is_editor(request.user):
            fieldsets = self.fieldsets
        elif is_reviewer_only(request.user):
            return self.reviewer_fieldsets
        else:
            fieldsets = self.author_fieldsets
        if obj is not None and not self.has_change_permission(request, obj):
            # Read only: the body as readers will see it, not as HTML source.
            fieldsets = [
                (
                    name,
                    {**opts, "fields": ["body_html" if f == "body" else f for f in opts["fields"]]},
                )
                for name, opts in fieldsets
            ]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        if workflow.is_editor(request.user):
            return self.always_readonly
        return [*self.always_readonly, "review_note", "publish_at", "forward_comment"]

    def get_inlines(self, request, obj):
        if workflow.is_editor(request.user):
            return self.inlines
        if is_reviewer_only(request.user):
            return [ReviewerPhotoInline]
        return [PhotoInline]

    def get_list_display(self, request):
        if workflow.is_editor(request.user):
            return [*self.list_display[:4], "forwarded", *self.list_display[4:]]
        if is_reviewer_only(request.user):
            return ["headline", "submitted_from", "submitted_by_name", "status", "submitted_at"]
        return ["headline", "status", "when", "review_note_excerpt", "updated_at"]

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or workflow.can_view(request.user, obj)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or workflow.can_edit(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or workflow.is_editor(request.user)
        )

    def has_publish_permission(self, request):
        return workflow.is_editor(request.user)

    def more_to_report(self, obj):
        if obj.status != Status.PUBLISHED or not obj.issue_id or obj.issue.is_public:
            return []
        if Issue.objects.scheduled().filter(pk=obj.issue_id).exists():
            when = date_format(timezone.localtime(obj.issue.publish_at), "Y-m-d H:i")
            return [
                gettext("Readers will see it from %(when)s, when its edition %(issue)s appears.")
                % {"issue": obj.issue, "when": when}
            ]
        return [
            gettext("Readers will see it once its edition %(issue)s is published.")
            % {"issue": obj.issue}
        ]

    def offer_on_form(self, transition, obj):
        # Sending back needs the note field, which is on the form: offered only for a saved
        # article that is waiting for review or withdrawn.
        return not (transition.needs_note and obj.pk is None)

    def save_model(self, request, obj, form, change):
        # A working title is not a draft's address for ever (Article.follows_its_headline).
        renamed = change and "headline" in form.changed_data and "slug" not in form.changed_data
        if renamed and obj.follows_its_headline(headline=form.initial.get("headline") or ""):
            obj.slug = ""
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if change or workflow.is_editor(request.user):
            return
        # A correspondent's new article carries their name as its correspondent.
        contributor = Contributor.objects.filter(user=request.user).first()
        if contributor is not None:
            Credit.objects.get_or_create(
                article=article,
                contributor=contributor,
                role=Credit.Role.CORRESPONDENT,
                defaults={"position": 1},
            )

    @admin.display(description=_("body"))
    def body_html(self, obj):
        return render_html(obj.body)

    @admin.display(description=_("submitted by"))
    def submitted_by_name(self, obj):
        return person_name(obj.submitted_by)

    @admin.display(description=_("submitted from"))
    def submitted_from_name(self, obj):
        return obj.submitted_from.name if obj.submitted_from_id else "—"

    @admin.display(description=_("forwarded by"))
    def forwarded_by_name(self, obj):
        return person_name(obj.forwarded_by) if obj.forwarded_by_id else "—"

    @admin.display(description=_("city court"), ordering="forwarded_at")
    def forwarded(self, obj):
        """Forwarded by a city court: its comment, for the editors' list."""
        if not obj.forwarded_at or obj.status != Status.REVIEW:
            return ""
        comment = obj.forward_comment[:60] or gettext("forwarded")
        return f"{obj.submitted_from.display_name if obj.submitted_from else ''} {comment}".strip()

    @admin.display(description=_("steps"))
    def step_history(self, obj):
        """Each workflow step: when, what, who, and the note."""
        if obj is None or obj.pk is None:
            return "—"
        steps = WorkflowStep.objects.filter(article=obj).select_related("by__contributor")
        return (
            format_html_join(
                "",
                '<div class="workflow-step">{} {} {}{}</div>',
                (
                    (
                        date_format(timezone.localtime(step.at), "Y-m-d H:i"),
                        step_label(step),
                        person_name(step.by),
                        f"：{step.note}" if step.note else "",
                    )
                    for step in steps
                ),
            )
            or "—"
        )

    @admin.display(description=_("created by"))
    def created_by_name(self, obj):
        return person_name(obj.created_by)

    @admin.display(description=_("updated by"))
    def updated_by_name(self, obj):
        return person_name(obj.updated_by)

    @admin.display(description=_("review note"))
    def review_note_excerpt(self, obj):
        return obj.review_note[:60]

    @admin.action(description=_("Submit selected articles for review"))
    def submit_articles(self, request, queryset):
        self.run_transition(request, queryset, "submit")

    submit_articles.allowed_permissions = ["change"]

    @admin.action(description=_("Publish selected articles (at their set time, or now)"))
    def publish_articles(self, request, queryset):
        self.run_transition(request, queryset, "publish")

    publish_articles.allowed_permissions = ["publish"]

    @admin.action(description=_("Withdraw selected articles"))
    def withdraw_articles(self, request, queryset):
        self.run_transition(request, queryset, "withdraw")

    withdraw_articles.allowed_permissions = ["publish"]
