"""
Two people editing one article: the second save must not silently overwrite the first.

The change form carries the article's ``edit_version`` as it was when the form was opened. On
save, if the stored article has moved on since, the form refuses with a conflict that shows what
the other person changed (field by field, from the saved version the editor had opened) next to
what this editor typed; the editor then reloads their version, or saves theirs over it on purpose
(the "_overwrite" button names the version they saw, so a third save in between is caught too).
"""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from reversion.models import Version
from reversion_compare.helpers import html_diff

from accounts.roles import person_name

from .models import Article

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
    """For the article's admin form: refuse a save on top of a newer one, and explain it."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if not self.is_bound:
            self.initial["loaded_version"] = self.instance.edit_version

    @property
    def changed_data(self):
        # The version marker is bookkeeping, not a change anyone made.
        return [name for name in super().changed_data if name != "loaded_version"]

    def check_conflict(self, cleaned_data):
        if self.instance.pk is None:
            return
        stored = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("edit_version", flat=True)
            .first()
        )
        loaded = cleaned_data.get("loaded_version")
        if stored is None or loaded == stored:
            return
        # A post that does not say which version it started from is treated as stale too.
        if self.data.get(OVERWRITE) == str(stored):
            return  # they saw this very version and chose to save theirs over it
        self.conflict = self._describe(loaded)
        raise ValidationError(
            _(
                "Someone else saved this article while you were editing it. Their changes are "
                "shown below: reload to continue from their version, or save yours over it."
            ),
            code="conflict",
        )

    def _describe(self, loaded):
        current = Article.objects.select_related("updated_by__contributor").get(pk=self.instance.pk)
        conflict = Conflict(
            current_version=current.edit_version,
            saved_by=person_name(current.updated_by) if current.updated_by else None,
            saved_at=current.updated_at,
        )
        base = _version_with(current, loaded)
        conflict.base_known = base is not None
        theirs = _values(current)
        for name, form_field in self.fields.items():
            if name not in theirs:
                continue
            yours = _raw(self.cleaned_data.get(name, theirs[name]))
            before = base.get(name) if base is not None else None
            if base is not None and before == theirs[name]:
                continue  # they did not touch this field
            if base is None and yours == theirs[name]:
                continue
            conflict.fields.append(
                ChangedField(
                    label=str(form_field.label or name),
                    diff=html_diff(_display(name, before), _display(name, theirs[name])),
                    yours=_display(name, yours),
                    you_changed_it_too=base is None or yours != before,
                )
            )
        return conflict


def _values(article):
    """The article's editable values, raw (ids for relations) so that they compare."""
    values = {f.name: getattr(article, f.attname) for f in Article._meta.concrete_fields}
    values["courts"] = sorted(article.courts.values_list("pk", flat=True))
    return values


def _version_with(article, edit_version):
    """The saved values of ``article`` as they were at ``edit_version``, or None if not kept."""
    for version in Version.objects.get_for_object(article).order_by("-pk")[:50]:
        try:
            data = version.field_dict
        except Exception:  # a version from an older schema that no longer loads
            continue
        if data.get("edit_version") == edit_version:
            values = {f.name: data.get(f.attname) for f in Article._meta.concrete_fields}
            values["courts"] = sorted(data.get("courts", []))
            return values
    return None


def _raw(value):
    """A form's cleaned value in the form _values() gives."""
    if hasattr(value, "values_list"):  # the queryset of a many-to-many field
        return sorted(value.values_list("pk", flat=True))
    if isinstance(value, list | tuple):
        return sorted(getattr(item, "pk", item) for item in value)
    if hasattr(value, "_meta"):
        return value.pk
    return value


def _display(name, value):
    """A raw value as text a person can read, for the diff."""
    if value is None or value == "":
        return ""
    model_field = Article._meta.get_field(name)
    if model_field.is_relation:
        model = model_field.related_model
        pks = value if isinstance(value, list) else [value]
        return "、".join(str(obj) for obj in model._default_manager.filter(pk__in=pks))
    if hasattr(value, "astimezone"):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    text = str(value)
    return strip_tags(text) if "<" in text else text
