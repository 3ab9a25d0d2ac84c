"""RSS feed of the public corrections, newest first."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from .models import Correction

FEED_SIZE = 30


class CorrectionFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "zh-cn"
    title = _("Court Special Edition: corrections")
    link = reverse_lazy("corrections:list")
    description = _("Corrections and clarifications of the court page's articles.")

    def items(self):
        return (
            Correction.objects.public()
            .select_related("article")
            .order_by("-date", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return _("%(kind)s: %(headline)s") % {
            "kind": item.get_kind_display(),
            "headline": item.article.headline,
        }

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"correction-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.date

    def item_updateddate(self, item):
        return item.updated_at
