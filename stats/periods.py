"""The period a statistics page or report covers: a month, a quarter, a year or any range."""

import calendar
import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class PeriodForm(forms.Form):
    KINDS = [
        ("year", _("year")),
        ("quarter", _("quarter")),
        ("month", _("month")),
        ("range", _("range")),
    ]

    period = forms.ChoiceField(label=_("period"), choices=KINDS, initial="year")
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100, required=False)
    quarter = forms.TypedChoiceField(
        label=_("quarter"), choices=[(q, q) for q in range(1, 5)], coerce=int, required=False
    )
    month = forms.TypedChoiceField(
        label=_("month"), choices=[(m, m) for m in range(1, 13)], coerce=int, required=False
    )
    start = forms.DateField(
        label=_("first day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("last day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        kind = data.get("period") or "year"
        year = data.get("year") or timezone.localdate().year
        if kind == "range":
            start, end = data.get("start"), data.get("end")
            if start is None or end is None:
                raise forms.ValidationError(gettext("Give the first and the last day."))
            if end < start:
                raise forms.ValidationError(gettext("The last day comes before the first."))
        elif kind == "quarter":
            quarter = data.get("quarter") or 1
            start = datetime.date(year, 3 * quarter - 2, 1)
            end = month_end(year, 3 * quarter)
        elif kind == "month":
            month = data.get("month") or 1
            start, end = datetime.date(year, month, 1), month_end(year, month)
        else:
            start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        data["start"], data["end"] = start, end
        return data


def month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def this_year():
    year = timezone.localdate().year
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
