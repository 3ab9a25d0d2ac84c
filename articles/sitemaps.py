"""Sitemaps of the public pages: published editions, articles and contributors, and the lists."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Contributor, Issue


class ListPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["home", "articles:issues", "articles:list", "courts:list"]

    def location(self, item):
        return reverse(item)


class IssueSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Issue.objects.published().order_by("-date", "page_number")

    def lastmod(self, issue):
        return issue.updated_at


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("pk", "slug", "updated_at")

    def lastmod(self, article):
        return article.updated_at


class ContributorSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.3

    def items(self):
        return Contributor.objects.published().only("pk").order_by("pk")
