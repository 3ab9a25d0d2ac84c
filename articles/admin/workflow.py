"""What the admins of editions and articles share: the workflow's buttons and list actions
(through articles.workflow), where a piece stands for readers, and its publish time."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from newsroom.admin import AuditedAdminMixin, StorageFailureAdminMixin
from newsroom.versions import GuardedVersionAdmin

from .. import workflow
from ..models import Status

TRANSITION = "_transition"  # the name of the buttons that ask for a step
STEP_NOTE = "_step_note"  # the note or comment of a step made without the form (a city reviewer)


def publication_state(obj):
    """'published …' when readers see it, 'scheduled for …', 'published …, waiting for its
    edition', or the status: for list columns. Whether it is public is published()'s answer,
    from with_public_now() on the list's queryset."""
    if obj.status != Status.PUBLISHED or not obj.publish_at:
        return obj.get_status_display()
    when = date_format(timezone.localtime(obj.publish_at), "Y-m-d H:i")
    public = getattr(obj, "public_now", None)
    if public is None:
        public = obj.is_public
    if public:
        return _("published %s") % when
    if obj.publish_at > timezone.now():
        return format_html('<span class="scheduled">{}</span>', _("scheduled for %s") % when)
    return format_html(
        '<span class="scheduled">{}</span>', _("published %s, waiting for its edition") % when
    )


class WorkflowAdminMixin:
    """Transition buttons on the change form and list actions, both through articles.workflow.

    Restoring a version changes the text, never where the object stands: its workflow fields
    stay as they are, and a deleted one comes back as a draft.
    """

    change_form_template = "admin/articles/workflow_change_form.html"
    transitions = {}  # the workflow's steps for this model, by name
    recovered_as = {"status": Status.DRAFT}

    @property
    def kept_on_restore(self):
        # And the edit number: a restore does not bring back an old one, which would let a form
        # opened before it save over it unnoticed (articles/conflicts.py).
        return [*workflow.state_fields(self.model), "edit_version"]

    def requested_transition(self, request):
        return request.POST.get(TRANSITION) or None

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        instance = obj or self.model()
        context["transitions"] = [
            t for t in workflow.allowed(request.user, instance) if self.offer_on_form(t, instance)
        ]
        # Steps made without the form (a reviewer's, who edits nothing) take their note here.
        context["step_note_name"] = STEP_NOTE
        context["step_note"] = obj is not None and any(
            t.by_reviewer for t in context["transitions"]
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id and self.requested_transition(request):
            obj = self.get_object(request, unquote(object_id))
            if not self.has_change_permission(request, obj):
                # A step on what this user may not edit (an author taking back their submitted
                # article, a city reviewer forwarding it): the step alone, with no form to save.
                self.apply_requested(request, obj, note=request.POST.get(STEP_NOTE, ""))
                return HttpResponseRedirect(request.path)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def offer_on_form(self, transition, obj):
        return True

    @admin.display(description=_("publication"), ordering="publish_at")
    def when(self, obj):
        return publication_state(obj)

    def response_add(self, request, obj, post_url_continue=None):
        self.apply_requested(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self.apply_requested(request, obj):
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def apply_requested(self, request, obj, note=None):
        """Make the transition a button asked for, after the form was saved (or alone, with
        ``note`` from the step's own field)."""
        name = self.requested_transition(request)
        if not name:
            return False
        transition = self.transitions.get(name)
        if note is None:
            note = (obj.review_note or "") if transition and transition.needs_note else ""
        edits = reversion.get_comment() if reversion.is_active() else ""
        try:
            also = workflow.apply(request.user, obj, name, note=note)
        except workflow.TransitionRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return True
        if reversion.is_active():
            # The version says what the form changed and the step ("Changed headline.
            # Submitted for review."), and the articles that went out with an edition: one
            # revision holds them all, and its comment is what each of their histories shows.
            parts = [edits] if edits and edits != gettext("No fields changed.") else []
            parts += [workflow.describe(obj, transition, note), *self.went_with(also)]
            reversion.set_comment(" ".join(parts))
        self.report(request, obj, name, also)
        return True

    def went_with(self, also):
        """The sentence that says how many articles were published with an edition."""
        if not also:
            return []
        return [
            ngettext(
                "%(count)d ready article was published with it.",
                "%(count)d ready articles were published with it.",
                len(also),
            )
            % {"count": len(also)}
        ]

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and "action" in request.POST:
            # A list action's steps each make their own version with their own comment
            # (workflow._save_logged): not one revision for all the selected objects, in which
            # every version would show the last one's ("Published (scheduled for …)").
            context = {
                "may_restore": self.may_restore(request),
                "has_change_permission": self.has_change_permission(request),
                **(extra_context or {}),
            }
            return admin.ModelAdmin.changelist_view(self, request, context)
        return super().changelist_view(request, extra_context)

    def report(self, request, obj, name, also=()):
        message = gettext("“%(obj)s”: %(done)s.") % {
            "obj": obj,
            "done": workflow.describe(obj, self.transitions[name]),
        }
        for sentence in [*self.went_with(also), *self.more_to_report(obj)]:
            message += " " + sentence
        self.message_user(request, message, messages.SUCCESS)

    def more_to_report(self, obj):
        """Sentences to add to the message after a step on ``obj``."""
        return []

    def run_transition(self, request, queryset, name):
        """A list action: the transition on each selected object the user may move."""
        done, refused = 0, []
        for obj in queryset:
            try:
                workflow.apply(request.user, obj, name)
            except workflow.TransitionRefused as refusal:
                refused.append(f"{obj}: {refusal}")
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d item changed.", "%(count)d items changed.", done)
                % {"count": done},
                messages.SUCCESS,
            )
        for line in refused:
            self.message_user(request, line, messages.WARNING)


class PublishTimeFormMixin:
    """Published means 'from this time on': the time cannot be emptied while published.

    The form shows whole seconds; the stored time (a step's "now") may have fractions. The same
    second saved back is the stored time, not a new one a fraction earlier: an edition's
    articles published at its time stay at it, and a save changes no time nobody touched."""

    def clean(self):
        cleaned_data = super().clean()
        published = self.instance.status == Status.PUBLISHED
        value, stored = cleaned_data.get("publish_at"), self.instance.publish_at
        if published and "publish_at" in self.fields and not value:
            self.add_error(
                "publish_at", gettext("A published item needs its time; withdraw it instead.")
            )
        elif value and stored and value == stored.replace(microsecond=0):
            cleaned_data["publish_at"] = stored
        return cleaned_data


class PublishableAdmin(
    StorageFailureAdminMixin, WorkflowAdminMixin, AuditedAdminMixin, GuardedVersionAdmin
):
    """The admin of a Publishable (editions, articles): status changes through the workflow,
    who changed it, versions with guarded restores, a file that cannot be stored fails the save."""
