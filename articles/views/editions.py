"""
Edition (版面) pages: the archive by date with its calendar, and one printed page with its
articles in print order.
"""

import datetime

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from newsroom.pagination import ReaderPaginationMixin

from ..edition_calendar import build_month, edition_months, month_range
from ..models import Article, Issue, PageArea
from ..renditions import rendition_url
from ..text import cn_date, page_label


def headlines():
    """The public articles of each edition, in print order, for edition cards."""
    return Prefetch(
        "articles",
        queryset=Article.objects.published().headlines(),
        to_attr="public_articles",
    )


class IssueListView(ReaderPaginationMixin, ListView):
    """
    Editions newest first: all of them (``/issues/``), a year's or a month's. The calendar shows
    the month being looked at and jumps between months that have editions.
    """

    template_name = "articles/issue_list.html"
    context_object_name = "issues"
    paginate_by = 12

    def get_period(self):
        year, month = self.kwargs.get("year"), self.kwargs.get("month")
        if year is None:
            return None, None
        try:
            if month is None:
                return datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
            return month_range(datetime.date(year, month, 1))
        except (ValueError, OverflowError) as error:
            raise Http404("No such date") from error

    def get_queryset(self):
        self.start, self.end = self.get_period()
        issues = Issue.objects.published()
        if self.start:
            issues = issues.filter(date__gte=self.start, date__lt=self.end)
        return issues.prefetch_related(headlines()).order_by("-date", "page_number")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.start and not context["paginator"].count:
            raise Http404("No editions in this period")
        months = edition_months()
        if self.kwargs.get("month"):
            shown = self.start
        elif context["issues"]:
            shown = context["issues"][0].date.replace(day=1)
        else:
            shown = months[-1] if months else None
        years = sorted({m.year for m in months}, reverse=True)
        selected_year = self.start.year if self.start else (shown.year if shown else None)
        if self.kwargs.get("month"):
            title = _("Editions of %(month)s") % {"month": cn_date(self.start, "month")}
        elif self.start:
            title = _("Editions of %(year)s") % {"year": self.start.year}
        else:
            title = _("Editions")
        context.update(
            section="issues",
            page_title=title,
            page_description=_("Every edition of the court page by date, with its headlines."),
            calendar=build_month(shown, months) if shown else None,
            years=years,
            year=self.start.year if self.start else None,
            month=self.start if self.kwargs.get("month") else None,
            selected_year=selected_year,
            year_months=[m for m in months if m.year == selected_year],
        )
        return context


def page_articles(articles, issue):
    """The articles printed on ``issue``, in print order, with what the page shows of each."""
    return (
        articles.filter(issue=issue)
        .for_listing()
        .prefetch_related(Prefetch("page_areas", queryset=PageArea.objects.order_by("pk")))
        .order_by("position", "pk")
    )


def issue_page_context(issue, articles):
    """Around an edition: its articles, the other pages, previous/next, the month's calendar."""
    published = Issue.objects.published()
    earlier = Q(date__lt=issue.date) | Q(date=issue.date, page_number__lt=issue.page_number)
    later = Q(date__gt=issue.date) | Q(date=issue.date, page_number__gt=issue.page_number)
    older = (
        published.filter(earlier)
        .order_by("-date", "-page_number")
        .only("date", "page_number")
        .first()
    )
    newer = (
        published.filter(later).order_by("date", "page_number").only("date", "page_number").first()
    )
    first, after = month_range(issue.date)
    month_issues = list(
        published.filter(date__gte=first, date__lt=after)
        .order_by("date", "page_number")
        .only("date", "page_number", "title")
    )
    articles = list(page_articles(articles, issue))
    title = f"{issue.title} {cn_date(issue.date, 'long')} {page_label(issue.page_number)}"
    return {
        "section": "issues",
        "page_title": title,
        "page_description": issue.quote[:120]
        or "；".join(article.headline for article in articles)[:160]
        or title,
        "canonical_path": issue.get_absolute_url(),
        "og_image": rendition_url(issue.page_image, 800) if issue.page_image else "",
        "articles": articles,
        "mapped_articles": [a for a in articles if a.page_areas.all()],
        "previous_issue": older,
        "next_issue": newer,
        "same_date": [i for i in month_issues if i.date == issue.date],
        "calendar": build_month(issue.date, edition_months(), issue.date, month_issues),
    }


class IssueDetailView(DetailView):
    template_name = "articles/issue_detail.html"
    context_object_name = "issue"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Issue.objects.published(), date=self.kwargs["date"], page_number=self.kwargs["page"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(issue_page_context(self.object, Article.objects.published()))
        return context
