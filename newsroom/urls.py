import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path, register_converter
from django.utils.translation import gettext_lazy as _

from . import converters, views

register_converter(converters.IsoDateConverter, "isodate")

admin.site.site_header = _("Court Special Edition newsroom")
admin.site.site_title = _("Court Special Edition")
admin.site.index_title = _("Editorial desk")

handler500 = "newsroom.views.server_error"

urlpatterns = [
    # The apps' pages, named by string: the root wiring is the one place that names the apps.
    path("", include("articles.site_urls")),  # the home page and the sitemaps
    path("", include("articles.urls")),
    path("courts/", include("articles.court_urls")),  # court pages list articles
    path("", include("corrections.urls")),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("health/", views.health, name="health"),
    path("health/alive/", views.alive, name="alive"),
    path("admin/my-account/", include("accounts.urls")),  # every staff member's own page
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Uploads served by Django itself (development, single machine). django.conf.urls.static's
    # helper would do nothing with DEBUG off, so the route is spelled out.
    urlpatterns += [
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", views.media),
    ]
