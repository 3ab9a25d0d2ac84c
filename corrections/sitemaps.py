"""The corrections list and the policy page, for search engines."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class CorrectionPagesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return ["corrections:list", "corrections:policy"]

    def location(self, item):
        return reverse(item)
