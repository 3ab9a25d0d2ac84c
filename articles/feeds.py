"""RSS feeds of published articles: all of them, and those about a court and the courts below."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from courts.models import Court

from .models import Article
from .text import excerpt_of

FEED_SIZE = 30


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "zh-cn"
    title = _("Court Special Edition: latest articles")
    link = reverse_lazy("articles:list")
    description = _(
        "Articles of the court page edited by the Inner Mongolia Autonomous Region High "
        "People's Court."
    )

    def base_items(self):
        return Article.objects.published().for_listing()

    def items(self):
        return self.base_items()[:FEED_SIZE]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return excerpt_of(item, 200)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [court.name for court in item.courts.all()]


class CourtArticleFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Court.objects.published(), slug=slug)

    def title(self, court):
        return _("Court Special Edition: %(court)s") % {"court": court.name}

    def link(self, court):
        return reverse("courts:detail", args=[court.slug])

    def description(self, court):
        return _("Articles about %(court)s and the courts below it.") % {"court": court.name}

    def items(self, court):
        return self.base_items().in_court_subtree(court)[:FEED_SIZE]
