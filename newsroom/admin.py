"""The admin site, and admin mixins shared by the apps: who changed a row, 404 outside the
queryset, field names in the change messages, a file that cannot be stored. Versions and
restores: newsroom/versions.py."""

import logging

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import (
    FieldDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.http import Http404
from django.urls import path
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from newsroom.models import Audited

logger = logging.getLogger(__name__)


class AutocompleteLabelsView(AutocompleteJsonView):
    """The admin's autocomplete, with each choice labelled by its ModelAdmin's
    ``autocomplete_label(obj)`` where it has one (an article: where it appeared), and its rows
    fetched with ``autocomplete_select_related``."""

    def get_queryset(self):
        queryset = super().get_queryset()
        related = getattr(self.model_admin, "autocomplete_select_related", ())
        return queryset.select_related(*related) if related else queryset

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        if label is not None:
            result["text"] = str(label(obj))
        return result


class NewsroomAdminSite(admin.AdminSite):
    """The admin site (made the default by newsroom.apps.NewsroomAdminConfig).

    Its autocomplete labels choices as their ModelAdmin says (AutocompleteLabelsView). And the
    "view on site" redirect (``r/<content type>/<id>/``, Django's
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

    def autocomplete_view(self, request):
        return AutocompleteLabelsView.as_view(admin_site=self)(request)

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
