"""The front page: the latest edition, recent articles and the city courts."""

from django.shortcuts import render

from courts.models import Court

from ..court_counts import counted
from ..edition_calendar import build_month, edition_months
from ..models import Article, Issue
from .editions import headlines

RECENT_ARTICLES = 8


def home(request):
    """The latest edition (all its pages, the first one in full), recent articles, city courts."""
    published = Issue.objects.published()
    latest_date = published.order_by("-date").values("date")[:1]
    latest_pages = list(
        published.filter(date__in=latest_date).prefetch_related(headlines()).order_by("page_number")
    )
    issue = latest_pages[0] if latest_pages else None
    issue_articles = (
        list(
            Article.objects.published().filter(issue=issue).for_listing().order_by("position", "pk")
        )
        if issue
        else []
    )
    shown = {article.pk for article in issue_articles}
    recent = [
        article
        for article in Article.objects.published().for_listing()[: RECENT_ARTICLES + len(shown)]
        if article.pk not in shown
    ][:RECENT_ARTICLES]
    context = {
        "issue": issue,
        "latest_pages": latest_pages,
        "issue_articles": issue_articles,
        "recent": recent,
        "city_courts": counted(Court.objects.published().cities(), "cities"),
        "calendar": build_month(issue.date, edition_months(), issue.date) if issue else None,
        "section": "home",
    }
    return render(request, "home.html", context)
