"""The feeds page: what a feed is, and the address of each (all articles, each city court's, and
those other apps register in articles.hooks, such as the corrections'), to copy into a feed
reader. The articles' feeds themselves are in articles/feeds.py."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from courts.models import Court

from .. import hooks


def feed_list(request):
    courts = Court.objects.published().cities().order_by("path")
    feeds = [(court, reverse("courts:feed", args=[court.slug])) for court in courts]
    context = {
        "all_feed": reverse("articles:feed"),
        "court_feeds": feeds,
        "other_feeds": [
            (key, title, reverse(url_name)) for key, title, url_name in hooks.other_feeds
        ],
        "page_title": _("RSS feeds"),
        "section": "feeds",
    }
    return render(request, "articles/feed_list.html", context)
