"""
The filters of the article list and the search page.

A filter that cannot be applied (an unknown court, a malformed date, an overlong query) is left
out and reported to the reader; the others still apply.
"""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from courts.models import Court
from newsroom.generation import cached_value

from .models import Contributor, Credit
from .search.query import search_articles

MAX_QUERY_LENGTH = 100
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2999, 12, 31)


class CourtSelect(forms.Select):
    """
    The court tree as a <select>. Its hundred-odd options, rendered through the form templates,
    cost more than the rest of a list page, and change only with the content: the rendered HTML
    is kept in the data cache per content generation, language and chosen court.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = "" if value is None else str(value)
        if len(chosen) > 60:  # no court's slug is this long: not worth keeping
            return super().render(name, value, attrs, renderer)
        key = f"court-select:{get_language()}:{name}:{chosen}:{sorted((attrs or {}).items())}"
        parent = super()
        return cached_value(key, lambda: parent.render(name, value, attrs, renderer))


class CourtChoiceField(forms.ModelChoiceField):
    """Courts by slug, shown as an indented tree."""

    widget = CourtSelect

    def label_from_instance(self, court):
        return "\u3000" * max(court.depth, 0) + court.display_name


class CourtFilter(django_filters.ModelChoiceFilter):
    field_class = CourtChoiceField


def _day_start(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


class ArticleFilterForm(forms.Form):
    def _clean_date(self, name):
        value = self.cleaned_data.get(name)
        if value and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(_("Enter a date between 1900 and 2999."))
        return value

    def clean_date_from(self):
        return self._clean_date("date_from")

    def clean_date_to(self):
        return self._clean_date("date_to")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            # Both left out, as the notice says: a form-wide error alone would leave them
            # applied (and the list empty).
            self.add_error(None, _("The start date is after the end date."))
            del cleaned["date_from"], cleaned["date_to"]
        return cleaned


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Words"),
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={
            "max_length": _(
                "Search words may be %(limit_value)d characters long at most (these are "
                "%(show_value)d)."
            )
        },
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Words to look for")}),
    )
    court = CourtFilter(
        label=_("Court"),
        queryset=Court.objects.published(),
        to_field_name="slug",
        method="filter_court",
        empty_label=_("All courts"),
        error_messages={"invalid_choice": _("There is no court “%(value)s”.")},
    )
    date_from = django_filters.DateFilter(
        label=_("From"), method="filter_date_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        label=_("To"), method="filter_date_to", widget=forms.DateInput(attrs={"type": "date"})
    )
    contributor = django_filters.ModelChoiceFilter(
        label=_("Contributor"),
        # Only those with a public page: naming anyone else in the filter's chip would tell
        # readers who is credited on drafts. Made per request: published() reads the clock.
        queryset=lambda request: Contributor.objects.published(),
        method="filter_contributor",
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("There is no contributor “%(value)s”.")},
    )

    class Meta:
        form = ArticleFilterForm
        fields = []

    def filter_q(self, queryset, name, value):
        return search_articles(queryset, value)

    def filter_court(self, queryset, name, court):
        # The court and every court below it: ordos includes 鄂托克旗人民法院.
        return queryset.in_court_subtree(court)

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(publish_at__gte=_day_start(value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(publish_at__lt=_day_start(value + datetime.timedelta(days=1)))

    def filter_contributor(self, queryset, name, contributor):
        credited = Credit.objects.filter(contributor=contributor).values("article")
        return queryset.filter(pk__in=credited)

    def problems(self):
        """What could not be applied, as (label, message) pairs for the reader."""
        if not self.is_bound:
            return []
        form = self.form
        form.is_valid()
        found = []
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            found.extend((label, message) for message in errors)
        return found

    def active(self, params):
        """The filters in force, each with the query string that removes it."""
        if not self.is_bound:
            return []
        form = self.form
        form.is_valid()
        chosen = []
        for name, value in form.cleaned_data.items():
            if value in (None, ""):
                continue
            if name in form.errors:
                continue
            display = value
            if name in ("date_from", "date_to"):
                display = value.isoformat()
            elif name in ("court", "contributor"):
                display = value.name
            rest = params.copy()
            rest.pop(name, None)
            rest.pop("page", None)
            chosen.append(
                {"name": name, "label": form.fields[name].label, "value": display, "remove": rest}
            )
        return chosen
