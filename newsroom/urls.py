import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path, re_path, register_converter
from django.utils.translation import gettext_lazy as _

from accounts.views import my_account
from articles.sitemaps import ArticleSitemap, ContributorSitemap, IssueSitemap, ListPagesSitemap
from courts.sitemaps import CourtSitemap

from . import converters, views

register_converter(converters.IsoDateConverter, "isodate")

admin.site.site_header = _("Court Special Edition newsroom")
admin.site.site_title = _("Court Special Edition")
admin.site.index_title = _("Editorial desk")

SITEMAPS = {
    "pages": ListPagesSitemap,
    "issues": IssueSitemap,
    "articles": ArticleSitemap,
    "courts": CourtSitemap,
    "contributors": ContributorSitemap,
}

handler500 = "newsroom.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("articles.urls")),
    path("courts/", include("courts.urls")),
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
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("health/", views.health, name="health"),
    path("health/alive/", views.alive, name="alive"),
    path("admin/my-account/", admin.site.admin_view(my_account), name="my_account"),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Uploads served by Django itself (development, single machine). django.conf.urls.static's
    # helper would do nothing with DEBUG off, so the route is spelled out.
    urlpatterns += [
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", views.media),
    ]
