"""
Versions in the admin (django-reversion): compare, restore and recover deleted objects, behind
the same checks as the rest of the admin, and a restore that writes back one object alone.
"""

import datetime

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from reversion.models import Version
from reversion.revisions import _get_options as version_options
from reversion_compare.admin import CompareVersionAdmin
from reversion_compare.compare import FieldVersionDoesNotExist

from .admin import FieldNamesInChangeMessagesMixin, NotFoundOutsideQuerysetMixin
from .people import person_name
from .textdiff import highlight, html_to_text


class GuardedVersionAdmin(
    FieldNamesInChangeMessagesMixin, NotFoundOutsideQuerysetMixin, CompareVersionAdmin
):
    """Versions with compare, restore and recovery of deleted objects, behind the same checks.

    django-reversion's own views trust the URL more than this site does: they look versions up
    by id alone and check model-wide permissions only. Here every version view first finds the
    object through get_queryset() (so a user sees only versions of what they may see), a version
    must belong to this model and object, and restoring needs full rights on the model (add,
    change and delete), since it can recreate or overwrite anything. Restores are logged.

    A restore (or a recovery) writes back the object and what it follows (revert_alone), not the
    other objects saved in the same revision, and it is an edit of the text, not a step of the
    workflow: the fields in ``kept_on_restore`` stay as they are now, and a recovered object
    comes back with the values of ``recovered_as`` (e.g. as a draft).
    """

    kept_on_restore = ()
    recovered_as = {}
    # The comparison shows what people changed: not the bookkeeping each save changes anyway
    # (the edit counter, who saved it last and when: the history says so), nor relations that
    # are not kept in the versions (an edition's articles, an article's search words).
    compare_exclude = ["edit_version", "updated_at", "updated_by", "created_at", "created_by"]
    rich_text_fields = ()  # compared as the text a reader reads (newsroom.textdiff)

    history_latest_first = True
    object_history_template = "admin/versions_history.html"
    change_list_template = "admin/versions_change_list.html"

    def may_restore(self, request):
        return (
            self.has_add_permission(request)
            and self.has_change_permission(request)
            and self.has_delete_permission(request)
        )

    def _version_or_404(self, object_id, version_id):
        versions = Version.objects.get_for_model(self.model)
        return get_object_or_404(versions, pk=version_id, object_id=unquote(object_id))

    def _viewable_object(self, request, object_id):
        """The object, found through get_queryset() (404 otherwise), that the user may view
        (403 otherwise): the check the admin's change page makes, for every version view."""
        obj = self.get_object(request, unquote(object_id))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def history_view(self, request, object_id, extra_context=None):
        self._viewable_object(request, object_id)
        may_restore = self.may_restore(request)
        response = super().history_view(
            request, object_id, {"may_restore": may_restore, **(extra_context or {})}
        )
        if hasattr(response, "context_data"):
            actions = response.context_data.get("action_list", [])
            # Who saved each version, by name, not by account (newsroom.people.person_name).
            users = (
                get_user_model()
                .objects.select_related("contributor")
                .in_bulk({action["revision"].user_id for action in actions} - {None})
            )
            for action in actions:
                action["who"] = person_name(users.get(action["revision"].user_id))
                if not may_restore:
                    action["url"] = None  # no link to the restore page they may not use
        return response

    def compare_view(self, request, object_id, extra_context=None):
        obj = self._viewable_object(request, object_id)
        history = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_history",
            args=[quote(obj.pk)],
        )
        ids = [request.GET.get("version_id1"), request.GET.get("version_id2")]
        if ids[0] and ids[0] == ids[1]:
            messages.warning(
                request,
                gettext(
                    "You chose the same version twice, which has no differences from itself: "
                    "choose the earlier version in the “from” column and the later one in the "
                    "“to” column."
                ),
            )
            return HttpResponseRedirect(history)
        versions = Version.objects.get_for_object(obj).select_related("revision__user__contributor")
        chosen = versions.filter(pk__in=[i for i in ids if i and i.isdigit()]).order_by("pk")
        names = [person_name(version.revision.user) for version in chosen]
        context = {
            "who1": names[0] if names else "",  # the earlier version (the package's version1)
            "who2": names[-1] if names else "",
            "may_restore": self.may_restore(request),
            **(extra_context or {}),
        }
        return super().compare_view(request, object_id, context)

    def compare(self, obj, version1, version2):
        diff, _unfollowed = super().compare(obj, version1, version2)
        # Relations the versions do not keep are not shown as if they had changed.
        diff = [part for part in diff if part["follow"] is not False]
        for part in diff:
            part["label"] = field_label(part["field"])
        return diff, False

    def _readable(self, obj_compare):
        """The two values as text a person reads: nothing for an empty or missing value."""
        texts = []
        for raw, text in zip(
            (obj_compare.value1, obj_compare.value2), obj_compare.to_string(), strict=True
        ):
            if raw is None or raw == "" or isinstance(raw, FieldVersionDoesNotExist):
                text = ""
            elif obj_compare.field_name in self.rich_text_fields:
                text = html_to_text(raw)
            texts.append(text)
        return texts

    def fallback_compare(self, obj_compare):
        return highlight(*self._readable(obj_compare))

    def generic_add_remove(self, raw_value1, raw_value2, value1, value2):
        # A relation or file set, cleared or changed: the one highlighted difference.
        return highlight(
            value1 if raw_value1 is not None else "", value2 if raw_value2 is not None else ""
        )

    def compare_DateTimeField(self, obj_compare):
        """A time (an article's publication) as the site writes times, in local time."""
        before, after = (
            _local(value) if isinstance(value, datetime.datetime) else ""
            for value in (obj_compare.value1, obj_compare.value2)
        )
        return highlight(before, after)

    def compare_ForeignKey(self, obj_compare):
        """A person (created_by, updated_by, a contributor's account) by name, as the history
        names them, not by the sign-in name that User.__str__ gives."""
        if obj_compare.field.related_model is not get_user_model():
            return super().compare_ForeignKey(obj_compare)
        before, after = obj_compare.get_related()
        return self.generic_add_remove(before, after, person_name(before), person_name(after))

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not self.may_restore(request):
            raise PermissionDenied
        self._viewable_object(request, object_id)
        version = self._version_or_404(object_id, version_id)
        response = super().revision_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            self._log_restore(
                request,
                version,
                gettext("Restored the version of %(date)s")
                % {"date": _local(version.revision.date_created)},
            )
        return response

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        # django-reversion's restore and recovery view (one transaction; a GET rolls back), with
        # its revert step, version.revision.revert(), replaced by self._restore(version).
        restoring = _Overlay(
            version,
            revision=_Overlay(version.revision, revert=lambda delete=True: self._restore(version)),
        )
        return super()._reversion_revisionform_view(
            request, restoring, template_name, extra_context
        )

    def _restore(self, version):
        objects = self.model._default_manager.filter(pk=version.object_id)
        # Locked until the restore commits: a workflow step taken meanwhile is not written over.
        kept = objects.select_for_update().values(*self.kept_on_restore)
        now = kept.first() if self.kept_on_restore else None
        recovering = not objects.exists()
        revert_alone(version)
        if recovering and self.recovered_as:
            objects.update(**self.recovered_as)
        elif now:
            objects.update(**now)

    def recoverlist_view(self, request, extra_context=None):
        if not self.may_restore(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.may_restore(request):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_model(self.model), pk=version_id)
        response = super().recover_view(request, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            self._log_restore(
                request,
                version,
                gettext("Recovered after deletion (version of %(date)s)")
                % {"date": _local(version.revision.date_created)},
            )
        return response

    def changelist_view(self, request, extra_context=None):
        context = {"may_restore": self.may_restore(request), **(extra_context or {})}
        return super().changelist_view(request, context)

    def _log_restore(self, request, version, message):
        obj = self.model._default_manager.filter(pk=version.object_id).first()
        if obj is not None:
            self.log_change(request, obj, message)


class _Overlay:
    """``base`` with some of its attributes replaced."""

    def __init__(self, base, **replaced):
        self._base = base
        vars(self).update(replaced)

    def __getattr__(self, name):
        return getattr(self._base, name)


def revert_alone(version):
    """Write back the object of ``version`` and the objects it follows (an article's credits,
    photos and page areas) as they were in its revision, deleting followed objects added since.

    django-reversion reverts the whole revision, i.e. every object saved in the same request:
    restoring an edition would rewrite the articles published with it, and restoring one of
    those articles would rewrite the edition and the other articles. Here they stay as they are.
    """
    model = version.content_type.model_class()
    follows = [model._meta.get_field(name) for name in version_options(model).follow]
    if not all(field.one_to_many for field in follows):
        raise ImproperlyConfigured(f"{model.__name__}: only reverse foreign keys are followed.")
    versions = [version]
    for other in version.revision.version_set.exclude(pk=version.pk):
        other_model = other.content_type.model_class()
        if any(
            other_model is field.related_model
            and str(other.field_dict.get(field.field.attname)) == version.object_id
            for field in follows
        ):
            versions.append(other)
    current = model._default_manager.filter(pk=version.object_id).first()
    if current is not None:
        restored = {(v.content_type.model_class(), v.object_id) for v in versions}
        for field in follows:
            for child in getattr(current, field.get_accessor_name()).all():
                if (type(child), str(child.pk)) not in restored:
                    child.delete()
    for each in versions:
        each.revert()


def field_label(field):
    """A compared field's name as its form labels it: its verbose name, or for the objects that
    point to it (an article's credits, photos, page areas) their model's plural name, not the
    attribute's ("credits")."""
    label = getattr(field, "verbose_name", None)
    if label is None and getattr(field, "related_model", None) is not None:
        label = field.related_model._meta.verbose_name_plural
    return capfirst(label or field.name)


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
