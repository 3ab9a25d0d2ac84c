"""
Two people editing one article or edition: the second save must not silently overwrite the first.

The change form carries the object's ``edit_version`` (newsroom.models.EditCounted) as it was
when the form was opened. On save, if the stored object has moved on since, the form refuses
with a conflict that shows what the other person changed (field by field, from the saved version
the editor had opened) next to what this editor typed; the editor then reloads their version, or
saves theirs over it on purpose (the "_overwrite" button names the version they saw, so a third
save in between is caught too). Saving over it keeps the other person's change in every field
this editor left as it was when they opened the form: only what they changed themselves wins.
"""

import datetime
import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from reversion.models import Version
from reversion_compare.helpers import html_diff

from newsroom.people import person_name

from .richtext import RichTextField

OVERWRITE = "_overwrite"


@dataclass
class ChangedField:
    label: str
    diff: str  # HTML: their change, from the version this editor opened to the stored one
    yours: str
    you_changed_it_too: bool


@dataclass
class Conflict:
    current_version: int
    saved_by: object
    saved_at: object
    fields: list = field(default_factory=list)
    base_known: bool = True


class ConcurrentEditFormMixin(forms.Form):
    """For the admin form of an article or edition: refuse a save on top of a newer one, and
    explain it; saved over it on purpose, keep the other person's changes this one did not
    touch."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        self.kept_theirs = set()  # fields a save over theirs left as the other editor saved them
        if not self.is_bound:
            self.initial["loaded_version"] = self.instance.edit_version

    @property
    def changed_data(self):
        # The version marker is bookkeeping, and a field kept as the other editor saved it is
        # not a change this editor made (the history says what they changed).
        ignored = {"loaded_version", *self.kept_theirs}
        return [name for name in super().changed_data if name not in ignored]

    def clean(self):
        cleaned_data = super().clean()
        self.check_conflict(cleaned_data)
        return cleaned_data

    def check_conflict(self, cleaned_data):
        if self.instance.pk is None:
            return
        model = type(self.instance)
        stored = (
            model.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("edit_version", flat=True)
            .first()
        )
        loaded = cleaned_data.get("loaded_version")
        if stored is None or loaded == stored:
            return
        # A post that does not say which version it started from is treated as stale too.
        if self.data.get(OVERWRITE) == str(stored):
            # They saw this very version and chose to save theirs over it.
            self._keep_their_other_changes(cleaned_data, loaded)
            return
        self.conflict = self._describe(loaded)
        raise ValidationError(
            _(
                "Someone else saved this %(thing)s while you were editing it. Their changes are "
                "shown below: reload to continue from their version, or save yours over it."
            ),
            code="conflict",
            params={"thing": model._meta.verbose_name},
        )

    def _stored(self):
        model = type(self.instance)
        return model.objects.select_related("updated_by__contributor").get(pk=self.instance.pk)

    def _compared(self, current, base):
        """(name, theirs, yours, before) for each field of this form the model stores; ``base``
        is the version opened (``before`` is None when it is no longer kept)."""
        theirs = _values(current)
        for name, form_field in self.fields.items():
            if name not in theirs:
                continue
            before = base.get(name) if base is not None else None
            if isinstance(form_field, forms.FileField) and not self[name]._has_changed():
                # No new upload: the form gives back what is stored now, which is not a change
                # of this editor's.
                yours = before if base is not None else theirs[name]
            else:
                value = self.cleaned_data.get(name, theirs[name])
                yours = _raw(value, current._meta.get_field(name))
            yield name, theirs[name], yours, before

    def _keep_their_other_changes(self, cleaned_data, loaded):
        current = self._stored()
        base = _version_with(current, loaded)
        if base is None:
            return  # what they changed is not known: every difference was shown, and is saved
        for name, theirs, yours, before in self._compared(current, base):
            if yours == before and theirs != before:
                value = getattr(current, name)
                many = current._meta.get_field(name).many_to_many
                cleaned_data[name] = value.all() if many else value
                self.kept_theirs.add(name)

    def _describe(self, loaded):
        current = self._stored()
        base = _version_with(current, loaded)
        conflict = Conflict(
            current_version=current.edit_version,
            saved_by=person_name(current.updated_by) if current.updated_by else None,
            saved_at=current.updated_at,
            base_known=base is not None,
        )
        for name, theirs, yours, before in self._compared(current, base):
            if conflict.base_known and before == theirs:
                continue  # they did not touch this field
            if not conflict.base_known and yours == theirs:
                continue
            conflict.fields.append(
                ChangedField(
                    label=str(self.fields[name].label or name),
                    diff=html_diff(
                        _display(current, name, before), _display(current, name, theirs)
                    ),
                    yours=_display(current, name, yours),
                    you_changed_it_too=not conflict.base_known or yours != before,
                )
            )
        return conflict


def _values(obj):
    """The object's editable values, raw (ids for relations) so that they compare."""
    values = {f.name: _raw(getattr(obj, f.attname), f) for f in obj._meta.concrete_fields}
    for m2m in obj._meta.many_to_many:
        values[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
    return values


def _version_with(obj, edit_version):
    """The saved values of ``obj`` as they were at ``edit_version``, or None if not kept."""
    if edit_version is None:
        return None
    for version in Version.objects.get_for_object(obj).order_by("-pk")[:50]:
        try:
            data = version.field_dict
        except Exception:  # a version from an older schema that no longer loads
            continue
        if data.get("edit_version") == edit_version:
            values = {f.name: _raw(data.get(f.attname), f) for f in obj._meta.concrete_fields}
            for m2m in obj._meta.many_to_many:
                values[m2m.name] = sorted(data.get(m2m.name, []))
            return values
    return None


_BETWEEN_TAGS = re.compile(r">\s+<")


def _raw(value, model_field=None):
    """A value (a form's cleaned one, a stored one, a version's) in a form that compares: ids
    for objects, whole seconds for times (the form shows no fractions, versions keep
    milliseconds and the database microseconds), text with the line breaks a browser sends
    read as the stored ones, and rich text as CKEditor writes it back (no line breaks between
    paragraphs, which the page import and the stored text may have)."""
    if value is None or (value is False and isinstance(model_field, models.FileField)):
        return ""  # nothing, as an empty text or file field holds it (False: a file cleared)
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0)
    if isinstance(value, str):
        value = value.replace("\r\n", "\n")
        if isinstance(model_field, RichTextField):
            return _BETWEEN_TAGS.sub("><", value).strip()
        return value
    if hasattr(value, "values_list"):  # the queryset of a many-to-many field
        return sorted(value.values_list("pk", flat=True))
    if isinstance(value, list | tuple):
        return sorted(getattr(item, "pk", item) for item in value)
    if hasattr(value, "_meta"):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def _display(obj, name, value):
    """A raw value of ``obj``'s field ``name`` as text a person can read, for the diff."""
    if value is None or value == "":
        return ""
    model_field = obj._meta.get_field(name)
    if model_field.is_relation:
        model = model_field.related_model
        pks = value if isinstance(value, list) else [value]
        return "、".join(str(each) for each in model._default_manager.filter(pk__in=pks))
    if hasattr(value, "astimezone"):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    text = str(value)
    return strip_tags(text) if "<" in text else text
