"""
The edition calendar: a month grid that marks the dates that have an edition.

Editions are irregular, so the month navigation jumps between months that have editions, found
with one query over the months (``Issue.objects.published().dates("date", "month")``).
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.urls import reverse

from newsroom.generation import cached_value

from .models import Issue


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    url: str = ""
    pages: int = 0
    current: bool = False


@dataclass
class Month:
    first: datetime.date
    weeks: list = field(default_factory=list)
    previous: datetime.date | None = None
    next: datetime.date | None = None

    @property
    def url(self):
        return month_url(self.first)

    @property
    def previous_url(self):
        return month_url(self.previous) if self.previous else ""

    @property
    def next_url(self):
        return month_url(self.next) if self.next else ""


def month_url(month):
    return reverse("articles:issues_month", kwargs={"year": month.year, "month": month.month})


def edition_months(issues=None):
    """The first day of every month that has a published edition, oldest first (one query; the
    published editions' months are kept in the data cache while the content is unchanged)."""
    if issues is None:
        return cached_value(
            "edition-months", lambda: list(Issue.objects.published().dates("date", "month"))
        )
    return list(issues.dates("date", "month"))


def month_range(month):
    """The first day of ``month`` and the first day of the month after."""
    first = month.replace(day=1)
    after = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, after


def build_month(month, months, current=None, issues=None):
    """
    The grid of ``month``. ``months`` is the list from ``edition_months()``; ``current`` is the
    date to highlight. The month's editions are loaded in one query unless given.
    """
    first, after = month_range(month)
    if issues is None:
        issues = (
            Issue.objects.published()
            .filter(date__gte=first, date__lt=after)
            .order_by("date", "page_number")
            .only("date", "page_number")
        )
    by_date = {}
    for issue in issues:
        day = by_date.setdefault(issue.date, {"url": issue.get_absolute_url(), "pages": 0})
        day["pages"] += 1
    weeks = [
        [
            Day(
                date=date,
                in_month=date.month == first.month,
                current=date == current,
                **(by_date.get(date, {}) if date.month == first.month else {}),
            )
            for date in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    earlier = [m for m in months if m < first]
    later = [m for m in months if m > first]
    return Month(
        first=first,
        weeks=weeks,
        previous=earlier[-1] if earlier else None,
        next=later[0] if later else None,
    )
