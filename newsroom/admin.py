"""Admin pieces shared by the apps."""

import logging

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import (
    FieldDoesNotExist,
    ImproperlyConfigured,
    PermissionDenied,
    ValidationError,
)
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from reversion.models import Version
from reversion.revisions import _get_options as version_options
from reversion_compare.admin import CompareVersionAdmin

from accounts.roles import person_name
from newsroom.models import Audited

logger = logging.getLogger(__name__)


class NewsroomAdminSite(admin.AdminSite):
    """The admin site (made the default by newsroom.apps.NewsroomAdminConfig).

    Its one change: the "view on site" redirect (``r/<content type>/<id>/``, Django's
    contenttypes shortcut) answers only for an object the user may view through its
    ModelAdmin, like every other admin page. Django's own checks only that the user is staff,
    and the address it redirects to spells out a draft's headline (its slug) or an edition's
    date and page.
    """

    def get_urls(self):
        urls = super().get_urls()
        guarded = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [guarded if getattr(url, "name", None) == "view_on_site" else url for url in urls]

    def view_on_site(self, request, content_type_id, object_id):
        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except (ContentType.DoesNotExist, ValueError):
            raise Http404 from None
        model_admin = self._registry.get(model)
        if model_admin is None:
            raise Http404  # a model without an admin: nothing of it is the user's to see
        try:
            obj = model_admin.get_object(request, unquote(object_id))
        except PermissionDenied:
            obj = None  # no access to the model: the same 404, telling nothing
        if obj is None or not model_admin.has_view_or_change_permission(request, obj):
            raise Http404
        return contenttype_views.shortcut(request, content_type_id, object_id)


class AuditedAdminMixin:
    """Fill created_by / updated_by from the signed-in user, for the object and its inlines."""

    def save_model(self, request, obj, form, change):
        if isinstance(obj, Audited):
            if not change or obj.created_by_id is None:
                obj.created_by = request.user
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Audited):
                if instance.pk is None:
                    instance.created_by = request.user
                instance.updated_by = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


class NotFoundOutsideQuerysetMixin:
    """An id outside get_queryset() is a plain 404.

    The admin's default is a redirect saying the object "perhaps was deleted"; a 404 for anything
    a user may not see tells them nothing about what exists.
    """

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            if not self.has_view_or_change_permission(request):
                raise PermissionDenied  # no access to the model at all: say so, as elsewhere
            raise Http404
        return obj


class FieldNamesInChangeMessagesMixin:
    """The history's "changed …" names a field by its model field's verbose name, and an inline
    object (a credit: "photographer (摄): 张丽") as it reads in the site's language."""

    def construct_change_message(self, request, form, formsets, add=False):
        """Name a changed field by its model field's verbose name ("body"), the msgid that the
        catalogue translates, not by the capitalised form label Django stores ("Body", in no
        catalogue), so that the history reads "已修改正文。" and not "已修改Body。"."""
        message = super().construct_change_message(request, form, formsets, add)
        changed = [(f, f.changed_data) for f in [form, *(g for fs in formsets or () for g in fs)]]
        msgids = {}
        with translation.override(None):
            for each, names in changed:
                model = getattr(getattr(each, "_meta", None), "model", None)
                for name in names:
                    try:
                        verbose_name = str(model._meta.get_field(name).verbose_name)
                    except (AttributeError, FieldDoesNotExist):
                        continue
                    label = str(each.fields[name].label) if name in each.fields else None
                    if label == capfirst(verbose_name):
                        msgids[label] = verbose_name
        # Django stores the inline objects' names untranslated (its messages are translated
        # when shown, but an object's name cannot be): stored in the site's language instead.
        objects = [
            obj
            for formset in formsets or ()
            for obj in [
                *formset.new_objects,
                *(changed for changed, _fields in formset.changed_objects),
                *formset.deleted_objects,
            ]
        ]
        with translation.override(None):
            untranslated = [str(obj) for obj in objects]
        with translation.override(settings.LANGUAGE_CODE):
            names = dict(zip(untranslated, (str(obj) for obj in objects), strict=True))
        for part in message:
            for action in part.values():
                if "object" in action:
                    action["object"] = names.get(action["object"], action["object"])
            fields = part.get("changed", {}).get("fields")
            if fields:
                part["changed"]["fields"] = [msgids.get(label, label) for label in fields]
        return message


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
            # Who saved each version, by name, not by account (accounts.roles.person_name).
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
        self._viewable_object(request, object_id)
        return super().compare_view(request, object_id, extra_context)

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


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


class StorageFailedForm:
    """Added to an admin form for the second pass after a file could not be stored."""

    def clean(self):
        super().clean()
        raise ValidationError(
            gettext(
                "The uploaded files could not be stored (the disk may be full), so nothing was "
                "saved. Please choose the files again and save; if this keeps happening, tell "
                "the site's administrator."
            ),
            code="storage",
        )


class StorageFailureAdminMixin:
    """A file that cannot be stored (a full disk, a storage error) fails the whole save.

    The admin saves an object, its inlines and their files inside one database transaction, so an
    OSError while writing a file rolls all of it back: no half-saved article. The form then comes
    back with what the editor typed and a plain message, instead of an error page.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OSError:
            if request.method != "POST":
                raise
            logger.exception("A file could not be stored; the save was rolled back")
            request.storage_failed = True
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if getattr(request, "storage_failed", False):
            form = type(form.__name__, (StorageFailedForm, form), {})
        return form
