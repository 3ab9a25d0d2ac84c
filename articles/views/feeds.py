"""The feeds page: what a feed is, and the address of each (all articles, each city court's), to
copy into a feed reader. The feeds themselves are in articles/feeds.py."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from courts.models import Court


def feed_list(request):
    courts = Court.objects.published().cities().order_by("path")
    feeds = [(court, reverse("courts:feed", args=[court.slug])) for court in courts]
    context = {
        "all_feed": reverse("articles:feed"),
        "court_feeds": feeds,
        "page_title": _("RSS feeds"),
        "section": "feeds",
    }
    return render(request, "articles/feed_list.html", context)
