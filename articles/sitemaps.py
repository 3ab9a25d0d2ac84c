"""
Sitemaps of the public pages: published editions, articles and contributors, and the lists.
``/sitemap.xml`` is an index of one sitemap per section, each in pages of at most ``limit``
addresses: an archive of 100,000 articles is twenty pages of articles.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from newsroom.generation import cached_value
from newsroom.pagination import CountCachedPaginator

from .models import Article, Contributor, Issue


class ArchiveSitemap(Sitemap):
    """A sitemap of a growing table: pages of 5,000 addresses (well under the protocol's 50,000,
    so a page stays quick to make), counted once per content generation, not once per request
    for the index and each of its pages."""

    limit = 5000

    @property
    def paginator(self):
        key = f"sitemap:{type(self).__name__}"
        return CountCachedPaginator(self.items(), self.limit, count_key=key)

    def get_latest_lastmod(self):
        # Django's default reads every item for the index; one aggregate, once per generation.
        if not hasattr(self, "lastmod"):
            return None
        return cached_value(
            f"sitemap-lastmod:{type(self).__name__}",
            self.newest_change,
        )

    def newest_change(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class ListPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["home", "articles:issues", "articles:list", "courts:list"]

    def location(self, item):
        return reverse(item)


class IssueSitemap(ArchiveSitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Issue.objects.published().order_by("-date", "page_number")

    def lastmod(self, issue):
        return issue.updated_at


class ArticleSitemap(ArchiveSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().with_last_modified().only("pk", "slug", "updated_at")

    def lastmod(self, article):
        return article.last_modified

    def newest_change(self):
        return Article.objects.latest_public_change()


class ContributorSitemap(ArchiveSitemap):
    changefreq = "weekly"
    priority = 0.3

    def items(self):
        return Contributor.objects.published().only("pk").order_by("pk")
