"""
A correction printed where the mistake was: as a short draft article on the next edition of the
same page (版). When that edition does not exist yet, the correction waits ("to print") and is
placed as soon as the edition is saved.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.html import format_html_join

from articles.models import Article, Issue, Status
from articles.text import cn_date

from .models import Correction


def next_edition(correction):
    """The first edition of the article's page number dated after the correction and after the
    article's own edition, or None."""
    issue = correction.article.issue
    if issue is None:
        return None
    after = max(issue.date, timezone.localdate(correction.date))
    return (
        Issue.objects.filter(page_number=issue.page_number, date__gt=after).order_by("date").first()
    )


def short_item_body(correction):
    original = correction.article
    with translation.override(settings.LANGUAGE_CODE):
        where = ""
        if original.issue is not None:
            where = f"本刊{cn_date(original.issue.date)}{original.issue.page_number:02d}版"
        lead = f"{where}《{original.headline}》一文："
        paragraphs = [lead, *(p.strip() for p in correction.text.splitlines() if p.strip())]
    return format_html_join("", "<p>{}</p>", ((p,) for p in paragraphs))


def place(correction, user=None):
    """Put ``correction`` on its next edition as a draft, if it waits and the edition exists.
    Returns the new article, or None."""
    if not correction.to_print or correction.printed_as_id or correction.withdrawn_at:
        return None
    edition = next_edition(correction)
    if edition is None:
        return None
    with transaction.atomic():
        last = edition.articles.aggregate(last=Max("position"))["last"] or 0
        with translation.override(settings.LANGUAGE_CODE):
            headline = str(correction.get_kind_display())
        item = Article.objects.create(
            issue=edition,
            position=last + 1,
            headline=headline,
            body=short_item_body(correction),
            status=Status.DRAFT,
            created_by=user,
            updated_by=user,
        )
        correction.printed_as = item
        correction.save(update_fields=["printed_as", "updated_at"])
    return item


def place_waiting(edition):
    """Place every waiting correction whose next edition is ``edition``."""
    waiting = (
        Correction.objects.to_print()
        .filter(article__issue__page_number=edition.page_number)
        .select_related("article__issue")
    )
    placed = []
    for correction in waiting:
        if next_edition(correction) == edition:
            item = place(correction, user=edition.updated_by)
            if item is not None:
                placed.append(item)
    return placed


def edition_saved(sender, instance, created, raw=False, using=None, **kwargs):
    if created and not raw:
        transaction.on_commit(lambda: place_waiting(instance), using=using)
