"""The site's front page and its sitemaps: URL names without a namespace ("home", "sitemap",
"sitemap_section"), included by the root URLs."""

from django.contrib.sitemaps import views as sitemaps
from django.urls import path

from courts.sitemaps import CourtSitemap

from .sitemaps import ArticleSitemap, ContributorSitemap, IssueSitemap, ListPagesSitemap
from .views import home

SITEMAPS = {
    "pages": ListPagesSitemap,
    "issues": IssueSitemap,
    "articles": ArticleSitemap,
    "courts": CourtSitemap,
    "contributors": ContributorSitemap,
}

urlpatterns = [
    path("", home.home, name="home"),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
