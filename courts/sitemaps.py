"""The court pages in the sitemap."""

from django.contrib.sitemaps import Sitemap

from .models import Court


class CourtSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Court.objects.published().only("slug")
