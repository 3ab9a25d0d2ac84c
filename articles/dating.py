"""
Back issues dated by their print date, once: before publishing gave a printed page (and its
articles) its edition's morning by default (workflow.default_publish_time), an edition published
from the admin, and the articles that went out with it, were dated the day they went online.

An edition or article of an edition counts as misdated when it is published, its time has come,
and that time falls on a later day than the edition's date: it is moved to the edition's print
time (Issue.print_time). A time on the edition's own day, or one still to come (scheduled by an
editor), is left as it is. Each change is a version, with a comment that says why.
"""

import reversion
from django.db import transaction
from django.db.models import F
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext

from .models import Article, Issue, Status


def misdated(queryset, date_field, now):
    """Published, due, and dated after the local day of ``date_field`` (the edition's date)."""
    return (
        queryset.filter(status=Status.PUBLISHED, publish_at__lte=now)
        .annotate(published_on=TruncDate("publish_at", tzinfo=timezone.get_default_timezone()))
        .filter(published_on__gt=F(date_field))
    )


def date_back_issues(dry_run=False):
    """Move misdated editions and their articles to their print time; return how many."""
    now = timezone.now()
    changed = 0
    with transaction.atomic():
        issues = misdated(Issue.objects.all(), "date", now).order_by("date", "page_number")
        articles = misdated(
            Article.objects.filter(issue__isnull=False).select_related("issue"), "issue__date", now
        ).order_by("issue__date", "position", "pk")
        comment = gettext("Dated by its edition's print date (%(when)s)")
        for obj in [*issues, *articles]:
            edition = obj if isinstance(obj, Issue) else obj.issue
            changed += 1
            if dry_run:
                continue
            when = edition.print_time
            with reversion.create_revision():
                obj.publish_at = when
                obj.save(update_fields=["publish_at"])
                local = timezone.localtime(when).strftime("%Y-%m-%d %H:%M")
                reversion.set_comment(comment % {"when": local})
    return changed
